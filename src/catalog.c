#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "item.h"
#include "xmalloc.h"

struct catalog *
catalog_create(void)
{
	return xcalloc(1, sizeof(struct catalog));
}

void
catalog_free(struct catalog *cat)
{
	if (cat == NULL)
		return;
	for (size_t i = 0; i < cat->n; i++)
		item_free(cat->items[i]);
	free(cat->items);
	free(cat);
}

static void
catalog_reserve(struct catalog *cat, size_t n)
{
	if (n <= cat->cap)
		return;
	size_t cap = cat->cap ? cat->cap : 64;
	while (cap < n)
		cap *= 2;
	cat->items = xreallocarray(cat->items, cap, sizeof *cat->items);
	cat->cap = cap;
}

void
catalog_add(struct catalog *cat, struct item *item)
{
	catalog_reserve(cat, cat->n + 1);
	cat->items[cat->n++] = item;
	cat->generation++;
}

static int
same_source(const struct item *item, const char *source)
{
	return item->source != NULL && strcmp(item->source, source) == 0;
}

void
catalog_swap_source(struct catalog *cat, const char *source, struct item **items, size_t n,
		    struct item ***old, size_t *n_old)
{
	size_t first = cat->n, kept = 0;
	if (old != NULL) {
		*old = NULL;
		*n_old = 0;
	}
	for (size_t i = 0; i < cat->n; i++) {
		if (same_source(cat->items[i], source)) {
			if (first == cat->n)
				first = kept;
			if (old != NULL) {
				*old = xreallocarray(*old, *n_old + 1, sizeof **old);
				(*old)[(*n_old)++] = cat->items[i];
			} else
				item_free(cat->items[i]);
		} else
			cat->items[kept++] = cat->items[i];
	}
	if (first > kept)
		first = kept;
	catalog_reserve(cat, kept + n);
	memmove(cat->items + first + n, cat->items + first, (kept - first) * sizeof *cat->items);
	for (size_t i = 0; i < n; i++) {
		item_set(&items[i]->source, source);
		cat->items[first + i] = items[i];
	}
	cat->n = kept + n;
	cat->generation++;
}

void
catalog_replace_source(struct catalog *cat, const char *source, struct item **items, size_t n)
{
	catalog_swap_source(cat, source, items, n, NULL, NULL);
}

struct item *
catalog_find(const struct catalog *cat, const char *id)
{
	for (size_t i = 0; i < cat->n; i++)
		if (strcmp(cat->items[i]->id, id) == 0)
			return cat->items[i];
	return NULL;
}

size_t
catalog_count_source(const struct catalog *cat, const char *source)
{
	size_t count = 0;
	for (size_t i = 0; i < cat->n; i++)
		count += same_source(cat->items[i], source);
	return count;
}
