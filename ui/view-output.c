/*
 * The output view: a view-mode command's output as it arrives (stdout and
 * stderr interleaved), scrollable, following the end until the user
 * scrolls up.  Esc or ctrl+c while it runs kills the command's process
 * group; once it is over, Esc goes back (and the launcher exits unless
 * it is kept open).  Terminal escape sequences in the output are dropped
 * and a carriage return starts its line over, so progress bars show
 * their last state.
 *
 * An http command's view says the response status in the title ("HTTP 404
 * Not Found", in the error colour from 400 on) and starts at the top: a
 * header block, collapsed to one line with the content type until the
 * detail key (ctrl+o) opens it, then the body (JSON pretty-printed by the
 * executor).  Only the response's headers are shown, never the request's.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "extension.h"
#include "http.h"
#include "strbuf.h"
#include "strv.h"
#include "trace.h"
#include "ui.h"
#include "utf8.h"
#include "xmalloc.h"

struct output_view {
	struct view v;
	struct exec_job *job;
	char *command_id;
	char *title;
	int mode;
	/*
	 * The transcript, cleaned and wrapped: complete lines are done once
	 * (done: the bytes they came from); the partial last line, and the
	 * failure line, are redone each frame into tail.
	 */
	struct strv lines;
	size_t done;
	int lines_width;
	struct strv tail;
	/* an http response's header block, rebuilt each frame; head.v[0] is its summary */
	struct strv head;
	int headers_open;
	int http_placed; /* the view went to the top once the response arrived */
	size_t top;
	int follow;
	int body_h;
	long long started;
	int cancel_asked;
};

/* Append s[0..len) to out as display lines of at most width columns. */
static void
wrap_into(struct strv *out, const char *s, size_t len, int width)
{
	size_t start = 0, cols = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		size_t w = (size_t)utf8_cp_width(cp);
		if (cols + w > (size_t)width && i > start) {
			strv_push_owned(out, xstrndup(s + start, i - start));
			start = i;
			cols = 0;
		}
		cols += w;
		i += n;
	}
	strv_push_owned(out, xstrndup(s + start, len - start));
}

/* Clean a transcript (escapes dropped, \r handled, tabs expanded) and wrap it. */
static void
build_lines(struct strv *out, const char *text, size_t len, int width)
{
	struct strbuf line = STRBUF_INIT;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)text[i];
		if (c == 0x1b) {
			/* CSI … final, OSC … BEL/ST, or ESC + one byte */
			if (i + 1 < len && text[i + 1] == '[') {
				i += 2;
				while (i < len && !((unsigned char)text[i] >= 0x40 &&
						    (unsigned char)text[i] <= 0x7e))
					i++;
			} else if (i + 1 < len && text[i + 1] == ']') {
				i += 2;
				while (i < len && text[i] != '\a' &&
				       !(text[i] == 0x1b && i + 1 < len && text[i + 1] == '\\'))
					i++;
				if (i < len && text[i] == 0x1b)
					i++;
			} else
				i++;
			continue;
		}
		if (c == '\n') {
			wrap_into(out, sb_str(&line), line.len, width);
			sb_truncate(&line, 0);
		} else if (c == '\r') {
			if (i + 1 < len && text[i + 1] != '\n')
				sb_truncate(&line, 0);
		} else if (c == '\t') {
			size_t w = utf8_width_n(sb_str(&line), line.len);
			do
				sb_addc(&line, ' ');
			while (++w % 8 != 0);
		} else if (c < 0x20 || c == 0x7f)
			continue;
		else
			sb_addc(&line, (char)c);
	}
	if (line.len > 0)
		wrap_into(out, sb_str(&line), line.len, width);
	sb_free(&line);
}

/* 1 when the job is an http request that got a response. */
static int
is_http_response(const struct exec_result *r)
{
	return r != NULL && r->finished && r->http_status != 0;
}

static const char *
state_text(struct output_view *ov, char *buf, size_t size)
{
	const struct exec_result *r = exec_job_result(ov->job);
	if (is_http_response(r) && !r->cancelled && !r->timed_out) {
		const char *reason = http_status_text(r->http_status);
		snprintf(buf, size, "HTTP %ld%s%s", r->http_status, reason != NULL ? " " : "",
			 reason != NULL ? reason : "");
	} else if (r == NULL || !r->finished) {
		long secs = (long)((trace_now_ns() - ov->started) / 1000000000LL);
		snprintf(buf, size, "running… %lds", secs);
	} else if (r->cancelled)
		snprintf(buf, size, "cancelled");
	else if (r->timed_out)
		snprintf(buf, size, "timed out");
	else if (r->error != NULL)
		snprintf(buf, size, "failed");
	else
		snprintf(buf, size, "exit %d", r->exit_status);
	return buf;
}

/* The header block of an http response, w columns wide, into ov->head. */
static void
build_head(struct output_view *ov, const struct exec_result *r, int w)
{
	strv_free(&ov->head);
	if (!is_http_response(r))
		return;
	struct strv headers = STRV_INIT;
	strv_split(&headers, r->http_headers != NULL ? r->http_headers : "", "\n");
	const char *ctype = NULL;
	for (size_t i = 0; i < headers.n; i++)
		if (strncmp(headers.v[i], "content-type:", 13) == 0)
			ctype = headers.v[i];
	char *summary;
	if (ov->headers_open || ctype == NULL)
		summary = xasprintf("%s Headers (%zu)", ov->headers_open ? "▾" : "▸", headers.n);
	else
		summary = xasprintf("▸ Headers (%zu)  %s", headers.n, ctype);
	wrap_into(&ov->head, summary, strlen(summary), w);
	free(summary);
	for (size_t i = 0; ov->headers_open && i < headers.n; i++) {
		char *line = xasprintf("  %s", headers.v[i]);
		build_lines(&ov->head, line, strlen(line), w);
		free(line);
	}
	strv_push(&ov->head, "");
	strv_free(&headers);
}

static void
output_draw(struct view *v, struct ui *ui)
{
	struct output_view *ov = (struct output_view *)v;
	struct tui *t = &ui->tui;
	char state[64];
	const struct exec_result *r = exec_job_result(ov->job);
	enum theme_role state_role =
		is_http_response(r) && r->http_status >= 400 ? TR_ERROR : TR_DIM;
	int y = ui_draw_title_role(ui, ov->title, state_text(ov, state, sizeof state), state_role);
	int bottom = t->rows >= 3 ? t->rows - 1 : t->rows;
	int w = t->cols - 2 > 0 ? t->cols - 2 : 1;
	size_t tlen = r != NULL ? r->transcript_len : 0;
	if (ov->lines_width != w) {
		strv_free(&ov->lines);
		ov->done = 0;
		ov->lines_width = w;
	}
	const char *text = r != NULL && r->transcript != NULL ? r->transcript : "";
	if (tlen < ov->done) {
		ov->done = 0; /* a transcript never shrinks; be safe */
		strv_free(&ov->lines);
	}
	size_t end = tlen;
	while (end > ov->done && text[end - 1] != '\n')
		end--;
	if (end > ov->done) {
		build_lines(&ov->lines, text + ov->done, end - ov->done, w);
		ov->done = end;
	}
	strv_free(&ov->tail);
	build_lines(&ov->tail, text + ov->done, tlen - ov->done, w);
	/* An http error's status is in the title already. */
	if (r != NULL && r->finished && r->error != NULL && !is_http_response(r))
		strv_push_owned(&ov->tail, xasprintf("chitty: %s", r->error));
	build_head(ov, r, w);
	if (is_http_response(r) && !ov->http_placed) {
		ov->http_placed = 1;
		ov->follow = 0;
		ov->top = 0;
	}
	size_t nh = ov->head.n, n = nh + ov->lines.n + ov->tail.n;
	ov->body_h = bottom - y;
	size_t h = ov->body_h > 0 ? (size_t)ov->body_h : 0;
	if (ov->follow || ov->top + h > n)
		ov->top = n > h ? n - h : 0;
	for (size_t i = 0; i < h && ov->top + i < n; i++) {
		size_t k = ov->top + i;
		const char *line;
		enum theme_role role = TR_NORMAL;
		if (k < nh) {
			line = ov->head.v[k];
			role = k == 0 ? TR_LABEL : TR_DIM;
		} else if (k - nh < ov->lines.n)
			line = ov->lines.v[k - nh];
		else
			line = ov->tail.v[k - nh - ov->lines.n];
		tui_puts(t, y + (int)i, 1, line, w, tui_attr(t, role));
	}
	if (n == nh && h > nh && r != NULL && r->finished)
		tui_puts(t, y + (int)nh, 1, nh > 0 ? "(empty body)" : "(no output)", w,
			 tui_attr(t, TR_DIM));
	int running = r != NULL && !r->finished;
	static const enum ui_action hints[] = {UA_BACK, UA_PAGE_UP, UA_DETAIL};
	const char *labels[] = {running ? "Cancel" : "Back", "Scroll",
				ov->headers_open ? "Hide Headers" : "Headers"};
	if (t->rows >= 3)
		ui_draw_status(ui, hints, labels, is_http_response(r) ? 3 : 2, NULL);
	ui->cursor_y = -1;
}

static void
scroll_by(struct output_view *ov, long d)
{
	long top = (long)ov->top + d;
	if (top < 0)
		top = 0;
	ov->top = (size_t)top;
	size_t h = ov->body_h > 0 ? (size_t)ov->body_h : 0;
	ov->follow = ov->top + h >= ov->head.n + ov->lines.n + ov->tail.n;
}

static enum view_result
output_key(struct view *v, struct ui *ui, const struct tkey *key, enum ui_action action)
{
	struct output_view *ov = (struct output_view *)v;
	const struct exec_result *r = exec_job_result(ov->job);
	int running = r != NULL && !r->finished;
	long page = ov->body_h > 1 ? ov->body_h - 1 : 1;
	if (key->kind == TK_MOUSE) {
		if (key->button == TM_WHEEL_UP)
			scroll_by(ov, -3);
		else if (key->button == TM_WHEEL_DOWN)
			scroll_by(ov, 3);
		return VIEW_REDRAW;
	}
	switch (action) {
	case UA_UP:
	case UA_PREVIEW_UP:
		scroll_by(ov, -1);
		return VIEW_REDRAW;
	case UA_DOWN:
	case UA_PREVIEW_DOWN:
		scroll_by(ov, 1);
		return VIEW_REDRAW;
	case UA_PAGE_UP:
	case UA_PREVIEW_PAGE_UP:
		scroll_by(ov, -page);
		return VIEW_REDRAW;
	case UA_PAGE_DOWN:
	case UA_PREVIEW_PAGE_DOWN:
		scroll_by(ov, page);
		return VIEW_REDRAW;
	case UA_FIRST:
		ov->top = 0;
		ov->follow = 0;
		return VIEW_REDRAW;
	case UA_LAST:
		ov->follow = 1;
		return VIEW_REDRAW;
	case UA_DETAIL:
		if (!is_http_response(r))
			return VIEW_HANDLED;
		ov->headers_open = !ov->headers_open;
		return VIEW_REDRAW;
	case UA_BACK:
	case UA_QUIT:
	case UA_RUN:
		if (running) {
			if (action == UA_RUN)
				return VIEW_HANDLED;
			exec_job_cancel(ov->job);
			ov->cancel_asked = 1;
			ui_toast(ui, TOAST_INFO, "Cancelled %s", ov->title);
			return VIEW_REDRAW;
		}
		if (action == UA_QUIT) {
			ui_quit(ui, 130, NULL);
			return VIEW_QUIT;
		}
		ui_pop(ui);
		if (r != NULL && !r->cancelled && !r->timed_out && r->error == NULL &&
		    r->exit_status == 0)
			ui_after_action(ui, NULL);
		return VIEW_REDRAW;
	default:
		return VIEW_HANDLED;
	}
}

static void
output_free(struct view *v)
{
	struct output_view *ov = (struct output_view *)v;
	exec_job_free(ov->job);
	free(ov->command_id);
	free(ov->title);
	strv_free(&ov->lines);
	strv_free(&ov->tail);
	strv_free(&ov->head);
	free(ov);
}

static const struct view_ops output_ops = {
	.name = "output",
	.draw = output_draw,
	.key = output_key,
	.free = output_free,
};

struct view *
output_view_create(struct ui *ui, struct exec_job *job, const char *command_id, const char *title,
		   int mode)
{
	struct output_view *ov = xcalloc(1, sizeof *ov);
	(void)ui;
	ov->v.ops = &output_ops;
	ov->job = job;
	ov->command_id = xstrdup(command_id);
	ov->title = xstrdup(title);
	ov->mode = mode;
	ov->follow = 1;
	ov->lines_width = -1;
	ov->started = trace_now_ns();
	return &ov->v;
}

struct exec_job *
output_view_job(struct view *v)
{
	return v->ops == &output_ops ? ((struct output_view *)v)->job : NULL;
}
