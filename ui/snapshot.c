/* The launcher's first screen, cached (rules in snapshot.h). */
#include "build-config.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "fileio.h"
#include "history.h"
#include "item.h"
#include "paths.h"
#include "registry.h"
#include "search.h"
#include "snapshot.h"
#include "strbuf.h"
#include "strv.h"
#include "xmalloc.h"

#define SNAPSHOT_FORMAT   1
#define SNAPSHOT_MAX_SIZE (64u * 1024 * 1024)

struct snapshot {
	struct item **items;
	size_t *index; /* each item's place in the catalog it came from */
	size_t n;
};

/* FNV-1a, 64 bits: a change detector, not a defence. */
static void
fp_add(uint64_t *h, const void *data, size_t len)
{
	const unsigned char *p = data;
	for (size_t i = 0; i < len; i++) {
		*h ^= p[i];
		*h *= 0x100000001b3ull;
	}
}

static void
fp_add_str(uint64_t *h, const char *s)
{
	fp_add(h, s != NULL ? s : "(null)", strlen(s != NULL ? s : "(null)") + 1);
}

/* A file's identity and version: mtime (ns), size, inode; -1s when it is missing. */
static void
fp_add_st(uint64_t *h, const struct stat *st)
{
	int64_t v[4] = {-1, -1, -1, -1};
	if (st != NULL) {
#ifdef __APPLE__
		v[0] = st->st_mtimespec.tv_sec;
		v[1] = st->st_mtimespec.tv_nsec;
#else
		v[0] = st->st_mtim.tv_sec;
		v[1] = st->st_mtim.tv_nsec;
#endif
		v[2] = st->st_size;
		v[3] = (int64_t)st->st_ino;
	}
	fp_add(h, v, sizeof v);
}

static void
fp_add_stat(uint64_t *h, const char *path)
{
	struct stat st;
	fp_add_str(h, path);
	fp_add_st(h, path != NULL && stat(path, &st) == 0 ? &st : NULL);
}

/*
 * A folder's entries, each name with its stat, combined in an order-free
 * way (readdir's order is the file system's): every entry counts, not only
 * the extension files, which can only make the snapshot stale more often.
 */
static void
fp_add_folder(uint64_t *h, const char *dir)
{
	fp_add_stat(h, dir);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	DIR *d = dfd != -1 ? fdopendir(dfd) : NULL;
	if (d == NULL) {
		if (dfd != -1)
			close(dfd);
		return;
	}
	uint64_t all = 0, count = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		struct stat st;
		uint64_t e = 0xcbf29ce484222325ull;
		fp_add_str(&e, de->d_name);
		fp_add_st(&e, fstatat(dfd, de->d_name, &st, 0) == 0 ? &st : NULL);
		all ^= e * 0x9E3779B97F4A7C15ull;
		count++;
	}
	closedir(d);
	fp_add(h, &all, sizeof all);
	fp_add(h, &count, sizeof count);
}

char *
snapshot_fingerprint(const struct config *config)
{
	uint64_t h = 0xcbf29ce484222325ull;
	fp_add_str(&h, PACKAGE_VERSION);
	fp_add_stat(&h, config != NULL ? config->path : NULL);
	char *history = history_default_path();
	fp_add_stat(&h, history);
	free(history);

	/* the registry's folders, in its order (registry.h) */
	char *dirs[] = {ext_registry_user_dir(), ext_registry_legacy_dir(), NULL};
	for (size_t i = 0; dirs[i] != NULL; i++) {
		fp_add_folder(&h, dirs[i]);
		free(dirs[i]);
	}
	const cJSON *extra = config != NULL ? config_get(config, "extensionPaths") : NULL;
	const cJSON *p;
	cJSON_ArrayForEach (p, extra) {
		if (!cJSON_IsString(p))
			continue;
		char *path = expand_tilde(p->valuestring);
		if (is_directory(path))
			fp_add_folder(&h, path);
		else
			fp_add_stat(&h, path);
		free(path);
	}
	char *shipped = ext_registry_shipped_dir();
	fp_add_folder(&h, shipped);
	free(shipped);

	/*
	 * Remote caches: files written atomically into the cache folder or its
	 * subfolders, so each entry's stat (a subfolder's time changes with
	 * every rename into it) covers them.  The folder's own time does not
	 * count: the extension cache and this snapshot are written there too.
	 */
	char *cache = paths_cache_dir();
	DIR *d = opendir(cache);
	struct dirent *de;
	struct strv entries = STRV_INIT;
	while (d != NULL && (de = readdir(d)) != NULL) {
		if (de->d_name[0] == '.' || strcmp(de->d_name, "launcher") == 0 ||
		    strcmp(de->d_name, "extensions.cache") == 0)
			continue;
		strv_push_owned(&entries, paths_join(cache, de->d_name));
	}
	if (d != NULL)
		closedir(d);
	/* readdir's order is the file system's: sort for a stable hash */
	for (size_t i = 1; i < entries.n; i++)
		for (size_t j = i; j > 0 && strcmp(entries.v[j], entries.v[j - 1]) < 0; j--) {
			char *t = entries.v[j];
			entries.v[j] = entries.v[j - 1];
			entries.v[j - 1] = t;
		}
	for (size_t i = 0; i < entries.n; i++)
		fp_add_stat(&h, entries.v[i]);
	strv_free(&entries);
	free(cache);
	return xasprintf("%016llx", (unsigned long long)h);
}

char *
snapshot_path(void)
{
	char *cache = paths_cache_dir();
	char *path = xasprintf("%s/launcher/snapshot.json", cache);
	free(cache);
	return path;
}

void
snapshot_free(struct snapshot *snap)
{
	if (snap == NULL)
		return;
	for (size_t i = 0; i < snap->n; i++)
		item_free(snap->items[i]);
	free(snap->items);
	free(snap->index);
	free(snap);
}

struct snapshot *
snapshot_load(const char *fingerprint)
{
	char *path = snapshot_path();
	char *text = file_read_all(path, NULL, SNAPSHOT_MAX_SIZE, NULL);
	free(path);
	if (text == NULL)
		return NULL;
	cJSON *root = cJSON_Parse(text);
	free(text);
	struct snapshot *snap = NULL;
	const cJSON *fp = cJSON_GetObjectItemCaseSensitive(root, "fingerprint");
	const cJSON *format = cJSON_GetObjectItemCaseSensitive(root, "format");
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
	if (!cJSON_IsString(fp) || strcmp(fp->valuestring, fingerprint) != 0 ||
	    !cJSON_IsNumber(format) || format->valueint != SNAPSHOT_FORMAT || !cJSON_IsArray(items))
		goto out;
	snap = xcalloc(1, sizeof *snap);
	size_t n = (size_t)cJSON_GetArraySize(items);
	snap->items = xcalloc(n + 1, sizeof *snap->items);
	snap->index = xcalloc(n + 1, sizeof *snap->index);
	const cJSON *e;
	cJSON_ArrayForEach (e, items) {
		const cJSON *index = cJSON_GetObjectItemCaseSensitive(e, "index");
		struct item *it = item_from_json(cJSON_GetObjectItemCaseSensitive(e, "item"), NULL);
		if (it == NULL || !cJSON_IsNumber(index) || index->valuedouble < 0) {
			item_free(it);
			snapshot_free(snap);
			snap = NULL;
			goto out;
		}
		snap->index[snap->n] = (size_t)index->valuedouble;
		snap->items[snap->n++] = it;
	}
out:
	cJSON_Delete(root);
	return snap;
}

struct ranked {
	double f;
	size_t i; /* into the snapshot */
	size_t index;
};

static int
cmp_ranked(const void *a, const void *b)
{
	const struct ranked *x = a, *y = b;
	if (x->f != y->f)
		return x->f > y->f ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

struct search_results *
snapshot_results(const struct snapshot *snap, const struct history *hist, time_t now, size_t limit)
{
	struct search_results *res = xcalloc(1, sizeof *res);
	struct ranked *r = xcalloc(snap->n + 1, sizeof *r);
	for (size_t i = 0; i < snap->n; i++) {
		r[i].f = hist != NULL ? history_score(hist, snap->items[i]->id, now) : 0;
		r[i].i = i;
		r[i].index = snap->index[i];
	}
	/* frecent first (by frecency, then catalog order), then the rest in catalog order */
	qsort(r, snap->n, sizeof *r, cmp_ranked);
	size_t n = limit > 0 && limit < snap->n ? limit : snap->n;
	res->r = xcalloc(n + 1, sizeof *res->r);
	res->n = n;
	res->matches = snap->n;
	for (size_t k = 0; k < n; k++) {
		struct search_result *sr = &res->r[k];
		sr->item = snap->items[r[k].i];
		sr->index = r[k].index;
		sr->frecency = r[k].f;
		sr->score = search_frecency_boost(r[k].f);
		sr->field = SEARCH_FIELD_NONE;
	}
	free(r);
	return res;
}

int
snapshot_save(const char *fingerprint, const struct search_results *res, char **cause)
{
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "format", SNAPSHOT_FORMAT);
	cJSON_AddStringToObject(root, "fingerprint", fingerprint);
	cJSON *items = cJSON_AddArrayToObject(root, "items");
	for (size_t i = 0; i < res->n && i < SNAPSHOT_ITEMS; i++) {
		cJSON *e = cJSON_CreateObject();
		cJSON_AddNumberToObject(e, "index", (double)res->r[i].index);
		cJSON *item = item_to_json(res->r[i].item);
		/* previews are most of the bytes; the first screen shows one */
		if (i >= SNAPSHOT_PREVIEWS)
			cJSON_DeleteItemFromObjectCaseSensitive(item, "preview");
		cJSON_AddItemToObject(e, "item", item);
		cJSON_AddItemToArray(items, e);
	}
	char *text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	char *path = snapshot_path();
	char *dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	int rc = -1;
	if (paths_ensure(dir, cause) == 0 &&
	    file_write_atomic(path, text, strlen(text), 0600, cause) == 0)
		rc = 0;
	cJSON_free(text);
	free(dir);
	free(path);
	return rc;
}
