/*
 * The launcher's first screen, cached: $XDG_CACHE_HOME/chitty/launcher/
 * snapshot.json holds the first SNAPSHOT_ITEMS items of the empty-query
 * list as the last launcher saw them, so the next start draws a complete
 * first frame before the extensions are loaded and the catalog indexed
 * (which takes a second at 100k items).  The real list replaces it as
 * soon as it is ready, keeping the selection.
 *
 * It is only used when nothing it was built from has changed: a
 * fingerprint covers chitty's version, config.json, the history file,
 * every extension folder (each file's path, size, mtime and inode) and
 * what the cache folder holds besides the extension cache (remote caches,
 * written there atomically).  Frecency is recomputed from the current history, so
 * time passing reorders the recent items exactly as the full list would.
 * A missing, damaged or stale snapshot is simply not used.
 *
 * Not thread-safe per object; the launcher loads it on the UI thread and
 * its search thread saves it.
 */
#ifndef CHITTY_SNAPSHOT_H
#define CHITTY_SNAPSHOT_H

#include <stddef.h>
#include <time.h>

struct config;
struct history;
struct search_results;

#define SNAPSHOT_ITEMS    100
#define SNAPSHOT_PREVIEWS 10 /* items saved with their preview (the rest show a short one) */

struct snapshot;

/* The fingerprint of everything the catalog is built from: a new string. */
char *snapshot_fingerprint(const struct config *config);
/* The snapshot file: a new string. */
char *snapshot_path(void);

/* The snapshot saved with this fingerprint, or NULL (missing, damaged, stale). */
struct snapshot *snapshot_load(const char *fingerprint);
void snapshot_free(struct snapshot *snap);

/*
 * The empty-query list over the snapshot's items (search.h's rule 5 with
 * hist's frecency at now), at most limit: results that borrow the
 * snapshot's items (free with search_results_free before snapshot_free).
 */
struct search_results *snapshot_results(const struct snapshot *snap, const struct history *hist,
					time_t now, size_t limit);

/* Save the first items of an empty-query list under fingerprint.  0 or -1 with *cause. */
int snapshot_save(const char *fingerprint, const struct search_results *res, char **cause);

#endif
