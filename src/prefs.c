/* The preferences store: one JSON file per extension, 0600, written atomically. */
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

static char *
stored_value(const cJSON *root, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(root, name);
	char *text = value_text(v);
	if (text != NULL && *text == '\0') {
		free(text);
		return NULL; /* an empty value is no value */
	}
	return text;
}

char *
prefs_get(const struct ext_command *cmd, const char *name)
{
	const struct ext_preference *pref = ext_command_preference(cmd, name);
	char *value = NULL;
	if (cmd->ext != NULL) {
		cJSON *root = prefs_load(cmd->ext->name, NULL);
		value = stored_value(root, name);
		cJSON_Delete(root);
	}
	if (value == NULL && pref != NULL && pref->default_value != NULL)
		value = xstrdup(pref->default_value);
	return finish_value(pref, value);
}

const struct ext_preference *
prefs_find(const struct extension *ext, const char *name)
{
	for (size_t i = 0; i < ext->n_preferences; i++)
		if (strcmp(ext->preferences[i].name, name) == 0)
			return &ext->preferences[i];
	for (size_t c = 0; c < ext->n_commands; c++) {
		const struct ext_command *cmd = ext->commands[c];
		for (size_t i = 0; i < cmd->n_preferences; i++)
			if (strcmp(cmd->preferences[i].name, name) == 0)
				return &cmd->preferences[i];
	}
	return NULL;
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

/* Store item (taken) as the value of name in ext's file. */
static int
save_value(const struct extension *ext, const char *name, cJSON *item, char **cause)
{
	cJSON *root = prefs_load(ext->name, cause);
	if (root == NULL) {
		cJSON_Delete(item);
		return -1;
	}
	if (cJSON_GetObjectItemCaseSensitive(root, name) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(root, name, item);
	else
		cJSON_AddItemToObject(root, name, item);
	char *path = prefs_path(ext->name);
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
prefs_set(const struct extension *ext, const char *name, const char *value, char **cause)
{
	const struct ext_preference *pref = prefs_find(ext, name);
	if (pref == NULL) {
		struct strv names = STRV_INIT;
		declared_names(ext, &names);
		const char *near = suggest_nearest(name, (const char *const *)names.v, names.n);
		if (names.n == 0)
			set_cause(cause, "extension '%s' has no preferences", ext->name);
		else if (near != NULL)
			set_cause(cause,
				  "extension '%s' has no preference '%s' (did you mean '%s'?)",
				  ext->name, name, near);
		else
			set_cause(cause, "extension '%s' has no preference '%s'", ext->name, name);
		strv_free(&names);
		return -1;
	}
	char *normalized, *warning = NULL;
	if (prefs_check(pref, value, &normalized, &warning, cause) != 0)
		return -1;
	cJSON *item = pref->type == PREF_CHECKBOX
			      ? cJSON_CreateBool(strcmp(normalized, "true") == 0)
			      : cJSON_CreateString(normalized);
	free(normalized);
	int rc = save_value(ext, name, item, cause);
	if (rc == 0 && warning != NULL)
		msg_warn("%s", warning);
	free(warning);
	return rc;
}

int
prefs_store(const struct extension *ext, const char *name, const char *value, char **cause)
{
	if (prefs_find(ext, name) != NULL)
		return prefs_set(ext, name, value, cause);
	return save_value(ext, name, cJSON_CreateString(value), cause);
}

int
prefs_unset(const struct extension *ext, const char *name, char **cause)
{
	cJSON *root = prefs_load(ext->name, cause);
	if (root == NULL)
		return -1;
	cJSON_DeleteItemFromObjectCaseSensitive(root, name);
	char *path = prefs_path(ext->name);
	char *text = cJSON_Print(root);
	int rc = file_exists(path) ? file_write_atomic(path, text, strlen(text), 0600, cause) : 0;
	cJSON_free(text);
	cJSON_Delete(root);
	free(path);
	return rc;
}

/* The preferences that apply to cmd: its own, then the extension's not overridden. */
static void
applicable(const struct ext_command *cmd, const struct ext_preference ***out, size_t *n)
{
	size_t cap = cmd->n_preferences + (cmd->ext != NULL ? cmd->ext->n_preferences : 0);
	*out = xcalloc(cap + 1, sizeof **out);
	*n = 0;
	for (size_t i = 0; i < cmd->n_preferences; i++)
		(*out)[(*n)++] = &cmd->preferences[i];
	for (size_t i = 0; cmd->ext != NULL && i < cmd->ext->n_preferences; i++) {
		const struct ext_preference *p = &cmd->ext->preferences[i];
		int overridden = 0;
		for (size_t j = 0; j < cmd->n_preferences; j++)
			overridden |= strcmp(cmd->preferences[j].name, p->name) == 0;
		if (!overridden)
			(*out)[(*n)++] = p;
	}
}

void
prefs_missing(const struct ext_command *cmd, struct strv *names)
{
	const struct ext_preference **prefs;
	size_t n;
	applicable(cmd, &prefs, &n);
	cJSON *root = cmd->ext != NULL ? prefs_load(cmd->ext->name, NULL) : NULL;
	for (size_t i = 0; i < n; i++) {
		if (!prefs[i]->required || prefs[i]->default_value != NULL)
			continue;
		char *v = stored_value(root, prefs[i]->name);
		if (v == NULL)
			strv_push(names, prefs[i]->name);
		free(v);
	}
	cJSON_Delete(root);
	free(prefs);
}

void
prefs_values(const struct ext_command *cmd, struct strv *names, struct strv *values)
{
	const struct ext_preference **prefs;
	size_t n;
	applicable(cmd, &prefs, &n);
	cJSON *root = cmd->ext != NULL ? prefs_load(cmd->ext->name, NULL) : NULL;
	for (size_t i = 0; i < n; i++) {
		char *v = stored_value(root, prefs[i]->name);
		if (v == NULL && prefs[i]->default_value != NULL)
			v = xstrdup(prefs[i]->default_value);
		v = finish_value(prefs[i], v);
		if (v == NULL)
			continue;
		strv_push(names, prefs[i]->name);
		strv_push_owned(values, v);
	}
	cJSON_Delete(root);
	free(prefs);
}

const char *
prefs_display(const struct ext_preference *pref, const char *value)
{
	if (value == NULL)
		return NULL;
	return pref != NULL && pref->type == PREF_PASSWORD ? PREFS_MASK : value;
}
