/*
 * The curses wrapper: the one place that starts, suspends and ends
 * ncursesw, turns theme roles into attributes, and draws UTF-8 text
 * clipped to a number of columns.  Keys are not read through curses: the
 * launcher reads the terminal itself and decodes with keys.h, which knows
 * bracketed paste, SGR mouse, alt and ctrl+enter.
 *
 * Terminal modes turned on with curses and off before it ends (every
 * exit path, through tui_end, which fatal() also reaches): bracketed
 * paste, SGR mouse reports (buttons and wheel), the kitty keyboard
 * protocol's "disambiguate" level and xterm's modifyOtherKeys level 1
 * (how ctrl+enter and ctrl+shift+letter become visible; terminals without
 * them ignore the requests).
 *
 * One terminal at a time (curses is global); not thread-safe: the UI
 * thread only.
 */
#ifndef CHITTY_TUI_H
#define CHITTY_TUI_H

#include <stddef.h>
#include <stdio.h>

#include <curses.h>

#include "theme.h"

struct tui {
	SCREEN *screen;
	FILE *out;
	FILE *in;
	int out_fd;
	int active; /* curses is running (not ended or suspended) */
	int mouse;  /* report mouse events */
	struct theme theme;
	int rows, cols;
};

/*
 * Start curses on a terminal: output to out, terminal settings on in_fd
 * (the launcher: stdin/stdout; the picker: /dev/tty).  theme: the
 * config's name (NULL: default); an unknown name is reported in *warning
 * (a new string) and the default is used.  0, or -1 with *cause set.
 */
int tui_init(struct tui *t, FILE *in, FILE *out, const char *theme, int mouse, char **warning,
	     char **cause);
/* End curses and restore the terminal; safe to call again, and from fatal(). */
void tui_end(struct tui *t);
/* Hand the terminal to another program (an editor) and take it back. */
void tui_suspend(struct tui *t);
void tui_resume(struct tui *t);
/* The terminal changed size: read it and resize curses's screens. */
void tui_resize(struct tui *t);

/* The attribute (colour pair included) for a role. */
attr_t tui_attr(struct tui *t, enum theme_role role);
/* fg role's colour and attributes on bg role's background (a selected row). */
attr_t tui_attr_on(struct tui *t, enum theme_role fg, enum theme_role bg);

/*
 * Draw len bytes of s at (y, x) in at most maxcols columns; returns the
 * columns used.  Control characters show as U+FFFD, a wide character that
 * does not fit whole is left out, combining marks join their letter.
 * Nothing is drawn outside the screen.
 */
int tui_put(struct tui *t, int y, int x, const char *s, size_t len, int maxcols, attr_t attr);
int tui_puts(struct tui *t, int y, int x, const char *s, int maxcols, attr_t attr);
/* cols spaces at (y, x), clipped to the screen. */
void tui_fill(struct tui *t, int y, int x, int cols, attr_t attr);
/* cols copies of a one-column string (a rule: "─"). */
void tui_hline(struct tui *t, int y, int x, const char *s, int cols, attr_t attr);
/* Send the frame to the terminal. */
void tui_flush(struct tui *t);

/* Columns s takes as tui_put draws it. */
size_t tui_width(const char *s, size_t len);

#endif
