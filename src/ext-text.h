/*
 * Text rules of the extension format, shared by the loader, the validator,
 * the executor and the forms, so they all agree on them:
 *
 *   slugs             "Capture Area (OCR)" -> "capture-area-ocr"
 *   placeholders      {{name}} inputs and {{#if flag}} flags in a command's code
 *   positional args   $1 … $n and $@
 *   intervals         Raycast's "90s", "1m", "12h", "1d"
 *   versions          dotted version comparison for minVersion
 *
 * Pure functions: no I/O, no globals.
 */
#ifndef CHITTY_EXT_TEXT_H
#define CHITTY_EXT_TEXT_H

#include <stddef.h>

struct strbuf;
struct strv;

/*
 * A command or extension slug: ASCII letters and digits lowercased, letters
 * of other scripts kept as they are, every other run (spaces, punctuation,
 * emoji) one '-', no '-' at either end.  "" when nothing is left.  A new
 * string.
 */
char *ext_slugify(const char *text);

/* 1 when name is a usable extension name: [A-Za-z0-9._-], not starting with '.' or '-'. */
int ext_name_valid(const char *name);

/*
 * The placeholders in code: {{name}} inputs (deduplicated, in order of first
 * appearance) into inputs, and the flags of {{#if flag}} / {{else if flag}}
 * into flags (deduplicated).  {{else}}, {{/if}} and other {{#…}}/{{/…}}
 * blocks are not inputs.  An input name is letters, digits, '_', '-', '.'
 * and inner spaces; anything else between braces (JSX's {{a: 1}}) is code.
 * Either vector may be NULL.
 */
void ext_scan_placeholders(const char *code, struct strv *inputs, struct strv *flags);

enum ext_placeholder_kind {
	PH_INPUT,   /* {{name}} */
	PH_IF,      /* {{#if flag}} */
	PH_ELSE_IF, /* {{else if flag}} */
	PH_ELSE,    /* {{else}} */
	PH_END_IF,  /* {{/if}} */
};

struct ext_placeholder {
	enum ext_placeholder_kind kind;
	size_t start, end; /* the whole "{{…}}" (or "{{{…}}}") is code[start..end) */
	const char *name;  /* the input or flag name (points into code), not terminated */
	size_t name_len;   /* 0 for {{else}} and {{/if}} */
};

/*
 * The next placeholder at or after code[*pos], by the rules of
 * ext_scan_placeholders: 1 with *ph filled and *pos moved past it, or 0
 * when there is none.  The loader's scan and the executor's substitution
 * both walk code with this, so they always agree on what is a placeholder.
 */
int ext_next_placeholder(const char *code, size_t *pos, struct ext_placeholder *ph);

/* 1 when code uses positional arguments: $1…$9, ${1}…, $@ or ${@} ($$ and \$ excluded). */
int ext_scan_positional(const char *code);

/*
 * A Raycast interval ("90s", "1m", "12h", "1d"): its length in seconds, or
 * -1 when the syntax is wrong.
 */
long ext_interval_seconds(const char *interval);

/*
 * Compare dotted versions ("1.2.10" > "1.2.9"; a missing part is 0; a
 * pre-release suffix after '-' is ignored).  <0, 0, >0; *valid (may be NULL)
 * is 0 when either is not a version.
 */
int ext_version_compare(const char *a, const char *b, int *valid);

/*
 * Append the text of an HTML entity as md4c reports it (MD_TEXT_ENTITY:
 * "&amp;", "&#233;", "&#x1F600;"); one it does not know is appended as
 * written.
 */
void ext_append_entity(struct strbuf *sb, const char *text, size_t size);

/*
 * The prose of a command's section, md[0..len): the markdown without its
 * fenced code blocks (``` or ~~~, any info) and HTML comments (metadata),
 * runs of blank lines as one, trimmed.  A new string, or NULL when nothing
 * is left.
 */
char *ext_prose(const char *md, size_t len);

#endif
