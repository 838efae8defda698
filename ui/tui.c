/* The curses wrapper (rules in tui.h). */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <wchar.h>

#include "tui.h"
#include "utf8.h"
#include "xmalloc.h"

/* Bracketed paste, mouse buttons + SGR reports, kitty "disambiguate", modifyOtherKeys 1. */
#define MODES_ON_KEYS   "\033[?2004h\033[>1u\033[>4;1m"
#define MODES_OFF_KEYS  "\033[>4m\033[<u\033[?2004l"
#define MODES_ON_MOUSE  "\033[?1000h\033[?1006h"
#define MODES_OFF_MOUSE "\033[?1006l\033[?1000l"

static struct tui *tui_current;

struct pair {
	short fg, bg;
};
static struct pair pairs[256];
static int n_pairs;

static void
write_all(int fd, const char *s)
{
	size_t len = strlen(s);
	while (len > 0) {
		ssize_t w = write(fd, s, len);
		if (w <= 0)
			return;
		s += w;
		len -= (size_t)w;
	}
}

static void
modes(struct tui *t, int on)
{
	fflush(t->out);
	if (on) {
		write_all(t->out_fd, MODES_ON_KEYS);
		if (t->mouse)
			write_all(t->out_fd, MODES_ON_MOUSE);
	} else {
		if (t->mouse)
			write_all(t->out_fd, MODES_OFF_MOUSE);
		write_all(t->out_fd, MODES_OFF_KEYS);
	}
}

static void
fatal_restore(void)
{
	if (tui_current != NULL)
		tui_end(tui_current);
}

int
tui_init(struct tui *t, FILE *in, FILE *out, const char *theme, int mouse, char **warning,
	 char **cause)
{
	memset(t, 0, sizeof *t);
	*warning = NULL;
	t->out = out;
	t->in = in;
	t->out_fd = fileno(out);
	t->mouse = mouse;
	/* curses must not see a stale size from the environment */
	const char *term = getenv("TERM");
	if (term == NULL || *term == '\0' || strcmp(term, "dumb") == 0) {
		set_cause(cause, "the launcher needs a terminal with cursor movement (TERM is %s)",
			  term == NULL || *term == '\0' ? "not set" : term);
		return -1;
	}
	t->screen = newterm(NULL, out, in);
	if (t->screen == NULL) {
		set_cause(cause, "cannot start curses on this terminal (TERM=%s)", term);
		return -1;
	}
	set_term(t->screen);
	tui_current = t;
	fatal_cleanup_hook = fatal_restore;
	t->active = 1;
	raw();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, FALSE);
	leaveok(stdscr, FALSE);
	n_pairs = 0;
	int colors = 0;
	if (has_colors() && start_color() == OK) {
		use_default_colors();
		colors = COLORS;
	}
	if (theme_load(theme, colors, theme_no_color_env(), &t->theme, warning) != 0 &&
	    *warning == NULL)
		*warning = xstrdup("unknown theme");
	modes(t, 1);
	t->rows = LINES;
	t->cols = COLS;
	return 0;
}

void
tui_end(struct tui *t)
{
	if (t == NULL || t->screen == NULL)
		return;
	if (t->active) {
		modes(t, 0);
		curs_set(1);
		endwin();
		t->active = 0;
	}
	fflush(t->out);
	delscreen(t->screen);
	t->screen = NULL;
	if (tui_current == t) {
		tui_current = NULL;
		fatal_cleanup_hook = NULL;
	}
}

void
tui_suspend(struct tui *t)
{
	if (!t->active)
		return;
	modes(t, 0);
	def_prog_mode();
	curs_set(1);
	endwin();
	fflush(t->out);
	t->active = 0;
}

void
tui_resume(struct tui *t)
{
	if (t->active || t->screen == NULL)
		return;
	reset_prog_mode();
	modes(t, 1);
	t->active = 1;
	tui_resize(t);
	clearok(curscr, TRUE);
}

void
tui_resize(struct tui *t)
{
	struct winsize ws;
	if (ioctl(t->out_fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resize_term(ws.ws_row, ws.ws_col);
	t->rows = LINES;
	t->cols = COLS;
	clearok(curscr, TRUE);
}

static short
pair_for(short fg, short bg)
{
	if (fg >= COLORS)
		fg = -1;
	if (bg >= COLORS)
		bg = -1;
	if (fg == -1 && bg == -1)
		return 0;
	for (int i = 0; i < n_pairs; i++)
		if (pairs[i].fg == fg && pairs[i].bg == bg)
			return (short)(i + 1);
	/* attr_t holds 8 bits of pair number */
	if (n_pairs + 1 >= COLOR_PAIRS || n_pairs + 1 > 255)
		return 0;
	init_pair((short)(n_pairs + 1), fg, bg);
	pairs[n_pairs].fg = fg;
	pairs[n_pairs].bg = bg;
	n_pairs++;
	return (short)n_pairs;
}

static attr_t
attrs_of(unsigned a)
{
	attr_t r = A_NORMAL;
	if (a & THEME_BOLD)
		r |= A_BOLD;
	if (a & THEME_DIM)
		r |= A_DIM;
	if (a & THEME_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & THEME_REVERSE)
		r |= A_REVERSE;
#ifdef A_ITALIC
	if (a & THEME_ITALIC)
		r |= A_ITALIC;
#endif
	return r;
}

attr_t
tui_attr(struct tui *t, enum theme_role role)
{
	const struct theme_style *s = &t->theme.role[role];
	attr_t a = attrs_of(s->attrs);
	if (t->theme.colors > 0)
		a |= COLOR_PAIR(pair_for(s->fg, s->bg));
	return a;
}

attr_t
tui_attr_on(struct tui *t, enum theme_role fg, enum theme_role bg)
{
	const struct theme_style *f = &t->theme.role[fg], *b = &t->theme.role[bg];
	attr_t a = attrs_of(f->attrs | b->attrs);
	if (t->theme.colors > 0)
		a |= COLOR_PAIR(pair_for(f->fg != THEME_DEFAULT_COLOR ? f->fg : b->fg,
					 b->bg != THEME_DEFAULT_COLOR ? b->bg : f->bg));
	return a;
}

static int
shown_width(uint32_t cp, int *shown)
{
	if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xA0) ||
	    (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
		*shown = UTF8_REPLACEMENT;
		return 1;
	}
	*shown = (int)cp;
	return utf8_cp_width(cp);
}

size_t
tui_width(const char *s, size_t len)
{
	size_t w = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int shown;
		i += utf8_decode(s + i, len - i, &cp);
		w += (size_t)shown_width(cp, &shown);
	}
	return w;
}

int
tui_put(struct tui *t, int y, int x, const char *s, size_t len, int maxcols, attr_t attr)
{
	(void)t;
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || maxcols <= 0)
		return 0;
	if (maxcols > COLS - x)
		maxcols = COLS - x;
	wchar_t buf[256];
	size_t n = 0;
	int used = 0;
	attr_set(attr, (short)PAIR_NUMBER(attr), NULL);
	move(y, x);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int shown;
		i += utf8_decode(s + i, len - i, &cp);
		int w = shown_width(cp, &shown);
		if (w == 0 && used == 0)
			continue; /* a combining mark with nothing before it */
		if (used + w > maxcols)
			break;
		if (n + 1 >= sizeof buf / sizeof buf[0]) {
			addnwstr(buf, (int)n);
			n = 0;
		}
		buf[n++] = (wchar_t)shown;
		used += w;
	}
	if (n > 0)
		addnwstr(buf, (int)n);
	attr_set(A_NORMAL, 0, NULL);
	return used;
}

int
tui_puts(struct tui *t, int y, int x, const char *s, int maxcols, attr_t attr)
{
	return s != NULL ? tui_put(t, y, x, s, strlen(s), maxcols, attr) : 0;
}

void
tui_fill(struct tui *t, int y, int x, int cols, attr_t attr)
{
	(void)t;
	if (y < 0 || y >= LINES || x < 0 || x >= COLS || cols <= 0)
		return;
	if (cols > COLS - x)
		cols = COLS - x;
	attr_set(attr, (short)PAIR_NUMBER(attr), NULL);
	mvhline(y, x, ' ', cols);
	attr_set(A_NORMAL, 0, NULL);
}

void
tui_hline(struct tui *t, int y, int x, const char *s, int cols, attr_t attr)
{
	for (int i = 0; i < cols && x + i < COLS; i++)
		tui_puts(t, y, x + i, s, 1, attr);
}

void
tui_flush(struct tui *t)
{
	(void)t;
	wnoutrefresh(stdscr);
	doupdate();
}
