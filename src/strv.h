/*
 * A growable vector of owned strings (keywords, argument lists, …).
 * v is kept NULL-terminated so it can go straight to execv.
 */
#ifndef CHITTY_STRV_H
#define CHITTY_STRV_H

#include <stddef.h>

struct strv {
	char **v;
	size_t n;
	size_t cap;
};

#define STRV_INIT                                                                                  \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}

/* Push a copy of s. */
void strv_push(struct strv *sv, const char *s);
/* Push s itself; sv takes ownership. */
void strv_push_owned(struct strv *sv, char *s);
int strv_contains(const struct strv *sv, const char *s);
/* Index of s, or -1. */
long strv_index(const struct strv *sv, const char *s);
void strv_copy(struct strv *dst, const struct strv *src);
/* Join with sep into a new string ("" when empty). */
char *strv_join(const struct strv *sv, const char *sep);
/* Split s at every byte in seps, dropping empty pieces. */
void strv_split(struct strv *sv, const char *s, const char *seps);
void strv_free(struct strv *sv);

#endif
