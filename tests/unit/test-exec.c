/*
 * The executor's jobs: capture and transcript order, exit statuses and
 * signals, timeouts, cancellation of the whole process group (a background
 * grandchild included), no orphans after a normal exit, the temp file's
 * mode and removal, the environment, pumping with poll, built-ins, item
 * actions, missing inputs, interpreters that are not installed.
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "exec-http.h"
#include "http.h"
#include "exec-proc.h"
#include "exec-subst.h"
#include "exec.h"
#include "ext-text.h"
#include "extension.h"
#include "fileio.h"
#include "item.h"
#include "sources.h"
#include "strbuf.h"
#include "tap.h"

static char scratch[] = "/tmp/chitty-exec-XXXXXX";
static struct extension *ext;

static struct ext_command *
command(const char *slug, const char *tool, const char *code)
{
	struct ext_command *cmd = extension_add_command(ext, slug, slug);
	cmd->tool = xstrdup(tool);
	cmd->code = xstrdup(code);
	ext_scan_placeholders(cmd->code, &cmd->inputs, &cmd->flags);
	cmd->uses_positional = ext_scan_positional(cmd->code);
	return cmd;
}

static struct exec_job *
start(const struct ext_command *cmd, const struct exec_inputs *in, long timeout_ms)
{
	struct exec_options opt = {.io = EXEC_IO_CAPTURE, .timeout_ms = timeout_ms};
	char *cause = NULL;
	struct exec_job *job = exec_command(cmd, in, &opt, &cause);
	if (job == NULL)
		diag("exec_command(%s): %s", cmd->id, cause);
	free(cause);
	return job;
}

/* 1 when pid is gone (or a zombie waiting for init). */
static int
gone(pid_t pid)
{
	if (kill(pid, 0) != 0)
		return errno == ESRCH;
	char path[64], buf[512];
	snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return 0;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = '\0';
	char *paren = strrchr(buf, ')');
	return paren != NULL && paren[1] == ' ' && paren[2] == 'Z';
}

/* gone(pid) within ms (a SIGKILL lands when the process is next scheduled). */
static int
gone_within(pid_t pid, int ms)
{
	for (int t = 0; t < ms; t += 10) {
		if (gone(pid))
			return 1;
		usleep(10000);
	}
	return gone(pid);
}

/* Wait up to ms for path to hold a pid; the pid or 0. */
static pid_t
read_pid(const char *path, int ms)
{
	for (int t = 0; t < ms; t += 10) {
		char *s = file_read_all(path, NULL, 0, NULL);
		pid_t pid = s != NULL ? (pid_t)atoi(s) : 0;
		free(s);
		if (pid > 0)
			return pid;
		usleep(10000);
	}
	return 0;
}

static void
test_capture(void)
{
	struct ext_command *cmd = command(
		"order", "bash", "echo one\nsleep 0.1\necho two >&2\nsleep 0.1\necho three");
	struct exec_job *job = start(cmd, NULL, 0);
	ok(job != NULL, "a bash job starts");
	if (job == NULL)
		return;
	ok(exec_job_pid(job) > 0, "it has a process");
	is_int(exec_job_wait(job), 0, "exit status 0");
	const struct exec_result *r = exec_job_result(job);
	ok(r->finished, "finished");
	is_str(r->out, "one\nthree\n", "stdout captured");
	is_str(r->err, "two\n", "stderr captured");
	is_str(r->transcript, "one\ntwo\nthree\n",
	       "the transcript interleaves them in arrival order");
	is_str(r->message, "three", "message: the last stdout line");
	ok(r->error == NULL, "no error");
	exec_job_free(job);

	cmd = command("fails", "sh", "echo partial; echo 'bad thing happened' >&2; exit 3");
	job = start(cmd, NULL, 0);
	is_int(exec_job_wait(job), 3, "exit status 3");
	r = exec_job_result(job);
	is_str(r->error, "exit status 3: bad thing happened",
	       "error: the status and the stderr tail");
	exec_job_free(job);

	cmd = command("signalled", "bash", "kill -TERM $$");
	job = start(cmd, NULL, 0);
	is_int(exec_job_wait(job), 128 + SIGTERM, "killed by SIGTERM: 143");
	ok(strstr(exec_job_result(job)->error, "killed by signal 15") != NULL, "error: %s",
	   exec_job_result(job)->error);
	exec_job_free(job);

	cmd = command("missing", "bash", "chitty-no-such-program-xyz");
	job = start(cmd, NULL, 0);
	is_int(exec_job_wait(job), 127, "a missing program: 127");
	r = exec_job_result(job);
	ok(strstr(r->error, "exit status 127: exec-test/missing: line 1: "
			    "chitty-no-such-program-xyz: command not found") != NULL,
	   "the error names the command instead of the temp file: %s", r->error);
	exec_job_free(job);

	cmd = command("big", "sh", "head -c 3000000 /dev/zero | tr '\\0' x");
	job = start(cmd, NULL, 0);
	exec_job_wait(job);
	is_int(exec_job_result(job)->out_len, 3000000, "3 MB of output arrive whole");
	exec_job_free(job);
}

static void
test_poll(void)
{
	struct ext_command *cmd =
		command("pumped", "sh", "for i in 1 2 3; do echo $i; sleep 0.05; done");
	struct exec_job *job = start(cmd, NULL, 0);
	int loops = 0, saw_partial = 0, fds_ok = 1;
	while (!exec_job_pump(job)) {
		struct pollfd fds[4];
		int n = exec_job_pollfds(job, fds, 4);
		for (int i = 0; i < n; i++)
			fds_ok &= fds[i].fd >= 0 && fds[i].events == POLLIN;
		if (exec_job_result(job)->transcript_len > 0 &&
		    exec_job_result(job)->transcript_len < 6)
			saw_partial = 1;
		poll(fds, (nfds_t)n, (int)exec_job_timeout_ms(job));
		loops++;
	}
	ok(fds_ok, "pollfds gives readable descriptors");
	ok(saw_partial, "the transcript grows while the job runs");
	is_str(exec_job_result(job)->out, "1\n2\n3\n", "pumping with poll gets everything");
	ok(loops < 200, "poll sleeps instead of spinning (%d pumps)", loops);
	struct pollfd fds[4];
	is_int(exec_job_pollfds(job, fds, 4), 0, "a finished job has nothing to poll");
	exec_job_free(job);
}

static void
test_timeout_and_cancel(void)
{
	struct ext_command *cmd = command("slow", "bash", "echo started; sleep 30");
	long long t0 = proc_now_ms();
	struct exec_job *job = start(cmd, NULL, 300);
	exec_job_wait(job);
	long long took = proc_now_ms() - t0;
	const struct exec_result *r = exec_job_result(job);
	ok(r->timed_out, "the timeout fires");
	ok(took >= 300 && took < 3000, "after about 300 ms (%lld ms)", took);
	is_str(r->error, "timed out after 0.3 s", "error says so");
	is_str(r->out, "started\n", "output before the timeout is kept");
	exec_job_free(job);

	cmd = command("stubborn", "bash", "trap '' TERM; echo ready; sleep 30 & wait; sleep 30");
	t0 = proc_now_ms();
	job = start(cmd, NULL, 200);
	exec_job_wait(job);
	took = proc_now_ms() - t0;
	ok(exec_job_result(job)->timed_out && took < 4000,
	   "a process that ignores SIGTERM gets SIGKILL after the grace (%lld ms)", took);
	exec_job_free(job);

	char *pidfile = xasprintf("%s/grandchild.pid", scratch);
	/* The script's path first: the test reads it once the pid file exists. */
	char *code = xasprintf("echo \"$0\" > %s.script\nsleep 300 &\necho $! > %s\nwait\n",
			       pidfile, pidfile);
	cmd = command("cancelled", "bash", code);
	free(code);
	job = start(cmd, NULL, 0);
	pid_t grandchild = read_pid(pidfile, 5000);
	ok(grandchild > 0, "the command started a background grandchild (%d)", (int)grandchild);
	char *scriptpath_file = xasprintf("%s.script", pidfile);
	char *script = file_read_all(scriptpath_file, NULL, 0, NULL);
	if (script != NULL)
		script[strcspn(script, "\n")] = '\0';
	ok(script != NULL && file_exists(script), "the temp file exists while it runs");
	pid_t leader = exec_job_pid(job);
	t0 = proc_now_ms();
	exec_job_cancel(job);
	exec_job_wait(job);
	took = proc_now_ms() - t0;
	r = exec_job_result(job);
	ok(r->cancelled && r->finished, "cancel ends the job");
	ok(took < 3000, "promptly (%lld ms)", took);
	is_str(r->error, "cancelled", "error: cancelled");
	ok(grandchild > 0 && gone_within(grandchild, 2000),
	   "the background grandchild is gone too");
	ok(leader > 0 && waitpid(leader, NULL, WNOHANG) == -1 && errno == ECHILD,
	   "the leader was reaped (no zombie)");
	ok(script != NULL && !file_exists(script), "the temp file is removed on cancel");
	exec_job_free(job);
	free(script);
	free(scriptpath_file);
	unlink(pidfile);

	code = xasprintf("sleep 300 &\necho $! > %s\necho done\n", pidfile);
	cmd = command("orphan", "bash", code);
	free(code);
	t0 = proc_now_ms();
	job = start(cmd, NULL, 0);
	exec_job_wait(job);
	took = proc_now_ms() - t0;
	pid_t orphan = read_pid(pidfile, 1000);
	is_str(exec_job_result(job)->out, "done\n",
	       "a command that leaves a child behind finishes");
	ok(took < 3000, "without waiting for the child (%lld ms)", took);
	ok(orphan > 0 && gone_within(orphan, 2000), "and the child does not outlive it");
	exec_job_free(job);
	unlink(pidfile);

	if (access("/usr/bin/setsid", X_OK) == 0 || access("/bin/setsid", X_OK) == 0) {
		code = xasprintf(
			"setsid sleep 300 &\nsleep 0.2\npgrep -n -f 'sleep 300' > %s\necho "
			"bye\n",
			pidfile);
		cmd = command("escaped", "bash", code);
		free(code);
		t0 = proc_now_ms();
		job = start(cmd, NULL, 0);
		exec_job_wait(job);
		took = proc_now_ms() - t0;
		ok(took < 5000 && exec_job_result(job)->finished,
		   "a process outside the group holding the pipes does not hang the job (%lld ms)",
		   took);
		is_str(exec_job_result(job)->out, "bye\n", "its output up to then is kept");
		exec_job_free(job);
		pid_t escaped = read_pid(pidfile, 100);
		if (escaped > 0)
			kill(escaped, SIGKILL);
		unlink(pidfile);
	} else
		printf("ok %d - a process outside the group # SKIP no setsid\n", ++tap_count);

	job = start(command("freed", "bash", "sleep 30"), NULL, 0);
	pid_t pid = exec_job_pid(job);
	exec_job_free(job);
	ok(pid > 0 && gone_within(pid, 2000), "freeing a running job kills and reaps it");
	free(pidfile);
}

static void
test_temp_file_and_env(void)
{
	struct ext_command *cmd = command("self", "bash", "stat -c %a \"$0\"; echo \"$0\"");
	struct exec_job *job = start(cmd, NULL, 0);
	exec_job_wait(job);
	const char *out = exec_job_result(job)->out;
	ok(strncmp(out, "600\n", 4) == 0, "the code's temp file is private (0600): %.3s", out);
	char *path = xstrndup(out + 4, strcspn(out + 4, "\n"));
	ok(strstr(path, "chitty-") != NULL && strstr(path, ".sh") != NULL,
	   "it is a chitty-*.sh temp file");
	ok(!file_exists(path), "and removed afterwards");
	free(path);
	exec_job_free(job);

	setenv("CHITTY_PREF_LEAKED", "from-parent", 1);
	setenv("CHITTY_INPUT_OLD", "from-parent", 1);
	cmd = command(
		"env", "sh",
		"echo \"$CHITTY_EXTENSION|$CHITTY_COMMAND|$CHITTY_PREF_GREETING|"
		"$CHITTY_PREF_API_TOKEN|${CHITTY_PREF_LEAKED-unset}|${CHITTY_INPUT_OLD-unset}|"
		"$CHITTY_INPUT_FILE_NAME\"; echo {{file name}} >/dev/null");
	cmd->preferences = xcalloc(2, sizeof *cmd->preferences);
	cmd->preferences[0] = (struct ext_preference){.name = xstrdup("greeting"),
						      .type = PREF_TEXTFIELD,
						      .default_value = xstrdup("hi there")};
	cmd->preferences[1] = (struct ext_preference){.name = xstrdup("api-token"),
						      .type = PREF_PASSWORD,
						      .default_value = xstrdup("s3cret")};
	cmd->n_preferences = 2;
	struct exec_inputs in = EXEC_INPUTS_INIT;
	exec_inputs_set(&in, "file name", "a b.txt");
	job = start(cmd, &in, 0);
	exec_job_wait(job);
	is_str(exec_job_result(job)->out, "exec-test|env|hi there|s3cret|unset|unset|a b.txt\n",
	       "CHITTY_EXTENSION, CHITTY_COMMAND, CHITTY_PREF_<NAME>, CHITTY_INPUT_<NAME>; "
	       "inherited ones dropped");
	exec_job_free(job);
	exec_inputs_clear(&in);
	unsetenv("CHITTY_PREF_LEAKED");
	unsetenv("CHITTY_INPUT_OLD");

	cmd = command("args", "bash", "printf '[%s]' \"$@\"; echo; printf '%s' \"$1\"");
	exec_inputs_set(&in, "unused", "x");
	strv_push(&in.args, "one two");
	strv_push(&in.args, "$(touch nope)");
	job = start(cmd, &in, 0);
	exec_job_wait(job);
	is_str(exec_job_result(job)->out, "[one two][$(touch nope)]\none two",
	       "positional arguments are real argv: $1, $@");
	exec_job_free(job);
	exec_inputs_clear(&in);
}

static void
test_inputs(void)
{
	struct ext_command *cmd =
		command("form", "template",
			"{{#if formal}}Dear {{title}} {{name}}{{else}}Hi {{nick}}{{/if}}");
	struct exec_inputs in = EXEC_INPUTS_INIT;
	struct strv missing = STRV_INIT;
	is_int(exec_missing_inputs(cmd, &in, &missing), 1,
	       "no flags: only the else branch's input");
	is_str(missing.v[0], "nick", "named");
	strv_free(&missing);
	strv_push(&in.flags, "formal");
	is_int(exec_missing_inputs(cmd, &in, &missing), 2, "with the flag: the if branch's inputs");
	is_str(missing.v[0], "title", "in order of first use");
	strv_free(&missing);
	exec_inputs_set(&in, "title", "Dr");
	exec_inputs_set(&in, "name", "No");
	char *cause = NULL;
	struct exec_job *job = exec_command(cmd, &in, NULL, &cause);
	ok(job != NULL && exec_job_result(job)->finished, "a template finishes at once");
	is_str(job ? exec_job_result(job)->out : NULL, "Dear Dr No",
	       "its filled text is the output");
	exec_job_free(job);
	exec_inputs_clear(&in);

	job = exec_command(cmd, &in, NULL, &cause);
	ok(job == NULL && cause != NULL && strcmp(cause, "missing input 'nick'") == 0,
	   "exec_command refuses a missing input: %s", cause);
	free(cause), cause = NULL;

	cmd->arguments = xcalloc(1, sizeof *cmd->arguments);
	cmd->arguments[0] = (struct ext_argument){.name = xstrdup("nick"), .required = 0};
	cmd->n_arguments = 1;
	is_int(exec_missing_inputs(cmd, &in, &missing), 0,
	       "an optional Raycast argument is never missing");
	job = exec_command(cmd, &in, NULL, &cause);
	is_str(job ? exec_job_result(job)->out : NULL, "Hi ", "and fills as empty");
	exec_job_free(job);

	int rc = exec_inputs_set_n(&in, "v", "a\0b", 3, &cause);
	ok(rc == -1 && cause && strstr(cause, "NUL byte") != NULL,
	   "exec_inputs_set_n refuses a NUL byte: %s", cause ? cause : "");
	free(cause), cause = NULL;
	ok(exec_inputs_set_n(&in, "v", "\xc3\x28", 2, &cause) == -1 && cause &&
		   strstr(cause, "UTF-8") != NULL,
	   "and invalid UTF-8");
	free(cause), cause = NULL;
	ok(exec_inputs_set_n(&in, "v", "ok", 2, &cause) == 0 &&
		   strcmp(exec_inputs_get(&in, "v"), "ok") == 0,
	   "and takes a good value");
	exec_inputs_clear(&in);

	cmd = command("disabled", "bash", "echo no");
	cmd->disabled_reason = xstrdup("needs macOS (osascript)");
	job = exec_command(cmd, NULL, NULL, &cause);
	ok(job == NULL && cause && strcmp(cause, "needs macOS (osascript)") == 0,
	   "a disabled command fails with its reason");
	free(cause), cause = NULL;

	cmd = command("needs-pref", "bash", "echo $CHITTY_PREF_TOKEN");
	cmd->preferences = xcalloc(1, sizeof *cmd->preferences);
	cmd->preferences[0] = (struct ext_preference){
		.name = xstrdup("token"), .type = PREF_PASSWORD, .required = 1};
	cmd->n_preferences = 1;
	job = exec_command(cmd, NULL, NULL, &cause);
	ok(job == NULL && cause && strstr(cause, "needs the preference 'token'") &&
		   strstr(cause, "chitty prefs set exec-test/needs-pref token VALUE"),
	   "a missing required preference names the fix: %s", cause ? cause : "");
	free(cause), cause = NULL;

	cmd = command("arith", "bash", "echo $(( {{n}} + 1 ))");
	exec_inputs_set(&in, "n", "a[$(touch pwned)]");
	job = exec_command(cmd, &in, NULL, &cause);
	ok(job == NULL && cause && strstr(cause, "whole number"),
	   "a value that cannot go where it is used is refused: %s", cause ? cause : "");
	free(cause), cause = NULL;
	exec_inputs_clear(&in);
}

static void
test_missing_interpreters(void)
{
	char *old = xstrdup(getenv("PATH"));
	char *empty = xasprintf("%s/empty-bin", scratch);
	mkdir(empty, 0700);
	setenv("PATH", empty, 1);
	is_str(exec_tool_unavailable("python"),
	       "python is not installed (no python3 or python on PATH)",
	       "python without python3 or python on PATH");
	is_str(exec_tool_unavailable("ruby"), "ruby is not installed (no ruby on PATH)", "ruby");
	ok(exec_tool_unavailable("ts") != NULL &&
		   strstr(exec_tool_unavailable("ts"), "bun, deno, tsx or node 22.6") != NULL,
	   "ts names what to install: %s", exec_tool_unavailable("ts"));
#ifndef __APPLE__
	is_str(exec_tool_unavailable("applescript"), "needs macOS (osascript)",
	       "applescript off macOS");
	ok(exec_tool_unavailable("paste") != NULL &&
		   strstr(exec_tool_unavailable("paste"), "wtype") != NULL,
	   "paste without wtype or xdotool");
#endif
	ok(exec_tool_unavailable("template") == NULL && exec_tool_unavailable("http") == NULL &&
		   exec_tool_unavailable("copy") == NULL,
	   "built-ins need nothing");
	ok(exec_tool_unavailable("no-such-tool") == NULL, "unknown tools are the loader's");
	struct ext_command *cmd = command("py", "python", "print(1)");
	char *cause = NULL;
	struct exec_job *job = exec_command(cmd, NULL, NULL, &cause);
	ok(job == NULL && cause && strstr(cause, "python is not installed"),
	   "running it fails with that reason: %s", cause ? cause : "");
	free(cause);
	struct item *item = extension_command_item(cmd);
	is_str(item->disabled_reason, "python is not installed (no python3 or python on PATH)",
	       "its catalog item is listed dimmed, with the reason");
	ok(item->preview != NULL &&
		   strstr(item->preview, "**Unavailable:** python is not installed"),
	   "and its preview says why");
	item_free(item);
	setenv("PATH", old, 1);
	ok(exec_tool_unavailable("bash") == NULL, "with PATH back, bash is found again");
	item = extension_command_item(command("sh-ok", "sh", "true"));
	ok(item->disabled_reason == NULL, "a command that can run is not dimmed");
	item_free(item);
	rmdir(empty);
	free(empty);
	free(old);
}

static void
test_builtins_and_actions(void)
{
	char *opener = xasprintf("%s/opener", scratch);
	char *log = xasprintf("%s/opened", scratch);
	char *script = xasprintf("#!/bin/sh\nprintf '%%s\\n' \"$1\" >> %s\ncase \"$1\" in "
				 "fail:*) exit 3;; esac\n",
				 log);
	file_write_atomic(opener, script, strlen(script), 0700, NULL);
	free(script);
	setenv("CHITTY_OPENER", opener, 1);
	struct ext_command *cmd =
		command("open", "open", "https://x.test/?q={{q}}\n~/notes/{{q}}.md");
	struct exec_inputs in = EXEC_INPUTS_INIT;
	exec_inputs_set(&in, "q", "a b&c");
	char *cause = NULL;
	struct exec_job *job = exec_command(cmd, &in, NULL, &cause);
	ok(job != NULL && exec_job_result(job)->exit_status == 0, "open runs the opener");
	exec_job_free(job);
	char *opened = file_read_all(log, NULL, 0, NULL);
	char *want =
		xasprintf("https://x.test/?q=a%%20b%%26c\n%s/notes/a b&c.md\n", getenv("HOME"));
	is_str(opened, want, "each line opened: a URL encoded, ~ expanded");
	free(want);
	free(opened);
	exec_inputs_clear(&in);

	int rc = exec_open("fail://x", NULL, &cause);
	ok(rc == -1 && cause && strstr(cause, "failed with status 3"),
	   "an opener's failure is an error: %s", cause ? cause : "");
	free(cause), cause = NULL;

	struct item *item = item_create("x", "thing", "X");
	item_add_action(item, ACTION_OPEN, "open", "Open", "https://y.test");
	struct action *added = item_add_action(item, ACTION_REMOTE, "close", "Close", "42");
	added->remote = xstrdup("tracker");
	added->verb = xstrdup("close");
	item_add_action(item, ACTION_RUN, "run", "Run", "a/b");
	item_add_action(item, ACTION_COPY, "copy", "Copy", "copied \xe2\x9c\x93 'text'");
	/* Borrowed only once all are added: adding one moves the others. */
	const struct action *open_action = item_find_action(item, "open");
	const struct action *remote = item_find_action(item, "close");
	const struct action *run = item_find_action(item, "run");
	char *message = NULL;
	rc = exec_item_action(item, open_action, NULL, NULL, &message, &cause);
	ok(rc == 0 && message != NULL, "ACTION_OPEN goes to the opener: %s",
	   message ? message : cause);
	free(message), message = NULL;
	opened = file_read_all(log, NULL, 0, NULL);
	ok(opened && strstr(opened, "https://y.test\n") != NULL, "with its target");
	free(opened);
	rc = exec_item_action(item, remote, NULL, NULL, &message, &cause);
	ok(rc == -1 && cause && strstr(cause, "tracker"),
	   "ACTION_REMOTE goes to remote_action_run: %s", cause ? cause : "");
	free(cause), cause = NULL;
	ok(exec_item_action(item, run, NULL, NULL, &message, &cause) == -1,
	   "ACTION_RUN is the caller's");
	free(cause), cause = NULL;
	struct action *asks = item_add_action(item, ACTION_REMOTE, "comment", "Add Comment", "42");
	asks->remote = xstrdup("tracker");
	asks->verb = xstrdup("issues comment");
	asks->input = xstrdup("Comment");
	ok(exec_item_action(item, asks, NULL, NULL, &message, &cause) == -1 && cause &&
		   strcmp(cause, "'Add Comment' needs a Comment") == 0,
	   "an action with an input refuses to run without it: %s", cause ? cause : "");
	free(cause), cause = NULL;
	unsetenv("CHITTY_OPENER");

	/* Copy: no terminal here, so a clipboard tool (a fake xclip) must take it. */
	char *bin = xasprintf("%s/bin", scratch);
	mkdir(bin, 0700);
	char *xclip = xasprintf("%s/xclip", bin);
	char *clip = xasprintf("%s/clip", scratch);
	script = xasprintf("#!/bin/sh\ncat > %s\n", clip);
	file_write_atomic(xclip, script, strlen(script), 0700, NULL);
	free(script);
	char *old_path = xstrdup(getenv("PATH"));
	char *path = xasprintf("%s:%s", bin, old_path);
	setenv("PATH", path, 1);
	setenv("DISPLAY", ":99", 1);
	const struct action *copy = item_find_action(item, "copy");
	ok(exec_item_action(item, copy, NULL, NULL, &message, &cause) == 0, "ACTION_COPY copies");
	is_str(message, "Copied to clipboard", "with a toast");
	free(message), message = NULL;
	char *got = file_read_all(clip, NULL, 0, NULL);
	is_str(got, "copied \xe2\x9c\x93 'text'", "xclip got the text on stdin, byte for byte");
	free(got);
	setenv("PATH", old_path, 1);
	unsetenv("DISPLAY");
	item_free(item);
	free(old_path), free(path), free(bin), free(xclip), free(clip);
	free(opener);
	free(log);
}

static void
test_http_fence(void)
{
	struct strv names = STRV_INIT, values = STRV_INIT;
	strv_push(&names, "q");
	strv_push(&values, "a b/c");
	strv_push(&names, "token");
	strv_push(&values, "t0k");
	strv_push(&names, "name");
	strv_push(&values, "say \"hi\"");
	struct subst_values v = {&names, &values, NULL, NULL};
	struct http_fence f;
	char *cause = NULL;
	int rc = http_fence_build(
		"# a comment\n// another\nPOST https://api.test/items?q={{q}} "
		"HTTP/1.1\n  &page=2\nAuthorization: Bearer {{token}}\n# skipped\n\n"
		"{\"name\": \"{{name}}\"}\n\n###\nGET https://other.test\n",
		&v, &f, &cause);
	ok(rc == 0, "an .http fence parses: %s", cause ? cause : "");
	if (rc == 0) {
		is_str(f.method, "POST", "method");
		is_str(f.url, "https://api.test/items?q=a%20b%2Fc&page=2",
		       "URL: encoded value, HTTP/1.1 dropped, & line continues the query");
		is_int(f.headers.n, 2, "one header given, Content-Type added for a JSON body");
		is_str(f.headers.v[0], "Authorization: Bearer t0k", "header filled");
		is_str(f.headers.v[1], "Content-Type: application/json",
		       "JSON body: content type added");
		is_str(f.body, "{\"name\": \"say \\\"hi\\\"\"}",
		       "body JSON-escaped, ends before ###");
		http_fence_clear(&f);
	}
	rc = http_fence_build("https://api.test/x\n", &v, &f, &cause);
	ok(rc == 0 && strcmp(f.method, "GET") == 0, "a bare URL is a GET");
	http_fence_clear(&f);
	rc = http_fence_build("\n# only comments\n", &v, &f, &cause);
	ok(rc == -1 && cause && strstr(cause, "no request line"), "no request line: %s", cause);
	free(cause), cause = NULL;
	strv_push(&names, "evil");
	strv_push(&values, "x\r\nX-Injected: yes");
	rc = http_fence_build("GET https://a.test\nX-Custom: {{evil}}\n", &v, &f, &cause);
	ok(rc == -1 && cause && strstr(cause, "line 2") && strstr(cause, "line break"),
	   "CR/LF in a header value is refused, with the line: %s", cause ? cause : "");
	free(cause), cause = NULL;
	rc = http_fence_build("GET https://a.test\nnot a header\n", &v, &f, &cause);
	ok(rc == -1 && cause && strstr(cause, "not a header"), "a bad header line: %s",
	   cause ? cause : "");
	free(cause), cause = NULL;
	rc = http_fence_build(
		"POST https://a.test\nContent-Type: application/x-www-form-urlencoded\n\n"
		"q={{q}}&x=1\n",
		&v, &f, &cause);
	ok(rc == 0 && strcmp(f.body, "q=a%20b%2Fc&x=1") == 0, "a form body is percent-encoded");
	http_fence_clear(&f);
	strv_free(&names);
	strv_free(&values);
}

/* What the output view shows of a response body. */
static void
test_http_body_display(void)
{
	struct http_response resp = {0};
	strv_push(&resp.headers, "content-type: application/json");
	resp.body = xstrdup("{\"a\":1,\"list\":[true,null,\"x\\\"y\"],\"empty\":{},\"none\":[],"
			    "\"k\\u00e9y\":{\"n\":-2.5}}");
	resp.body_len = strlen(resp.body);
	char *shown = http_body_display(&resp);
	is_str(shown,
	       "{\n  \"a\": 1,\n  \"list\": [\n    true,\n    null,\n    \"x\\\"y\"\n  ],\n"
	       "  \"empty\": {},\n  \"none\": [],\n  \"k\u00e9y\": {\n    \"n\": -2.5\n  }\n}",
	       "a JSON body: two spaces a level, \"key\": value, strings escaped");
	free(shown);
	free(resp.body);
	resp.body = xstrdup("{not json");
	resp.body_len = strlen(resp.body);
	shown = http_body_display(&resp);
	is_str(shown, "{not json", "a body that is not JSON is shown as it came");
	free(shown);
	http_response_clear(&resp);
}

int
main(void)
{
	if (mkdtemp(scratch) == NULL)
		return skip_all("cannot create a scratch folder");
	setenv("TMPDIR", scratch, 1);
	setenv("HOME", scratch, 1);
	setenv("XDG_CONFIG_HOME", scratch, 1);
	ext = extension_create(NULL);
	ext->name = xstrdup("exec-test");
	test_capture();
	test_poll();
	test_timeout_and_cancel();
	test_temp_file_and_env();
	test_inputs();
	test_missing_interpreters();
	test_builtins_and_actions();
	test_http_fence();
	test_http_body_display();
	extension_free(ext);
	char *cmdline = xasprintf("rm -rf '%s'", scratch);
	if (system(cmdline) != 0)
		diag("could not remove %s", scratch);
	free(cmdline);
	return done_testing();
}
