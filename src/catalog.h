/*
 * The catalog: every item the launcher and `chitty search` can find, in a
 * stable order (the order sources were loaded, then the order each source
 * produced its items).  Ranking keeps ties in this order.
 *
 * Items are grouped by their source ("ext:cleanshot", "remote:tracker"); a
 * refreshed source replaces all its items at once, keeping its place.  The
 * catalog owns its items.  It is not thread-safe: one thread (the UI loop or
 * the CLI) owns it, and background work hands results over to that thread.
 */
#ifndef CHITTY_CATALOG_H
#define CHITTY_CATALOG_H

#include <stddef.h>

struct item;

struct catalog {
	struct item **items;
	size_t n;
	size_t cap;
	unsigned long generation; /* bumped by every change, so views can tell they are stale */
};

struct catalog *catalog_create(void);
void catalog_free(struct catalog *cat);

/* Append an item; the catalog takes ownership. */
void catalog_add(struct catalog *cat, struct item *item);

/*
 * Replace every item whose source is `source` with items[0..n) (ownership of
 * each item passes to the catalog; the array itself stays the caller's).  The
 * new items take the place of the first old one, or go at the end.
 */
void catalog_replace_source(struct catalog *cat, const char *source, struct item **items, size_t n);
/*
 * The same, but the old items are handed to the caller (*old, a new array
 * of *n_old items, each the caller's to free) instead of being freed: the
 * launcher keeps them alive while its search thread may still rank them.
 */
void catalog_swap_source(struct catalog *cat, const char *source, struct item **items, size_t n,
			 struct item ***old, size_t *n_old);

/* The item with this id (borrowed), or NULL. */
struct item *catalog_find(const struct catalog *cat, const char *id);
size_t catalog_count_source(const struct catalog *cat, const char *source);

#endif
