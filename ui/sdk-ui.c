/*
 * The launcher's front end of the script SDK (exec.h's exec_sdk_frontend):
 * a script's arg() becomes a prompt view, div() the detail view of its
 * text, env() a one-field form, notify() a toast.
 *
 * Prompts wait in ui->prompts, oldest first; a job shows one at a time
 * (a script that asks twice without waiting gets its questions in turn).
 * Views know their prompt only by (job, request id): every answer goes
 * through ui_sdk_reply and friends, which do nothing once the prompt is
 * gone, so a view outliving its script (closed while it showed) never
 * touches a freed job.  When a script ends or closes its channel, its
 * prompts and their views go.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "exec.h"
#include "form.h"
#include "html.h"
#include "sdk.h"
#include "ui.h"
#include "xmalloc.h"

struct ui_prompt {
	struct exec_job *job;
	struct sdk_request req;
	struct view *view; /* shown, or NULL */
	int cancelled;     /* the user left it: the script is being stopped */
	struct ui_prompt *next;
};

/* What a view needs to answer: which prompt. */
struct prompt_ref {
	struct exec_job *job;
	long long id;
	char *name; /* env: the name */
};

static struct prompt_ref *
ref_create(struct exec_job *job, const struct sdk_request *req)
{
	struct prompt_ref *r = xcalloc(1, sizeof *r);
	r->job = job;
	r->id = req->id;
	r->name = xstrdup(req->text);
	return r;
}

static void
ref_free(void *arg)
{
	struct prompt_ref *r = arg;
	if (r == NULL)
		return;
	free(r->name);
	free(r);
}

static struct ui_prompt *
find(struct ui *ui, struct exec_job *job, long long id)
{
	for (struct ui_prompt *p = ui->prompts; p != NULL; p = p->next)
		if (p->job == job && p->req.id == id)
			return p;
	return NULL;
}

static void
unlink_prompt(struct ui *ui, struct ui_prompt *gone)
{
	for (struct ui_prompt **pp = &ui->prompts; *pp != NULL; pp = &(*pp)->next)
		if (*pp == gone) {
			*pp = gone->next;
			break;
		}
	sdk_request_clear(&gone->req);
	free(gone);
}

static void
arg_answered(struct ui *ui, const cJSON *value, void *arg)
{
	struct prompt_ref *r = arg;
	ui_sdk_reply(ui, r->job, r->id, value);
}

static void
div_dismissed(struct ui *ui, void *arg)
{
	struct prompt_ref *r = arg;
	ui_sdk_reply(ui, r->job, r->id, NULL);
}

static void
env_submitted(struct ui *ui, struct form *form, void *arg)
{
	struct prompt_ref *r = arg;
	char *value = form->n > 0 ? form_field_value(&form->fields[0]) : NULL;
	ui_sdk_env(ui, r->job, r->id, r->name, value != NULL ? value : "");
	free(value);
}

static void
ref_cancelled(struct ui *ui, void *arg)
{
	struct prompt_ref *r = arg;
	ui_sdk_cancel(ui, r->job, r->id);
}

static struct view *
env_view(struct ui *ui, struct ui_prompt *p)
{
	const struct sdk_request *req = &p->req;
	struct form *form = form_create(exec_job_title(p->job));
	form->intro = xasprintf("%s needs %s (asked once, then kept with its preferences).",
				exec_job_title(p->job), req->text);
	struct form_field *f =
		form_add(form, req->secret ? FIELD_PASSWORD : FIELD_TEXT, req->text, req->text);
	f->required = 1;
	if (req->hint != NULL)
		f->placeholder = xstrdup(req->hint);
	struct view *v =
		form_view_create(ui, form, env_submitted, ref_create(p->job, req), ref_free);
	form_view_on_cancel(v, ref_cancelled);
	return v;
}

/* Show the oldest waiting prompt of job, unless one of its prompts is shown. */
static void
show_next(struct ui *ui, struct exec_job *job)
{
	struct ui_prompt *first = NULL;
	for (struct ui_prompt *p = ui->prompts; p != NULL; p = p->next) {
		if (p->job != job)
			continue;
		if (p->view != NULL || p->cancelled)
			return;
		if (first == NULL)
			first = p;
	}
	if (first == NULL)
		return;
	struct view *v = NULL;
	switch (first->req.type) {
	case SDK_ARG:
		v = prompt_view_create(ui, exec_job_title(job), &first->req, arg_answered,
				       ref_cancelled, ref_create(job, &first->req), ref_free);
		break;
	case SDK_DIV: {
		char *md = html_or_markdown(first->req.text);
		v = detail_view_create_text(ui, exec_job_title(job), md, div_dismissed,
					    ref_create(job, &first->req), ref_free);
		free(md);
		break;
	}
	case SDK_ENV:
		v = env_view(ui, first);
		break;
	default:
		exec_job_sdk_fail(job, first->req.id, "not a prompt");
		unlink_prompt(ui, first);
		return;
	}
	first->view = v;
	ui_push(ui, v);
	ui->need_redraw = 1;
}

/* A prompt is answered: its view is already gone (it popped itself). */
static void
answered(struct ui *ui, struct ui_prompt *p)
{
	struct exec_job *job = p->job;
	unlink_prompt(ui, p);
	show_next(ui, job);
}

void
ui_sdk_reply(struct ui *ui, struct exec_job *job, long long id, const cJSON *value)
{
	struct ui_prompt *p = find(ui, job, id);
	if (p == NULL)
		return;
	exec_job_sdk_reply(job, id, value);
	answered(ui, p);
}

void
ui_sdk_env(struct ui *ui, struct exec_job *job, long long id, const char *name, const char *value)
{
	struct ui_prompt *p = find(ui, job, id);
	if (p == NULL)
		return;
	exec_job_sdk_env(job, id, name, value);
	answered(ui, p);
}

void
ui_sdk_cancel(struct ui *ui, struct exec_job *job, long long id)
{
	struct ui_prompt *p = find(ui, job, id);
	if (p == NULL)
		return;
	p->view = NULL; /* it popped itself */
	p->cancelled = 1;
	ui_toast(ui, TOAST_INFO, "Cancelled %s", exec_job_title(job));
	exec_job_cancel(job); /* its prompts go when it has ended */
}

/* The front end */

static void
fe_prompt(void *arg, struct exec_job *job, const struct sdk_request *req)
{
	struct ui *ui = arg;
	struct ui_prompt *p = xcalloc(1, sizeof *p);
	p->job = job;
	sdk_request_copy(&p->req, req);
	struct ui_prompt **tail = &ui->prompts;
	while (*tail != NULL)
		tail = &(*tail)->next;
	*tail = p;
	show_next(ui, job);
}

static void
fe_notify(void *arg, struct exec_job *job, const char *text)
{
	(void)job;
	ui_toast(arg, TOAST_INFO, "%s", text);
	((struct ui *)arg)->need_redraw = 1;
}

static void
fe_closed(void *arg, struct exec_job *job)
{
	struct ui *ui = arg;
	struct ui_prompt **pp = &ui->prompts;
	int was_asking = 0;
	while (*pp != NULL) {
		struct ui_prompt *p = *pp;
		if (p->job != job) {
			pp = &p->next;
			continue;
		}
		if (p->view != NULL) {
			ui_remove(ui, p->view);
			was_asking = 1;
		}
		*pp = p->next;
		sdk_request_clear(&p->req);
		free(p);
	}
	const struct exec_result *r = exec_job_result(job);
	if (was_asking && (r == NULL || !r->cancelled))
		ui_toast(ui, TOAST_ERROR, "%s stopped while asking%s%s", exec_job_title(job),
			 r != NULL && r->error != NULL ? ": " : "",
			 r != NULL && r->error != NULL ? r->error : "");
	ui->need_redraw = 1;
}

static void
fe_error(void *arg, struct exec_job *job, const char *message)
{
	ui_toast(arg, TOAST_ERROR, "%s: %s", exec_job_title(job), message);
	((struct ui *)arg)->need_redraw = 1;
}

void
ui_sdk_init(struct ui *ui)
{
	ui->sdk = (struct exec_sdk_frontend){
		.prompt = fe_prompt,
		.notify = fe_notify,
		.closed = fe_closed,
		.error = fe_error,
		.arg = ui,
	};
}

void
ui_sdk_free(struct ui *ui)
{
	while (ui->prompts != NULL)
		unlink_prompt(ui, ui->prompts);
}
