/*
 * Keys from a terminal descriptor: bytes are read as they come and
 * decoded with keys.h.  A sequence cut short (an ESC alone, half a CSI)
 * waits up to KEYREADER_ESC_MS for the rest before it is taken as it
 * stands, so Escape works without delaying arrows.  Shared by the
 * launcher and the picker.
 */
#ifndef CHITTY_KEYREADER_H
#define CHITTY_KEYREADER_H

#include <stddef.h>

#include "keys.h"

#define KEYREADER_ESC_MS 25

struct keyreader {
	char *buf;
	size_t pos, len;    /* undecoded bytes are buf[pos..len) */
	long long deadline; /* when a partial sequence is resolved (trace_now_ns clock) */
};

void keyreader_init(struct keyreader *kr);
void keyreader_free(struct keyreader *kr);
/* Read what fd has (it must be readable).  0, or -1 at end of file or on an error. */
int keyreader_fill(struct keyreader *kr, int fd);
/*
 * The next key: 1 with *key filled (a paste's text points into the
 * reader, valid until the next call), 0 when none is complete yet.
 */
int keyreader_next(struct keyreader *kr, struct tkey *key);
/* Milliseconds a poll may wait before keyreader_next has something; -1: forever. */
int keyreader_timeout(const struct keyreader *kr);

#endif
