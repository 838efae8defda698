/*
 * The prompt view: an SDK script's arg(), and `chitty config`'s list of
 * remote types (ui.h's prompt_view_create).
 *
 * With choices it looks like the launcher's list: the input on top, the
 * choices ranked by choices.h as the query changes (the matched letters
 * highlighted), and the selected choice's preview (HTML or markdown)
 * beside or below the list.  Without choices it is one line of input.
 * Enter answers (a choice, or the text); Esc clears the input, and on an
 * empty input stops the script, as leaving a Script Kit prompt does.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "choices.h"
#include "html.h"
#include "markdown.h"
#include "match.h"
#include "sdk.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

#define PREVIEW_SIDE_COLS  70
#define PREVIEW_BELOW_ROWS 16

struct prompt_view {
	struct view v;
	char *title; /* on the status line */
	prompt_answered_fn answered;
	prompt_cancelled_fn cancelled;
	void *arg;
	form_free_fn arg_free;
	struct sdk_request req;
	struct choice_index *index;
	size_t *order; /* the choices shown, best first */
	size_t n_order;
	char *ranked_for;
	struct match_query *q; /* for highlighting */
	struct lineedit input;
	size_t istart;
	size_t sel, top;
	int has_previews;
	int preview_hidden;
	struct md_doc *doc;
	size_t doc_choice;
	int doc_width;
	size_t doc_top;
	int list_y, list_h, list_w;
	int prev_y, prev_x, prev_h, prev_w;
};

static void
rank(struct prompt_view *pv)
{
	const char *q = lineedit_text(&pv->input);
	if (pv->index == NULL || (pv->ranked_for != NULL && strcmp(pv->ranked_for, q) == 0))
		return;
	free(pv->ranked_for);
	pv->ranked_for = xstrdup(q);
	free(pv->order);
	pv->n_order = choice_rank(pv->index, q, &pv->order);
	match_query_free(pv->q);
	pv->q = *q != '\0' ? match_query_create(q, strlen(q)) : NULL;
	pv->sel = pv->top = 0;
	pv->doc_top = 0;
}

static const struct sdk_choice *
selected(const struct prompt_view *pv)
{
	return pv->sel < pv->n_order ? &pv->req.choices[pv->order[pv->sel]] : NULL;
}

static void
layout(struct prompt_view *pv, struct ui *ui)
{
	int rows = ui->tui.rows, cols = ui->tui.cols;
	int y = rows >= 6 ? 2 : 1;
	if (pv->req.hint != NULL && rows >= 8)
		y++;
	int bottom = rows >= 3 ? rows - 1 : rows;
	pv->list_y = y;
	pv->list_h = bottom - y > 0 ? bottom - y : 0;
	pv->list_w = cols;
	pv->prev_h = pv->prev_w = 0;
	if (!pv->has_previews || pv->preview_hidden || pv->list_h < 3)
		return;
	if (cols >= PREVIEW_SIDE_COLS) {
		pv->list_w = cols >= 120 ? cols * 2 / 5 : cols / 2;
		pv->prev_y = y;
		pv->prev_x = pv->list_w + 2;
		pv->prev_h = pv->list_h;
		pv->prev_w = cols - pv->list_w - 3;
	} else if (pv->list_h >= PREVIEW_BELOW_ROWS) {
		int lh = pv->list_h / 2;
		pv->prev_y = y + lh + 1;
		pv->prev_x = 1;
		pv->prev_h = pv->list_h - lh - 1;
		pv->prev_w = cols - 2;
		pv->list_h = lh;
	}
}

static void
draw_input(struct prompt_view *pv, struct ui *ui)
{
	struct tui *t = &ui->tui;
	int cols = t->cols;
	const char *prompt = ui->icons == ICONS_ASCII ? "> " : "❯ ";
	int x = tui_puts(t, 0, 0, prompt, cols, tui_attr(t, TR_PROMPT));
	char info[48] = "";
	if (pv->index != NULL)
		snprintf(info, sizeof info, "%zu/%zu", pv->n_order, pv->req.n_choices);
	int iw = (int)tui_width(info, strlen(info));
	int room = cols - x - (iw > 0 && cols - x > iw + 10 ? iw + 2 : 0);
	size_t col;
	lineedit_window(&pv->input, room > 0 ? (size_t)room : 0, &pv->istart, &col);
	if (pv->input.text.len == 0)
		tui_puts(t, 0, x, *pv->req.text != '\0' ? pv->req.text : "Type…", room,
			 tui_attr(t, TR_DIM));
	else
		tui_puts(t, 0, x, lineedit_text(&pv->input) + pv->istart, room,
			 tui_attr(t, TR_NORMAL));
	if (iw > 0 && cols - x > iw + 10)
		tui_puts(t, 0, cols - iw, info, iw, tui_attr(t, TR_DIM));
	ui->cursor_y = 0;
	ui->cursor_x = x + (int)col < cols ? x + (int)col : cols - 1;
}

static void
draw_choice(struct prompt_view *pv, struct ui *ui, int y, size_t k)
{
	struct tui *t = &ui->tui;
	const struct sdk_choice *c = &pv->req.choices[pv->order[k]];
	int on = k == pv->sel, w = pv->list_w;
#define ATTR(role) (on ? tui_attr_on(t, (role), TR_SELECTED) : tui_attr(t, (role)))
	if (on)
		tui_fill(t, y, 0, w, tui_attr(t, TR_SELECTED));
	tui_puts(t, y, 0, on ? "▌" : " ", 1, ATTR(TR_MARK));
	int room = w - 3;
	if (room <= 0)
		return;
	size_t pos[MATCH_MAX_LEN];
	size_t npos = 0;
	if (pv->q != NULL && pv->q->n <= MATCH_MAX_LEN &&
	    match_has(pv->q, c->name, strlen(c->name)) &&
	    match_positions(pv->q, c->name, strlen(c->name), pos) != SCORE_MIN)
		npos = pv->q->n;
	int used = ui_draw_highlighted(ui, y, 2, room, c->name, pos, npos,
				       ATTR(TR_NORMAL) | (on ? A_BOLD : 0), ATTR(TR_MATCH));
	int sub = room - used - 2;
	if (c->description != NULL && sub >= 6)
		tui_puts(t, y, 2 + used + 2, c->description, sub, ATTR(TR_SUBTITLE));
#undef ATTR
}

static void
draw_list(struct prompt_view *pv, struct ui *ui)
{
	struct tui *t = &ui->tui;
	size_t h = pv->list_h > 0 ? (size_t)pv->list_h : 0;
	if (pv->sel < pv->top)
		pv->top = pv->sel;
	if (h > 0 && pv->sel >= pv->top + h)
		pv->top = pv->sel - h + 1;
	if (pv->n_order == 0 && h > 0) {
		tui_puts(t, pv->list_y, 2, pv->req.n_choices == 0 ? "No choices" : "No matches",
			 pv->list_w - 2, tui_attr(t, TR_DIM));
		return;
	}
	for (size_t i = 0; i < h && pv->top + i < pv->n_order; i++)
		draw_choice(pv, ui, pv->list_y + (int)i, pv->top + i);
}

static void
draw_preview(struct prompt_view *pv, struct ui *ui)
{
	struct tui *t = &ui->tui;
	if (pv->prev_h <= 0 || pv->prev_w <= 0)
		return;
	attr_t border = tui_attr(t, TR_BORDER);
	if (pv->prev_y == pv->list_y)
		for (int y = pv->prev_y; y < pv->prev_y + pv->prev_h; y++)
			tui_puts(t, y, pv->prev_x - 2, "│", 1, border);
	else
		tui_hline(t, pv->prev_y - 1, 0, "─", t->cols, border);
	const struct sdk_choice *c = selected(pv);
	if (c == NULL || c->preview == NULL)
		return;
	size_t which = pv->order[pv->sel];
	if (pv->doc == NULL || pv->doc_choice != which || pv->doc_width != pv->prev_w) {
		md_doc_free(pv->doc);
		char *md = html_or_markdown(c->preview);
		pv->doc = md_render(md, strlen(md), (size_t)pv->prev_w);
		free(md);
		if (pv->doc_choice != which)
			pv->doc_top = 0;
		pv->doc_choice = which;
		pv->doc_width = pv->prev_w;
	}
	size_t h = (size_t)pv->prev_h;
	if (pv->doc_top + h > pv->doc->n)
		pv->doc_top = pv->doc->n > h ? pv->doc->n - h : 0;
	ui_draw_markdown(ui, pv->doc, pv->doc_top, pv->prev_y, pv->prev_x, pv->prev_h, pv->prev_w);
}

static void
prompt_draw(struct view *v, struct ui *ui)
{
	struct prompt_view *pv = (struct prompt_view *)v;
	struct tui *t = &ui->tui;
	rank(pv);
	layout(pv, ui);
	draw_input(pv, ui);
	if (t->rows >= 6)
		tui_hline(t, 1, 0, "─", t->cols, tui_attr(t, TR_BORDER));
	if (pv->req.hint != NULL && t->rows >= 8)
		tui_puts(t, 2, 2, pv->req.hint, t->cols - 3, tui_attr(t, TR_DIM));
	if (pv->index != NULL) {
		draw_list(pv, ui);
		draw_preview(pv, ui);
	}
	if (t->rows >= 3) {
		static const enum ui_action hints[] = {UA_RUN, UA_BACK};
		const char *labels[] = {pv->index != NULL ? "Choose" : "Submit",
					pv->input.text.len > 0 ? "Clear" : "Cancel"};
		ui_draw_status(ui, hints, labels, 2, pv->title);
	}
}

static void
move_selection(struct prompt_view *pv, long d)
{
	if (pv->n_order == 0)
		return;
	long sel = (long)pv->sel + d, n = (long)pv->n_order;
	pv->sel = (size_t)(sel < 0 ? 0 : sel >= n ? n - 1 : sel);
	pv->doc_top = 0;
}

static enum view_result
answer(struct prompt_view *pv, struct ui *ui)
{
	cJSON *value = cJSON_CreateObject();
	const char *text = lineedit_text(&pv->input);
	if (pv->index != NULL && pv->n_order > 0)
		cJSON_AddNumberToObject(value, "index", (double)pv->order[pv->sel]);
	else if (pv->index == NULL || !pv->req.strict || pv->req.n_choices == 0)
		cJSON_AddStringToObject(value, "text", text);
	else {
		cJSON_Delete(value);
		ui_toast(ui, TOAST_INFO, "Nothing matches: choose one of the list");
		return VIEW_REDRAW;
	}
	ui_pop(ui); /* freed after this key: arg lives until then */
	pv->answered(ui, value, pv->arg);
	cJSON_Delete(value);
	return VIEW_REDRAW;
}

static enum view_result
prompt_key(struct view *v, struct ui *ui, const struct tkey *key, enum ui_action action)
{
	struct prompt_view *pv = (struct prompt_view *)v;
	long page = pv->list_h > 1 ? pv->list_h - 1 : 1;
	if (key->kind == TK_MOUSE) {
		if (key->button == TM_WHEEL_UP || key->button == TM_WHEEL_DOWN)
			move_selection(pv, key->button == TM_WHEEL_UP ? -1 : 1);
		else if (key->button == TM_LEFT && key->press && key->y >= pv->list_y &&
			 key->y < pv->list_y + pv->list_h && key->x < pv->list_w) {
			size_t k = pv->top + (size_t)(key->y - pv->list_y);
			if (k < pv->n_order)
				pv->sel = k;
		}
		return VIEW_REDRAW;
	}
	switch (action) {
	case UA_UP:
		move_selection(pv, -1);
		return VIEW_REDRAW;
	case UA_DOWN:
		move_selection(pv, 1);
		return VIEW_REDRAW;
	case UA_PAGE_UP:
		move_selection(pv, -page);
		return VIEW_REDRAW;
	case UA_PAGE_DOWN:
		move_selection(pv, page);
		return VIEW_REDRAW;
	case UA_FIRST:
		move_selection(pv, -(long)pv->n_order);
		return VIEW_REDRAW;
	case UA_LAST:
		move_selection(pv, (long)pv->n_order);
		return VIEW_REDRAW;
	case UA_RUN:
		return answer(pv, ui);
	case UA_BACK:
		if (pv->input.text.len > 0) {
			lineedit_set(&pv->input, "");
			return VIEW_REDRAW;
		}
		ui_pop(ui);
		pv->cancelled(ui, pv->arg);
		return VIEW_REDRAW;
	case UA_TOGGLE_PREVIEW:
		pv->preview_hidden = !pv->preview_hidden;
		return VIEW_REDRAW;
	case UA_PREVIEW_UP:
	case UA_PREVIEW_PAGE_UP:
	case UA_PREVIEW_DOWN:
	case UA_PREVIEW_PAGE_DOWN:
		ui_scroll_preview(&pv->doc_top, action, pv->prev_h);
		return VIEW_REDRAW;
	default:
		break;
	}
	switch (lineedit_key(&pv->input, key)) {
	case LE_CHANGED:
		rank(pv);
		return VIEW_REDRAW;
	case LE_MOVED:
		return VIEW_REDRAW;
	default:
		return VIEW_HANDLED;
	}
}

static void
prompt_free(struct view *v)
{
	struct prompt_view *pv = (struct prompt_view *)v;
	if (pv->arg_free != NULL)
		pv->arg_free(pv->arg);
	free(pv->title);
	sdk_request_clear(&pv->req);
	choice_index_free(pv->index);
	free(pv->order);
	free(pv->ranked_for);
	match_query_free(pv->q);
	lineedit_free(&pv->input);
	md_doc_free(pv->doc);
	free(pv);
}

static const struct view_ops prompt_ops = {
	.name = "prompt",
	.draw = prompt_draw,
	.key = prompt_key,
	.free = prompt_free,
};

struct view *
prompt_view_create(struct ui *ui, const char *title, const struct sdk_request *req,
		   prompt_answered_fn answered, prompt_cancelled_fn cancelled, void *arg,
		   form_free_fn arg_free)
{
	struct prompt_view *pv = xcalloc(1, sizeof *pv);
	(void)ui;
	pv->v.ops = &prompt_ops;
	pv->title = xstrdup_or_null(title);
	pv->answered = answered;
	pv->cancelled = cancelled;
	pv->arg = arg;
	pv->arg_free = arg_free;
	sdk_request_copy(&pv->req, req);
	if (req->has_choices) {
		pv->index = choice_index_create(pv->req.choices, pv->req.n_choices);
		for (size_t i = 0; i < req->n_choices; i++)
			pv->has_previews |= req->choices[i].preview != NULL;
	}
	pv->doc_choice = (size_t)-1;
	lineedit_set(&pv->input, "");
	rank(pv);
	return &pv->v;
}
