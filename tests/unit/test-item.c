/* The item model and the catalog. */
#include "build-config.h"

#include <stdlib.h>

#include <cjson/cJSON.h>

#include "catalog.h"
#include "item.h"
#include "tap.h"
#include "xmalloc.h"

static struct item *
make(const char *id, const char *source)
{
	struct item *it = item_create(id, "command", id);
	item_set(&it->source, source);
	return it;
}

static char *
ids(const struct catalog *cat)
{
	char *s = xstrdup("");
	for (size_t i = 0; i < cat->n; i++) {
		char *t = xasprintf("%s%s%s", s, i ? "," : "", cat->items[i]->id);
		free(s);
		s = t;
	}
	return s;
}

static void
test_item(void)
{
	struct item *it = item_create("gh/issue/1", "issue", "Fix 🐞");
	item_set(&it->subtitle, "octo/repo#1");
	item_add_keyword(it, "bug");
	item_add_keyword(it, "bug");
	item_add_keyword(it, "");
	is_int(it->keywords.n, 1, "keywords are de-duplicated and empty ones dropped");
	item_add_accessory(it, ACC_STATUS, "open");
	item_add_accessory(it, ACC_DATE, NULL);
	is_int(it->n_accessories, 1, "empty accessories are dropped");
	struct action *a = item_add_action(it, ACTION_OPEN, "open", "Open in Browser",
					   "https://github.com/octo/repo/issues/1");
	a->shortcut = xstrdup("ctrl+o");
	a = item_add_action(it, ACTION_REMOTE, "close", "Close Issue", "1");
	a->remote = xstrdup("tracker");
	a->verb = xstrdup("close");
	a->confirm = a->destructive = 1;
	a = item_add_action(it, ACTION_REMOTE, "comment", "Add Comment", "1");
	a->remote = xstrdup("tracker");
	a->verb = xstrdup("issues comment");
	a->input = xstrdup("Comment");
	ok(item_find_action(it, "close") != NULL && item_find_action(it, "nope") == NULL,
	   "find action by id");

	cJSON *json = item_to_json(it);
	struct item *back = item_from_json(json, NULL);
	cJSON *json2 = item_to_json(back);
	ok(cJSON_Compare(json, json2, 1), "JSON round trip keeps every field");
	is_str(back->actions[1].verb, "close", "action verb survives");
	ok(back->actions[1].confirm && back->actions[1].destructive, "action flags survive");
	is_str(back->actions[2].input, "Comment", "an action's input survives");
	ok(back->actions[1].input == NULL, "and stays NULL where there is none");
	is_int(back->accessories[0].kind, ACC_STATUS, "accessory kind survives");
	cJSON_Delete(json);
	cJSON_Delete(json2);

	struct item *clone = item_clone(it);
	item_set(&it->title, "changed");
	is_str(clone->title, "Fix 🐞", "a clone is independent");
	item_free(clone);
	item_free(back);
	item_free(it);
	item_free(NULL);

	cJSON *bad = cJSON_Parse("{\"title\":\"no id\"}");
	char *cause = NULL;
	ok(item_from_json(bad, &cause) == NULL && cause != NULL,
	   "an item without an id is refused");
	free(cause);
	cJSON_Delete(bad);
}

static void
test_catalog(void)
{
	struct catalog *cat = catalog_create();
	catalog_add(cat, make("a1", "ext:a"));
	catalog_add(cat, make("b1", "remote:b"));
	catalog_add(cat, make("a2", "ext:a"));
	catalog_add(cat, make("c1", "ext:c"));
	unsigned long gen = cat->generation;

	struct item *fresh[] = {make("a3", NULL), make("a4", NULL)};
	catalog_replace_source(cat, "ext:a", fresh, 2);
	char *s = ids(cat);
	is_str(s, "a3,a4,b1,c1", "replacing a source keeps its place and the others' order");
	free(s);
	ok(cat->generation != gen, "a change bumps the generation");
	is_str(catalog_find(cat, "a4")->source, "ext:a", "replaced items get the source");
	is_int(catalog_count_source(cat, "ext:a"), 2, "count by source");

	struct item *more[] = {make("d1", NULL)};
	catalog_replace_source(cat, "remote:d", more, 1);
	s = ids(cat);
	is_str(s, "a3,a4,b1,c1,d1", "a new source goes at the end");
	free(s);

	catalog_replace_source(cat, "remote:b", NULL, 0);
	s = ids(cat);
	is_str(s, "a3,a4,c1,d1", "replacing with nothing removes a source");
	free(s);
	ok(catalog_find(cat, "b1") == NULL, "removed items are gone");

	/* swapping hands the old items back instead of freeing them */
	struct item *keep = catalog_find(cat, "d1");
	struct item *newer[] = {make("d2", NULL), make("d3", NULL)};
	struct item **old = NULL;
	size_t n_old = 0;
	catalog_swap_source(cat, "remote:d", newer, 2, &old, &n_old);
	s = ids(cat);
	is_str(s, "a3,a4,c1,d2,d3", "swapping a source replaces it in place");
	free(s);
	ok(n_old == 1 && old[0] == keep && strcmp(old[0]->id, "d1") == 0,
	   "swapping hands the old items to the caller, still alive");
	for (size_t i = 0; i < n_old; i++)
		item_free(old[i]);
	free(old);
	catalog_swap_source(cat, "remote:none", NULL, 0, &old, &n_old);
	ok(n_old == 0 && old == NULL, "swapping an unknown source hands back nothing");
	catalog_free(cat);
	catalog_free(NULL);
}

int
main(void)
{
	test_item();
	test_catalog();
	return done_testing();
}
