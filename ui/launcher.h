/* The full-screen launcher: the only entry point into ui/ from src/. */
#ifndef CHITTY_LAUNCHER_H
#define CHITTY_LAUNCHER_H

struct launcher_options {
	const char *query; /* pre-filled search text, or NULL */
	int keep_open;     /* stay open after running an action */
};

/* Run the launcher on the controlling terminal; returns the exit status. */
int launcher_main(const struct launcher_options *opts);

#endif
