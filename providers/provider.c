/* What every provider shares: field lists, verb lookup, item and row helpers. */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "args.h"
#include "http.h"
#include "item.h"
#include "provider.h"
#include "remote-conf.h"
#include "strbuf.h"
#include "utf8.h"
#include "xmalloc.h"

/* Fields every remote has, after the provider's own. */
static const struct provider_field api_url_field = {
	.name = "apiUrl",
	.title = "API URL",
	.description = "replaces the API's base URL (Enterprise, self-hosted, a test server)",
};
static const struct provider_field ttl_field = {
	.name = "ttl",
	.title = "Cache lifetime",
	.description = "seconds before cached items are refreshed",
	.placeholder = "600",
	.default_value = "600",
	.flags = FIELD_NUMBER,
};

static int
listed(const char *const *list, const char *s)
{
	if (list == NULL)
		return 1;
	for (size_t i = 0; list[i] != NULL; i++)
		if (strcmp(list[i], s) == 0)
			return 1;
	return 0;
}

int
provider_serves_type(const struct provider *p, const char *type)
{
	return type != NULL && listed(p->types, type);
}

size_t
provider_fields(const struct provider *p, const char *type, const struct provider_field **out,
		size_t max)
{
	size_t n = 0;
	for (size_t i = 0; p->fields != NULL && p->fields[i].name != NULL && n < max; i++)
		if (type == NULL || listed(p->fields[i].types, type))
			out[n++] = &p->fields[i];
	if (p->api_url != NULL && n < max)
		out[n++] = &api_url_field;
	if (n < max)
		out[n++] = &ttl_field;
	return n;
}

const struct provider_field *
provider_field(const struct provider *p, const char *type, const char *name)
{
	const struct provider_field *fields[32];
	size_t n = provider_fields(p, type, fields, nitems(fields));
	for (size_t i = 0; i < n; i++)
		if (strcmp(fields[i]->name, name) == 0)
			return fields[i];
	return NULL;
}

static int
name_matches(const char *name, const char *const *aliases, const char *want)
{
	if (strcmp(name, want) == 0)
		return 1;
	for (size_t i = 0; aliases != NULL && aliases[i] != NULL; i++)
		if (strcmp(aliases[i], want) == 0)
			return 1;
	return 0;
}

const struct provider_resource *
provider_resource_find(const struct provider_resource *const *t, const char *name)
{
	for (size_t i = 0; t != NULL && t[i] != NULL; i++)
		if (name_matches(t[i]->name, t[i]->aliases, name))
			return t[i];
	return NULL;
}

const struct provider_verb *
provider_verb_find(const struct provider_resource *res, const char *name)
{
	for (size_t i = 0; res->verbs != NULL && res->verbs[i] != NULL; i++)
		if (name_matches(res->verbs[i]->name, res->verbs[i]->aliases, name))
			return res->verbs[i];
	return NULL;
}

const struct provider_verb *
provider_verb_path(const struct provider *p, const char *path)
{
	struct strv words = STRV_INIT;
	strv_split(&words, path, " ");
	const struct provider_resource *const *table = p->resources;
	const struct provider_resource *res = NULL;
	const struct provider_verb *verb = NULL;
	for (size_t i = 0; i < words.n; i++) {
		if (res != NULL && i + 1 == words.n) {
			verb = provider_verb_find(res, words.v[i]);
			break;
		}
		res = provider_resource_find(table, words.v[i]);
		if (res == NULL)
			break;
		if (i + 1 == words.n)
			verb = res->run; /* "search": a resource that is a command */
		table = res->subresources;
	}
	strv_free(&words);
	return verb;
}

int
provider_verb_serves(const struct provider_verb *v, const char *type)
{
	return type != NULL && listed(v->types, type);
}

void
verb_output_clear(struct verb_output *out)
{
	cJSON_Delete(out->rows);
	free(out->text);
	free(out->raw);
	memset(out, 0, sizeof *out);
}

void
item_list_push(struct item_list *list, struct item *item)
{
	if (list->n == list->cap) {
		list->cap = list->cap ? list->cap * 2 : 16;
		list->items = xreallocarray(list->items, list->cap, sizeof *list->items);
	}
	list->items[list->n++] = item;
}

void
item_list_clear(struct item_list *list)
{
	for (size_t i = 0; i < list->n; i++)
		item_free(list->items[i]);
	free(list->items);
	memset(list, 0, sizeof *list);
}

struct item *
provider_item_create(struct remote *r, const char *kind, const char *local_id, const char *title)
{
	char *id = xasprintf("%s/%s/%s", r->name, kind, local_id);
	struct item *item = item_create(id, kind, title);
	free(id);
	char *source = xasprintf("remote:%s", r->name);
	item_set(&item->source, source);
	free(source);
	char *group = xasprintf("%s · %s", r->provider->title, r->name);
	item_set(&item->group, group);
	free(group);
	item_set(&item->icon, r->provider->icon);
	return item;
}

void
provider_item_add_url_actions(struct item *item, const char *url)
{
	provider_item_add_open(item, url, "Open in Browser");
}

void
provider_item_add_open(struct item *item, const char *url, const char *title)
{
	if (url == NULL || *url == '\0')
		return;
	item_set(&item->url, url);
	item_add_action(item, ACTION_OPEN, "open", title, url);
	struct action *a = item_add_action(item, ACTION_COPY, "copy-url", "Copy URL", url);
	item_set(&a->shortcut, "ctrl+shift+c");
}

struct action *
provider_item_add_verb(struct item *item, struct remote *r, const char *id, const char *title,
		       const char *verb_path, const char *target, int confirm, int destructive)
{
	struct action *a = item_add_action(item, ACTION_REMOTE, id, title, target);
	item_set(&a->remote, r->name);
	item_set(&a->verb, verb_path);
	a->confirm = confirm;
	a->destructive = destructive;
	return a;
}

long
provider_limit(const struct args *args, long fallback, char **cause)
{
	long limit = fallback;
	if (args_get_long(args, "limit", 1, 100000, &limit, cause) == -1)
		return -1;
	return limit;
}

char *
provider_path_segment(const char *s, const char *what, char **cause)
{
	if (s == NULL || *s == '\0') {
		set_cause(cause, "the %s is missing or empty", what);
		return NULL;
	}
	if (strcmp(s, ".") == 0 || strcmp(s, "..") == 0) {
		set_cause(cause, "'%s' cannot be a %s (it would name another path)", s, what);
		return NULL;
	}
	return http_url_encode(s);
}

cJSON *
provider_row(const char *id, const char *title, const char *url)
{
	cJSON *row = cJSON_CreateObject();
	cJSON_AddStringToObject(row, "id", id != NULL ? id : "");
	cJSON_AddStringToObject(row, "title", title != NULL ? title : "");
	if (url != NULL)
		cJSON_AddStringToObject(row, "url", url);
	else
		cJSON_AddNullToObject(row, "url");
	return row;
}

void
provider_row_string(cJSON *row, const char *key, const char *value)
{
	if (value != NULL)
		cJSON_AddStringToObject(row, key, value);
	else
		cJSON_AddNullToObject(row, key);
}

char *
provider_clean_text(const char *s, int keep_lines, size_t max_bytes)
{
	struct strbuf sb = STRBUF_INIT;
	if (s == NULL)
		return sb_detach(&sb);
	size_t len = strlen(s);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (max_bytes > 0 && sb.len + n > max_bytes) {
			while (sb.len > 0 && (sb.s[sb.len - 1] == ' ' || sb.s[sb.len - 1] == '\n'))
				sb_truncate(&sb, sb.len - 1);
			sb_add(&sb, "…");
			break;
		}
		if (cp == '\r') {
			/* CRLF line ends: keep only the LF. */
		} else if ((cp == '\n' || cp == '\t') && keep_lines)
			sb_addc(&sb, (char)cp);
		else if (cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp < 0xa0))
			sb_addc(&sb, ' ');
		else if (cp == UTF8_REPLACEMENT &&
			 !(n == 3 && memcmp(s + i, "\xef\xbf\xbd", 3) == 0))
			sb_add(&sb, "\xef\xbf\xbd"); /* an invalid byte */
		else
			sb_addn(&sb, s + i, n);
		i += n;
	}
	return sb_detach(&sb);
}

char *
provider_name_list(const struct strv *names, size_t max)
{
	if (names->n == 0)
		return xstrdup("none");
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < names->n && i < max; i++)
		sb_addf(&sb, "%s%s", i > 0 ? ", " : "", names->v[i]);
	if (names->n > max)
		sb_addf(&sb, ", … (%zu more)", names->n - max);
	return sb_detach(&sb);
}

char *
provider_date(const char *iso)
{
	if (iso == NULL)
		return xstrdup("");
	const char *t = strchr(iso, 'T');
	return t != NULL ? xstrndup(iso, (size_t)(t - iso)) : xstrdup(iso);
}

const char *
provider_or_unknown(const char *s)
{
	return s != NULL ? s : "?";
}
