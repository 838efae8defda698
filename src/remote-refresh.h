/*
 * The remotes module's own refresh steps, below remote.h's background
 * refresh: fetch a remote's items (its provider's feeds), write its cache,
 * tell whether its cache is stale.  They block; call them from one thread
 * per remote.
 */
#ifndef CHITTY_REMOTE_REFRESH_H
#define CHITTY_REMOTE_REFRESH_H

struct cJSON;
struct item_list;
struct remote;

/* Run every feed of the remote's provider that applies.  0, or -1 with *cause set (masked). */
int remote_fetch(struct remote *r, struct item_list *items, char **cause);
/*
 * remote_fetch, then write the cache.  -1 with *cause set when either
 * failed; items is empty after a failed fetch and holds the items when only
 * the cache could not be written.
 */
int remote_refresh_one(struct remote *r, struct item_list *items, char **cause);
/* 1 when the remote's cache is missing, unusable, of other settings, or older than its ttl. */
int remote_is_stale(const char *name, const char *type, const struct cJSON *conf, double now);

#endif
