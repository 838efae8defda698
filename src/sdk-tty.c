/*
 * The script SDK's prompts without the launcher (sdk-tty.h): on the
 * terminal, in its normal line mode.
 *
 *   arg with choices  a numbered list (the best SDK_TTY_SHOWN); a number
 *                     chooses, other text filters with the launcher's
 *                     ranking (choices.h), an empty line takes the first
 *   arg without       one line read
 *   div               the content rendered as text; Enter goes on
 *   env               one line, not echoed for a secret; stored
 *   notify            a line on stderr
 *
 * Prompts are written to stderr and answers read from stdin; when stdin is
 * not a terminal a prompt fails with an error the script sees.  End of
 * input or ^C at a prompt cancels the script.
 */
#include "build-config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "choices.h"
#include "exec.h"
#include "html.h"
#include "markdown.h"
#include "msg.h"
#include "sdk-tty.h"
#include "sdk.h"
#include "strbuf.h"
#include "utf8.h"
#include "xmalloc.h"

#define SDK_TTY_SHOWN 20

enum line_result { LINE_OK, LINE_END };

/* One line from stdin (without its '\n'); LINE_END at end of input or a signal. */
static enum line_result
read_line(struct strbuf *sb)
{
	sb_truncate(sb, 0);
	for (;;) {
		char ch;
		ssize_t n = read(STDIN_FILENO, &ch, 1);
		if (n == 1) {
			if (ch == '\n')
				return LINE_OK;
			sb_addc(sb, ch);
			continue;
		}
		/* a signal (^C) interrupts the read: the caller cancels */
		return LINE_END;
	}
}

static int
term_cols(void)
{
	struct winsize ws;
	if (ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 10)
		return ws.ws_col;
	return 80;
}

/* s clipped to width columns, control characters shown as '?'; a new string. */
static char *
shown(const char *s, size_t width)
{
	char *clean = xstrdup(s != NULL ? s : "");
	for (unsigned char *p = (unsigned char *)clean; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			*p = ' ';
	char *clipped = utf8_clip(clean, width, NULL);
	free(clean);
	return clipped;
}

static void
cancel(struct exec_job *job, long long id)
{
	fputc('\n', stderr);
	exec_job_sdk_fail(job, id, "cancelled");
	exec_job_cancel(job);
}

static void
reply_text(struct exec_job *job, long long id, const char *key, const char *text)
{
	cJSON *v = cJSON_CreateObject();
	cJSON_AddStringToObject(v, key, text);
	exec_job_sdk_reply(job, id, v);
	cJSON_Delete(v);
}

static void
reply_index(struct exec_job *job, long long id, size_t index)
{
	cJSON *v = cJSON_CreateObject();
	cJSON_AddNumberToObject(v, "index", (double)index);
	exec_job_sdk_reply(job, id, v);
	cJSON_Delete(v);
}

static void
print_list(const struct sdk_request *req, const size_t *order, size_t n)
{
	size_t width = (size_t)term_cols();
	size_t shown_n = n < SDK_TTY_SHOWN ? n : SDK_TTY_SHOWN;
	for (size_t i = 0; i < shown_n; i++) {
		const struct sdk_choice *c = &req->choices[order[i]];
		char *name = shown(c->name, width > 12 ? width - 6 : 6);
		size_t used = utf8_width(name) + 6;
		fprintf(stderr, "%4zu) %s", i + 1, name);
		if (c->description != NULL && *c->description != '\0' && used + 4 < width) {
			char *desc = shown(c->description, width - used - 2);
			fprintf(stderr, "  %s", desc);
			free(desc);
		}
		fputc('\n', stderr);
		free(name);
	}
	if (n > shown_n)
		fprintf(stderr, "      … %zu more: type to narrow them down\n", n - shown_n);
	if (n == 0)
		fprintf(stderr, "      (no match)\n");
}

/* A whole number from 1 to n in line, or 0. */
static size_t
number_in(const char *line, size_t n)
{
	char *end;
	if (*line < '0' || *line > '9')
		return 0;
	unsigned long v = strtoul(line, &end, 10);
	while (*end == ' ')
		end++;
	return *end == '\0' && v >= 1 && v <= n ? (size_t)v : 0;
}

static void
ask_choice(struct exec_job *job, const struct sdk_request *req)
{
	struct choice_index *ix = choice_index_create(req->choices, req->n_choices);
	size_t *order = NULL;
	size_t n = choice_rank(ix, "", &order);
	struct strbuf line = STRBUF_INIT;
	char *title = shown(*req->text != '\0' ? req->text : "Choose", (size_t)term_cols());
	fprintf(stderr, "%s\n", title);
	if (req->hint != NULL)
		fprintf(stderr, "%s\n", req->hint);
	print_list(req, order, n);
	for (;;) {
		fprintf(stderr, "> ");
		fflush(stderr);
		if (read_line(&line) != LINE_OK) {
			cancel(job, req->id);
			break;
		}
		const char *text = sb_str(&line);
		size_t shown_n = n < SDK_TTY_SHOWN ? n : SDK_TTY_SHOWN;
		size_t pick = number_in(text, shown_n);
		if (pick > 0) {
			reply_index(job, req->id, order[pick - 1]);
			break;
		}
		if (*text == '\0' && n > 0) {
			reply_index(job, req->id, order[0]);
			break;
		}
		free(order);
		order = NULL;
		n = choice_rank(ix, text, &order);
		if (n == 0 && !req->strict && *text != '\0') {
			reply_text(job, req->id, "text", text);
			break;
		}
		print_list(req, order, n);
	}
	free(title);
	free(order);
	sb_free(&line);
	choice_index_free(ix);
}

static void
ask_line(struct exec_job *job, const struct sdk_request *req, const char *label, int secret)
{
	struct termios saved;
	int echo_off = secret && tcgetattr(STDIN_FILENO, &saved) == 0;
	if (echo_off) {
		struct termios quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		quiet.c_lflag |= ECHONL;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	char *shown_label = shown(label, (size_t)term_cols());
	if (req->hint != NULL)
		fprintf(stderr, "%s\n", req->hint);
	fprintf(stderr, "%s: ", shown_label);
	fflush(stderr);
	free(shown_label);
	struct strbuf line = STRBUF_INIT;
	enum line_result r = read_line(&line);
	if (echo_off)
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
	if (r != LINE_OK)
		cancel(job, req->id);
	else if (!utf8_valid(sb_str(&line), line.len))
		exec_job_sdk_fail(job, req->id, "the answer is not valid UTF-8");
	else if (req->type == SDK_ENV)
		exec_job_sdk_env(job, req->id, req->text, sb_str(&line));
	else
		reply_text(job, req->id, "text", sb_str(&line));
	sb_free(&line);
}

static void
show_div(struct exec_job *job, const struct sdk_request *req, int interactive)
{
	char *md = html_or_markdown(req->text);
	struct md_doc *doc = md_render(md, strlen(md), (size_t)term_cols());
	char *text = md_doc_text(doc);
	fputs(text, stderr);
	free(text);
	md_doc_free(doc);
	free(md);
	if (interactive) {
		fprintf(stderr, "(Enter to go on) ");
		fflush(stderr);
		struct strbuf line = STRBUF_INIT;
		enum line_result r = read_line(&line);
		sb_free(&line);
		if (r != LINE_OK) {
			cancel(job, req->id);
			return;
		}
	}
	exec_job_sdk_reply(job, req->id, NULL);
}

static void
tty_prompt(void *arg, struct exec_job *job, const struct sdk_request *req)
{
	(void)arg;
	int interactive = isatty(STDIN_FILENO);
	if (req->type == SDK_DIV) {
		show_div(job, req, interactive);
		return;
	}
	if (!interactive) {
		char *why = xasprintf("%s() needs a terminal to ask on, and stdin is not one (run "
				      "the command in the launcher, or with a terminal)",
				      sdk_type_name(req->type));
		exec_job_sdk_refuse(job, req->id, why);
		free(why);
		return;
	}
	if (req->type == SDK_ARG && req->has_choices)
		ask_choice(job, req);
	else if (req->type == SDK_ARG)
		ask_line(job, req, *req->text != '\0' ? req->text : "Answer", 0);
	else if (req->type == SDK_ENV)
		ask_line(job, req, req->text, req->secret);
	else
		exec_job_sdk_fail(job, req->id, "not a prompt");
}

static void
tty_notify(void *arg, struct exec_job *job, const char *text)
{
	(void)arg, (void)job;
	char *line = shown(text, 1000);
	fprintf(stderr, "%s\n", line);
	free(line);
}

static void
tty_error(void *arg, struct exec_job *job, const char *message)
{
	(void)arg;
	msg_error("%s: %s", exec_job_title(job), message);
}

const struct exec_sdk_frontend *
sdk_tty_frontend(void)
{
	static const struct exec_sdk_frontend fe = {
		.prompt = tty_prompt,
		.notify = tty_notify,
		.error = tty_error,
	};
	return &fe;
}
