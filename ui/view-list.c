/*
 * The list view: the search bar, the ranked list and the preview.
 *
 * Layout by size: the preview sits beside the list when the terminal is
 * at least PREVIEW_SIDE_COLS wide, below it when it is at least
 * PREVIEW_BELOW_ROWS tall, and is hidden otherwise (alt+p toggles it);
 * accessories give way before the title does; below 6 rows the rule under
 * the search bar goes, then the status line.  Section headers (recently
 * used, then each group) appear for the empty query, as search.h's rule 5
 * orders it; a query's results are one ranked list.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "item.h"
#include "markdown.h"
#include "remote.h"
#include "search.h"
#include "strbuf.h"
#include "trace.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

#define PREVIEW_SIDE_COLS  70
#define PREVIEW_BELOW_ROWS 16
#define DOUBLE_CLICK_NS    400000000LL

struct row {
	int header;    /* a section header, else an item */
	size_t result; /* item: index into the results */
	const char *label;
};

struct rect {
	int y, x, h, w;
};

struct list_view {
	struct view v;
	struct lineedit query;
	size_t qstart;
	size_t sel;
	size_t top;
	char *sel_id;
	const struct search_results *rows_for;
	struct row *rows;
	size_t n_rows;
	size_t *row_of; /* result index -> row */
	struct md_doc *doc;
	const struct item *doc_item;
	int doc_width;
	size_t doc_top;
	int preview_hidden;
	struct rect list, prev;
	long long click_ns;
	size_t click_row;
};

static const struct item *
selected_item(struct list_view *lv, struct ui *ui)
{
	if (ui->res == NULL || lv->sel >= ui->res->n)
		return NULL;
	return ui->res->r[lv->sel].item;
}

static void
drop_preview(struct list_view *lv)
{
	md_doc_free(lv->doc);
	lv->doc = NULL;
	lv->doc_item = NULL;
	lv->doc_top = 0;
}

static void
remember_selection(struct list_view *lv, struct ui *ui)
{
	const struct item *it = selected_item(lv, ui);
	free(lv->sel_id);
	lv->sel_id = it != NULL ? xstrdup(it->id) : NULL;
}

static void
build_rows(struct list_view *lv, struct ui *ui)
{
	const struct search_results *res = ui->res;
	free(lv->rows);
	free(lv->row_of);
	lv->rows = NULL;
	lv->row_of = NULL;
	lv->n_rows = 0;
	lv->rows_for = res;
	if (res == NULL)
		return;
	lv->rows = xcalloc(2 * res->n + 1, sizeof *lv->rows);
	lv->row_of = xcalloc(res->n + 1, sizeof *lv->row_of);
	int grouped = ui->res_query == NULL || *ui->res_query == '\0';
	const char *last = NULL;
	int in_recent = 0;
	for (size_t i = 0; i < res->n; i++) {
		const struct item *it = res->r[i].item;
		if (grouped) {
			const char *label = NULL;
			if (res->r[i].frecency > 0) {
				if (!in_recent)
					label = "Recently Used";
				in_recent = 1;
			} else {
				const char *g = it->group != NULL    ? it->group
						: it->source != NULL ? it->source
								     : "Other";
				if (in_recent || last == NULL || strcmp(g, last) != 0)
					label = g;
				last = g;
				in_recent = 0;
			}
			if (label != NULL) {
				lv->rows[lv->n_rows].header = 1;
				lv->rows[lv->n_rows].label = label;
				lv->n_rows++;
			}
		}
		lv->row_of[i] = lv->n_rows;
		lv->rows[lv->n_rows].result = i;
		lv->n_rows++;
	}
}

/* The launcher swapped the results: find the selection again. */
void
list_view_results_changed(struct view *v, struct ui *ui, int same_query)
{
	struct list_view *lv = (struct list_view *)v;
	drop_preview(lv);
	build_rows(lv, ui);
	lv->sel = 0;
	if (same_query && lv->sel_id != NULL && ui->res != NULL) {
		for (size_t i = 0; i < ui->res->n; i++)
			if (strcmp(ui->res->r[i].item->id, lv->sel_id) == 0) {
				lv->sel = i;
				break;
			}
	} else
		lv->top = 0;
	remember_selection(lv, ui);
}

/* Keep the selection in view; show the header just above it too. */
static void
scroll_to_selection(struct list_view *lv)
{
	int h = lv->list.h;
	if (lv->n_rows == 0 || h <= 0) {
		lv->top = 0;
		return;
	}
	size_t row = lv->row_of != NULL && lv->rows_for != NULL && lv->sel < lv->rows_for->n
			     ? lv->row_of[lv->sel]
			     : 0;
	size_t want = row > 0 && lv->rows[row - 1].header ? row - 1 : row;
	if (want < lv->top)
		lv->top = want;
	if (row >= lv->top + (size_t)h)
		lv->top = row - (size_t)h + 1;
	/* no empty space below when the list could fill it */
	if (lv->n_rows >= (size_t)h && lv->top > lv->n_rows - (size_t)h)
		lv->top = lv->n_rows - (size_t)h;
	if (lv->n_rows < (size_t)h)
		lv->top = 0;
}

static void
layout(struct list_view *lv, struct ui *ui)
{
	int rows = ui->tui.rows, cols = ui->tui.cols;
	int body_y = rows >= 6 ? 2 : 1;
	int bottom = rows >= 3 ? rows - 1 : rows; /* the status line's row */
	int body_h = bottom - body_y;
	if (body_h < 0)
		body_h = 0;
	lv->list = (struct rect){body_y, 0, body_h, cols};
	lv->prev = (struct rect){0, 0, 0, 0};
	if (lv->preview_hidden || body_h < 3)
		return;
	if (cols >= PREVIEW_SIDE_COLS) {
		int lw = cols >= 120 ? cols * 2 / 5 : cols / 2;
		lv->list.w = lw;
		lv->prev = (struct rect){body_y, lw + 2, body_h, cols - lw - 3};
	} else if (body_h >= PREVIEW_BELOW_ROWS) {
		int lh = body_h / 2;
		lv->list.h = lh;
		lv->prev = (struct rect){body_y + lh + 1, 1, body_h - lh - 1, cols - 2};
	}
}

static enum theme_role
accessory_role(enum accessory_kind kind)
{
	switch (kind) {
	case ACC_ALIAS:
	case ACC_SHORTCUT:
		return TR_SHORTCUT;
	case ACC_WARNING:
		return TR_WARNING;
	default:
		return TR_ACCESSORY;
	}
}

static void
draw_item_row(struct list_view *lv, struct ui *ui, int y, const struct search_result *r,
	      int selected)
{
	struct tui *t = &ui->tui;
	const struct item *it = r->item;
	int x = lv->list.x, w = lv->list.w;
#define ATTR(role) (selected ? tui_attr_on(t, (role), TR_SELECTED) : tui_attr(t, (role)))
	if (selected)
		tui_fill(t, y, x, w, tui_attr(t, TR_SELECTED));
	tui_puts(t, y, x, selected ? "▌" : " ", 1, ATTR(TR_MARK));
	int col = x + 2;
	if (ui->icons != ICONS_NONE && w >= 16) {
		char buf[ICON_BUF];
		tui_puts(t, y, col, icon_for(it->icon, it->kind, ui->icons, buf), 2,
			 ATTR(TR_NORMAL));
		col += 3;
	}
	int end = x + w - 1, avail = end - col;
	if (avail <= 0)
		return;

	/* accessories, right-aligned; the leftmost give way first */
	const char *acc[8];
	enum theme_role acc_role[8];
	size_t n_acc = 0;
	if (it->disabled_reason != NULL)
		acc[n_acc] = "unavailable", acc_role[n_acc++] = TR_WARNING;
	for (size_t i = 0; i < it->n_accessories && n_acc < 8; i++)
		if (it->accessories[i].text != NULL && *it->accessories[i].text != '\0') {
			acc[n_acc] = it->accessories[i].text;
			acc_role[n_acc++] = accessory_role(it->accessories[i].kind);
		}
	int title_w = (int)tui_width(it->title, strlen(it->title));
	size_t first_acc = 0;
	int acc_w = 0;
	for (size_t i = 0; i < n_acc; i++)
		acc_w += (int)tui_width(acc[i], strlen(acc[i])) + (i > 0 ? 2 : 0);
	while (first_acc < n_acc && title_w + 2 + acc_w > avail) {
		acc_w -= (int)tui_width(acc[first_acc], strlen(acc[first_acc])) +
			 (first_acc + 1 < n_acc ? 2 : 0);
		first_acc++;
	}
	if (first_acc == n_acc)
		acc_w = 0;

	enum theme_role title_role = it->disabled_reason != NULL ? TR_DISABLED : TR_NORMAL;
	int title_room = avail - (acc_w > 0 ? acc_w + 2 : 0);
	int used =
		ui_draw_highlighted(ui, y, col, title_room, it->title, r->positions, r->n_positions,
				    ATTR(title_role) | (selected ? A_BOLD : 0), ATTR(TR_MATCH));
	int sub_room = title_room - used - 2;
	if (it->subtitle != NULL && sub_room >= 6)
		tui_puts(t, y, col + used + 2, it->subtitle, sub_room, ATTR(TR_SUBTITLE));
	int ax = end - acc_w;
	for (size_t i = first_acc; i < n_acc; i++) {
		ax += tui_puts(t, y, ax, acc[i], end - ax, ATTR(acc_role[i]));
		ax += 2;
	}
#undef ATTR
}

static void
draw_list(struct list_view *lv, struct ui *ui)
{
	struct tui *t = &ui->tui;
	if (lv->rows_for != ui->res)
		build_rows(lv, ui);
	scroll_to_selection(lv);
	if (ui->res == NULL || ui->res->n == 0) {
		const char *msg = !ui->loaded && ui->snap == NULL ? "Loading…"
				  : ui->res == NULL               ? ""
								  : "No matches";
		if (lv->list.h > 0)
			tui_puts(t, lv->list.y, lv->list.x + 2, msg, lv->list.w - 2,
				 tui_attr(t, TR_DIM));
		return;
	}
	for (int i = 0; i < lv->list.h && lv->top + (size_t)i < lv->n_rows; i++) {
		const struct row *row = &lv->rows[lv->top + (size_t)i];
		int y = lv->list.y + i;
		if (row->header)
			tui_puts(t, y, lv->list.x + 2, row->label, lv->list.w - 3,
				 tui_attr(t, TR_HEADER));
		else
			draw_item_row(lv, ui, y, &ui->res->r[row->result], row->result == lv->sel);
	}
}

static char *
default_preview(const struct item *it)
{
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "# %s\n\n", it->title);
	if (it->subtitle != NULL)
		sb_addf(&sb, "%s\n\n", it->subtitle);
	if (it->url != NULL)
		sb_addf(&sb, "<%s>\n\n", it->url);
	for (size_t i = 0; i < it->n_accessories; i++)
		sb_addf(&sb, "- %s\n", it->accessories[i].text);
	return sb_detach(&sb);
}

static void
draw_preview(struct list_view *lv, struct ui *ui)
{
	struct tui *t = &ui->tui;
	struct rect p = lv->prev;
	if (p.h <= 0 || p.w <= 0)
		return;
	attr_t border = tui_attr(t, TR_BORDER);
	if (p.y == lv->list.y) /* beside: a vertical rule */
		for (int y = p.y; y < p.y + p.h; y++)
			tui_puts(t, y, p.x - 2 + 0, "│", 1, border);
	else
		tui_hline(t, p.y - 1, 0, "─", t->cols, border);
	const struct item *it = selected_item(lv, ui);
	if (it == NULL)
		return;
	if (lv->doc == NULL || lv->doc_item != it || lv->doc_width != p.w) {
		size_t top = lv->doc_item == it ? lv->doc_top : 0;
		md_doc_free(lv->doc);
		char *fallback = it->preview == NULL ? default_preview(it) : NULL;
		const char *md = fallback != NULL ? fallback : it->preview;
		lv->doc = md_render(md, strlen(md), (size_t)p.w);
		free(fallback);
		lv->doc_item = it;
		lv->doc_width = p.w;
		lv->doc_top = top;
	}
	if (lv->doc_top + (size_t)p.h > lv->doc->n)
		lv->doc_top = lv->doc->n > (size_t)p.h ? lv->doc->n - (size_t)p.h : 0;
	ui_draw_markdown(ui, lv->doc, lv->doc_top, p.y, p.x, p.h, p.w);
}

static void
draw_search_bar(struct list_view *lv, struct ui *ui)
{
	struct tui *t = &ui->tui;
	int cols = t->cols;
	const char *prompt = ui->icons == ICONS_ASCII ? "> " : "❯ ";
	int x = tui_puts(t, 0, 0, prompt, cols, tui_attr(t, TR_PROMPT));
	char info[64] = "";
	if (!ui->loaded && ui->snap == NULL)
		snprintf(info, sizeof info, "loading…");
	else if (ui->res != NULL && ui->loaded)
		snprintf(info, sizeof info, "%zu/%zu", ui->res->matches,
			 ui->cat != NULL ? ui->cat->n : 0);
	size_t pending = ui->refresh != NULL ? remote_refresh_pending(ui->refresh) : 0;
	if (pending > 0)
		snprintf(info + strlen(info), sizeof info - strlen(info), "%s⟳ %zu",
			 *info ? "  " : "", pending);
	int iw = (int)tui_width(info, strlen(info));
	int room = cols - x - (iw > 0 && cols - x > iw + 10 ? iw + 2 : 0);
	size_t col;
	lineedit_window(&lv->query, room > 0 ? (size_t)room : 0, &lv->qstart, &col);
	const char *text = lineedit_text(&lv->query);
	if (lv->query.text.len == 0)
		tui_puts(t, 0, x, "Search commands and items…", room, tui_attr(t, TR_DIM));
	else
		tui_puts(t, 0, x, text + lv->qstart, room, tui_attr(t, TR_NORMAL));
	if (iw > 0 && cols - x > iw + 10)
		tui_puts(t, 0, cols - iw, info, iw, tui_attr(t, TR_DIM));
	ui->cursor_y = 0;
	ui->cursor_x = x + (int)col < cols ? x + (int)col : cols - 1;
}

static void
list_draw(struct view *v, struct ui *ui)
{
	struct list_view *lv = (struct list_view *)v;
	layout(lv, ui);
	draw_search_bar(lv, ui);
	if (ui->tui.rows >= 6)
		tui_hline(&ui->tui, 1, 0, "─", ui->tui.cols, tui_attr(&ui->tui, TR_BORDER));
	draw_list(lv, ui);
	draw_preview(lv, ui);
	if (ui->tui.rows >= 3) {
		static const enum ui_action hints[] = {UA_RUN, UA_ACTIONS, UA_BACK};
		const char *labels[3];
		const struct item *it = selected_item(lv, ui);
		labels[0] = it != NULL && it->n_actions > 0 ? it->actions[0].title : "Run";
		labels[1] = "Actions";
		labels[2] = lv->query.text.len > 0 ? "Clear" : "Quit";
		ui_draw_status(ui, hints, labels, 3, NULL);
	}
}

static void
move_selection(struct list_view *lv, struct ui *ui, long delta)
{
	if (ui->res == NULL || ui->res->n == 0)
		return;
	long n = (long)ui->res->n, sel = (long)lv->sel + delta;
	if (sel < 0)
		sel = 0;
	if (sel >= n)
		sel = n - 1;
	if ((size_t)sel != lv->sel)
		lv->doc_top = 0;
	lv->sel = (size_t)sel;
	remember_selection(lv, ui);
}

static void
run_nth_action(struct list_view *lv, struct ui *ui, size_t n)
{
	const struct item *it = selected_item(lv, ui);
	if (it == NULL)
		return;
	if (n >= it->n_actions) {
		ui_toast(ui, TOAST_ERROR, "%s has no %s action", it->title,
			 n == 0 ? "primary" : "secondary");
		return;
	}
	ui_run_action(ui, it, &it->actions[n]);
}

static enum view_result
list_mouse(struct list_view *lv, struct ui *ui, const struct tkey *key)
{
	struct rect l = lv->list, p = lv->prev;
	int in_list = key->y >= l.y && key->y < l.y + l.h && key->x >= l.x && key->x < l.x + l.w;
	int in_prev = p.h > 0 && key->y >= p.y && key->y < p.y + p.h && key->x >= p.x - 2 &&
		      key->x < p.x + p.w;
	if (key->button == TM_WHEEL_UP || key->button == TM_WHEEL_DOWN) {
		long d = key->button == TM_WHEEL_UP ? -1 : 1;
		if (in_prev) {
			if (d < 0 && lv->doc_top > 0)
				lv->doc_top -= lv->doc_top >= 3 ? 3 : lv->doc_top;
			else if (d > 0)
				lv->doc_top += 3;
		} else
			move_selection(lv, ui, d);
		return VIEW_REDRAW;
	}
	if (key->button != TM_LEFT || !key->press || !in_list)
		return VIEW_HANDLED;
	size_t row = lv->top + (size_t)(key->y - l.y);
	if (row >= lv->n_rows || lv->rows[row].header)
		return VIEW_HANDLED;
	long long now = trace_now_ns();
	int twice = lv->click_row == row && now - lv->click_ns < DOUBLE_CLICK_NS;
	lv->click_row = row;
	lv->click_ns = twice ? 0 : now;
	lv->sel = lv->rows[row].result;
	remember_selection(lv, ui);
	if (twice) {
		if (!ui->loaded) {
			ui_defer_key(ui, &(struct tkey){.kind = TK_ENTER});
			return VIEW_REDRAW;
		}
		run_nth_action(lv, ui, 0);
	}
	return VIEW_REDRAW;
}

static enum view_result
list_key(struct view *v, struct ui *ui, const struct tkey *key, enum ui_action action)
{
	struct list_view *lv = (struct list_view *)v;
	int page = lv->list.h > 1 ? lv->list.h - 1 : 1;
	if (key->kind == TK_MOUSE)
		return list_mouse(lv, ui, key);
	/* acting on an item needs the catalog: keep the key until it is loaded */
	if (!ui->loaded && (action == UA_RUN || action == UA_RUN_SECONDARY ||
			    action == UA_ACTIONS || action == UA_DETAIL)) {
		ui_defer_key(ui, key);
		return VIEW_REDRAW;
	}
	switch (action) {
	case UA_UP:
		move_selection(lv, ui, -1);
		return VIEW_REDRAW;
	case UA_DOWN:
		move_selection(lv, ui, 1);
		return VIEW_REDRAW;
	case UA_PAGE_UP:
		move_selection(lv, ui, -page);
		return VIEW_REDRAW;
	case UA_PAGE_DOWN:
		move_selection(lv, ui, page);
		return VIEW_REDRAW;
	case UA_FIRST:
		move_selection(lv, ui, ui->res != NULL ? -(long)ui->res->n : 0);
		return VIEW_REDRAW;
	case UA_LAST:
		move_selection(lv, ui, ui->res != NULL ? (long)ui->res->n : 0);
		return VIEW_REDRAW;
	case UA_RUN:
		run_nth_action(lv, ui, 0);
		return VIEW_REDRAW;
	case UA_RUN_SECONDARY:
		run_nth_action(lv, ui, 1);
		return VIEW_REDRAW;
	case UA_ACTIONS: {
		const struct item *it = selected_item(lv, ui);
		if (it != NULL)
			ui_push(ui, actions_view_create(ui, it));
		return VIEW_REDRAW;
	}
	case UA_DETAIL: {
		const struct item *it = selected_item(lv, ui);
		if (it != NULL)
			ui_push(ui, detail_view_create(ui, it));
		return VIEW_REDRAW;
	}
	case UA_BACK:
		if (lv->query.text.len > 0) {
			lineedit_set(&lv->query, "");
			ui_post_query(ui, "");
			return VIEW_REDRAW;
		}
		ui_quit(ui, 0, NULL);
		return VIEW_QUIT;
	case UA_TOGGLE_PREVIEW:
		lv->preview_hidden = !lv->preview_hidden;
		return VIEW_REDRAW;
	case UA_REFRESH:
		ui_refresh_remotes(ui);
		return VIEW_REDRAW;
	case UA_PREVIEW_UP:
	case UA_PREVIEW_PAGE_UP:
	case UA_PREVIEW_DOWN:
	case UA_PREVIEW_PAGE_DOWN:
		ui_scroll_preview(&lv->doc_top, action, lv->prev.h);
		return VIEW_REDRAW;
	default:
		break;
	}
	const struct item *it = selected_item(lv, ui);
	const struct action *a = it != NULL ? ui_action_for_key(it, key) : NULL;
	if (a != NULL) {
		ui_run_action(ui, it, a);
		return VIEW_REDRAW;
	}
	switch (lineedit_key(&lv->query, key)) {
	case LE_CHANGED:
		ui_post_query(ui, lineedit_text(&lv->query));
		return VIEW_REDRAW;
	case LE_MOVED:
		return VIEW_REDRAW;
	default:
		break;
	}
	/* a key nothing else takes: the command whose shortcut it is, whatever is selected */
	const struct item *cmd_item = ui_command_for_key(ui, key, &a);
	if (cmd_item != NULL) {
		ui_run_action(ui, cmd_item, a);
		return VIEW_REDRAW;
	}
	return VIEW_HANDLED;
}

static void
list_free(struct view *v)
{
	struct list_view *lv = (struct list_view *)v;
	lineedit_free(&lv->query);
	free(lv->sel_id);
	free(lv->rows);
	free(lv->row_of);
	md_doc_free(lv->doc);
	free(lv);
}

static const struct view_ops list_ops = {
	.name = "list",
	.draw = list_draw,
	.key = list_key,
	.free = list_free,
};

struct view *
list_view_create(struct ui *ui, const char *query)
{
	struct list_view *lv = xcalloc(1, sizeof *lv);
	(void)ui;
	lv->v.ops = &list_ops;
	lv->click_row = (size_t)-1;
	lineedit_set(&lv->query, query != NULL ? query : "");
	return &lv->v;
}
