/* A yes/no question in a box (actions marked confirm). */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "xmalloc.h"

struct confirm_view {
	struct view v;
	char *question;
	confirm_fn yes;
	void *arg;
	form_free_fn arg_free;
};

static void
confirm_draw(struct view *v, struct ui *ui)
{
	struct confirm_view *cv = (struct confirm_view *)v;
	struct tui *t = &ui->tui;
	static const char hint[] = "y / enter: yes    n / esc: no";
	int qw = (int)tui_width(cv->question, strlen(cv->question));
	int hw = (int)tui_width(hint, strlen(hint));
	int w = (qw > hw ? qw : hw) + 4, h = 4;
	if (w > t->cols)
		w = t->cols;
	if (h > t->rows)
		h = t->rows;
	int y = (t->rows - h) / 2, x = (t->cols - w) / 2;
	ui_draw_box(ui, y, x, h, w, "Confirm");
	if (h >= 3) {
		tui_puts(t, y + 1, x + 2, cv->question, w - 4, tui_attr(t, TR_NORMAL));
		if (h >= 4)
			tui_puts(t, y + 2, x + 2, hint, w - 4, tui_attr(t, TR_DIM));
	} else
		tui_puts(t, y, 0, cv->question, t->cols, tui_attr(t, TR_NORMAL));
	ui->cursor_y = -1;
}

static enum view_result
confirm_key(struct view *v, struct ui *ui, const struct tkey *key, enum ui_action action)
{
	struct confirm_view *cv = (struct confirm_view *)v;
	int yes = action == UA_RUN ||
		  (key->kind == TK_CHAR && key->mods == 0 && (key->cp == 'y' || key->cp == 'Y'));
	int no = action == UA_BACK ||
		 (key->kind == TK_CHAR && key->mods == 0 && (key->cp == 'n' || key->cp == 'N'));
	if (yes) {
		ui_pop(ui);
		cv->yes(ui, cv->arg);
		return VIEW_REDRAW;
	}
	if (no) {
		ui_pop(ui);
		return VIEW_REDRAW;
	}
	return VIEW_HANDLED;
}

static void
confirm_free(struct view *v)
{
	struct confirm_view *cv = (struct confirm_view *)v;
	if (cv->arg_free != NULL)
		cv->arg_free(cv->arg);
	free(cv->question);
	free(cv);
}

static const struct view_ops confirm_ops = {
	.name = "confirm",
	.overlay = 1,
	.draw = confirm_draw,
	.key = confirm_key,
	.free = confirm_free,
};

struct view *
confirm_view_create(struct ui *ui, const char *question, confirm_fn yes, void *arg,
		    form_free_fn arg_free)
{
	struct confirm_view *cv = xcalloc(1, sizeof *cv);
	(void)ui;
	cv->v.ops = &confirm_ops;
	cv->question = xstrdup(question);
	cv->yes = yes;
	cv->arg = arg;
	cv->arg_free = arg_free;
	return &cv->v;
}
