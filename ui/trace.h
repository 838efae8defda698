/*
 * Opt-in timing trace for the benchmark (tests/bench/): when
 * CHITTY_TRACE names a file, the launcher appends one line per event:
 *
 *   start NS                 the launcher started (launcher_main)
 *   phase NS WHAT            startup progress: config, snapshot, curses
 *   key NS                   a key was read from the terminal
 *   ranked NS US             the search thread ranked a query in US µs
 *   frame NS COMPLETE DRAW FLUSH
 *                            a frame reached the terminal; COMPLETE is 1
 *                            when it showed results for the current query;
 *                            DRAW and FLUSH are µs spent drawing and writing
 *   ready NS ITEMS           the whole catalog is loaded and indexed
 *
 * NS is CLOCK_MONOTONIC in nanoseconds, so a driver in another process
 * can compare it with its own clock.  Without CHITTY_TRACE every call is
 * a test of one pointer.
 */
#ifndef CHITTY_TRACE_H
#define CHITTY_TRACE_H

#include "xmalloc.h"

/* Open the trace file named by CHITTY_TRACE, if any.  Safe to call twice. */
void trace_open(void);
void trace_close(void);
int trace_enabled(void);
/* Append "WHAT NS ARGS\n". */
void trace_event(const char *what, const char *fmt, ...) printflike(2, 3);
/* Nanoseconds on CLOCK_MONOTONIC. */
long long trace_now_ns(void);

#endif
