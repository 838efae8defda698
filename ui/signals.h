/*
 * Signals while chitty owns the terminal: SIGWINCH, SIGINT, SIGTERM and
 * SIGHUP only set a flag and write a byte to a wake-up descriptor, so the
 * poll loop handles them (redraw, or restore the terminal and exit with
 * 128+N); SIGPIPE is ignored.  The previous dispositions come back with
 * signals_restore.
 */
#ifndef CHITTY_SIGNALS_H
#define CHITTY_SIGNALS_H

/* A non-blocking, close-on-exec pipe for waking a poll loop.  0 or -1 (errno). */
int wake_pipe(int fds[2]);
void signals_install(int wake_fd);
void signals_restore(void);
/* The terminating signal received (and clears it), or 0. */
int signals_fatal(void);
/* 1 when the terminal was resized since the last call. */
int signals_winch(void);

#endif
