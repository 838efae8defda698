/*
 * The executor: the one dispatcher for everything chitty runs.  The
 * launcher, `chitty run` and provider actions all come through here; it
 * knows tools (tools.h) and runtimes, never the UI.
 *
 *   exec_command     start an extension command: fill its inputs safely,
 *                    pick the runtime for its tool, run it in its own
 *                    process group (or perform it: open, copy, template,
 *                    http), and return a job
 *   exec_job_*       follow a job: poll its output, pump it, cancel it
 *                    (kills the whole process group), wait for it
 *   exec_open        open a URL, file or app URL scheme with the opener
 *   exec_copy        put text on the clipboard (OSC 52 and a clipboard tool)
 *   exec_item_action run a non-RUN item action (open, copy, remote verb)
 *
 * Inputs.  A command's {{name}} placeholders take values from
 * exec_inputs.names/values, its {{#if flag}} conditionals from flags, and
 * $1…$n / $@ from args.  Substitution is context-aware and injection-proof
 * (see exec-subst.h): a value can never change what the code does.  A value
 * with a NUL byte is refused.
 *
 * Environment.  Every process gets CHITTY_EXTENSION, CHITTY_COMMAND, one
 * CHITTY_PREF_<NAME> per preference that has a value (prefs_values) and one
 * CHITTY_INPUT_<NAME> per input (subst_env_names); <NAME> is the name
 * uppercased with other characters '_'.  Values never appear in messages.
 *
 * Processes.  Each run is its own process group; its code is in a private
 * temp file (0600) removed when the job ends.  When the command's process
 * exits, what it left in its group is ended too (SIGTERM, then SIGKILL); a
 * timeout or exec_job_cancel does the same to the whole group.
 *
 * Ownership: a job is the caller's (exec_job_free); results are borrowed
 * from the job.  Jobs belong to one thread.
 */
#ifndef CHITTY_EXEC_H
#define CHITTY_EXEC_H

#include <stddef.h>
#include <sys/types.h>

#include "strv.h"

struct config;
struct ext_command;
struct item;
struct action;
struct pollfd;

/* Values for a command's placeholders.  Initialise with EXEC_INPUTS_INIT. */
struct exec_inputs {
	struct strv names;  /* {{name}} inputs given … */
	struct strv values; /* … and their values, in the same order */
	struct strv flags;  /* {{#if flag}} flags that are on */
	struct strv args;   /* positional arguments: $1…$n, $@ */
};
#define EXEC_INPUTS_INIT                                                                           \
	{                                                                                          \
		STRV_INIT, STRV_INIT, STRV_INIT, STRV_INIT                                         \
	}

/* Set (or replace) the value of input name. */
void exec_inputs_set(struct exec_inputs *in, const char *name, const char *value);
/*
 * The same for a value of known length (a form field, stdin): 0, or -1
 * with *cause set when it holds a NUL byte or is not valid UTF-8.
 */
int exec_inputs_set_n(struct exec_inputs *in, const char *name, const char *value, size_t len,
		      char **cause);
/* The value of input name (borrowed), or NULL. */
const char *exec_inputs_get(const struct exec_inputs *in, const char *name);
void exec_inputs_clear(struct exec_inputs *in);

/*
 * The {{name}} inputs of cmd that in does not give, into missing (names
 * pushed in order of first use).  Returns how many.  Only inputs in the
 * branches in->flags choose count, and a Raycast argument declared
 * optional is never missing (it is "").  `chitty run` reports them (exit
 * 2); the launcher asks for them in a form.
 */
size_t exec_missing_inputs(const struct ext_command *cmd, const struct exec_inputs *in,
			   struct strv *missing);

enum exec_io {
	EXEC_IO_CAPTURE, /* stdout and stderr to pipes (launcher output view, --json) */
	EXEC_IO_INHERIT, /* the command shares chitty's stdin, stdout and stderr */
};

/*
 * How to hand the terminal to an interactive tool (edit, and later SDK
 * editor prompts): the launcher ends curses in suspend and redraws in
 * resume.  NULL when chitty is not drawing (the CLI).
 */
struct exec_terminal {
	void (*suspend)(void *arg);
	void (*resume)(void *arg);
	void *arg;
};

struct exec_job;
struct sdk_request;
struct cJSON;

/*
 * The front end of the script SDK (sdk.h): what a ts/js/kit script's
 * prompts become.  The executor answers open, copy, editor, getPreference
 * and stored env() values itself; prompt gets arg, div and env (asked
 * only when nothing is stored) and answers with exec_job_sdk_reply,
 * exec_job_sdk_fail or exec_job_sdk_env, before it returns or later while
 * the job lives.  Without a front end, prompts fail with an error reply.
 */
struct exec_sdk_frontend {
	void (*prompt)(void *arg, struct exec_job *job, const struct sdk_request *req);
	void (*notify)(void *arg, struct exec_job *job, const char *text);
	/* job's prompts can no longer be answered: it ended or closed its channel */
	void (*closed)(void *arg, struct exec_job *job);
	/* a protocol error or a request chitty could not carry out, one line */
	void (*error)(void *arg, struct exec_job *job, const char *message);
	void *arg;
};

struct exec_options {
	const struct config *config; /* "opener", "timeout"; may be NULL */
	enum exec_io io;
	/* kill the job after this long; 0: the config's "timeout" (seconds), else none; <0: none */
	long timeout_ms;
	/* suspended while an inherit job or the editor has the terminal; may be NULL */
	const struct exec_terminal *terminal;
	/* prompts of SDK scripts (ts, kit, js, bun, deno tools); may be NULL */
	const struct exec_sdk_frontend *sdk;
};

struct exec_result {
	int finished;    /* the job is over; the fields below are final */
	int exit_status; /* the process's status; 128+N after signal N; built-ins: 0 or 1 */
	int timed_out;   /* killed by the timeout */
	int cancelled;   /* killed by exec_job_cancel */
	/*
	 * out, err and transcript grow while the job runs (valid until the next
	 * pump; never NULL).  out: captured stdout; a template's or copy's filled
	 * text; what the editor saved (edit of a temp file); an http body.
	 * transcript: stdout and stderr interleaved as they arrived, or an http
	 * body JSON pretty-printed: what the output view shows.
	 */
	char *out;
	size_t out_len;
	char *err; /* captured stderr; an http transport error */
	size_t err_len;
	char *transcript;
	size_t transcript_len;
	long http_status;   /* http tool: the response status; 0 otherwise */
	char *http_headers; /* http tool: the response's header lines, or NULL */
	/*
	 * message: a one-line summary for a toast: the last non-empty stdout line
	 * (what no-view shows), "Copied to clipboard", "HTTP 200"; or NULL.
	 * error: why the job failed, one line, or NULL: "exit status 2: <the last
	 * stderr line>", "killed by signal 15 (Terminated)", "timed out after 5 s",
	 * "cancelled", "HTTP 404: <first body line>".
	 */
	char *message;
	char *error;
};

struct exec_job;

/*
 * Start cmd.  Built-ins that finish at once (template, copy, open, edit,
 * paste/type/submit/transform) are done when this returns
 * (exec_job_result(job)->finished); processes and http requests (performed
 * on a thread, so the caller keeps drawing) are pumped like any job.
 * Returns a job, or NULL with *cause set when the command cannot start: a
 * disabled command (its disabled_reason), a missing input (named), a
 * missing interpreter (naming what to install), a missing required
 * preference (naming `chitty prefs set …`), a value that cannot go where it
 * is used, an opener or clipboard failure.
 */
struct exec_job *exec_command(const struct ext_command *cmd, const struct exec_inputs *in,
			      const struct exec_options *opt, char **cause);

/*
 * The descriptors to poll for this job (output pipes, the process's exit
 * where the system can tell it (Linux pidfd), the http request's end, and
 * later the SDK channel), each with POLLIN, into fds[0..max); returns how
 * many (0 when there is nothing left to read).
 */
int exec_job_pollfds(const struct exec_job *job, struct pollfd *fds, int max);
/*
 * How long a poll may sleep before the job needs exec_job_pump again (its
 * timeout, the grace after SIGTERM, watching a process that closed its
 * output): milliseconds, or -1 for as long as the descriptors stay quiet.
 */
long exec_job_timeout_ms(const struct exec_job *job);
/*
 * Read whatever output is ready without blocking, enforce the timeout and
 * reap the process.  Returns 1 once the job has finished, else 0.
 */
int exec_job_pump(struct exec_job *job);
/* Block until the job finishes (or its timeout); returns its exit status. */
int exec_job_wait(struct exec_job *job);
/*
 * Kill the job's process group (SIGTERM, then SIGKILL after a grace period
 * the pumping enforces); an http request is abandoned at once.
 */
void exec_job_cancel(struct exec_job *job);
const struct exec_result *exec_job_result(const struct exec_job *job);
/* The job's process (group leader), or 0 for built-ins. */
pid_t exec_job_pid(const struct exec_job *job);
/* Free a job; a job still running is cancelled and reaped first. */
void exec_job_free(struct exec_job *job);

/*
 * The script SDK.  Commands of the tools ts, kit, js, bun and deno run with
 * chitty's SDK module preloaded (sdk/chitty.mjs under the data folder) and
 * a channel on their descriptor 3 (sdk.h); their command (cmd) must outlive
 * the job.  Answers to request id of job: value (copied; NULL is JSON
 * null), an error message, or env()'s value, stored in the extension's
 * preferences first.  Answering a job whose script is gone does nothing.
 */
void exec_job_sdk_reply(struct exec_job *job, long long id, const struct cJSON *value);
void exec_job_sdk_fail(struct exec_job *job, long long id, const char *message);
/*
 * Fail request id and show message as the job's error (the front end's
 * error, "chitty: TITLE: message" without one); the script is told it was
 * shown, so an error it does not catch stops it without repeating it.
 */
void exec_job_sdk_refuse(struct exec_job *job, long long id, const char *message);
void exec_job_sdk_env(struct exec_job *job, long long id, const char *name, const char *value);
/* 1 when the job is a script with the SDK channel (open or closed). */
int exec_job_has_sdk(const struct exec_job *job);
/* 1 once the SDK script made a request (it talks to the user through prompts). */
int exec_job_sdk_used(const struct exec_job *job);
/* The title of the job's command, for prompts (borrowed). */
const char *exec_job_title(const struct exec_job *job);

/*
 * Why tool (by name) cannot run here, or NULL: a missing interpreter
 * ("python is not installed (no python3 or python on PATH)"), no TypeScript
 * runtime, "needs macOS (osascript)", no wtype/xdotool for keystrokes.
 * Catalog items of such commands are listed dimmed with this reason.
 * Borrowed; PATH lookups are memoised per process.  NULL for unknown tools
 * (the loader reports those).
 */
const char *exec_tool_unavailable(const char *tool);

/*
 * Open target (URL, file, app URL scheme; a leading "~" expanded) with the
 * opener: $CHITTY_OPENER, else the config's "opener", else open (macOS) or
 * xdg-open.  The opener receives the target as its one argument.  0, or -1
 * with *cause set ("no application handles cleanshot:// links").
 */
int exec_open(const char *target, const struct config *config, char **cause);

/*
 * Put text on the clipboard: OSC 52 on the controlling terminal (works over
 * SSH and inside tmux), plus the first of wl-copy, xclip, xsel, pbcopy or
 * `tmux set-buffer` that is available.  0, or -1 with *cause set when no
 * way worked.
 */
int exec_copy(const char *text, const struct config *config, char **cause);

/*
 * Run a non-RUN action of an item: ACTION_OPEN (exec_open), ACTION_COPY
 * (exec_copy), ACTION_REMOTE (remote_action_run, with input: the text an
 * action with an input asked for, else NULL).  *message (may be NULL) gets
 * a one-line summary for a toast.  0, or -1 with *cause set.  ACTION_RUN
 * is the caller's: it needs the command's inputs first.
 */
int exec_item_action(const struct item *item, const struct action *action, const char *input,
		     const struct config *config, char **message, char **cause);

#endif
