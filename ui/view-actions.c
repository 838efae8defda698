/*
 * The action panel (ctrl+k): every action of the selected item in a box
 * over the list, with its key (Enter for the primary, alt+Enter for the
 * secondary, the action's own shortcut for the rest).  Typing filters it
 * with the launcher's matcher; Enter runs the selected action; Esc clears
 * the filter, then closes the panel.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "item.h"
#include "match.h"
#include "trace.h"
#include "ui.h"
#include "xmalloc.h"

#define DOUBLE_CLICK_NS 400000000LL

struct actions_view {
	struct view v;
	struct item *item; /* a copy: the catalog may change while the panel is open */
	struct lineedit filter;
	size_t fstart;
	size_t *shown;
	size_t n_shown;
	size_t sel;
	size_t top;
	int y, x, h, w; /* the box, for the mouse */
	long long click_ns;
	size_t click_row;
};

/* The key shown beside action i: a new string or NULL. */
static char *
action_key(struct ui *ui, const struct item *it, size_t i)
{
	if (i == 0)
		return keymap_hint(ui->km, UA_RUN);
	if (i == 1)
		return keymap_hint(ui->km, UA_RUN_SECONDARY);
	const char *sc = it->actions[i].shortcut;
	struct keyspec spec;
	if (sc != NULL && keyspec_parse(sc, &spec, NULL) == 0)
		return keyspec_format(&spec);
	return NULL;
}

static void
refilter(struct actions_view *av)
{
	const char *f = lineedit_text(&av->filter);
	struct match_query *q = match_query_create(f, strlen(f));
	av->n_shown = 0;
	for (size_t i = 0; i < av->item->n_actions; i++) {
		const char *t = av->item->actions[i].title;
		if (*f == '\0' || match_has(q, t, strlen(t)))
			av->shown[av->n_shown++] = i;
	}
	match_query_free(q);
	av->sel = 0;
	av->top = 0;
}

static void
actions_draw(struct view *v, struct ui *ui)
{
	struct actions_view *av = (struct actions_view *)v;
	struct tui *t = &ui->tui;
	int rows = t->rows, cols = t->cols;
	const struct item *it = av->item;
	int widest = 20;
	for (size_t i = 0; i < it->n_actions; i++) {
		char *k = action_key(ui, it, i);
		int w = (int)tui_width(it->actions[i].title, strlen(it->actions[i].title)) +
			(k != NULL ? (int)tui_width(k, strlen(k)) + 3 : 0);
		if (w > widest)
			widest = w;
		free(k);
	}
	int bottom = rows >= 3 ? rows - 1 : rows;
	int w = widest + 6, h = (int)it->n_actions + 3;
	if (w > cols)
		w = cols;
	if (w < 16 && cols >= 16)
		w = 16;
	if (h > bottom)
		h = bottom;
	av->w = w;
	av->h = h;
	av->y = bottom - h;
	av->x = cols - w;
	if (av->x > 1)
		av->x--;
	ui_draw_box(ui, av->y, av->x, h, w, "Actions");
	static const enum ui_action hints[] = {UA_RUN, UA_BACK};
	static const char *const labels[] = {"Run", "Back"};
	if (rows >= 3)
		ui_draw_status(ui, hints, labels, 2, NULL);
	if (h < 3 || w < 4) {
		/* too small for a box: the filter and the selected action on one line */
		size_t col;
		lineedit_window(&av->filter, (size_t)cols, &av->fstart, &col);
		tui_fill(t, av->y, 0, cols, tui_attr(t, TR_NORMAL));
		if (av->n_shown > 0)
			tui_puts(t, av->y, 0, it->actions[av->shown[av->sel]].title, cols,
				 tui_attr(t, TR_SELECTED));
		return;
	}
	int inner_x = av->x + 1, inner_w = w - 2, y = av->y + 1;
	/* the filter */
	size_t col;
	int px = tui_puts(t, y, inner_x + 1, "› ", inner_w - 1, tui_attr(t, TR_PROMPT));
	lineedit_window(&av->filter, (size_t)(inner_w - 2 - px > 0 ? inner_w - 2 - px : 0),
			&av->fstart, &col);
	if (av->filter.text.len == 0)
		tui_puts(t, y, inner_x + 1 + px, "Search actions…", inner_w - 2 - px,
			 tui_attr(t, TR_DIM));
	else
		tui_puts(t, y, inner_x + 1 + px, lineedit_text(&av->filter) + av->fstart,
			 inner_w - 2 - px, tui_attr(t, TR_NORMAL));
	ui->cursor_y = y;
	ui->cursor_x = inner_x + 1 + px + (int)col;
	y++;
	int list_h = av->y + h - 1 - y;
	if (av->sel < av->top)
		av->top = av->sel;
	if (list_h > 0 && av->sel >= av->top + (size_t)list_h)
		av->top = av->sel - (size_t)list_h + 1;
	if (av->n_shown == 0 && list_h > 0)
		tui_puts(t, y, inner_x + 2, "No actions match", inner_w - 3, tui_attr(t, TR_DIM));
	for (int r = 0; r < list_h && av->top + (size_t)r < av->n_shown; r++) {
		size_t idx = av->shown[av->top + (size_t)r];
		const struct action *a = &it->actions[idx];
		int selected = av->top + (size_t)r == av->sel;
		attr_t bg = tui_attr(t, selected ? TR_SELECTED : TR_NORMAL);
		tui_fill(t, y + r, inner_x, inner_w, bg);
		enum theme_role role = a->destructive ? TR_WARNING : TR_NORMAL;
		char *k = action_key(ui, it, idx);
		int kw = k != NULL ? (int)tui_width(k, strlen(k)) : 0;
		attr_t ta = selected ? tui_attr_on(t, role, TR_SELECTED) : tui_attr(t, role);
		tui_puts(t, y + r, inner_x + 1, selected ? "▌" : " ", 1,
			 selected ? tui_attr_on(t, TR_MARK, TR_SELECTED) : bg);
		tui_puts(t, y + r, inner_x + 2, a->title, inner_w - 3 - (kw > 0 ? kw + 2 : 0), ta);
		if (k != NULL && kw + 4 < inner_w)
			tui_puts(t, y + r, inner_x + inner_w - kw - 1, k, kw,
				 selected ? tui_attr_on(t, TR_SHORTCUT, TR_SELECTED)
					  : tui_attr(t, TR_SHORTCUT));
		free(k);
	}
}

static void
run_selected(struct actions_view *av, struct ui *ui)
{
	if (av->n_shown == 0)
		return;
	struct item *it = av->item;
	const struct action *a = &it->actions[av->shown[av->sel]];
	ui_pop(ui); /* freed after this key: it and a stay valid until then */
	ui_run_action(ui, it, a);
}

static enum view_result
actions_mouse(struct actions_view *av, struct ui *ui, const struct tkey *key)
{
	int list_y = av->y + 2;
	if (key->button == TM_WHEEL_UP || key->button == TM_WHEEL_DOWN) {
		if (key->button == TM_WHEEL_UP && av->sel > 0)
			av->sel--;
		else if (key->button == TM_WHEEL_DOWN && av->sel + 1 < av->n_shown)
			av->sel++;
		return VIEW_REDRAW;
	}
	if (key->button != TM_LEFT || !key->press)
		return VIEW_HANDLED;
	if (key->y < av->y || key->y >= av->y + av->h || key->x < av->x ||
	    key->x >= av->x + av->w) {
		ui_pop(ui); /* a click outside closes the panel */
		return VIEW_REDRAW;
	}
	if (key->y < list_y || key->y >= av->y + av->h - 1)
		return VIEW_HANDLED;
	size_t row = av->top + (size_t)(key->y - list_y);
	if (row >= av->n_shown)
		return VIEW_HANDLED;
	long long now = trace_now_ns();
	int twice = row == av->click_row && now - av->click_ns < DOUBLE_CLICK_NS;
	av->click_row = row;
	av->click_ns = twice ? 0 : now;
	av->sel = row;
	if (twice)
		run_selected(av, ui);
	return VIEW_REDRAW;
}

static enum view_result
actions_key(struct view *v, struct ui *ui, const struct tkey *key, enum ui_action action)
{
	struct actions_view *av = (struct actions_view *)v;
	if (key->kind == TK_MOUSE)
		return actions_mouse(av, ui, key);
	switch (action) {
	case UA_UP:
	case UA_PREV_FIELD:
		if (av->sel > 0)
			av->sel--;
		return VIEW_REDRAW;
	case UA_DOWN:
	case UA_NEXT_FIELD:
		if (av->sel + 1 < av->n_shown)
			av->sel++;
		return VIEW_REDRAW;
	case UA_PAGE_UP:
	case UA_FIRST:
		av->sel = 0;
		return VIEW_REDRAW;
	case UA_PAGE_DOWN:
	case UA_LAST:
		av->sel = av->n_shown > 0 ? av->n_shown - 1 : 0;
		return VIEW_REDRAW;
	case UA_RUN:
		run_selected(av, ui);
		return VIEW_REDRAW;
	case UA_ACTIONS:
		ui_pop(ui);
		return VIEW_REDRAW;
	case UA_BACK:
		if (av->filter.text.len > 0) {
			lineedit_set(&av->filter, "");
			refilter(av);
		} else
			ui_pop(ui);
		return VIEW_REDRAW;
	default:
		break;
	}
	const struct action *a = ui_action_for_key(av->item, key);
	if (a != NULL) {
		struct item *it = av->item;
		ui_pop(ui);
		ui_run_action(ui, it, a);
		return VIEW_REDRAW;
	}
	enum lineedit_result r = lineedit_key(&av->filter, key);
	if (r == LE_CHANGED)
		refilter(av);
	return r == LE_IGNORED ? VIEW_HANDLED : VIEW_REDRAW;
}

static void
actions_free(struct view *v)
{
	struct actions_view *av = (struct actions_view *)v;
	item_free(av->item);
	lineedit_free(&av->filter);
	free(av->shown);
	free(av);
}

static const struct view_ops actions_ops = {
	.name = "actions",
	.overlay = 1,
	.draw = actions_draw,
	.key = actions_key,
	.free = actions_free,
};

struct view *
actions_view_create(struct ui *ui, const struct item *item)
{
	struct actions_view *av = xcalloc(1, sizeof *av);
	(void)ui;
	av->v.ops = &actions_ops;
	av->item = item_clone(item);
	av->shown = xcalloc(item->n_actions + 1, sizeof *av->shown);
	av->click_row = (size_t)-1;
	refilter(av);
	return &av->v;
}
