#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "fileio.h"
#include "http.h"
#include "item.h"
#include "jsonutil.h"
#include "paths.h"
#include "remote-cache.h"
#include "secret.h"
#include "xmalloc.h"

#define REMOTE_CACHE_MAX_SIZE (256u << 20)

double
remote_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

char *
remote_cache_path(const char *remote)
{
	char *dir = paths_cache_dir();
	/* Percent-encoding keeps "/" and other oddities out of the file name;
	 * a leading dot would hide it. */
	char *safe = http_url_encode(remote);
	char *name = xasprintf("remotes/%s%s.json", *safe == '.' ? "%2E" : "",
			       *safe == '.' ? safe + 1 : safe);
	char *path = paths_join(dir, name);
	free(name);
	free(safe);
	free(dir);
	return path;
}

void
remote_cache_clear(struct remote_cache *cache)
{
	free(cache->remote);
	free(cache->type);
	free(cache->fingerprint);
	for (size_t i = 0; i < cache->n; i++)
		item_free(cache->items[i]);
	free(cache->items);
	memset(cache, 0, sizeof *cache);
}

int
remote_cache_load(const char *path, struct remote_cache *cache, int *corrupt, char **cause)
{
	memset(cache, 0, sizeof *cache);
	if (corrupt != NULL)
		*corrupt = 0;
	if (!file_exists(path)) {
		set_cause(cause, "no cache yet");
		return -1;
	}
	size_t len;
	char *text = file_read_all(path, &len, REMOTE_CACHE_MAX_SIZE, cause);
	if (text == NULL)
		return -1;
	cJSON *root = cJSON_ParseWithLength(text, len);
	free(text);
	const cJSON *items = cJSON_GetObjectItemCaseSensitive(root, "items");
	const cJSON *fetched = cJSON_GetObjectItemCaseSensitive(root, "fetchedAt");
	const char *fingerprint = json_string(root, "fingerprint");
	if (root == NULL || !cJSON_IsArray(items) || !cJSON_IsNumber(fetched) ||
	    fingerprint == NULL || json_string(root, "remote") == NULL) {
		set_cause(cause, "%s: corrupt cache file", path);
		goto bad;
	}
	if (json_number(root, "format", -1) != REMOTE_CACHE_FORMAT) {
		set_cause(cause, "%s: cache of another format", path);
		goto bad;
	}
	cache->remote = xstrdup(json_string(root, "remote"));
	cache->type = xstrdup_or_null(json_string(root, "type"));
	cache->fingerprint = xstrdup(fingerprint);
	cache->fetched_at = fetched->valuedouble;
	size_t n = (size_t)cJSON_GetArraySize(items);
	cache->items = xcalloc(n + 1, sizeof *cache->items);
	const cJSON *j;
	cJSON_ArrayForEach (j, items) {
		struct item *item = item_from_json(j, NULL);
		if (item == NULL) {
			remote_cache_clear(cache);
			set_cause(cause, "%s: corrupt cache file (a bad item)", path);
			goto bad;
		}
		cache->items[cache->n++] = item;
	}
	cJSON_Delete(root);
	return 0;
bad:
	if (corrupt != NULL)
		*corrupt = 1;
	cJSON_Delete(root);
	return -1;
}

int
remote_cache_save(const char *path, const char *remote, const char *type, const char *fingerprint,
		  double fetched_at, struct item *const *items, size_t n,
		  const struct strv *secrets, char **cause)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash != NULL)
		*slash = '\0';
	int rc = paths_ensure(dir, cause);
	free(dir);
	if (rc == -1)
		return -1;
	cJSON *root = cJSON_CreateObject();
	cJSON_AddNumberToObject(root, "format", REMOTE_CACHE_FORMAT);
	cJSON_AddStringToObject(root, "remote", remote);
	cJSON_AddStringToObject(root, "type", type);
	cJSON_AddStringToObject(root, "fingerprint", fingerprint);
	cJSON_AddNumberToObject(root, "fetchedAt", fetched_at);
	cJSON *array = cJSON_AddArrayToObject(root, "items");
	for (size_t i = 0; i < n; i++)
		cJSON_AddItemToArray(array, item_to_json(items[i]));
	secret_scrub_json(root, secrets);
	char *text = cJSON_PrintUnformatted(root);
	cJSON_Delete(root);
	size_t len = strlen(text);
	char *masked = xstrdup(text);
	cJSON_free(text);
	rc = file_write_atomic(path, masked, len, 0600, cause);
	free(masked);
	return rc;
}

int
remote_cache_fresh(const struct remote_cache *cache, const char *fingerprint, long ttl, double now)
{
	return cache->fingerprint != NULL && fingerprint != NULL &&
	       strcmp(cache->fingerprint, fingerprint) == 0 && now >= cache->fetched_at &&
	       now - cache->fetched_at < (double)ttl;
}
