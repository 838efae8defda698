/*
 * The resource cache: $XDG_CACHE_HOME/chitty/remotes/<name>.json, one file
 * per remote, written atomically (0600, folder 0700):
 *
 *   {"format": 1, "remote": "gh", "type": "github-project",
 *    "fingerprint": "…", "fetchedAt": 1718000000.5, "items": [item, …]}
 *
 * Items are in item_to_json's form.  The fingerprint is the remote's
 * settings' (remote_fingerprint), so editing a remote makes its cache stale.
 * A file that is corrupt, truncated or of another format is discarded (the
 * caller refetches).  Secrets are masked in the text before it is written.
 */
#ifndef CHITTY_REMOTE_CACHE_H
#define CHITTY_REMOTE_CACHE_H

#include <stddef.h>

struct item;
struct strv;

#define REMOTE_CACHE_FORMAT 1

struct remote_cache {
	char *remote;
	char *type;
	char *fingerprint;
	double fetched_at; /* seconds since the epoch */
	struct item **items;
	size_t n;
};

/* The cache file of a remote (its name made safe for a file name); a new string. */
char *remote_cache_path(const char *remote);

/*
 * Read a cache file.  0 with cache filled; -1 with *cause set when it is
 * missing, unreadable, corrupt or of another format.  *corrupt (may be NULL)
 * is set to 1 when the file exists but cannot be used, so the caller can
 * remove it.
 */
int remote_cache_load(const char *path, struct remote_cache *cache, int *corrupt, char **cause);

/* Write a remote's items, masking secrets in the text.  0, or -1 with *cause set. */
int remote_cache_save(const char *path, const char *remote, const char *type,
		      const char *fingerprint, double fetched_at, struct item *const *items,
		      size_t n, const struct strv *secrets, char **cause);

/* Fresh: the same fingerprint, and fetched less than ttl seconds before now. */
int remote_cache_fresh(const struct remote_cache *cache, const char *fingerprint, long ttl,
		       double now);

/* Free what the cache holds (its items too, unless taken: set n = 0 first). */
void remote_cache_clear(struct remote_cache *cache);

/* The current time in seconds since the epoch, with fractions. */
double remote_now(void);

#endif
