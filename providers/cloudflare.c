/*
 * Cloudflare: Workers, DNS, KV, R2, Pages and D1 of an account over the v4
 * API (https://api.cloudflare.com/client/v4).
 *
 * Remote type cloudflare-account: accountId, apiToken (secret), email,
 * resources.  An API token goes as "Authorization: Bearer"; with email set
 * and a Global API Key (37 hex digits) as apiToken, the legacy
 * X-Auth-Email/X-Auth-Key pair is sent instead.
 *
 * Answers come in the v4 envelope {"success", "errors", "result",
 * "result_info"}: success false is an error even in HTTP 200.  Lists page
 * by number (result_info.total_pages) or by cursor (result_info.cursor);
 * R2's bucket list is an object ({"buckets": […]}); a KV value is the raw
 * bytes, with no envelope, and goes to stdout unmodified.
 *
 * The launcher gets workers, DNS records (of the account's zones), KV
 * namespaces, R2 buckets, Pages projects and D1 databases, or the kinds
 * the "resources" field names (a token may not be allowed to read them all).
 */
#include "build-config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "api.h"
#include "args.h"
#include "fileio.h"
#include "item.h"
#include "jsonutil.h"
#include "provider.h"
#include "remote-conf.h"
#include "strbuf.h"
#include "table.h"
#include "xmalloc.h"

#define CF_API        "https://api.cloudflare.com/client/v4"
#define CF_DASH       "https://dash.cloudflare.com"
#define CF_FEED_ZONES 50          /* zones whose records the launcher lists */
#define CF_FEED_LIMIT 1000        /* items of one kind kept for the launcher */
#define CF_KV_MAX     (25L << 20) /* a KV value's largest size */

/* What the launcher can list, for the "resources" field. */
static const char *const cf_kinds[] = {"workers", "dns", "kv", "r2", "pages", "d1", NULL};

static const struct provider_field cloudflare_fields[] = {
	{
		.name = "accountId",
		.title = "Account ID",
		.description = "the account's id (the dashboard's URL, or Workers → Account ID)",
		.placeholder = "0bc21e3a5a9de1a4cc843be9c3e98121",
		.flags = FIELD_REQUIRED,
	},
	{
		.name = "apiToken",
		.title = "API token",
		.description = "an API token with read (and edit) permissions for what you use; "
			       "env:NAME or cmd:COMMAND keeps it out of this file",
		.placeholder = "env:CLOUDFLARE_API_TOKEN",
		.flags = FIELD_REQUIRED | FIELD_SECRET,
	},
	{
		.name = "email",
		.title = "Email",
		.description = "the account's email, only with a Global API Key as apiToken "
			       "(legacy X-Auth-Email/X-Auth-Key authentication)",
		.placeholder = "user@example.com",
	},
	{
		.name = "resources",
		.title = "Launcher resources",
		.description = "what the launcher lists, comma-separated: workers, dns, kv, r2, "
			       "pages, d1 (default: all)",
		.placeholder = "workers,dns,kv,r2,pages,d1",
	},
	{NULL},
};

/* ------------------------------------------------------------------ API */

static enum api_verdict
cloudflare_check(const struct http_response *resp, const cJSON *body, char **message)
{
	enum api_verdict v = api_check_default(resp, body, message);
	if (v == API_VERDICT_OK &&
	    cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(body, "success"))) {
		*message = api_error_text(body);
		return API_VERDICT_ERROR;
	}
	return v;
}

/* A Global API Key: 37 hex digits. */
static int
is_global_key(const char *key)
{
	size_t n = 0;
	for (; key[n] != '\0'; n++)
		if (!isxdigit((unsigned char)key[n]))
			return 0;
	return n == 37;
}

static int
cloudflare_setup(struct remote *r, struct api_client *c, char **cause)
{
	const char *token = remote_need(r, "apiToken", cause);
	if (token == NULL)
		return -1;
	const char *email = remote_opt(r, "email");
	if (email != NULL && is_global_key(token)) {
		char *h = xasprintf("X-Auth-Email: %s", email);
		api_client_add_header(c, h);
		free(h);
		h = xasprintf("X-Auth-Key: %s", token);
		api_client_add_header(c, h);
		free(h);
	} else {
		char *h = xasprintf("Authorization: Bearer %s", token);
		api_client_add_header(c, h);
		free(h);
	}
	api_client_set_check(c, cloudflare_check);
	return 0;
}

/* "/accounts/<id><suffix>": a new string, or NULL with *cause set. */
static char *
account_path(struct remote *r, const char *suffix, char **cause)
{
	const char *acct = remote_need(r, "accountId", cause);
	char *enc = acct != NULL ? provider_path_segment(acct, "account id", cause) : NULL;
	if (enc == NULL)
		return NULL;
	char *path = xasprintf("/accounts/%s%s", enc, suffix);
	free(enc);
	return path;
}

/* A dashboard page of the account: CF_DASH/<account>/<what>; a new string. */
static char *
dash_url(struct remote *r, const char *what)
{
	const char *acct = remote_opt(r, "accountId");
	return xasprintf(CF_DASH "/%s%s%s", acct != NULL ? acct : "", *what ? "/" : "", what);
}

/* A request's "result" (a new cJSON), or NULL with *cause set. */
static cJSON *
cf_call(struct remote *r, const char *method, const char *path, const cJSON *body, char **cause)
{
	struct api_client *c = remote_api(r, cause);
	if (c == NULL)
		return NULL;
	struct api_request req = {.method = method, .path = path, .json = body};
	cJSON *json = api_request_json(c, &req, cause);
	if (json == NULL)
		return NULL;
	cJSON *result = cJSON_DetachItemFromObjectCaseSensitive(json, "result");
	cJSON_Delete(json);
	return result != NULL ? result : cJSON_CreateNull();
}

enum cf_paging {
	CF_PAGES,  /* page/per_page with result_info.total_pages */
	CF_CURSOR, /* cursor, the next in result_info.cursor ("" when done) */
	CF_NONE,
};

/* Every item of a list: a new array, or NULL with *cause set. */
static cJSON *
cf_list(struct remote *r, const char *path, const struct strv *query, enum cf_paging paging,
	const char *per_page_param, long per_page, const char *items, long limit, char **cause)
{
	struct api_client *c = remote_api(r, cause);
	if (c == NULL)
		return NULL;
	struct api_list list = {
		.request = {.path = path, .query = query},
		.items = items != NULL ? items : "result",
		.paging = paging == CF_PAGES    ? API_PAGING_PAGE
			  : paging == CF_CURSOR ? API_PAGING_CURSOR
						: API_PAGING_NONE,
		.per_page_param = per_page_param,
		.per_page = per_page,
		.page_param = "page",
		.total_pages_path = "result_info.total_pages",
		.cursor_param = "cursor",
		.cursor_path = "result_info.cursor",
		.limit = limit,
	};
	return api_list_all(c, &list, cause);
}

/* The same for an account's list: /accounts/<id><suffix>. */
static cJSON *
account_list(struct remote *r, const char *suffix, enum cf_paging paging, const char *items,
	     long limit, char **cause)
{
	char *path = account_path(r, suffix, cause);
	if (path == NULL)
		return NULL;
	cJSON *all = cf_list(r, path, NULL, paging, paging == CF_NONE ? NULL : "per_page",
			     paging == CF_NONE ? 0 : 100, items, limit, cause);
	free(path);
	return all;
}

static int
is_hex_id(const char *s)
{
	size_t n = 0;
	for (; s[n] != '\0'; n++)
		if (!isxdigit((unsigned char)s[n]))
			return 0;
	return n == 32;
}

static int
is_uuid(const char *s)
{
	if (strlen(s) != 36)
		return 0;
	for (size_t i = 0; i < 36; i++) {
		int dash = i == 8 || i == 13 || i == 18 || i == 23;
		if (dash ? s[i] != '-' : !isxdigit((unsigned char)s[i]))
			return 0;
	}
	return 1;
}

static char *
date_of(const cJSON *obj, const char *key)
{
	return provider_date(json_string(obj, key));
}

/* -------------------------------------------------------------- workers */

static cJSON *
worker_row(struct remote *r, const cJSON *w)
{
	const char *name = json_string(w, "id");
	char *what = xasprintf("workers/services/view/%s/production", name != NULL ? name : "");
	char *url = dash_url(r, what);
	cJSON *row = provider_row(name, name, url);
	free(url);
	free(what);
	provider_row_string(row, "created_at", json_string(w, "created_on"));
	provider_row_string(row, "modified_at", json_string(w, "modified_on"));
	provider_row_string(row, "usage_model", json_string(w, "usage_model"));
	provider_row_string(row, "compatibility_date", json_string(w, "compatibility_date"));
	const cJSON *handlers = cJSON_GetObjectItemCaseSensitive(w, "handlers");
	cJSON_AddItemToObject(row, "handlers",
			      cJSON_IsArray(handlers) ? cJSON_Duplicate(handlers, 1)
						      : cJSON_CreateArray());
	return row;
}

static cJSON *
worker_rows(struct remote *r, char **cause)
{
	cJSON *scripts = account_list(r, "/workers/scripts", CF_NONE, NULL, 0, cause);
	if (scripts == NULL)
		return NULL;
	cJSON *rows = cJSON_CreateArray();
	const cJSON *w;
	cJSON_ArrayForEach (w, scripts)
		cJSON_AddItemToArray(rows, worker_row(r, w));
	cJSON_Delete(scripts);
	return rows;
}

static int
worker_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	out->rows = worker_rows(call->remote, cause);
	return out->rows != NULL ? 0 : -1;
}

/* A bullet line "- Label: value" when value is set. */
static void
md_field(struct strbuf *md, const char *label, const char *value)
{
	if (value == NULL || *value == '\0')
		return;
	char *clean = provider_clean_text(value, 0, 300);
	sb_addf(md, "- %s: %s\n", label, clean);
	free(clean);
}

static struct item *
row_item(struct remote *r, const char *kind, const cJSON *row, const char *subtitle)
{
	char *title = provider_clean_text(json_string(row, "title"), 0, 0);
	struct item *item = provider_item_create(r, kind, json_string(row, "id"), title);
	free(title);
	item_set(&item->subtitle, subtitle);
	return item;
}

static int
feed_workers(struct remote *r, struct item_list *out, char **cause)
{
	cJSON *rows = worker_rows(r, cause);
	if (rows == NULL)
		return -1;
	const cJSON *row;
	cJSON_ArrayForEach (row, rows) {
		struct item *item = row_item(r, "worker", row, "Cloudflare Worker");
		item_add_keyword(item, "worker");
		const cJSON *h;
		struct strbuf handlers = STRBUF_INIT;
		cJSON_ArrayForEach (h, cJSON_GetObjectItemCaseSensitive(row, "handlers")) {
			if (!cJSON_IsString(h))
				continue;
			item_add_accessory(item, ACC_TAG, h->valuestring);
			sb_addf(&handlers, "%s%s", handlers.len ? ", " : "", h->valuestring);
		}
		char *modified = date_of(row, "modified_at");
		if (*modified != '\0')
			item_add_accessory(item, ACC_DATE, modified);
		struct strbuf md = STRBUF_INIT;
		sb_addf(&md, "# %s\n\n**Worker** · Cloudflare account %s\n\n", item->title,
			remote_opt(r, "accountId"));
		md_field(&md, "Handlers", sb_str(&handlers));
		md_field(&md, "Usage model", json_string(row, "usage_model"));
		md_field(&md, "Compatibility date", json_string(row, "compatibility_date"));
		char *created = date_of(row, "created_at");
		sb_addf(&md, "- Created %s · modified %s\n", created, modified);
		item_set(&item->preview, sb_str(&md));
		free(created);
		free(modified);
		sb_free(&md);
		sb_free(&handlers);
		provider_item_add_open(item, json_string(row, "url"), "Open in Dashboard");
		item_add_action(item, ACTION_COPY, "copy-name", "Copy Worker Name", item->title);
		item_list_push(out, item);
	}
	cJSON_Delete(rows);
	return 0;
}

/* ------------------------------------------------------------------ DNS */

struct zone {
	char *id;
	char *name;
};

static void
zone_clear(struct zone *z)
{
	free(z->id);
	free(z->name);
	memset(z, 0, sizeof *z);
}

/* A zone by name (GET /zones?name=) or by id.  0, or -1 with *cause set. */
static int
find_zone(struct remote *r, const char *want, struct zone *z, char **cause)
{
	memset(z, 0, sizeof *z);
	cJSON *found = NULL;
	if (is_hex_id(want)) {
		char *path = xasprintf("/zones/%s", want);
		found = cf_call(r, "GET", path, NULL, cause);
		free(path);
		if (found == NULL)
			return -1;
	} else {
		struct strv query = STRV_INIT;
		api_query_add(&query, "name", want);
		cJSON *zones = cf_list(r, "/zones", &query, CF_NONE, NULL, 0, NULL, 1, cause);
		strv_free(&query);
		if (zones == NULL)
			return -1;
		found = cJSON_DetachItemFromArray(zones, 0);
		cJSON_Delete(zones);
	}
	const char *id = json_string(found, "id"), *name = json_string(found, "name");
	if (id == NULL || name == NULL) {
		set_cause(cause, "Cloudflare: no zone '%s' that the token can read", want);
		cJSON_Delete(found);
		return -1;
	}
	z->id = xstrdup(id);
	z->name = xstrdup(name);
	cJSON_Delete(found);
	return 0;
}

/* A record name as the API knows it: "@" is the zone, "www" is "www.<zone>". */
static char *
full_name(const char *name, const char *zone)
{
	size_t n = strlen(name), zn = strlen(zone);
	while (n > 1 && name[n - 1] == '.')
		n--;
	if ((n == 1 && name[0] == '@') || (n == zn && strncasecmp(name, zone, n) == 0))
		return xstrdup(zone);
	if (n > zn + 1 && name[n - zn - 1] == '.' && strncasecmp(name + n - zn, zone, zn) == 0)
		return xstrndup(name, n);
	return xasprintf("%.*s.%s", (int)n, name, zone);
}

/*
 * "/zones/<zone id>/dns_records[/<record id>]", the ids encoded: a new
 * string, or NULL with *cause set (an id that cannot name a record).
 */
static char *
records_path(const struct zone *z, const char *record, char **cause)
{
	char *zone = provider_path_segment(z->id, "zone id", cause);
	char *rec = zone != NULL && record != NULL
			    ? provider_path_segment(record, "DNS record id", cause)
			    : NULL;
	char *path = NULL;
	if (zone != NULL && (record == NULL || rec != NULL))
		path = xasprintf("/zones/%s/dns_records%s%s", zone, rec != NULL ? "/" : "",
				 rec != NULL ? rec : "");
	free(rec);
	free(zone);
	return path;
}

static cJSON *
dns_row(struct remote *r, const struct zone *z, const cJSON *rec)
{
	char *what = xasprintf("%s/dns/records", z->name);
	char *url = dash_url(r, what);
	cJSON *row = provider_row(json_string(rec, "id"), json_string(rec, "name"), url);
	free(url);
	free(what);
	provider_row_string(row, "type", json_string(rec, "type"));
	provider_row_string(row, "name", json_string(rec, "name"));
	provider_row_string(row, "content", json_string(rec, "content"));
	cJSON_AddNumberToObject(row, "ttl", json_number(rec, "ttl", 1));
	cJSON_AddBoolToObject(row, "proxied", json_bool(rec, "proxied", 0));
	provider_row_string(row, "comment", json_string(rec, "comment"));
	provider_row_string(row, "zone", z->name);
	provider_row_string(row, "zone_id", z->id);
	provider_row_string(row, "modified_at", json_string(rec, "modified_on"));
	return row;
}

/* The zone's records (filtered by type and full name when given): rows, new. */
static cJSON *
dns_rows(struct remote *r, const struct zone *z, const char *type, const char *name, long limit,
	 char **cause)
{
	struct strv query = STRV_INIT;
	if (type != NULL)
		api_query_add(&query, "type", type);
	if (name != NULL)
		api_query_add(&query, "name", name);
	char *path = records_path(z, NULL, cause);
	cJSON *records = path != NULL ? cf_list(r, path, &query, CF_PAGES, "per_page", 100, NULL,
						limit, cause)
				      : NULL;
	free(path);
	strv_free(&query);
	if (records == NULL)
		return NULL;
	cJSON *rows = cJSON_CreateArray();
	const cJSON *rec;
	cJSON_ArrayForEach (rec, records)
		cJSON_AddItemToArray(rows, dns_row(r, z, rec));
	cJSON_Delete(records);
	return rows;
}

static char *
upper(const char *s)
{
	char *u = xstrdup(s);
	for (char *p = u; *p != '\0'; p++)
		*p = (char)toupper((unsigned char)*p);
	return u;
}

static int
dns_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	long limit = provider_limit(args, 1000, cause);
	if (limit == -1)
		return VERB_USAGE;
	struct zone z;
	if (find_zone(call->remote, args->argv[0], &z, cause) == -1)
		return -1;
	char *type = args_get(args, "type") != NULL ? upper(args_get(args, "type")) : NULL;
	char *name =
		args_get(args, "name") != NULL ? full_name(args_get(args, "name"), z.name) : NULL;
	out->rows = dns_rows(call->remote, &z, type, name, limit, cause);
	free(name);
	free(type);
	zone_clear(&z);
	return out->rows != NULL ? 0 : -1;
}

static int
dns_add_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	long ttl = 1;
	if (args_get_long(args, "ttl", 1, 86400, &ttl, cause) == -1)
		return VERB_USAGE;
	if (ttl > 1 && ttl < 30) {
		set_cause(cause, "--ttl is 1 (automatic) or 30 to 86400 seconds, not %ld", ttl);
		return VERB_USAGE;
	}
	if (*args->argv[1] == '\0' || *args->argv[2] == '\0' || *args->argv[3] == '\0') {
		set_cause(cause, "a record needs a type, a name and content");
		return VERB_USAGE;
	}
	struct zone z;
	if (find_zone(call->remote, args->argv[0], &z, cause) == -1)
		return -1;
	char *type = upper(args->argv[1]);
	char *name = full_name(args->argv[2], z.name);
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "type", type);
	cJSON_AddStringToObject(body, "name", name);
	cJSON_AddStringToObject(body, "content", args->argv[3]);
	cJSON_AddNumberToObject(body, "ttl", (double)ttl);
	cJSON_AddBoolToObject(body, "proxied", args_has(args, "proxied"));
	if (args_get(args, "comment") != NULL)
		cJSON_AddStringToObject(body, "comment", args_get(args, "comment"));
	char *path = records_path(&z, NULL, cause);
	cJSON *rec = path != NULL ? cf_call(call->remote, "POST", path, body, cause) : NULL;
	free(path);
	cJSON_Delete(body);
	free(name);
	free(type);
	if (rec == NULL) {
		zone_clear(&z);
		return -1;
	}
	out->rows = cJSON_CreateArray();
	cJSON *row = dns_row(call->remote, &z, rec);
	cJSON_AddItemToArray(out->rows, row);
	out->text =
		xasprintf("Added %s %s → %s (%s)", provider_or_unknown(json_string(row, "type")),
			  provider_or_unknown(json_string(row, "name")),
			  provider_or_unknown(json_string(row, "content")),
			  provider_or_unknown(json_string(row, "id")));
	cJSON_Delete(rec);
	zone_clear(&z);
	return 0;
}

/*
 * The record `dns delete` means: ZONE TYPE NAME (exactly one such record),
 * ZONE RECORD_ID, or ZONE/RECORD_ID (what the launcher's action sends).
 * A new row, or NULL with *cause (*usage set for a bad argument).
 */
static cJSON *
dns_target(struct remote *r, const struct args *args, struct zone *z, int *usage, char **cause)
{
	*usage = 0;
	memset(z, 0, sizeof *z);
	char *zone = NULL, *id = NULL;
	if (args->argc == 1) {
		const char *slash = strchr(args->argv[0], '/');
		if (slash == NULL || slash == args->argv[0] || slash[1] == '\0') {
			set_cause(cause, "give ZONE TYPE NAME, ZONE RECORD_ID or ZONE/RECORD_ID");
			*usage = 1;
			return NULL;
		}
		zone = xstrndup(args->argv[0], (size_t)(slash - args->argv[0]));
		id = xstrdup(slash + 1);
	} else {
		zone = xstrdup(args->argv[0]);
		if (args->argc == 2)
			id = xstrdup(args->argv[1]);
	}
	int found = find_zone(r, zone, z, cause);
	free(zone);
	if (found == -1) {
		free(id);
		return NULL;
	}
	cJSON *row = NULL;
	if (id != NULL) {
		char *path = records_path(z, id, cause);
		*usage = path == NULL;
		cJSON *rec = path != NULL ? cf_call(r, "GET", path, NULL, cause) : NULL;
		if (rec != NULL)
			row = dns_row(r, z, rec);
		cJSON_Delete(rec);
		free(path);
		free(id);
		return row;
	}
	char *type = upper(args->argv[1]);
	char *name = full_name(args->argv[2], z->name);
	cJSON *rows = dns_rows(r, z, type, name, 0, cause);
	int n = rows != NULL ? cJSON_GetArraySize(rows) : 0;
	if (rows != NULL && n == 1)
		row = cJSON_DetachItemFromArray(rows, 0);
	else if (rows != NULL && n == 0)
		set_cause(cause, "Cloudflare: no %s record named %s", type, name);
	else if (rows != NULL) {
		struct strv ids = STRV_INIT;
		const cJSON *e;
		cJSON_ArrayForEach (e, rows)
			strv_push(&ids, json_string(e, "id"));
		char *list = provider_name_list(&ids, 10);
		set_cause(cause, "%d %s records are named %s: delete one by id (%s)", n, type, name,
			  list);
		free(list);
		strv_free(&ids);
	}
	cJSON_Delete(rows);
	free(name);
	free(type);
	return row;
}

static int
dns_delete_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	struct zone z;
	int usage;
	cJSON *row = dns_target(call->remote, call->args, &z, &usage, cause);
	if (row == NULL) {
		zone_clear(&z);
		return usage ? VERB_USAGE : -1;
	}
	char *path = records_path(&z, json_string(row, "id"), cause);
	cJSON *res = path != NULL ? cf_call(call->remote, "DELETE", path, NULL, cause) : NULL;
	free(path);
	zone_clear(&z);
	if (res == NULL) {
		cJSON_Delete(row);
		return -1;
	}
	cJSON_Delete(res);
	out->text = xasprintf("Deleted %s %s → %s", provider_or_unknown(json_string(row, "type")),
			      provider_or_unknown(json_string(row, "name")),
			      provider_or_unknown(json_string(row, "content")));
	out->rows = cJSON_CreateArray();
	cJSON_AddItemToArray(out->rows, row);
	return 0;
}

static void
dns_items(struct remote *r, const cJSON *rows, struct item_list *out)
{
	const cJSON *row;
	cJSON_ArrayForEach (row, rows) {
		const char *type = json_string(row, "type");
		const char *content = json_string(row, "content");
		char *local =
			xasprintf("%s/%s", json_string(row, "zone_id"), json_string(row, "id"));
		char *title = provider_clean_text(json_string(row, "name"), 0, 0);
		struct item *item = provider_item_create(r, "dns-record", local, title);
		char *sub = xasprintf("%s → %s", type != NULL ? type : "?",
				      content != NULL ? content : "");
		char *clean_sub = provider_clean_text(sub, 0, 200);
		item_set(&item->subtitle, clean_sub);
		item_add_keyword(item, "dns");
		if (type != NULL) {
			item_add_accessory(item, ACC_TAG, type);
			item_add_keyword(item, type);
		}
		item_add_keyword(item, json_string(row, "zone"));
		int proxied = json_bool(row, "proxied", 0);
		if (proxied)
			item_add_accessory(item, ACC_STATUS, "proxied");
		struct strbuf md = STRBUF_INIT;
		sb_addf(&md, "# %s\n\n**%s record** · zone %s\n\n", title, type ? type : "DNS",
			json_string(row, "zone"));
		md_field(&md, "Content", content);
		double ttl = json_number(row, "ttl", 1);
		char *ttl_text = ttl == 1 ? xstrdup("automatic") : xasprintf("%.0f s", ttl);
		md_field(&md, "TTL", ttl_text);
		free(ttl_text);
		md_field(&md, "Proxied", proxied ? "yes (orange cloud)" : "no (DNS only)");
		md_field(&md, "Comment", json_string(row, "comment"));
		char *modified = date_of(row, "modified_at");
		md_field(&md, "Modified", modified);
		free(modified);
		item_set(&item->preview, sb_str(&md));
		sb_free(&md);
		provider_item_add_open(item, json_string(row, "url"), "Open in Dashboard");
		if (content != NULL)
			item_add_action(item, ACTION_COPY, "copy-content", "Copy Content", content);
		item_add_action(item, ACTION_COPY, "copy-name", "Copy Name", title);
		provider_item_add_verb(item, r, "delete", "Delete DNS Record", "dns delete", local,
				       1, 1);
		item_list_push(out, item);
		free(clean_sub);
		free(sub);
		free(title);
		free(local);
	}
}

static int
feed_dns(struct remote *r, struct item_list *out, char **cause)
{
	const char *acct = remote_need(r, "accountId", cause);
	if (acct == NULL)
		return -1;
	struct strv query = STRV_INIT;
	api_query_add(&query, "account.id", acct);
	cJSON *zones =
		cf_list(r, "/zones", &query, CF_PAGES, "per_page", 50, NULL, CF_FEED_ZONES, cause);
	strv_free(&query);
	if (zones == NULL)
		return -1;
	int rc = 0;
	const cJSON *zone;
	cJSON_ArrayForEach (zone, zones) {
		struct zone z = {
			.id = (char *)json_string(zone, "id"),
			.name = (char *)json_string(zone, "name"),
		};
		if (z.id == NULL || z.name == NULL)
			continue;
		cJSON *rows = dns_rows(r, &z, NULL, NULL, CF_FEED_LIMIT, cause);
		if (rows == NULL) {
			rc = -1;
			break;
		}
		dns_items(r, rows, out);
		cJSON_Delete(rows);
	}
	cJSON_Delete(zones);
	return rc;
}

/* ------------------------------------------------------------------- KV */

static cJSON *
namespace_row(struct remote *r, const cJSON *ns)
{
	const char *id = json_string(ns, "id");
	char *what = xasprintf("workers/kv/namespaces/%s", id != NULL ? id : "");
	char *url = dash_url(r, what);
	cJSON *row = provider_row(id, json_string(ns, "title"), url);
	free(url);
	free(what);
	return row;
}

static cJSON *
namespace_rows(struct remote *r, char **cause)
{
	cJSON *list = account_list(r, "/storage/kv/namespaces", CF_PAGES, NULL, 0, cause);
	if (list == NULL)
		return NULL;
	cJSON *rows = cJSON_CreateArray();
	const cJSON *ns;
	cJSON_ArrayForEach (ns, list)
		cJSON_AddItemToArray(rows, namespace_row(r, ns));
	cJSON_Delete(list);
	return rows;
}

/* --namespace NAME (a title or an id): the namespace's row (new), or NULL. */
static cJSON *
find_namespace(struct remote *r, const struct args *args, int *usage, char **cause)
{
	const char *want = args_get(args, "namespace");
	*usage = want == NULL;
	if (want == NULL) {
		set_cause(cause, "which namespace? give --namespace NAME");
		return NULL;
	}
	cJSON *rows = namespace_rows(r, cause);
	if (rows == NULL)
		return NULL;
	cJSON *found = NULL;
	struct strv titles = STRV_INIT;
	cJSON *row = rows->child;
	while (row != NULL && found == NULL) {
		cJSON *next = row->next;
		const char *id = json_string(row, "id"), *title = json_string(row, "title");
		if ((id != NULL && strcmp(id, want) == 0) ||
		    (title != NULL && strcmp(title, want) == 0))
			found = cJSON_DetachItemViaPointer(rows, row);
		else if (title != NULL)
			strv_push(&titles, title);
		row = next;
	}
	if (found == NULL) {
		char *list = provider_name_list(&titles, 10);
		set_cause(cause, "Cloudflare: no KV namespace '%s' (namespaces: %s)", want, list);
		free(list);
	}
	strv_free(&titles);
	cJSON_Delete(rows);
	return found;
}

/*
 * …/storage/kv/namespaces/<id>/<what>[/<key>], encoded: a new string, or
 * NULL with *cause set.
 */
static char *
namespace_path(struct remote *r, const cJSON *ns, const char *what, const char *key, char **cause)
{
	char *id = provider_path_segment(json_string(ns, "id"), "KV namespace id", cause);
	char *enc = id != NULL && key != NULL ? provider_path_segment(key, "KV key", cause) : NULL;
	char *path = NULL;
	if (id != NULL && (key == NULL || enc != NULL)) {
		char *suffix = xasprintf("/storage/kv/namespaces/%s/%s%s%s", id, what,
					 enc != NULL ? "/" : "", enc != NULL ? enc : "");
		path = account_path(r, suffix, cause);
		free(suffix);
	}
	free(enc);
	free(id);
	return path;
}

/* A key a value can be named by in a URL: 0, or VERB_USAGE with *cause set. */
static int
check_key(const char *key, char **cause)
{
	char *enc = provider_path_segment(key, "KV key", cause);
	free(enc);
	return enc != NULL ? 0 : VERB_USAGE;
}

static int
kv_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	long limit = provider_limit(args, 1000, cause);
	if (limit == -1)
		return VERB_USAGE;
	if (args_get(args, "namespace") == NULL) {
		if (args_get(args, "prefix") != NULL) {
			set_cause(cause, "--prefix lists keys: give --namespace NAME too");
			return VERB_USAGE;
		}
		out->rows = namespace_rows(call->remote, cause);
		return out->rows != NULL ? 0 : -1;
	}
	int usage;
	cJSON *ns = find_namespace(call->remote, args, &usage, cause);
	if (ns == NULL)
		return usage ? VERB_USAGE : -1;
	char *path = namespace_path(call->remote, ns, "keys", NULL, cause);
	struct strv query = STRV_INIT;
	if (args_get(args, "prefix") != NULL)
		api_query_add(&query, "prefix", args_get(args, "prefix"));
	cJSON *keys = path != NULL ? cf_list(call->remote, path, &query, CF_CURSOR, "limit", 1000,
					     NULL, limit, cause)
				   : NULL;
	strv_free(&query);
	free(path);
	if (keys == NULL) {
		cJSON_Delete(ns);
		return -1;
	}
	out->rows = cJSON_CreateArray();
	const cJSON *k;
	cJSON_ArrayForEach (k, keys) {
		const char *name = json_string(k, "name");
		cJSON *row = provider_row(name, name, json_string(ns, "url"));
		const cJSON *exp = cJSON_GetObjectItemCaseSensitive(k, "expiration");
		if (cJSON_IsNumber(exp))
			cJSON_AddNumberToObject(row, "expiration", exp->valuedouble);
		else
			cJSON_AddNullToObject(row, "expiration");
		const cJSON *meta = cJSON_GetObjectItemCaseSensitive(k, "metadata");
		cJSON_AddItemToObject(row, "metadata",
				      meta != NULL ? cJSON_Duplicate(meta, 1) : cJSON_CreateNull());
		provider_row_string(row, "namespace", json_string(ns, "title"));
		cJSON_AddItemToArray(out->rows, row);
	}
	cJSON_Delete(keys);
	cJSON_Delete(ns);
	return 0;
}

static int
kv_get_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	if (check_key(call->args->argv[0], cause) != 0)
		return VERB_USAGE;
	int usage;
	cJSON *ns = find_namespace(call->remote, call->args, &usage, cause);
	if (ns == NULL)
		return usage ? VERB_USAGE : -1;
	char *path = namespace_path(call->remote, ns, "values", call->args->argv[0], cause);
	cJSON_Delete(ns);
	struct api_client *c = path != NULL ? remote_api(call->remote, cause) : NULL;
	if (c == NULL) {
		free(path);
		return -1;
	}
	struct api_response res;
	int rc = api_request(c, &(struct api_request){.path = path, .raw = 1}, &res, cause);
	if (rc == 0) {
		/* The value's bytes as they are: no envelope, maybe not text at all. */
		out->raw = xmalloc(res.http.body_len + 1);
		memcpy(out->raw, res.http.body, res.http.body_len);
		out->raw_len = res.http.body_len;
	}
	api_response_clear(&res);
	free(path);
	return rc;
}

static int
kv_put_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	const char *file = args_get(args, "file");
	if ((args->argc == 2) == (file != NULL)) {
		set_cause(cause, "give the value, or --file FILE (- for stdin), not both");
		return VERB_USAGE;
	}
	if (check_key(args->argv[0], cause) != 0)
		return VERB_USAGE;
	size_t len = 0;
	char *value;
	if (file != NULL) {
		value = file_read_all(strcmp(file, "-") == 0 ? "/dev/stdin" : file, &len, CF_KV_MAX,
				      cause);
		if (value == NULL)
			return -1;
	} else {
		value = xstrdup(args->argv[1]);
		len = strlen(value);
	}
	int usage;
	cJSON *ns = find_namespace(call->remote, args, &usage, cause);
	if (ns == NULL) {
		free(value);
		return usage ? VERB_USAGE : -1;
	}
	const char *key = args->argv[0];
	char *path = namespace_path(call->remote, ns, "values", key, cause);
	struct api_client *c = path != NULL ? remote_api(call->remote, cause) : NULL;
	int rc = -1;
	if (c != NULL) {
		struct api_request req = {
			.method = "PUT",
			.path = path,
			.body = value,
			.body_len = len,
			.content_type = "application/octet-stream",
		};
		cJSON *res = api_request_json(c, &req, cause);
		if (res != NULL) {
			rc = 0;
			out->rows = cJSON_CreateArray();
			cJSON *row = provider_row(key, key, json_string(ns, "url"));
			cJSON_AddNumberToObject(row, "bytes", (double)len);
			provider_row_string(row, "namespace", json_string(ns, "title"));
			cJSON_AddItemToArray(out->rows, row);
			out->text = xasprintf("Stored %s in %s (%zu bytes)", key,
					      json_string(ns, "title"), len);
		}
		cJSON_Delete(res);
	}
	free(path);
	cJSON_Delete(ns);
	free(value);
	return rc;
}

static int
kv_delete_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const char *key = call->args->argv[0];
	if (check_key(key, cause) != 0)
		return VERB_USAGE;
	int usage;
	cJSON *ns = find_namespace(call->remote, call->args, &usage, cause);
	if (ns == NULL)
		return usage ? VERB_USAGE : -1;
	char *path = namespace_path(call->remote, ns, "values", key, cause);
	cJSON *res = path != NULL ? cf_call(call->remote, "DELETE", path, NULL, cause) : NULL;
	free(path);
	if (res != NULL)
		out->text = xasprintf("Deleted %s from %s", key,
				      provider_or_unknown(json_string(ns, "title")));
	cJSON_Delete(res);
	cJSON_Delete(ns);
	return res != NULL ? 0 : -1;
}

static int
feed_kv(struct remote *r, struct item_list *out, char **cause)
{
	cJSON *rows = namespace_rows(r, cause);
	if (rows == NULL)
		return -1;
	const cJSON *row;
	cJSON_ArrayForEach (row, rows) {
		struct item *item = row_item(r, "kv-namespace", row, "Workers KV namespace");
		item_add_keyword(item, "kv");
		item_add_keyword(item, "namespace");
		struct strbuf md = STRBUF_INIT;
		sb_addf(&md, "# %s\n\n**KV namespace** · Cloudflare account %s\n\n", item->title,
			remote_opt(r, "accountId"));
		md_field(&md, "ID", json_string(row, "id"));
		char *cmd = xasprintf("`chitty cf kv list --namespace %s`", json_string(row, "id"));
		md_field(&md, "Keys", cmd);
		free(cmd);
		item_set(&item->preview, sb_str(&md));
		sb_free(&md);
		provider_item_add_open(item, json_string(row, "url"), "Open in Dashboard");
		item_add_action(item, ACTION_COPY, "copy-id", "Copy Namespace ID",
				json_string(row, "id"));
		item_list_push(out, item);
	}
	cJSON_Delete(rows);
	return 0;
}

/* ------------------------------------------------------------------- R2 */

static cJSON *
bucket_rows(struct remote *r, char **cause)
{
	char *path = account_path(r, "/r2/buckets", cause);
	cJSON *buckets = path != NULL ? cf_list(r, path, NULL, CF_CURSOR, "per_page", 1000,
						"result.buckets", 0, cause)
				      : NULL;
	free(path);
	if (buckets == NULL)
		return NULL;
	cJSON *rows = cJSON_CreateArray();
	const cJSON *b;
	cJSON_ArrayForEach (b, buckets) {
		const char *name = json_string(b, "name");
		char *what = xasprintf("r2/default/buckets/%s", name != NULL ? name : "");
		char *url = dash_url(r, what);
		cJSON *row = provider_row(name, name, url);
		provider_row_string(row, "location", json_string(b, "location"));
		provider_row_string(row, "storage_class", json_string(b, "storage_class"));
		provider_row_string(row, "created_at", json_string(b, "creation_date"));
		cJSON_AddItemToArray(rows, row);
		free(url);
		free(what);
	}
	cJSON_Delete(buckets);
	return rows;
}

static int
r2_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const char *bucket = args_get(call->args, "bucket");
	if (bucket != NULL) {
		char *what = xasprintf("r2/default/buckets/%s", bucket);
		char *url = dash_url(call->remote, what);
		set_cause(cause,
			  "Cloudflare's API lists buckets, not the objects in them (that takes "
			  "R2's S3-compatible API, with its own keys); see %s",
			  url);
		free(url);
		free(what);
		return -1;
	}
	out->rows = bucket_rows(call->remote, cause);
	return out->rows != NULL ? 0 : -1;
}

static int
feed_r2(struct remote *r, struct item_list *out, char **cause)
{
	cJSON *rows = bucket_rows(r, cause);
	if (rows == NULL)
		return -1;
	const cJSON *row;
	cJSON_ArrayForEach (row, rows) {
		const char *location = json_string(row, "location");
		char *sub =
			xasprintf("R2 bucket%s%s", location ? " · " : "", location ? location : "");
		struct item *item = row_item(r, "r2-bucket", row, sub);
		free(sub);
		item_add_keyword(item, "r2");
		item_add_keyword(item, "bucket");
		if (location != NULL)
			item_add_accessory(item, ACC_TAG, location);
		struct strbuf md = STRBUF_INIT;
		sb_addf(&md, "# %s\n\n**R2 bucket** · Cloudflare account %s\n\n", item->title,
			remote_opt(r, "accountId"));
		md_field(&md, "Location", location);
		md_field(&md, "Storage class", json_string(row, "storage_class"));
		char *created = date_of(row, "created_at");
		md_field(&md, "Created", created);
		free(created);
		item_set(&item->preview, sb_str(&md));
		sb_free(&md);
		provider_item_add_open(item, json_string(row, "url"), "Open in Dashboard");
		item_add_action(item, ACTION_COPY, "copy-name", "Copy Bucket Name", item->title);
		item_list_push(out, item);
	}
	cJSON_Delete(rows);
	return 0;
}

/* ---------------------------------------------------------------- Pages */

static cJSON *
project_rows(struct remote *r, char **cause)
{
	cJSON *projects = account_list(r, "/pages/projects", CF_PAGES, NULL, 0, cause);
	if (projects == NULL)
		return NULL;
	cJSON *rows = cJSON_CreateArray();
	const cJSON *p;
	cJSON_ArrayForEach (p, projects) {
		const char *name = json_string(p, "name");
		const char *sub = json_string(p, "subdomain");
		char *site = sub != NULL ? xasprintf("https://%s", sub) : NULL;
		char *what = xasprintf("pages/view/%s", name != NULL ? name : "");
		char *dash = dash_url(r, what);
		cJSON *row = provider_row(name, name, site != NULL ? site : dash);
		provider_row_string(row, "dashboard", dash);
		provider_row_string(row, "subdomain", sub);
		const cJSON *domains = cJSON_GetObjectItemCaseSensitive(p, "domains");
		cJSON_AddItemToObject(row, "domains",
				      cJSON_IsArray(domains) ? cJSON_Duplicate(domains, 1)
							     : cJSON_CreateArray());
		provider_row_string(row, "production_branch", json_string(p, "production_branch"));
		provider_row_string(row, "latest_deployment",
				    json_path_string(p, "latest_deployment.url"));
		provider_row_string(row, "created_at", json_string(p, "created_on"));
		cJSON_AddItemToArray(rows, row);
		free(dash);
		free(what);
		free(site);
	}
	cJSON_Delete(projects);
	return rows;
}

static int
pages_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	out->rows = project_rows(call->remote, cause);
	return out->rows != NULL ? 0 : -1;
}

static int
feed_pages(struct remote *r, struct item_list *out, char **cause)
{
	cJSON *rows = project_rows(r, cause);
	if (rows == NULL)
		return -1;
	const cJSON *row;
	cJSON_ArrayForEach (row, rows) {
		const char *sub = json_string(row, "subdomain");
		struct item *item =
			row_item(r, "pages-project", row, sub != NULL ? sub : "Pages project");
		item_add_keyword(item, "pages");
		const char *branch = json_string(row, "production_branch");
		if (branch != NULL)
			item_add_accessory(item, ACC_TAG, branch);
		struct strbuf md = STRBUF_INIT;
		sb_addf(&md, "# %s\n\n**Pages project** · Cloudflare account %s\n\n", item->title,
			remote_opt(r, "accountId"));
		md_field(&md, "Site", json_string(row, "url"));
		char *domains = NULL;
		{
			struct strv d = STRV_INIT;
			const cJSON *e;
			cJSON_ArrayForEach (e, cJSON_GetObjectItemCaseSensitive(row, "domains"))
				if (cJSON_IsString(e))
					strv_push(&d, e->valuestring);
			domains = strv_join(&d, ", ");
			strv_free(&d);
		}
		md_field(&md, "Domains", domains);
		free(domains);
		md_field(&md, "Production branch", branch);
		md_field(&md, "Latest deployment", json_string(row, "latest_deployment"));
		item_set(&item->preview, sb_str(&md));
		sb_free(&md);
		provider_item_add_open(item, json_string(row, "url"), "Open Site");
		item_add_action(item, ACTION_OPEN, "open-dashboard", "Open in Dashboard",
				json_string(row, "dashboard"));
		item_list_push(out, item);
	}
	cJSON_Delete(rows);
	return 0;
}

/* ------------------------------------------------------------------- D1 */

static cJSON *
database_rows(struct remote *r, char **cause)
{
	cJSON *dbs = account_list(r, "/d1/database", CF_PAGES, NULL, 0, cause);
	if (dbs == NULL)
		return NULL;
	cJSON *rows = cJSON_CreateArray();
	const cJSON *db;
	cJSON_ArrayForEach (db, dbs) {
		const char *uuid = json_string(db, "uuid");
		char *what = xasprintf("workers/d1/databases/%s", uuid != NULL ? uuid : "");
		char *url = dash_url(r, what);
		cJSON *row = provider_row(uuid, json_string(db, "name"), url);
		provider_row_string(row, "version", json_string(db, "version"));
		provider_row_string(row, "created_at", json_string(db, "created_at"));
		cJSON_AddItemToArray(rows, row);
		free(url);
		free(what);
	}
	cJSON_Delete(dbs);
	return rows;
}

static int
d1_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	out->rows = database_rows(call->remote, cause);
	return out->rows != NULL ? 0 : -1;
}

/* A D1 database's uuid from its name or uuid: a new string, or NULL. */
static char *
database_uuid(struct remote *r, const char *want, char **cause)
{
	if (is_uuid(want))
		return xstrdup(want);
	cJSON *rows = database_rows(r, cause);
	if (rows == NULL)
		return NULL;
	char *uuid = NULL;
	struct strv names = STRV_INIT;
	const cJSON *row;
	cJSON_ArrayForEach (row, rows) {
		const char *name = json_string(row, "title");
		if (name != NULL && strcmp(name, want) == 0 && uuid == NULL)
			uuid = xstrdup_or_null(json_string(row, "id"));
		if (name != NULL)
			strv_push(&names, name);
	}
	if (uuid == NULL) {
		char *list = provider_name_list(&names, 10);
		set_cause(cause, "Cloudflare: no D1 database '%s' (databases: %s)", want, list);
		free(list);
	}
	strv_free(&names);
	cJSON_Delete(rows);
	return uuid;
}

static char *
sql_cell(const cJSON *v)
{
	if (cJSON_IsString(v))
		return provider_clean_text(v->valuestring, 0, 0);
	if (cJSON_IsNumber(v))
		return xasprintf("%.15g", v->valuedouble);
	if (cJSON_IsBool(v))
		return xstrdup(cJSON_IsTrue(v) ? "true" : "false");
	if (v == NULL || cJSON_IsNull(v))
		return xstrdup("NULL");
	char *text = cJSON_PrintUnformatted(v);
	char *copy = provider_clean_text(text, 0, 0);
	cJSON_free(text);
	return copy;
}

/* One statement's rows as a table (columns in the first row's order) into sb. */
static void
print_statement(struct strbuf *sb, const cJSON *statement)
{
	const cJSON *results = cJSON_GetObjectItemCaseSensitive(statement, "results");
	const cJSON *meta = cJSON_GetObjectItemCaseSensitive(statement, "meta");
	int n = cJSON_GetArraySize(results);
	if (n > 0 && cJSON_GetArraySize(results->child) == 0) {
		sb_addf(sb, "(%d empty row%s)\n", n, n == 1 ? "" : "s");
		return;
	}
	if (n == 0) {
		sb_addf(sb, "OK: %.0f row%s changed\n", json_number(meta, "changes", 0),
			json_number(meta, "changes", 0) == 1 ? "" : "s");
		return;
	}
	struct strv cols = STRV_INIT;
	const cJSON *row, *v;
	cJSON_ArrayForEach (row, results)
		cJSON_ArrayForEach (v, row)
			if (v->string != NULL && !strv_contains(&cols, v->string))
				strv_push(&cols, v->string);
	struct table *t = table_create(cols.n, (const char *const *)cols.v);
	char **cells = xcalloc(cols.n + 1, sizeof *cells);
	cJSON_ArrayForEach (row, results) {
		for (size_t i = 0; i < cols.n; i++)
			cells[i] = sql_cell(cJSON_GetObjectItemCaseSensitive(row, cols.v[i]));
		table_add_row(t, (const char *const *)cells);
		for (size_t i = 0; i < cols.n; i++)
			free(cells[i]);
	}
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	if (fp != NULL) {
		table_print(t, fp, terminal_width(1));
		fclose(fp);
		sb_addn(sb, buf, len);
		free(buf);
	}
	sb_addf(sb, "(%d row%s)\n", n, n == 1 ? "" : "s");
	free(cells);
	table_free(t);
	strv_free(&cols);
}

static int
d1_query_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	if (*args->argv[1] == '\0') {
		set_cause(cause, "give an SQL statement");
		return VERB_USAGE;
	}
	char *uuid = database_uuid(call->remote, args->argv[0], cause);
	if (uuid == NULL)
		return -1;
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "sql", args->argv[1]);
	struct strv params = STRV_INIT;
	args_get_all(args, "param", &params);
	cJSON *p = cJSON_AddArrayToObject(body, "params");
	for (size_t i = 0; i < params.n; i++)
		cJSON_AddItemToArray(p, cJSON_CreateString(params.v[i]));
	strv_free(&params);
	char *enc = provider_path_segment(uuid, "D1 database id", cause);
	char *suffix = enc != NULL ? xasprintf("/d1/database/%s/query", enc) : NULL;
	char *path = suffix != NULL ? account_path(call->remote, suffix, cause) : NULL;
	free(suffix);
	free(enc);
	free(uuid);
	cJSON *result = path != NULL ? cf_call(call->remote, "POST", path, body, cause) : NULL;
	free(path);
	cJSON_Delete(body);
	if (result == NULL)
		return -1;
	/* --json: every statement's rows, in order; the human form: a table each. */
	out->rows = cJSON_CreateArray();
	struct strbuf sb = STRBUF_INIT;
	const cJSON *statement;
	cJSON_ArrayForEach (statement, (cJSON_IsArray(result) ? result : NULL)) {
		const cJSON *row;
		cJSON_ArrayForEach (row, cJSON_GetObjectItemCaseSensitive(statement, "results"))
			cJSON_AddItemToArray(out->rows, cJSON_Duplicate(row, 1));
		if (sb.len > 0)
			sb_addc(&sb, '\n');
		print_statement(&sb, statement);
	}
	out->text = sb_detach(&sb);
	cJSON_Delete(result);
	return 0;
}

static int
feed_d1(struct remote *r, struct item_list *out, char **cause)
{
	cJSON *rows = database_rows(r, cause);
	if (rows == NULL)
		return -1;
	const cJSON *row;
	cJSON_ArrayForEach (row, rows) {
		struct item *item = row_item(r, "d1-database", row, "D1 database");
		item_add_keyword(item, "d1");
		item_add_keyword(item, "database");
		struct strbuf md = STRBUF_INIT;
		sb_addf(&md, "# %s\n\n**D1 database** · Cloudflare account %s\n\n", item->title,
			remote_opt(r, "accountId"));
		md_field(&md, "UUID", json_string(row, "id"));
		md_field(&md, "Version", json_string(row, "version"));
		char *created = date_of(row, "created_at");
		md_field(&md, "Created", created);
		free(created);
		char *cmd = xasprintf("`chitty cf d1 query %s \"SELECT …\"`", item->title);
		md_field(&md, "Query", cmd);
		free(cmd);
		item_set(&item->preview, sb_str(&md));
		sb_free(&md);
		provider_item_add_open(item, json_string(row, "url"), "Open in Dashboard");
		item_add_action(item, ACTION_COPY, "copy-id", "Copy Database ID",
				json_string(row, "id"));
		item_list_push(out, item);
	}
	cJSON_Delete(rows);
	return 0;
}

/* -------------------------------------------------------- feeds, checks */

/* Does the remote's "resources" (default: all) name kind? */
static int
wants(struct remote *r, const char *kind)
{
	const char *list = remote_opt(r, "resources");
	if (list == NULL)
		return 1;
	struct strv kinds = STRV_INIT;
	strv_split(&kinds, list, ", ");
	int yes = strv_contains(&kinds, kind);
	strv_free(&kinds);
	return yes;
}

static int
wants_workers(struct remote *r)
{
	return wants(r, "workers");
}
static int
wants_dns(struct remote *r)
{
	return wants(r, "dns");
}
static int
wants_kv(struct remote *r)
{
	return wants(r, "kv");
}
static int
wants_r2(struct remote *r)
{
	return wants(r, "r2");
}
static int
wants_pages(struct remote *r)
{
	return wants(r, "pages");
}
static int
wants_d1(struct remote *r)
{
	return wants(r, "d1");
}

static int
cloudflare_validate(const cJSON *conf, const char *type, char **cause)
{
	(void)type;
	const char *list = json_string(conf, "resources");
	if (list == NULL)
		return 0;
	struct strv kinds = STRV_INIT, known = STRV_INIT;
	strv_split(&kinds, list, ", ");
	for (size_t i = 0; cf_kinds[i] != NULL; i++)
		strv_push(&known, cf_kinds[i]);
	int rc = 0;
	for (size_t i = 0; i < kinds.n && rc == 0; i++)
		if (!strv_contains(&known, kinds.v[i])) {
			set_cause(
				cause,
				"\"resources\": unknown '%s' (known: workers, dns, kv, r2, pages, "
				"d1)",
				kinds.v[i]);
			rc = -1;
		}
	strv_free(&known);
	strv_free(&kinds);
	return rc;
}

static int
cloudflare_test(struct remote *r, char **message, char **cause)
{
	char *path = account_path(r, "", cause);
	cJSON *acct = path != NULL ? cf_call(r, "GET", path, NULL, cause) : NULL;
	free(path);
	if (acct == NULL)
		return -1;
	const char *name = json_string(acct, "name");
	*message = xasprintf("Cloudflare: connected to account \"%s\"", name != NULL ? name : "?");
	cJSON_Delete(acct);
	return 0;
}

static char *
cloudflare_web_url(struct remote *r, char **cause)
{
	if (remote_need(r, "accountId", cause) == NULL)
		return NULL;
	return dash_url(r, "");
}

/* ---------------------------------------------------------------- table */

static const struct cmd_option dns_list_options[] = {
	{"type", 't', ARG_REQUIRED, "TYPE", "only records of TYPE (A, AAAA, CNAME, TXT, …)"},
	{"name", 0, ARG_REQUIRED, "NAME", "only records named NAME (www or www.example.com)"},
	{"limit", 'n', ARG_REQUIRED, "N", "at most N records (default 1000)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option dns_add_options[] = {
	{"ttl", 0, ARG_REQUIRED, "SECONDS", "1 (automatic, the default) or 30 to 86400"},
	{"proxied", 'p', ARG_NONE, NULL, "proxy the traffic through Cloudflare"},
	{"comment", 'c', ARG_REQUIRED, "TEXT", "a comment on the record"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option kv_list_options[] = {
	{"namespace", 'N', ARG_REQUIRED, "NAME", "list this namespace's keys (its title or id)"},
	{"prefix", 0, ARG_REQUIRED, "PREFIX", "only keys starting with PREFIX"},
	{"limit", 'n', ARG_REQUIRED, "N", "at most N keys (default 1000)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option namespace_option[] = {
	{"namespace", 'N', ARG_REQUIRED, "NAME", "the namespace (its title or id)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option kv_put_options[] = {
	{"namespace", 'N', ARG_REQUIRED, "NAME", "the namespace (its title or id)"},
	{"file", 'f', ARG_REQUIRED, "FILE", "the value is FILE's bytes (- for stdin)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option r2_list_options[] = {
	{"bucket", 'b', ARG_REQUIRED, "NAME", "a bucket's objects (not in Cloudflare's API)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option d1_query_options[] = {
	{"param", 'p', ARG_REQUIRED, "VALUE", "a value for the next ? in the SQL (repeatable)"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct provider_column worker_columns[] = {
	{"NAME", "id"},
	{"HANDLERS", "handlers"},
	{"MODIFIED", "modified_at"},
	{NULL, NULL},
};
static const struct provider_column dns_columns[] = {
	{"TYPE", "type"},       {"NAME", "name"}, {"CONTENT", "content"}, {"TTL", "ttl"},
	{"PROXIED", "proxied"}, {"ID", "id"},     {NULL, NULL},
};
static const struct provider_column kv_columns[] = {
	{"NAME", "title"},
	{"ID", "id"},
	{NULL, NULL},
};
static const struct provider_column bucket_columns[] = {
	{"NAME", "id"},
	{"LOCATION", "location"},
	{"CREATED", "created_at"},
	{NULL, NULL},
};
static const struct provider_column project_columns[] = {
	{"NAME", "id"},         {"SITE", "url"}, {"BRANCH", "production_branch"},
	{"DOMAINS", "domains"}, {NULL, NULL},
};
static const struct provider_column d1_columns[] = {
	{"NAME", "title"},
	{"UUID", "id"},
	{"CREATED", "created_at"},
	{NULL, NULL},
};

static const struct provider_verb worker_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "",
	.summary = "List the account's Workers",
	.args_max = 0,
	.columns = worker_columns,
	.exec = worker_list_exec,
};
static const struct provider_verb *const worker_verbs[] = {&worker_list, NULL};
static const struct provider_resource worker_resource = {
	.name = "worker",
	.aliases = (const char *const[]){"workers", NULL},
	.summary = "Workers scripts",
	.verbs = worker_verbs,
};

static const struct provider_verb dns_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "ZONE [--type TYPE] [--name NAME] [--limit N]",
	.summary = "List a zone's DNS records",
	.options = dns_list_options,
	.args_min = 1,
	.args_max = 1,
	.columns = dns_columns,
	.exec = dns_list_exec,
};
static const struct provider_verb dns_add = {
	.name = "add",
	.aliases = (const char *const[]){"create", NULL},
	.usage = "ZONE TYPE NAME CONTENT [--ttl SECONDS] [--proxied] [--comment TEXT]",
	.summary = "Add a DNS record",
	.options = dns_add_options,
	.args_min = 4,
	.args_max = 4,
	.columns = dns_columns,
	.exec = dns_add_exec,
};
static const struct provider_verb dns_delete = {
	.name = "delete",
	.aliases = (const char *const[]){"rm", NULL},
	.usage = "ZONE TYPE NAME | ZONE RECORD_ID",
	.summary = "Delete a DNS record",
	.args_min = 1,
	.args_max = 3,
	.columns = dns_columns,
	.exec = dns_delete_exec,
};
static const struct provider_verb *const dns_verbs[] = {&dns_list, &dns_add, &dns_delete, NULL};
static const struct provider_resource dns_resource = {
	.name = "dns",
	.summary = "DNS records of a zone (by name, such as example.com, or id)",
	.verbs = dns_verbs,
};

static const struct provider_verb kv_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "[--namespace NAME [--prefix PREFIX]] [--limit N]",
	.summary = "List KV namespaces, or a namespace's keys",
	.options = kv_list_options,
	.args_max = 0,
	.columns = kv_columns,
	.exec = kv_list_exec,
};
static const struct provider_verb kv_get = {
	.name = "get",
	.usage = "--namespace NAME KEY",
	.summary = "Print a value's bytes as they are",
	.options = namespace_option,
	.args_min = 1,
	.args_max = 1,
	.exec = kv_get_exec,
};
static const struct provider_verb kv_put = {
	.name = "put",
	.aliases = (const char *const[]){"set", NULL},
	.usage = "--namespace NAME KEY [VALUE | --file FILE]",
	.summary = "Store a value",
	.options = kv_put_options,
	.args_min = 1,
	.args_max = 2,
	.columns = kv_columns,
	.exec = kv_put_exec,
};
static const struct provider_verb kv_delete = {
	.name = "delete",
	.aliases = (const char *const[]){"rm", NULL},
	.usage = "--namespace NAME KEY",
	.summary = "Delete a key",
	.options = namespace_option,
	.args_min = 1,
	.args_max = 1,
	.exec = kv_delete_exec,
};
static const struct provider_verb *const kv_verbs[] = {&kv_list, &kv_get, &kv_put, &kv_delete,
						       NULL};
static const struct provider_resource kv_resource = {
	.name = "kv",
	.summary = "Workers KV namespaces and their keys",
	.verbs = kv_verbs,
};

static const struct provider_verb r2_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "[--bucket NAME]",
	.summary = "List R2 buckets",
	.options = r2_list_options,
	.args_max = 0,
	.columns = bucket_columns,
	.exec = r2_list_exec,
};
static const struct provider_verb *const r2_verbs[] = {&r2_list, NULL};
static const struct provider_resource r2_resource = {
	.name = "r2",
	.summary = "R2 buckets",
	.verbs = r2_verbs,
};

static const struct provider_verb pages_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "",
	.summary = "List Pages projects",
	.args_max = 0,
	.columns = project_columns,
	.exec = pages_list_exec,
};
static const struct provider_verb *const pages_verbs[] = {&pages_list, NULL};
static const struct provider_resource pages_resource = {
	.name = "pages",
	.summary = "Pages projects",
	.verbs = pages_verbs,
};

static const struct provider_verb d1_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "",
	.summary = "List D1 databases",
	.args_max = 0,
	.columns = d1_columns,
	.exec = d1_list_exec,
};
static const struct provider_verb d1_query = {
	.name = "query",
	.aliases = (const char *const[]){"execute", NULL},
	.usage = "DB SQL [--param VALUE]...",
	.summary = "Run SQL on a D1 database (by name or uuid)",
	.options = d1_query_options,
	.args_min = 2,
	.args_max = 2,
	.exec = d1_query_exec,
};
static const struct provider_verb *const d1_verbs[] = {&d1_list, &d1_query, NULL};
static const struct provider_resource d1_resource = {
	.name = "d1",
	.summary = "D1 databases",
	.verbs = d1_verbs,
};

static const struct provider_resource *const cloudflare_resources[] = {
	&worker_resource, &dns_resource, &kv_resource, &r2_resource,
	&pages_resource,  &d1_resource,  NULL,
};

static const struct provider_feed cloudflare_feeds[] = {
	{"workers", wants_workers, feed_workers},
	{"dns records", wants_dns, feed_dns},
	{"kv namespaces", wants_kv, feed_kv},
	{"r2 buckets", wants_r2, feed_r2},
	{"pages projects", wants_pages, feed_pages},
	{"d1 databases", wants_d1, feed_d1},
	{NULL, NULL, NULL},
};

static const char *const cloudflare_aliases[] = {"cf", NULL};
static const char *const cloudflare_types[] = {"cloudflare-account", NULL};

const struct provider cloudflare_provider = {
	.name = "cloudflare",
	.aliases = cloudflare_aliases,
	.types = cloudflare_types,
	.title = "Cloudflare",
	.summary = "Cloudflare Workers, DNS, KV, R2, Pages and D1",
	.built = 1,
	.icon = "☁️",
	.api_url = CF_API,
	.fields = cloudflare_fields,
	.resources = cloudflare_resources,
	.feeds = cloudflare_feeds,
	.setup_api = cloudflare_setup,
	.validate = cloudflare_validate,
	.test = cloudflare_test,
	.web_url = cloudflare_web_url,
};
