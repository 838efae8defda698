/*
 * Running what the user picked: an item's action, and for a command the
 * whole flow Raycast has: missing required preferences are asked for
 * first (once), then the arguments and {{inputs}}, then the command runs
 * by its mode:
 *
 *   view      the output view streams it; Esc/ctrl+c there kill it
 *   no-view   runs in the background; a toast says how it went
 *   silent    nothing is shown unless it fails
 *   template  the filled text goes to the clipboard (exec_copy)
 *
 * Every run is recorded in the history (frecency).  A failure keeps the
 * launcher open with an error toast (the stderr's last line and the
 * status); a success exits, like Raycast, unless --keep-open or the
 * config's keepOpen, printing the result's one line on the normal screen.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "catalog.h"
#include "extension.h"
#include "form.h"
#include "history.h"
#include "item.h"
#include "prefs.h"
#include "registry.h"
#include "searcher.h"
#include "strbuf.h"
#include "tools.h"
#include "ui.h"
#include "xmalloc.h"

/* One command run in progress through its forms. */
struct flow {
	char *item_id;
	char *command_id;
	char *title;
	int prefs_done;
};

static struct flow *
flow_create(const char *item_id, const char *command_id, const char *title)
{
	struct flow *f = xcalloc(1, sizeof *f);
	f->item_id = xstrdup(item_id);
	f->command_id = xstrdup(command_id);
	f->title = xstrdup(title);
	return f;
}

static struct flow *
flow_copy(const struct flow *f)
{
	struct flow *c = flow_create(f->item_id, f->command_id, f->title);
	c->prefs_done = f->prefs_done;
	return c;
}

static void
flow_free(void *arg)
{
	struct flow *f = arg;
	if (f == NULL)
		return;
	free(f->item_id);
	free(f->command_id);
	free(f->title);
	free(f);
}

static void
record_use(struct ui *ui, const char *id)
{
	char *cause = NULL;
	if (history_record(ui->hist, id, time(NULL), &cause) != 0) {
		ui_toast(ui, TOAST_ERROR, "history: %s", cause);
		free(cause);
	}
	ui->history_dirty = 1;
	searcher_history_changed(ui->search);
}

void
ui_after_action(struct ui *ui, const char *message)
{
	if (ui->keep_open) {
		if (message != NULL)
			ui_toast(ui, TOAST_INFO, "%s", message);
		return;
	}
	ui_quit(ui, 0, message);
}

static int
is_template(const struct ext_command *cmd)
{
	const struct tool *tool = tool_find(cmd->tool);
	return tool != NULL && tool->kind == TOOL_TEMPLATE;
}

/* A job that is over: say how it went, and exit after a success. */
static void
finish_job(struct ui *ui, struct exec_job *job, const char *title, int mode, int template)
{
	const struct exec_result *r = exec_job_result(job);
	int failed = r == NULL || r->error != NULL || r->timed_out || r->cancelled ||
		     r->exit_status != 0;
	if (failed) {
		/* the executor's one line: the status and the stderr's last line */
		if (r != NULL && r->cancelled)
			ui_toast(ui, TOAST_INFO, "%s: cancelled", title);
		else if (r != NULL && r->error != NULL)
			ui_toast(ui, TOAST_ERROR, "%s: %s", title, r->error);
		else
			ui_toast(ui, TOAST_ERROR, "%s: exit %d", title,
				 r != NULL ? r->exit_status : 1);
		exec_job_free(job);
		return;
	}
	char *message = NULL;
	if (template) {
		char *cause = NULL;
		if (exec_copy(r->out != NULL ? r->out : "", ui->config, &cause) != 0) {
			ui_toast(ui, TOAST_ERROR, "%s: %s", title, cause);
			free(cause);
			exec_job_free(job);
			return;
		}
		message = xstrdup("Copied to clipboard");
	} else if (mode != MODE_SILENT)
		message = xstrdup_or_null(r->message); /* the output's last line */
	exec_job_free(job);
	ui_after_action(ui, message);
	free(message);
}

void
ui_job_pump(struct ui *ui)
{
	if (ui->job == NULL || !exec_job_pump(ui->job))
		return;
	struct exec_job *job = ui->job;
	char *title = ui->job_title;
	ui->job = NULL;
	ui->job_title = NULL;
	free(ui->job_id);
	ui->job_id = NULL;
	finish_job(ui, job, title, ui->job_mode, 0);
	free(title);
}

static void
launch(struct ui *ui, const struct flow *flow, const struct ext_command *cmd,
       const struct exec_inputs *in)
{
	if (ui->job != NULL) {
		ui_toast(ui, TOAST_ERROR, "%s is still running", ui->job_title);
		return;
	}
	record_use(ui, flow->item_id);
	struct exec_options opt = {
		.config = ui->config,
		.io = EXEC_IO_CAPTURE,
		.terminal = &ui->term,
		.sdk = &ui->sdk,
	};
	char *cause = NULL;
	struct exec_job *job = exec_command(cmd, in, &opt, &cause);
	if (job == NULL) {
		ui_toast(ui, TOAST_ERROR, "%s: %s", flow->title, cause);
		free(cause);
		return;
	}
	const struct exec_result *r = exec_job_result(job);
	int done = r != NULL && r->finished;
	if (is_template(cmd)) {
		if (!done)
			exec_job_wait(job);
		finish_job(ui, job, flow->title, (int)cmd->mode, 1);
	} else if (cmd->mode == MODE_VIEW)
		ui_push(ui, output_view_create(ui, job, cmd->id, flow->title, (int)cmd->mode));
	else if (done)
		finish_job(ui, job, flow->title, (int)cmd->mode, 0);
	else {
		ui->job = job;
		ui->job_id = xstrdup(cmd->id);
		ui->job_title = xstrdup(flow->title);
		ui->job_mode = (int)cmd->mode;
		if (cmd->mode != MODE_SILENT)
			ui_toast(ui, TOAST_INFO, "Running %s…", flow->title);
	}
}

static void flow_continue(struct ui *ui, struct flow *flow);

static const struct ext_command *
flow_command(struct ui *ui, const struct flow *flow)
{
	const struct ext_command *cmd =
		ui->reg != NULL ? ext_registry_find_command(ui->reg, flow->command_id) : NULL;
	if (cmd == NULL)
		ui_toast(ui, TOAST_ERROR, "no command '%s'", flow->command_id);
	return cmd;
}

static void
prefs_submitted(struct ui *ui, struct form *form, void *arg)
{
	struct flow *flow = arg;
	const struct ext_command *cmd = flow_command(ui, flow);
	if (cmd == NULL)
		return;
	char *cause = NULL;
	if (form_save_preferences(form, cmd, &cause) != 0) {
		ui_toast(ui, TOAST_ERROR, "%s", cause);
		free(cause);
		return;
	}
	struct flow *next = flow_copy(flow); /* arg goes with the form view */
	next->prefs_done = 1;
	flow_continue(ui, next);
}

static void
inputs_submitted(struct ui *ui, struct form *form, void *arg)
{
	struct flow *flow = arg;
	const struct ext_command *cmd = flow_command(ui, flow);
	if (cmd == NULL)
		return;
	struct exec_inputs in = EXEC_INPUTS_INIT;
	form_fill_inputs(form, &in);
	launch(ui, flow, cmd, &in);
	exec_inputs_clear(&in);
}

/* Takes flow. */
static void
flow_continue(struct ui *ui, struct flow *flow)
{
	const struct ext_command *cmd = flow_command(ui, flow);
	if (cmd == NULL) {
		flow_free(flow);
		return;
	}
	if (cmd->disabled_reason != NULL) {
		ui_toast(ui, TOAST_ERROR, "%s: %s", flow->title, cmd->disabled_reason);
		flow_free(flow);
		return;
	}
	if (!flow->prefs_done) {
		struct strv missing = STRV_INIT;
		prefs_missing(cmd, &missing);
		size_t n = missing.n;
		strv_free(&missing);
		flow->prefs_done = 1;
		if (n > 0) {
			struct form *form = form_for_preferences(cmd);
			form->intro = xasprintf("%s needs %s first.", flow->title,
						n == 1 ? "a preference" : "some preferences");
			ui_push(ui, form_view_create(ui, form, prefs_submitted, flow, flow_free));
			return;
		}
	}
	struct form *form = form_for_inputs(cmd);
	if (form != NULL) {
		ui_push(ui, form_view_create(ui, form, inputs_submitted, flow, flow_free));
		return;
	}
	struct exec_inputs in = EXEC_INPUTS_INIT;
	launch(ui, flow, cmd, &in);
	exec_inputs_clear(&in);
	flow_free(flow);
}

/*
 * An action waiting for its input or its confirmation, found again by ids
 * afterwards (the catalog may have changed meanwhile).
 */
struct pending_action {
	char *item_id;
	char *action_id;
	char *input; /* the text an action with an input was given, or NULL */
};

static struct pending_action *
pending_create(const struct item *item, const struct action *action, const char *input)
{
	struct pending_action *p = xcalloc(1, sizeof *p);
	p->item_id = xstrdup(item->id);
	p->action_id = xstrdup(action->id);
	p->input = xstrdup_or_null(input);
	return p;
}

static void
pending_free(void *arg)
{
	struct pending_action *p = arg;
	free(p->item_id);
	free(p->action_id);
	free(p->input);
	free(p);
}

static const struct action *
pending_find(struct ui *ui, const struct pending_action *p, const struct item **item)
{
	*item = ui_find_item(ui, p->item_id);
	const struct action *a = *item != NULL ? item_find_action(*item, p->action_id) : NULL;
	if (a == NULL)
		ui_toast(ui, TOAST_ERROR, "'%s' is gone", p->item_id);
	return a;
}

static void run_now(struct ui *ui, const struct item *item, const struct action *action,
		    const char *input);

static void
confirmed(struct ui *ui, void *arg)
{
	struct pending_action *p = arg;
	const struct item *item;
	const struct action *a = pending_find(ui, p, &item);
	if (a != NULL)
		run_now(ui, item, a, p->input);
}

static void
ask_confirm(struct ui *ui, const struct item *item, const struct action *action, const char *input)
{
	char *q = xasprintf("%s: %s?", action->title, item->title);
	ui_push(ui, confirm_view_create(ui, q, confirmed, pending_create(item, action, input),
					pending_free));
	free(q);
}

static void
input_given(struct ui *ui, struct form *form, void *arg)
{
	struct pending_action *p = arg;
	const struct item *item;
	const struct action *a = pending_find(ui, p, &item);
	if (a == NULL)
		return;
	char *input = form_field_value(&form->fields[0]);
	if (a->confirm)
		ask_confirm(ui, item, a, input);
	else
		run_now(ui, item, a, input);
	free(input);
}

/* A form with one required text field: the action's input ("Comment"). */
static void
ask_input(struct ui *ui, const struct item *item, const struct action *action)
{
	struct form *form = form_create(action->title);
	form->intro = xstrdup(item->title);
	struct form_field *f = form_add(form, FIELD_TEXT, "input", action->input);
	f->required = 1;
	ui_push(ui, form_view_create(ui, form, input_given, pending_create(item, action, NULL),
				     pending_free));
}

static void
run_now(struct ui *ui, const struct item *item, const struct action *action, const char *input)
{
	if (action->kind == ACTION_RUN) {
		flow_continue(ui, flow_create(item->id, action->target, item->title));
		return;
	}
	record_use(ui, item->id);
	char *message = NULL, *cause = NULL;
	if (exec_item_action(item, action, input, ui->config, &message, &cause) != 0) {
		ui_toast(ui, TOAST_ERROR, "%s: %s", action->title, cause);
		free(cause);
		free(message);
		return;
	}
	ui_after_action(ui, message);
	free(message);
}

void
ui_run_action(struct ui *ui, const struct item *item, const struct action *action)
{
	if (item->disabled_reason != NULL && action->kind == ACTION_RUN) {
		ui_toast(ui, TOAST_ERROR, "%s: %s", item->title, item->disabled_reason);
		return;
	}
	if (action->kind == ACTION_REMOTE && action->input != NULL) {
		ask_input(ui, item, action);
		return;
	}
	if (action->confirm) {
		ask_confirm(ui, item, action, NULL);
		return;
	}
	run_now(ui, item, action, NULL);
}

const struct item *
ui_command_for_key(struct ui *ui, const struct tkey *key, const struct action **action)
{
	if (ui->cat == NULL || key->mods == 0)
		return NULL; /* a plain key is typing */
	for (size_t i = 0; i < ui->cat->n; i++) {
		const struct item *it = ui->cat->items[i];
		const struct action *run = it->n_actions > 0 ? &it->actions[0] : NULL;
		struct keyspec spec;
		if (run != NULL && run->kind == ACTION_RUN && run->shortcut != NULL &&
		    keyspec_parse(run->shortcut, &spec, NULL) == 0 && keyspec_matches(&spec, key)) {
			*action = run;
			return it;
		}
	}
	return NULL;
}

const struct action *
ui_action_for_key(const struct item *item, const struct tkey *key)
{
	for (size_t i = 0; i < item->n_actions; i++) {
		struct keyspec spec;
		if (item->actions[i].shortcut != NULL &&
		    keyspec_parse(item->actions[i].shortcut, &spec, NULL) == 0 &&
		    keyspec_matches(&spec, key))
			return &item->actions[i];
	}
	return NULL;
}
