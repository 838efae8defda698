/*
 * The launcher.  For now a placeholder screen with a working search bar; the
 * launcher issue replaces it with the real panes.  It already keeps the
 * promise every later version keeps: the terminal is restored on every exit
 * path (normal, error, signal, fatal).
 */
#include "build-config.h"

#include <curses.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "launcher.h"
#include "strbuf.h"
#include "utf8.h"
#include "xmalloc.h"

static volatile sig_atomic_t launcher_signal;

static void
launcher_on_signal(int sig)
{
	launcher_signal = sig;
}

static void
launcher_restore_terminal(void)
{
	if (!isendwin())
		endwin();
}

static void
draw(const struct strbuf *query)
{
	erase();
	int rows = LINES, cols = COLS;
	attron(A_BOLD);
	mvaddstr(0, 0, "> ");
	attroff(A_BOLD);
	addnstr(sb_str(query), (int)query->len);
	int cursor_x = 2 + (int)utf8_width_n(sb_str(query), query->len);
	mvhline(1, 0, ACS_HLINE, cols);
	if (rows > 3)
		mvaddstr(2, 0, "chitty: nothing to search yet");
	if (rows > 1) {
		attron(A_DIM);
		mvaddnstr(rows - 1, 0, "esc clear/quit  ctrl-c quit", cols);
		attroff(A_DIM);
	}
	move(0, cursor_x < cols ? cursor_x : cols - 1);
	refresh();
}

int
launcher_main(const struct launcher_options *opts)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		fprintf(stderr,
			"chitty: the launcher needs a terminal (try 'chitty search QUERY')\n");
		return 1;
	}
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = launcher_on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	set_escdelay(25);
	if (initscr() == NULL)
		return 1;
	fatal_cleanup_hook = launcher_restore_terminal;
	raw();
	noecho();
	keypad(stdscr, TRUE);
	timeout(100);

	struct strbuf query = STRBUF_INIT;
	if (opts->query != NULL)
		sb_add(&query, opts->query);
	int status = 0;
	for (;;) {
		if (launcher_signal != 0) {
			status = 128 + launcher_signal;
			break;
		}
		draw(&query);
		wint_t ch;
		int kind = get_wch(&ch);
		if (kind == ERR)
			continue;
		if (kind == KEY_CODE_YES) {
			if (ch == KEY_BACKSPACE && query.len > 0)
				sb_truncate(&query, utf8_prev(query.s, query.len));
			continue;
		}
		if (ch == 3) { /* ctrl-c */
			status = 130;
			break;
		}
		if (ch == 27) { /* Esc: clear, else quit */
			if (query.len == 0)
				break;
			sb_truncate(&query, 0);
			continue;
		}
		if (ch == 127 || ch == 8) {
			if (query.len > 0)
				sb_truncate(&query, utf8_prev(query.s, query.len));
			continue;
		}
		if (ch >= 0x20) {
			char buf[4];
			sb_addn(&query, buf, utf8_encode((uint32_t)ch, buf));
		}
	}
	launcher_restore_terminal();
	fatal_cleanup_hook = NULL;
	sb_free(&query);
	return status;
}
