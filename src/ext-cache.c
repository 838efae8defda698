/* The parse cache of extension files (see ext-cache.h for the rules). */
#include "build-config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "ext-cache.h"
#include "extension.h"
#include "fileio.h"
#include "paths.h"
#include "strbuf.h"
#include "tools.h"
#include "xmalloc.h"

#define CACHE_MAGIC  "CHTYEXTC"
#define CACHE_FORMAT 2 /* 2: a command's body */
/* A file changed this close to its parse may have changed again unseen. */
#define RACY_SECONDS 2
/* Refuse to read caches larger than this (a broken or hostile file). */
#define CACHE_MAX_SIZE (512u * 1024 * 1024)
#define NO_STRING      0xFFFFFFFFu

#ifdef __APPLE__
#define MTIME_S(st)  ((int64_t)(st)->st_mtimespec.tv_sec)
#define MTIME_NS(st) ((int64_t)(st)->st_mtimespec.tv_nsec)
#else
#define MTIME_S(st)  ((int64_t)(st)->st_mtim.tv_sec)
#define MTIME_NS(st) ((int64_t)(st)->st_mtim.tv_nsec)
#endif

struct entry {
	char *path;
	int64_t mtime_s, mtime_ns, size, ino, parsed_at;
	const char *blob; /* into the cache's data, or own */
	size_t blob_len;
	char *own;
	int used;
};

struct ext_cache {
	char *path;
	char *data;
	size_t len;
	struct entry *entries;
	size_t n, cap;
	size_t *slots; /* open addressing: entry index + 1, 0 = empty */
	size_t n_slots;
	int dirty, invalid;
	size_t hits, misses;
};

/* Hashing: 8 bytes at a time, for the checksum and the path index. */

static uint64_t
hash_bytes(const void *data, size_t len, uint64_t h)
{
	const unsigned char *p = data;
	const uint64_t k = 0x9E3779B97F4A7C15ull;
	while (len >= 8) {
		uint64_t w;
		memcpy(&w, p, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
		p += 8;
		len -= 8;
	}
	uint64_t w = 0;
	memcpy(&w, p, len);
	h = (h ^ w ^ (uint64_t)len) * k;
	h ^= h >> 32;
	return h;
}

/* What makes a parse depend on this chitty: version, format, tools, platform. */
static uint64_t
program_fingerprint(void)
{
	static uint64_t fp;
	if (fp != 0)
		return fp;
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "%s|%d|%zu|", PACKAGE_VERSION, CACHE_FORMAT, sizeof(struct extension));
#ifdef __APPLE__
	sb_add(&sb, "apple|");
#endif
	for (size_t i = 0; tool_table[i] != NULL; i++)
		sb_addf(&sb, "%s:%d:%d,", tool_table[i]->name, (int)tool_table[i]->kind,
			tool_table[i]->macos_only);
	fp = hash_bytes(sb.s, sb.len, 0x636869747479ull) | 1;
	sb_free(&sb);
	return fp;
}

/* Writing */

static void
put_u32(struct strbuf *sb, uint32_t v)
{
	sb_addn(sb, &v, sizeof v);
}

static void
put_i64(struct strbuf *sb, int64_t v)
{
	sb_addn(sb, &v, sizeof v);
}

static void
put_u8(struct strbuf *sb, int v)
{
	unsigned char c = (unsigned char)v;
	sb_addn(sb, &c, 1);
}

static void
put_str(struct strbuf *sb, const char *s)
{
	if (s == NULL) {
		put_u32(sb, NO_STRING);
		return;
	}
	size_t len = strlen(s);
	put_u32(sb, (uint32_t)len);
	sb_addn(sb, s, len);
}

static void
put_strv(struct strbuf *sb, const struct strv *sv)
{
	put_u32(sb, (uint32_t)sv->n);
	for (size_t i = 0; i < sv->n; i++)
		put_str(sb, sv->v[i]);
}

static void
put_json(struct strbuf *sb, const cJSON *j)
{
	if (j == NULL) {
		put_str(sb, NULL);
		return;
	}
	char *text = cJSON_PrintUnformatted(j);
	put_str(sb, text);
	cJSON_free(text);
}

static void
put_options(struct strbuf *sb, const struct dropdown_option *data, size_t n)
{
	put_u32(sb, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		put_str(sb, data[i].title);
		put_str(sb, data[i].value);
	}
}

static void
put_prefs(struct strbuf *sb, const struct ext_preference *p, size_t n)
{
	put_u32(sb, (uint32_t)n);
	for (size_t i = 0; i < n; i++) {
		put_str(sb, p[i].name);
		put_str(sb, p[i].title);
		put_str(sb, p[i].description);
		put_u8(sb, (int)p[i].type);
		put_u8(sb, p[i].required);
		put_str(sb, p[i].placeholder);
		put_str(sb, p[i].label);
		put_str(sb, p[i].default_value);
		put_options(sb, p[i].data, p[i].n_data);
		put_u32(sb, (uint32_t)p[i].line);
	}
}

static void
put_command(struct strbuf *sb, const struct ext_command *c)
{
	const char *strings[] = {c->slug,     c->title,        c->subtitle,      c->description,
				 c->icon,     c->alias,        c->tool,          c->code,
				 c->group,    c->placeholder,  c->interval,      c->cron,
				 c->schedule, c->shortcut.key, c->shortcut_text, c->disabled_reason,
				 c->body};
	for (size_t i = 0; i < nitems(strings); i++)
		put_str(sb, strings[i]);
	put_u32(sb, c->shortcut.mods);
	put_strv(sb, &c->keywords);
	put_strv(sb, &c->tags);
	put_strv(sb, &c->inputs);
	put_strv(sb, &c->flags);
	put_u8(sb, c->uses_positional);
	put_u8(sb, (int)c->mode);
	put_u8(sb, c->hidden);
	put_u8(sb, c->background);
	put_u8(sb, c->system);
	put_u8(sb, c->disabled_by_default);
	put_u32(sb, (uint32_t)c->n_arguments);
	for (size_t i = 0; i < c->n_arguments; i++) {
		put_str(sb, c->arguments[i].name);
		put_u8(sb, (int)c->arguments[i].type);
		put_str(sb, c->arguments[i].placeholder);
		put_u8(sb, c->arguments[i].required);
		put_options(sb, c->arguments[i].data, c->arguments[i].n_data);
	}
	put_prefs(sb, c->preferences, c->n_preferences);
	put_json(sb, c->extra);
	put_json(sb, c->schema);
	put_u32(sb, (uint32_t)c->line);
}

void
ext_cache_encode(const struct extension *ext, struct strbuf *sb)
{
	const char *strings[] = {ext->name,     ext->title,      ext->description, ext->icon,
				 ext->author,   ext->license,    ext->version,     ext->repository,
				 ext->homepage, ext->min_version};
	for (size_t i = 0; i < nitems(strings); i++)
		put_str(sb, strings[i]);
	put_strv(sb, &ext->categories);
	put_strv(sb, &ext->keywords);
	put_strv(sb, &ext->contributors);
	put_strv(sb, &ext->permissions);
	put_prefs(sb, ext->preferences, ext->n_preferences);
	put_json(sb, ext->extra);
	put_u32(sb, (uint32_t)ext->n_problems);
	for (size_t i = 0; i < ext->n_problems; i++) {
		put_u8(sb, (int)ext->problems[i].severity);
		put_u32(sb, (uint32_t)ext->problems[i].line);
		put_str(sb, ext->problems[i].message);
	}
	put_u32(sb, (uint32_t)ext->n_commands);
	for (size_t i = 0; i < ext->n_commands; i++)
		put_command(sb, ext->commands[i]);
}

/* Reading: every read is bounds-checked; one bad read spoils the whole decode. */

struct reader {
	const char *p, *end;
	int bad;
};

static int
need(struct reader *r, size_t n)
{
	if (r->bad || (size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return 0;
	}
	return 1;
}

static uint32_t
get_u32(struct reader *r)
{
	uint32_t v = 0;
	if (need(r, sizeof v)) {
		memcpy(&v, r->p, sizeof v);
		r->p += sizeof v;
	}
	return v;
}

static int64_t
get_i64(struct reader *r)
{
	int64_t v = 0;
	if (need(r, sizeof v)) {
		memcpy(&v, r->p, sizeof v);
		r->p += sizeof v;
	}
	return v;
}

static int
get_u8(struct reader *r, int max)
{
	if (!need(r, 1))
		return 0;
	int v = (unsigned char)*r->p++;
	if (v > max) {
		r->bad = 1;
		return 0;
	}
	return v;
}

static char *
get_str(struct reader *r)
{
	uint32_t len = get_u32(r);
	if (r->bad || len == NO_STRING)
		return NULL;
	if (!need(r, len))
		return NULL;
	char *s = xstrndup(r->p, len);
	if (strlen(s) != len) /* an embedded NUL: not something we wrote */
		r->bad = 1;
	r->p += len;
	return s;
}

/* A count that cannot exceed what is left (each item takes at least min bytes). */
static uint32_t
get_count(struct reader *r, size_t min)
{
	uint32_t n = get_u32(r);
	if (!r->bad && (size_t)n * min > (size_t)(r->end - r->p))
		r->bad = 1;
	return r->bad ? 0 : n;
}

static void
get_strv(struct reader *r, struct strv *sv)
{
	uint32_t n = get_count(r, 4);
	for (uint32_t i = 0; i < n && !r->bad; i++) {
		char *s = get_str(r);
		if (s == NULL) {
			r->bad = 1;
			break;
		}
		strv_push_owned(sv, s);
	}
}

static cJSON *
get_json(struct reader *r)
{
	char *text = get_str(r);
	if (text == NULL)
		return NULL;
	cJSON *j = cJSON_Parse(text);
	if (j == NULL)
		r->bad = 1;
	free(text);
	return j;
}

static void
get_options(struct reader *r, struct dropdown_option **data, size_t *n)
{
	uint32_t count = get_count(r, 8);
	if (count == 0)
		return;
	*data = xcalloc(count, sizeof **data);
	for (uint32_t i = 0; i < count && !r->bad; i++) {
		(*data)[i].title = get_str(r);
		(*data)[i].value = get_str(r);
		*n = i + 1;
		if ((*data)[i].title == NULL || (*data)[i].value == NULL)
			r->bad = 1;
	}
}

static void
get_prefs(struct reader *r, struct ext_preference **prefs, size_t *n)
{
	uint32_t count = get_count(r, 16);
	if (count == 0)
		return;
	*prefs = xcalloc(count, sizeof **prefs);
	for (uint32_t i = 0; i < count && !r->bad; i++) {
		struct ext_preference *p = &(*prefs)[i];
		*n = i + 1;
		p->name = get_str(r);
		p->title = get_str(r);
		p->description = get_str(r);
		p->type = (enum pref_type)get_u8(r, PREF_DIRECTORY);
		p->required = get_u8(r, 1);
		p->placeholder = get_str(r);
		p->label = get_str(r);
		p->default_value = get_str(r);
		get_options(r, &p->data, &p->n_data);
		p->line = (int)get_u32(r);
		if (p->name == NULL)
			r->bad = 1;
	}
}

static struct ext_command *
get_command(struct reader *r)
{
	struct ext_command *c = xcalloc(1, sizeof *c);
	char **strings[] = {&c->slug,     &c->title,        &c->subtitle,      &c->description,
			    &c->icon,     &c->alias,        &c->tool,          &c->code,
			    &c->group,    &c->placeholder,  &c->interval,      &c->cron,
			    &c->schedule, &c->shortcut.key, &c->shortcut_text, &c->disabled_reason,
			    &c->body};
	for (size_t i = 0; i < nitems(strings); i++)
		*strings[i] = get_str(r);
	c->shortcut.mods = get_u32(r);
	get_strv(r, &c->keywords);
	get_strv(r, &c->tags);
	get_strv(r, &c->inputs);
	get_strv(r, &c->flags);
	c->uses_positional = get_u8(r, 1);
	c->mode = (enum cmd_mode)get_u8(r, MODE_SILENT);
	c->hidden = get_u8(r, 1);
	c->background = get_u8(r, 1);
	c->system = get_u8(r, 1);
	c->disabled_by_default = get_u8(r, 1);
	uint32_t n_args = get_count(r, 10);
	if (n_args > 0)
		c->arguments = xcalloc(n_args, sizeof *c->arguments);
	for (uint32_t i = 0; i < n_args && !r->bad; i++) {
		struct ext_argument *a = &c->arguments[i];
		c->n_arguments = i + 1;
		a->name = get_str(r);
		a->type = (enum ext_arg_type)get_u8(r, EXT_ARG_DROPDOWN);
		a->placeholder = get_str(r);
		a->required = get_u8(r, 1);
		get_options(r, &a->data, &a->n_data);
		if (a->name == NULL)
			r->bad = 1;
	}
	get_prefs(r, &c->preferences, &c->n_preferences);
	c->extra = get_json(r);
	c->schema = get_json(r);
	c->line = (int)get_u32(r);
	c->enabled = 1;
	if (c->slug == NULL || c->title == NULL || c->tool == NULL || c->code == NULL)
		r->bad = 1;
	return c;
}

struct extension *
ext_cache_decode(const char *data, size_t len, const char *path)
{
	struct reader r = {data, data + len, 0};
	struct extension *ext = extension_create(path);
	free(ext->license);
	char **strings[] = {&ext->name,     &ext->title,      &ext->description, &ext->icon,
			    &ext->author,   &ext->license,    &ext->version,     &ext->repository,
			    &ext->homepage, &ext->min_version};
	for (size_t i = 0; i < nitems(strings); i++)
		*strings[i] = get_str(&r);
	get_strv(&r, &ext->categories);
	get_strv(&r, &ext->keywords);
	get_strv(&r, &ext->contributors);
	get_strv(&r, &ext->permissions);
	get_prefs(&r, &ext->preferences, &ext->n_preferences);
	ext->extra = get_json(&r);
	uint32_t n_problems = get_count(&r, 9);
	for (uint32_t i = 0; i < n_problems && !r.bad; i++) {
		int severity = get_u8(&r, PROBLEM_WARNING);
		int line = (int)get_u32(&r);
		char *message = get_str(&r);
		if (message == NULL) {
			r.bad = 1;
			break;
		}
		extension_add_problem(ext, (enum problem_severity)severity, line, "%s", message);
		free(message);
	}
	uint32_t n_commands = get_count(&r, 64);
	for (uint32_t i = 0; i < n_commands && !r.bad; i++) {
		struct ext_command *c = get_command(&r);
		if (r.bad) {
			ext_command_free(c);
			break;
		}
		extension_attach_command(ext, c);
	}
	if (r.bad || r.p != r.end || ext->name == NULL || ext->title == NULL ||
	    ext->license == NULL) {
		extension_free(ext);
		return NULL;
	}
	return ext;
}

/* The cache file */

char *
ext_cache_default_path(void)
{
	char *dir = paths_cache_dir();
	char *path = paths_join(dir, "extensions.cache");
	free(dir);
	return path;
}

static size_t
slot_of(const struct ext_cache *c, const char *path)
{
	return (size_t)(hash_bytes(path, strlen(path), 7) % c->n_slots);
}

static void
index_rebuild(struct ext_cache *c)
{
	free(c->slots);
	c->n_slots = c->n * 2 + 16;
	c->slots = xcalloc(c->n_slots, sizeof *c->slots);
	for (size_t i = 0; i < c->n; i++) {
		size_t s = slot_of(c, c->entries[i].path);
		while (c->slots[s] != 0)
			s = (s + 1) % c->n_slots;
		c->slots[s] = i + 1;
	}
}

static struct entry *
entry_find(const struct ext_cache *c, const char *path)
{
	if (c->n_slots == 0)
		return NULL;
	for (size_t s = slot_of(c, path); c->slots[s] != 0; s = (s + 1) % c->n_slots) {
		struct entry *e = &c->entries[c->slots[s] - 1];
		if (strcmp(e->path, path) == 0)
			return e;
	}
	return NULL;
}

static struct entry *
entry_add(struct ext_cache *c, const char *path)
{
	if (c->n == c->cap) {
		c->cap = c->cap ? c->cap * 2 : 64;
		c->entries = xreallocarray(c->entries, c->cap, sizeof *c->entries);
	}
	struct entry *e = &c->entries[c->n++];
	memset(e, 0, sizeof *e);
	e->path = xstrdup(path);
	if (c->n * 2 > c->n_slots)
		index_rebuild(c);
	else {
		size_t s = slot_of(c, path);
		while (c->slots[s] != 0)
			s = (s + 1) % c->n_slots;
		c->slots[s] = c->n;
	}
	return e;
}

static void
drop_entries(struct ext_cache *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->entries[i].path);
		free(c->entries[i].own);
	}
	c->n = 0;
	free(c->slots);
	c->slots = NULL;
	c->n_slots = 0;
}

/* Header: magic, format, program fingerprint, payload length, payload checksum. */
#define HEADER_SIZE (8 + 4 + 8 + 8 + 8)

static int
cache_parse(struct ext_cache *c)
{
	const char *d = c->data;
	uint32_t format;
	uint64_t fp, payload_len, sum;
	if (c->len < HEADER_SIZE || memcmp(d, CACHE_MAGIC, 8) != 0)
		return -1;
	memcpy(&format, d + 8, 4);
	memcpy(&fp, d + 12, 8);
	memcpy(&payload_len, d + 20, 8);
	memcpy(&sum, d + 28, 8);
	if (format != CACHE_FORMAT || fp != program_fingerprint() ||
	    payload_len != c->len - HEADER_SIZE ||
	    hash_bytes(d + HEADER_SIZE, (size_t)payload_len, fp) != sum)
		return -1;
	struct reader r = {d + HEADER_SIZE, c->data + c->len, 0};
	uint32_t count = get_count(&r, 48);
	for (uint32_t i = 0; i < count && !r.bad; i++) {
		char *path = get_str(&r);
		if (path == NULL) {
			r.bad = 1;
			break;
		}
		struct entry *e = entry_add(c, path);
		free(path);
		e->mtime_s = get_i64(&r);
		e->mtime_ns = get_i64(&r);
		e->size = get_i64(&r);
		e->ino = get_i64(&r);
		e->parsed_at = get_i64(&r);
		e->blob_len = get_u32(&r);
		if (need(&r, e->blob_len)) {
			e->blob = r.p;
			r.p += e->blob_len;
		}
	}
	if (r.bad || r.p != r.end) {
		drop_entries(c);
		return -1;
	}
	return 0;
}

struct ext_cache *
ext_cache_open(const char *path)
{
	struct ext_cache *c = xcalloc(1, sizeof *c);
	c->path = xstrdup(path);
	if (!file_exists(path))
		return c;
	c->data = file_read_all(path, &c->len, CACHE_MAX_SIZE, NULL);
	if (c->data == NULL || cache_parse(c) != 0) {
		c->invalid = 1;
		c->dirty = 1;
	}
	return c;
}

void
ext_cache_free(struct ext_cache *c)
{
	if (c == NULL)
		return;
	drop_entries(c);
	free(c->entries);
	free(c->data);
	free(c->path);
	free(c);
}

int
ext_cache_was_invalid(const struct ext_cache *c)
{
	return c->invalid;
}

size_t
ext_cache_hits(const struct ext_cache *c)
{
	return c->hits;
}

size_t
ext_cache_misses(const struct ext_cache *c)
{
	return c->misses;
}

static int
fingerprint_matches(const struct entry *e, const struct stat *st)
{
	return e->mtime_s == MTIME_S(st) && e->mtime_ns == MTIME_NS(st) &&
	       e->size == (int64_t)st->st_size && e->ino == (int64_t)st->st_ino &&
	       e->parsed_at - e->mtime_s >= RACY_SECONDS;
}

struct extension *
ext_cache_get(struct ext_cache *c, const char *path, const struct stat *st)
{
	struct entry *e = entry_find(c, path);
	if (e == NULL || !fingerprint_matches(e, st))
		return NULL;
	struct extension *ext = ext_cache_decode(e->blob, e->blob_len, path);
	if (ext == NULL)
		return NULL; /* cannot happen with a checksummed file; parse instead */
	e->used = 1;
	c->hits++;
	return ext;
}

void
ext_cache_put(struct ext_cache *c, const char *path, const struct stat *st,
	      const struct extension *ext)
{
	struct entry *e = entry_find(c, path);
	if (e == NULL)
		e = entry_add(c, path);
	struct strbuf sb = STRBUF_INIT;
	ext_cache_encode(ext, &sb);
	free(e->own);
	e->blob_len = sb.len;
	e->own = sb_detach(&sb);
	e->blob = e->own;
	e->mtime_s = MTIME_S(st);
	e->mtime_ns = MTIME_NS(st);
	e->size = (int64_t)st->st_size;
	e->ino = (int64_t)st->st_ino;
	e->parsed_at = (int64_t)time(NULL);
	e->used = 1;
	c->dirty = 1;
	c->misses++;
}

int
ext_cache_save(struct ext_cache *c, char **cause)
{
	size_t used = 0;
	for (size_t i = 0; i < c->n; i++)
		used += c->entries[i].used;
	if (!c->dirty && used == c->n)
		return 0;
	struct strbuf payload = STRBUF_INIT;
	put_u32(&payload, (uint32_t)used);
	for (size_t i = 0; i < c->n; i++) {
		const struct entry *e = &c->entries[i];
		if (!e->used)
			continue;
		put_str(&payload, e->path);
		put_i64(&payload, e->mtime_s);
		put_i64(&payload, e->mtime_ns);
		put_i64(&payload, e->size);
		put_i64(&payload, e->ino);
		put_i64(&payload, e->parsed_at);
		put_u32(&payload, (uint32_t)e->blob_len);
		sb_addn(&payload, e->blob, e->blob_len);
	}
	uint64_t fp = program_fingerprint();
	uint64_t len = payload.len;
	uint64_t sum = hash_bytes(payload.s, payload.len, fp);
	uint32_t format = CACHE_FORMAT;
	struct strbuf file = STRBUF_INIT;
	sb_addn(&file, CACHE_MAGIC, 8);
	sb_addn(&file, &format, 4);
	sb_addn(&file, &fp, 8);
	sb_addn(&file, &len, 8);
	sb_addn(&file, &sum, 8);
	sb_addn(&file, payload.s, payload.len);
	sb_free(&payload);

	int rc = -1;
	char *dir = xstrdup(c->path);
	char *slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir)
		*slash = '\0';
	if (paths_ensure(dir, cause) == 0 &&
	    file_write_atomic(c->path, file.s, file.len, 0600, cause) == 0) {
		rc = 0;
		c->dirty = 0;
	}
	free(dir);
	sb_free(&file);
	return rc;
}
