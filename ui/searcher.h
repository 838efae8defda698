/*
 * The launcher's search thread: everything slow happens here so the UI
 * thread never waits for it.  It loads the extensions and the catalog,
 * builds the search index, ranks queries and saves the first-screen
 * snapshot; the UI posts requests and takes results when the wake
 * descriptor it polls becomes readable (one byte per delivery).
 *
 * Queries: the latest posted query wins.  Posting one cancels the ranking
 * in progress (search_cancel), and results for a query that is no longer
 * the latest are dropped, so typing never waits behind a stale search.
 * After a load or a reindex the latest query is ranked again by itself.
 *
 * Ownership and the catalog's lifetime.  After the load the registry and
 * catalog belong to the UI thread (searcher_take hands them over); the
 * index borrows the catalog's items.  The UI may change the catalog only
 * while no reindex is in flight, and must keep items it removes alive
 * until results from a later index arrive (the launcher keeps them in a
 * graveyard), because the thread may still be ranking over them.
 */
#ifndef CHITTY_SEARCHER_H
#define CHITTY_SEARCHER_H

#include <stddef.h>

struct catalog;
struct config;
struct ext_registry;
struct search_results;

/* How many results a query returns (the list's scroll range). */
#define SEARCHER_LIMIT 1000

struct searcher;

/* wake_fd: the write end of the UI's wake-up pipe. */
struct searcher *searcher_create(int wake_fd);
/*
 * Cancel, join and free the index (not the catalog or registry once
 * taken).  A load or reindex in progress cannot be interrupted, and quitting
 * must not wait for it: then the thread is detached to finish and free what
 * it owns, and searcher_free returns 1 — the caller must leave the config
 * and the catalog it lent alive (the process is about to exit).  0 otherwise.
 */
int searcher_free(struct searcher *s);

/*
 * Load extensions (the registry), the catalog (sources.h's order), the
 * history and the index, for config (borrowed; must outlive the
 * searcher).  snapshot_fp: the fingerprint of the snapshot the UI drew
 * (NULL: none); when the sources' fingerprint differs, the thread saves a
 * new snapshot once loaded.
 */
void searcher_load(struct searcher *s, const struct config *config, const char *snapshot_fp);
/* Rebuild the index over cat (changed by the UI); see the header comment. */
void searcher_reindex(struct searcher *s, const struct catalog *cat);
/* The history file changed (an item was run): reload it and rank again. */
void searcher_history_changed(struct searcher *s);
/* Rank query (len bytes) as generation gen. */
void searcher_query(struct searcher *s, const char *query, size_t len, unsigned long gen);
/*
 * Save the snapshot now (the history changed and the launcher is about to
 * exit) and wait for it.  Does nothing before the load finished.
 */
void searcher_save_snapshot(struct searcher *s);

struct searcher_output {
	/* once, after the load: ownership passes to the caller */
	struct ext_registry *reg;
	struct catalog *cat;
	/* results of the latest query (the caller's), or NULL */
	struct search_results *res;
	unsigned long query_gen;
	unsigned long index_gen; /* the index they came from (1 after the load) */
};

/* Take what is ready: 1 with *out filled, 0 when nothing is. */
int searcher_take(struct searcher *s, struct searcher_output *out);
/* 1 while a load or reindex is in progress. */
int searcher_indexing(struct searcher *s);

#endif
