#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"
#include "xmalloc.h"

const char *
json_string(const cJSON *obj, const char *key)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

double
json_number(const cJSON *obj, const char *key, double fallback)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsNumber(v) ? v->valuedouble : fallback;
}

int
json_bool(const cJSON *obj, const char *key, int fallback)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	return cJSON_IsBool(v) ? cJSON_IsTrue(v) : fallback;
}

const cJSON *
json_path(const cJSON *obj, const char *path)
{
	char *copy = xstrdup(path);
	const cJSON *cur = obj;
	char *save = NULL;
	for (char *seg = strtok_r(copy, ".", &save); seg != NULL && cur != NULL;
	     seg = strtok_r(NULL, ".", &save)) {
		if (cJSON_IsArray(cur)) {
			char *end;
			long idx = strtol(seg, &end, 10);
			cur = (*end == '\0' && idx >= 0) ? cJSON_GetArrayItem(cur, (int)idx) : NULL;
		} else
			cur = cJSON_GetObjectItemCaseSensitive(cur, seg);
	}
	free(copy);
	return cur;
}

const char *
json_path_string(const cJSON *obj, const char *path)
{
	const cJSON *v = json_path(obj, path);
	return cJSON_IsString(v) ? v->valuestring : NULL;
}

void
json_print(FILE *fp, const cJSON *json)
{
	char *text = cJSON_Print(json);
	fprintf(fp, "%s\n", text);
	cJSON_free(text);
}
