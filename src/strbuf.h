/*
 * A growable byte string.  The buffer is always NUL-terminated, so sb.s can be
 * used as a C string; it may also hold NUL bytes when built with sb_addn.
 */
#ifndef CHITTY_STRBUF_H
#define CHITTY_STRBUF_H

#include <stddef.h>

#include "xmalloc.h"

struct strbuf {
	char *s; /* NULL until the first add; use sb_str() for "" */
	size_t len;
	size_t cap;
};

#define STRBUF_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

void sb_addn(struct strbuf *sb, const void *data, size_t len);
void sb_add(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) printflike(2, 3);
/* Repeat s n times (padding). */
void sb_addrep(struct strbuf *sb, const char *s, size_t n);
/* Borrowed view: "" when empty. */
const char *sb_str(const struct strbuf *sb);
void sb_truncate(struct strbuf *sb, size_t len);
/* Hand the buffer to the caller (never NULL) and reset sb. */
char *sb_detach(struct strbuf *sb);
void sb_free(struct strbuf *sb);

#endif
