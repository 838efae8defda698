#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "fileio.h"
#include "msg.h"
#include "paths.h"
#include "xmalloc.h"

#define CONFIG_MAX_SIZE (16u << 20)

char *
config_default_path(void)
{
	char *dir = paths_config_dir();
	char *path = paths_join(dir, "config.json");
	free(dir);
	return path;
}

void
text_line_col(const char *text, size_t offset, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < offset && text[i] != '\0'; i++) {
		if (text[i] == '\n')
			l++, c = 1;
		else if (((unsigned char)text[i] & 0xC0) != 0x80)
			c++;
	}
	*line = l;
	*col = c;
}

struct config *
config_create_empty(const char *path)
{
	struct config *config = xcalloc(1, sizeof *config);
	config->path = path != NULL ? xstrdup(path) : config_default_path();
	config->root = cJSON_CreateObject();
	return config;
}

struct config *
config_load(const char *path, char **cause)
{
	struct config *config = config_create_empty(path);
	if (!file_exists(config->path))
		return config;

	size_t len;
	char *text = file_read_all(config->path, &len, CONFIG_MAX_SIZE, cause);
	if (text == NULL) {
		config_free(config);
		return NULL;
	}
	const char *end = NULL;
	cJSON *root = cJSON_ParseWithOpts(text, &end, 1);
	if (root == NULL) {
		int line, col;
		size_t offset = end != NULL && end >= text ? (size_t)(end - text) : 0;
		text_line_col(text, offset, &line, &col);
		set_cause(cause, "%s:%d:%d: invalid JSON (the file was not changed)", config->path,
			  line, col);
		free(text);
		config_free(config);
		return NULL;
	}
	free(text);
	if (!cJSON_IsObject(root)) {
		set_cause(cause, "%s: the top level must be a JSON object", config->path);
		cJSON_Delete(root);
		config_free(config);
		return NULL;
	}
	cJSON_Delete(config->root);
	config->root = root;
	return config;
}

struct config *
config_load_lenient(const char *without)
{
	char *cause = NULL;
	struct config *config = config_load(NULL, &cause);
	if (config == NULL) {
		if (without != NULL)
			msg_warn("%s (%s)", cause, without);
		else
			msg_warn("%s", cause);
		free(cause);
	}
	return config;
}

void
config_free(struct config *config)
{
	if (config == NULL)
		return;
	cJSON_Delete(config->root);
	free(config->path);
	free(config);
}

int
config_save(const struct config *config, char **cause)
{
	char *dir = xstrdup(config->path);
	char *slash = strrchr(dir, '/');
	if (slash != NULL && slash != dir) {
		*slash = '\0';
		if (paths_ensure(dir, cause) == -1) {
			free(dir);
			return -1;
		}
	}
	free(dir);
	char *text = cJSON_Print(config->root);
	size_t len = strlen(text);
	text = xrealloc(text, len + 2);
	text[len++] = '\n';
	text[len] = '\0';
	int rc = file_write_atomic(config->path, text, len, 0600, cause);
	cJSON_free(text);
	return rc;
}

cJSON *
config_get(const struct config *config, const char *key)
{
	return cJSON_GetObjectItemCaseSensitive(config->root, key);
}

cJSON *
config_object(struct config *config, const char *key)
{
	cJSON *obj = config_get(config, key);
	if (cJSON_IsObject(obj))
		return obj;
	obj = cJSON_CreateObject();
	if (config_get(config, key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(config->root, key, obj);
	else
		cJSON_AddItemToObject(config->root, key, obj);
	return obj;
}

const char *
config_string(const struct config *config, const char *key, const char *fallback)
{
	cJSON *v = config_get(config, key);
	return cJSON_IsString(v) ? v->valuestring : fallback;
}

int
config_bool(const struct config *config, const char *key, int fallback)
{
	cJSON *v = config_get(config, key);
	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : fallback;
}
