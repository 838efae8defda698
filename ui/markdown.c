/*
 * Markdown to styled lines (rules in markdown.h).
 *
 * md4c reports blocks, spans and text.  Inline text collects as cells
 * (code point, style, columns) until its block ends; the block is then
 * wrapped and emitted with the prefix its containers give each line
 * (quote bars, list markers or their indentation).
 */
#include "build-config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>

#include "ext-text.h"
#include "markdown.h"
#include "strbuf.h"
#include "utf8.h"
#include "xmalloc.h"

#define TAB_STOP    4
#define CODE_INDENT 2

struct cell {
	uint32_t cp; /* '\n' is a hard break */
	unsigned style;
	unsigned char width;
};

struct cells {
	struct cell *c;
	size_t n, cap;
};

enum container_kind { C_QUOTE, C_LIST, C_ITEM };

struct container {
	enum container_kind kind;
	/* C_LIST */
	int ordered, tight;
	unsigned next;
	char delim;
	/* C_ITEM */
	char marker[32];
	size_t marker_width;
	int marker_used;
};

struct table_cell {
	struct cells cells;
	size_t width;
};

struct table {
	struct table_cell *cells; /* row-major, rows * cols */
	size_t rows, cols, cap_cells;
	size_t col; /* the column being filled in the current row */
	MD_ALIGN *align;
	size_t head_rows;
	int in_head;
};

struct link {
	char *href;
	size_t start; /* first cell of its text */
	int image;
};

struct render {
	size_t width;
	struct md_doc *doc;
	struct container stack[64];
	size_t depth;
	size_t overflow; /* containers nested deeper than the stack: ignored */
	int style_count[16];
	struct cells text; /* the current block's inline text */
	struct strbuf raw; /* code and html blocks */
	int in_code, in_html, in_heading;
	unsigned heading_level;
	struct table *table;
	int in_cell;
	struct link links[16];
	size_t n_links;
	int need_blank;
};

/* Cells. */

static void
cells_push(struct cells *cs, uint32_t cp, unsigned style, int width)
{
	if (cs->n == cs->cap) {
		cs->cap = cs->cap ? cs->cap * 2 : 64;
		cs->c = xreallocarray(cs->c, cs->cap, sizeof *cs->c);
	}
	cs->c[cs->n].cp = cp;
	cs->c[cs->n].style = style;
	cs->c[cs->n].width = (unsigned char)width;
	cs->n++;
}

static int
unsafe_cp(uint32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xA0) ||
	       (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069);
}

/* Append UTF-8 text as cells; controls become U+FFFD (tabs and breaks are the caller's). */
static void
cells_add_text(struct cells *cs, const char *s, size_t len, unsigned style)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		if (unsafe_cp(cp))
			cp = UTF8_REPLACEMENT;
		int w = utf8_cp_width(cp);
		if (w == 0 && cs->n == 0)
			continue; /* a combining mark with nothing to combine with */
		cells_push(cs, cp, style, w);
	}
}

static void
cells_free(struct cells *cs)
{
	free(cs->c);
	cs->c = NULL;
	cs->n = cs->cap = 0;
}

/* Output lines. */

struct line_builder {
	struct strbuf text;
	struct md_span *spans;
	size_t n_spans, cap_spans;
	size_t width;
};

static void
lb_add(struct line_builder *lb, const char *s, size_t len, unsigned style, size_t width)
{
	if (len == 0)
		return;
	if (lb->n_spans > 0 && lb->spans[lb->n_spans - 1].style == style)
		lb->spans[lb->n_spans - 1].len += len;
	else {
		if (lb->n_spans == lb->cap_spans) {
			lb->cap_spans = lb->cap_spans ? lb->cap_spans * 2 : 8;
			lb->spans = xreallocarray(lb->spans, lb->cap_spans, sizeof *lb->spans);
		}
		lb->spans[lb->n_spans].off = lb->text.len;
		lb->spans[lb->n_spans].len = len;
		lb->spans[lb->n_spans].style = style;
		lb->n_spans++;
	}
	sb_addn(&lb->text, s, len);
	lb->width += width;
}

static void
lb_add_cell(struct line_builder *lb, const struct cell *c)
{
	char buf[4];
	lb_add(lb, buf, utf8_encode(c->cp, buf), c->style, c->width);
}

/* Cut a line to limit columns (deep nesting or a wide table on a narrow screen). */
static void
lb_clip(struct line_builder *lb, size_t limit)
{
	if (lb->width <= limit)
		return;
	struct line_builder cut = {0};
	size_t s = 0;
	for (size_t i = 0; i < lb->text.len;) {
		uint32_t cp;
		size_t len = utf8_decode(lb->text.s + i, lb->text.len - i, &cp);
		size_t cw = (size_t)utf8_cp_width(cp);
		if (cut.width + cw > limit)
			break;
		while (s + 1 < lb->n_spans && i >= lb->spans[s].off + lb->spans[s].len)
			s++;
		lb_add(&cut, lb->text.s + i, len, lb->spans[s].style, cw);
		i += len;
	}
	sb_free(&lb->text);
	free(lb->spans);
	*lb = cut;
}

static void
lb_finish(struct render *r, struct line_builder *lb, int heading)
{
	struct md_doc *doc = r->doc;
	lb_clip(lb, r->width);
	/* trailing blanks carry no information */
	while (lb->text.len > 0 && lb->text.s[lb->text.len - 1] == ' ') {
		sb_truncate(&lb->text, lb->text.len - 1);
		lb->width--;
		struct md_span *last = &lb->spans[lb->n_spans - 1];
		if (--last->len == 0)
			lb->n_spans--;
	}
	doc->lines = xreallocarray(doc->lines, doc->n + 1, sizeof *doc->lines);
	struct md_line *l = &doc->lines[doc->n++];
	l->len = lb->text.len;
	l->text = sb_detach(&lb->text);
	l->width = lb->width;
	l->spans = lb->spans;
	l->n_spans = lb->n_spans;
	l->heading = heading;
	memset(lb, 0, sizeof *lb);
}

/* The prefix of the next line: quote bars, and list markers the first time. */
static void
add_prefix(struct render *r, struct line_builder *lb, int blank)
{
	for (size_t i = 0; i < r->depth; i++) {
		struct container *c = &r->stack[i];
		if (c->kind == C_QUOTE)
			lb_add(lb, "│ ", strlen("│ "), MDS_QUOTE, 2);
		else if (c->kind == C_ITEM) {
			if (!c->marker_used && !blank) {
				lb_add(lb, c->marker, strlen(c->marker), MDS_MARKER,
				       c->marker_width);
				c->marker_used = 1;
			} else {
				for (size_t k = 0; k < c->marker_width; k++)
					lb_add(lb, " ", 1, 0, 1);
			}
		}
	}
}

static size_t
prefix_width(const struct render *r)
{
	size_t w = 0;
	for (size_t i = 0; i < r->depth; i++)
		w += r->stack[i].kind == C_QUOTE  ? 2
		     : r->stack[i].kind == C_ITEM ? r->stack[i].marker_width
						  : 0;
	return w;
}

static size_t
avail_width(const struct render *r)
{
	size_t p = prefix_width(r);
	/* deep nesting on a narrow screen: keep at least a few columns for text */
	return r->width > p + 4 ? r->width - p : (r->width > 4 ? 4 : r->width);
}

static unsigned
inherited_style(const struct render *r)
{
	for (size_t i = 0; i < r->depth; i++)
		if (r->stack[i].kind == C_QUOTE)
			return MDS_QUOTE;
	return 0;
}

static void
emit_blank(struct render *r)
{
	struct line_builder lb = {0};
	add_prefix(r, &lb, 1);
	lb_finish(r, &lb, 0);
}

static int
in_tight_list(const struct render *r)
{
	for (size_t i = r->depth; i > 0; i--) {
		const struct container *c = &r->stack[i - 1];
		if (c->kind == C_QUOTE)
			return 0;
		if (c->kind == C_LIST)
			return c->tight;
	}
	return 0;
}

static void
begin_block(struct render *r)
{
	if (r->need_blank && r->doc->n > 0 && !in_tight_list(r))
		emit_blank(r);
	r->need_blank = 0;
}

/*
 * Emit cells as wrapped lines of at most avail columns.  breakable: wrap
 * at spaces (else anywhere, as code does).
 */
static void
emit_wrapped(struct render *r, const struct cells *cs, int breakable, int heading,
	     const char *indent, unsigned indent_style)
{
	size_t indent_w = indent != NULL ? utf8_width(indent) : 0;
	size_t avail = avail_width(r);
	avail = avail > indent_w + 1 ? avail - indent_w : 1;
	size_t i = 0, n = cs->n;
	int first = 1;
	while (i < n || first) {
		if (breakable && !first)
			while (i < n && cs->c[i].cp == ' ')
				i++;
		if (i >= n && !first)
			break;
		first = 0;
		/* the longest run that fits */
		size_t j = i, w = 0;
		while (j < n && cs->c[j].cp != '\n') {
			size_t cw = cs->c[j].width;
			if (w + cw > avail)
				break;
			w += cw;
			j++;
		}
		size_t end = j, next = j;
		if (j < n && cs->c[j].cp == '\n') {
			next = j + 1;
		} else if (j < n) {
			/* over the width: break at the last opportunity */
			size_t k = j;
			if (breakable) {
				while (k > i && cs->c[k].cp != ' ' &&
				       !(cs->c[k].width == 2 || cs->c[k - 1].width == 2))
					k--;
				/* never before a combining mark */
				while (k > i && k < n && cs->c[k].width == 0)
					k--;
			}
			if (!breakable || k == i)
				k = j;
			while (k > i && k < n && cs->c[k].width == 0)
				k--;
			if (k == i) {
				/* not even one character fits (a wide one in one column) */
				k = i + 1;
				while (k < n && cs->c[k].width == 0)
					k++;
			}
			end = next = k;
		}
		struct line_builder lb = {0};
		add_prefix(r, &lb, 0);
		if (indent != NULL)
			lb_add(&lb, indent, strlen(indent), indent_style, indent_w);
		for (size_t k = i; k < end; k++) {
			if (cs->c[k].width > avail) { /* a wide character in one column */
				lb_add(&lb, "?", 1, cs->c[k].style, 1);
				continue;
			}
			lb_add_cell(&lb, &cs->c[k]);
		}
		lb_finish(r, &lb, heading);
		i = next;
		if (next == n && n > 0 && cs->c[n - 1].cp == '\n')
			break;
	}
}

static void
flush_text(struct render *r)
{
	if (r->text.n == 0)
		return;
	/* trailing whitespace and breaks make empty lines */
	while (r->text.n > 0 &&
	       (r->text.c[r->text.n - 1].cp == ' ' || r->text.c[r->text.n - 1].cp == '\n'))
		r->text.n--;
	if (r->text.n > 0) {
		begin_block(r);
		emit_wrapped(r, &r->text, 1, r->in_heading ? (int)r->heading_level : 0, NULL, 0);
		r->need_blank = 1;
	}
	r->text.n = 0;
}

/* Styles of spans in effect. */

static int
style_bit_index(unsigned bit)
{
	int i = 0;
	while (bit > 1) {
		bit >>= 1;
		i++;
	}
	return i;
}

static unsigned
current_style(const struct render *r)
{
	unsigned s = inherited_style(r);
	for (int i = 0; i < 16; i++)
		if (r->style_count[i] > 0)
			s |= 1u << i;
	if (r->in_heading)
		s |= MDS_HEADING;
	if (r->table != NULL && r->table->in_head)
		s |= MDS_BOLD;
	return s;
}

static void
style_push(struct render *r, unsigned bit)
{
	r->style_count[style_bit_index(bit)]++;
}

static void
style_pop(struct render *r, unsigned bit)
{
	int i = style_bit_index(bit);
	if (r->style_count[i] > 0)
		r->style_count[i]--;
}

static struct cells *
target_cells(struct render *r)
{
	if (r->table != NULL && r->in_cell && r->table->rows > 0) {
		struct table *t = r->table;
		size_t idx = (t->rows - 1) * t->cols + (t->col > 0 ? t->col - 1 : 0);
		return &t->cells[idx].cells;
	}
	return &r->text;
}

/* Attributes (link targets) with their entities decoded. */
static char *
attribute_text(const MD_ATTRIBUTE *a)
{
	struct strbuf sb = STRBUF_INIT;
	if (a->size == 0 || a->substr_offsets == NULL) {
		sb_addn(&sb, a->text, a->size);
		return sb_detach(&sb);
	}
	for (size_t i = 0; a->substr_offsets[i] < a->size; i++) {
		size_t off = a->substr_offsets[i], end = a->substr_offsets[i + 1];
		if (a->substr_types[i] == MD_TEXT_ENTITY)
			ext_append_entity(&sb, a->text + off, end - off);
		else if (a->substr_types[i] == MD_TEXT_NULLCHAR)
			sb_add(&sb, "\xEF\xBF\xBD");
		else
			sb_addn(&sb, a->text + off, end - off);
	}
	return sb_detach(&sb);
}

/* Containers. */

static struct container *
push_container(struct render *r, enum container_kind kind)
{
	if (r->depth == sizeof r->stack / sizeof r->stack[0]) {
		r->overflow++;
		return NULL;
	}
	struct container *c = &r->stack[r->depth++];
	memset(c, 0, sizeof *c);
	c->kind = kind;
	return c;
}

static void
pop_container(struct render *r)
{
	if (r->overflow > 0) {
		r->overflow--;
		return;
	}
	if (r->depth > 0)
		r->depth--;
}

static struct container *
innermost_list(struct render *r)
{
	for (size_t i = r->depth; i > 0; i--)
		if (r->stack[i - 1].kind == C_LIST)
			return &r->stack[i - 1];
	return NULL;
}

static size_t
list_depth(const struct render *r)
{
	size_t d = 0;
	for (size_t i = 0; i < r->depth; i++)
		d += r->stack[i].kind == C_LIST && !r->stack[i].ordered;
	return d;
}

/* Tables. */

static void
table_free(struct table *t)
{
	if (t == NULL)
		return;
	for (size_t i = 0; i < t->rows * t->cols; i++)
		cells_free(&t->cells[i].cells);
	free(t->cells);
	free(t->align);
	free(t);
}

static void
table_add_row(struct table *t)
{
	t->rows++;
	t->cells = xreallocarray(t->cells, t->rows * t->cols, sizeof *t->cells);
	memset(&t->cells[(t->rows - 1) * t->cols], 0, t->cols * sizeof *t->cells);
	t->col = 0;
}

static void
add_cells_clipped(struct line_builder *lb, const struct cells *cs, size_t width)
{
	size_t total = 0;
	for (size_t i = 0; i < cs->n; i++)
		total += cs->c[i].width;
	size_t room = total > width ? (width > 0 ? width - 1 : 0) : width, used = 0;
	for (size_t i = 0; i < cs->n; i++) {
		if (used + cs->c[i].width > room)
			break;
		used += cs->c[i].width;
		lb_add_cell(lb, &cs->c[i]);
	}
	if (total > width && width > 0)
		lb_add(lb, "…", strlen("…"), cs->n > 0 ? cs->c[0].style : 0, 1);
}

static void
pad(struct line_builder *lb, size_t n)
{
	for (size_t i = 0; i < n; i++)
		lb_add(lb, " ", 1, 0, 1);
}

static void
table_emit(struct render *r, struct table *t)
{
	if (t->rows == 0 || t->cols == 0)
		return;
	size_t *w = xcalloc(t->cols, sizeof *w);
	for (size_t i = 0; i < t->rows * t->cols; i++) {
		struct table_cell *c = &t->cells[i];
		c->width = 0;
		for (size_t k = 0; k < c->cells.n; k++)
			c->width += c->cells.c[k].width;
		if (c->width > w[i % t->cols])
			w[i % t->cols] = c->width;
	}
	for (size_t k = 0; k < t->cols; k++)
		if (w[k] == 0)
			w[k] = 1;
	size_t avail = avail_width(r), seps = 3 * (t->cols - 1);
	for (;;) {
		size_t total = seps;
		for (size_t k = 0; k < t->cols; k++)
			total += w[k];
		if (total <= avail)
			break;
		size_t widest = 0;
		for (size_t k = 1; k < t->cols; k++)
			if (w[k] > w[widest])
				widest = k;
		if (w[widest] <= 1)
			break; /* cannot shrink further: lines get clipped below */
		w[widest]--;
	}
	begin_block(r);
	for (size_t row = 0; row < t->rows; row++) {
		struct line_builder lb = {0};
		add_prefix(r, &lb, 0);
		for (size_t k = 0; k < t->cols; k++) {
			const struct table_cell *c = &t->cells[row * t->cols + k];
			size_t cw = c->width < w[k] ? c->width : w[k];
			size_t space = w[k] - cw, left = 0;
			if (t->align[k] == MD_ALIGN_RIGHT)
				left = space;
			else if (t->align[k] == MD_ALIGN_CENTER)
				left = space / 2;
			if (k > 0)
				lb_add(&lb, " │ ", strlen(" │ "), MDS_TABLE, 3);
			pad(&lb, left);
			add_cells_clipped(&lb, &c->cells, w[k]);
			pad(&lb, space - left);
		}
		lb_finish(r, &lb, 0);
		if (row + 1 == t->head_rows) {
			struct line_builder sep = {0};
			add_prefix(r, &sep, 0);
			size_t used = 0;
			for (size_t k = 0; k < t->cols && used < avail; k++) {
				if (k > 0) {
					lb_add(&sep, "─┼─", strlen("─┼─"), MDS_TABLE, 3);
					used += 3;
				}
				for (size_t i = 0; i < w[k] && used < avail; i++, used++)
					lb_add(&sep, "─", strlen("─"), MDS_TABLE, 1);
			}
			lb_finish(r, &sep, 0);
		}
	}
	r->need_blank = 1;
	free(w);
}

/* Code and HTML blocks. */

static void
emit_code(struct render *r)
{
	const char *s = sb_str(&r->raw);
	size_t len = r->raw.len;
	if (len > 0 && s[len - 1] == '\n')
		len--;
	begin_block(r);
	struct cells line = {0};
	unsigned style = MDS_CODEBLOCK | inherited_style(r);
	size_t start = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n')
			continue;
		line.n = 0;
		size_t col = 0;
		for (size_t k = start; k < i;) {
			uint32_t cp;
			k += utf8_decode(s + k, i - k, &cp);
			if (cp == '\t') {
				do {
					cells_push(&line, ' ', style, 1);
					col++;
				} while (col % TAB_STOP != 0);
				continue;
			}
			if (unsafe_cp(cp))
				cp = UTF8_REPLACEMENT;
			int w = utf8_cp_width(cp);
			if (w == 0 && line.n == 0)
				continue;
			cells_push(&line, cp, style, w);
			col += (size_t)w;
		}
		emit_wrapped(r, &line, 0, 0, "  ", style);
		start = i + 1;
	}
	cells_free(&line);
	r->need_blank = 1;
}

static int
only_comments(const char *s, size_t len)
{
	size_t i = 0;
	for (;;) {
		while (i < len && (s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r'))
			i++;
		if (i >= len)
			return 1;
		if (len - i < 4 || memcmp(s + i, "<!--", 4) != 0)
			return 0;
		const char *end = NULL;
		for (size_t k = i + 4; k + 3 <= len; k++)
			if (memcmp(s + k, "-->", 3) == 0) {
				end = s + k;
				break;
			}
		if (end == NULL)
			return 1; /* an unclosed comment hides the rest, as in HTML */
		i = (size_t)(end - s) + 3;
	}
}

static void
emit_html(struct render *r)
{
	const char *s = sb_str(&r->raw);
	size_t len = r->raw.len;
	if (only_comments(s, len))
		return;
	begin_block(r);
	struct cells line = {0};
	unsigned style = MDS_HTML | inherited_style(r);
	size_t start = 0;
	while (len > 0 && s[len - 1] == '\n')
		len--;
	for (size_t i = 0; i <= len; i++) {
		if (i < len && s[i] != '\n')
			continue;
		line.n = 0;
		for (size_t k = start; k < i;) {
			uint32_t cp;
			k += utf8_decode(s + k, i - k, &cp);
			if (cp == '\t')
				cp = ' ';
			char buf[4];
			cells_add_text(&line, buf, utf8_encode(cp, buf), style);
		}
		emit_wrapped(r, &line, 1, 0, NULL, 0);
		start = i + 1;
	}
	cells_free(&line);
	r->need_blank = 1;
}

/* md4c callbacks. */

static int
enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
	struct render *r = userdata;
	struct container *c;
	if (type != MD_BLOCK_DOC && type != MD_BLOCK_TH && type != MD_BLOCK_TD &&
	    type != MD_BLOCK_TR && type != MD_BLOCK_THEAD && type != MD_BLOCK_TBODY)
		flush_text(r); /* text of a tight list item before a nested block */
	switch (type) {
	case MD_BLOCK_QUOTE:
		begin_block(r);
		push_container(r, C_QUOTE);
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		begin_block(r);
		c = push_container(r, C_LIST);
		if (c != NULL) {
			c->ordered = type == MD_BLOCK_OL;
			if (c->ordered) {
				const MD_BLOCK_OL_DETAIL *d = detail;
				c->tight = d->is_tight;
				c->next = d->start;
				c->delim = d->mark_delimiter;
			} else {
				const MD_BLOCK_UL_DETAIL *d = detail;
				c->tight = d->is_tight;
			}
		}
		break;
	case MD_BLOCK_LI: {
		struct container *list = innermost_list(r);
		size_t level = list_depth(r);
		begin_block(r);
		c = push_container(r, C_ITEM);
		if (c == NULL)
			break;
		const MD_BLOCK_LI_DETAIL *d = detail;
		const char *task = !d->is_task ? "" : (d->task_mark == ' ' ? "[ ] " : "[x] ");
		if (list != NULL && list->ordered)
			snprintf(c->marker, sizeof c->marker, "%u%c %s", list->next++,
				 list->delim ? list->delim : '.', task);
		else {
			static const char *const bullets[] = {"•", "◦", "▪"};
			snprintf(c->marker, sizeof c->marker, "%s %s",
				 bullets[(level > 0 ? level - 1 : 0) % 3], task);
		}
		c->marker_width = utf8_width(c->marker);
		break;
	}
	case MD_BLOCK_HR: {
		begin_block(r);
		struct line_builder lb = {0};
		add_prefix(r, &lb, 0);
		size_t avail = avail_width(r);
		for (size_t i = 0; i < avail; i++)
			lb_add(&lb, "─", strlen("─"), MDS_RULE, 1);
		lb_finish(r, &lb, 0);
		r->need_blank = 1;
		break;
	}
	case MD_BLOCK_H:
		r->in_heading = 1;
		r->heading_level = ((const MD_BLOCK_H_DETAIL *)detail)->level;
		break;
	case MD_BLOCK_CODE:
		r->in_code = 1;
		sb_truncate(&r->raw, 0);
		break;
	case MD_BLOCK_HTML:
		r->in_html = 1;
		sb_truncate(&r->raw, 0);
		break;
	case MD_BLOCK_TABLE: {
		const MD_BLOCK_TABLE_DETAIL *d = detail;
		table_free(r->table);
		r->table = xcalloc(1, sizeof *r->table);
		r->table->cols = d->col_count > 0 ? d->col_count : 1;
		r->table->align = xcalloc(r->table->cols, sizeof *r->table->align);
		r->table->head_rows = d->head_row_count;
		break;
	}
	case MD_BLOCK_THEAD:
		if (r->table != NULL)
			r->table->in_head = 1;
		break;
	case MD_BLOCK_TR:
		if (r->table != NULL)
			table_add_row(r->table);
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		if (r->table != NULL && r->table->rows > 0 && r->table->col < r->table->cols) {
			if (r->table->rows == 1 || r->table->in_head)
				r->table->align[r->table->col] =
					((const MD_BLOCK_TD_DETAIL *)detail)->align;
			r->table->col++;
			r->in_cell = 1;
		} else
			r->in_cell = 0;
		break;
	default:
		break;
	}
	return 0;
}

static int
leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
	struct render *r = userdata;
	(void)detail;
	switch (type) {
	case MD_BLOCK_QUOTE:
		flush_text(r);
		pop_container(r);
		r->need_blank = 1;
		break;
	case MD_BLOCK_UL:
	case MD_BLOCK_OL:
		flush_text(r);
		pop_container(r);
		r->need_blank = 1;
		break;
	case MD_BLOCK_LI: {
		flush_text(r);
		if (r->overflow == 0 && r->depth > 0 && r->stack[r->depth - 1].kind == C_ITEM &&
		    !r->stack[r->depth - 1].marker_used) {
			struct line_builder lb = {0}; /* an empty item still shows its marker */
			add_prefix(r, &lb, 0);
			lb_finish(r, &lb, 0);
		}
		pop_container(r);
		r->need_blank = 1;
		break;
	}
	case MD_BLOCK_H:
		flush_text(r);
		r->in_heading = 0;
		break;
	case MD_BLOCK_P:
		flush_text(r);
		break;
	case MD_BLOCK_CODE:
		r->in_code = 0;
		emit_code(r);
		break;
	case MD_BLOCK_HTML:
		r->in_html = 0;
		emit_html(r);
		break;
	case MD_BLOCK_THEAD:
		if (r->table != NULL)
			r->table->in_head = 0;
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		r->in_cell = 0;
		break;
	case MD_BLOCK_TABLE:
		if (r->table != NULL)
			table_emit(r, r->table);
		table_free(r->table);
		r->table = NULL;
		break;
	case MD_BLOCK_DOC:
		flush_text(r);
		break;
	default:
		break;
	}
	return 0;
}

static int
enter_span(MD_SPANTYPE type, void *detail, void *userdata)
{
	struct render *r = userdata;
	struct cells *cs = target_cells(r);
	switch (type) {
	case MD_SPAN_EM:
		style_push(r, MDS_ITALIC);
		break;
	case MD_SPAN_STRONG:
		style_push(r, MDS_BOLD);
		break;
	case MD_SPAN_CODE:
		style_push(r, MDS_CODE);
		break;
	case MD_SPAN_DEL:
		style_push(r, MDS_STRIKE);
		break;
	case MD_SPAN_U:
		style_push(r, MDS_LINK);
		break;
	case MD_SPAN_A:
	case MD_SPAN_IMG:
		if (r->n_links < sizeof r->links / sizeof r->links[0]) {
			struct link *l = &r->links[r->n_links++];
			l->image = type == MD_SPAN_IMG;
			l->href = attribute_text(l->image ? &((MD_SPAN_IMG_DETAIL *)detail)->src
							  : &((MD_SPAN_A_DETAIL *)detail)->href);
			if (l->image)
				cells_add_text(cs, "[image: ", strlen("[image: "),
					       current_style(r));
			l->start = cs->n;
		}
		style_push(r, MDS_LINK);
		break;
	default:
		break;
	}
	return 0;
}

static int
leave_span(MD_SPANTYPE type, void *detail, void *userdata)
{
	struct render *r = userdata;
	struct cells *cs = target_cells(r);
	(void)detail;
	switch (type) {
	case MD_SPAN_EM:
		style_pop(r, MDS_ITALIC);
		break;
	case MD_SPAN_STRONG:
		style_pop(r, MDS_BOLD);
		break;
	case MD_SPAN_CODE:
		style_pop(r, MDS_CODE);
		break;
	case MD_SPAN_DEL:
		style_pop(r, MDS_STRIKE);
		break;
	case MD_SPAN_U:
		style_pop(r, MDS_LINK);
		break;
	case MD_SPAN_A:
	case MD_SPAN_IMG: {
		style_pop(r, MDS_LINK);
		if (r->n_links == 0)
			break;
		struct link *l = &r->links[--r->n_links];
		if (l->image)
			cells_add_text(cs, "]", 1, current_style(r));
		/* the text of an autolink is its URL: show it once */
		struct strbuf text = STRBUF_INIT;
		for (size_t i = l->start; i < cs->n; i++) {
			char buf[4];
			sb_addn(&text, buf, utf8_encode(cs->c[i].cp, buf));
		}
		const char *href = l->href;
		int same =
			strcmp(sb_str(&text), href) == 0 ||
			(strncmp(href, "mailto:", 7) == 0 && strcmp(sb_str(&text), href + 7) == 0);
		if (*href != '\0' && !same) {
			unsigned style =
				(current_style(r) & ~(MDS_LINK | MDS_BOLD | MDS_ITALIC)) | MDS_URL;
			cells_add_text(cs, " (", 2, style);
			cells_add_text(cs, href, strlen(href), style);
			cells_add_text(cs, ")", 1, style);
		}
		sb_free(&text);
		free(l->href);
		break;
	}
	default:
		break;
	}
	return 0;
}

static int
on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *userdata)
{
	struct render *r = userdata;
	if (r->in_code || r->in_html) {
		sb_addn(&r->raw, text, size);
		return 0;
	}
	struct cells *cs = target_cells(r);
	unsigned style = current_style(r);
	switch (type) {
	case MD_TEXT_NULLCHAR:
		cells_push(cs, UTF8_REPLACEMENT, style, 1);
		break;
	case MD_TEXT_BR:
		cells_push(cs, r->in_cell ? ' ' : '\n', style, 0);
		break;
	case MD_TEXT_SOFTBR:
		cells_push(cs, ' ', style, 1);
		break;
	case MD_TEXT_ENTITY: {
		struct strbuf sb = STRBUF_INIT;
		ext_append_entity(&sb, text, size);
		cells_add_text(cs, sb_str(&sb), sb.len, style);
		sb_free(&sb);
		break;
	}
	case MD_TEXT_HTML:
		if (size >= 4 && memcmp(text, "<!--", 4) == 0)
			break;
		if ((size == 4 && memcmp(text, "<br>", 4) == 0) ||
		    (size >= 5 && memcmp(text, "<br", 3) == 0 && text[size - 2] == '/')) {
			cells_push(cs, r->in_cell ? ' ' : '\n', style, 0);
			break;
		}
		cells_add_text(cs, text, size, style | MDS_HTML);
		break;
	default: {
		/* tabs and stray line breaks in text are spaces */
		size_t start = 0;
		for (size_t i = 0; i <= size; i++) {
			if (i < size && text[i] != '\t' && text[i] != '\n' && text[i] != '\r')
				continue;
			cells_add_text(cs, text + start, i - start, style);
			if (i < size)
				cells_push(cs, ' ', style, 1);
			start = i + 1;
		}
	}
	}
	return 0;
}

struct md_doc *
md_render(const char *markdown, size_t len, size_t width)
{
	struct render r;
	memset(&r, 0, sizeof r);
	r.width = width > 0 ? width : 1;
	r.doc = xcalloc(1, sizeof *r.doc);
	r.doc->width = r.width;
	MD_PARSER parser;
	memset(&parser, 0, sizeof parser);
	parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_TASKLISTS |
		       MD_FLAG_PERMISSIVEURLAUTOLINKS | MD_FLAG_PERMISSIVEWWWAUTOLINKS;
	parser.enter_block = enter_block;
	parser.leave_block = leave_block;
	parser.enter_span = enter_span;
	parser.leave_span = leave_span;
	parser.text = on_text;
	if (markdown != NULL && len > 0)
		md_parse(markdown, (MD_SIZE)len, &parser, &r);
	flush_text(&r);
	for (size_t i = 0; i < r.n_links; i++)
		free(r.links[i].href);
	table_free(r.table);
	cells_free(&r.text);
	sb_free(&r.raw);
	/* no trailing blank lines */
	while (r.doc->n > 0 && r.doc->lines[r.doc->n - 1].len == 0) {
		struct md_line *l = &r.doc->lines[--r.doc->n];
		free(l->text);
		free(l->spans);
	}
	return r.doc;
}

void
md_doc_free(struct md_doc *doc)
{
	if (doc == NULL)
		return;
	for (size_t i = 0; i < doc->n; i++) {
		free(doc->lines[i].text);
		free(doc->lines[i].spans);
	}
	free(doc->lines);
	free(doc);
}

char *
md_doc_text(const struct md_doc *doc)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < doc->n; i++) {
		sb_addn(&sb, doc->lines[i].text, doc->lines[i].len);
		sb_addc(&sb, '\n');
	}
	return sb_detach(&sb);
}
