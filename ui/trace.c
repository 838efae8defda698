/* Opt-in timing trace (see trace.h). */
#include "build-config.h"

#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

#include "trace.h"

static int trace_fd = -1;

long long
trace_now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

void
trace_open(void)
{
	const char *path = getenv("CHITTY_TRACE");
	if (trace_fd != -1 || path == NULL || *path == '\0')
		return;
	trace_fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
}

void
trace_close(void)
{
	if (trace_fd != -1)
		close(trace_fd);
	trace_fd = -1;
}

int
trace_enabled(void)
{
	return trace_fd != -1;
}

void
trace_event(const char *what, const char *fmt, ...)
{
	if (trace_fd == -1)
		return;
	char line[256];
	int n = snprintf(line, sizeof line, "%s %lld", what, trace_now_ns());
	if (fmt != NULL && *fmt != '\0' && n > 0 && (size_t)n < sizeof line - 2) {
		line[n++] = ' ';
		va_list ap;
		va_start(ap, fmt);
		int m = vsnprintf(line + n, sizeof line - (size_t)n - 1, fmt, ap);
		va_end(ap);
		if (m > 0)
			n += m < (int)(sizeof line - (size_t)n - 1)
				     ? m
				     : (int)(sizeof line - (size_t)n - 2);
	}
	if (n > 0 && (size_t)n < sizeof line - 1) {
		line[n++] = '\n';
		ssize_t w = write(trace_fd, line, (size_t)n);
		(void)w;
	}
}
