#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "item.h"
#include "xmalloc.h"

struct item *
item_create(const char *id, const char *kind, const char *title)
{
	struct item *item = xcalloc(1, sizeof *item);
	item->id = xstrdup(id);
	item->kind = xstrdup(kind != NULL ? kind : "command");
	item->title = xstrdup(title != NULL ? title : "");
	return item;
}

static void
action_clear(struct action *a)
{
	free(a->id);
	free(a->title);
	free(a->shortcut);
	free(a->target);
	free(a->remote);
	free(a->verb);
	free(a->input);
}

void
item_free(struct item *item)
{
	if (item == NULL)
		return;
	free(item->id);
	free(item->kind);
	free(item->title);
	free(item->subtitle);
	strv_free(&item->keywords);
	free(item->alias);
	free(item->icon);
	free(item->source);
	free(item->group);
	free(item->url);
	free(item->preview);
	free(item->disabled_reason);
	for (size_t i = 0; i < item->n_accessories; i++)
		free(item->accessories[i].text);
	free(item->accessories);
	for (size_t i = 0; i < item->n_actions; i++)
		action_clear(&item->actions[i]);
	free(item->actions);
	free(item);
}

void
item_set(char **field, const char *value)
{
	char *copy = xstrdup_or_null(value);
	free(*field);
	*field = copy;
}

void
item_add_keyword(struct item *item, const char *keyword)
{
	if (keyword != NULL && *keyword != '\0' && !strv_contains(&item->keywords, keyword))
		strv_push(&item->keywords, keyword);
}

void
item_add_accessory(struct item *item, enum accessory_kind kind, const char *text)
{
	if (text == NULL || *text == '\0')
		return;
	item->accessories = xreallocarray(item->accessories, item->n_accessories + 1,
					  sizeof *item->accessories);
	item->accessories[item->n_accessories].kind = kind;
	item->accessories[item->n_accessories].text = xstrdup(text);
	item->n_accessories++;
}

struct action *
item_add_action(struct item *item, enum action_kind kind, const char *id, const char *title,
		const char *target)
{
	item->actions = xreallocarray(item->actions, item->n_actions + 1, sizeof *item->actions);
	struct action *a = &item->actions[item->n_actions++];
	memset(a, 0, sizeof *a);
	a->kind = kind;
	a->id = xstrdup(id);
	a->title = xstrdup(title);
	a->target = xstrdup_or_null(target);
	return a;
}

const struct action *
item_find_action(const struct item *item, const char *id)
{
	for (size_t i = 0; i < item->n_actions; i++)
		if (strcmp(item->actions[i].id, id) == 0)
			return &item->actions[i];
	return NULL;
}

static const char *const accessory_names[] = {
	[ACC_TEXT] = "text",     [ACC_ALIAS] = "alias",     [ACC_SHORTCUT] = "shortcut",
	[ACC_SOURCE] = "source", [ACC_STATUS] = "status",   [ACC_DATE] = "date",
	[ACC_TAG] = "tag",       [ACC_WARNING] = "warning",
};

static const char *const action_names[] = {
	[ACTION_RUN] = "run",
	[ACTION_OPEN] = "open",
	[ACTION_COPY] = "copy",
	[ACTION_REMOTE] = "remote",
};

const char *
accessory_kind_name(enum accessory_kind kind)
{
	return (size_t)kind < nitems(accessory_names) ? accessory_names[kind] : "text";
}

const char *
action_kind_name(enum action_kind kind)
{
	return (size_t)kind < nitems(action_names) ? action_names[kind] : "run";
}

static int
name_lookup(const char *const *names, size_t n, const char *name, int fallback)
{
	if (name != NULL)
		for (size_t i = 0; i < n; i++)
			if (names[i] != NULL && strcmp(names[i], name) == 0)
				return (int)i;
	return fallback;
}

static void
add_string(cJSON *obj, const char *key, const char *value)
{
	if (value != NULL)
		cJSON_AddStringToObject(obj, key, value);
}

static const char *
get_string(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

cJSON *
item_to_json(const struct item *item)
{
	cJSON *obj = cJSON_CreateObject();
	add_string(obj, "id", item->id);
	add_string(obj, "kind", item->kind);
	add_string(obj, "title", item->title);
	add_string(obj, "subtitle", item->subtitle);
	if (item->keywords.n != 0)
		cJSON_AddItemToObject(obj, "keywords",
				      cJSON_CreateStringArray((const char *const *)item->keywords.v,
							      (int)item->keywords.n));
	add_string(obj, "alias", item->alias);
	add_string(obj, "icon", item->icon);
	add_string(obj, "source", item->source);
	add_string(obj, "group", item->group);
	add_string(obj, "url", item->url);
	add_string(obj, "preview", item->preview);
	add_string(obj, "disabled", item->disabled_reason);
	if (item->n_accessories != 0) {
		cJSON *arr = cJSON_AddArrayToObject(obj, "accessories");
		for (size_t i = 0; i < item->n_accessories; i++) {
			cJSON *a = cJSON_CreateObject();
			add_string(a, "kind", accessory_kind_name(item->accessories[i].kind));
			add_string(a, "text", item->accessories[i].text);
			cJSON_AddItemToArray(arr, a);
		}
	}
	if (item->n_actions != 0) {
		cJSON *arr = cJSON_AddArrayToObject(obj, "actions");
		for (size_t i = 0; i < item->n_actions; i++) {
			const struct action *act = &item->actions[i];
			cJSON *a = cJSON_CreateObject();
			add_string(a, "id", act->id);
			add_string(a, "title", act->title);
			add_string(a, "kind", action_kind_name(act->kind));
			add_string(a, "target", act->target);
			add_string(a, "shortcut", act->shortcut);
			add_string(a, "remote", act->remote);
			add_string(a, "verb", act->verb);
			add_string(a, "input", act->input);
			if (act->confirm)
				cJSON_AddTrueToObject(a, "confirm");
			if (act->destructive)
				cJSON_AddTrueToObject(a, "destructive");
			cJSON_AddItemToArray(arr, a);
		}
	}
	return obj;
}

struct item *
item_from_json(const cJSON *json, char **cause)
{
	const char *id = get_string(json, "id"), *title = get_string(json, "title");
	if (!cJSON_IsObject(json) || id == NULL || title == NULL) {
		set_cause(cause, "item without id or title");
		return NULL;
	}
	struct item *item = item_create(id, get_string(json, "kind"), title);
	item_set(&item->subtitle, get_string(json, "subtitle"));
	item_set(&item->alias, get_string(json, "alias"));
	item_set(&item->icon, get_string(json, "icon"));
	item_set(&item->source, get_string(json, "source"));
	item_set(&item->group, get_string(json, "group"));
	item_set(&item->url, get_string(json, "url"));
	item_set(&item->preview, get_string(json, "preview"));
	item_set(&item->disabled_reason, get_string(json, "disabled"));
	const cJSON *v;
	cJSON_ArrayForEach (v, cJSON_GetObjectItemCaseSensitive(json, "keywords"))
		if (cJSON_IsString(v))
			item_add_keyword(item, v->valuestring);
	cJSON_ArrayForEach (v, cJSON_GetObjectItemCaseSensitive(json, "accessories"))
		item_add_accessory(
			item,
			(enum accessory_kind)name_lookup(accessory_names, nitems(accessory_names),
							 get_string(v, "kind"), ACC_TEXT),
			get_string(v, "text"));
	cJSON_ArrayForEach (v, cJSON_GetObjectItemCaseSensitive(json, "actions")) {
		const char *aid = get_string(v, "id"), *atitle = get_string(v, "title");
		if (aid == NULL || atitle == NULL)
			continue;
		enum action_kind kind = (enum action_kind)name_lookup(
			action_names, nitems(action_names), get_string(v, "kind"), ACTION_RUN);
		struct action *a =
			item_add_action(item, kind, aid, atitle, get_string(v, "target"));
		a->shortcut = xstrdup_or_null(get_string(v, "shortcut"));
		a->remote = xstrdup_or_null(get_string(v, "remote"));
		a->verb = xstrdup_or_null(get_string(v, "verb"));
		a->input = xstrdup_or_null(get_string(v, "input"));
		a->confirm = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "confirm"));
		a->destructive = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(v, "destructive"));
	}
	return item;
}

struct item *
item_clone(const struct item *item)
{
	cJSON *json = item_to_json(item);
	struct item *copy = item_from_json(json, NULL);
	cJSON_Delete(json);
	return copy;
}
