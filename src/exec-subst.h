/*
 * Substitution: a command's code with its {{inputs}}, {{#if}} conditionals
 * and positional $1…$n / $@ filled in, such that no value can change what
 * the code does.
 *
 * Two steps, always in this order:
 *
 *   1. subst_conditionals resolves {{#if flag}}…{{else if other}}…
 *      {{else}}…{{/if}} (nestable; a flag that is not given is false).  A
 *      tag alone on its line takes its line with it, as in Handlebars.
 *      Values are not in the text yet, so a value can never open a block.
 *
 *   2. subst_fill walks the result with a small lexer of the tool's
 *      language and encodes each {{name}} for the context it sits in:
 *
 *      shells (sh bash zsh)  unquoted: one single-quoted word; inside '…':
 *          closed, the quoted value, reopened; inside "…" and $'…': the
 *          same; in a comment: a quoted word without line breaks; inside
 *          ${…} and unquoted here-documents: a reference to the value's
 *          environment variable (CHITTY_INPUT_<NAME>); in $((…)): whole
 *          numbers only; inside a quoted here-document: the value as it is
 *          (it is data there), refused if it would end the document.
 *          Inside `…` the result is escaped once more per level.
 *      fish  the same with fish's quoting (\' and \\ inside '…').
 *      python, node/js/ts, ruby, perl, php  inside a string that takes
 *          escapes: the value with every ASCII byte but letters, digits and
 *          '_' written \xNN (so the value is inert even if the lexer were
 *          wrong about where it is); inside a literal that takes no escapes
 *          (python r'…', ruby/perl/php '…'): the literal is closed, a
 *          complete escaped literal joined on, and the literal reopened;
 *          anywhere else (code, comments): a complete string literal, or the
 *          digits themselves for a plain decimal integer (sys.exit({{code}})).
 *      applescript, powershell  their own string rules.
 *      text (template, copy, edit, keystrokes)  the value as it is.
 *      open  as text, but a value after "scheme:" in a URL is
 *          percent-encoded (a URL that is only the placeholder stays whole).
 *      The parts of an http fence (exec-http.c): url  percent-encoded (a
 *          placeholder that starts the URL is the URL: kept whole, no
 *          blanks or control characters); header  as it is, control
 *          characters (CR, LF) refused; json  JSON-escaped inside a string,
 *          else a number or a complete JSON string; form  percent-encoded.
 *
 *   Positional $1…$n, ${N} and $@ are filled, in the same pass and by the
 *   same rules, only for the text-like syntaxes (text, open and the http
 *   parts): shells and languages get them as real arguments.  \$1 is a
 *   literal $1 there.
 *
 * Values: NUL bytes and invalid UTF-8 are refused (subst_check_value).
 * Pure: no I/O, no globals.  Returned strings are the caller's.
 */
#ifndef CHITTY_EXEC_SUBST_H
#define CHITTY_EXEC_SUBST_H

#include <stddef.h>

struct strbuf;
struct strv;

enum subst_syntax {
	SUBST_TEXT,
	SUBST_OPEN,
	SUBST_SH, /* sh, bash, zsh */
	SUBST_FISH,
	SUBST_PYTHON,
	SUBST_JS, /* node, js, ts, kit, deno, bun */
	SUBST_RUBY,
	SUBST_PERL,
	SUBST_PHP,
	SUBST_APPLESCRIPT,
	SUBST_POWERSHELL,
	SUBST_URL,    /* an http fence's request URL */
	SUBST_HEADER, /* an http header line */
	SUBST_JSON,   /* a JSON request body */
	SUBST_FORM,   /* an application/x-www-form-urlencoded body */
};

/* The syntax of a tool by name ("bash" -> SUBST_SH); SUBST_TEXT for built-ins. */
enum subst_syntax subst_syntax_for_tool(const char *tool);

struct subst_values {
	const struct strv *names;  /* input names … */
	const struct strv *values; /* … and their values (checked with subst_check_value) */
	const struct strv *env;    /* the environment variable of each input (subst_env_names) */
	const struct strv *args;   /* positional arguments (text and open only); may be NULL */
};

/*
 * 0 when value[0..len) may be substituted; -1 with *cause naming the input
 * when it holds a NUL byte or is not valid UTF-8.
 */
int subst_check_value(const char *name, const char *value, size_t len, char **cause);

/*
 * The environment variable that carries each input, in the same order:
 * CHITTY_INPUT_ and the name uppercased, every other character '_'
 * ("file name" -> CHITTY_INPUT_FILE_NAME); a name that would repeat an
 * earlier one gets _2, _3 ….  Pushed onto env.
 */
void subst_env_names(const struct strv *names, struct strv *env);

/* NAME uppercased with every character but letters and digits '_' (env variable names). */
char *subst_env_suffix(const char *name);

/* Step 1: code with its conditionals resolved (flags may be NULL: none set). */
char *subst_conditionals(const char *code, const struct strv *flags);

/*
 * Step 2: code (conditionals already resolved) with every {{input}} filled
 * for syntax.  A new string, or NULL with *cause set: a missing input, a
 * value that cannot go where it is ("input 'n' is used in shell arithmetic:
 * it must be a whole number").
 */
char *subst_fill(const char *code, enum subst_syntax syntax, const struct subst_values *v,
		 char **cause);

/* 1 when s is a plain decimal integer: "0", or digits not starting with 0. */
int subst_is_plain_integer(const char *s);

#endif
