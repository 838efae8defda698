/*
 * A small TAP producer for unit tests: each check prints "ok N - name" or
 * "not ok N - name" with a diagnostic, and done_testing() prints the plan and
 * returns the exit status.  Automake's TAP driver counts every check.
 */
#ifndef CHITTY_TAP_H
#define CHITTY_TAP_H

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* The source tree (for fixtures), from the test environment. */
static inline const char *
tap_srcdir(void)
{
	const char *s = getenv("CHITTY_SRCDIR");
	return s != NULL && *s != '\0' ? s : ".";
}

#endif
