/* Reading one extension file: frontmatter with libyaml, the body with md4c. */
#include "build-config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>
#include <md4c.h>

#include "ext-load.h"
#include "ext-loader.h"
#include "ext-node.h"
#include "ext-text.h"
#include "extension.h"
#include "fileio.h"
#include "strbuf.h"
#include "suggest.h"
#include "tools.h"
#include "utf8.h"
#include "xmalloc.h"

#define ERR  PROBLEM_ERROR
#define WARN PROBLEM_WARNING

struct fence {
	char *info; /* the whole info string; "" for a bare fence */
	char *code;
	int line; /* the opening fence */
};

struct html_range {
	size_t start, end; /* offsets in the text */
};

/* A stretch of the body under one heading. */
struct section {
	int level; /* 0: before any heading; 1: "# " group; 2: "## " command */
	char *title;
	int line;
	struct fence *fences;
	size_t n_fences;
	struct html_range *html;
	size_t n_html;
};

struct walk {
	const char *text;
	size_t len;
	size_t *line_starts;
	size_t n_lines;
	struct section *sections;
	size_t n_sections;
	int depth;
	size_t last_off; /* furthest offset md4c has shown us */

	int in_heading;
	unsigned heading_level;
	struct strbuf heading;
	int heading_pos_known;
	size_t heading_pos;

	int in_code;
	struct strbuf code;
	char *code_info;
	int code_line;
};

/* Lines */

static void
index_lines(struct walk *w)
{
	size_t cap = 64;
	w->line_starts = xreallocarray(NULL, cap, sizeof *w->line_starts);
	w->line_starts[w->n_lines++] = 0;
	for (const char *p = w->text; (p = memchr(p, '\n', w->len - (size_t)(p - w->text)));) {
		p++;
		if (w->n_lines == cap) {
			cap *= 2;
			w->line_starts = xreallocarray(w->line_starts, cap, sizeof *w->line_starts);
		}
		w->line_starts[w->n_lines++] = (size_t)(p - w->text);
		if ((size_t)(p - w->text) >= w->len)
			break;
	}
}

/* 1-based line of a text offset. */
static int
line_of(const struct walk *w, size_t off)
{
	size_t lo = 0, hi = w->n_lines;
	while (hi - lo > 1) {
		size_t mid = (lo + hi) / 2;
		if (w->line_starts[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	return (int)lo + 1;
}

static const char *
line_text(const struct walk *w, int line, size_t *len)
{
	size_t start = w->line_starts[line - 1];
	size_t end = (size_t)line < w->n_lines ? w->line_starts[line] : w->len;
	while (end > start && (w->text[end - 1] == '\n' || w->text[end - 1] == '\r'))
		end--;
	*len = end - start;
	return w->text + start;
}

/* Does the line open an ATX heading of this level ("## ", not a setext underline)? */
static int
is_atx_line(const struct walk *w, int line, unsigned level, int need_empty)
{
	size_t len, i = 0;
	const char *s = line_text(w, line, &len);
	while (i < len && i < 3 && s[i] == ' ')
		i++;
	unsigned hashes = 0;
	while (i < len && s[i] == '#') {
		hashes++;
		i++;
	}
	if (hashes != level || (i < len && s[i] != ' ' && s[i] != '\t'))
		return 0;
	if (!need_empty)
		return 1;
	while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '#'))
		i++;
	return i == len;
}

/* md4c callbacks */

static struct section *
current_section(struct walk *w)
{
	return &w->sections[w->n_sections - 1];
}

static void
add_section(struct walk *w, int level, char *title, int line)
{
	w->sections = xreallocarray(w->sections, w->n_sections + 1, sizeof *w->sections);
	struct section *s = &w->sections[w->n_sections++];
	memset(s, 0, sizeof *s);
	s->level = level;
	s->title = title;
	s->line = line;
}

static int
in_text(const struct walk *w, const MD_CHAR *p, MD_SIZE size)
{
	return p >= w->text && p + size <= w->text + w->len;
}

static void
add_html(struct walk *w, size_t start, size_t end)
{
	struct section *s = current_section(w);
	if (s->n_html > 0) {
		struct html_range *last = &s->html[s->n_html - 1];
		/* join pieces separated only by line breaks or blanks */
		size_t gap = last->end;
		while (gap < start && strchr(" \t\r\n", w->text[gap]) != NULL)
			gap++;
		if (gap == start && start >= last->end) {
			last->end = end;
			return;
		}
	}
	s->html = xreallocarray(s->html, s->n_html + 1, sizeof *s->html);
	s->html[s->n_html].start = start;
	s->html[s->n_html].end = end;
	s->n_html++;
}

static int
on_enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
	struct walk *w = userdata;
	w->depth++;
	if (type == MD_BLOCK_H && w->depth == 2) {
		MD_BLOCK_H_DETAIL *h = detail;
		if (h->level <= 2) {
			w->in_heading = 1;
			w->heading_level = h->level;
			sb_truncate(&w->heading, 0);
			w->heading_pos_known = 0;
		}
	} else if (type == MD_BLOCK_CODE) {
		MD_BLOCK_CODE_DETAIL *c = detail;
		if (c->fence_char != 0) {
			w->in_code = 1;
			sb_truncate(&w->code, 0);
			w->code_info =
				xstrndup(c->info.text != NULL ? c->info.text : "", c->info.size);
			w->code_line = 0;
			if (c->info.size > 0 && in_text(w, c->info.text, c->info.size))
				w->code_line = line_of(w, (size_t)(c->info.text - w->text));
		}
	}
	return 0;
}

static int
on_leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
	struct walk *w = userdata;
	(void)detail;
	if (type == MD_BLOCK_H && w->in_heading) {
		w->in_heading = 0;
		int line = 0;
		if (w->heading_pos_known) {
			line = line_of(w, w->heading_pos);
			if (!is_atx_line(w, line, w->heading_level, 0))
				line = 0; /* a setext heading: prose to chitty, as to Script Kit */
		} else {
			/* an empty heading: the next "##" line with nothing after it */
			for (int l = line_of(w, w->last_off); l <= (int)w->n_lines; l++)
				if (is_atx_line(w, l, w->heading_level, 1)) {
					line = l;
					break;
				}
		}
		if (line > 0) {
			char *title = sb_detach(&w->heading);
			char *s = title;
			while (*s == ' ' || *s == '\t')
				s++;
			size_t len = strlen(s);
			while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
				len--;
			char *trimmed = xstrndup(s, len);
			free(title);
			add_section(w, (int)w->heading_level, trimmed, line);
			w->last_off = w->line_starts[line - 1];
		}
	} else if (type == MD_BLOCK_CODE && w->in_code) {
		w->in_code = 0;
		struct section *s = current_section(w);
		s->fences = xreallocarray(s->fences, s->n_fences + 1, sizeof *s->fences);
		struct fence *f = &s->fences[s->n_fences++];
		size_t len = w->code.len;
		if (len > 0 && w->code.s[len - 1] == '\n')
			len--;
		f->code = xstrndup(sb_str(&w->code), len);
		f->info = w->code_info;
		f->line = w->code_line > 0 ? w->code_line : line_of(w, w->last_off);
		w->code_info = NULL;
	}
	w->depth--;
	return 0;
}

static int
on_span(MD_SPANTYPE type, void *detail, void *userdata)
{
	(void)type, (void)detail, (void)userdata;
	return 0;
}

static int
on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *userdata)
{
	struct walk *w = userdata;
	int inside = in_text(w, text, size);
	size_t off = inside ? (size_t)(text - w->text) : 0;
	if (inside && size > 0 && off > w->last_off)
		w->last_off = off;
	if (w->in_code) {
		if (type == MD_TEXT_NULLCHAR)
			sb_add(&w->code, "\xEF\xBF\xBD");
		else
			sb_addn(&w->code, text, size);
		/* a bare fence: its line is the one before the first line of code */
		if (w->code_line == 0 && inside && size > 0 && text[0] != '\n')
			w->code_line = line_of(w, off) - 1;
		return 0;
	}
	if (type == MD_TEXT_HTML) {
		if (inside && size > 0)
			add_html(w, off, off + size);
		return 0;
	}
	if (!w->in_heading)
		return 0;
	if (!w->heading_pos_known && inside && size > 0) {
		w->heading_pos_known = 1;
		w->heading_pos = off;
	}
	switch (type) {
	case MD_TEXT_ENTITY:
		ext_append_entity(&w->heading, text, size);
		break;
	case MD_TEXT_NULLCHAR:
		sb_add(&w->heading, "\xEF\xBF\xBD");
		break;
	case MD_TEXT_BR:
	case MD_TEXT_SOFTBR:
		sb_addc(&w->heading, ' ');
		break;
	default:
		sb_addn(&w->heading, text, size);
		break;
	}
	return 0;
}

static void
walk_free(struct walk *w)
{
	for (size_t i = 0; i < w->n_sections; i++) {
		struct section *s = &w->sections[i];
		free(s->title);
		for (size_t j = 0; j < s->n_fences; j++) {
			free(s->fences[j].info);
			free(s->fences[j].code);
		}
		free(s->fences);
		free(s->html);
	}
	free(w->sections);
	free(w->line_starts);
	sb_free(&w->heading);
	sb_free(&w->code);
	free(w->code_info);
}

/* Frontmatter */

/* Length of the line at p (without its '\n'), and whether it is exactly `mark` plus blanks. */
static int
is_marker_line(const char *p, const char *end, const char *mark)
{
	size_t n = strlen(mark);
	if ((size_t)(end - p) < n || memcmp(p, mark, n) != 0)
		return 0;
	p += n;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	return p == end || *p == '\n';
}

/*
 * Find the frontmatter: the YAML lies in [*yaml_start, *yaml_end), *body is the
 * first byte after the closing line.  0 when there is none; 1 when found;
 * -1 when it is never closed.
 */
static int
find_frontmatter(const char *text, size_t len, size_t *yaml_start, size_t *yaml_end, size_t *body)
{
	const char *end = text + len;
	if (!is_marker_line(text, end, "---"))
		return 0;
	const char *p = memchr(text, '\n', len);
	if (p == NULL)
		return -1;
	p++;
	*yaml_start = (size_t)(p - text);
	while (p < end) {
		if (is_marker_line(p, end, "---") || is_marker_line(p, end, "...")) {
			*yaml_end = (size_t)(p - text);
			const char *nl = memchr(p, '\n', (size_t)(end - p));
			*body = nl != NULL ? (size_t)(nl + 1 - text) : len;
			return 1;
		}
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			break;
		p = nl + 1;
	}
	return -1;
}

/* Commands */

static int
is_meta_info(const char *word, size_t len)
{
	return (len == 8 && strncmp(word, "metadata", 8) == 0) ||
	       (len == 6 && strncmp(word, "schema", 6) == 0);
}

static size_t
info_word(const char *info, const char **word)
{
	while (*info == ' ' || *info == '\t')
		info++;
	*word = info;
	return strcspn(info, " \t{");
}

/* The fence that holds the code: the first with a tool word, else the first bare one. */
static const struct fence *
code_fence(const struct section *s)
{
	const struct fence *bare = NULL;
	for (size_t i = 0; i < s->n_fences; i++) {
		const char *word;
		size_t len = info_word(s->fences[i].info, &word);
		if (len == 0) {
			if (bare == NULL)
				bare = &s->fences[i];
		} else if (!is_meta_info(word, len))
			return &s->fences[i];
	}
	return bare;
}

static const struct fence *
named_fence(const struct section *s, const char *name)
{
	for (size_t i = 0; i < s->n_fences; i++) {
		const char *word;
		size_t len = info_word(s->fences[i].info, &word);
		if (len == strlen(name) && strncmp(word, name, len) == 0)
			return &s->fences[i];
	}
	return NULL;
}

/*
 * <!-- key: value --> comments (single- or multi-line) as a map: keys
 * lowercased, values trimmed; a value written as [..] or {..} is read as
 * YAML flow (so arguments and lists fit in a comment).
 */
static struct enode *
comment_fields(const struct walk *w, const struct section *s)
{
	struct enode *map = enode_new(EN_MAP, NULL, s->line);
	for (size_t i = 0; i < s->n_html; i++) {
		const char *p = w->text + s->html[i].start;
		const char *end = w->text + s->html[i].end;
		for (;;) {
			const char *open = NULL;
			for (const char *q = p; q + 4 <= end; q++)
				if (memcmp(q, "<!--", 4) == 0) {
					open = q;
					break;
				}
			if (open == NULL)
				break;
			const char *close = NULL;
			for (const char *q = open + 4; q + 3 <= end; q++)
				if (memcmp(q, "-->", 3) == 0) {
					close = q;
					break;
				}
			if (close == NULL)
				break;
			int line = line_of(w, (size_t)(open - w->text));
			const char *l = open + 4;
			while (l < close) {
				const char *nl = memchr(l, '\n', (size_t)(close - l));
				const char *le = nl != NULL ? nl : close;
				const char *colon = memchr(l, ':', (size_t)(le - l));
				if (colon != NULL) {
					const char *ks = l, *ke = colon;
					while (ks < ke && isspace((unsigned char)*ks))
						ks++;
					while (ke > ks && isspace((unsigned char)ke[-1]))
						ke--;
					const char *vs = colon + 1, *ve = le;
					while (vs < ve && isspace((unsigned char)*vs))
						vs++;
					while (ve > vs && isspace((unsigned char)ve[-1]))
						ve--;
					int word = ke > ks;
					for (const char *k = ks; k < ke; k++)
						word &= isalnum((unsigned char)*k) || *k == '_' ||
							*k == '-';
					if (word) {
						char *key = xstrndup(ks, (size_t)(ke - ks));
						for (char *k = key; *k; k++)
							*k = (char)tolower((unsigned char)*k);
						char *value = xstrndup(vs, (size_t)(ve - vs));
						struct enode *v = NULL;
						if (*value == '[' || *value == '{') {
							int err_line;
							char *cause = NULL;
							v = enode_from_yaml(value, strlen(value),
									    line, &err_line,
									    &cause);
							free(cause);
						}
						if (v == NULL)
							v = enode_new(EN_STRING, value, line);
						v->key = key;
						v->line = line;
						enode_append(map, v);
						free(value);
					}
				}
				if (nl == NULL)
					break;
				l = nl + 1;
				line++;
			}
			p = close + 3;
		}
	}
	return map;
}

/* The frontmatter `commands:` entry for this section: by name (slug) or title. */
static long
manifest_entry(const struct enode *commands, const char *slug, const char *title)
{
	long i = 0;
	for (const struct enode *c = commands != NULL ? commands->child : NULL; c != NULL;
	     c = c->next, i++) {
		const char *name = enode_text(enode_get(c, "name"));
		if (name == NULL)
			name = enode_text(enode_get(c, "slug"));
		const char *t = enode_text(enode_get(c, "title"));
		if (t != NULL && strcmp(t, title) == 0)
			return i;
		if (name != NULL) {
			char *s = ext_slugify(name);
			int match = strcmp(s, slug) == 0;
			free(s);
			if (match)
				return i;
		}
	}
	return -1;
}

static const struct enode *
nth_child(const struct enode *list, long n)
{
	const struct enode *c = list->child;
	while (c != NULL && n-- > 0)
		c = c->next;
	return c;
}

static void
check_tool(struct extension *ext, struct ext_command *cmd, int line)
{
	const struct tool *tool = tool_find(cmd->tool);
	if (tool == NULL) {
		const char *names[64];
		size_t n = 0;
		for (size_t i = 0; tool_table[i] != NULL && n < nitems(names); i++)
			names[n++] = tool_table[i]->name;
		const char *near = suggest_nearest(cmd->tool, names, n);
		if (near != NULL)
			extension_add_problem(ext, ERR, line,
					      "unknown tool '%s' (did you mean '%s'?)", cmd->tool,
					      near);
		else
			extension_add_problem(ext, ERR, line,
					      "unknown tool '%s' (see chitty-extensions(5) for the "
					      "tools)",
					      cmd->tool);
		cmd->disabled_reason = xasprintf("unknown tool '%s'", cmd->tool);
		return;
	}
#ifndef __APPLE__
	if (tool->macos_only)
		cmd->disabled_reason =
			xasprintf("needs macOS (%s)",
				  tool->programs[0] != NULL ? tool->programs[0] : tool->name);
#endif
}

static void
build_command(struct extension *ext, const struct walk *w, const struct section *s, int end_line,
	      const struct section *group, struct manifest_info *info, unsigned char *matched,
	      size_t n_entries, size_t index)
{
	if (*s->title == '\0') {
		extension_add_problem(ext, ERR, s->line,
				      "a '##' heading without a name: command skipped");
		return;
	}
	const struct fence *fence = code_fence(s);
	if (fence == NULL) {
		extension_add_problem(ext, ERR, s->line,
				      "command '%s' has no code block: command skipped", s->title);
		return;
	}
	char *slug = ext_slugify(s->title);
	struct ext_command *cmd = ext_command_create(slug, s->title);
	free(slug);
	cmd->line = s->line;
	if (group != NULL && *group->title != '\0')
		cmd->group = xstrdup(group->title);

	const char *word;
	size_t wlen = info_word(fence->info, &word);
	cmd->tool = wlen > 0 ? xstrndup(word, wlen) : xstrdup("bash");
	const struct fence *prepend = group != NULL ? code_fence(group) : NULL;
	if (prepend != NULL)
		cmd->code = xasprintf("%s\n%s", prepend->code, fence->code);
	else
		cmd->code = xstrdup(fence->code);
	/* the section: from the line after its heading to the next heading (or the end) */
	size_t from = (size_t)s->line < w->n_lines ? w->line_starts[s->line] : w->len;
	size_t to = end_line > 0 ? w->line_starts[end_line - 1] : w->len;
	if (to > from)
		cmd->body = ext_prose(w->text + from, to - from);

	struct command_lines lines = {0};
	long entry = manifest_entry(info->commands, cmd->slug, cmd->title);
	if (entry >= 0) {
		if ((size_t)entry < n_entries)
			matched[entry] = 1;
		manifest_apply_command(ext, cmd, nth_child(info->commands, entry), ORIGIN_MANIFEST,
				       &lines);
	}
	struct enode *comments = comment_fields(w, s);
	manifest_apply_command(ext, cmd, comments, ORIGIN_COMMENT, &lines);
	enode_free(comments);

	const struct fence *meta = named_fence(s, "metadata");
	if (meta != NULL) {
		int err_line = 0;
		char *cause = NULL;
		struct enode *m = enode_from_json(meta->code, meta->line + 1, &err_line, &cause);
		if (m == NULL)
			extension_add_problem(ext, ERR, err_line, "metadata block: %s", cause);
		else if (m->type != EN_MAP)
			extension_add_problem(ext, ERR, meta->line,
					      "a metadata block must hold a JSON object");
		else
			manifest_apply_command(ext, cmd, m, ORIGIN_METADATA, &lines);
		enode_free(m);
		free(cause);
	}
	const struct fence *schema = named_fence(s, "schema");
	if (schema != NULL) {
		cJSON *j = cJSON_Parse(schema->code);
		if (!cJSON_IsObject(j)) {
			extension_add_problem(
				ext, ERR, schema->line,
				"a schema block must hold a JSON object ({\"input\": …, "
				"\"output\": …})");
			cJSON_Delete(j);
		} else
			cmd->schema = j;
	}

	if (*cmd->slug == '\0') {
		free(cmd->slug);
		cmd->slug = xasprintf("command-%zu", index + 1);
		extension_add_problem(ext, WARN, s->line,
				      "title '%s' has no letters or digits for an id; using '%s' "
				      "(set 'slug' to choose one)",
				      cmd->title, cmd->slug);
	}
	struct ext_command *first = extension_find_command(ext, cmd->slug);
	if (first != NULL) {
		extension_add_problem(ext, ERR, s->line,
				      "duplicate command '%s' (first at line %d): command skipped",
				      cmd->slug, first->line);
		ext_command_free(cmd);
		return;
	}

	ext_scan_placeholders(cmd->code, &cmd->inputs, &cmd->flags);
	cmd->uses_positional = ext_scan_positional(cmd->code);
	check_tool(ext, cmd, fence->line);
	manifest_finish_command(ext, cmd, info, &lines);
	if (info->too_new && cmd->disabled_reason == NULL)
		cmd->disabled_reason = xasprintf("needs chitty %s or newer", ext->min_version);
	if (info->platform_reason != NULL && cmd->disabled_reason == NULL)
		cmd->disabled_reason = xstrdup(info->platform_reason);
	extension_attach_command(ext, cmd);
}

/* Copy without a BOM and with CRLF as LF (line numbers stay the same). */
static char *
normalize(const char *text, size_t len, size_t *out_len)
{
	if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
		text += 3;
		len -= 3;
	}
	char *out = xmalloc(len + 1);
	size_t n = 0;
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			continue;
		out[n++] = text[i];
	}
	out[n] = '\0';
	*out_len = n;
	return out;
}

struct extension *
extension_parse(const char *path, const char *raw, size_t raw_len)
{
	struct extension *ext = extension_create(path);
	size_t len;
	char *text = normalize(raw, raw_len, &len);
	struct manifest_info info = {0};

	if (memchr(text, '\0', len) != NULL || !utf8_valid(text, len))
		extension_add_problem(ext, WARN, 0,
				      "the file is not valid UTF-8 text; odd bytes are shown as �");

	size_t yaml_start = 0, yaml_end = 0, body = 0;
	struct enode *root = NULL;
	int fm = find_frontmatter(text, len, &yaml_start, &yaml_end, &body);
	if (fm == -1) {
		extension_add_problem(
			ext, ERR, 1, "the frontmatter opened on line 1 is never closed with '---'");
		info.broken = 1;
		const char *nl = memchr(text, '\n', len);
		body = nl != NULL ? (size_t)(nl + 1 - text) : len;
	} else if (fm == 1) {
		info.has_frontmatter = 1;
		int err_line = 0;
		char *cause = NULL;
		root = enode_from_yaml(text + yaml_start, yaml_end - yaml_start, 2, &err_line,
				       &cause);
		if (root == NULL && cause != NULL) {
			extension_add_problem(ext, ERR, err_line,
					      "%s; the manifest is ignored, commands still load",
					      cause);
			free(cause);
			info.broken = 1;
		} else if (root != NULL && root->type != EN_MAP) {
			extension_add_problem(
				ext, ERR, 2,
				"the frontmatter must be a YAML map (key: value), not "
				"a list or text");
		} else
			manifest_apply_extension(ext, root, &info);
	}

	struct walk w = {.text = text, .len = len};
	index_lines(&w);
	add_section(&w, 0, xstrdup(""), 1);
	w.last_off = body;
	MD_PARSER parser = {
		.abi_version = 0,
		.flags = MD_FLAG_NOINDENTEDCODEBLOCKS,
		.enter_block = on_enter_block,
		.leave_block = on_leave_block,
		.enter_span = on_span,
		.leave_span = on_span,
		.text = on_text,
	};
	if (md_parse(text + body, (MD_SIZE)(len - body), &parser, &w) != 0)
		extension_add_problem(ext, ERR, 0, "the markdown could not be read");

	const char *first_h1 = NULL;
	for (size_t i = 0; i < w.n_sections && first_h1 == NULL; i++)
		if (w.sections[i].level == 1 && *w.sections[i].title != '\0')
			first_h1 = w.sections[i].title;
	manifest_finish_extension(ext, &info, first_h1);

	size_t n_entries = info.commands != NULL ? info.commands->n_children : 0;
	unsigned char *matched = xcalloc(n_entries + 1, 1);
	const struct section *group = NULL;
	size_t index = 0;
	for (size_t i = 0; i < w.n_sections; i++) {
		const struct section *s = &w.sections[i];
		if (s->level == 1)
			group = s;
		else if (s->level == 2)
			build_command(ext, &w, s, i + 1 < w.n_sections ? w.sections[i + 1].line : 0,
				      group, &info, matched, n_entries, index++);
	}
	size_t k = 0;
	for (const struct enode *c = info.commands != NULL ? info.commands->child : NULL; c != NULL;
	     c = c->next, k++) {
		if (matched[k])
			continue;
		const char *name = enode_text(enode_get(c, "name"));
		const char *title = enode_text(enode_get(c, "title"));
		if (c->type != EN_MAP || (name == NULL && title == NULL))
			extension_add_problem(
				ext, ERR, c->line,
				"a command in the manifest needs a 'name' or 'title'");
		else
			extension_add_problem(ext, WARN, c->line,
					      "command '%s' in the manifest has no '## %s' section",
					      name != NULL ? name : title,
					      title != NULL ? title : name);
	}
	free(matched);
	if (ext->n_commands == 0 && !extension_has_errors(ext))
		extension_add_problem(ext, WARN, 0,
				      "no commands: add a '## Title' heading with a code block");

	free(info.platform_reason);
	enode_free(root);
	walk_free(&w);
	free(text);
	return ext;
}

struct extension *
extension_load_file(const char *path, char **cause)
{
	if (is_directory(path)) {
		set_cause(cause, "%s is a folder, not an extension file", path);
		return NULL;
	}
	size_t len;
	char *text = file_read_all(path, &len, EXT_MAX_FILE_SIZE, cause);
	if (text == NULL)
		return NULL;
	struct extension *ext = extension_parse(path, text, len);
	free(text);
	return ext;
}
