#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "provider.h"
#include "remote-conf.h"
#include "remote-edit.h"
#include "secret.h"
#include "suggest.h"
#include "xmalloc.h"

int
remote_edit_set(cJSON *obj, const char *type, const char *key, const char *value, char **cause)
{
	const struct provider *p = provider_for_type(type);
	const struct provider_field *f = p != NULL ? provider_field(p, type, key) : NULL;
	if (f == NULL) {
		const struct provider_field *fields[32];
		size_t n = p != NULL ? provider_fields(p, type, fields, nitems(fields)) : 0;
		const char *names[32];
		for (size_t i = 0; i < n; i++)
			names[i] = fields[i]->name;
		const char *near = suggest_nearest(key, names, n);
		if (near != NULL)
			set_cause(cause, "%s remotes have no field '%s' (did you mean '%s'?)", type,
				  key, near);
		else
			set_cause(cause, "%s remotes have no field '%s'", type, key);
		return -1;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(obj, key);
	if (*value == '\0')
		return 0;
	if (f->flags & FIELD_NUMBER) {
		char *end;
		double d = strtod(value, &end);
		if (*end != '\0' || end == value) {
			set_cause(cause, "\"%s\" must be a number, not '%s'", key, value);
			return -1;
		}
		cJSON_AddNumberToObject(obj, key, d);
	} else if (f->flags & FIELD_JSON) {
		cJSON *json = cJSON_Parse(value);
		if (!cJSON_IsObject(json) && !cJSON_IsArray(json)) {
			cJSON_Delete(json);
			set_cause(cause, "\"%s\" must be a JSON object or array, not '%s'", key,
				  value);
			return -1;
		}
		cJSON_AddItemToObject(obj, key, json);
	} else
		cJSON_AddStringToObject(obj, key, value);
	return 0;
}

int
remote_edit_test(const char *name, const cJSON *obj, char **message, char **cause)
{
	char *path = config_default_path();
	struct remote *r = remote_create(name, obj, path, cause);
	free(path);
	if (r == NULL)
		return -1;
	int rc = -1;
	char *msg = NULL, *why = NULL;
	if (r->provider->test == NULL)
		set_cause(&why, "%s remotes cannot be tested", r->provider->title);
	else
		rc = r->provider->test(r, &msg, &why);
	if (rc == 0)
		*message = remote_scrub(r, msg);
	else if (cause != NULL)
		*cause = remote_scrub(r, why != NULL ? why : "the test failed");
	free(msg);
	free(why);
	remote_close(r);
	return rc;
}

int
remote_edit_exists(const char *name)
{
	struct config *config = config_load(NULL, NULL);
	int exists = config != NULL && remotes_get(config, name) != NULL;
	config_free(config);
	return exists;
}

int
remote_edit_save(const char *name, cJSON *obj, int replace, char **path_out, char **cause)
{
	struct config *config = config_load(NULL, cause);
	if (config == NULL) {
		cJSON_Delete(obj);
		return -1;
	}
	cJSON *remotes = config_object(config, "remotes");
	if (cJSON_HasObjectItem(remotes, name)) {
		if (!replace) {
			set_cause(cause, "a remote called '%s' exists (use --force to replace it)",
				  name);
			cJSON_Delete(obj);
			config_free(config);
			return -1;
		}
		cJSON_ReplaceItemInObjectCaseSensitive(remotes, name, obj);
	} else
		cJSON_AddItemToObject(remotes, name, obj);
	int rc = config_save(config, cause);
	if (rc == 0 && path_out != NULL)
		*path_out = xstrdup(config->path);
	config_free(config);
	return rc;
}

char *
remote_edit_added_line(const char *name, const char *type, const char *path)
{
	return xasprintf("added remote '%s' (%s) to %s", name, type, path);
}

static int
looks_secret(const char *key)
{
	static const char *const words[] = {"token", "key", "secret", "password", "passwd"};
	for (size_t i = 0; i < nitems(words); i++)
		if (strcasestr(key, words[i]) != NULL)
			return 1;
	return 0;
}

char *
remote_display_value(const struct provider_field *f, const char *key, const cJSON *value)
{
	int secret = f != NULL ? (f->flags & FIELD_SECRET) != 0 : looks_secret(key);
	if (cJSON_IsString(value)) {
		if (secret && *value->valuestring != '\0' &&
		    !secret_is_reference(value->valuestring))
			return xstrdup(SECRET_MASK);
		return xstrdup(value->valuestring);
	}
	if (secret)
		return xstrdup(SECRET_MASK);
	if (cJSON_IsNumber(value))
		return xasprintf("%.15g", value->valuedouble);
	if (cJSON_IsBool(value))
		return xstrdup(cJSON_IsTrue(value) ? "true" : "false");
	if (cJSON_IsNull(value))
		return xstrdup("null");
	char *text = cJSON_PrintUnformatted(value);
	char *copy = xstrdup(text);
	cJSON_free(text);
	return copy;
}
