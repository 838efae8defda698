/*
 * The whole of an input stream in memory, as `chitty filter` (and the
 * interactive picker) need it: a regular file is mapped (no copy; the
 * pages load as the workers touch them), anything else (a pipe, a
 * terminal) is read to the end.
 */
#ifndef CHITTY_INPUT_H
#define CHITTY_INPUT_H

#include <stddef.h>

struct input {
	const char *data; /* len bytes (not NUL-terminated) */
	size_t len;
	void *map; /* mapping to release, or NULL */
	size_t map_len;
	char *owned; /* read buffer to free, or NULL */
};

/*
 * Read fd from its current offset to the end.  0, or -1 with *cause set
 * ("cannot read standard input: REASON").  name is used in messages.
 */
int input_read_fd(int fd, const char *name, struct input *in, char **cause);
/* Release what input_read_fd got; safe on a zeroed struct. */
void input_release(struct input *in);

#endif
