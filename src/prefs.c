/*
 * The preferences store: one JSON file per extension, 0600, written
 * atomically; the extension's values at the top level, its commands' own
 * under "@commands" (see prefs.h).
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "extension.h"
#include "fileio.h"
#include "msg.h"
#include "paths.h"
#include "prefs.h"
#include "strv.h"
#include "suggest.h"
#include "xmalloc.h"

/* Preference files are small; anything bigger is not ours. */
#define PREFS_MAX_SIZE (1024 * 1024)

char *
prefs_path(const char *extension)
{
	char *config = paths_config_dir();
	char *dir = paths_join(config, "preferences");
	char *file = xasprintf("%s.json", extension);
	char *path = paths_join(dir, file);
	free(file);
	free(dir);
	free(config);
	return path;
}

cJSON *
prefs_load(const char *extension, char **cause)
{
	char *path = prefs_path(extension);
	if (!file_exists(path)) {
		free(path);
		return cJSON_CreateObject();
	}
	size_t len;
	char *text = file_read_all(path, &len, PREFS_MAX_SIZE, cause);
	if (text == NULL) {
		free(path);
		return NULL;
	}
	cJSON *root = cJSON_ParseWithLength(text, len);
	if (!cJSON_IsObject(root)) {
		set_cause(cause, "%s is not a JSON object; fix or remove it", path);
		cJSON_Delete(root);
		root = NULL;
	}
	free(text);
	free(path);
	return root;
}

/* A stored value as text: strings as they are, booleans true/false, numbers plainly. */
static char *
value_text(const cJSON *v)
{
	if (cJSON_IsString(v))
		return xstrdup(v->valuestring);
	if (cJSON_IsBool(v))
		return xstrdup(cJSON_IsTrue(v) ? "true" : "false");
	if (cJSON_IsNumber(v)) {
		double d = v->valuedouble;
		if (d == (double)(long long)d)
			return xasprintf("%lld", (long long)d);
		return xasprintf("%g", d);
	}
	return NULL;
}

/* file and directory values: "~/x" means the home folder, as a shell would. */
static char *
finish_value(const struct ext_preference *pref, char *value)
{
	if (value != NULL && pref != NULL &&
	    (pref->type == PREF_FILE || pref->type == PREF_DIRECTORY) && value[0] == '~') {
		char *expanded = expand_tilde(value);
		free(value);
		return expanded;
	}
	return value;
}

/* A stored value as text, or NULL: an empty value is no value. */
static char *
stored_text(const cJSON *v)
{
	char *text = value_text(v);
	if (text != NULL && *text == '\0') {
		free(text);
		return NULL;
	}
	return text;
}

static const struct ext_preference *
own_preference(const struct ext_command *cmd, const char *name)
{
	for (size_t i = 0; i < cmd->n_preferences; i++)
		if (strcmp(cmd->preferences[i].name, name) == 0)
			return &cmd->preferences[i];
	return NULL;
}

static const struct ext_preference *
extension_preference(const struct extension *ext, const char *name)
{
	for (size_t i = 0; ext != NULL && i < ext->n_preferences; i++)
		if (strcmp(ext->preferences[i].name, name) == 0)
			return &ext->preferences[i];
	return NULL;
}

/* The object of a command's own values in root, or NULL. */
static const cJSON *
command_values(const cJSON *root, const char *slug)
{
	const cJSON *all = cJSON_GetObjectItemCaseSensitive(root, PREFS_COMMANDS_KEY);
	const cJSON *mine = cJSON_GetObjectItemCaseSensitive(all, slug);
	return cJSON_IsObject(mine) ? mine : NULL;
}

char *
prefs_stored(const cJSON *root, const struct prefs_slot *slot)
{
	const char *name = slot->pref->name;
	if (slot->cmd == NULL)
		return stored_text(cJSON_GetObjectItemCaseSensitive(root, name));
	char *v = stored_text(
		cJSON_GetObjectItemCaseSensitive(command_values(root, slot->cmd->slug), name));
	/* a file from before per-command values kept a command-only preference
	 * at the top level; an overriding one's top-level value is the extension's */
	if (v == NULL && extension_preference(slot->ext, name) == NULL)
		v = stored_text(cJSON_GetObjectItemCaseSensitive(root, name));
	return v;
}

/* Every preference name ext declares (its own, then its commands'), deduplicated. */
static void
declared_names(const struct extension *ext, struct strv *names)
{
	for (size_t i = 0; i < ext->n_preferences; i++)
		if (!strv_contains(names, ext->preferences[i].name))
			strv_push(names, ext->preferences[i].name);
	for (size_t c = 0; c < ext->n_commands; c++)
		for (size_t i = 0; i < ext->commands[c]->n_preferences; i++)
			if (!strv_contains(names, ext->commands[c]->preferences[i].name))
				strv_push(names, ext->commands[c]->preferences[i].name);
}

size_t
prefs_applicable(const struct ext_command *cmd, struct prefs_slot **slots)
{
	const struct extension *ext = cmd->ext;
	size_t n = 0, cap = cmd->n_preferences + (ext != NULL ? ext->n_preferences : 0);
	*slots = xcalloc(cap + 1, sizeof **slots);
	for (size_t i = 0; i < cmd->n_preferences; i++)
		(*slots)[n++] = (struct prefs_slot){&cmd->preferences[i], ext, cmd};
	for (size_t i = 0; ext != NULL && i < ext->n_preferences; i++)
		if (own_preference(cmd, ext->preferences[i].name) == NULL)
			(*slots)[n++] = (struct prefs_slot){&ext->preferences[i], ext, NULL};
	return n;
}

char *
prefs_slot_target(const struct prefs_slot *slot)
{
	if (slot->cmd != NULL)
		return xasprintf("%s/%s", slot->ext->name, slot->cmd->slug);
	return xstrdup(slot->ext->name);
}

/* The cause for a name that neither cmd (or NULL) nor ext declares. */
static void
unknown_name(const struct extension *ext, const struct ext_command *cmd, const char *name,
	     char **cause)
{
	struct strv names = STRV_INIT;
	char *who;
	if (cmd != NULL) {
		struct prefs_slot *slots;
		size_t n = prefs_applicable(cmd, &slots);
		for (size_t i = 0; i < n; i++)
			strv_push(&names, slots[i].pref->name);
		free(slots);
		who = xasprintf("command '%s/%s'", ext->name, cmd->slug);
	} else {
		declared_names(ext, &names);
		who = xasprintf("extension '%s'", ext->name);
	}
	const char *near = suggest_nearest(name, (const char *const *)names.v, names.n);
	if (names.n == 0)
		set_cause(cause, "%s has no preferences", who);
	else if (near != NULL)
		set_cause(cause, "%s has no preference '%s' (did you mean '%s'?)", who, name, near);
	else
		set_cause(cause, "%s has no preference '%s' (see 'chitty prefs list %s%s%s')", who,
			  name, ext->name, cmd != NULL ? "/" : "", cmd != NULL ? cmd->slug : "");
	free(who);
	strv_free(&names);
}

int
prefs_resolve(const struct extension *ext, const struct ext_command *cmd, const char *name,
	      struct prefs_slot *slot, char **cause)
{
	*slot = (struct prefs_slot){NULL, ext, NULL};
	if (cmd != NULL && (slot->pref = own_preference(cmd, name)) != NULL) {
		slot->cmd = cmd;
		return 0;
	}
	if ((slot->pref = extension_preference(ext, name)) != NULL)
		return 0;
	if (cmd != NULL) {
		unknown_name(ext, cmd, name, cause);
		return -1;
	}
	/* only commands declare it: the sole one, or ask which */
	struct strv owners = STRV_INIT;
	for (size_t c = 0; c < ext->n_commands; c++) {
		const struct ext_preference *p = own_preference(ext->commands[c], name);
		if (p == NULL)
			continue;
		if (owners.n == 0)
			*slot = (struct prefs_slot){p, ext, ext->commands[c]};
		strv_push(&owners, ext->commands[c]->slug);
	}
	int rc = 0;
	if (owners.n == 0) {
		unknown_name(ext, NULL, name, cause);
		rc = -1;
	} else if (owners.n > 1) {
		char *list = strv_join(&owners, ", ");
		set_cause(cause,
			  "'%s' is a preference of several commands of '%s' (%s): give one as "
			  "EXT/COMMAND, e.g. '%s/%s'",
			  name, ext->name, list, ext->name, owners.v[0]);
		free(list);
		rc = -1;
	}
	strv_free(&owners);
	if (rc != 0)
		slot->pref = NULL;
	return rc;
}

char *
prefs_get(const struct ext_command *cmd, const char *name)
{
	const struct ext_preference *pref = NULL;
	char *value = NULL;
	if (cmd->ext != NULL) {
		cJSON *root = prefs_load(cmd->ext->name, NULL);
		struct prefs_slot slot;
		if (prefs_resolve(cmd->ext, cmd, name, &slot, NULL) == 0) {
			pref = slot.pref;
			value = prefs_stored(root, &slot);
		} else /* a name no one declares: the SDK's env() stores those */
			value = stored_text(cJSON_GetObjectItemCaseSensitive(root, name));
		cJSON_Delete(root);
	} else
		pref = own_preference(cmd, name);
	if (value == NULL && pref != NULL && pref->default_value != NULL)
		value = xstrdup(pref->default_value);
	return finish_value(pref, value);
}

int
prefs_has_stored(const struct ext_command *cmd, const char *name)
{
	struct prefs_slot slot;
	if (cmd->ext == NULL || prefs_resolve(cmd->ext, cmd, name, &slot, NULL) != 0)
		return 0;
	cJSON *root = prefs_load(cmd->ext->name, NULL);
	char *v = prefs_stored(root, &slot);
	int stored = v != NULL;
	free(v);
	cJSON_Delete(root);
	return stored;
}

int
prefs_check(const struct ext_preference *pref, const char *value, char **normalized, char **warning,
	    char **cause)
{
	*normalized = NULL;
	if (warning != NULL)
		*warning = NULL;
	switch (pref->type) {
	case PREF_CHECKBOX: {
		static const char *const yes[] = {"true", "yes", "on", "1"};
		static const char *const no[] = {"false", "no", "off", "0"};
		for (size_t i = 0; i < nitems(yes); i++) {
			if (strcasecmp(value, yes[i]) == 0)
				*normalized = xstrdup("true");
			else if (strcasecmp(value, no[i]) == 0)
				*normalized = xstrdup("false");
		}
		if (*normalized == NULL) {
			set_cause(cause, "'%s' is a checkbox: give true or false, not '%s'",
				  pref->name, value);
			return -1;
		}
		return 0;
	}
	case PREF_DROPDOWN: {
		for (size_t i = 0; i < pref->n_data; i++)
			if (strcmp(pref->data[i].value, value) == 0) {
				*normalized = xstrdup(value);
				return 0;
			}
		/* the option's title is accepted too, and stored as its value */
		for (size_t i = 0; i < pref->n_data; i++)
			if (strcmp(pref->data[i].title, value) == 0) {
				*normalized = xstrdup(pref->data[i].value);
				return 0;
			}
		struct strv values = STRV_INIT;
		for (size_t i = 0; i < pref->n_data; i++)
			strv_push(&values, pref->data[i].value);
		char *list = strv_join(&values, ", ");
		set_cause(cause, "'%s' is not one of the values of '%s': %s", value, pref->name,
			  list);
		free(list);
		strv_free(&values);
		return -1;
	}
	case PREF_FILE:
	case PREF_DIRECTORY: {
		char *path = expand_tilde(value);
		if (warning != NULL && *value != '\0') {
			if (!file_exists(path))
				*warning = xasprintf("%s does not exist (saved anyway)", path);
			else if (pref->type == PREF_DIRECTORY && !is_directory(path))
				*warning = xasprintf("%s is not a folder (saved anyway)", path);
			else if (pref->type == PREF_FILE && is_directory(path))
				*warning = xasprintf("%s is a folder, not a file (saved anyway)",
						     path);
		}
		free(path);
		*normalized = xstrdup(value);
		return 0;
	}
	default:
		*normalized = xstrdup(value);
		return 0;
	}
}

/* The object under key in parent, made (replacing anything else) when missing. */
static cJSON *
object_at(cJSON *parent, const char *key)
{
	cJSON *o = cJSON_GetObjectItemCaseSensitive(parent, key);
	if (cJSON_IsObject(o))
		return o;
	cJSON_DeleteItemFromObjectCaseSensitive(parent, key);
	return cJSON_AddObjectToObject(parent, key);
}

/* Put item (taken; NULL removes the value) under name, in slug's values or at the top level. */
static void
place(cJSON *root, const char *slug, const char *name, cJSON *item)
{
	cJSON *all = slug != NULL ? object_at(root, PREFS_COMMANDS_KEY) : NULL;
	cJSON *obj = slug != NULL ? object_at(all, slug) : root;
	if (item == NULL)
		cJSON_DeleteItemFromObjectCaseSensitive(obj, name);
	else if (cJSON_GetObjectItemCaseSensitive(obj, name) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(obj, name, item);
	else
		cJSON_AddItemToObject(obj, name, item);
	if (slug != NULL && obj->child == NULL)
		cJSON_DeleteItemFromObjectCaseSensitive(all, slug);
	if (all != NULL && all->child == NULL)
		cJSON_DeleteItemFromObjectCaseSensitive(root, PREFS_COMMANDS_KEY);
}

/*
 * A file from before per-command values: move each command-only
 * preference's top-level value under every command that declares it (and
 * has no value of its own), so the old value stays in effect but unsetting
 * a command's value is not undone by it.
 */
static void
migrate_top_level(const struct extension *ext, cJSON *root)
{
	struct strv moved = STRV_INIT;
	for (size_t c = 0; c < ext->n_commands; c++) {
		const struct ext_command *cmd = ext->commands[c];
		for (size_t i = 0; i < cmd->n_preferences; i++) {
			const char *name = cmd->preferences[i].name;
			const cJSON *old = cJSON_GetObjectItemCaseSensitive(root, name);
			if (old == NULL || extension_preference(ext, name) != NULL)
				continue;
			if (cJSON_GetObjectItemCaseSensitive(command_values(root, cmd->slug),
							     name) == NULL)
				place(root, cmd->slug, name, cJSON_Duplicate(old, 1));
			if (!strv_contains(&moved, name))
				strv_push(&moved, name);
		}
	}
	for (size_t i = 0; i < moved.n; i++)
		cJSON_DeleteItemFromObjectCaseSensitive(root, moved.v[i]);
	strv_free(&moved);
}

/*
 * Store item (taken; NULL forgets the value) under name, for slug's command
 * or (NULL) the extension, in ext's file.  Forgetting with no file is done.
 */
static int
save_value(const struct extension *ext, const char *slug, const char *name, cJSON *item,
	   char **cause)
{
	char *path = prefs_path(ext->name);
	if (item == NULL && !file_exists(path)) {
		free(path);
		return 0;
	}
	cJSON *root = prefs_load(ext->name, cause);
	if (root == NULL) {
		cJSON_Delete(item);
		free(path);
		return -1;
	}
	migrate_top_level(ext, root);
	place(root, slug, name, item);
	char *config = paths_config_dir();
	char *dir = paths_join(config, "preferences");
	char *text = cJSON_Print(root);
	int rc = -1;
	if (paths_ensure(dir, cause) == 0 &&
	    file_write_atomic(path, text, strlen(text), 0600, cause) == 0)
		rc = 0;
	cJSON_free(text);
	cJSON_Delete(root);
	free(dir);
	free(config);
	free(path);
	return rc;
}

int
prefs_set(const struct extension *ext, const struct ext_command *cmd, const char *name,
	  const char *value, char **cause)
{
	struct prefs_slot slot;
	if (prefs_resolve(ext, cmd, name, &slot, cause) != 0)
		return -1;
	char *normalized, *warning = NULL;
	if (prefs_check(slot.pref, value, &normalized, &warning, cause) != 0)
		return -1;
	cJSON *item = slot.pref->type == PREF_CHECKBOX
			      ? cJSON_CreateBool(strcmp(normalized, "true") == 0)
			      : cJSON_CreateString(normalized);
	free(normalized);
	int rc = save_value(ext, slot.cmd != NULL ? slot.cmd->slug : NULL, name, item, cause);
	if (rc == 0 && warning != NULL)
		msg_warn("%s", warning);
	free(warning);
	return rc;
}

int
prefs_unset(const struct extension *ext, const struct ext_command *cmd, const char *name,
	    char **cause)
{
	struct prefs_slot slot;
	if (prefs_resolve(ext, cmd, name, &slot, cause) != 0)
		return -1;
	return save_value(ext, slot.cmd != NULL ? slot.cmd->slug : NULL, name, NULL, cause);
}

int
prefs_store(const struct ext_command *cmd, const char *name, const char *value, char **cause)
{
	struct prefs_slot slot;
	if (strcmp(name, PREFS_COMMANDS_KEY) == 0) {
		set_cause(cause, "'%s' is a name chitty keeps for itself", name);
		return -1;
	}
	if (prefs_resolve(cmd->ext, cmd, name, &slot, NULL) == 0)
		return prefs_set(cmd->ext, cmd, name, value, cause);
	return save_value(cmd->ext, NULL, name, cJSON_CreateString(value), cause);
}

/* The value that applies for slot: stored, else the default; a new string or NULL. */
static char *
slot_value(const cJSON *root, const struct prefs_slot *slot)
{
	char *v = prefs_stored(root, slot);
	if (v == NULL && slot->pref->default_value != NULL)
		v = xstrdup(slot->pref->default_value);
	return v;
}

void
prefs_missing(const struct ext_command *cmd, struct strv *names)
{
	struct prefs_slot *slots;
	size_t n = prefs_applicable(cmd, &slots);
	cJSON *root = cmd->ext != NULL ? prefs_load(cmd->ext->name, NULL) : NULL;
	for (size_t i = 0; i < n; i++) {
		if (!slots[i].pref->required)
			continue;
		char *v = slot_value(root, &slots[i]);
		if (v == NULL)
			strv_push(names, slots[i].pref->name);
		free(v);
	}
	cJSON_Delete(root);
	free(slots);
}

void
prefs_values(const struct ext_command *cmd, struct strv *names, struct strv *values)
{
	struct prefs_slot *slots;
	size_t n = prefs_applicable(cmd, &slots);
	cJSON *root = cmd->ext != NULL ? prefs_load(cmd->ext->name, NULL) : NULL;
	for (size_t i = 0; i < n; i++) {
		char *v = finish_value(slots[i].pref, slot_value(root, &slots[i]));
		if (v == NULL)
			continue;
		strv_push(names, slots[i].pref->name);
		strv_push_owned(values, v);
	}
	cJSON_Delete(root);
	free(slots);
}

const char *
prefs_display(const struct ext_preference *pref, const char *value)
{
	if (value == NULL)
		return NULL;
	return pref != NULL && pref->type == PREF_PASSWORD ? PREFS_MASK : value;
}
