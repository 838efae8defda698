/* Launch history and frecency (see history.h for the rules). */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "fileio.h"
#include "history.h"
#include "paths.h"
#include "strbuf.h"
#include "xmalloc.h"

#define HISTORY_HEADER   "# chitty history 1: id, uses, last use times (newest first)"
#define HISTORY_MAX_FILE (16 * 1024 * 1024)

struct entry {
	char *id;
	unsigned long uses;
	time_t t[HISTORY_SAMPLES]; /* newest first */
	int nt;
};

struct history {
	char *path;
	struct entry *e;
	size_t n, cap;
	uint32_t *slots; /* open addressing: entry index + 1, 0 empty */
	size_t nslots;
	size_t skipped;
};

static uint32_t
hash_id(const char *s)
{
	uint32_t h = 2166136261u;
	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static void
rehash(struct history *h)
{
	free(h->slots);
	h->nslots = 64;
	while (h->nslots < 2 * h->n + 2)
		h->nslots *= 2;
	h->slots = xcalloc(h->nslots, sizeof *h->slots);
	for (size_t i = 0; i < h->n; i++) {
		size_t s = hash_id(h->e[i].id) & (h->nslots - 1);
		while (h->slots[s] != 0)
			s = (s + 1) & (h->nslots - 1);
		h->slots[s] = (uint32_t)(i + 1);
	}
}

static struct entry *
find(const struct history *h, const char *id)
{
	if (h->nslots == 0)
		return NULL;
	size_t s = hash_id(id) & (h->nslots - 1);
	while (h->slots[s] != 0) {
		struct entry *e = &h->e[h->slots[s] - 1];
		if (strcmp(e->id, id) == 0)
			return e;
		s = (s + 1) & (h->nslots - 1);
	}
	return NULL;
}

/* Append (the caller checked the id is new). */
static struct entry *
add(struct history *h, const char *id)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 64;
		h->e = xreallocarray(h->e, h->cap, sizeof *h->e);
	}
	struct entry *e = &h->e[h->n++];
	memset(e, 0, sizeof *e);
	e->id = xstrdup(id);
	if (2 * h->n + 2 > h->nslots)
		rehash(h);
	else {
		size_t s = hash_id(id) & (h->nslots - 1);
		while (h->slots[s] != 0)
			s = (s + 1) & (h->nslots - 1);
		h->slots[s] = (uint32_t)h->n;
	}
	return e;
}

static void
clear(struct history *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->e[i].id);
	free(h->e);
	free(h->slots);
	h->e = NULL;
	h->slots = NULL;
	h->n = h->cap = h->nslots = 0;
	h->skipped = 0;
}

static int
valid_id(const char *id)
{
	if (*id == '\0')
		return 0;
	for (const unsigned char *p = (const unsigned char *)id; *p != '\0'; p++)
		if (*p < 0x20 || *p == 0x7f)
			return 0;
	return 1;
}

static double
weight(time_t age)
{
	if (age < 0)
		age = 0; /* a clock that went back: as recent as can be */
	if (age <= 3600)
		return 120;
	if (age <= 86400)
		return 100;
	if (age <= 4 * 86400)
		return 80;
	if (age <= 14 * 86400)
		return 60;
	if (age <= 31 * 86400)
		return 40;
	if (age <= 90 * 86400)
		return 20;
	return 10;
}

static double
entry_score(const struct entry *e, time_t now)
{
	if (e->nt == 0 || e->uses == 0)
		return 0;
	double sum = 0;
	for (int k = 0; k < e->nt; k++)
		sum += weight(now - e->t[k]);
	return (double)e->uses * sum / e->nt;
}

/* Parse one line; 0 when it is not a valid entry. */
static int
parse_line(struct history *h, char *line)
{
	char *tab1 = strchr(line, '\t');
	if (tab1 == NULL)
		return 0;
	*tab1 = '\0';
	char *tab2 = strchr(tab1 + 1, '\t');
	if (tab2 == NULL)
		return 0;
	*tab2 = '\0';
	const char *id = line;
	if (!valid_id(id) || find(h, id) != NULL)
		return 0;
	char *end;
	errno = 0;
	unsigned long uses = strtoul(tab1 + 1, &end, 10);
	if (errno != 0 || end == tab1 + 1 || *end != '\0' || uses == 0 || uses > 1000000000UL ||
	    tab1[1] == '-')
		return 0;
	time_t t[HISTORY_SAMPLES];
	int nt = 0;
	char *p = tab2 + 1;
	while (*p != '\0' && nt < HISTORY_SAMPLES) {
		errno = 0;
		long long v = strtoll(p, &end, 10);
		if (errno != 0 || end == p || v <= 0 || v > 100000000000LL ||
		    (*end != ',' && *end != '\0'))
			return 0;
		t[nt++] = (time_t)v;
		p = *end == ',' ? end + 1 : end;
	}
	if (nt == 0)
		return 0;
	struct entry *e = add(h, id);
	e->uses = uses;
	memcpy(e->t, t, (size_t)nt * sizeof *t);
	e->nt = nt;
	return 1;
}

/* Read the file into h (emptied first).  -1 with *cause when unreadable. */
static int
read_file(struct history *h, char **cause)
{
	clear(h);
	if (!file_exists(h->path))
		return 0;
	size_t len;
	char *text = file_read_all(h->path, &len, HISTORY_MAX_FILE, cause);
	if (text == NULL)
		return -1;
	char *line = text, *end = text + len;
	while (line < end) {
		char *nl = memchr(line, '\n', (size_t)(end - line));
		if (nl == NULL)
			nl = end;
		*nl = '\0';
		if (*line != '\0' && *line != '#' &&
		    (memchr(line, '\0', (size_t)(nl - line)) != NULL || !parse_line(h, line)))
			h->skipped++;
		line = nl + 1;
	}
	free(text);
	return 0;
}

char *
history_default_path(void)
{
	char *dir = paths_state_dir();
	char *path = paths_join(dir, "history");
	free(dir);
	return path;
}

struct history *
history_load(const char *path, char **cause)
{
	struct history *h = xcalloc(1, sizeof *h);
	h->path = path != NULL ? xstrdup(path) : history_default_path();
	read_file(h, cause);
	return h;
}

void
history_free(struct history *h)
{
	if (h == NULL)
		return;
	clear(h);
	free(h->path);
	free(h);
}

struct ranked {
	size_t i;
	double score;
	time_t last;
};

static int
cmp_keep(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->last != y->last)
		return x->last > y->last ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Aging and the size bound; `keep` (just used) is never dropped. */
static void
age_and_bound(struct history *h, const char *keep, time_t now)
{
	unsigned long long total = 0;
	for (size_t i = 0; i < h->n; i++)
		total += h->e[i].uses;
	if (total > HISTORY_MAX_USES)
		for (size_t i = 0; i < h->n; i++)
			h->e[i].uses = h->e[i].uses * 9 / 10;

	struct ranked *r = xcalloc(h->n + 1, sizeof *r);
	size_t nr = 0;
	for (size_t i = 0; i < h->n; i++) {
		int mine = strcmp(h->e[i].id, keep) == 0;
		if (mine && h->e[i].uses == 0)
			h->e[i].uses = 1;
		if (h->e[i].uses == 0)
			continue;
		r[nr].i = i;
		r[nr].score = mine ? HUGE_VAL : entry_score(&h->e[i], now);
		r[nr].last = h->e[i].nt > 0 ? h->e[i].t[0] : 0;
		nr++;
	}
	/* Best first: the file reads as "most used now" and the tail is cut. */
	qsort(r, nr, sizeof *r, cmp_keep);
	if (nr > HISTORY_MAX_ENTRIES)
		nr = HISTORY_MAX_ENTRIES;
	struct entry *kept = xcalloc(nr + 1, sizeof *kept);
	char *taken = xcalloc(h->n + 1, 1);
	for (size_t k = 0; k < nr; k++) {
		kept[k] = h->e[r[k].i];
		taken[r[k].i] = 1;
	}
	for (size_t i = 0; i < h->n; i++)
		if (!taken[i])
			free(h->e[i].id);
	free(h->e);
	h->e = kept;
	h->n = nr;
	h->cap = nr + 1;
	rehash(h);
	free(taken);
	free(r);
}

static char *
serialize(const struct history *h, size_t *len)
{
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, HISTORY_HEADER "\n");
	for (size_t i = 0; i < h->n; i++) {
		const struct entry *e = &h->e[i];
		sb_addf(&sb, "%s\t%lu\t", e->id, e->uses);
		for (int k = 0; k < e->nt; k++)
			sb_addf(&sb, "%s%lld", k ? "," : "", (long long)e->t[k]);
		sb_addc(&sb, '\n');
	}
	*len = sb.len;
	return sb_detach(&sb);
}

static void
apply(struct history *h, const char *id, time_t now)
{
	struct entry *e = find(h, id);
	if (e == NULL)
		e = add(h, id);
	e->uses++;
	int keep = e->nt < HISTORY_SAMPLES ? e->nt : HISTORY_SAMPLES - 1;
	memmove(e->t + 1, e->t, (size_t)keep * sizeof *e->t);
	e->t[0] = now;
	e->nt = keep + 1;
	age_and_bound(h, id, now);
}

int
history_record(struct history *h, const char *id, time_t now, char **cause)
{
	if (id == NULL || !valid_id(id)) {
		set_cause(cause, "cannot record '%s' in the history: not a valid id",
			  id != NULL ? id : "");
		return -1;
	}
	char *dir = xstrdup(h->path);
	char *slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir)
		*slash = '\0';
	if (paths_ensure(dir, cause) != 0) {
		free(dir);
		apply(h, id, now);
		return -1;
	}
	free(dir);

	/* Serialize read-modify-write with other chitty processes (best effort). */
	char *lock_path = xasprintf("%s.lock", h->path);
	int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	if (lock != -1)
		while (flock(lock, LOCK_EX) == -1 && errno == EINTR)
			;
	free(lock_path);

	/* Pick up what others recorded since we loaded; keep ours if unreadable. */
	struct history fresh = {.path = h->path};
	if (read_file(&fresh, NULL) == 0) {
		clear(h);
		h->e = fresh.e;
		h->n = fresh.n;
		h->cap = fresh.cap;
		h->slots = fresh.slots;
		h->nslots = fresh.nslots;
		h->skipped = fresh.skipped;
	} else {
		clear(&fresh);
	}
	apply(h, id, now);

	size_t len;
	char *text = serialize(h, &len);
	int rc = file_write_atomic(h->path, text, len, 0600, cause);
	free(text);
	if (lock != -1)
		close(lock); /* releases the lock */
	return rc;
}

double
history_score(const struct history *h, const char *id, time_t now)
{
	const struct entry *e = find(h, id);
	return e != NULL ? entry_score(e, now) : 0;
}

unsigned long
history_uses(const struct history *h, const char *id)
{
	const struct entry *e = find(h, id);
	return e != NULL ? e->uses : 0;
}

size_t
history_count(const struct history *h)
{
	return h->n;
}

size_t
history_skipped(const struct history *h)
{
	return h->skipped;
}
