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
 * Environment.  Every process gets CHITTY_EXTENSION, CHITTY_COMMAND and one
 * CHITTY_PREF_<NAME> per preference that has a value (prefs_values).
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
#define EXEC_INPUTS_INIT {STRV_INIT, STRV_INIT, STRV_INIT, STRV_INIT}

/* Set (or replace) the value of input name. */
void exec_inputs_set(struct exec_inputs *in, const char *name, const char *value);
/* The value of input name (borrowed), or NULL. */
const char *exec_inputs_get(const struct exec_inputs *in, const char *name);
void exec_inputs_clear(struct exec_inputs *in);

/*
 * The {{name}} inputs of cmd that in does not give, into missing (names
 * pushed in order of first use).  Returns how many.  `chitty run` reports
 * them (exit 2); the launcher asks for them in a form.
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

struct exec_options {
	const struct config *config; /* "opener", "timeout"; may be NULL */
	enum exec_io io;
	long timeout_ms; /* kill the job after this long; 0: the config's "timeout", else none */
	const struct exec_terminal *terminal; /* may be NULL */
};

struct exec_result {
	int finished;    /* the job is over; the fields below are final */
	int exit_status; /* the process's status; 128+N after signal N; built-ins: 0 or 1 */
	int timed_out;   /* killed by the timeout */
	int cancelled;   /* killed by exec_job_cancel */
	char *out;       /* captured stdout; the filled text of a template; an http body */
	size_t out_len;
	char *err; /* captured stderr */
	size_t err_len;
	char *transcript; /* stdout and stderr interleaved as they arrived (the output view) */
	size_t transcript_len;
	long http_status;   /* http tool: the response status; 0 otherwise */
	char *http_headers; /* http tool: the response's header lines, or NULL */
	char *message; /* a one-line summary for a toast ("Copied to clipboard"), or NULL */
	char *error;   /* why the job failed, one line, or NULL ("python3 is not installed") */
};

struct exec_job;

/*
 * Start cmd.  Tools that finish at once (template, copy, open, http) are
 * done when this returns (exec_job_result(job)->finished).  Returns a job,
 * or NULL with *cause set when the command cannot start: a disabled
 * command (its disabled_reason), a missing input (name it), a missing
 * interpreter (name what to install), a value with a NUL byte.
 */
struct exec_job *exec_command(const struct ext_command *cmd, const struct exec_inputs *in,
			      const struct exec_options *opt, char **cause);

/*
 * The descriptors to poll for this job (output pipes, and later the SDK
 * channel), each with POLLIN, into fds[0..max); returns how many (0 when
 * there is nothing left to read).
 */
int exec_job_pollfds(const struct exec_job *job, struct pollfd *fds, int max);
/*
 * Read whatever output is ready without blocking, enforce the timeout and
 * reap the process.  Returns 1 once the job has finished, else 0.
 */
int exec_job_pump(struct exec_job *job);
/* Block until the job finishes (or its timeout); returns its exit status. */
int exec_job_wait(struct exec_job *job);
/* Kill the job's process group (SIGTERM, then SIGKILL after a grace period). */
void exec_job_cancel(struct exec_job *job);
const struct exec_result *exec_job_result(const struct exec_job *job);
/* The job's process (group leader), or 0 for built-ins. */
pid_t exec_job_pid(const struct exec_job *job);
/* Free a job; a job still running is cancelled and reaped first. */
void exec_job_free(struct exec_job *job);

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
 * (exec_copy), ACTION_REMOTE (remote_action_run).  *message (may be NULL)
 * gets a one-line summary for a toast.  0, or -1 with *cause set.
 * ACTION_RUN is the caller's: it needs the command's inputs first.
 */
int exec_item_action(const struct item *item, const struct action *action,
		     const struct config *config, char **message, char **cause);

#endif
