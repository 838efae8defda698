/* The detail view: an item's whole markdown, scrollable, with its actions. */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "item.h"
#include "markdown.h"
#include "strbuf.h"
#include "ui.h"
#include "xmalloc.h"

struct detail_view {
	struct view v;
	struct item *item;             /* a copy */
	detail_dismissed_fn dismissed; /* a text's view: what Esc or Enter does */
	void *arg;
	void (*arg_free)(void *arg);
	struct md_doc *doc;
	int width;
	size_t top;
	int body_y, body_h;
};

static void
detail_draw(struct view *v, struct ui *ui)
{
	struct detail_view *dv = (struct detail_view *)v;
	struct tui *t = &ui->tui;
	int y = ui_draw_title(ui, dv->item->title, dv->item->subtitle);
	int bottom = t->rows >= 3 ? t->rows - 1 : t->rows;
	int w = t->cols - 2;
	if (w < 1)
		w = 1;
	if (dv->doc == NULL || dv->width != w) {
		md_doc_free(dv->doc);
		struct strbuf sb = STRBUF_INIT;
		if (dv->item->preview != NULL)
			sb_add(&sb, dv->item->preview);
		else
			sb_addf(&sb, "# %s\n\n%s\n", dv->item->title,
				dv->item->subtitle != NULL ? dv->item->subtitle : "");
		if (dv->item->url != NULL)
			sb_addf(&sb, "\n\n<%s>\n", dv->item->url);
		dv->doc = md_render(sb_str(&sb), sb.len, (size_t)w);
		sb_free(&sb);
		dv->width = w;
	}
	dv->body_y = y;
	dv->body_h = bottom - y;
	if (dv->body_h > 0 && dv->top + (size_t)dv->body_h > dv->doc->n)
		dv->top = dv->doc->n > (size_t)dv->body_h ? dv->doc->n - (size_t)dv->body_h : 0;
	if (dv->body_h > 0)
		ui_draw_markdown(ui, dv->doc, dv->top, y, 1, dv->body_h, w);
	static const enum ui_action hints[] = {UA_RUN, UA_ACTIONS, UA_BACK};
	const char *labels[] = {dv->item->n_actions > 0 ? dv->item->actions[0].title : "Run",
				"Actions", "Back"};
	char pos[32] = "";
	if (dv->body_h > 0 && dv->doc->n > (size_t)dv->body_h)
		snprintf(pos, sizeof pos, "%zu%%",
			 (dv->top + (size_t)dv->body_h) * 100 / dv->doc->n);
	static const char *const text_labels[] = {"Continue"};
	if (t->rows >= 3)
		ui_draw_status(ui, hints, dv->dismissed != NULL ? text_labels : labels,
			       dv->dismissed != NULL ? 1 : 3, pos);
	ui->cursor_y = -1;
}

static enum view_result
detail_key(struct view *v, struct ui *ui, const struct tkey *key, enum ui_action action)
{
	struct detail_view *dv = (struct detail_view *)v;
	size_t page = dv->body_h > 1 ? (size_t)dv->body_h - 1 : 1;
	if (key->kind == TK_MOUSE) {
		if (key->button == TM_WHEEL_UP)
			dv->top = dv->top > 3 ? dv->top - 3 : 0;
		else if (key->button == TM_WHEEL_DOWN)
			dv->top += 3;
		return VIEW_REDRAW;
	}
	switch (action) {
	case UA_UP:
	case UA_PREVIEW_UP:
		dv->top = dv->top > 0 ? dv->top - 1 : 0;
		return VIEW_REDRAW;
	case UA_DOWN:
	case UA_PREVIEW_DOWN:
		dv->top++;
		return VIEW_REDRAW;
	case UA_PAGE_UP:
	case UA_PREVIEW_PAGE_UP:
		dv->top = dv->top > page ? dv->top - page : 0;
		return VIEW_REDRAW;
	case UA_PAGE_DOWN:
	case UA_PREVIEW_PAGE_DOWN:
		dv->top += page;
		return VIEW_REDRAW;
	case UA_FIRST:
		dv->top = 0;
		return VIEW_REDRAW;
	case UA_LAST:
		dv->top = dv->doc != NULL ? dv->doc->n : 0;
		return VIEW_REDRAW;
	case UA_RUN:
	case UA_BACK:
		if (dv->dismissed != NULL) {
			ui_pop(ui);
			dv->dismissed(ui, dv->arg);
			return VIEW_REDRAW;
		}
		if (action == UA_BACK) {
			ui_pop(ui);
			return VIEW_REDRAW;
		}
		/* fall through */
	case UA_RUN_SECONDARY: {
		size_t n = action == UA_RUN ? 0 : 1;
		if (n < dv->item->n_actions) {
			struct item *it = dv->item;
			ui_pop(ui);
			ui_run_action(ui, it, &it->actions[n]);
		}
		return VIEW_REDRAW;
	}
	case UA_ACTIONS:
		if (dv->dismissed == NULL)
			ui_push(ui, actions_view_create(ui, dv->item));
		return VIEW_REDRAW;
	default:
		break;
	}
	const struct action *a = ui_action_for_key(dv->item, key);
	if (a != NULL) {
		struct item *it = dv->item;
		ui_pop(ui);
		ui_run_action(ui, it, a);
		return VIEW_REDRAW;
	}
	return VIEW_HANDLED;
}

static void
detail_free(struct view *v)
{
	struct detail_view *dv = (struct detail_view *)v;
	if (dv->arg_free != NULL)
		dv->arg_free(dv->arg);
	item_free(dv->item);
	md_doc_free(dv->doc);
	free(dv);
}

static const struct view_ops detail_ops = {
	.name = "detail",
	.draw = detail_draw,
	.key = detail_key,
	.free = detail_free,
};

struct view *
detail_view_create(struct ui *ui, const struct item *item)
{
	struct detail_view *dv = xcalloc(1, sizeof *dv);
	(void)ui;
	dv->v.ops = &detail_ops;
	dv->item = item_clone(item);
	return &dv->v;
}

struct view *
detail_view_create_text(struct ui *ui, const char *title, const char *markdown,
			detail_dismissed_fn dismissed, void *arg, void (*arg_free)(void *arg))
{
	struct detail_view *dv = xcalloc(1, sizeof *dv);
	(void)ui;
	dv->v.ops = &detail_ops;
	dv->item = item_create("sdk:div", "text", title);
	item_set(&dv->item->preview, markdown);
	dv->dismissed = dismissed;
	dv->arg = arg;
	dv->arg_free = arg_free;
	return &dv->v;
}
