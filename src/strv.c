#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "strv.h"
#include "xmalloc.h"

void
strv_push_owned(struct strv *sv, char *s)
{
	if (sv->n + 2 > sv->cap) {
		sv->cap = sv->cap ? sv->cap * 2 : 4;
		sv->v = xreallocarray(sv->v, sv->cap, sizeof *sv->v);
	}
	sv->v[sv->n++] = s;
	sv->v[sv->n] = NULL;
}

void
strv_push(struct strv *sv, const char *s)
{
	strv_push_owned(sv, xstrdup(s));
}

long
strv_index(const struct strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return (long)i;
	return -1;
}

int
strv_contains(const struct strv *sv, const char *s)
{
	return strv_index(sv, s) >= 0;
}

void
strv_copy(struct strv *dst, const struct strv *src)
{
	for (size_t i = 0; i < src->n; i++)
		strv_push(dst, src->v[i]);
}

char *
strv_join(const struct strv *sv, const char *sep)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < sv->n; i++) {
		if (i != 0)
			sb_add(&sb, sep);
		sb_add(&sb, sv->v[i]);
	}
	return sb_detach(&sb);
}

void
strv_split(struct strv *sv, const char *s, const char *seps)
{
	while (*s != '\0') {
		size_t skip = strspn(s, seps);
		s += skip;
		size_t len = strcspn(s, seps);
		if (len != 0)
			strv_push_owned(sv, xstrndup(s, len));
		s += len;
	}
}

void
strv_free(struct strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}
