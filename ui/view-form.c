/*
 * The form view: a form.h form on the whole screen.  One line per field
 * (label, input, and the validation message beside it); under the
 * focused field its description, the options of a list or the candidates
 * of a path completion.  Tab and shift+tab (or up and down) move between
 * fields, Enter on the last field or ctrl+s submits, Esc cancels.  A
 * password is drawn as one bullet per character and never as itself.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "form.h"
#include "strbuf.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

#define LIST_ROWS 5

struct form_view {
	struct view v;
	struct form *form;
	form_submit_fn submit;
	void *arg;
	form_free_fn arg_free;
	form_cancel_fn cancel; /* Esc: may be NULL */
	int keep;              /* submit leaves the view: the callback pops it */
	size_t top;            /* first line shown */
	int *field_y;          /* each field's row on screen, -1 when not shown */
	int label_w;
	int body_y, body_h;
};

/* 1 when a field's message does not fit beside it and goes on the next line. */
static int
error_below(const struct form_field *f, int cols, int label_w)
{
	if (f->error == NULL)
		return 0;
	int w = cols - (label_w + 2) - 1, ew = (int)tui_width(f->error, strlen(f->error)) + 4;
	return w - ew < 12;
}

/* Lines a field takes: its own (and its message), plus extras when it has the focus. */
static size_t
field_lines(const struct form_field *f, int focused, int cols, int label_w)
{
	size_t n = 1 + (size_t)error_below(f, cols, label_w);
	if (!focused)
		return n;
	if (f->description != NULL && cols >= 30)
		n++;
	if ((f->type == FIELD_DROPDOWN || f->type == FIELD_APP) && f->n_shown > 1)
		n += f->n_shown < LIST_ROWS ? f->n_shown : LIST_ROWS;
	if (f->completions.n > 1)
		n += f->completions.n < LIST_ROWS ? f->completions.n : LIST_ROWS;
	return n;
}

/* The text shown for a password: one bullet per character. */
static char *
masked(const struct form_field *f)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s = lineedit_text(&f->edit);
	for (size_t i = 0; i < f->edit.text.len;) {
		uint32_t cp;
		i += utf8_decode(s + i, f->edit.text.len - i, &cp);
		sb_add(&sb, "•");
	}
	return sb_detach(&sb);
}

/* An editable text (or its mask) with a placeholder; sets the cursor when focused. */
static void
draw_edit(struct ui *ui, struct form_field *f, int y, int x, int w, int focused, attr_t attr)
{
	struct tui *t = &ui->tui;
	tui_fill(t, y, x, w, attr);
	size_t col;
	if (f->type == FIELD_PASSWORD) {
		/* the window is computed on the mask: one column per character */
		char *m = masked(f);
		struct lineedit shadow = LINEEDIT_INIT;
		lineedit_set(&shadow, m);
		size_t chars = 0;
		for (size_t i = 0; i < f->edit.cursor;) {
			uint32_t cp;
			i += utf8_decode(f->edit.text.s + i, f->edit.cursor - i, &cp);
			chars++;
		}
		shadow.cursor = chars * strlen("•");
		size_t start = 0;
		lineedit_window(&shadow, (size_t)(w > 1 ? w - 1 : 1), &start, &col);
		tui_puts(t, y, x + 1, m + start, w - 1, attr);
		lineedit_free(&shadow);
		free(m);
		if (f->edit.text.len == 0)
			tui_puts(t, y, x + 1,
				 f->has_stored ? "•••••• (stored; type to replace)" : "", w - 1,
				 attr | A_DIM);
	} else {
		lineedit_window(&f->edit, (size_t)(w > 1 ? w - 1 : 1), &f->edit_start, &col);
		tui_puts(t, y, x + 1, lineedit_text(&f->edit) + f->edit_start, w - 1, attr);
		if (f->edit.text.len == 0 && f->placeholder != NULL)
			tui_puts(t, y, x + 1, f->placeholder, w - 1, attr | A_DIM);
	}
	if (focused) {
		ui->cursor_y = y;
		ui->cursor_x = x + 1 + (int)col;
	}
}

static const char *
choice_title(const struct form_field *f)
{
	if (f->choice >= 0 && (size_t)f->choice < f->n_options)
		return f->options[f->choice].title;
	return NULL;
}

static int
draw_field(struct form_view *fv, struct ui *ui, struct form_field *f, int y, int focused,
	   int visible)
{
	struct tui *t = &ui->tui;
	int cols = t->cols, lw = fv->label_w;
	int lines = 0;
	if (visible & 1) {
		struct strbuf label = STRBUF_INIT;
		sb_add(&label, f->title);
		if (f->required)
			sb_add(&label, " *");
		int lwid = (int)tui_width(label.s, label.len);
		int lx = lw - lwid > 0 ? lw - lwid : 0;
		tui_put(t, y, 1 + lx, label.s, label.len, lw - lx,
			tui_attr(t, focused ? TR_TITLE : TR_LABEL));
		sb_free(&label);
		int x = lw + 2, w = cols - x - 1;
		int ew = f->error != NULL && !error_below(f, cols, lw)
				 ? (int)tui_width(f->error, strlen(f->error)) + 4
				 : 0;
		w -= ew;
		if (w < 1)
			w = 1;
		attr_t attr = tui_attr(t, focused ? TR_FIELD_FOCUS : TR_FIELD);
		switch (f->type) {
		case FIELD_CHECKBOX: {
			char *text = xasprintf("[%s] %s", f->checked ? "x" : " ",
					       f->label != NULL ? f->label : "");
			tui_puts(t, y, x, text, w,
				 tui_attr(t, focused ? TR_FIELD_FOCUS : TR_NORMAL));
			free(text);
			if (focused) {
				ui->cursor_y = y;
				ui->cursor_x = x + 1;
			}
			break;
		}
		case FIELD_DROPDOWN:
		case FIELD_APP: {
			const char *title = choice_title(f);
			if (focused && f->edit.text.len > 0) {
				int fw = w / 2;
				draw_edit(ui, f, y, x, fw, 1, attr);
				tui_puts(t, y, x + fw + 1, title != NULL ? title : "no match",
					 w - fw - 1,
					 tui_attr(t, title != NULL ? TR_NORMAL : TR_DIM));
			} else {
				char *text = xasprintf("‹ %s ›", title != NULL ? title : "none");
				tui_fill(t, y, x, w, attr);
				tui_puts(t, y, x + 1, text, w - 1, attr);
				free(text);
				if (focused) {
					ui->cursor_y = y;
					ui->cursor_x = x + 1;
				}
			}
			break;
		}
		default:
			draw_edit(ui, f, y, x, w, focused, attr);
		}
		if (ew > 0) {
			char *msg = xasprintf("✗ %s", f->error);
			tui_puts(t, y, x + w + 2, msg, ew - 2, tui_attr(t, TR_ERROR));
			free(msg);
		}
	}
	lines++;
	int x = lw + 2, w = cols - x - 1;
	if (error_below(f, cols, lw)) {
		if (visible & (1 << lines))
			tui_puts(t, y + lines, x + 1, f->error, w - 1, tui_attr(t, TR_ERROR));
		lines++;
	}
	if (!focused)
		return lines;
	if (f->description != NULL && cols >= 30) {
		if (visible & (1 << lines))
			tui_puts(t, y + lines, x + 1, f->description, w - 1, tui_attr(t, TR_DIM));
		lines++;
	}
	if ((f->type == FIELD_DROPDOWN || f->type == FIELD_APP) && f->n_shown > 1) {
		size_t at = 0;
		for (size_t i = 0; i < f->n_shown; i++)
			if ((long)f->shown[i] == f->choice)
				at = i;
		size_t first = at >= LIST_ROWS ? at - LIST_ROWS + 1 : 0;
		for (size_t i = first; i < f->n_shown && i < first + LIST_ROWS; i++, lines++) {
			if (!(visible & (1 << lines)))
				continue;
			const struct form_option *o = &f->options[f->shown[i]];
			int sel = (long)f->shown[i] == f->choice;
			tui_puts(t, y + lines, x + 1, sel ? "▸ " : "  ", 2, tui_attr(t, TR_MARK));
			tui_puts(t, y + lines, x + 3, o->title, w - 3,
				 tui_attr(t, sel ? TR_NORMAL : TR_DIM));
		}
	}
	if (f->completions.n > 1) {
		for (size_t i = 0; i < f->completions.n && i < LIST_ROWS; i++, lines++)
			if (visible & (1 << lines))
				tui_puts(t, y + lines, x + 1,
					 i + 1 == LIST_ROWS && f->completions.n > LIST_ROWS
						 ? "…"
						 : f->completions.v[i],
					 w - 1, tui_attr(t, TR_DIM));
	}
	return lines;
}

static void
form_draw(struct view *v, struct ui *ui)
{
	struct form_view *fv = (struct form_view *)v;
	struct form *form = fv->form;
	struct tui *t = &ui->tui;
	char *hint = keymap_hint(ui->km, UA_SUBMIT);
	char *right = hint != NULL ? xasprintf("%s submit", hint) : NULL;
	int y = ui_draw_title(ui, form->title, right);
	free(hint);
	free(right);
	ui->cursor_y = -1;
	int bottom = t->rows >= 3 ? t->rows - 1 : t->rows;
	if (form->error != NULL && bottom - y > 1) {
		tui_puts(t, y, 1, form->error, t->cols - 2, tui_attr(t, TR_ERROR));
		y += bottom - y > (int)form->n + 1 ? 2 : 1;
	}
	if (form->intro != NULL && bottom - y > (int)form->n + 1) {
		tui_puts(t, y, 1, form->intro, t->cols - 2, tui_attr(t, TR_DIM));
		y += 2;
	}
	fv->body_y = y;
	fv->body_h = bottom - y;
	/* labels: as wide as the widest, at most a third of the screen */
	int lw = 0;
	for (size_t i = 0; i < form->n; i++) {
		int w = (int)tui_width(form->fields[i].title, strlen(form->fields[i].title)) +
			(form->fields[i].required ? 2 : 0);
		if (w > lw)
			lw = w;
	}
	if (lw > t->cols / 3)
		lw = t->cols / 3;
	fv->label_w = lw;
	/* scroll so the focused field and its extras are visible */
	size_t line = 0, focus_line = 0, focus_n = 1;
	for (size_t i = 0; i < form->n; i++) {
		size_t n = field_lines(&form->fields[i], i == form->focus, t->cols, lw);
		if (i == form->focus) {
			focus_line = line;
			focus_n = n;
		}
		line += n;
	}
	size_t h = fv->body_h > 0 ? (size_t)fv->body_h : 0;
	if (focus_line < fv->top)
		fv->top = focus_line;
	if (focus_line + focus_n > fv->top + h)
		fv->top = focus_line + focus_n > h ? focus_line + focus_n - h : 0;
	if (focus_n > h)
		fv->top = focus_line;
	/* never blank lines below the last field while the first ones are hidden
	   (after growing back from a tiny terminal) */
	if (fv->top + h > line)
		fv->top = line > h ? line - h : 0;
	line = 0;
	for (size_t i = 0; i < form->n; i++) {
		struct form_field *f = &form->fields[i];
		int focused = i == form->focus;
		size_t n = field_lines(f, focused, t->cols, lw);
		fv->field_y[i] = -1;
		int visible = 0;
		for (size_t k = 0; k < n && k < 31; k++)
			if (line + k >= fv->top && line + k < fv->top + h)
				visible |= 1 << k;
		if (visible != 0) {
			int fy = y + (int)line - (int)fv->top;
			if (visible & 1)
				fv->field_y[i] = fy;
			draw_field(fv, ui, f, fy, focused, visible);
		}
		line += n;
	}
	static const enum ui_action hints[] = {UA_NEXT_FIELD, UA_SUBMIT, UA_BACK};
	static const char *const labels[] = {"Next", "Submit", "Cancel"};
	if (t->rows >= 3)
		ui_draw_status(ui, hints, labels, 3, NULL);
}

static enum view_result
submit(struct form_view *fv, struct ui *ui)
{
	size_t failed = form_validate(fv->form);
	if (failed > 0) {
		for (size_t i = 0; i < fv->form->n; i++)
			if (fv->form->fields[i].error != NULL) {
				fv->form->focus = i;
				break;
			}
		ui_toast(ui, TOAST_ERROR, "%zu field%s need%s attention", failed,
			 failed == 1 ? "" : "s", failed == 1 ? "s" : "");
		return VIEW_REDRAW;
	}
	if (!fv->keep)
		ui_pop(ui); /* freed after this key: form and arg live until then */
	fv->submit(ui, fv->form, fv->arg);
	return VIEW_REDRAW;
}

static void
focus_step(struct form *form, int d)
{
	if (form->n == 0)
		return;
	form->focus = (form->focus + form->n + (size_t)(long)d) % form->n;
}

static enum view_result
form_key(struct view *v, struct ui *ui, const struct tkey *key, enum ui_action action)
{
	struct form_view *fv = (struct form_view *)v;
	struct form *form = fv->form;
	struct form_field *f = form->n > 0 ? &form->fields[form->focus] : NULL;
	if (key->kind == TK_MOUSE) {
		if (key->button != TM_LEFT || !key->press)
			return VIEW_HANDLED;
		for (size_t i = 0; i < form->n; i++)
			if (fv->field_y[i] == key->y) {
				form->focus = i;
				if (form->fields[i].type == FIELD_CHECKBOX && key->x > fv->label_w)
					form->fields[i].checked = !form->fields[i].checked;
				return VIEW_REDRAW;
			}
		return VIEW_HANDLED;
	}
	switch (action) {
	case UA_NEXT_FIELD:
		/* a path field completes first; tab moves on when there is nothing to complete */
		if (f != NULL && (f->type == FIELD_FILE || f->type == FIELD_DIRECTORY) &&
		    form_field_key(f, key))
			return VIEW_REDRAW;
		focus_step(form, 1);
		return VIEW_REDRAW;
	case UA_PREV_FIELD:
	case UA_UP:
		focus_step(form, -1);
		return VIEW_REDRAW;
	case UA_DOWN:
		focus_step(form, 1);
		return VIEW_REDRAW;
	case UA_RUN:
		if (form->n == 0 || form->focus + 1 == form->n)
			return submit(fv, ui);
		focus_step(form, 1);
		return VIEW_REDRAW;
	case UA_SUBMIT:
		return submit(fv, ui);
	case UA_BACK:
		ui_pop(ui);
		if (fv->cancel != NULL)
			fv->cancel(ui, fv->arg);
		return VIEW_REDRAW;
	default:
		break;
	}
	if (f != NULL && form_field_key(f, key))
		return VIEW_REDRAW;
	return VIEW_HANDLED;
}

static void
form_view_free(struct view *v)
{
	struct form_view *fv = (struct form_view *)v;
	if (fv->arg_free != NULL)
		fv->arg_free(fv->arg);
	form_free(fv->form);
	free(fv->field_y);
	free(fv);
}

static const struct view_ops form_ops = {
	.name = "form",
	.draw = form_draw,
	.key = form_key,
	.free = form_view_free,
};

struct view *
form_view_create(struct ui *ui, struct form *form, form_submit_fn submit_fn, void *arg,
		 form_free_fn arg_free)
{
	struct form_view *fv = xcalloc(1, sizeof *fv);
	(void)ui;
	fv->v.ops = &form_ops;
	fv->form = form;
	fv->submit = submit_fn;
	fv->arg = arg;
	fv->arg_free = arg_free;
	fv->field_y = xcalloc(form->n + 1, sizeof *fv->field_y);
	return &fv->v;
}

void
form_view_on_cancel(struct view *v, form_cancel_fn cancel)
{
	if (v->ops == &form_ops)
		((struct form_view *)v)->cancel = cancel;
}

void
form_view_keep_on_submit(struct view *v)
{
	if (v->ops == &form_ops)
		((struct form_view *)v)->keep = 1;
}
