/*
 * Processes for the executor.
 *
 *   proc_spawn        a command in its own process group, its output on
 *                     pipes (capture) or sharing chitty's stdio (inherit;
 *                     given the terminal when chitty is in the foreground,
 *                     so the shell's job control and ^C reach it)
 *   proc_exited       has it exited?  (seen without reaping it: while the
 *                     leader is a zombie its group id cannot be reused, so
 *                     signalling the group stays safe)
 *   proc_signal_group SIGTERM/SIGKILL to the whole group
 *   proc_reap         reap the leader, take the terminal back
 *   proc_run_foreground  spawn with the terminal shared and wait (an editor, psql)
 *   proc_run_helper   a short-lived helper (opener, clipboard or keystroke
 *                     tool) in its own session, fed input on stdin, waited
 *                     for a bounded time and otherwise left to run
 *   proc_capture      run a program and collect its stdout (versions)
 *
 * The child after fork only makes async-signal-safe calls (the parent may
 * have threads): argv[0] must already be an absolute path and envp built.
 * Every descriptor chitty has open, other than 0-2, is closed in the child.
 */
#ifndef CHITTY_EXEC_PROC_H
#define CHITTY_EXEC_PROC_H

#include <stddef.h>
#include <sys/types.h>

struct proc {
	pid_t pid;  /* the group leader (its pid is the group id); 0 when none */
	int out_fd; /* capture: the read ends of stdout and stderr; -1 once closed */
	int err_fd;
	int pidfd;      /* Linux: readable once the leader exits; -1 elsewhere */
	int foreground; /* the terminal was handed to the group */
	int exited;     /* the leader has exited (a zombie until proc_reap) */
	int reaped;
	int status; /* once exited: its exit status, 128+N after signal N */
};

enum proc_io {
	PROC_CAPTURE, /* stdin /dev/null, stdout and stderr to pipes */
	PROC_INHERIT, /* stdin, stdout and stderr shared with chitty */
};

/*
 * Start argv (argv[0] an absolute path) with envp.  0 with *p filled, or -1
 * with *cause set ("cannot run /usr/bin/python3: Permission denied").
 */
int proc_spawn(const char *const *argv, char *const *envp, enum proc_io io, struct proc *p,
	       char **cause);

/*
 * The same, with fd3 (when >= 0) as the child's descriptor 3: the script
 * SDK's channel.  fd3 must not be 0, 1 or 2.
 */
int proc_spawn_fd(const char *const *argv, char *const *envp, enum proc_io io, int fd3,
		  struct proc *p, char **cause);

/*
 * 1 once the leader has exited (p->status set), else 0; never blocks.  A
 * leader in the foreground that is stopped (^Z) stops chitty too, and both
 * continue together.
 */
int proc_exited(struct proc *p);

/*
 * Start argv with envp sharing chitty's stdio (PROC_INHERIT) and wait for
 * it: its exit status (128+N after signal N), or -1 with *cause set when
 * it could not start.
 */
int proc_run_foreground(const char *const *argv, char *const *envp, char **cause);

/* Send sig to the process group (safe until proc_reap). */
void proc_signal_group(const struct proc *p, int sig);

/* Reap the exited leader, give the terminal back to chitty, close the pidfd. */
void proc_reap(struct proc *p);

/*
 * A group in the foreground (inherit) holds the terminal: take it back for
 * chitty while it asks something, then return it.  No-ops otherwise.
 */
void proc_terminal_take(const struct proc *p);
void proc_terminal_return(const struct proc *p);

/* Close the capture pipes that are still open. */
void proc_close_pipes(struct proc *p);

#define PROC_STILL_RUNNING (-2)

/*
 * Run a helper detached (its own session, output discarded) with input
 * (may be NULL) on its stdin; wait up to timeout_ms for it.  Its exit
 * status (128+N after signal N), PROC_STILL_RUNNING when it outlived the
 * wait (it goes on running, and is never a zombie of chitty's), or -1 with
 * *cause set when it could not start.
 */
int proc_run_helper(const char *const *argv, const char *input, size_t len, long timeout_ms,
		    char **cause);

/*
 * Run argv and return its stdout (a new string, at most 64 KiB), waiting
 * up to timeout_ms; NULL when it could not run, failed or timed out.
 */
char *proc_capture(const char *const *argv, long timeout_ms);

/* Milliseconds on a monotonic clock. */
long long proc_now_ms(void);

#endif
