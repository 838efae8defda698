/*
 * The full-screen launcher, the interactive picker and `chitty config`'s
 * "New remote" screen: the only entry points into ui/ from src/.
 */
#ifndef CHITTY_LAUNCHER_H
#define CHITTY_LAUNCHER_H

struct launcher_options {
	const char *query; /* pre-filled search text, or NULL */
	int keep_open;     /* stay open after running an action */
};

/* Run the launcher on the controlling terminal; returns the exit status. */
int launcher_main(const struct launcher_options *opts);

struct picker_options {
	const char *query;  /* -q: start with this typed, or NULL */
	const char *prompt; /* -p: NULL for "> " */
	long lines;         /* -l: result lines shown; 0 for the whole screen */
	int show_scores;    /* -s */
	int workers;        /* -j: ranking threads; 0 for every core */
	int delim;          /* '\n', or '\0' for -0 */
};

/*
 * `chitty filter` without -e: pick a line of standard input on /dev/tty
 * and print it.  Returns the exit status: 0 (printed), 1 (Esc, or an
 * error), 2 (no terminal), 130 (ctrl+c).
 */
int picker_main(const struct picker_options *opts);

/*
 * `chitty config` on a terminal: choose a remote type, fill its form, test
 * the connection (unless !test) and save (ui/new-remote.c).  Returns the exit
 * status: 0 saved, 1 left without saving, 2 no terminal, 130 ctrl+c.
 */
int config_ui_main(int test);

#endif
