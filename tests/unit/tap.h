/*
 * A small TAP producer for unit tests: each check prints "ok N - name" or
 * "not ok N - name" with a diagnostic, and done_testing() prints the plan and
 * returns the exit status.  Automake's TAP driver counts every check.
 */
#ifndef CHITTY_TAP_H
#define CHITTY_TAP_H

#include <grp.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

static int tap_count, tap_failed;

static inline int __attribute__((format(printf, 2, 3))) ok(int cond, const char *fmt, ...)
{
	va_list ap;
	tap_count++;
	printf("%sok %d - ", cond ? "" : "not ", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!cond)
		tap_failed++;
	fflush(stdout);
	return cond;
}

static inline void __attribute__((format(printf, 1, 2))) diag(const char *fmt, ...)
{
	va_list ap;
	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

#define is_str(got, want, ...)                                                                     \
	do {                                                                                       \
		const char *g_ = (got), *w_ = (want);                                              \
		int c_ = (g_ == NULL && w_ == NULL) || (g_ && w_ && strcmp(g_, w_) == 0);          \
		if (!ok(c_, __VA_ARGS__))                                                          \
			diag("got '%s', want '%s'", g_ ? g_ : "(null)", w_ ? w_ : "(null)");       \
	} while (0)

#define is_int(got, want, ...)                                                                     \
	do {                                                                                       \
		long long g_ = (long long)(got), w_ = (long long)(want);                           \
		if (!ok(g_ == w_, __VA_ARGS__))                                                    \
			diag("got %lld, want %lld", g_, w_);                                       \
	} while (0)

#define is_double(got, want, ...)                                                                  \
	do {                                                                                       \
		double g_ = (got), w_ = (want);                                                    \
		int c_ = (g_ == w_) || (isnan(g_) && isnan(w_));                                   \
		if (!ok(c_, __VA_ARGS__))                                                          \
			diag("got %.17g, want %.17g", g_, w_);                                     \
	} while (0)

static inline int
done_testing(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed == 0 ? 0 : 1;
}

/* One check that cannot run here (counted as skipped, not passed). */
static inline void
skip(const char *name, const char *why)
{
	printf("ok %d - %s # SKIP %s\n", ++tap_count, name, why);
	fflush(stdout);
}

/* Skip a whole test program (counted as skipped, not passed). */
static inline int
skip_all(const char *why)
{
	printf("1..0 # SKIP %s\n", why);
	return 0;
}

/*
 * A private sandbox: HOME and every XDG folder point into a new temporary
 * folder, so nothing a test does touches the real home.  Returns the folder
 * (static storage).
 */
static inline const char *
tap_sandbox(void)
{
	static char dir[256];
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/chitty-unit.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (mkdtemp(dir) == NULL) {
		printf("Bail out! cannot create a temporary folder\n");
		exit(1);
	}
	char buf[512];
	setenv("HOME", dir, 1);
	snprintf(buf, sizeof buf, "%s/config", dir);
	setenv("XDG_CONFIG_HOME", buf, 1);
	snprintf(buf, sizeof buf, "%s/cache", dir);
	setenv("XDG_CACHE_HOME", buf, 1);
	snprintf(buf, sizeof buf, "%s/state", dir);
	setenv("XDG_STATE_HOME", buf, 1);
	snprintf(buf, sizeof buf, "%s/data", dir);
	setenv("XDG_DATA_HOME", buf, 1);
	return dir;
}

/* rm -rf the sandbox (best effort). */
static inline void
tap_sandbox_remove(const char *dir)
{
	char cmd[600];
	if (dir != NULL && strncmp(dir, "/", 1) == 0 && strstr(dir, "chitty-unit.") != NULL) {
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
		if (system(cmd) != 0)
			diag("could not remove %s", dir);
	}
}

/*
 * Run check(arg) as an unprivileged user, so that a permission a test takes
 * away holds even when the tests run as root (as CI does).  Not root: check
 * runs here.  Root: the sandbox dir is handed to nobody (65534) for the
 * time of the check (chown -R, given back after), and check runs in a child
 * that dropped to nobody.  check writes what it saw (a cause) into msg
 * (size bytes).  Returns check's result (1 passed, 0 failed), or -1 with
 * msg saying why the check could not run.
 */
typedef int (*tap_check_fn)(void *arg, char *msg, size_t size);

static inline int
tap_unprivileged(const char *dir, tap_check_fn check, void *arg, char *msg, size_t size)
{
	msg[0] = '\0';
	if (geteuid() != 0)
		return check(arg, msg, size) ? 1 : 0;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "chown -R 65534:65534 '%s'", dir);
	if (system(cmd) != 0) {
		snprintf(msg, size, "cannot hand %s to nobody", dir);
		return -1;
	}
	int pipefd[2];
	if (pipe(pipefd) != 0) {
		snprintf(msg, size, "pipe failed");
		return -1;
	}
	fflush(stdout);
	pid_t child = fork();
	if (child == 0) {
		close(pipefd[0]);
		/* setgroups(0, NULL) first: setuid keeps root's supplementary groups */
		if (setgroups(0, NULL) != 0 || setgid(65534) != 0 || setuid(65534) != 0)
			_exit(77);
		if (access(dir, X_OK) != 0)
			_exit(78);
		char buf[1024] = "";
		int passed = check(arg, buf, sizeof buf);
		if (write(pipefd[1], buf, strlen(buf)) < 0)
			_exit(79);
		_exit(passed ? 0 : 1);
	}
	close(pipefd[1]);
	ssize_t got = child > 0 ? read(pipefd[0], msg, size - 1) : -1;
	msg[got > 0 ? got : 0] = '\0';
	close(pipefd[0]);
	int status = 0;
	if (child > 0)
		waitpid(child, &status, 0);
	snprintf(cmd, sizeof cmd, "chown -R %d:%d '%s'", (int)getuid(), (int)getgid(), dir);
	if (system(cmd) != 0)
		diag("could not take %s back from nobody", dir);
	int code = child > 0 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
	if (code == 0 || code == 1)
		return code == 0;
	snprintf(msg, size, "%s",
		 code == 77   ? "cannot drop to nobody (65534)"
		 : code == 78 ? "nobody cannot reach the sandbox (a private TMPDIR?)"
			      : "the unprivileged child failed");
	return -1;
}

/* The source tree (for fixtures), from the test environment. */
static inline const char *
tap_srcdir(void)
{
	const char *s = getenv("CHITTY_SRCDIR");
	return s != NULL && *s != '\0' ? s : ".";
}

#endif
