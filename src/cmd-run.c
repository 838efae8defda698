/*
 * chitty run: run an extension command without the launcher.
 *
 * Without --json the command shares chitty's terminal (its stdin, stdout
 * and stderr) and chitty exits with its status; with --json its output is
 * captured and printed as {"id","exit","stdout","stderr"}.  Exit statuses:
 * the command's own (128+N after signal N), 124 when the timeout killed
 * it, 1 when it could not start, 2 for usage errors (a missing or unknown
 * input, a value that is not UTF-8 or holds a NUL byte).
 */
#include "build-config.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "config.h"
#include "exec.h"
#include "extension.h"
#include "history.h"
#include "jsonutil.h"
#include "msg.h"
#include "registry.h"
#include "sdk-tty.h"
#include "strbuf.h"
#include "strv.h"
#include "suggest.h"
#include "tools.h"
#include "utf8.h"

#define RUN_TIMED_OUT 124
#define RUN_MAX_STDIN (1u << 20)

static const struct cmd_option run_options[] = {
	{"arg", 'a', ARG_REQUIRED, "NAME=VALUE",
	 "give the input NAME (repeatable; VALUE - reads it from stdin)"},
	{"flag", 'f', ARG_REQUIRED, "NAME", "set the conditional flag NAME (repeatable)"},
	{"json", 'j', ARG_NONE, NULL, "print {id, exit, stdout, stderr} as JSON"},
	{"timeout", 't', ARG_REQUIRED, "SECONDS", "kill the command after SECONDS"},
	{NULL, 0, 0, NULL, NULL},
};

static volatile sig_atomic_t run_signal;

static void
on_signal(int sig)
{
	run_signal = sig;
}

/* The command with this id, or an error (with the nearest id) and NULL. */
static struct ext_command *
find_command(const struct ext_registry *reg, const char *id)
{
	struct ext_command *cmd = ext_registry_find_command(reg, id);
	if (cmd != NULL)
		return cmd;
	struct strv ids = STRV_INIT;
	for (size_t i = 0; i < reg->n; i++)
		for (size_t j = 0; j < reg->exts[i]->n_commands; j++)
			strv_push(&ids, reg->exts[i]->commands[j]->id);
	const char *near = suggest_nearest(id, (const char *const *)ids.v, ids.n);
	if (near != NULL)
		msg_error("no command '%s' (did you mean '%s'?)", id, near);
	else
		msg_error("no command '%s' (see 'chitty ext list'; an id is EXTENSION/COMMAND)",
			  id);
	strv_free(&ids);
	return NULL;
}

/* "a, b, c" (or "none") for messages. */
static char *
names_list(const struct strv *names)
{
	return names->n > 0 ? strv_join(names, ", ") : xstrdup("none");
}

static int
takes_input(const struct ext_command *cmd, const char *name)
{
	if (strv_contains(&cmd->inputs, name))
		return 1;
	for (size_t i = 0; i < cmd->n_arguments; i++)
		if (strcmp(cmd->arguments[i].name, name) == 0)
			return 1;
	return 0;
}

/* All of stdin (one final line break dropped): the value of --arg NAME=-. */
static char *
read_stdin(size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	char buf[8192];
	ssize_t n;
	while (sb.len < RUN_MAX_STDIN &&
	       ((n = read(STDIN_FILENO, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR)))
		if (n > 0)
			sb_addn(&sb, buf, (size_t)n);
	if (sb.len > 0 && sb.s[sb.len - 1] == '\n')
		sb_truncate(&sb, sb.len - 1);
	*len = sb.len;
	return sb_detach(&sb);
}

/* --arg, --flag and the arguments into in; an exit status (2) on a usage error, else 0. */
static int
collect_inputs(const struct cmd_entry *self, struct args *args, const struct ext_command *cmd,
	       struct exec_inputs *in)
{
	struct strv given = STRV_INIT;
	args_get_all(args, "arg", &given);
	int rc = 0;
	for (size_t i = 0; i < given.n && rc == 0; i++) {
		char *eq = strchr(given.v[i], '=');
		if (eq == NULL || eq == given.v[i]) {
			rc = cmd_usage_error(self, "chitty run", "--arg wants NAME=VALUE, not '%s'",
					     given.v[i]);
			break;
		}
		*eq = '\0';
		const char *name = given.v[i], *value = eq + 1;
		if (!takes_input(cmd, name)) {
			char *list = names_list(&cmd->inputs);
			msg_error("%s has no input '%s' (its inputs: %s)", cmd->id, name, list);
			free(list);
			rc = EXIT_USAGE;
			break;
		}
		size_t len = strlen(value);
		char *from_stdin = strcmp(value, "-") == 0 ? read_stdin(&len) : NULL;
		char *cause = NULL;
		if (exec_inputs_set_n(in, name, from_stdin != NULL ? from_stdin : value, len,
				      &cause) != 0) {
			msg_error("%s", cause);
			free(cause);
			rc = EXIT_USAGE;
		}
		free(from_stdin);
	}
	strv_free(&given);
	struct strv flags = STRV_INIT;
	args_get_all(args, "flag", &flags);
	for (size_t i = 0; i < flags.n && rc == 0; i++) {
		if (!strv_contains(&cmd->flags, flags.v[i])) {
			char *list = names_list(&cmd->flags);
			msg_error("%s has no flag '%s' (its flags: %s)", cmd->id, flags.v[i], list);
			free(list);
			rc = EXIT_USAGE;
		} else
			strv_push(&in->flags, flags.v[i]);
	}
	strv_free(&flags);
	for (int i = 1; i < args->argc && rc == 0; i++) {
		if (!utf8_valid(args->argv[i], strlen(args->argv[i]))) {
			msg_error("argument %d is not valid UTF-8", i);
			rc = EXIT_USAGE;
		} else
			strv_push(&in->args, args->argv[i]);
	}
	if (rc != 0)
		return rc;
	struct strv missing = STRV_INIT;
	exec_missing_inputs(cmd, in, &missing);
	for (size_t i = 0; i < missing.n; i++)
		msg_error("missing input '%s' (give it with --arg %s=VALUE)", missing.v[i],
			  missing.v[i]);
	rc = missing.n > 0 ? EXIT_USAGE : 0;
	strv_free(&missing);
	return rc;
}

/* text[0..len) as a JSON string value, invalid UTF-8 replaced by U+FFFD. */
static cJSON *
json_text(const char *text, size_t len)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && !(n == 3 && memcmp(text + i, "\xef\xbf\xbd", 3) == 0))
			sb_add(&sb, "\xef\xbf\xbd");
		else if (text[i] == '\0')
			sb_add(&sb, "\xef\xbf\xbd"); /* cJSON strings end at NUL */
		else
			sb_addn(&sb, text + i, n);
		i += n;
	}
	cJSON *s = cJSON_CreateString(sb_str(&sb));
	sb_free(&sb);
	return s;
}

static void
print_json(const struct ext_command *cmd, const struct exec_result *r, int status)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", cmd->id);
	cJSON_AddNumberToObject(o, "exit", status);
	cJSON_AddItemToObject(o, "stdout", json_text(r->out, r->out_len));
	cJSON_AddItemToObject(o, "stderr", json_text(r->err, r->err_len));
	if (r->http_status != 0)
		cJSON_AddNumberToObject(o, "http_status", (double)r->http_status);
	if (r->error != NULL)
		cJSON_AddStringToObject(o, "error", r->error);
	json_print(stdout, o);
	cJSON_Delete(o);
}

/* Pump the job until it ends; a signal to chitty cancels it. */
static void
wait_job(struct exec_job *job)
{
	struct sigaction sa, old_int, old_term, old_hup;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, &old_int);
	sigaction(SIGTERM, &sa, &old_term);
	sigaction(SIGHUP, &sa, &old_hup);
	int cancelled = 0;
	while (!exec_job_pump(job)) {
		if (run_signal != 0 && !cancelled) {
			exec_job_cancel(job);
			cancelled = 1;
			continue;
		}
		struct pollfd fds[4];
		int n = exec_job_pollfds(job, fds, 4);
		long timeout = exec_job_timeout_ms(job);
		if (timeout < 0 || timeout > 250)
			timeout = 250;
		poll(fds, (nfds_t)n, (int)timeout);
	}
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGTERM, &old_term, NULL);
	sigaction(SIGHUP, &old_hup, NULL);
}

static void
record_launch(const char *id)
{
	char *cause = NULL;
	struct history *h = history_load(NULL, &cause);
	free(cause), cause = NULL;
	if (history_record(h, id, time(NULL), &cause) != 0) {
		msg_warn("%s", cause);
		free(cause);
	}
	history_free(h);
}

static int
run_exec(const struct cmd_entry *self, struct args *args)
{
	char *cause = NULL;
	struct config *config = config_load(NULL, &cause);
	if (config == NULL) {
		msg_warn("%s", cause);
		free(cause), cause = NULL;
	}
	struct ext_registry *reg = ext_registry_load(config);
	struct exec_inputs in = EXEC_INPUTS_INIT;
	struct exec_job *job = NULL;
	int rc = 1;
	struct ext_command *cmd = find_command(reg, args->argv[0]);
	if (cmd == NULL)
		goto out;
	if (!cmd->ext->enabled || !cmd->enabled) {
		msg_error("%s is disabled (enable it with 'chitty ext enable %s')", cmd->id,
			  cmd->ext->enabled ? cmd->id : cmd->ext->name);
		goto out;
	}
	struct exec_options opt = {
		.config = config,
		.io = args_has(args, "json") ? EXEC_IO_CAPTURE : EXEC_IO_INHERIT,
		.sdk = sdk_tty_frontend(),
	};
	const char *timeout = args_get(args, "timeout");
	if (timeout != NULL) {
		char *end;
		double secs = strtod(timeout, &end);
		if (*end != '\0' || end == timeout || !(secs > 0) || secs > 86400 * 365) {
			rc = cmd_usage_error(self, "chitty run",
					     "--timeout wants a number of seconds, not '%s'",
					     timeout);
			goto out;
		}
		opt.timeout_ms = (long)(secs * 1000);
		if (opt.timeout_ms == 0)
			opt.timeout_ms = 1;
	}
	if ((rc = collect_inputs(self, args, cmd, &in)) != 0)
		goto out;
	rc = 1;
	record_launch(cmd->id);
	fflush(stdout);
	job = exec_command(cmd, &in, &opt, &cause);
	if (job == NULL) {
		msg_error("%s", cause);
		free(cause);
		goto out;
	}
	wait_job(job);
	const struct exec_result *r = exec_job_result(job);
	const struct tool *tool = tool_find(cmd->tool);
	int process = tool != NULL && tool_runs_program(tool);
	rc = r->timed_out ? RUN_TIMED_OUT : r->exit_status;
	if (run_signal != 0 && r->cancelled)
		rc = 128 + run_signal;
	else if (r->cancelled)
		rc = 130; /* a prompt was left with end of input */
	if (opt.io == EXEC_IO_CAPTURE) {
		print_json(cmd, r, rc);
	} else {
		/* A process already wrote to the terminal; built-ins print their text. */
		if (!process && r->out_len > 0 && tool != NULL && tool->kind != TOOL_COPY) {
			fwrite(r->out, 1, r->out_len, stdout);
			if (tool->kind != TOOL_HTTP && r->out[r->out_len - 1] != '\n')
				putchar('\n');
		}
		if (r->error != NULL && (!process || r->timed_out))
			msg_error("%s: %s", cmd->id, r->error);
	}
	fflush(stdout);
out:
	exec_job_free(job);
	exec_inputs_clear(&in);
	ext_registry_free(reg);
	config_free(config);
	return rc;
}

const struct cmd_entry cmd_run_entry = {
	.name = "run",
	.usage = "ID [--arg NAME=VALUE]... [--flag NAME]... [--json] [--timeout SECONDS] "
		 "[-- ARGS...]",
	.summary = "Run an extension command (ID is EXTENSION/COMMAND)",
	.options = run_options,
	.args_min = 1,
	.args_max = -1,
	.exec = run_exec,
};
