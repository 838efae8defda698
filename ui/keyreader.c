/* Keys from a terminal descriptor (rules in keyreader.h). */
#include "build-config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "keyreader.h"
#include "trace.h"
#include "xmalloc.h"

/* A paste up to the decoder's limit, and then some, fits. */
#define KEYREADER_MAX (KEYS_PASTE_MAX + 65536)

void
keyreader_init(struct keyreader *kr)
{
	memset(kr, 0, sizeof *kr);
	kr->buf = xmalloc(KEYREADER_MAX);
}

void
keyreader_free(struct keyreader *kr)
{
	free(kr->buf);
	memset(kr, 0, sizeof *kr);
}

int
keyreader_fill(struct keyreader *kr, int fd)
{
	if (kr->pos > 0) {
		memmove(kr->buf, kr->buf + kr->pos, kr->len - kr->pos);
		kr->len -= kr->pos;
		kr->pos = 0;
	}
	if (kr->len == KEYREADER_MAX)
		return 0; /* full: keyreader_next takes what is there first */
	ssize_t got = read(fd, kr->buf + kr->len, KEYREADER_MAX - kr->len);
	if (got == 0)
		return -1;
	if (got < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -1;
	kr->len += (size_t)got;
	kr->deadline = trace_now_ns() + KEYREADER_ESC_MS * 1000000LL;
	return 0;
}

int
keyreader_next(struct keyreader *kr, struct tkey *key)
{
	if (kr->pos >= kr->len)
		return 0;
	int final = trace_now_ns() >= kr->deadline || kr->len == KEYREADER_MAX;
	size_t used = keys_decode(kr->buf + kr->pos, kr->len - kr->pos, final, key);
	if (used == 0)
		return 0;
	kr->pos += used;
	return 1;
}

int
keyreader_timeout(const struct keyreader *kr)
{
	if (kr->pos >= kr->len)
		return -1;
	long long left = kr->deadline - trace_now_ns();
	return left <= 0 ? 0 : (int)((left + 999999) / 1000000);
}
