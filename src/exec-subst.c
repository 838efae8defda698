/* Substitution of inputs, conditionals and positional arguments (exec-subst.h). */
#include "build-config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "exec-subst.h"
#include "ext-text.h"
#include "http.h"
#include "strbuf.h"
#include "strv.h"
#include "utf8.h"
#include "xmalloc.h"

static const struct {
	const char *tool;
	enum subst_syntax syntax;
} tool_syntaxes[] = {
	{"sh", SUBST_SH},
	{"bash", SUBST_SH},
	{"zsh", SUBST_SH},
	{"fish", SUBST_FISH},
	{"python", SUBST_PYTHON},
	{"node", SUBST_JS},
	{"js", SUBST_JS},
	{"ts", SUBST_JS},
	{"kit", SUBST_JS},
	{"deno", SUBST_JS},
	{"bun", SUBST_JS},
	{"ruby", SUBST_RUBY},
	{"perl", SUBST_PERL},
	{"php", SUBST_PHP},
	{"applescript", SUBST_APPLESCRIPT},
	{"powershell", SUBST_POWERSHELL},
	{"pwsh", SUBST_POWERSHELL},
	{"open", SUBST_OPEN},
};

enum subst_syntax
subst_syntax_for_tool(const char *tool)
{
	for (size_t i = 0; tool != NULL && i < nitems(tool_syntaxes); i++)
		if (strcmp(tool_syntaxes[i].tool, tool) == 0)
			return tool_syntaxes[i].syntax;
	return SUBST_TEXT;
}

int
subst_check_value(const char *name, const char *value, size_t len, char **cause)
{
	if (memchr(value, '\0', len) != NULL) {
		set_cause(cause, "input '%s' holds a NUL byte", name);
		return -1;
	}
	if (!utf8_valid(value, len)) {
		set_cause(cause, "input '%s' is not valid UTF-8", name);
		return -1;
	}
	return 0;
}

char *
subst_env_suffix(const char *name)
{
	char *s = xstrdup(name);
	for (char *p = s; *p != '\0'; p++)
		*p = isalnum((unsigned char)*p) ? (char)toupper((unsigned char)*p) : '_';
	return s;
}

void
subst_env_names(const struct strv *names, struct strv *env)
{
	size_t first = env->n;
	for (size_t i = 0; i < names->n; i++) {
		char *suffix = subst_env_suffix(names->v[i]);
		char *var = xasprintf("CHITTY_INPUT_%s", suffix);
		for (int n = 2;; n++) {
			int taken = 0;
			for (size_t j = first; j < env->n && !taken; j++)
				taken = strcmp(env->v[j], var) == 0;
			if (!taken)
				break;
			free(var);
			var = xasprintf("CHITTY_INPUT_%s_%d", suffix, n);
		}
		free(suffix);
		strv_push_owned(env, var);
	}
}

int
subst_is_plain_integer(const char *s)
{
	if (s[0] == '0')
		return s[1] == '\0';
	if (s[0] < '1' || s[0] > '9')
		return 0;
	for (s++; *s != '\0'; s++)
		if (!isdigit((unsigned char)*s))
			return 0;
	return 1;
}

/* Conditionals */

struct cond_frame {
	int parent; /* the enclosing text is kept */
	int taken;  /* a branch of this block was chosen already */
	int active; /* the current branch is kept */
};

/*
 * A tag alone on its line (only blanks around it) takes the whole line:
 * [*from, *to) is what to drop, from no earlier than min.  0 otherwise.
 */
static int
standalone_line(const char *code, size_t start, size_t end, size_t min, size_t *from, size_t *to)
{
	size_t a = start;
	while (a > min && (code[a - 1] == ' ' || code[a - 1] == '\t'))
		a--;
	if (a > 0 && code[a - 1] != '\n')
		return 0;
	size_t b = end;
	while (code[b] == ' ' || code[b] == '\t')
		b++;
	if (code[b] == '\r' && code[b + 1] == '\n')
		b++;
	if (code[b] == '\n')
		b++;
	else if (code[b] != '\0')
		return 0;
	*from = a;
	*to = b;
	return 1;
}

char *
subst_conditionals(const char *code, const struct strv *flags)
{
	struct strbuf sb = STRBUF_INIT;
	struct cond_frame *stack = NULL;
	size_t depth = 0, cap = 0, pos = 0, done = 0;
	struct ext_placeholder ph;
	while (ext_next_placeholder(code, &pos, &ph)) {
		if (ph.kind == PH_INPUT)
			continue;
		int active = depth == 0 || stack[depth - 1].active;
		if ((ph.kind == PH_ELSE || ph.kind == PH_ELSE_IF || ph.kind == PH_END_IF) &&
		    depth == 0)
			continue; /* a stray tag is text */
		size_t from = ph.start, to = ph.end;
		standalone_line(code, ph.start, ph.end, done, &from, &to);
		if (active)
			sb_addn(&sb, code + done, from - done);
		done = to;
		char *name = xstrndup(ph.name, ph.name_len);
		int on = flags != NULL && strv_contains(flags, name);
		free(name);
		struct cond_frame *top = depth > 0 ? &stack[depth - 1] : NULL;
		switch (ph.kind) {
		case PH_IF:
			if (depth == cap) {
				cap = cap ? cap * 2 : 8;
				stack = xreallocarray(stack, cap, sizeof *stack);
			}
			stack[depth].parent = active;
			stack[depth].taken = stack[depth].active = active && on;
			depth++;
			break;
		case PH_ELSE_IF:
			top->active = top->parent && !top->taken && on;
			top->taken |= top->active;
			break;
		case PH_ELSE:
			top->active = top->parent && !top->taken;
			top->taken = 1;
			break;
		case PH_END_IF:
			depth--;
			break;
		case PH_INPUT:
			break;
		}
	}
	if (depth == 0 || stack[depth - 1].active)
		sb_add(&sb, code + done);
	free(stack);
	return sb_detach(&sb);
}

/* The fill walk shared by every syntax */

struct fill {
	const char *code;
	size_t len;
	enum subst_syntax syntax;
	const struct subst_values *v;
	struct ext_placeholder *ph; /* the {{input}} placeholders, in order */
	size_t n_ph, next;
	struct strbuf out;
	char *error;
};

/* 1 when the next placeholder starts at i. */
static int
ph_at(const struct fill *f, size_t i)
{
	return f->next < f->n_ph && f->ph[f->next].start == i;
}

/* The placeholder at the walk's position: its name, value and variable; NULL if missing. */
static const char *
ph_value(struct fill *f, const struct ext_placeholder *ph, const char **env, char **name)
{
	*name = xstrndup(ph->name, ph->name_len);
	long i = f->v->names != NULL ? strv_index(f->v->names, *name) : -1;
	if (i < 0) {
		if (f->error == NULL)
			f->error = xasprintf("missing input '%s'", *name);
		return NULL;
	}
	if (env != NULL)
		*env = f->v->env != NULL && (size_t)i < f->v->env->n ? f->v->env->v[i] : NULL;
	return f->v->values->v[i];
}

static void
fail(struct fill *f, const char *fmt, const char *name)
{
	if (f->error == NULL)
		f->error = xasprintf(fmt, name);
}

/* Copy n bytes of code from i (never across a placeholder); returns the new position. */
static size_t
copy(struct fill *f, size_t i, size_t n)
{
	if (f->next < f->n_ph && f->ph[f->next].start < i + n)
		n = f->ph[f->next].start > i ? f->ph[f->next].start - i : 1;
	if (i + n > f->len)
		n = f->len - i;
	sb_addn(&f->out, f->code + i, n);
	return i + n;
}

/* The count of backslashes right before position i. */
static size_t
backslashes_before(const char *code, size_t i)
{
	size_t n = 0;
	while (i > n && code[i - n - 1] == '\\')
		n++;
	return n;
}

/* Text-like syntaxes: positional arguments */

/*
 * A positional reference at code[i] ($1…$9, ${N}, $@, ${@}): its length,
 * with *index the argument (1-based) or 0 for $@.  0 when there is none.
 */
static size_t
positional_at(const char *code, size_t i, long *index)
{
	if (code[i] != '$' || (i > 0 && code[i - 1] == '$'))
		return 0;
	const char *p = code + i + 1;
	if (*p == '@') {
		*index = 0;
		return 2;
	}
	if (*p >= '1' && *p <= '9') {
		*index = *p - '0';
		return 2;
	}
	if (*p == '{') {
		char *end;
		if (p[1] == '@' && p[2] == '}') {
			*index = 0;
			return 4;
		}
		if (p[1] < '1' || p[1] > '9')
			return 0;
		long n = strtol(p + 1, &end, 10);
		if (*end != '}' || n > 9999)
			return 0;
		*index = n;
		return (size_t)(end + 1 - (code + i));
	}
	return 0;
}

static char *
positional_value(const struct subst_values *v, long index)
{
	if (v->args == NULL)
		return xstrdup("");
	if (index == 0)
		return strv_join(v->args, " ");
	return xstrdup((size_t)index <= v->args->n ? v->args->v[index - 1] : "");
}

/* Append s as the inside of a JSON string. */
static void
json_string_body(struct strbuf *sb, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		switch (*p) {
		case '"':
			sb_add(sb, "\\\"");
			break;
		case '\\':
			sb_add(sb, "\\\\");
			break;
		case '\n':
			sb_add(sb, "\\n");
			break;
		case '\r':
			sb_add(sb, "\\r");
			break;
		case '\t':
			sb_add(sb, "\\t");
			break;
		default:
			if (*p < 0x20 || *p == 0x7f)
				sb_addf(sb, "\\u%04x", *p);
			else
				sb_addc(sb, (char)*p);
		}
	}
}

/* Encode one value for a text-like syntax; in_string: inside a JSON string. */
static void
text_emit(struct fill *f, const char *name, const char *value, size_t at, int in_string)
{
	switch (f->syntax) {
	case SUBST_URL:
	case SUBST_OPEN:
		if (f->syntax == SUBST_OPEN) {
			/* Only inside a URL: after "scheme:" earlier on the same line. */
			size_t a = at;
			while (a > 0 && f->code[a - 1] != '\n' && f->code[a - 1] != ' ')
				a--;
			const char *colon = memchr(f->code + a, ':', at - a);
			int url = colon != NULL && colon > f->code + a;
			for (const char *p = f->code + a; url && p < colon; p++)
				url = isalnum((unsigned char)*p) || *p == '+' || *p == '-' ||
				      *p == '.';
			if (!url) {
				sb_add(&f->out, value);
				return;
			}
		} else if (at == 0) {
			for (const unsigned char *p = (const unsigned char *)value; *p != '\0'; p++)
				if (*p <= ' ' || *p == 0x7f) {
					fail(f,
					     "input '%s' is the request URL: it cannot hold blanks "
					     "or control characters",
					     name);
					return;
				}
			sb_add(&f->out, value);
			return;
		}
		char *enc = http_url_encode(value);
		sb_add(&f->out, enc);
		free(enc);
		return;
	case SUBST_HEADER:
		for (const unsigned char *p = (const unsigned char *)value; *p != '\0'; p++)
			if ((*p < 0x20 && *p != '\t') || *p == 0x7f) {
				fail(f,
				     "input '%s' holds a line break or control character: it "
				     "cannot go in an HTTP header",
				     name);
				return;
			}
		sb_add(&f->out, value);
		return;
	case SUBST_FORM: {
		char *enc = http_url_encode(value);
		sb_add(&f->out, enc);
		free(enc);
		return;
	}
	case SUBST_JSON:
		if (in_string) {
			json_string_body(&f->out, value);
		} else if (subst_is_plain_integer(value)) {
			sb_add(&f->out, value);
		} else {
			sb_addc(&f->out, '"');
			json_string_body(&f->out, value);
			sb_addc(&f->out, '"');
		}
		return;
	default:
		sb_add(&f->out, value);
	}
}

static void
fill_text(struct fill *f)
{
	int in_string = 0; /* JSON only */
	size_t i = 0;
	while (i < f->len && f->error == NULL) {
		if (ph_at(f, i)) {
			const struct ext_placeholder *ph = &f->ph[f->next++];
			char *name;
			const char *value = ph_value(f, ph, NULL, &name);
			if (value != NULL)
				text_emit(f, name, value, i, in_string);
			free(name);
			i = ph->end;
			continue;
		}
		char c = f->code[i];
		long index;
		size_t n;
		if (c == '\\' && f->code[i + 1] == '$' && f->syntax != SUBST_JSON &&
		    positional_at(f->code, i + 1, &index) > 0) {
			sb_addc(&f->out, '$'); /* \$1 is a literal $1 */
			i += 2;
		} else if (c == '$' && (n = positional_at(f->code, i, &index)) > 0) {
			char *value = positional_value(f->v, index);
			char *name = index == 0 ? xstrdup("$@") : xasprintf("$%ld", index);
			text_emit(f, name, value, i, in_string);
			free(name);
			free(value);
			i += n;
		} else if (f->syntax == SUBST_JSON && in_string && c == '\\') {
			i = copy(f, i, 2);
		} else {
			if (f->syntax == SUBST_JSON && c == '"')
				in_string = !in_string;
			i = copy(f, i, 1);
		}
	}
}

/* Shells */

enum sh_state { SH_TOP, SH_SQ, SH_DQ, SH_ANSI, SH_BQ, SH_CMDSUB, SH_PARAM, SH_ARITH, SH_COMMENT };

struct sh_frame {
	enum sh_state st;
	int depth;      /* nested parens or braces */
	int case_depth; /* open `case` statements (their patterns end in ')') */
};

#define SH_MAX_DEPTH    64
#define SH_MAX_HEREDOCS 16

struct heredoc {
	char *delim;
	int quoted;
	int strip_tabs;
};

struct sh {
	struct fill *f;
	int fish;
	struct sh_frame stack[SH_MAX_DEPTH];
	int sp;
	struct heredoc pending[SH_MAX_HEREDOCS];
	int n_pending;
};

static int
sh_word_break(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == ';' || c == '&' || c == '|' || c == '(' ||
	       c == ')' || c == '<' || c == '>' || c == '`';
}

static void
sh_push(struct sh *s, enum sh_state st)
{
	if (s->sp + 1 >= SH_MAX_DEPTH) {
		fail(s->f, "%s", "the code nests too deeply to fill its inputs safely");
		return;
	}
	s->stack[++s->sp] = (struct sh_frame){st, 0, 0};
}

static void
sh_pop(struct sh *s)
{
	if (s->sp > 0)
		s->sp--;
}

/* One single-quoted word holding value; no_newlines: line breaks become spaces. */
static void
sh_quote_word(struct strbuf *sb, const char *value, int fish, int no_newlines)
{
	sb_addc(sb, '\'');
	for (const char *p = value; *p != '\0'; p++) {
		if (no_newlines && (*p == '\n' || *p == '\r'))
			sb_addc(sb, ' ');
		else if (*p == '\'')
			sb_add(sb, fish ? "\\'" : "'\\''");
		else if (fish && *p == '\\')
			sb_add(sb, "\\\\");
		else
			sb_addc(sb, *p);
	}
	sb_addc(sb, '\'');
}

static void
sh_emit(struct sh *s, const struct ext_placeholder *ph)
{
	struct fill *f = s->f;
	char *name;
	const char *env = NULL;
	const char *value = ph_value(f, ph, &env, &name);
	if (value == NULL) {
		free(name);
		return;
	}
	enum sh_state st = s->stack[s->sp].st;
	int in_param = 0, bq_levels = 0;
	for (int k = 0; k <= s->sp; k++) {
		in_param |= s->stack[k].st == SH_PARAM;
		bq_levels += s->stack[k].st == SH_BQ;
	}
	struct strbuf piece = STRBUF_INIT;
	if (st == SH_ARITH) {
		if (!subst_is_plain_integer(value))
			fail(f, "input '%s' is used in shell arithmetic: it must be a whole number",
			     name);
		else
			sb_add(&piece, value);
	} else if (in_param) {
		/* Inside ${…} the shells disagree about quotes: a variable is safe in all. */
		if (st == SH_SQ)
			sb_addf(&piece, "'\"${%s}\"'", env);
		else if (st == SH_ANSI)
			sb_addf(&piece, "'\"${%s}\"$'", env);
		else
			sb_addf(&piece, "${%s}", env);
	} else {
		if (st != SH_SQ && st != SH_COMMENT &&
		    backslashes_before(f->code, ph->start) % 2 == 1) {
			fail(f,
			     "input '%s' comes right after a backslash: it cannot be quoted safely "
			     "there",
			     name);
		} else if (st == SH_SQ && s->fish) {
			/* fish takes \' and \\ inside '…' */
			for (const char *p = value; *p != '\0'; p++) {
				if (*p == '\'' || *p == '\\')
					sb_addc(&piece, '\\');
				sb_addc(&piece, *p);
			}
		} else if (st == SH_SQ) {
			/* Close the author's quote, add the quoted value, reopen it. */
			sb_addc(&piece, '\'');
			sh_quote_word(&piece, value, 0, 0);
			sb_addc(&piece, '\'');
		} else if (st == SH_DQ) {
			sb_addc(&piece, '"');
			sh_quote_word(&piece, value, s->fish, 0);
			sb_addc(&piece, '"');
		} else if (st == SH_ANSI) {
			sb_addc(&piece, '\'');
			sh_quote_word(&piece, value, s->fish, 0);
			sb_add(&piece, "$'");
		} else {
			/* "$'…'" would be ANSI-C quoting: keep a $ before us a plain $. */
			if (!s->fish && ph->start > 0 && f->code[ph->start - 1] == '$')
				sb_add(&piece, "\"\"");
			sh_quote_word(&piece, value, s->fish, st == SH_COMMENT);
		}
	}
	/* Inside `…` the shell takes one level of \\, \` and \$ away first. */
	for (int level = 0; level < bq_levels && f->error == NULL; level++) {
		struct strbuf esc = STRBUF_INIT;
		for (size_t k = 0; k < piece.len; k++) {
			if (piece.s[k] == '\\' || piece.s[k] == '`' || piece.s[k] == '$')
				sb_addc(&esc, '\\');
			sb_addc(&esc, piece.s[k]);
		}
		sb_free(&piece);
		piece = esc;
	}
	if (f->error == NULL)
		sb_addn(&f->out, sb_str(&piece), piece.len);
	sb_free(&piece);
	free(name);
}

/* "<<" at i: record the here-document; returns the position after its delimiter word. */
static size_t
sh_heredoc_start(struct sh *s, size_t i)
{
	struct fill *f = s->f;
	const char *code = f->code;
	size_t j = i + 2;
	int strip = 0;
	if (code[j] == '-') {
		strip = 1;
		j++;
	}
	while (code[j] == ' ' || code[j] == '\t')
		j++;
	struct strbuf delim = STRBUF_INIT;
	int quoted = 0;
	char quote = 0;
	for (; j < f->len; j++) {
		char c = code[j];
		if (quote) {
			if (c == quote)
				quote = 0;
			else
				sb_addc(&delim, c);
			continue;
		}
		if (c == '\'' || c == '"') {
			quote = c;
			quoted = 1;
		} else if (c == '\\' && j + 1 < f->len) {
			quoted = 1;
			sb_addc(&delim, code[++j]);
		} else if (sh_word_break(c)) {
			break;
		} else
			sb_addc(&delim, c);
	}
	if (delim.len > 0 && s->n_pending < SH_MAX_HEREDOCS)
		s->pending[s->n_pending++] = (struct heredoc){sb_detach(&delim), quoted, strip};
	else
		sb_free(&delim);
	while (i < j && f->error == NULL) {
		if (ph_at(f, i)) { /* a placeholder in the delimiter: filled as a word */
			const struct ext_placeholder *ph = &f->ph[f->next++];
			sh_emit(s, ph);
			i = ph->end;
		} else
			i = copy(f, i, j - i);
	}
	return j;
}

/* 1 when the line [a, b) of text is the terminator of h. */
static int
heredoc_is_end(const struct heredoc *h, const char *text, size_t a, size_t b)
{
	if (h->strip_tabs)
		while (a < b && text[a] == '\t')
			a++;
	return b - a == strlen(h->delim) && memcmp(text + a, h->delim, b - a) == 0;
}

/* The bodies of the pending here-documents, from i (the start of a line). */
static size_t
sh_heredoc_bodies(struct sh *s, size_t i)
{
	struct fill *f = s->f;
	for (int k = 0; k < s->n_pending; k++) {
		struct heredoc *h = &s->pending[k];
		size_t body = f->out.len;
		while (i < f->len && f->error == NULL) {
			const char *nl = memchr(f->code + i, '\n', f->len - i);
			size_t end = nl != NULL ? (size_t)(nl - f->code) : f->len;
			if (heredoc_is_end(h, f->code, i, end)) {
				/* A value must not have produced a terminator of its own. */
				const char *o = sb_str(&f->out);
				for (size_t a = body; a < f->out.len && h->quoted;) {
					const char *e = memchr(o + a, '\n', f->out.len - a);
					size_t b = e != NULL ? (size_t)(e - o) : f->out.len;
					if (heredoc_is_end(h, o, a, b)) {
						fail(f,
						     "an input would end the here-document '%s' "
						     "early",
						     h->delim);
						break;
					}
					a = b + 1;
				}
				i = copy(f, i, end - i);
				if (i < f->len)
					i = copy(f, i, 1);
				break;
			}
			while (i < end && f->error == NULL) {
				if (!ph_at(f, i)) {
					i = copy(f, i, end - i);
					continue;
				}
				const struct ext_placeholder *ph = &f->ph[f->next++];
				char *name;
				const char *env;
				const char *value = ph_value(f, ph, &env, &name);
				if (value != NULL && h->quoted)
					sb_add(&f->out, value); /* data to the shell */
				else if (value != NULL)
					sb_addf(&f->out, "${%s}", env);
				free(name);
				i = ph->end;
			}
			if (i < f->len)
				i = copy(f, i, 1);
		}
	}
	for (int k = 0; k < s->n_pending; k++)
		free(s->pending[k].delim);
	s->n_pending = 0;
	return i;
}

/* "$…" at i in a state where the shell expands: push what it opens; the new position. */
static size_t
sh_dollar(struct sh *s, size_t i, int ansi_ok)
{
	struct fill *f = s->f;
	const char *code = f->code;
	if (ph_at(f, i + 1))
		return copy(f, i, 1);
	if (s->fish) {
		if (code[i + 1] == '(') {
			sh_push(s, SH_CMDSUB);
			return copy(f, i, 2);
		}
		return copy(f, i, 1);
	}
	if (code[i + 1] == '\'' && ansi_ok) {
		sh_push(s, SH_ANSI);
		return copy(f, i, 2);
	}
	if (code[i + 1] == '(' && code[i + 2] == '(') {
		sh_push(s, SH_ARITH);
		return copy(f, i, 3);
	}
	if (code[i + 1] == '(') {
		sh_push(s, SH_CMDSUB);
		return copy(f, i, 2);
	}
	if (code[i + 1] == '{') {
		sh_push(s, SH_PARAM);
		return copy(f, i, 2);
	}
	if (code[i + 1] == '$' || code[i + 1] == '\\')
		return copy(f, i, 2);
	return copy(f, i, 1);
}

static int
sh_keyword_at(const char *code, size_t i, const char *word)
{
	size_t n = strlen(word);
	return (i == 0 || sh_word_break(code[i - 1])) && strncmp(code + i, word, n) == 0 &&
	       (code[i + n] == '\0' || sh_word_break(code[i + n]));
}

static void
fill_shell(struct fill *f, int fish)
{
	struct sh s = {.f = f, .fish = fish};
	s.stack[0] = (struct sh_frame){SH_TOP, 0, 0};
	const char *code = f->code;
	size_t i = 0;
	while (i < f->len && f->error == NULL) {
		if (ph_at(f, i)) {
			const struct ext_placeholder *ph = &f->ph[f->next++];
			sh_emit(&s, ph);
			i = ph->end;
			continue;
		}
		struct sh_frame *fr = &s.stack[s.sp];
		char c = code[i];
		int word_start = i == 0 || sh_word_break(code[i - 1]);
		switch (fr->st) {
		case SH_SQ:
			if (fish && c == '\\' && (code[i + 1] == '\\' || code[i + 1] == '\'') &&
			    !ph_at(f, i + 1)) {
				i = copy(f, i, 2);
				break;
			}
			if (c == '\'')
				sh_pop(&s);
			i = copy(f, i, 1);
			break;
		case SH_ANSI:
			if (c == '\\' && !ph_at(f, i + 1)) {
				i = copy(f, i, 2);
				break;
			}
			if (c == '\'')
				sh_pop(&s);
			i = copy(f, i, 1);
			break;
		case SH_DQ:
			if (c == '\\' && !ph_at(f, i + 1))
				i = copy(f, i, 2);
			else if (c == '"') {
				sh_pop(&s);
				i = copy(f, i, 1);
			} else if (c == '$')
				i = sh_dollar(&s, i, 0);
			else if (c == '`' && !fish) {
				sh_push(&s, SH_BQ);
				i = copy(f, i, 1);
			} else
				i = copy(f, i, 1);
			break;
		case SH_COMMENT:
			if (c == '\n')
				sh_pop(&s); /* the line break belongs to the code around */
			else
				i = copy(f, i, 1);
			break;
		case SH_PARAM:
		case SH_ARITH:
			if (c == '\\' && !ph_at(f, i + 1)) {
				i = copy(f, i, 2);
			} else if (c == '$') {
				i = sh_dollar(&s, i, fr->st == SH_PARAM);
			} else if (c == '`') {
				sh_push(&s, SH_BQ);
				i = copy(f, i, 1);
			} else if (fr->st == SH_PARAM && (c == '\'' || c == '"')) {
				sh_push(&s, c == '\'' ? SH_SQ : SH_DQ);
				i = copy(f, i, 1);
			} else if (c == (fr->st == SH_PARAM ? '{' : '(')) {
				fr->depth++;
				i = copy(f, i, 1);
			} else if (c == (fr->st == SH_PARAM ? '}' : ')')) {
				if (fr->depth > 0) {
					fr->depth--;
					i = copy(f, i, 1);
				} else {
					sh_pop(&s);
					i = copy(f, i,
						 fr->st == SH_ARITH && code[i + 1] == ')' ? 2 : 1);
				}
			} else
				i = copy(f, i, 1);
			break;
		case SH_TOP:
		case SH_BQ:
		case SH_CMDSUB:
			if (c == '\\' && !ph_at(f, i + 1)) {
				i = copy(f, i, 2);
			} else if (c == '\'') {
				sh_push(&s, SH_SQ);
				i = copy(f, i, 1);
			} else if (c == '"') {
				sh_push(&s, SH_DQ);
				i = copy(f, i, 1);
			} else if (c == '`' && !fish) {
				if (fr->st == SH_BQ)
					sh_pop(&s);
				else
					sh_push(&s, SH_BQ);
				i = copy(f, i, 1);
			} else if (c == '$') {
				i = sh_dollar(&s, i, 1);
			} else if (c == '#' && word_start) {
				sh_push(&s, SH_COMMENT);
				i = copy(f, i, 1);
			} else if (c == '(' && fish) {
				sh_push(&s, SH_CMDSUB);
				i = copy(f, i, 1);
			} else if (c == '(' && !fish && word_start && code[i + 1] == '(') {
				sh_push(&s, SH_ARITH); /* (( arithmetic command )) */
				i = copy(f, i, 2);
			} else if (c == '(' && !fish && i > 0 &&
				   (code[i - 1] == '<' || code[i - 1] == '>')) {
				sh_push(&s, SH_CMDSUB); /* <(…) and >(…) */
				i = copy(f, i, 1);
			} else if (c == '(') {
				if (fr->st == SH_CMDSUB)
					fr->depth++;
				i = copy(f, i, 1);
			} else if (c == ')' && fr->st == SH_CMDSUB) {
				if (fr->depth > 0)
					fr->depth--;
				else if (fr->case_depth == 0 || fish)
					sh_pop(&s);
				i = copy(f, i, 1);
			} else if (c == '<' && code[i + 1] == '<' && code[i + 2] != '<' && !fish &&
				   (i == 0 || code[i - 1] != '<')) {
				i = sh_heredoc_start(&s, i);
			} else if (c == '\n') {
				i = copy(f, i, 1);
				if (s.n_pending > 0)
					i = sh_heredoc_bodies(&s, i);
			} else {
				if (!fish && fr->st == SH_CMDSUB && word_start) {
					if (sh_keyword_at(code, i, "case"))
						fr->case_depth++;
					else if (sh_keyword_at(code, i, "esac") &&
						 fr->case_depth > 0)
						fr->case_depth--;
				}
				i = copy(f, i, 1);
			}
			break;
		}
	}
	for (int k = 0; k < s.n_pending; k++)
		free(s.pending[k].delim);
}

/* Languages */

enum lang_frame_kind { LF_CODE, LF_STRING, LF_LINE_COMMENT, LF_BLOCK_COMMENT, LF_REGEX, LF_HTML };

struct lang_frame {
	enum lang_frame_kind kind;
	char quote;       /* the string's quote character */
	int triple;       /* python '''…''' */
	int escapes;      /* backslash escapes work inside */
	int bytes;        /* python b'…' */
	char prefix[4];   /* python's string prefix, to reopen a raw literal */
	int depth;        /* LF_CODE: open braces of an interpolation; block comments: nesting */
	int interpolates; /* ruby "#{", js "${": the start of code inside */
};

#define LANG_MAX_DEPTH 64

struct lang {
	struct fill *f;
	struct lang_frame stack[LANG_MAX_DEPTH];
	int sp;
};

static void
lang_push(struct lang *l, struct lang_frame fr)
{
	if (l->sp + 1 >= LANG_MAX_DEPTH) {
		fail(l->f, "%s", "the code nests too deeply to fill its inputs safely");
		return;
	}
	l->stack[++l->sp] = fr;
}

/*
 * The inside of an escaped string literal: letters, digits, '_' and
 * non-ASCII text as they are, every other byte \xNN.  Nothing in it can end
 * a string, start an interpolation or a comment, or break a line.
 */
static void
inert_body(struct strbuf *sb, const char *value, enum subst_syntax syntax, int bytes)
{
	static const char hex[] = "0123456789abcdef";
	/* Perl and PHP would read letters right after "$x" as more of its name. */
	int first_escaped = syntax == SUBST_PERL || syntax == SUBST_PHP;
	for (const unsigned char *p = (const unsigned char *)value; *p != '\0'; p++) {
		int keep = isalnum(*p) || *p == '_' || (*p >= 0x80 && !bytes);
		if (keep && first_escaped && p == (const unsigned char *)value && *p < 0x80)
			keep = 0;
		if (keep) {
			/* JavaScript line terminators U+2028/U+2029 are escaped too. */
			if (syntax == SUBST_JS && p[0] == 0xe2 && p[1] == 0x80 &&
			    (p[2] == 0xa8 || p[2] == 0xa9)) {
				sb_addf(sb, "\\u%s", p[2] == 0xa8 ? "2028" : "2029");
				p += 2;
				continue;
			}
			sb_addc(sb, (char)*p);
		} else {
			char esc[4] = {'\\', 'x', hex[*p >> 4], hex[*p & 15]};
			sb_addn(sb, esc, 4);
		}
	}
}

/* AppleScript strings know only \" \\ \n \r \t. */
static void
applescript_body(struct strbuf *sb, const char *value, int no_newlines)
{
	for (const char *p = value; *p != '\0'; p++) {
		if (*p == '"' || *p == '\\')
			sb_addc(sb, '\\');
		if (no_newlines && *p == '\n')
			sb_add(sb, "\\n");
		else if (no_newlines && *p == '\r')
			sb_add(sb, "\\r");
		else
			sb_addc(sb, *p);
	}
}

/* PowerShell: the smart quotes are quotes too. */
static int
ps_quote_at(const unsigned char *p, int dbl)
{
	if (*p == (dbl ? '"' : '\''))
		return 1;
	if (p[0] != 0xe2 || p[1] != 0x80)
		return 0;
	return dbl ? p[2] >= 0x9c && p[2] <= 0x9e : p[2] >= 0x98 && p[2] <= 0x9b;
}

static void
ps_single_body(struct strbuf *sb, const char *value)
{
	for (const unsigned char *p = (const unsigned char *)value; *p != '\0'; p++) {
		if (ps_quote_at(p, 0)) {
			size_t n = *p == '\'' ? 1 : 3;
			sb_addn(sb, p, n);
			sb_addn(sb, p, n); /* doubled */
			p += n - 1;
		} else
			sb_addc(sb, (char)*p);
	}
}

static void
ps_double_body(struct strbuf *sb, const char *value, int escape_hash)
{
	for (const unsigned char *p = (const unsigned char *)value; *p != '\0'; p++) {
		if (*p == '\n')
			sb_add(sb, "`n");
		else if (*p == '\r')
			sb_add(sb, "`r");
		else if (*p == '`' || *p == '$' || (escape_hash && *p == '#') ||
			 ps_quote_at(p, 1)) {
			sb_addc(sb, '`');
			size_t n = *p >= 0x80 ? 3 : 1;
			sb_addn(sb, p, n);
			p += n - 1;
		} else
			sb_addc(sb, (char)*p);
	}
}

/* A complete literal of the language for value (code and comment contexts). */
static void
lang_literal(struct strbuf *sb, enum subst_syntax syntax, const char *value, int in_comment)
{
	if (!in_comment && subst_is_plain_integer(value)) {
		sb_add(sb, value);
		return;
	}
	switch (syntax) {
	case SUBST_APPLESCRIPT:
		sb_addc(sb, '"');
		applescript_body(sb, value, 1);
		sb_addc(sb, '"');
		break;
	case SUBST_POWERSHELL:
		if (in_comment) {
			sb_addc(sb, '"');
			ps_double_body(sb, value, 1);
			sb_addc(sb, '"');
		} else {
			sb_addc(sb, '\'');
			ps_single_body(sb, value);
			sb_addc(sb, '\'');
		}
		break;
	default:
		sb_addc(sb, '"');
		inert_body(sb, value, syntax, 0);
		sb_addc(sb, '"');
	}
}

static void
lang_emit(struct lang *l, const struct ext_placeholder *ph)
{
	struct fill *f = l->f;
	char *name;
	const char *value = ph_value(f, ph, NULL, &name);
	if (value == NULL) {
		free(name);
		return;
	}
	const struct lang_frame *fr = &l->stack[l->sp];
	struct strbuf *sb = &f->out;
	switch (fr->kind) {
	case LF_CODE:
		lang_literal(sb, f->syntax, value, 0);
		break;
	case LF_LINE_COMMENT:
	case LF_BLOCK_COMMENT:
		if (f->syntax == SUBST_APPLESCRIPT && fr->kind == LF_BLOCK_COMMENT) {
			/* (* … *) nests and knows no escapes: break its markers apart. */
			for (const char *p = value; *p != '\0'; p++) {
				sb_addc(sb, *p == '\n' || *p == '\r' ? ' ' : *p);
				if ((p[0] == '(' && p[1] == '*') || (p[0] == '*' && p[1] == ')'))
					sb_addc(sb, ' ');
			}
		} else
			lang_literal(sb, f->syntax, value, 1);
		break;
	case LF_HTML: /* php outside <?php … ?>: print the value from code */
		sb_add(sb, "<?php echo \"");
		inert_body(sb, value, f->syntax, 0);
		sb_add(sb, "\"; ?>");
		break;
	case LF_REGEX:
		inert_body(sb, value, f->syntax, 0);
		break;
	case LF_STRING:
		if (f->syntax == SUBST_APPLESCRIPT) {
			applescript_body(sb, value, 0);
		} else if (f->syntax == SUBST_POWERSHELL) {
			if (fr->quote == '"')
				ps_double_body(sb, value, 0);
			else
				ps_single_body(sb, value);
		} else if (fr->escapes) {
			inert_body(sb, value, f->syntax, fr->bytes);
		} else {
			/* A literal without escapes: close it, join an escaped one, reopen. */
			int n = fr->triple ? 3 : 1;
			sb_addrep(sb, (char[]){fr->quote, '\0'}, (size_t)n);
			if (f->syntax == SUBST_PYTHON)
				sb_add(sb, fr->bytes ? " b\"" : " \"");
			else if (f->syntax == SUBST_RUBY)
				sb_addc(sb, '"');
			else
				sb_add(sb, ".\""); /* perl, php */
			inert_body(sb, value, f->syntax, fr->bytes);
			if (f->syntax == SUBST_PYTHON)
				sb_addf(sb, "\" %s", fr->prefix);
			else if (f->syntax == SUBST_RUBY)
				sb_addc(sb, '"');
			else
				sb_add(sb, "\".");
			sb_addrep(sb, (char[]){fr->quote, '\0'}, (size_t)n);
		}
		break;
	}
	free(name);
}

static int
ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/* JavaScript: does a '/' at i start a regular expression (rather than divide)? */
static int
js_regex_allowed(const char *code, size_t i)
{
	size_t j = i;
	while (j > 0 && (code[j - 1] == ' ' || code[j - 1] == '\t' || code[j - 1] == '\n'))
		j--;
	if (j == 0)
		return 1;
	char c = code[j - 1];
	if (strchr("(,=:[!&|?{};+-*%<>~^", c) != NULL)
		return 1;
	if (!ident_char(c))
		return 0;
	size_t k = j;
	while (k > 0 && ident_char(code[k - 1]))
		k--;
	static const char *const keywords[] = {"return", "typeof", "instanceof", "in",    "of",
					       "new",    "delete", "void",       "throw", "case",
					       "do",     "else",   "yield",      "await"};
	for (size_t n = 0; n < nitems(keywords); n++)
		if (strlen(keywords[n]) == j - k && strncmp(code + k, keywords[n], j - k) == 0)
			return 1;
	return 0;
}

/* At line start: does a "=word" POD or =begin block open here (perl, ruby)? */
static int
line_block_opens(const struct fill *f, size_t i)
{
	if (f->code[i] != '=' || (i > 0 && f->code[i - 1] != '\n'))
		return 0;
	if (f->syntax == SUBST_RUBY)
		return strncmp(f->code + i, "=begin", 6) == 0 && !ident_char(f->code[i + 6]);
	return f->syntax == SUBST_PERL && isalpha((unsigned char)f->code[i + 1]);
}

static int
line_block_closes(const struct fill *f, size_t i)
{
	if (i > 0 && f->code[i - 1] != '\n')
		return 0;
	const char *end = f->syntax == SUBST_RUBY ? "=end" : "=cut";
	return strncmp(f->code + i, end, 4) == 0 && !ident_char(f->code[i + 4]);
}

/* A string literal opening at i in code: push it; returns the new position, or i if none. */
static size_t
lang_string_open(struct lang *l, size_t i)
{
	struct fill *f = l->f;
	const char *code = f->code;
	char c = code[i];
	struct lang_frame fr = {.kind = LF_STRING, .quote = c, .escapes = 1};
	switch (f->syntax) {
	case SUBST_PYTHON: {
		if (c != '\'' && c != '"')
			return i;
		size_t k = i;
		while (k > 0 && ident_char(code[k - 1]))
			k--;
		if (i - k <= 2) {
			for (size_t j = k; j < i; j++) {
				char p = (char)tolower((unsigned char)code[j]);
				if (p == 'r')
					fr.escapes = 0;
				else if (p == 'b')
					fr.bytes = 1;
				else if (p != 'u' && p != 'f')
					fr.escapes = 1, fr.bytes = 0, k = i; /* an identifier */
			}
			memcpy(fr.prefix, code + k, i - k);
			fr.prefix[i - k] = '\0';
		}
		fr.triple = code[i + 1] == c && code[i + 2] == c;
		break;
	}
	case SUBST_JS:
		if (c != '\'' && c != '"' && c != '`')
			return i;
		fr.interpolates = c == '`';
		break;
	case SUBST_RUBY:
	case SUBST_PERL:
	case SUBST_PHP:
		if (c != '\'' && c != '"' && c != '`')
			return i;
		fr.escapes = c != '\'';
		fr.interpolates = f->syntax == SUBST_RUBY && c != '\'';
		break;
	case SUBST_APPLESCRIPT:
		if (c != '"')
			return i;
		break;
	case SUBST_POWERSHELL:
		if (c != '\'' && c != '"')
			return i;
		fr.escapes = 0; /* backticks, handled apart */
		break;
	default:
		return i;
	}
	lang_push(l, fr);
	return copy(f, i, fr.triple ? 3 : 1);
}

/* Comments opening at i: push one; the new position, or i if none. */
static size_t
lang_comment_open(struct lang *l, size_t i)
{
	struct fill *f = l->f;
	const char *p = f->code + i;
	enum subst_syntax sx = f->syntax;
	struct lang_frame fr = {.kind = LF_LINE_COMMENT};
	size_t n = 0;
	if (*p == '#' && (sx == SUBST_PYTHON || sx == SUBST_RUBY || sx == SUBST_PERL ||
			  sx == SUBST_PHP || sx == SUBST_APPLESCRIPT)) {
		n = 1;
	} else if (*p == '#' && sx == SUBST_POWERSHELL) {
		n = 1;
	} else if (p[0] == '<' && p[1] == '#' && sx == SUBST_POWERSHELL) {
		fr.kind = LF_BLOCK_COMMENT, n = 2;
	} else if (p[0] == '/' && p[1] == '/' && (sx == SUBST_JS || sx == SUBST_PHP)) {
		n = 2;
	} else if (p[0] == '/' && p[1] == '*' && (sx == SUBST_JS || sx == SUBST_PHP)) {
		fr.kind = LF_BLOCK_COMMENT, n = 2;
	} else if (p[0] == '-' && p[1] == '-' && sx == SUBST_APPLESCRIPT) {
		n = 2;
	} else if (p[0] == '(' && p[1] == '*' && sx == SUBST_APPLESCRIPT) {
		fr.kind = LF_BLOCK_COMMENT, n = 2;
	} else if (line_block_opens(f, i)) {
		fr.kind = LF_BLOCK_COMMENT, fr.quote = '=';
		n = 1;
	}
	if (n == 0)
		return i;
	lang_push(l, fr);
	return copy(f, i, n);
}

static size_t
lang_step_string(struct lang *l, size_t i)
{
	struct fill *f = l->f;
	struct lang_frame *fr = &l->stack[l->sp];
	const char *code = f->code;
	char c = code[i];
	if (f->syntax == SUBST_POWERSHELL && fr->quote == '"' && c == '`' && !ph_at(f, i + 1))
		return copy(f, i, 2);
	if (c == '\\' && !ph_at(f, i + 1) && f->syntax != SUBST_POWERSHELL)
		return copy(f, i, 2); /* even literals without escapes take \' (and raw \") */
	if (fr->interpolates && !ph_at(f, i + 1) &&
	    ((f->syntax == SUBST_JS && c == '$' && code[i + 1] == '{') ||
	     (f->syntax == SUBST_RUBY && c == '#' && code[i + 1] == '{'))) {
		lang_push(l, (struct lang_frame){.kind = LF_CODE});
		return copy(f, i, 2);
	}
	if (c == fr->quote) {
		if (f->syntax == SUBST_POWERSHELL && code[i + 1] == c && !ph_at(f, i + 1))
			return copy(f, i, 2); /* '' inside '…' */
		if (fr->triple) {
			if (code[i + 1] == c && code[i + 2] == c) {
				l->sp--;
				return copy(f, i, 3);
			}
			return copy(f, i, 1);
		}
		l->sp--;
		return copy(f, i, 1);
	}
	if (c == '\n' && !fr->triple &&
	    (f->syntax == SUBST_PYTHON || (f->syntax == SUBST_JS && fr->quote != '`')))
		l->sp--; /* an unterminated one-line string ends here */
	return copy(f, i, 1);
}

static size_t
lang_step_code(struct lang *l, size_t i)
{
	struct fill *f = l->f;
	struct lang_frame *fr = &l->stack[l->sp];
	const char *code = f->code;
	char c = code[i];
	enum subst_syntax sx = f->syntax;
	size_t j;
	if (sx == SUBST_PHP && c == '?' && code[i + 1] == '>') {
		l->stack[l->sp].kind = LF_HTML;
		return copy(f, i, 2);
	}
	if ((j = lang_comment_open(l, i)) != i)
		return j;
	if ((sx == SUBST_RUBY || sx == SUBST_PERL) && c == '$' && !ph_at(f, i + 1) &&
	    strchr("'\"`#", code[i + 1]) != NULL && code[i + 1] != '\0')
		return copy(f, i, 2); /* $' $" $` $# are variables */
	if ((j = lang_string_open(l, i)) != i)
		return j;
	if (sx == SUBST_JS && c == '/' && js_regex_allowed(code, i)) {
		lang_push(l, (struct lang_frame){.kind = LF_REGEX});
		return copy(f, i, 1);
	}
	if (sx == SUBST_APPLESCRIPT && (c == '|' || (unsigned char)c == 0xc2)) {
		/* |identifier| and «raw code»: skip to their end */
		const char *end =
			c == '|' ? strchr(code + i + 1, '|') : strstr(code + i, "\xc2\xbb");
		if (c == '|' || strncmp(code + i, "\xc2\xab", 2) == 0) {
			size_t stop =
				end != NULL ? (size_t)(end - code) + (c == '|' ? 1 : 2) : f->len;
			while (i < stop && f->error == NULL) {
				if (ph_at(f, i)) {
					const struct ext_placeholder *ph = &f->ph[f->next++];
					lang_emit(l, ph);
					i = ph->end;
				} else
					i = copy(f, i, stop - i);
			}
			return i;
		}
	}
	if (c == '\\' && !ph_at(f, i + 1) && sx != SUBST_POWERSHELL)
		return copy(f, i, 2);
	if (l->sp > 0 && (c == '{' || c == '}')) { /* inside an interpolation */
		if (c == '{')
			fr->depth++;
		else if (fr->depth > 0)
			fr->depth--;
		else
			l->sp--;
	}
	return copy(f, i, 1);
}

static void
fill_language(struct fill *f)
{
	struct lang l = {.f = f};
	l.stack[0] = (struct lang_frame){.kind = LF_CODE};
	const char *code = f->code;
	size_t i = 0;
	/* PHP code without "<?" gets "<?php" from the executor: it starts as code. */
	if (f->syntax == SUBST_PHP && strncmp(code, "<?", 2) == 0)
		l.stack[0].kind = LF_HTML;
	while (i < f->len && f->error == NULL) {
		if (ph_at(f, i)) {
			const struct ext_placeholder *ph = &f->ph[f->next++];
			lang_emit(&l, ph);
			i = ph->end;
			continue;
		}
		struct lang_frame *fr = &l.stack[l.sp];
		char c = code[i];
		switch (fr->kind) {
		case LF_CODE:
			i = lang_step_code(&l, i);
			break;
		case LF_STRING:
			i = lang_step_string(&l, i);
			break;
		case LF_LINE_COMMENT:
			if (c == '\n' || (f->syntax == SUBST_PHP && c == '?' && code[i + 1] == '>'))
				l.sp--; /* the line break (or ?>) belongs to the code */
			else
				i = copy(f, i, 1);
			break;
		case LF_BLOCK_COMMENT:
			if (fr->quote == '=') {
				if (c == '\n' && line_block_closes(f, i + 1))
					l.sp--;
				i = copy(f, i, 1);
			} else if (f->syntax == SUBST_APPLESCRIPT && c == '(' &&
				   code[i + 1] == '*') {
				fr->depth++;
				i = copy(f, i, 2);
			} else if ((f->syntax == SUBST_APPLESCRIPT && c == '*' &&
				    code[i + 1] == ')') ||
				   (f->syntax == SUBST_POWERSHELL && c == '#' &&
				    code[i + 1] == '>') ||
				   ((f->syntax == SUBST_JS || f->syntax == SUBST_PHP) && c == '*' &&
				    code[i + 1] == '/')) {
				if (fr->depth > 0)
					fr->depth--;
				else
					l.sp--;
				i = copy(f, i, 2);
			} else
				i = copy(f, i, 1);
			break;
		case LF_REGEX:
			if (c == '\\' && !ph_at(f, i + 1)) {
				i = copy(f, i, 2);
			} else if (c == '[') {
				fr->depth = 1; /* a class: '/' does not end it */
				i = copy(f, i, 1);
			} else if (c == ']') {
				fr->depth = 0;
				i = copy(f, i, 1);
			} else if ((c == '/' && fr->depth == 0) || c == '\n') {
				l.sp--;
				i = copy(f, i, 1);
			} else
				i = copy(f, i, 1);
			break;
		case LF_HTML:
			if (c == '<' && code[i + 1] == '?') {
				fr->kind = LF_CODE;
				i = copy(f, i, strncmp(code + i, "<?php", 5) == 0 ? 5 : 2);
			} else
				i = copy(f, i, 1);
			break;
		}
	}
}

char *
subst_fill(const char *code, enum subst_syntax syntax, const struct subst_values *v, char **cause)
{
	struct fill f = {.code = code, .len = strlen(code), .syntax = syntax, .v = v};
	struct ext_placeholder ph;
	size_t pos = 0, cap = 0;
	while (ext_next_placeholder(code, &pos, &ph)) {
		if (ph.kind != PH_INPUT)
			continue;
		if (f.n_ph == cap) {
			cap = cap ? cap * 2 : 8;
			f.ph = xreallocarray(f.ph, cap, sizeof *f.ph);
		}
		f.ph[f.n_ph++] = ph;
	}
	switch (syntax) {
	case SUBST_SH:
	case SUBST_FISH:
		fill_shell(&f, syntax == SUBST_FISH);
		break;
	case SUBST_PYTHON:
	case SUBST_JS:
	case SUBST_RUBY:
	case SUBST_PERL:
	case SUBST_PHP:
	case SUBST_APPLESCRIPT:
	case SUBST_POWERSHELL:
		fill_language(&f);
		break;
	default:
		fill_text(&f);
	}
	free(f.ph);
	if (f.error != NULL) {
		set_cause(cause, "%s", f.error);
		free(f.error);
		sb_free(&f.out);
		return NULL;
	}
	return sb_detach(&f.out);
}
