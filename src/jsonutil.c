#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "jsonutil.h"
#include "strbuf.h"
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

static void
pretty_indent(struct strbuf *sb, int depth)
{
	for (int i = 0; i < depth; i++)
		sb_add(sb, "  ");
}

/* A scalar (or a key, as a string) the way cJSON escapes it. */
static void
pretty_scalar(struct strbuf *sb, const cJSON *json)
{
	char *text = cJSON_PrintUnformatted(json);
	if (text != NULL)
		sb_add(sb, text);
	cJSON_free(text);
}

static void
pretty_value(struct strbuf *sb, const cJSON *json, int depth)
{
	int is_object = cJSON_IsObject(json);
	if (!is_object && !cJSON_IsArray(json)) {
		pretty_scalar(sb, json);
		return;
	}
	if (json->child == NULL) {
		sb_add(sb, is_object ? "{}" : "[]");
		return;
	}
	sb_add(sb, is_object ? "{\n" : "[\n");
	for (const cJSON *c = json->child; c != NULL; c = c->next) {
		pretty_indent(sb, depth + 1);
		if (is_object) {
			cJSON *key = cJSON_CreateString(c->string != NULL ? c->string : "");
			pretty_scalar(sb, key);
			cJSON_Delete(key);
			sb_add(sb, ": ");
		}
		pretty_value(sb, c, depth + 1);
		sb_add(sb, c->next != NULL ? ",\n" : "\n");
	}
	pretty_indent(sb, depth);
	sb_addc(sb, is_object ? '}' : ']');
}

char *
json_pretty(const cJSON *json)
{
	struct strbuf sb = STRBUF_INIT;
	pretty_value(&sb, json, 0);
	return sb_detach(&sb);
}
