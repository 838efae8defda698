/* Drawing every view shares: markdown, the status line, titles, boxes. */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "trace.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

static attr_t
md_attr(struct ui *ui, unsigned style)
{
	enum theme_role role = TR_NORMAL;
	if (style & MDS_HEADING)
		role = TR_MD_HEADING;
	else if (style & (MDS_CODE | MDS_CODEBLOCK))
		role = TR_MD_CODE;
	else if (style & MDS_URL)
		role = TR_MD_URL;
	else if (style & MDS_LINK)
		role = TR_MD_LINK;
	else if (style & MDS_MARKER)
		role = TR_MD_MARKER;
	else if (style & (MDS_RULE | MDS_TABLE))
		role = TR_BORDER;
	else if (style & MDS_HTML)
		role = TR_DIM;
	else if (style & MDS_QUOTE)
		role = TR_MD_QUOTE;
	attr_t a = tui_attr(&ui->tui, role);
	if (style & MDS_BOLD)
		a |= A_BOLD;
	if (style & MDS_ITALIC) {
#ifdef A_ITALIC
		a |= A_ITALIC;
#else
		a |= A_UNDERLINE;
#endif
	}
	if (style & MDS_STRIKE)
		a |= A_DIM;
	return a;
}

void
ui_draw_markdown(struct ui *ui, const struct md_doc *doc, size_t first, int y, int x, int h, int w)
{
	for (int row = 0; row < h && first + (size_t)row < doc->n; row++) {
		const struct md_line *l = &doc->lines[first + (size_t)row];
		int col = 0;
		for (size_t s = 0; s < l->n_spans && col < w; s++) {
			const struct md_span *sp = &l->spans[s];
			col += tui_put(&ui->tui, y + row, x + col, l->text + sp->off, sp->len,
				       w - col, md_attr(ui, sp->style));
		}
	}
}

int
ui_draw_title(struct ui *ui, const char *title, const char *right)
{
	return ui_draw_title_role(ui, title, right, TR_DIM);
}

int
ui_draw_title_role(struct ui *ui, const char *title, const char *right, enum theme_role role)
{
	int cols = ui->tui.cols, rows = ui->tui.rows;
	int rw = right != NULL ? (int)tui_width(right, strlen(right)) : 0;
	int used = tui_puts(&ui->tui, 0, 1, title, cols - 2 - (rw > 0 ? rw + 2 : 0),
			    tui_attr(&ui->tui, TR_TITLE));
	if (rw > 0 && used + rw + 3 <= cols)
		tui_puts(&ui->tui, 0, cols - rw - 1, right, rw, tui_attr(&ui->tui, role));
	if (rows >= 6) {
		tui_hline(&ui->tui, 1, 0, "─", cols, tui_attr(&ui->tui, TR_BORDER));
		return 2;
	}
	return 1;
}

void
ui_draw_status(struct ui *ui, const enum ui_action *actions, const char *const *labels, size_t n,
	       const char *right)
{
	int rows = ui->tui.rows, cols = ui->tui.cols;
	if (rows < 2)
		return;
	int y = rows - 1;
	tui_fill(&ui->tui, y, 0, cols, tui_attr(&ui->tui, TR_STATUS));
	int rw = right != NULL ? (int)tui_width(right, strlen(right)) : 0;
	int room = cols - 1 - (rw > 0 ? rw + 2 : 0);
	if (ui->toast != NULL && trace_now_ns() < ui->toast_until) {
		enum theme_role role = ui->toast_level == TOAST_ERROR ? TR_TOAST_ERROR : TR_TOAST;
		tui_puts(&ui->tui, y, 1, ui->toast, cols - 2, tui_attr(&ui->tui, role));
		return; /* a toast takes the whole line */
	}
	int x = 1;
	for (size_t i = 0; i < n; i++) {
		char *key = keymap_hint(ui->km, actions[i]);
		if (key == NULL)
			continue;
		int need = (int)(tui_width(key, strlen(key)) + 1 +
				 tui_width(labels[i], strlen(labels[i])));
		if (x + need > room) {
			free(key);
			break;
		}
		x += tui_puts(&ui->tui, y, x, key, room - x, tui_attr(&ui->tui, TR_SHORTCUT));
		x += 1;
		x += tui_puts(&ui->tui, y, x, labels[i], room - x, tui_attr(&ui->tui, TR_STATUS));
		x += 2;
		free(key);
	}
	if (rw > 0 && rw + 2 <= cols)
		tui_puts(&ui->tui, y, cols - rw - 1, right, rw, tui_attr(&ui->tui, TR_DIM));
}

void
ui_draw_box(struct ui *ui, int y, int x, int h, int w, const char *title)
{
	attr_t border = tui_attr(&ui->tui, TR_BORDER);
	if (h < 2 || w < 2)
		return;
	for (int r = y; r < y + h; r++)
		tui_fill(&ui->tui, r, x, w, tui_attr(&ui->tui, TR_NORMAL));
	tui_puts(&ui->tui, y, x, "╭", 1, border);
	tui_hline(&ui->tui, y, x + 1, "─", w - 2, border);
	tui_puts(&ui->tui, y, x + w - 1, "╮", 1, border);
	for (int r = y + 1; r < y + h - 1; r++) {
		tui_puts(&ui->tui, r, x, "│", 1, border);
		tui_puts(&ui->tui, r, x + w - 1, "│", 1, border);
	}
	tui_puts(&ui->tui, y + h - 1, x, "╰", 1, border);
	tui_hline(&ui->tui, y + h - 1, x + 1, "─", w - 2, border);
	tui_puts(&ui->tui, y + h - 1, x + w - 1, "╯", 1, border);
	if (title != NULL && w > 6) {
		tui_puts(&ui->tui, y, x + 2, " ", 1, border);
		int used = tui_puts(&ui->tui, y, x + 3, title, w - 6, tui_attr(&ui->tui, TR_TITLE));
		tui_puts(&ui->tui, y, x + 3 + used, " ", 1, border);
	}
}

/* The end of the character at i, with the combining marks that follow it. */
static size_t
char_end(const char *s, size_t len, size_t i)
{
	uint32_t cp;
	i += utf8_decode(s + i, len - i, &cp);
	while (i < len) {
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp < 0x300 || utf8_cp_width(cp) != 0)
			break;
		i += n;
	}
	return i;
}

/*
 * Whether the character [i, end) holds a matched position; *p advances
 * past them (positions are byte offsets, increasing; a multibyte
 * character may hold several).
 */
static int
char_matched(const size_t *pos, size_t npos, size_t *p, size_t i, size_t end)
{
	int m = 0;
	while (*p < npos && pos[*p] < end) {
		m |= pos[*p] >= i;
		(*p)++;
	}
	return m;
}

int
ui_draw_highlighted(struct ui *ui, int y, int x, int maxw, const char *title, const size_t *pos,
		    size_t npos, attr_t normal, attr_t match)
{
	size_t len = strlen(title);
	int total = (int)tui_width(title, len);
	int room = total > maxw ? maxw - 1 : maxw, col = 0;
	size_t p = 0;
	for (size_t i = 0; i < len && col < room;) {
		size_t j = char_end(title, len, i);
		int matched = char_matched(pos, npos, &p, i, j);
		/* a run of characters that are all matched, or all not */
		while (j < len) {
			size_t q = p, e = char_end(title, len, j);
			if (char_matched(pos, npos, &q, j, e) != matched)
				break;
			p = q;
			j = e;
		}
		col += tui_put(&ui->tui, y, x + col, title + i, j - i, room - col,
			       matched ? match : normal);
		i = j;
	}
	if (total > maxw && maxw > 0)
		col += tui_puts(&ui->tui, y, x + col, "…", 1, normal);
	return col;
}

void
ui_scroll_preview(size_t *top, enum ui_action action, int h)
{
	size_t page = h > 1 ? (size_t)h - 1 : 1;
	switch (action) {
	case UA_PREVIEW_UP:
	case UA_PREVIEW_PAGE_UP: {
		size_t d = action == UA_PREVIEW_UP ? 1 : page;
		*top = *top > d ? *top - d : 0;
		break;
	}
	case UA_PREVIEW_DOWN:
	case UA_PREVIEW_PAGE_DOWN:
		*top += action == UA_PREVIEW_DOWN ? 1 : page;
		break;
	default:
		break;
	}
}
