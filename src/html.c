/*
 * HTML to markdown (html.h).
 *
 * A forgiving tokenizer (tags, attributes, text, comments) feeds a
 * converter.  Inline content collects in `para` as markdown (escaped text
 * and emphasis markers); a block element flushes it as one block, each
 * line prefixed as its containers (quotes, list items) want.  Emphasis
 * markers open lazily, before the first text inside, and close before
 * trailing space, because markdown emphasis cannot start or end on a
 * space.
 */
#include "build-config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "html.h"
#include "strbuf.h"
#include "utf8.h"
#include "xmalloc.h"

#define MAX_DEPTH  32
#define MAX_INLINE 32

enum cont_kind { C_QUOTE, C_LIST, C_ITEM };

struct cont {
	enum cont_kind kind;
	int ordered;      /* C_LIST */
	long next;        /* C_LIST: the next ordered number */
	int blank_before; /* C_LIST: its first item needs a blank line before it */
	int items;        /* C_LIST: items so far */
	char marker[24];  /* C_ITEM */
	int marker_used;  /* C_ITEM: its first line was written */
};

struct inline_el {
	char tag[12];
	const char *open, *close; /* markers; a link's close is built at the end */
	int flushed;              /* the opening marker is in para */
	char *href;               /* a link's target */
	struct strbuf raw;        /* a link's text as text, to spot autolinks */
	size_t start;             /* a link: where its text starts in para */
};

struct table {
	struct strv_rows {
		char **cells;
		size_t n;
	} * rows;
	size_t n_rows;
	int in_cell;
	char *align; /* per column of the first row: 'l', 'c', 'r' or 0 */
	size_t n_align;
};

struct conv {
	struct strbuf out;
	struct strbuf para;
	int emitted;
	struct cont stack[MAX_DEPTH];
	int depth, overflow;
	struct inline_el inl[MAX_INLINE];
	int n_inl, inl_overflow;
	int heading;
	int pre;
	char pre_lang[32];
	struct strbuf pre_text;
	int code; /* inside <code> (not in pre) */
	struct strbuf code_text;
	int skip; /* inside head, script, style, title, template */
	char skip_tag[12];
	struct table *table;
};

/* Entities */

static const struct {
	const char *name;
	uint32_t cp;
} entities[] = {
	{"amp", '&'},       {"lt", '<'},        {"gt", '>'},        {"quot", '"'},
	{"apos", '\''},     {"nbsp", 0xa0},     {"copy", 0xa9},     {"reg", 0xae},
	{"trade", 0x2122},  {"hellip", 0x2026}, {"mdash", 0x2014},  {"ndash", 0x2013},
	{"lsquo", 0x2018},  {"rsquo", 0x2019},  {"ldquo", 0x201c},  {"rdquo", 0x201d},
	{"sbquo", 0x201a},  {"bdquo", 0x201e},  {"bull", 0x2022},   {"middot", 0xb7},
	{"laquo", 0xab},    {"raquo", 0xbb},    {"lsaquo", 0x2039}, {"rsaquo", 0x203a},
	{"times", 0xd7},    {"divide", 0xf7},   {"deg", 0xb0},      {"euro", 0x20ac},
	{"pound", 0xa3},    {"yen", 0xa5},      {"cent", 0xa2},     {"sect", 0xa7},
	{"para", 0xb6},     {"plusmn", 0xb1},   {"frac12", 0xbd},   {"frac14", 0xbc},
	{"frac34", 0xbe},   {"larr", 0x2190},   {"rarr", 0x2192},   {"uarr", 0x2191},
	{"darr", 0x2193},   {"harr", 0x2194},   {"rArr", 0x21d2},   {"check", 0x2713},
	{"hearts", 0x2665}, {"star", 0x2606},   {"iexcl", 0xa1},    {"iquest", 0xbf},
	{"shy", 0xad},      {"ensp", 0x2002},   {"emsp", 0x2003},   {"thinsp", 0x2009},
	{"zwj", 0x200d},    {"zwnj", 0x200c},   {"micro", 0xb5},    {"le", 0x2264},
	{"ge", 0x2265},     {"ne", 0x2260},     {"minus", 0x2212},  {"infin", 0x221e},
	{"auml", 0xe4},     {"ouml", 0xf6},     {"uuml", 0xfc},     {"Auml", 0xc4},
	{"Ouml", 0xd6},     {"Uuml", 0xdc},     {"szlig", 0xdf},    {"eacute", 0xe9},
	{"egrave", 0xe8},   {"Eacute", 0xc9},   {"aacute", 0xe1},   {"agrave", 0xe0},
	{"ccedil", 0xe7},   {"ntilde", 0xf1},   {"oacute", 0xf3},   {"iacute", 0xed},
	{"uacute", 0xfa},
};

/*
 * Decode the entity at s[0] == '&' (at most len bytes) into sb; returns
 * the bytes used, or 0 when it is not one (the '&' is then text).
 */
static size_t
decode_entity(const char *s, size_t len, struct strbuf *sb)
{
	size_t i = 1;
	uint32_t cp = 0;
	if (i < len && s[i] == '#') {
		i++;
		int hex = i < len && (s[i] == 'x' || s[i] == 'X');
		if (hex)
			i++;
		size_t digits = 0;
		uint64_t v = 0;
		while (i < len &&
		       (hex ? isxdigit((unsigned char)s[i]) : isdigit((unsigned char)s[i]))) {
			int d = isdigit((unsigned char)s[i])
					? s[i] - '0'
					: (tolower((unsigned char)s[i]) - 'a' + 10);
			if (v <= 0x10ffff)
				v = v * (hex ? 16 : 10) + (uint64_t)d;
			i++;
			digits++;
		}
		if (digits == 0)
			return 0;
		if (i < len && s[i] == ';')
			i++;
		cp = v == 0 || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff) ? UTF8_REPLACEMENT
									    : (uint32_t)v;
	} else {
		size_t start = i;
		while (i < len && i - start < 10 && isalnum((unsigned char)s[i]))
			i++;
		if (i == start || i >= len || s[i] != ';')
			return 0;
		size_t n = i - start;
		int found = 0;
		for (size_t k = 0; k < nitems(entities); k++)
			if (strlen(entities[k].name) == n &&
			    memcmp(entities[k].name, s + start, n) == 0) {
				cp = entities[k].cp;
				found = 1;
				break;
			}
		if (!found)
			return 0;
		i++;
	}
	if (cp < 0x20 && cp != '\t' && cp != '\n')
		cp = UTF8_REPLACEMENT;
	char buf[8];
	sb_addn(sb, buf, utf8_encode(cp, buf));
	return i;
}

/* s[0..len) with entities decoded; control characters but tab and newline dropped. */
static void
decode_text(const char *s, size_t len, struct strbuf *sb)
{
	for (size_t i = 0; i < len;) {
		if (s[i] == '&') {
			size_t n = decode_entity(s + i, len - i, sb);
			if (n > 0) {
				i += n;
				continue;
			}
		}
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x20 || c == '\t' || c == '\n')
			sb_addc(sb, (char)c);
		else if (c == '\r' && !(i + 1 < len && s[i + 1] == '\n'))
			sb_addc(sb, '\n');
		i++;
	}
}

/* Output */

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The prefix of a block's line: quote bars, list markers or their indentation. */
static void
add_prefix(struct conv *c, struct strbuf *line, int first, int blank)
{
	int n = c->depth < MAX_DEPTH ? c->depth : MAX_DEPTH;
	for (int i = 0; i < n; i++) {
		struct cont *k = &c->stack[i];
		if (k->kind == C_QUOTE)
			sb_add(line, "> ");
		else if (k->kind == C_ITEM && !blank) {
			int innermost_unused = first && !k->marker_used;
			if (innermost_unused) {
				sb_add(line, k->marker);
				k->marker_used = 1;
			} else
				sb_addrep(line, " ", strlen(k->marker));
		}
	}
}

static struct cont *
top_item(struct conv *c)
{
	if (c->depth == 0 || c->depth > MAX_DEPTH)
		return NULL;
	struct cont *k = &c->stack[c->depth - 1];
	return k->kind == C_ITEM ? k : NULL;
}

static struct cont *
list_of_top_item(struct conv *c)
{
	if (c->depth < 2 || c->depth > MAX_DEPTH || top_item(c) == NULL)
		return NULL;
	struct cont *k = &c->stack[c->depth - 2];
	return k->kind == C_LIST ? k : NULL;
}

/* Write a block (lines separated by '\n') with its prefixes and the blank line before it. */
static void
emit_block(struct conv *c, const char *text, size_t len)
{
	struct cont *item = top_item(c);
	int blank = c->emitted;
	if (item != NULL && !item->marker_used) {
		struct cont *list = list_of_top_item(c);
		blank = list != NULL && list->items == 1 && list->blank_before;
	}
	struct strbuf line = STRBUF_INIT;
	if (blank) {
		add_prefix(c, &line, 0, 1);
		while (line.len > 0 && line.s[line.len - 1] == ' ')
			sb_truncate(&line, line.len - 1);
		sb_addc(&line, '\n');
	}
	int first = 1;
	for (size_t i = 0; i <= len;) {
		size_t n = 0;
		while (i + n < len && text[i + n] != '\n')
			n++;
		add_prefix(c, &line, first, 0);
		sb_addn(&line, text + i, n);
		sb_addc(&line, '\n');
		first = 0;
		i += n + 1;
	}
	sb_addn(&c->out, line.s, line.len);
	sb_free(&line);
	c->emitted = 1;
}

/* Inline content */

/* A character of text that markdown would read as syntax, and how to keep it text. */
static void
add_escaped(struct conv *c, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		char ch = s[i];
		int line_start = c->para.len == 0 || c->para.s[c->para.len - 1] == '\n';
		if (strchr("\\`*_[]<>#!|~&", ch) != NULL)
			sb_addc(&c->para, '\\');
		else if (line_start && strchr("-+=", ch) != NULL)
			sb_addc(&c->para, '\\');
		else if (line_start && isdigit((unsigned char)ch)) {
			/* "1." or "1)" would start a list: escape the punctuation */
			size_t j = i;
			while (j < len && isdigit((unsigned char)s[j]))
				j++;
			sb_addn(&c->para, s + i, j - i);
			if (j < len && (s[j] == '.' || s[j] == ')')) {
				sb_addc(&c->para, '\\');
				sb_addc(&c->para, s[j]);
				j++;
			}
			i = j - 1;
			continue;
		}
		sb_addc(&c->para, ch);
	}
}

static int
para_ends_space(const struct conv *c)
{
	return c->para.len > 0 && (c->para.s[c->para.len - 1] == ' ');
}

static int
para_at_line_start(const struct conv *c)
{
	return c->para.len == 0 || c->para.s[c->para.len - 1] == '\n';
}

/* Opening markers not written yet, before text. */
static void
flush_open(struct conv *c)
{
	for (int i = 0; i < c->n_inl; i++)
		if (!c->inl[i].flushed) {
			c->inl[i].flushed = 1;
			c->inl[i].start = c->para.len + strlen(c->inl[i].open);
			sb_add(&c->para, c->inl[i].open);
		}
}

/* Text (decoded) into the paragraph, whitespace collapsed. */
static void
add_text(struct conv *c, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		if (is_space(s[i])) {
			while (i < len && is_space(s[i]))
				i++;
			if (!para_at_line_start(c) && !para_ends_space(c) && c->para.len > 0)
				sb_addc(&c->para, ' ');
			for (int k = 0; k < c->n_inl; k++)
				if (c->inl[k].href != NULL && c->inl[k].raw.len > 0)
					sb_addc(&c->inl[k].raw, ' ');
			continue;
		}
		size_t n = 0;
		while (i + n < len && !is_space(s[i + n]))
			n++;
		flush_open(c);
		add_escaped(c, s + i, n);
		for (int k = 0; k < c->n_inl; k++)
			if (c->inl[k].href != NULL)
				sb_addn(&c->inl[k].raw, s + i, n);
		i += n;
	}
}

/* Link destinations: characters that would end or break one are percent-encoded. */
static void
add_url(struct strbuf *sb, const char *url)
{
	for (const char *p = url; *p != '\0'; p++) {
		unsigned char ch = (unsigned char)*p;
		if (ch <= ' ' || ch == '(' || ch == ')' || ch == '<' || ch == '>' || ch == '\\' ||
		    ch == 0x7f)
			sb_addf(sb, "%%%02X", ch);
		else
			sb_addc(sb, (char)ch);
	}
}

/* Write element e's closing marker (a link's "](url)"), before trailing space. */
static void
emit_close(struct conv *c, struct inline_el *e)
{
	int space = para_ends_space(c);
	if (space)
		sb_truncate(&c->para, c->para.len - 1);
	if (e->href != NULL) {
		size_t rn = e->raw.len;
		while (rn > 0 && e->raw.s[rn - 1] == ' ')
			rn--;
		if (rn == strlen(e->href) && memcmp(e->raw.s, e->href, rn) == 0 &&
		    strchr(e->href, ':') != NULL && strpbrk(e->href, " <>") == NULL &&
		    e->start >= 1 && e->start <= c->para.len) {
			/* text that is its URL: an autolink */
			sb_truncate(&c->para, e->start - 1);
			sb_addc(&c->para, '<');
			sb_add(&c->para, e->href);
			sb_addc(&c->para, '>');
		} else {
			sb_add(&c->para, "](");
			add_url(&c->para, e->href);
			sb_addc(&c->para, ')');
		}
	} else
		sb_add(&c->para, e->close);
	if (space)
		sb_addc(&c->para, ' ');
}

static void
close_inline_at(struct conv *c, int k)
{
	struct inline_el *e = &c->inl[k];
	if (e->flushed)
		emit_close(c, e);
	free(e->href);
	sb_free(&e->raw);
}

/* Close inline element k and every one opened after it. */
static void
close_inline(struct conv *c, int k)
{
	for (int i = c->n_inl - 1; i >= k; i--)
		close_inline_at(c, i);
	c->n_inl = k;
}

static void
open_inline(struct conv *c, const char *tag, const char *open, const char *close, const char *href)
{
	if (c->n_inl == MAX_INLINE) {
		c->inl_overflow++;
		return;
	}
	struct inline_el *e = &c->inl[c->n_inl++];
	memset(e, 0, sizeof *e);
	snprintf(e->tag, sizeof e->tag, "%s", tag);
	e->open = open;
	e->close = close;
	e->href = href != NULL ? xstrdup(href) : NULL;
}

static void
end_inline(struct conv *c, const char *tag)
{
	if (c->inl_overflow > 0) {
		c->inl_overflow--;
		return;
	}
	for (int k = c->n_inl - 1; k >= 0; k--)
		if (strcmp(c->inl[k].tag, tag) == 0) {
			close_inline(c, k);
			return;
		}
}

/* The paragraph so far as a block. */
static void
flush_para(struct conv *c)
{
	if (c->table != NULL && c->table->in_cell)
		return;
	/* open emphasis closes with the block and opens again in the next one */
	for (int i = c->n_inl - 1; i >= 0; i--) {
		struct inline_el *e = &c->inl[i];
		if (e->flushed)
			emit_close(c, e);
		e->flushed = 0;
		sb_truncate(&e->raw, 0);
	}
	/* trailing spaces and hard breaks mean nothing at the end of a block */
	size_t len = c->para.len;
	for (;;) {
		while (len > 0 && c->para.s[len - 1] == ' ')
			len--;
		if (len >= 2 && c->para.s[len - 1] == '\n' && c->para.s[len - 2] == '\\')
			len -= 2;
		else
			break;
	}
	if (len > 0) {
		if (c->heading > 0) {
			struct strbuf h = STRBUF_INIT;
			sb_addrep(&h, "#", (size_t)c->heading);
			sb_addc(&h, ' ');
			sb_addn(&h, c->para.s, len);
			emit_block(c, h.s, h.len);
			sb_free(&h);
		} else
			emit_block(c, c->para.s, len);
	}
	sb_truncate(&c->para, 0);
}

static void
hard_break(struct conv *c)
{
	if (c->heading > 0 || (c->table != NULL && c->table->in_cell)) {
		if (!para_ends_space(c) && c->para.len > 0)
			sb_addc(&c->para, ' ');
		return;
	}
	while (para_ends_space(c))
		sb_truncate(&c->para, c->para.len - 1);
	if (c->para.len > 0 && !para_at_line_start(c))
		sb_add(&c->para, "\\\n");
}

/* Code: spans and blocks */

static size_t
longest_run(const char *s, size_t len, char ch)
{
	size_t best = 0, run = 0;
	for (size_t i = 0; i < len; i++) {
		run = s[i] == ch ? run + 1 : 0;
		if (run > best)
			best = run;
	}
	return best;
}

static void
end_code_span(struct conv *c)
{
	c->code = 0;
	struct strbuf t = STRBUF_INIT;
	/* collapse whitespace, as the browser shows it */
	for (size_t i = 0; i < c->code_text.len; i++) {
		char ch = c->code_text.s[i];
		if (is_space(ch)) {
			if (t.len > 0 && t.s[t.len - 1] != ' ')
				sb_addc(&t, ' ');
		} else
			sb_addc(&t, ch);
	}
	while (t.len > 0 && t.s[t.len - 1] == ' ')
		sb_truncate(&t, t.len - 1);
	sb_truncate(&c->code_text, 0);
	if (t.len == 0) {
		sb_free(&t);
		return;
	}
	size_t ticks = longest_run(t.s, t.len, '`') + 1;
	int pad = t.s[0] == '`' || t.s[t.len - 1] == '`';
	flush_open(c);
	sb_addrep(&c->para, "`", ticks);
	if (pad)
		sb_addc(&c->para, ' ');
	sb_addn(&c->para, t.s, t.len);
	if (pad)
		sb_addc(&c->para, ' ');
	sb_addrep(&c->para, "`", ticks);
	sb_free(&t);
}

static void
end_pre(struct conv *c)
{
	c->pre = 0;
	const char *s = sb_str(&c->pre_text);
	size_t len = c->pre_text.len;
	if (len > 0 && s[0] == '\n') /* the line break right after <pre> is not content */
		s++, len--;
	while (len > 0 && (s[len - 1] == '\n' || s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	size_t ticks = longest_run(s, len, '`') + 1;
	if (ticks < 3)
		ticks = 3;
	struct strbuf b = STRBUF_INIT;
	sb_addrep(&b, "`", ticks);
	sb_add(&b, c->pre_lang);
	sb_addc(&b, '\n');
	if (len > 0) {
		sb_addn(&b, s, len);
		sb_addc(&b, '\n');
	}
	sb_addrep(&b, "`", ticks);
	emit_block(c, b.s, b.len);
	sb_free(&b);
	sb_truncate(&c->pre_text, 0);
	c->pre_lang[0] = '\0';
}

/* Tables */

/* A tag as the tokenizer read it (attributes decoded, NULL when absent). */
struct tag {
	char name[12];
	int end;
	char *href, *src, *alt, *cls, *start, *type, *align, *style;
};

static void
table_end_cell(struct conv *c)
{
	struct table *t = c->table;
	if (t == NULL || !t->in_cell)
		return;
	/* close what the cell left open, on its own text */
	close_inline(c, 0);
	size_t len = c->para.len;
	while (len > 0 && c->para.s[len - 1] == ' ')
		len--;
	if (t->n_rows == 0) {
		t->rows = xcalloc(1, sizeof *t->rows);
		t->n_rows = 1;
	}
	struct strv_rows *row = &t->rows[t->n_rows - 1];
	row->cells = xreallocarray(row->cells, row->n + 1, sizeof *row->cells);
	row->cells[row->n++] = xstrndup(c->para.s != NULL ? c->para.s : "", len);
	sb_truncate(&c->para, 0);
	t->in_cell = 0;
}

static void
table_row(struct conv *c)
{
	struct table *t = c->table;
	table_end_cell(c);
	if (t->n_rows > 0 && t->rows[t->n_rows - 1].n == 0)
		return; /* the last row is still empty */
	t->rows = xreallocarray(t->rows, t->n_rows + 1, sizeof *t->rows);
	t->rows[t->n_rows++] = (struct strv_rows){NULL, 0};
}

/* A cell's alignment ('l', 'c', 'r' or 0): align="…" or style="text-align: …". */
static char
cell_align(const struct tag *t)
{
	const char *a = t->align;
	const char *p = t->style != NULL ? strcasestr(t->style, "text-align") : NULL;
	if (a == NULL && p != NULL) {
		p += strlen("text-align");
		p += strspn(p, " \t");
		if (*p == ':')
			a = p + 1 + strspn(p + 1, " \t");
	}
	if (a == NULL)
		return 0;
	return strncasecmp(a, "left", 4) == 0     ? 'l'
	       : strncasecmp(a, "center", 6) == 0 ? 'c'
	       : strncasecmp(a, "right", 5) == 0  ? 'r'
						  : 0;
}

/* The first row's cells set their columns' alignment. */
static void
table_align(struct table *t, const struct tag *cell)
{
	size_t col = t->rows[0].n;
	if (col >= t->n_align) {
		t->align = xrealloc(t->align, col + 1);
		memset(t->align + t->n_align, 0, col + 1 - t->n_align);
		t->n_align = col + 1;
	}
	t->align[col] = cell_align(cell);
}

static void
table_free(struct table *t)
{
	for (size_t r = 0; r < t->n_rows; r++) {
		for (size_t i = 0; i < t->rows[r].n; i++)
			free(t->rows[r].cells[i]);
		free(t->rows[r].cells);
	}
	free(t->rows);
	free(t->align);
	free(t);
}

static void
end_table(struct conv *c)
{
	struct table *t = c->table;
	table_end_cell(c);
	c->table = NULL;
	size_t cols = 0;
	for (size_t r = 0; r < t->n_rows; r++)
		if (t->rows[r].n > cols)
			cols = t->rows[r].n;
	if (cols > 0) {
		struct strbuf b = STRBUF_INIT;
		int header = 1;
		for (size_t r = 0; r < t->n_rows; r++) {
			if (t->rows[r].n == 0)
				continue;
			sb_add(&b, "|");
			for (size_t i = 0; i < cols; i++)
				sb_addf(&b, " %s |", i < t->rows[r].n ? t->rows[r].cells[i] : "");
			sb_addc(&b, '\n');
			if (header) {
				sb_add(&b, "|");
				for (size_t i = 0; i < cols; i++) {
					char a = i < t->n_align ? t->align[i] : 0;
					sb_add(&b, a == 'l'   ? " :--- |"
						   : a == 'c' ? " :---: |"
						   : a == 'r' ? " ---: |"
							      : " --- |");
				}
				sb_addc(&b, '\n');
				header = 0;
			}
		}
		if (b.len > 0)
			emit_block(c, b.s, b.len - 1);
		sb_free(&b);
	}
	table_free(t);
}

/* Tags */

static void
tag_clear(struct tag *t)
{
	free(t->href);
	free(t->src);
	free(t->alt);
	free(t->cls);
	free(t->start);
	free(t->type);
	free(t->align);
	free(t->style);
	memset(t, 0, sizeof *t);
}

static int
is_tag(const struct tag *t, const char *const *names)
{
	for (; *names != NULL; names++)
		if (strcmp(t->name, *names) == 0)
			return 1;
	return 0;
}

static const char *const block_tags[] = {
	"p",      "div",   "section", "article",    "header",   "footer",  "main",
	"nav",    "aside", "figure",  "figcaption", "address",  "details", "summary",
	"dl",     "dt",    "dd",      "form",       "fieldset", "legend",  "center",
	"hgroup", "body",  "html",    "caption",    "noscript", "menu",    NULL,
};
static const char *const skip_tags[] = {"head", "script", "style", "title", "template", NULL};

static void
push_cont(struct conv *c, struct cont k)
{
	if (c->depth < MAX_DEPTH)
		c->stack[c->depth] = k;
	c->depth++;
}

static void
pop_cont(struct conv *c)
{
	if (c->depth > 0)
		c->depth--;
}

/* Pop containers down to (and including) the innermost of kind; nothing when there is none. */
static void
pop_to(struct conv *c, enum cont_kind kind)
{
	int n = c->depth < MAX_DEPTH ? c->depth : MAX_DEPTH;
	int at = -1;
	for (int i = n - 1; i >= 0; i--)
		if (c->stack[i].kind == kind) {
			at = i;
			break;
		}
	if (c->depth > MAX_DEPTH) {
		c->depth--; /* an overflowed one */
		return;
	}
	if (at >= 0)
		c->depth = at;
}

static void
open_item(struct conv *c)
{
	/* an <li> without </li> before it ends the previous item */
	if (top_item(c) != NULL)
		pop_cont(c);
	struct cont *list = NULL;
	if (c->depth > 0 && c->depth <= MAX_DEPTH && c->stack[c->depth - 1].kind == C_LIST)
		list = &c->stack[c->depth - 1];
	struct cont item = {.kind = C_ITEM};
	if (list != NULL && list->ordered)
		snprintf(item.marker, sizeof item.marker, "%ld. ", list->next++);
	else
		snprintf(item.marker, sizeof item.marker, "- ");
	if (list != NULL)
		list->items++;
	push_cont(c, item);
}

static void
start_tag(struct conv *c, struct tag *t)
{
	static const char *const bold[] = {"b", "strong", NULL};
	static const char *const italic[] = {"i", "em", "cite", "var", "dfn", NULL};
	static const char *const strike[] = {"s", "del", "strike", NULL};
	static const char *const code[] = {"code", "kbd", "samp", "tt", NULL};
	static const char *const headings[] = {"h1", "h2", "h3", "h4", "h5", "h6", NULL};
	if (is_tag(t, skip_tags)) {
		c->skip = 1;
		snprintf(c->skip_tag, sizeof c->skip_tag, "%s", t->name);
		return;
	}
	if (c->pre) {
		if (strcmp(t->name, "br") == 0)
			sb_addc(&c->pre_text, '\n');
		else if (strcmp(t->name, "code") == 0 && t->cls != NULL && c->pre_text.len == 0) {
			const char *lang = strstr(t->cls, "language-");
			if (lang != NULL) {
				lang += 9;
				size_t n = strcspn(lang, " \t\n");
				snprintf(c->pre_lang, sizeof c->pre_lang, "%.*s", (int)n, lang);
				for (char *p = c->pre_lang; *p != '\0'; p++)
					if (*p == '`' || *p == '~')
						*p = '-';
			}
		}
		return;
	}
	if (c->code) {
		if (strcmp(t->name, "br") == 0)
			sb_addc(&c->code_text, ' ');
		return;
	}
	if (is_tag(t, bold))
		open_inline(c, t->name, "**", "**", NULL);
	else if (is_tag(t, italic))
		open_inline(c, t->name, "*", "*", NULL);
	else if (is_tag(t, strike))
		open_inline(c, t->name, "~~", "~~", NULL);
	else if (is_tag(t, code))
		c->code = 1;
	else if (strcmp(t->name, "a") == 0) {
		if (t->href != NULL && *t->href != '\0')
			open_inline(c, "a", "[", NULL, t->href);
		else
			open_inline(c, "a", "", "", NULL);
	} else if (strcmp(t->name, "img") == 0) {
		if (t->src != NULL && *t->src != '\0') {
			flush_open(c);
			sb_add(&c->para, "![");
			if (t->alt != NULL)
				add_escaped(c, t->alt, strlen(t->alt));
			sb_add(&c->para, "](");
			add_url(&c->para, t->src);
			sb_addc(&c->para, ')');
		} else if (t->alt != NULL)
			add_text(c, t->alt, strlen(t->alt));
	} else if (strcmp(t->name, "br") == 0)
		hard_break(c);
	else if (is_tag(t, headings)) {
		flush_para(c);
		c->heading = t->name[1] - '0';
	} else if (strcmp(t->name, "hr") == 0) {
		flush_para(c);
		emit_block(c, "---", 3);
	} else if (strcmp(t->name, "pre") == 0 || strcmp(t->name, "textarea") == 0) {
		flush_para(c);
		c->pre = 1;
		c->pre_lang[0] = '\0';
	} else if (strcmp(t->name, "blockquote") == 0) {
		flush_para(c);
		push_cont(c, (struct cont){.kind = C_QUOTE});
	} else if (strcmp(t->name, "ul") == 0 || strcmp(t->name, "ol") == 0) {
		flush_para(c);
		struct cont list = {.kind = C_LIST, .ordered = t->name[0] == 'o', .next = 1};
		if (list.ordered && t->start != NULL) {
			char *end;
			long v = strtol(t->start, &end, 10);
			if (end != t->start && v >= 0 && v < 1000000000)
				list.next = v;
		}
		/* inside an item, a list follows the item's text tightly */
		list.blank_before =
			c->emitted && (top_item(c) == NULL || (list.ordered && list.next != 1));
		push_cont(c, list);
	} else if (strcmp(t->name, "li") == 0) {
		flush_para(c);
		open_item(c);
	} else if (strcmp(t->name, "table") == 0) {
		flush_para(c);
		if (c->table == NULL)
			c->table = xcalloc(1, sizeof *c->table);
	} else if (strcmp(t->name, "tr") == 0) {
		if (c->table != NULL)
			table_row(c);
	} else if (strcmp(t->name, "td") == 0 || strcmp(t->name, "th") == 0) {
		if (c->table != NULL) {
			table_end_cell(c);
			if (c->table->n_rows == 0)
				table_row(c);
			if (c->table->n_rows == 1)
				table_align(c->table, t);
			c->table->in_cell = 1;
		}
	} else if (is_tag(t, block_tags))
		flush_para(c);
}

static void
end_tag(struct conv *c, struct tag *t)
{
	static const char *const inline_tags[] = {"b",   "strong", "i",   "em",     "cite", "var",
						  "dfn", "s",      "del", "strike", "a",    NULL};
	static const char *const code[] = {"code", "kbd", "samp", "tt", NULL};
	static const char *const headings[] = {"h1", "h2", "h3", "h4", "h5", "h6", NULL};
	if (c->pre) {
		if (strcmp(t->name, "pre") == 0 || strcmp(t->name, "textarea") == 0)
			end_pre(c);
		return;
	}
	if (c->code) {
		if (is_tag(t, code))
			end_code_span(c);
		return;
	}
	if (is_tag(t, inline_tags))
		end_inline(c, t->name);
	else if (is_tag(t, headings)) {
		flush_para(c);
		c->heading = 0;
	} else if (strcmp(t->name, "blockquote") == 0) {
		flush_para(c);
		pop_to(c, C_QUOTE);
	} else if (strcmp(t->name, "ul") == 0 || strcmp(t->name, "ol") == 0) {
		flush_para(c);
		pop_to(c, C_LIST);
	} else if (strcmp(t->name, "li") == 0) {
		flush_para(c);
		if (top_item(c) != NULL)
			pop_cont(c);
	} else if (strcmp(t->name, "td") == 0 || strcmp(t->name, "th") == 0) {
		table_end_cell(c);
	} else if (strcmp(t->name, "table") == 0) {
		if (c->table != NULL)
			end_table(c);
	} else if (is_tag(t, block_tags))
		flush_para(c);
}

/* Tokenizer */

static char *
attr_value(const char *s, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	decode_text(s, len, &sb);
	return sb_detach(&sb);
}

/*
 * Parse the tag at s[0] == '<' (len bytes): 0 when it is not a tag (the
 * '<' is text), else the bytes it takes, with *t filled.
 */
static size_t
parse_tag(const char *s, size_t len, struct tag *t)
{
	size_t i = 1;
	memset(t, 0, sizeof *t);
	if (i < len && s[i] == '/') {
		t->end = 1;
		i++;
	}
	if (i >= len || !isalpha((unsigned char)s[i]))
		return 0;
	size_t n = 0;
	while (i < len && (isalnum((unsigned char)s[i]) || s[i] == '-' || s[i] == ':')) {
		if (n + 1 < sizeof t->name)
			t->name[n++] = (char)tolower((unsigned char)s[i]);
		i++;
	}
	t->name[n] = '\0';
	if (i < len && !is_space(s[i]) && s[i] != '>' && s[i] != '/')
		return 0;
	while (i < len && s[i] != '>') {
		if (is_space(s[i]) || s[i] == '/') {
			i++;
			continue;
		}
		size_t an = i;
		while (i < len && !is_space(s[i]) && s[i] != '=' && s[i] != '>' && s[i] != '/')
			i++;
		char name[16];
		snprintf(name, sizeof name, "%.*s", (int)(i - an), s + an);
		for (char *p = name; *p != '\0'; p++)
			*p = (char)tolower((unsigned char)*p);
		while (i < len && is_space(s[i]))
			i++;
		const char *v = NULL;
		size_t vn = 0;
		if (i < len && s[i] == '=') {
			i++;
			while (i < len && is_space(s[i]))
				i++;
			if (i < len && (s[i] == '"' || s[i] == '\'')) {
				char q = s[i++];
				v = s + i;
				while (i < len && s[i] != q)
					i++;
				vn = (size_t)(s + i - v);
				if (i < len)
					i++;
			} else {
				v = s + i;
				while (i < len && !is_space(s[i]) && s[i] != '>')
					i++;
				vn = (size_t)(s + i - v);
			}
		}
		char **slot = strcmp(name, "href") == 0    ? &t->href
			      : strcmp(name, "src") == 0   ? &t->src
			      : strcmp(name, "alt") == 0   ? &t->alt
			      : strcmp(name, "class") == 0 ? &t->cls
			      : strcmp(name, "start") == 0 ? &t->start
			      : strcmp(name, "type") == 0  ? &t->type
			      : strcmp(name, "align") == 0 ? &t->align
			      : strcmp(name, "style") == 0 ? &t->style
							   : NULL;
		if (slot != NULL && *slot == NULL)
			*slot = attr_value(v != NULL ? v : "", vn);
	}
	return i < len ? i + 1 : len;
}

static void
text_chunk(struct conv *c, const char *s, size_t len)
{
	if (c->skip || len == 0)
		return;
	struct strbuf d = STRBUF_INIT;
	decode_text(s, len, &d);
	if (c->pre)
		sb_addn(&c->pre_text, d.s, d.len);
	else if (c->code)
		sb_addn(&c->code_text, d.s, d.len);
	else
		add_text(c, sb_str(&d), d.len);
	sb_free(&d);
}

char *
html_to_markdown(const char *html, size_t len)
{
	struct conv c;
	memset(&c, 0, sizeof c);
	size_t text_start = 0;
	for (size_t i = 0; i < len;) {
		if (html[i] != '<') {
			i++;
			continue;
		}
		if (len - i >= 4 && memcmp(html + i, "<!--", 4) == 0) {
			text_chunk(&c, html + text_start, i - text_start);
			const char *end = NULL;
			for (size_t j = i + 4; j + 3 <= len; j++)
				if (memcmp(html + j, "-->", 3) == 0) {
					end = html + j + 3;
					break;
				}
			i = end != NULL ? (size_t)(end - html) : len;
			text_start = i;
			continue;
		}
		if (i + 1 < len && (html[i + 1] == '!' || html[i + 1] == '?')) {
			text_chunk(&c, html + text_start, i - text_start);
			while (i < len && html[i] != '>')
				i++;
			i += i < len;
			text_start = i;
			continue;
		}
		struct tag t;
		size_t n = parse_tag(html + i, len - i, &t);
		if (n == 0) {
			tag_clear(&t);
			i++;
			continue;
		}
		if (c.skip) {
			/* only the end of what is skipped matters */
			if (t.end && strcmp(t.name, c.skip_tag) == 0) {
				c.skip = 0;
				text_start = i + n;
			}
			i += n;
			tag_clear(&t);
			continue;
		}
		text_chunk(&c, html + text_start, i - text_start);
		if (t.end)
			end_tag(&c, &t);
		else
			start_tag(&c, &t);
		tag_clear(&t);
		i += n;
		text_start = i;
	}
	text_chunk(&c, html + text_start, len - text_start);
	if (c.pre)
		end_pre(&c);
	if (c.code)
		end_code_span(&c);
	if (c.table != NULL)
		end_table(&c);
	close_inline(&c, 0);
	flush_para(&c);
	sb_free(&c.para);
	sb_free(&c.pre_text);
	sb_free(&c.code_text);
	if (c.out.len == 0)
		return xstrdup("");
	return sb_detach(&c.out);
}

int
html_detect(const char *text)
{
	const char *p = text;
	while (is_space(*p))
		p++;
	if (*p != '<')
		return 0;
	p++;
	if (*p == '!')
		return strncmp(p, "!--", 3) == 0 || strncasecmp(p, "!doctype", 8) == 0;
	if (*p == '/')
		p++;
	if (!isalpha((unsigned char)*p))
		return 0;
	while (isalnum((unsigned char)*p) || *p == '-')
		p++;
	return *p == '>' || *p == '/' || is_space(*p);
}

char *
html_or_markdown(const char *text)
{
	if (text == NULL)
		return xstrdup("");
	return html_detect(text) ? html_to_markdown(text, strlen(text)) : xstrdup(text);
}
