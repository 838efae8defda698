/* The executor's side of the script SDK: requests in, answers out (exec-sdk.h). */
#include "build-config.h"

#include <poll.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "exec-proc.h"
#include "exec-sdk.h"
#include "extension.h"
#include "fileio.h"
#include "msg.h"
#include "paths.h"
#include "prefs.h"
#include "sdk.h"
#include "tools.h"
#include "xmalloc.h"

#define SDK_MODULE   "sdk/chitty.mjs"
#define SDK_DRAIN_MS 1000

int
tool_uses_sdk(const struct tool *tool)
{
	static const char *const names[] = {"ts", "kit", "js", "bun", "deno"};
	for (size_t i = 0; i < nitems(names); i++)
		if (strcmp(tool->name, names[i]) == 0)
			return 1;
	return 0;
}

char *
exec_sdk_module(char **cause)
{
	char *data = paths_data_dir();
	char *path = paths_join(data, SDK_MODULE);
	free(data);
	if (file_exists(path))
		return path;
	set_cause(cause, "chitty's script SDK is not installed (no %s)", path);
	free(path);
	return NULL;
}

struct sdk_link {
	struct sdk_channel *ch;
	const struct ext_command *cmd;
	const struct config *config;
	const struct exec_terminal *terminal;
	const struct exec_sdk_frontend *fe;
	struct proc *proc;
	long long *asked; /* ids of prompts the front end has not answered */
	size_t n_asked;
	int used;
	int closed_told;
};

struct sdk_link *
sdk_link_create(int fd, const struct ext_command *cmd, const struct exec_options *opt,
		struct proc *proc)
{
	struct sdk_link *l = xcalloc(1, sizeof *l);
	l->ch = sdk_channel_create(fd);
	l->cmd = cmd;
	l->config = opt->config;
	l->terminal = opt->terminal;
	l->fe = opt->sdk;
	l->proc = proc;
	return l;
}

void
sdk_link_free(struct sdk_link *l)
{
	if (l == NULL)
		return;
	sdk_channel_free(l->ch);
	free(l->asked);
	free(l);
}

int
sdk_link_pollfd(const struct sdk_link *l, struct pollfd *pfd)
{
	int fd = sdk_channel_fd(l->ch);
	if (fd < 0)
		return 0;
	*pfd = (struct pollfd){fd, POLLIN | (sdk_channel_wants_write(l->ch) ? POLLOUT : 0), 0};
	return 1;
}

int
sdk_link_used(const struct sdk_link *l)
{
	return l != NULL && l->used;
}

/* Forget a prompt's id; 1 when it was one the front end had. */
static int
forget(struct sdk_link *l, long long id)
{
	for (size_t i = 0; i < l->n_asked; i++)
		if (l->asked[i] == id) {
			l->asked[i] = l->asked[--l->n_asked];
			return 1;
		}
	return 0;
}

void
sdk_link_reply(struct sdk_link *l, long long id, const cJSON *value)
{
	if (l == NULL)
		return;
	forget(l, id);
	sdk_channel_send(l->ch, sdk_reply_line(id, value));
}

void
sdk_link_fail(struct sdk_link *l, long long id, const char *message)
{
	if (l == NULL)
		return;
	forget(l, id);
	sdk_channel_send(l->ch, sdk_error_line(id, message, 0));
}

static void
reply_string(struct sdk_link *l, long long id, const char *s)
{
	cJSON *v = s != NULL ? cJSON_CreateString(s) : NULL;
	sdk_link_reply(l, id, v);
	cJSON_Delete(v);
}

void
sdk_link_env(struct sdk_link *l, long long id, const char *name, const char *value)
{
	if (l == NULL)
		return;
	char *cause = NULL;
	if (l->cmd == NULL || l->cmd->ext == NULL) {
		sdk_link_fail(l, id, "env(): this command has no extension to store values in");
		return;
	}
	if (prefs_store(l->cmd, name, value, &cause) != 0) {
		/* the cause names the preference, never the value */
		sdk_link_fail(l, id, cause);
		free(cause);
		return;
	}
	reply_string(l, id, value);
}

static void
report(struct sdk_link *l, struct exec_job *job, const char *message)
{
	if (l->fe != NULL && l->fe->error != NULL)
		l->fe->error(l->fe->arg, job, message);
	else
		msg_error("%s", message);
}

void
sdk_link_refuse(struct sdk_link *l, struct exec_job *job, long long id, const char *message)
{
	if (l == NULL)
		return;
	forget(l, id);
	sdk_channel_send(l->ch, sdk_error_line(id, message, 1));
	report(l, job, message);
}

static int
blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t')
			return 0;
	return 1;
}

/* chitty takes its terminal back from a script that shares it, for a prompt or the editor. */
static void
take_terminal(struct sdk_link *l)
{
	if (l->proc != NULL)
		proc_terminal_take(l->proc);
}

static void
return_terminal(struct sdk_link *l)
{
	if (l->proc != NULL)
		proc_terminal_return(l->proc);
}

static void
ask(struct sdk_link *l, struct exec_job *job, const struct sdk_request *req)
{
	if (l->fe == NULL || l->fe->prompt == NULL) {
		char *why = xasprintf("%s() cannot ask anything here: there is no launcher "
				      "or terminal to ask on",
				      sdk_type_name(req->type));
		sdk_link_fail(l, req->id, why);
		free(why);
		return;
	}
	l->asked = xreallocarray(l->asked, l->n_asked + 1, sizeof *l->asked);
	l->asked[l->n_asked++] = req->id;
	take_terminal(l);
	l->fe->prompt(l->fe->arg, job, req);
	return_terminal(l);
}

static void
edit(struct sdk_link *l, const struct sdk_request *req)
{
	char *saved = NULL, *cause = NULL;
	take_terminal(l);
	int rc = exec_edit_text(req->text, l->terminal, &saved, &cause);
	return_terminal(l);
	if (rc != 0) {
		sdk_link_fail(l, req->id, cause);
		free(cause);
		return;
	}
	reply_string(l, req->id, saved);
	free(saved);
}

static void
dispatch(struct sdk_link *l, struct exec_job *job, const struct sdk_request *req, int ending)
{
	char *cause = NULL;
	l->used = 1;
	switch (req->type) {
	case SDK_OPEN:
		if (exec_open(req->text, l->config, &cause) == 0)
			sdk_link_reply(l, req->id, NULL);
		break;
	case SDK_COPY:
		if (exec_copy(req->text, l->config, &cause) == 0)
			sdk_link_reply(l, req->id, NULL);
		break;
	case SDK_NOTIFY:
		if (l->fe != NULL && l->fe->notify != NULL)
			l->fe->notify(l->fe->arg, job, req->text);
		else
			msg_info("%s", req->text);
		sdk_link_reply(l, req->id, NULL);
		break;
	case SDK_GET_PREFERENCE: {
		char *value = l->cmd != NULL ? prefs_get(l->cmd, req->text) : NULL;
		reply_string(l, req->id, value);
		free(value);
		break;
	}
	case SDK_ENV: {
		char *value = l->cmd != NULL ? prefs_get(l->cmd, req->text) : NULL;
		if (value != NULL)
			reply_string(l, req->id, value);
		else if (!ending)
			ask(l, job, req);
		free(value);
		break;
	}
	case SDK_EDITOR:
		if (!ending)
			edit(l, req);
		break;
	case SDK_ARG:
	case SDK_DIV:
		if (!ending)
			ask(l, job, req);
		break;
	}
	if (cause != NULL) {
		char *what = xasprintf("%s(): %s", sdk_type_name(req->type), cause);
		sdk_link_refuse(l, job, req->id, what);
		free(what);
		free(cause);
	}
}

static void
tell_closed(struct sdk_link *l, struct exec_job *job)
{
	l->n_asked = 0;
	if (!l->closed_told && l->fe != NULL && l->fe->closed != NULL)
		l->fe->closed(l->fe->arg, job);
	l->closed_told = 1;
}

static void
pump(struct sdk_link *l, struct exec_job *job, int ending)
{
	sdk_channel_flush(l->ch);
	for (;;) {
		const char *line;
		size_t len;
		enum sdk_read r = sdk_channel_read(l->ch, &line, &len);
		if (r == SDK_READ_NONE)
			return;
		if (r == SDK_READ_TOO_LONG)
			report(l, job,
			       "script SDK: protocol error: a message over 16 MiB; the channel is "
			       "closed");
		if (r != SDK_READ_LINE) {
			tell_closed(l, job);
			return;
		}
		if (len > 0 && line[len - 1] == '\r')
			len--;
		if (blank(line, len))
			continue;
		struct sdk_request req;
		long long id;
		char *cause = NULL;
		if (sdk_parse_request(line, len, &req, &id, &cause) != 0) {
			char *what = xasprintf("protocol error: %s", cause);
			sdk_channel_send(l->ch, sdk_error_line(id, what, 1));
			char *shown = xasprintf("script SDK: %s", what);
			report(l, job, shown);
			free(shown);
			free(what);
			free(cause);
			continue;
		}
		dispatch(l, job, &req, ending);
		sdk_request_clear(&req);
	}
}

void
sdk_link_pump(struct sdk_link *l, struct exec_job *job)
{
	if (l != NULL && sdk_channel_fd(l->ch) >= 0)
		pump(l, job, 0);
}

void
sdk_link_end(struct sdk_link *l, struct exec_job *job)
{
	if (l == NULL)
		return;
	if (sdk_channel_fd(l->ch) >= 0) {
		pump(l, job, 1);
		/* a process the script left running may still read its answers */
		sdk_channel_drain(l->ch, sdk_channel_wants_write(l->ch) ? SDK_DRAIN_MS : 0);
	}
	sdk_channel_close(l->ch);
	tell_closed(l, job);
}
