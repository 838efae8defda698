/*
 * Notion: pages of a database (or of a saved view of one) and the child
 * pages of a page, over the REST API (https://api.notion.com/v1).
 *
 * Remote types: notion-database (token, databaseId), notion-view (the same,
 * plus a saved "filter" and "sorts" in Notion's query syntax) and
 * notion-page (token, pageId).  Ids may be given as Notion URLs or with or
 * without dashes.
 *
 * The API version is pinned to 2022-06-28: databases are queried directly
 * (POST /databases/{id}/query).  Version 2025-09-03 moves queries to data
 * sources, which a database id alone does not name.
 *
 * A page's title is the property of type "title", whatever the user named
 * that column; status, select, date and checkbox properties become
 * accessories and preview lines.  A notion-database or notion-view remote
 * can be the tracker of `chitty checkpoint`: a checkpoint is a new page
 * titled with its text, dated now when the database has a date property.
 */
#include "build-config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "api.h"
#include "args.h"
#include "item.h"
#include "jsonutil.h"
#include "provider.h"
#include "remote-conf.h"
#include "strbuf.h"
#include "utf8.h"
#include "xmalloc.h"

#define NOTION_API        "https://api.notion.com/v1"
#define NOTION_VERSION    "2022-06-28"
#define NOTION_WEB        "https://www.notion.so"
#define NOTION_PAGE_SIZE  100  /* the API's largest page */
#define NOTION_FEED_LIMIT 1000 /* pages kept for the launcher */
#define NOTION_TEXT_RUN   2000 /* characters in one rich-text object, at most */
#define NOTION_PROP_BYTES 300  /* of one property's text in a preview */

static const char *const database_types[] = {"notion-database", "notion-view", NULL};
static const char *const view_only[] = {"notion-view", NULL};
static const char *const page_only[] = {"notion-page", NULL};

static const struct provider_field notion_fields[] = {
	{
		.name = "token",
		.title = "Token",
		.description = "an internal integration secret (secret_… or ntn_…) with access "
			       "to the database or page; env:NAME or cmd:COMMAND keeps it out of "
			       "this file",
		.placeholder = "env:NOTION_TOKEN",
		.flags = FIELD_REQUIRED | FIELD_SECRET,
	},
	{
		.name = "databaseId",
		.title = "Database",
		.description = "the database's id, or its URL",
		.placeholder = "8a3c0d6e1f2b4c5d9e8f7a6b5c4d3e2f",
		.flags = FIELD_REQUIRED,
		.types = database_types,
	},
	{
		.name = "pageId",
		.title = "Page",
		.description = "the page's id, or its URL",
		.placeholder = "1f0e2d3c4b5a69788796a5b4c3d2e1f0",
		.flags = FIELD_REQUIRED,
		.types = page_only,
	},
	{
		.name = "filter",
		.title = "Filter",
		.description =
			"the view's filter: a JSON object as Notion's database query takes it",
		.placeholder =
			"{\"property\": \"Status\", \"status\": {\"does_not_equal\": \"Done\"}}",
		.flags = FIELD_JSON,
		.types = view_only,
	},
	{
		.name = "sorts",
		.title = "Sorts",
		.description = "the view's order: a JSON array as Notion's database query takes it",
		.placeholder = "[{\"property\": \"Due\", \"direction\": \"ascending\"}]",
		.flags = FIELD_JSON,
		.types = view_only,
	},
	{NULL},
};

/* ------------------------------------------------------------------ ids */

static int
is_page_remote(const struct remote *r)
{
	return strcmp(r->type, "notion-page") == 0;
}

/*
 * A Notion id in its dashed form from what a user pastes: an id with or
 * without dashes, or a URL ending in "Title-<32 hex>" (a query such as
 * ?v=… is ignored).  Anything else is kept as it is.  A new string.
 */
static char *
notion_id(const char *s)
{
	size_t end = strcspn(s, "?#");
	char hex[33];
	size_t n = 0;
	for (size_t i = end; i > 0 && n < 32; i--) {
		char c = s[i - 1];
		if (c == '-')
			continue;
		if (!isxdigit((unsigned char)c))
			break;
		hex[31 - n++] = (char)tolower((unsigned char)c);
	}
	if (n < 32)
		return xstrdup(s);
	hex[32] = '\0';
	return xasprintf("%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16, hex + 20);
}

/* The remote's database or page id, normalised: a new string, or NULL with *cause. */
static char *
remote_id(struct remote *r, char **cause)
{
	const char *raw = remote_need(r, is_page_remote(r) ? "pageId" : "databaseId", cause);
	return raw != NULL ? notion_id(raw) : NULL;
}

/* "/pages/<id>" with the id encoded: a new string. */
static char *
id_path(const char *prefix, const char *id, const char *suffix)
{
	char *clean = notion_id(id);
	/* "." and ".." would be resolved away by curl: spell them as %2E. */
	char *enc = strcmp(clean, ".") == 0    ? xstrdup("%2E")
		    : strcmp(clean, "..") == 0 ? xstrdup("%2E%2E")
					       : http_url_encode(clean);
	char *path = xasprintf("%s/%s%s", prefix, enc, suffix != NULL ? suffix : "");
	free(enc);
	free(clean);
	return path;
}

/* https://www.notion.so/<id without dashes>: where a page or database opens. */
static char *
web_url_of(const char *id)
{
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, NOTION_WEB "/");
	for (const char *p = id; *p != '\0'; p++)
		if (*p != '-')
			sb_addc(&sb, *p);
	return sb_detach(&sb);
}

/* ------------------------------------------------------------------ API */

static int
notion_setup(struct remote *r, struct api_client *c, char **cause)
{
	const char *token = remote_need(r, "token", cause);
	if (token == NULL)
		return -1;
	char *auth = xasprintf("Authorization: Bearer %s", token);
	api_client_add_header(c, auth);
	free(auth);
	api_client_add_header(c, "Notion-Version: " NOTION_VERSION);
	return 0;
}

/* One request's JSON: a new cJSON, or NULL with *cause set. */
static cJSON *
notion_call(struct remote *r, const char *method, const char *path, const cJSON *body, char **cause)
{
	struct api_client *c = remote_api(r, cause);
	if (c == NULL)
		return NULL;
	struct api_request req = {.method = method, .path = path, .json = body};
	return api_request_json(c, &req, cause);
}

/* Every result of a paginated list (has_more / next_cursor), up to limit. */
static cJSON *
notion_list(struct remote *r, const char *method, const char *path, const cJSON *body, long limit,
	    int (*keep)(const cJSON *, void *), char **cause)
{
	struct api_client *c = remote_api(r, cause);
	if (c == NULL)
		return NULL;
	long per_page =
		limit > 0 && limit < NOTION_PAGE_SIZE && keep == NULL ? limit : NOTION_PAGE_SIZE;
	struct api_list list = {
		.request = {.method = method, .path = path, .json = body},
		.items = "results",
		.paging = API_PAGING_CURSOR,
		.per_page_param = "page_size",
		.per_page = per_page,
		.cursor_param = "start_cursor",
		.cursor_path = "next_cursor",
		.more_path = "has_more",
		.limit = limit,
		.keep = keep,
	};
	return api_list_all(c, &list, cause);
}

/* ----------------------------------------------------------- properties */

/* The joined plain text of a rich-text array: a new string, cleaned. */
static char *
rich_text(const cJSON *runs, size_t max_bytes)
{
	struct strbuf sb = STRBUF_INIT;
	const cJSON *run;
	cJSON_ArrayForEach (run, (cJSON_IsArray(runs) ? runs : NULL)) {
		const char *text = json_string(run, "plain_text");
		if (text == NULL)
			text = json_path_string(run, "text.content");
		if (text != NULL)
			sb_add(&sb, text);
	}
	char *clean = provider_clean_text(sb_str(&sb), 0, max_bytes);
	sb_free(&sb);
	return clean;
}

/* The property of type "title", whatever its name, and that name (may be NULL). */
static const cJSON *
title_property(const cJSON *properties, const char **name)
{
	const cJSON *prop;
	cJSON_ArrayForEach (prop, (cJSON_IsObject(properties) ? properties : NULL)) {
		const char *type = json_string(prop, "type");
		if (type != NULL && strcmp(type, "title") == 0) {
			if (name != NULL)
				*name = prop->string;
			return prop;
		}
	}
	return NULL;
}

/* A page's title ("Untitled" when empty): a new string. */
static char *
page_title(const cJSON *page)
{
	const cJSON *prop =
		title_property(cJSON_GetObjectItemCaseSensitive(page, "properties"), NULL);
	char *title = rich_text(cJSON_GetObjectItemCaseSensitive(prop, "title"), 0);
	if (*title == '\0') {
		free(title);
		return xstrdup("Untitled");
	}
	return title;
}

/* A database's own title: a new string. */
static char *
database_title(const cJSON *db)
{
	char *title = rich_text(cJSON_GetObjectItemCaseSensitive(db, "title"), 200);
	if (*title == '\0') {
		free(title);
		return xstrdup("Untitled database");
	}
	return title;
}

static void
join_names(struct strbuf *sb, const cJSON *array, const char *member)
{
	const cJSON *e;
	cJSON_ArrayForEach (e, (cJSON_IsArray(array) ? array : NULL)) {
		const char *name = json_string(e, member);
		if (name != NULL)
			sb_addf(sb, "%s%s", sb->len > 0 ? ", " : "", name);
	}
}

static void
date_text(struct strbuf *sb, const cJSON *date)
{
	const char *start = json_string(date, "start");
	const char *end = json_string(date, "end");
	if (start != NULL)
		sb_add(sb, start);
	if (end != NULL)
		sb_addf(sb, " → %s", end);
}

/*
 * A property's value as text (a new string, cleaned, at most max_bytes;
 * 0: no limit), or NULL when it has none or is of a type with no text.
 */
static char *
property_text(const cJSON *prop, size_t max_bytes)
{
	const char *type = json_string(prop, "type");
	if (type == NULL)
		return NULL;
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(prop, type);
	struct strbuf sb = STRBUF_INIT;
	if (strcmp(type, "title") == 0 || strcmp(type, "rich_text") == 0) {
		sb_free(&sb);
		char *text = rich_text(v, max_bytes);
		if (*text == '\0') {
			free(text);
			return NULL;
		}
		return text;
	} else if (strcmp(type, "status") == 0 || strcmp(type, "select") == 0)
		sb_add(&sb, json_string(v, "name") != NULL ? json_string(v, "name") : "");
	else if (strcmp(type, "multi_select") == 0)
		join_names(&sb, v, "name");
	else if (strcmp(type, "people") == 0)
		join_names(&sb, v, "name");
	else if (strcmp(type, "date") == 0)
		date_text(&sb, v);
	else if (strcmp(type, "checkbox") == 0)
		sb_add(&sb, cJSON_IsTrue(v) ? "yes" : "no");
	else if (strcmp(type, "number") == 0 && cJSON_IsNumber(v))
		sb_addf(&sb, "%.15g", v->valuedouble);
	else if ((strcmp(type, "url") == 0 || strcmp(type, "email") == 0 ||
		  strcmp(type, "phone_number") == 0 || strcmp(type, "created_time") == 0 ||
		  strcmp(type, "last_edited_time") == 0) &&
		 cJSON_IsString(v))
		sb_add(&sb, v->valuestring);
	else if (strcmp(type, "unique_id") == 0 && cJSON_IsNumber(json_path(v, "number"))) {
		const char *prefix = json_string(v, "prefix");
		sb_addf(&sb, "%s%s%.0f", prefix != NULL ? prefix : "", prefix != NULL ? "-" : "",
			json_number(v, "number", 0));
	} else if (strcmp(type, "formula") == 0) {
		const char *ftype = json_string(v, "type");
		const cJSON *fv = ftype != NULL ? cJSON_GetObjectItemCaseSensitive(v, ftype) : NULL;
		if (cJSON_IsString(fv))
			sb_add(&sb, fv->valuestring);
		else if (cJSON_IsNumber(fv))
			sb_addf(&sb, "%.15g", fv->valuedouble);
		else if (cJSON_IsBool(fv))
			sb_add(&sb, cJSON_IsTrue(fv) ? "yes" : "no");
	}
	if (sb.len == 0) {
		sb_free(&sb);
		return NULL;
	}
	char *clean = provider_clean_text(sb_str(&sb), 0, max_bytes);
	sb_free(&sb);
	return clean;
}

static int
is_type(const cJSON *prop, const char *type)
{
	const char *t = json_string(prop, "type");
	return t != NULL && strcmp(t, type) == 0;
}

/* The page's status: its first status property, else a select named "Status". */
static char *
page_status(const cJSON *properties)
{
	const cJSON *prop;
	cJSON_ArrayForEach (prop, (cJSON_IsObject(properties) ? properties : NULL))
		if (is_type(prop, "status"))
			return property_text(prop, 100);
	cJSON_ArrayForEach (prop, (cJSON_IsObject(properties) ? properties : NULL))
		if (is_type(prop, "select") && prop->string != NULL &&
		    strcasecmp(prop->string, "status") == 0)
			return property_text(prop, 100);
	return NULL;
}

/* ----------------------------------------------------------- rows, items */

static char *
page_url(const cJSON *page)
{
	const char *url = json_string(page, "url");
	if (url != NULL)
		return xstrdup(url);
	const char *id = json_string(page, "id");
	return web_url_of(id != NULL ? id : "");
}

static int
page_archived(const cJSON *page)
{
	return json_bool(page, "archived", 0) || json_bool(page, "in_trash", 0);
}

static cJSON *
page_row(const cJSON *page)
{
	char *title = page_title(page);
	char *url = page_url(page);
	cJSON *row = provider_row(json_string(page, "id"), title, url);
	free(url);
	free(title);
	const cJSON *properties = cJSON_GetObjectItemCaseSensitive(page, "properties");
	char *status = page_status(properties);
	provider_row_string(row, "status", status);
	free(status);
	provider_row_string(row, "created_at", json_string(page, "created_time"));
	provider_row_string(row, "updated_at", json_string(page, "last_edited_time"));
	cJSON_AddBoolToObject(row, "archived", page_archived(page));
	cJSON *props = cJSON_AddObjectToObject(row, "properties");
	const cJSON *prop;
	cJSON_ArrayForEach (prop, (cJSON_IsObject(properties) ? properties : NULL)) {
		if (prop->string == NULL)
			continue;
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(prop, json_string(prop, "type"));
		if (is_type(prop, "checkbox"))
			cJSON_AddBoolToObject(props, prop->string, cJSON_IsTrue(v));
		else if (is_type(prop, "number") && cJSON_IsNumber(v))
			cJSON_AddNumberToObject(props, prop->string, v->valuedouble);
		else {
			char *text = property_text(prop, 0);
			provider_row_string(props, prop->string, text);
			free(text);
		}
	}
	return row;
}

/* A child_page block in the shape of a page (title property "title"): a new object. */
static cJSON *
page_from_block(const cJSON *block)
{
	cJSON *page = cJSON_CreateObject();
	cJSON_AddStringToObject(page, "object", "page");
	static const char *const keep[] = {"id", "created_time", "last_edited_time"};
	for (size_t i = 0; i < nitems(keep); i++)
		if (json_string(block, keep[i]) != NULL)
			cJSON_AddStringToObject(page, keep[i], json_string(block, keep[i]));
	cJSON_AddBoolToObject(page, "archived", page_archived(block));
	cJSON *run = cJSON_CreateObject();
	const char *title = json_path_string(block, "child_page.title");
	cJSON_AddStringToObject(run, "plain_text", title != NULL ? title : "");
	cJSON *runs = cJSON_CreateArray();
	cJSON_AddItemToArray(runs, run);
	cJSON *prop = cJSON_CreateObject();
	cJSON_AddStringToObject(prop, "type", "title");
	cJSON_AddItemToObject(prop, "title", runs);
	cJSON *props = cJSON_AddObjectToObject(page, "properties");
	cJSON_AddItemToObject(props, "title", prop);
	return page;
}

/* The markdown preview: title, where it is, each property, dates. */
static char *
page_preview(const cJSON *page, const char *context)
{
	struct strbuf sb = STRBUF_INIT;
	char *title = page_title(page);
	sb_addf(&sb, "# %s\n\n", title);
	free(title);
	if (context != NULL)
		sb_addf(&sb, "**%s** · Notion page%s\n\n", context,
			page_archived(page) ? " (archived)" : "");
	const cJSON *properties = cJSON_GetObjectItemCaseSensitive(page, "properties");
	const cJSON *prop;
	cJSON_ArrayForEach (prop, (cJSON_IsObject(properties) ? properties : NULL)) {
		if (prop->string == NULL || is_type(prop, "title"))
			continue;
		char *text = property_text(prop, NOTION_PROP_BYTES);
		if (text == NULL)
			continue;
		char *name = provider_clean_text(prop->string, 0, 100);
		if (is_type(prop, "checkbox"))
			sb_addf(&sb, "- %s: %s\n", name,
				cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(prop, "checkbox"))
					? "✓ yes"
					: "✗ no");
		else
			sb_addf(&sb, "- %s: %s\n", name, text);
		free(name);
		free(text);
	}
	char *created = provider_date(json_string(page, "created_time"));
	char *edited = provider_date(json_string(page, "last_edited_time"));
	if (*created != '\0')
		sb_addf(&sb, "- Created %s · edited %s\n", created, edited);
	free(created);
	free(edited);
	return sb_detach(&sb);
}

static struct item *
page_item(struct remote *r, const cJSON *page, const char *context)
{
	const char *id = json_string(page, "id");
	char *title = page_title(page);
	struct item *item = provider_item_create(r, "page", id != NULL ? id : "", title);
	free(title);
	if (context != NULL)
		item_set(&item->subtitle, context);
	item_add_keyword(item, "page");
	const cJSON *properties = cJSON_GetObjectItemCaseSensitive(page, "properties");
	const cJSON *prop;
	cJSON_ArrayForEach (prop, (cJSON_IsObject(properties) ? properties : NULL)) {
		const char *type = json_string(prop, "type");
		const cJSON *v = type != NULL ? cJSON_GetObjectItemCaseSensitive(prop, type) : NULL;
		if (type == NULL || prop->string == NULL)
			continue;
		if (strcmp(type, "status") == 0 || strcmp(type, "select") == 0) {
			char *text = property_text(prop, 100);
			if (text != NULL) {
				item_add_accessory(
					item, strcmp(type, "status") == 0 ? ACC_STATUS : ACC_TAG,
					text);
				item_add_keyword(item, text);
			}
			free(text);
		} else if (strcmp(type, "multi_select") == 0) {
			const cJSON *opt;
			cJSON_ArrayForEach (opt, (cJSON_IsArray(v) ? v : NULL)) {
				char *name = provider_clean_text(json_string(opt, "name"), 0, 100);
				if (*name != '\0') {
					item_add_accessory(item, ACC_TAG, name);
					item_add_keyword(item, name);
				}
				free(name);
			}
		} else if (strcmp(type, "date") == 0 && json_string(v, "start") != NULL) {
			char *day = provider_date(json_string(v, "start"));
			item_add_accessory(item, ACC_DATE, day);
			free(day);
		} else if (strcmp(type, "checkbox") == 0 && cJSON_IsTrue(v)) {
			char *name = provider_clean_text(prop->string, 0, 100);
			char *text = xasprintf("✓ %s", name);
			item_add_accessory(item, ACC_TEXT, text);
			free(text);
			free(name);
		}
	}
	char *preview = page_preview(page, context);
	item_set(&item->preview, preview);
	free(preview);

	char *url = page_url(page);
	provider_item_add_url_actions(item, url);
	free(url);
	if (id != NULL) {
		item_add_action(item, ACTION_COPY, "copy-id", "Copy Page ID", id);
		if (!page_archived(page))
			provider_item_add_verb(item, r, "archive", "Archive Page", "pages archive",
					       id, 1, 1);
	}
	return item;
}

/* ---------------------------------------------------------- fetch pages */

static cJSON *
get_database(struct remote *r, char **cause)
{
	char *id = remote_id(r, cause);
	if (id == NULL)
		return NULL;
	char *path = id_path("/databases", id, NULL);
	cJSON *db = notion_call(r, "GET", path, NULL, cause);
	free(path);
	free(id);
	return db;
}

/*
 * The database's pages: its query with the view's filter and sorts (or
 * sorts, when given, instead of the view's).  A new array of pages.
 */
static cJSON *
query_database(struct remote *r, const cJSON *sorts, long limit, char **cause)
{
	char *id = remote_id(r, cause);
	if (id == NULL)
		return NULL;
	cJSON *body = cJSON_CreateObject();
	const cJSON *filter = cJSON_GetObjectItemCaseSensitive(r->conf, "filter");
	if (strcmp(r->type, "notion-view") == 0 && cJSON_IsObject(filter))
		cJSON_AddItemToObject(body, "filter", cJSON_Duplicate(filter, 1));
	if (sorts == NULL && strcmp(r->type, "notion-view") == 0)
		sorts = cJSON_GetObjectItemCaseSensitive(r->conf, "sorts");
	if (cJSON_IsArray(sorts))
		cJSON_AddItemToObject(body, "sorts", cJSON_Duplicate(sorts, 1));
	char *path = id_path("/databases", id, "/query");
	cJSON *pages = notion_list(r, "POST", path, body, limit, NULL, cause);
	free(path);
	cJSON_Delete(body);
	free(id);
	return pages;
}

static int
is_child_page(const cJSON *block, void *arg)
{
	(void)arg;
	return is_type(block, "child_page") && !page_archived(block);
}

/* The page remote's child pages, as pages: a new array. */
static cJSON *
child_pages(struct remote *r, long limit, char **cause)
{
	char *id = remote_id(r, cause);
	if (id == NULL)
		return NULL;
	char *path = id_path("/blocks", id, "/children");
	cJSON *blocks = notion_list(r, "GET", path, NULL, limit, is_child_page, cause);
	free(path);
	free(id);
	if (blocks == NULL)
		return NULL;
	cJSON *pages = cJSON_CreateArray();
	const cJSON *block;
	cJSON_ArrayForEach (block, blocks)
		cJSON_AddItemToArray(pages, page_from_block(block));
	cJSON_Delete(blocks);
	return pages;
}

/* The remote's pages: a database's (or view's) rows, or a page's children. */
static cJSON *
remote_pages(struct remote *r, long limit, char **cause)
{
	return is_page_remote(r) ? child_pages(r, limit, cause)
				 : query_database(r, NULL, limit, cause);
}

static cJSON *
get_page(struct remote *r, const char *id, char **cause)
{
	char *path = id_path("/pages", id, NULL);
	cJSON *page = notion_call(r, "GET", path, NULL, cause);
	free(path);
	return page;
}

static int
feed_pages(struct remote *r, struct item_list *out, char **cause)
{
	char *context = NULL;
	if (is_page_remote(r)) {
		char *id = remote_id(r, cause);
		cJSON *page = id != NULL ? get_page(r, id, cause) : NULL;
		free(id);
		if (page == NULL)
			return -1;
		context = page_title(page);
		item_list_push(out, page_item(r, page, "Notion page"));
		cJSON_Delete(page);
	} else {
		cJSON *db = get_database(r, cause);
		if (db == NULL)
			return -1;
		context = database_title(db);
		cJSON_Delete(db);
	}
	cJSON *pages = remote_pages(r, NOTION_FEED_LIMIT, cause);
	if (pages == NULL) {
		free(context);
		return -1;
	}
	const cJSON *page;
	cJSON_ArrayForEach (page, pages)
		item_list_push(out, page_item(r, page, context));
	cJSON_Delete(pages);
	free(context);
	return 0;
}

/* ---------------------------------------------------------------- verbs */

static void
rows_of(struct verb_output *out, const cJSON *pages)
{
	out->rows = cJSON_CreateArray();
	const cJSON *page;
	cJSON_ArrayForEach (page, pages)
		cJSON_AddItemToArray(out->rows, page_row(page));
}

static int
pages_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	long limit = provider_limit(call->args, 50, cause);
	if (limit == -1)
		return VERB_USAGE;
	cJSON *pages = remote_pages(call->remote, limit, cause);
	if (pages == NULL)
		return -1;
	rows_of(out, pages);
	cJSON_Delete(pages);
	return 0;
}

static int
pages_get_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	cJSON *page = get_page(call->remote, call->args->argv[0], cause);
	if (page == NULL)
		return -1;
	rows_of(out, NULL);
	cJSON_AddItemToArray(out->rows, page_row(page));
	char *preview = page_preview(page, NULL);
	char *url = page_url(page);
	out->text = xasprintf("%s\n%s\n", preview, url);
	free(url);
	free(preview);
	cJSON_Delete(page);
	return 0;
}

/* A rich-text array holding text, in runs of at most NOTION_TEXT_RUN characters. */
static cJSON *
text_runs(const char *text)
{
	cJSON *runs = cJSON_CreateArray();
	size_t len = strlen(text), start = 0, chars = 0;
	for (size_t i = 0; i <= len;) {
		if (i == len || chars == NOTION_TEXT_RUN) {
			if (i > start) {
				char *part = xstrndup(text + start, i - start);
				cJSON *run = cJSON_CreateObject();
				cJSON *t = cJSON_AddObjectToObject(run, "text");
				cJSON_AddStringToObject(t, "content", part);
				cJSON_AddItemToArray(runs, run);
				free(part);
			}
			start = i;
			chars = 0;
			if (i == len)
				break;
		}
		uint32_t cp;
		i += utf8_decode(text + i, len - i, &cp);
		chars++;
	}
	return runs;
}

static int
parse_bool(const char *s, int *out)
{
	static const char *const yes[] = {"true", "yes", "1", "on", "checked"};
	static const char *const no[] = {"false", "no", "0", "off", "unchecked", ""};
	for (size_t i = 0; i < nitems(yes); i++)
		if (strcasecmp(s, yes[i]) == 0)
			return *out = 1, 0;
	for (size_t i = 0; i < nitems(no); i++)
		if (strcasecmp(s, no[i]) == 0)
			return *out = 0, 0;
	return -1;
}

/* A property value of this type from text: a new JSON value, or NULL with *cause. */
static cJSON *
property_value(const char *name, const char *type, const char *text, char **cause)
{
	cJSON *v = NULL;
	if (strcmp(type, "rich_text") == 0 || strcmp(type, "title") == 0) {
		v = text_runs(text);
	} else if (strcmp(type, "status") == 0 || strcmp(type, "select") == 0) {
		v = cJSON_CreateObject();
		cJSON_AddStringToObject(v, "name", text);
	} else if (strcmp(type, "multi_select") == 0) {
		v = cJSON_CreateArray();
		struct strv names = STRV_INIT;
		strv_split(&names, text, ",");
		for (size_t i = 0; i < names.n; i++) {
			const char *n = names.v[i] + strspn(names.v[i], " ");
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "name", n);
			cJSON_AddItemToArray(v, o);
		}
		strv_free(&names);
	} else if (strcmp(type, "date") == 0) {
		v = cJSON_CreateObject();
		cJSON_AddStringToObject(v, "start", text);
	} else if (strcmp(type, "checkbox") == 0) {
		int b;
		if (parse_bool(text, &b) == -1) {
			set_cause(cause,
				  "property '%s' is a checkbox: give true or false, not '%s'", name,
				  text);
			return NULL;
		}
		v = cJSON_CreateBool(b);
	} else if (strcmp(type, "number") == 0) {
		char *end;
		double d = strtod(text, &end);
		if (*text == '\0' || *end != '\0') {
			set_cause(cause, "property '%s' is a number, not '%s'", name, text);
			return NULL;
		}
		v = cJSON_CreateNumber(d);
	} else if (strcmp(type, "url") == 0 || strcmp(type, "email") == 0 ||
		   strcmp(type, "phone_number") == 0) {
		v = cJSON_CreateString(text);
	} else {
		set_cause(cause, "property '%s' is of type %s, which chitty cannot set", name,
			  type);
		return NULL;
	}
	return v;
}

/* The schema's property called name (exactly, else ignoring case), or NULL. */
static const cJSON *
schema_property(const cJSON *schema, const char *name)
{
	const cJSON *prop = cJSON_GetObjectItemCaseSensitive(schema, name);
	return prop != NULL ? prop : cJSON_GetObjectItem(schema, name);
}

/* The date property a checkpoint is dated in: one named "Date", else the first. */
static const cJSON *
date_property(const cJSON *schema)
{
	const cJSON *date = NULL, *prop;
	cJSON_ArrayForEach (prop, (cJSON_IsObject(schema) ? schema : NULL)) {
		if (!is_type(prop, "date") || prop->string == NULL)
			continue;
		if (strcasecmp(prop->string, "date") == 0)
			return prop;
		if (date == NULL)
			date = prop;
	}
	return date;
}

/* Now in local time as ISO 8601 with the offset Notion takes: "2024-06-01T14:30:00+02:00". */
static char *
now_iso(void)
{
	char buf[64];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	size_t n = strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S%z", &tm);
	if (n < 5)
		return xstrdup(buf);
	/* strftime's +0200 is +02:00 in ISO 8601's extended form. */
	return xasprintf("%.*s:%s", (int)(n - 2), buf, buf + n - 2);
}

/*
 * The body of a new page titled title: under the page remote's page, or a
 * row of the database (whose schema is fetched) with the NAME=VALUE
 * properties in sets and, when dated, now in its date property.  A new
 * object, or NULL with *cause set (VERB_USAGE in *usage for a bad value).
 */
static cJSON *
new_page_body(struct remote *r, const char *title, const struct strv *sets, int dated, int *usage,
	      char **cause)
{
	*usage = 0;
	char *id = remote_id(r, cause);
	if (id == NULL)
		return NULL;
	cJSON *body = cJSON_CreateObject();
	cJSON *parent = cJSON_AddObjectToObject(body, "parent");
	cJSON *props = cJSON_AddObjectToObject(body, "properties");
	cJSON_AddStringToObject(parent, is_page_remote(r) ? "page_id" : "database_id", id);
	free(id);
	if (is_page_remote(r)) {
		if (sets->n > 0) {
			set_cause(cause, "pages under a page have a title only (no --set)");
			*usage = 1;
			cJSON_Delete(body);
			return NULL;
		}
		cJSON *t = cJSON_AddObjectToObject(props, "title");
		cJSON_AddItemToObject(t, "title", text_runs(title));
		return body;
	}
	cJSON *db = get_database(r, cause);
	if (db == NULL) {
		cJSON_Delete(body);
		return NULL;
	}
	const cJSON *schema = cJSON_GetObjectItemCaseSensitive(db, "properties");
	const char *title_name = NULL;
	title_property(schema, &title_name);
	if (title_name == NULL) {
		set_cause(cause, "Notion: the database has no title property");
		cJSON_Delete(db);
		cJSON_Delete(body);
		return NULL;
	}
	cJSON *t = cJSON_AddObjectToObject(props, title_name);
	cJSON_AddItemToObject(t, "title", text_runs(title));
	const cJSON *date = dated ? date_property(schema) : NULL;
	if (date != NULL) {
		char *now = now_iso();
		cJSON *d = cJSON_AddObjectToObject(props, date->string);
		cJSON *dv = cJSON_AddObjectToObject(d, "date");
		cJSON_AddStringToObject(dv, "start", now);
		free(now);
	}
	int rc = 0;
	for (size_t i = 0; i < sets->n && rc == 0; i++) {
		const char *eq = strchr(sets->v[i], '=');
		if (eq == NULL || eq == sets->v[i]) {
			set_cause(cause, "--set takes NAME=VALUE, not '%s'", sets->v[i]);
			*usage = 1;
			rc = -1;
			break;
		}
		char *name = xstrndup(sets->v[i], (size_t)(eq - sets->v[i]));
		const cJSON *prop = schema_property(schema, name);
		if (prop == NULL) {
			struct strv names = STRV_INIT;
			const cJSON *p;
			cJSON_ArrayForEach (p, schema)
				strv_push(&names, p->string);
			char *list = provider_name_list(&names, 10);
			set_cause(cause, "the database has no property '%s' (it has: %s)", name,
				  list);
			free(list);
			strv_free(&names);
			*usage = 1;
			rc = -1;
		} else {
			const char *type = json_string(prop, "type");
			cJSON *v = property_value(prop->string, type != NULL ? type : "?", eq + 1,
						  cause);
			if (v == NULL) {
				*usage = 1;
				rc = -1;
			} else {
				cJSON_DeleteItemFromObjectCaseSensitive(props, prop->string);
				cJSON *holder = cJSON_AddObjectToObject(props, prop->string);
				cJSON_AddItemToObject(holder, type, v);
			}
		}
		free(name);
	}
	cJSON_Delete(db);
	if (rc == -1) {
		cJSON_Delete(body);
		return NULL;
	}
	return body;
}

/* Create a page; a new page object, or NULL (VERB_USAGE in *status for bad values). */
static cJSON *
create_page(struct remote *r, const char *title, const struct strv *sets, int dated, int *status,
	    char **cause)
{
	int usage;
	cJSON *body = new_page_body(r, title, sets, dated, &usage, cause);
	*status = usage ? VERB_USAGE : -1;
	if (body == NULL)
		return NULL;
	cJSON *page = notion_call(r, "POST", "/pages", body, cause);
	cJSON_Delete(body);
	return page;
}

static int
pages_create_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const char *title = call->args->argv[0];
	if (*title == '\0') {
		set_cause(cause, "a page needs a title");
		return VERB_USAGE;
	}
	struct strv sets = STRV_INIT;
	args_get_all(call->args, "set", &sets);
	int status;
	cJSON *page = create_page(call->remote, title, &sets, 0, &status, cause);
	strv_free(&sets);
	if (page == NULL)
		return status;
	rows_of(out, NULL);
	cJSON *row = page_row(page);
	cJSON_AddItemToArray(out->rows, row);
	out->text =
		xasprintf("Created \"%s\": %s", json_string(row, "title"), json_string(row, "url"));
	cJSON_Delete(page);
	return 0;
}

static int
pages_archive_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	cJSON *body = cJSON_CreateObject();
	cJSON_AddBoolToObject(body, "archived", 1);
	char *path = id_path("/pages", call->args->argv[0], NULL);
	cJSON *page = notion_call(call->remote, "PATCH", path, body, cause);
	free(path);
	cJSON_Delete(body);
	if (page == NULL)
		return -1;
	rows_of(out, NULL);
	cJSON *row = page_row(page);
	cJSON_AddItemToArray(out->rows, row);
	out->text = xasprintf("Archived \"%s\"", json_string(row, "title"));
	cJSON_Delete(page);
	return 0;
}

static int
search_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	long limit = provider_limit(call->args, 20, cause);
	if (limit == -1)
		return VERB_USAGE;
	struct strv words = STRV_INIT;
	for (int i = 0; i < call->args->argc; i++)
		strv_push(&words, call->args->argv[i]);
	char *query = strv_join(&words, " ");
	strv_free(&words);
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "query", query);
	cJSON *filter = cJSON_AddObjectToObject(body, "filter");
	cJSON_AddStringToObject(filter, "property", "object");
	cJSON_AddStringToObject(filter, "value", "page");
	cJSON *sort = cJSON_AddObjectToObject(body, "sort");
	cJSON_AddStringToObject(sort, "timestamp", "last_edited_time");
	cJSON_AddStringToObject(sort, "direction", "descending");
	cJSON *pages = notion_list(call->remote, "POST", "/search", body, limit, NULL, cause);
	cJSON_Delete(body);
	free(query);
	if (pages == NULL)
		return -1;
	rows_of(out, pages);
	cJSON_Delete(pages);
	return 0;
}

/* -------------------------------------------------------------- tracker */

static cJSON *
checkpoint_row(const cJSON *page)
{
	cJSON *row = page_row(page);
	static const char *const drop[] = {"properties", "status", "archived"};
	for (size_t i = 0; i < nitems(drop); i++)
		cJSON_DeleteItemFromObjectCaseSensitive(row, drop[i]);
	return row;
}

static cJSON *
tracker_add(struct remote *r, const char *text, char **cause)
{
	struct strv none = STRV_INIT;
	int status;
	cJSON *page = create_page(r, text, &none, 1, &status, cause);
	if (page == NULL)
		return NULL;
	cJSON *row = checkpoint_row(page);
	cJSON_Delete(page);
	return row;
}

static int
newer_first(const void *a, const void *b)
{
	const char *x = json_string(*(const cJSON *const *)a, "created_at");
	const char *y = json_string(*(const cJSON *const *)b, "created_at");
	return strcmp(y != NULL ? y : "", x != NULL ? x : "");
}

static cJSON *
tracker_latest(struct remote *r, long n, char **cause)
{
	cJSON *pages;
	if (is_page_remote(r))
		pages = child_pages(r, 0, cause); /* the API cannot sort them: all, then sort */
	else {
		cJSON *sorts = cJSON_CreateArray();
		cJSON *by = cJSON_CreateObject();
		cJSON_AddStringToObject(by, "timestamp", "created_time");
		cJSON_AddStringToObject(by, "direction", "descending");
		cJSON_AddItemToArray(sorts, by);
		pages = query_database(r, sorts, n, cause);
		cJSON_Delete(sorts);
	}
	if (pages == NULL)
		return NULL;
	size_t count = (size_t)cJSON_GetArraySize(pages);
	cJSON **rows = xcalloc(count + 1, sizeof *rows);
	size_t k = 0;
	const cJSON *page;
	cJSON_ArrayForEach (page, pages)
		rows[k++] = checkpoint_row(page);
	qsort(rows, k, sizeof *rows, newer_first);
	cJSON *out = cJSON_CreateArray();
	for (size_t i = 0; i < k; i++) {
		if ((long)i < n)
			cJSON_AddItemToArray(out, rows[i]);
		else
			cJSON_Delete(rows[i]);
	}
	free(rows);
	cJSON_Delete(pages);
	return out;
}

static const struct provider_tracker notion_tracker = {
	.add = tracker_add,
	.latest = tracker_latest,
};

/* ---------------------------------------------------- test and web page */

static int
notion_test(struct remote *r, char **message, char **cause)
{
	if (is_page_remote(r)) {
		char *id = remote_id(r, cause);
		cJSON *page = id != NULL ? get_page(r, id, cause) : NULL;
		free(id);
		if (page == NULL)
			return -1;
		char *title = page_title(page);
		*message = xasprintf("Notion: connected to page \"%s\"", title);
		free(title);
		cJSON_Delete(page);
		return 0;
	}
	cJSON *db = get_database(r, cause);
	if (db == NULL)
		return -1;
	char *title = database_title(db);
	*message = xasprintf("Notion: connected to database \"%s\"%s", title,
			     strcmp(r->type, "notion-view") == 0 ? " (a view of it)" : "");
	free(title);
	cJSON_Delete(db);
	return 0;
}

static char *
notion_web_url(struct remote *r, char **cause)
{
	char *id = remote_id(r, cause);
	if (id == NULL)
		return NULL;
	char *url = web_url_of(id);
	free(id);
	return url;
}

static int
notion_validate(const cJSON *conf, const char *type, char **cause)
{
	(void)type;
	const cJSON *filter = cJSON_GetObjectItemCaseSensitive(conf, "filter");
	const cJSON *sorts = cJSON_GetObjectItemCaseSensitive(conf, "sorts");
	if (filter != NULL && !cJSON_IsObject(filter)) {
		set_cause(cause, "\"filter\" must be a JSON object (a Notion filter)");
		return -1;
	}
	if (sorts != NULL && !cJSON_IsArray(sorts)) {
		set_cause(cause, "\"sorts\" must be a JSON array (Notion sorts)");
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- table */

static const struct cmd_option limit_options[] = {
	{"limit", 'n', ARG_REQUIRED, "N", "at most N pages (default 50)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option search_options[] = {
	{"limit", 'n', ARG_REQUIRED, "N", "at most N pages (default 20)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option create_options[] = {
	{"set", 's', ARG_REQUIRED, "NAME=VALUE", "set a property of the new row (repeatable)"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct provider_column page_columns[] = {
	{"TITLE", "title"}, {"STATUS", "status"}, {"EDITED", "updated_at"},
	{"ID", "id"},       {NULL, NULL},
};

static const struct provider_verb pages_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "[--limit N]",
	.summary = "List the database's (or view's) pages, or a page's child pages",
	.options = limit_options,
	.args_max = 0,
	.columns = page_columns,
	.exec = pages_list_exec,
};
static const struct provider_verb pages_get = {
	.name = "get",
	.aliases = (const char *const[]){"show", "view", NULL},
	.usage = "ID",
	.summary = "Show a page's properties",
	.args_min = 1,
	.args_max = 1,
	.columns = page_columns,
	.exec = pages_get_exec,
};
static const struct provider_verb pages_create = {
	.name = "create",
	.aliases = (const char *const[]){"new", "add", NULL},
	.usage = "TITLE [--set NAME=VALUE]...",
	.summary = "Add a page (a database row, or a child page)",
	.options = create_options,
	.args_min = 1,
	.args_max = 1,
	.columns = page_columns,
	.exec = pages_create_exec,
};
static const struct provider_verb pages_archive = {
	.name = "archive",
	.aliases = (const char *const[]){"delete", "rm", NULL},
	.usage = "ID",
	.summary = "Archive a page (move it to the trash)",
	.args_min = 1,
	.args_max = 1,
	.columns = page_columns,
	.exec = pages_archive_exec,
};
static const struct provider_verb *const pages_verbs[] = {
	&pages_list, &pages_get, &pages_create, &pages_archive, NULL,
};
static const struct provider_resource pages_resource = {
	.name = "pages",
	.aliases = (const char *const[]){"page", NULL},
	.summary = "Pages of the remote's database, view or page",
	.verbs = pages_verbs,
};

static const struct provider_verb search_verb = {
	.name = "search",
	.usage = "[QUERY]... [--limit N]",
	.summary = "Search the pages the integration can see, by title",
	.options = search_options,
	.args_max = -1,
	.columns = page_columns,
	.exec = search_exec,
};
static const struct provider_resource search_resource = {
	.name = "search",
	.summary = "Search the workspace's pages",
	.run = &search_verb,
};

static const struct provider_resource *const notion_resources[] = {
	&pages_resource,
	&search_resource,
	NULL,
};

static const struct provider_feed notion_feeds[] = {
	{"pages", NULL, feed_pages},
	{NULL, NULL, NULL},
};

static const char *const notion_aliases[] = {NULL};
static const char *const notion_types[] = {"notion-database", "notion-page", "notion-view", NULL};

const struct provider notion_provider = {
	.name = "notion",
	.aliases = notion_aliases,
	.types = notion_types,
	.title = "Notion",
	.summary = "Notion pages, databases and views",
	.built = 1,
	.icon = "📝",
	.api_url = NOTION_API,
	.fields = notion_fields,
	.resources = notion_resources,
	.feeds = notion_feeds,
	.setup_api = notion_setup,
	.validate = notion_validate,
	.test = notion_test,
	.web_url = notion_web_url,
	.tracker = &notion_tracker,
};
