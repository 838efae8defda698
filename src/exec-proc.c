/* Processes for the executor: process groups, the terminal, helpers (exec-proc.h). */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/syscall.h>
#endif

#include "exec-proc.h"
#include "strbuf.h"
#include "xmalloc.h"

extern char **environ;

long long
proc_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int
cloexec_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);
	return 0;
}

static void
close_fd(int *fd)
{
	if (*fd >= 0)
		close(*fd);
	*fd = -1;
}

/* How many descriptors a child may have to mark (asked before fork: sysconf is not
 * async-signal-safe). */
static int
fd_limit(void)
{
	long max = sysconf(_SC_OPEN_MAX);
	return max < 0 || max > 4096 ? 4096 : (int)max;
}

/* In a child: every descriptor from 3 below max closes on exec (async-signal-safe). */
static void
child_cloexec_from_3(int max)
{
#if defined(__linux__) && defined(SYS_close_range)
	if (syscall(SYS_close_range, 3U, ~0U, 4U /* CLOSE_RANGE_CLOEXEC */) == 0)
		return;
#endif
	for (int fd = 3; fd < max; fd++)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
}

/* In a child: every signal back to its default, nothing blocked. */
static void
child_reset_signals(void)
{
	struct sigaction dfl;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigemptyset(&dfl.sa_mask);
	for (int sig = 1; sig < NSIG; sig++)
		if (sig != SIGKILL && sig != SIGSTOP)
			sigaction(sig, &dfl, NULL);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
}

/* Hand the terminal (stdin) to group pgid; from the background SIGTTOU must be blocked. */
static void
give_terminal(pid_t pgid)
{
	sigset_t ttou, old;
	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	pthread_sigmask(SIG_BLOCK, &ttou, &old);
	tcsetpgrp(STDIN_FILENO, pgid);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
}

int
proc_spawn(const char *const *argv, char *const *envp, enum proc_io io, struct proc *p,
	   char **cause)
{
	return proc_spawn_fd(argv, envp, io, -1, p, cause);
}

int
proc_spawn_fd(const char *const *argv, char *const *envp, enum proc_io io, int fd3, struct proc *p,
	      char **cause)
{
	memset(p, 0, sizeof *p);
	p->out_fd = p->err_fd = p->pidfd = -1;
	int errp[2], outp[2] = {-1, -1}, errq[2] = {-1, -1}, devnull = -1;
	if (cloexec_pipe(errp) != 0) {
		set_cause(cause, "cannot start %s: %s", argv[0], strerror(errno));
		return -1;
	}
	if (io == PROC_CAPTURE && (cloexec_pipe(outp) != 0 || cloexec_pipe(errq) != 0 ||
				   (devnull = open("/dev/null", O_RDONLY | O_CLOEXEC)) < 0)) {
		set_cause(cause, "cannot start %s: %s", argv[0], strerror(errno));
		close_fd(&errp[0]), close_fd(&errp[1]), close_fd(&outp[0]), close_fd(&outp[1]);
		close_fd(&errq[0]), close_fd(&errq[1]);
		return -1;
	}
	int fg = io == PROC_INHERIT && isatty(STDIN_FILENO) && tcgetpgrp(STDIN_FILENO) == getpgrp();
	int max_fd = fd_limit();

	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid_t pid = fork();
	if (pid == 0) {
		if (io == PROC_CAPTURE) {
			setsid(); /* no controlling terminal: /dev/tty cannot stop it */
			dup2(devnull, STDIN_FILENO);
			dup2(outp[1], STDOUT_FILENO);
			dup2(errq[1], STDERR_FILENO);
		} else {
			setpgid(0, 0);
			if (fg) {
				struct sigaction ign;
				memset(&ign, 0, sizeof ign);
				ign.sa_handler = SIG_IGN;
				sigaction(SIGTTOU, &ign, NULL);
				tcsetpgrp(STDIN_FILENO, getpid());
			}
		}
		child_cloexec_from_3(max_fd);
		if (fd3 >= 0) {
			/* the exec-failure pipe must not be the descriptor fd3 replaces */
			if (errp[1] == 3)
				errp[1] = fcntl(errp[1], F_DUPFD_CLOEXEC, 4);
			if (fd3 == 3)
				fcntl(3, F_SETFD, 0);
			else
				dup2(fd3, 3); /* the copy is not close-on-exec */
		}
		child_reset_signals();
		execve(argv[0], (char *const *)argv, envp);
		int e = errno;
		ssize_t w = write(errp[1], &e, sizeof e);
		(void)w;
		_exit(127);
	}
	int fork_errno = errno;
	if (pid > 0 && io == PROC_INHERIT) {
		setpgid(pid, pid); /* both sides, so neither races the other */
		if (fg)
			tcsetpgrp(STDIN_FILENO, pid);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	close_fd(&errp[1]), close_fd(&outp[1]), close_fd(&errq[1]), close_fd(&devnull);
	if (pid < 0) {
		set_cause(cause, "cannot start %s: %s", argv[0], strerror(fork_errno));
		close_fd(&errp[0]), close_fd(&outp[0]), close_fd(&errq[0]);
		return -1;
	}
	p->pid = pid;
	p->foreground = fg;
	p->out_fd = outp[0];
	p->err_fd = errq[0];

	int e = 0;
	ssize_t n;
	while ((n = read(errp[0], &e, sizeof e)) < 0 && errno == EINTR)
		;
	close_fd(&errp[0]);
	if (n == (ssize_t)sizeof e) {
		set_cause(cause, "cannot run %s: %s", argv[0], strerror(e));
		proc_reap(p);
		proc_close_pipes(p);
		return -1;
	}
	if (p->out_fd >= 0)
		fcntl(p->out_fd, F_SETFL, fcntl(p->out_fd, F_GETFL) | O_NONBLOCK);
	if (p->err_fd >= 0)
		fcntl(p->err_fd, F_SETFL, fcntl(p->err_fd, F_GETFL) | O_NONBLOCK);
#if defined(__linux__) && defined(SYS_pidfd_open)
	p->pidfd = (int)syscall(SYS_pidfd_open, pid, 0);
	if (p->pidfd < 0)
		p->pidfd = -1;
#endif
	return 0;
}

/* The leader in the foreground was stopped (^Z): stop with it, resume it with us. */
static void
follow_stop(struct proc *p)
{
	give_terminal(getpgrp());
	raise(SIGTSTP);
	give_terminal(p->pid);
	kill(-p->pid, SIGCONT);
}

int
proc_exited(struct proc *p)
{
	if (p->exited || p->pid <= 0)
		return 1;
	siginfo_t si;
	if (p->foreground) {
		memset(&si, 0, sizeof si);
		if (waitid(P_PID, (id_t)p->pid, &si, WSTOPPED | WNOHANG) == 0 &&
		    si.si_pid == p->pid)
			follow_stop(p);
	}
	memset(&si, 0, sizeof si);
	if (waitid(P_PID, (id_t)p->pid, &si, WEXITED | WNOHANG | WNOWAIT) != 0) {
		if (errno != ECHILD)
			return 0;
		p->exited = p->reaped = 1; /* reaped by someone else: nothing to learn */
		p->status = 127;
		return 1;
	}
	if (si.si_pid != p->pid)
		return 0;
	p->exited = 1;
	p->status = si.si_code == CLD_EXITED ? si.si_status : 128 + si.si_status;
	return 1;
}

void
proc_signal_group(const struct proc *p, int sig)
{
	if (p->pid > 0 && !p->reaped)
		kill(-p->pid, sig);
}

void
proc_reap(struct proc *p)
{
	if (p->pid > 0 && !p->reaped) {
		int st;
		pid_t r;
		while ((r = waitpid(p->pid, &st, 0)) < 0 && errno == EINTR)
			;
		if (r == p->pid && !p->exited)
			p->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
		p->exited = p->reaped = 1;
	}
	if (p->foreground) {
		give_terminal(getpgrp());
		p->foreground = 0;
	}
	close_fd(&p->pidfd);
}

int
proc_run_foreground(const char *const *argv, char *const *envp, char **cause)
{
	struct proc p;
	if (proc_spawn(argv, envp, PROC_INHERIT, &p, cause) == -1)
		return -1;
	while (!proc_exited(&p)) {
		struct pollfd pfd = {p.pidfd, POLLIN, 0};
		poll(&pfd, p.pidfd >= 0 ? 1 : 0, 50);
	}
	proc_reap(&p);
	return p.status;
}

void
proc_terminal_take(const struct proc *p)
{
	if (p->foreground && !p->reaped)
		give_terminal(getpgrp());
}

void
proc_terminal_return(const struct proc *p)
{
	if (p->foreground && !p->exited)
		give_terminal(p->pid);
}

void
proc_close_pipes(struct proc *p)
{
	close_fd(&p->out_fd);
	close_fd(&p->err_fd);
}

/* Write all of data to fd until deadline; a reader that went away is not an error. */
static void
write_all(int fd, const char *data, size_t len, long long deadline)
{
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
#ifdef F_SETNOSIGPIPE
	fcntl(fd, F_SETNOSIGPIPE, 1);
#else
	sigset_t pipe_set, old, pending;
	sigemptyset(&pipe_set);
	sigaddset(&pipe_set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_set, &old);
	sigpending(&pending);
	int was_pending = sigismember(&pending, SIGPIPE);
#endif
	int broken = 0;
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n > 0) {
			data += n;
			len -= (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN) {
			long long left = deadline - proc_now_ms();
			if (left <= 0)
				break;
			struct pollfd pfd = {fd, POLLOUT, 0};
			poll(&pfd, 1, (int)(left > 1000 ? 1000 : left));
			continue;
		}
		broken = 1;
		break;
	}
#ifndef F_SETNOSIGPIPE
	if (broken && !was_pending) {
		struct timespec zero = {0, 0};
		sigtimedwait(&pipe_set, NULL, &zero);
	}
	pthread_sigmask(SIG_SETMASK, &old, NULL);
#else
	(void)broken;
#endif
}

enum helper_msg { HELPER_EXEC_FAILED = 1, HELPER_EXITED, HELPER_RUNNING };

int
proc_run_helper(const char *const *argv, const char *input, size_t len, long timeout_ms,
		char **cause)
{
	int st[2], in[2] = {-1, -1}, devnull;
	if (cloexec_pipe(st) != 0) {
		set_cause(cause, "cannot start %s: %s", argv[0], strerror(errno));
		return -1;
	}
	if ((input != NULL && cloexec_pipe(in) != 0) ||
	    (devnull = open("/dev/null", O_RDWR | O_CLOEXEC)) < 0) {
		set_cause(cause, "cannot start %s: %s", argv[0], strerror(errno));
		close_fd(&st[0]), close_fd(&st[1]), close_fd(&in[0]), close_fd(&in[1]);
		return -1;
	}
	int max_fd = fd_limit();
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	pid_t middle = fork();
	if (middle == 0) {
		/* The middle process: a new session, the helper, a bounded wait. */
		setsid();
		pid_t h = fork();
		if (h == 0) {
			dup2(in[0] >= 0 ? in[0] : devnull, STDIN_FILENO);
			dup2(devnull, STDOUT_FILENO);
			dup2(devnull, STDERR_FILENO);
			child_cloexec_from_3(max_fd);
			child_reset_signals();
			execve(argv[0], (char *const *)argv, environ);
			int msg[2] = {HELPER_EXEC_FAILED, errno};
			ssize_t w = write(st[1], msg, sizeof msg);
			(void)w;
			_exit(127);
		}
		if (in[0] >= 0)
			close(in[0]), close(in[1]);
		int msg[2] = {HELPER_RUNNING, 0};
		if (h < 0) {
			msg[0] = HELPER_EXEC_FAILED, msg[1] = errno;
		} else {
			struct timespec tick = {0, 5 * 1000000};
			for (long waited = 0;; waited += 5) {
				int s;
				if (waitpid(h, &s, WNOHANG) == h) {
					msg[0] = HELPER_EXITED;
					msg[1] = WIFEXITED(s) ? WEXITSTATUS(s) : 128 + WTERMSIG(s);
					break;
				}
				if (waited >= timeout_ms)
					break;
				nanosleep(&tick, NULL);
			}
		}
		ssize_t w = write(st[1], msg, sizeof msg);
		(void)w;
		_exit(0);
	}
	int fork_errno = errno;
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	close_fd(&st[1]), close_fd(&in[0]), close_fd(&devnull);
	if (middle < 0) {
		set_cause(cause, "cannot start %s: %s", argv[0], strerror(fork_errno));
		close_fd(&st[0]), close_fd(&in[1]);
		return -1;
	}
	if (in[1] >= 0) {
		write_all(in[1], input, len, proc_now_ms() + timeout_ms);
		close_fd(&in[1]);
	}
	int result = PROC_STILL_RUNNING, failed = 0, msg[2];
	ssize_t n;
	for (;;) {
		n = read(st[0], msg, sizeof msg);
		if (n < 0 && errno == EINTR)
			continue;
		if (n != (ssize_t)sizeof msg)
			break;
		if (msg[0] == HELPER_EXEC_FAILED) {
			failed = msg[1];
		} else if (msg[0] == HELPER_EXITED)
			result = msg[1];
	}
	close_fd(&st[0]);
	while (waitpid(middle, NULL, 0) < 0 && errno == EINTR)
		;
	if (failed != 0) {
		set_cause(cause, "cannot run %s: %s", argv[0], strerror(failed));
		return -1;
	}
	return result;
}

char *
proc_capture(const char *const *argv, long timeout_ms)
{
	struct proc p;
	if (proc_spawn(argv, environ, PROC_CAPTURE, &p, NULL) != 0)
		return NULL;
	close_fd(&p.err_fd);
	struct strbuf sb = STRBUF_INIT;
	long long deadline = proc_now_ms() + timeout_ms;
	while (p.out_fd >= 0) {
		long long left = deadline - proc_now_ms();
		if (left <= 0)
			break;
		struct pollfd pfd = {p.out_fd, POLLIN, 0};
		if (poll(&pfd, 1, (int)left) <= 0)
			continue;
		char buf[4096];
		ssize_t n = read(p.out_fd, buf, sizeof buf);
		if (n > 0 && sb.len < 65536)
			sb_addn(&sb, buf, (size_t)n);
		else if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR))
			close_fd(&p.out_fd);
	}
	int timed_out = p.out_fd >= 0;
	if (timed_out)
		proc_signal_group(&p, SIGKILL);
	proc_close_pipes(&p);
	proc_reap(&p);
	if (timed_out || p.status != 0) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}
