/* Signals as events (rules in signals.h). */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "signals.h"
#include "xmalloc.h"

static const int handled[] = {SIGWINCH, SIGINT, SIGTERM, SIGHUP, SIGPIPE};
static struct sigaction saved[nitems(handled)];
static volatile sig_atomic_t got_fatal, got_winch;
static int wake = -1;
static int installed;

static void
on_signal(int sig)
{
	int e = errno;
	if (sig == SIGWINCH)
		got_winch = 1;
	else
		got_fatal = sig;
	if (wake != -1) {
		char b = 'S';
		ssize_t w = write(wake, &b, 1);
		(void)w;
	}
	errno = e;
}

int
wake_pipe(int fds[2])
{
	if (pipe(fds) != 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
		fcntl(fds[i], F_SETFD, FD_CLOEXEC);
	}
	return 0;
}

void
signals_install(int wake_fd)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	wake = wake_fd;
	got_fatal = got_winch = 0;
	for (size_t i = 0; i < nitems(handled); i++) {
		sa.sa_handler = handled[i] == SIGPIPE ? SIG_IGN : on_signal;
		sigaction(handled[i], &sa, &saved[i]);
	}
	installed = 1;
}

void
signals_restore(void)
{
	if (!installed)
		return;
	for (size_t i = 0; i < nitems(handled); i++)
		sigaction(handled[i], &saved[i], NULL);
	wake = -1;
	installed = 0;
}

int
signals_fatal(void)
{
	int sig = got_fatal;
	got_fatal = 0;
	return sig;
}

int
signals_winch(void)
{
	int w = got_winch;
	got_winch = 0;
	return w;
}
