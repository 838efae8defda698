#include "build-config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <cjson/cJSON.h>
#include <curl/curl.h>

#include "api.h"
#include "jsonutil.h"
#include "secret.h"
#include "strbuf.h"
#include "xmalloc.h"

#define API_BACKOFF_BASE_MS 250L
#define API_BACKOFF_MAX_MS  8000L
#define API_MAX_RATE_WAITS  3

struct api_client {
	char *service;
	char *base_url;
	struct strv headers;
	struct strv secrets;
	api_check_fn check;
	long max_wait;
	const int *cancel;
	struct http_session *session;
	unsigned int seed;
};

/* One GraphQL or Cloudflare-style error: "message (CODE)". */
static void
add_error_entry(struct strbuf *sb, const cJSON *e)
{
	const char *msg = json_string(e, "message");
	if (msg == NULL)
		msg = json_path_string(e, "extensions.userPresentableMessage");
	if (msg == NULL)
		return;
	if (sb->len > 0)
		sb_add(sb, "; ");
	sb_add(sb, msg);
	const char *code = json_string(e, "type");
	if (code == NULL)
		code = json_path_string(e, "extensions.code");
	const cJSON *num = cJSON_GetObjectItemCaseSensitive(e, "code");
	if (code != NULL)
		sb_addf(sb, " (%s)", code);
	else if (cJSON_IsNumber(num))
		sb_addf(sb, " (%d)", num->valueint);
}

char *
api_error_text(const cJSON *body)
{
	if (!cJSON_IsObject(body))
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	const char *message = json_string(body, "message");
	const cJSON *errors = cJSON_GetObjectItemCaseSensitive(body, "errors");
	if (message != NULL) {
		sb_add(&sb, message);
		/* GitHub's validation details: [{"resource","field","code"}]. */
		int first = 1;
		const cJSON *e;
		cJSON_ArrayForEach (e, (cJSON_IsArray(errors) ? errors : NULL)) {
			const char *field = json_string(e, "field");
			const char *code = json_string(e, "code");
			const char *detail = json_string(e, "message");
			if (field == NULL && code == NULL && detail == NULL)
				continue;
			sb_add(&sb, first ? ": " : ", ");
			first = 0;
			if (detail != NULL)
				sb_add(&sb, detail);
			else
				sb_addf(&sb, "%s%s%s", field ? field : "", field && code ? " " : "",
					code ? code : "");
		}
		return sb_detach(&sb);
	}
	const cJSON *e;
	cJSON_ArrayForEach (e, (cJSON_IsArray(errors) ? errors : NULL))
		add_error_entry(&sb, e);
	if (sb.len > 0)
		return sb_detach(&sb);
	const cJSON *error = cJSON_GetObjectItemCaseSensitive(body, "error");
	if (cJSON_IsString(error))
		sb_add(&sb, error->valuestring);
	else if (cJSON_IsObject(error))
		add_error_entry(&sb, error);
	if (sb.len > 0)
		return sb_detach(&sb);
	sb_free(&sb);
	return NULL;
}

/* A GraphQL response: an object with "data" or "errors" (and nothing REST-like). */
static int
graphql_errors(const cJSON *body, int *rate_limited)
{
	const cJSON *errors = cJSON_GetObjectItemCaseSensitive(body, "errors");
	if (!cJSON_IsArray(errors) || cJSON_GetArraySize(errors) == 0 ||
	    json_string(body, "message") != NULL || cJSON_HasObjectItem(body, "success"))
		return 0;
	const cJSON *e;
	cJSON_ArrayForEach (e, errors) {
		const char *type = json_string(e, "type");
		const char *code = json_path_string(e, "extensions.code");
		if ((type != NULL && strcasecmp(type, "RATE_LIMITED") == 0) ||
		    (code != NULL && strcasecmp(code, "RATELIMITED") == 0))
			*rate_limited = 1;
	}
	return 1;
}

enum api_verdict
api_check_default(const struct http_response *resp, const cJSON *body, char **message)
{
	int rate_limited = 0;
	int gql = graphql_errors(body, &rate_limited);
	if (resp->status >= 200 && resp->status < 300 && !gql)
		return API_VERDICT_OK;
	*message = api_error_text(body);
	if (rate_limited || resp->status == 429)
		return API_VERDICT_RATE_LIMITED;
	if (resp->status >= 500)
		return API_VERDICT_RETRY;
	return API_VERDICT_ERROR;
}

struct api_client *
api_client_create(const char *service, const char *base_url)
{
	struct api_client *c = xcalloc(1, sizeof *c);
	c->service = xstrdup(service);
	c->base_url = xstrdup(base_url);
	size_t len = strlen(c->base_url);
	while (len > 0 && c->base_url[len - 1] == '/')
		c->base_url[--len] = '\0';
	c->check = api_check_default;
	c->max_wait = API_DEFAULT_WAIT_S;
	c->session = http_session_create();
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	c->seed = (unsigned int)(ts.tv_nsec ^ (uintptr_t)c);
	return c;
}

void
api_client_free(struct api_client *c)
{
	if (c == NULL)
		return;
	http_session_free(c->session);
	free(c->service);
	free(c->base_url);
	strv_free(&c->headers);
	strv_free(&c->secrets);
	free(c);
}

void
api_client_add_header(struct api_client *c, const char *header)
{
	strv_push(&c->headers, header);
}

void
api_client_add_secret(struct api_client *c, const char *secret)
{
	if (secret != NULL && *secret != '\0' && !strv_contains(&c->secrets, secret))
		strv_push(&c->secrets, secret);
}

void
api_client_set_check(struct api_client *c, api_check_fn check)
{
	c->check = check != NULL ? check : api_check_default;
}

void
api_client_set_max_wait(struct api_client *c, long seconds)
{
	c->max_wait = seconds;
}

void
api_client_set_cancel(struct api_client *c, const int *flag)
{
	c->cancel = flag;
	http_session_set_cancel(c->session, flag);
}

const char *
api_client_service(const struct api_client *c)
{
	return c->service;
}

const char *
api_client_base_url(const struct api_client *c)
{
	return c->base_url;
}

char *
api_client_scrub(const struct api_client *c, const char *text)
{
	return secret_scrub(text, &c->secrets);
}

void
api_query_add(struct strv *query, const char *name, const char *value)
{
	char *enc = http_url_encode(value);
	strv_push_owned(query, xasprintf("%s=%s", name, enc));
	free(enc);
}

static int
cancelled(const struct api_client *c)
{
	return c->cancel != NULL && __atomic_load_n(c->cancel, __ATOMIC_RELAXED) != 0;
}

/* Sleep ms milliseconds in slices, returning early (-1) when cancelled. */
static int
nap(const struct api_client *c, long ms)
{
	while (ms > 0) {
		if (cancelled(c))
			return -1;
		long slice = ms > 100 ? 100 : ms;
		struct timespec ts = {slice / 1000, (slice % 1000) * 1000000L};
		nanosleep(&ts, NULL);
		ms -= slice;
	}
	return cancelled(c) ? -1 : 0;
}

static long
backoff_ms(struct api_client *c, int attempt)
{
	long base = API_BACKOFF_BASE_MS << (attempt - 1 < 10 ? attempt - 1 : 10);
	if (base > API_BACKOFF_MAX_MS)
		base = API_BACKOFF_MAX_MS;
	return base + (long)(rand_r(&c->seed) % (unsigned int)(base / 2 + 1));
}

/* Scheme, host and port of url ("https://api.github.com:443"), or NULL. */
static char *
origin_of(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *origin = NULL;
	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK)
		origin = xasprintf("%s://%s:%s", scheme, host, port);
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return origin;
}

static int
is_absolute(const char *path)
{
	return strncasecmp(path, "http://", 7) == 0 || strncasecmp(path, "https://", 8) == 0;
}

static char *
build_url(const struct api_client *c, const struct api_request *req, char **cause)
{
	struct strbuf sb = STRBUF_INIT;
	const char *path = req->path != NULL ? req->path : "";
	if (is_absolute(path)) {
		char *a = origin_of(path), *b = origin_of(c->base_url);
		int same = a != NULL && b != NULL && strcasecmp(a, b) == 0;
		free(a);
		free(b);
		if (!same) {
			set_cause(cause, "%s: refusing to follow a link to another host",
				  c->service);
			return NULL;
		}
		sb_add(&sb, path);
	} else {
		sb_add(&sb, c->base_url);
		if (*path != '\0' && *path != '/')
			sb_addc(&sb, '/');
		sb_add(&sb, path);
	}
	for (size_t i = 0; req->query != NULL && i < req->query->n; i++) {
		sb_addc(&sb, strchr(sb_str(&sb), '?') == NULL ? '?' : '&');
		sb_add(&sb, req->query->v[i]);
	}
	return sb_detach(&sb);
}

static int
method_idempotent(const char *method)
{
	return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0 ||
	       strcmp(method, "PUT") == 0 || strcmp(method, "DELETE") == 0 ||
	       strcmp(method, "OPTIONS") == 0;
}

static long
header_long(const struct http_response *resp, const char *name, long fallback)
{
	const char *v = http_response_header(resp, name);
	if (v == NULL)
		return fallback;
	char *end;
	long n = strtol(v, &end, 10);
	return end != v ? n : fallback;
}

/*
 * Seconds a rate-limited response asks us to wait: Retry-After, else the
 * reset time of an exhausted quota (GitHub's x-ratelimit-reset, epoch
 * seconds; Linear's x-ratelimit-requests-reset, epoch milliseconds); -1
 * when it does not say.
 */
static long
rate_limit_wait(const struct http_response *resp, time_t now)
{
	long after = http_retry_after(http_response_header(resp, "retry-after"), now);
	if (after >= 0)
		return after;
	static const char *const resets[] = {"x-ratelimit-reset", "x-ratelimit-requests-reset"};
	for (size_t i = 0; i < nitems(resets); i++) {
		long reset = header_long(resp, resets[i], -1);
		if (reset <= 0)
			continue;
		if (reset > 100000000000L) /* milliseconds */
			reset /= 1000;
		return reset > now ? reset - now : 0;
	}
	return -1;
}

static char *
format_wait(long seconds)
{
	if (seconds < 120)
		return xasprintf("%ld s", seconds);
	if (seconds < 2 * 3600)
		return xasprintf("%ld min", (seconds + 59) / 60);
	return xasprintf("%ld h", (seconds + 1799) / 3600);
}

/* "GitHub: MESSAGE (HTTP 401)" or, inside a 200, "GitHub: MESSAGE". */
static char *
error_line(const struct api_client *c, long status, const char *message)
{
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "%s: ", c->service);
	if (message != NULL && *message != '\0')
		sb_add(&sb, message);
	else if (http_status_text(status) != NULL)
		sb_add(&sb, http_status_text(status));
	else
		sb_add(&sb, "request failed");
	if (status < 200 || status >= 300)
		sb_addf(&sb, " (HTTP %ld)", status);
	char *line = sb_detach(&sb);
	/* One line, whatever the API said. */
	for (char *p = line; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	char *scrubbed = secret_scrub(line, &c->secrets);
	free(line);
	return scrubbed;
}

static void fail(const struct api_client *c, char **cause, const char *fmt, ...) printflike(3, 4);

static void
fail(const struct api_client *c, char **cause, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	if (cause != NULL)
		*cause = secret_scrub(text, &c->secrets);
	free(text);
}

void
api_response_clear(struct api_response *res)
{
	cJSON_Delete(res->json);
	http_response_clear(&res->http);
	memset(res, 0, sizeof *res);
}

int
api_request(struct api_client *c, const struct api_request *req, struct api_response *res,
	    char **cause)
{
	memset(res, 0, sizeof *res);
	char *url = build_url(c, req, cause);
	if (url == NULL)
		return -1;

	struct strv headers = STRV_INIT;
	strv_copy(&headers, &c->headers);
	for (size_t i = 0; req->headers != NULL && i < req->headers->n; i++)
		strv_push(&headers, req->headers->v[i]);
	char *json_body = NULL;
	struct http_request hreq = {.url = url, .headers = &headers};
	if (req->json != NULL) {
		json_body = cJSON_PrintUnformatted(req->json);
		hreq.body = json_body;
		hreq.body_len = strlen(json_body);
		strv_push(&headers, "Content-Type: application/json");
	} else if (req->body != NULL) {
		hreq.body = req->body;
		hreq.body_len = req->body_len;
		strv_push_owned(&headers,
				xasprintf("Content-Type: %s",
					  req->content_type != NULL ? req->content_type
								    : "application/octet-stream"));
	}
	const char *method =
		req->method != NULL ? req->method : (hreq.body != NULL ? "POST" : "GET");
	hreq.method = method;
	int idempotent = req->idempotent || method_idempotent(method);

	int rc = -1, rate_waits = 0;
	for (int attempt = 1;; attempt++) {
		if (cancelled(c)) {
			fail(c, cause, "%s: cancelled", c->service);
			break;
		}
		api_response_clear(res);
		char *why = NULL;
		if (http_session_perform(c->session, &hreq, &res->http, &why) == -1) {
			enum http_failure f = res->http.failure;
			/*
			 * A refused connection or a name that does not resolve
			 * fails the same way a second later (offline, wrong
			 * host): no backoff, as gh does.  A broken or slow
			 * transfer may be a passing fault.
			 */
			int again =
				idempotent && (f == HTTP_FAIL_TRANSFER || f == HTTP_FAIL_TIMEOUT);
			if (again && attempt < API_MAX_ATTEMPTS &&
			    nap(c, backoff_ms(c, attempt)) == 0) {
				free(why);
				continue;
			}
			if (attempt > 1 && f != HTTP_FAIL_CANCELLED)
				fail(c, cause, "%s: %s (%d attempts)", c->service, why, attempt);
			else
				fail(c, cause, "%s: %s", c->service, why);
			free(why);
			break;
		}
		res->status = res->http.status;
		if (res->http.body_len > 0 &&
		    (!req->raw || res->status < 200 || res->status >= 300))
			res->json = cJSON_ParseWithLength(res->http.body, res->http.body_len);

		char *message = NULL;
		enum api_verdict verdict = c->check(&res->http, res->json, &message);
		if (verdict == API_VERDICT_OK && !req->raw && res->http.body_len > 0 &&
		    res->json == NULL && res->status != 204) {
			verdict = API_VERDICT_ERROR;
			message = xstrdup("the response is not valid JSON");
		}
		if (verdict == API_VERDICT_OK) {
			free(message);
			rc = 0;
			break;
		}
		if (verdict == API_VERDICT_RATE_LIMITED) {
			long wait = rate_limit_wait(&res->http, time(NULL));
			if (wait < 0)
				wait = (backoff_ms(c, rate_waits + 3) + 999) / 1000;
			if (rate_waits < API_MAX_RATE_WAITS && wait <= c->max_wait &&
			    nap(c, wait * 1000L + 50) == 0) {
				rate_waits++;
				attempt--; /* waiting out a limit is not a failed attempt */
				free(message);
				continue;
			}
			char *line = error_line(c, res->status,
						message != NULL ? message : "rate limit exceeded");
			char *when = format_wait(wait);
			fail(c, cause, "%s; try again in %s", line, when);
			free(when);
			free(line);
			free(message);
			break;
		}
		if (verdict == API_VERDICT_RETRY && idempotent && attempt < API_MAX_ATTEMPTS) {
			long wait = rate_limit_wait(&res->http, time(NULL));
			long ms = wait >= 0 && wait <= c->max_wait ? wait * 1000L
								   : backoff_ms(c, attempt);
			if (nap(c, ms) == 0) {
				free(message);
				continue;
			}
		}
		char *line = error_line(c, res->status, message);
		if (verdict == API_VERDICT_RETRY && attempt > 1)
			fail(c, cause, "%s after %d attempts", line, attempt);
		else
			fail(c, cause, "%s", line);
		free(line);
		free(message);
		break;
	}
	free(json_body);
	strv_free(&headers);
	free(url);
	return rc;
}

cJSON *
api_request_json(struct api_client *c, const struct api_request *req, char **cause)
{
	struct api_response res;
	cJSON *json = NULL;
	if (api_request(c, req, &res, cause) == 0) {
		json = res.json != NULL ? res.json : cJSON_CreateObject();
		res.json = NULL;
	}
	api_response_clear(&res);
	return json;
}

int
api_graphql(struct api_client *c, const char *path, const char *query, const cJSON *variables,
	    int is_mutation, struct api_response *res, char **cause)
{
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "query", query);
	cJSON_AddItemToObject(body, "variables",
			      variables != NULL ? cJSON_Duplicate(variables, 1)
						: cJSON_CreateObject());
	struct api_request req = {
		.method = "POST",
		.path = path,
		.json = body,
		.idempotent = !is_mutation,
	};
	int rc = api_request(c, &req, res, cause);
	cJSON_Delete(body);
	return rc;
}

/* Set (or replace) a member of a JSON object. */
static void
json_set(cJSON *obj, const char *key, cJSON *value)
{
	if (cJSON_HasObjectItem(obj, key))
		cJSON_ReplaceItemInObjectCaseSensitive(obj, key, value);
	else
		cJSON_AddItemToObject(obj, key, value);
}

/* A cursor as text: strings as they are, numbers printed (Vercel's "next"). */
static char *
cursor_text(const cJSON *v)
{
	if (cJSON_IsString(v) && *v->valuestring != '\0')
		return xstrdup(v->valuestring);
	if (cJSON_IsNumber(v))
		return xasprintf("%.0f", v->valuedouble);
	return NULL;
}

/* Push the kept items of one page; 1 when the limit is reached. */
static int
take_items(const struct api_list *list, cJSON *page_items, cJSON *out, long *count)
{
	cJSON *item = page_items->child;
	while (item != NULL) {
		cJSON *next = item->next;
		if (list->limit > 0 && *count >= list->limit)
			return 1;
		if (list->keep == NULL || list->keep(item, list->keep_arg)) {
			cJSON_AddItemToArray(out, cJSON_DetachItemViaPointer(page_items, item));
			(*count)++;
		}
		item = next;
	}
	return list->limit > 0 && *count >= list->limit;
}

cJSON *
api_list_all(struct api_client *c, const struct api_list *list, char **cause)
{
	cJSON *out = cJSON_CreateArray();
	struct api_request req = list->request;
	const char *method = req.method != NULL ? req.method : (req.json != NULL ? "POST" : "GET");
	int in_body = strcmp(method, "GET") != 0 && list->paging != API_PAGING_GRAPHQL;
	cJSON *body = req.json != NULL ? cJSON_Duplicate(req.json, 1) : NULL;
	if (in_body && body == NULL)
		body = cJSON_CreateObject();
	if (list->paging == API_PAGING_GRAPHQL && body != NULL &&
	    !cJSON_IsObject(cJSON_GetObjectItemCaseSensitive(body, "variables")))
		json_set(body, "variables", cJSON_CreateObject());
	req.json = body;
	req.idempotent = 1; /* listing reads */

	char *next_url = NULL, *cursor = NULL;
	long count = 0, page = 1;
	struct strv seen = STRV_INIT;
	int ok = 1;
	for (int n = 0; n < API_MAX_PAGES; n++) {
		struct strv query = STRV_INIT;
		for (size_t i = 0; list->request.query != NULL && i < list->request.query->n; i++)
			strv_push(&query, list->request.query->v[i]);
		char per_page[32];
		snprintf(per_page, sizeof per_page, "%ld", list->per_page);
		if (list->per_page > 0 && list->per_page_param != NULL && next_url == NULL) {
			if (in_body)
				json_set(body, list->per_page_param,
					 cJSON_CreateNumber((double)list->per_page));
			else
				api_query_add(&query, list->per_page_param, per_page);
		}
		if (list->paging == API_PAGING_PAGE && list->page_param != NULL) {
			char num[32];
			snprintf(num, sizeof num, "%ld", page);
			api_query_add(&query, list->page_param, num);
		}
		if (list->paging == API_PAGING_CURSOR && cursor != NULL) {
			if (in_body)
				json_set(body, list->cursor_param, cJSON_CreateString(cursor));
			else
				api_query_add(&query, list->cursor_param, cursor);
		}
		if (list->paging == API_PAGING_GRAPHQL && cursor != NULL)
			json_set(cJSON_GetObjectItemCaseSensitive(body, "variables"),
				 list->cursor_variable, cJSON_CreateString(cursor));
		req.query = next_url != NULL ? NULL : &query;
		req.path = next_url != NULL ? next_url : list->request.path;

		struct api_response res;
		int rc = api_request(c, &req, &res, cause);
		strv_free(&query);
		if (rc == -1) {
			api_response_clear(&res);
			ok = 0;
			break;
		}
		cJSON *items =
			list->items != NULL ? (cJSON *)json_path(res.json, list->items) : res.json;
		if (!cJSON_IsArray(items)) {
			fail(c, cause, "%s: unexpected response (no list of %s)", c->service,
			     list->items != NULL ? list->items : "items");
			api_response_clear(&res);
			ok = 0;
			break;
		}
		int page_size = cJSON_GetArraySize(items);
		int full = take_items(list, items, out, &count);

		int more = 0;
		free(next_url);
		next_url = NULL;
		char *next_cursor = NULL;
		switch (list->paging) {
		case API_PAGING_NONE:
			break;
		case API_PAGING_LINK: {
			const char *link = http_response_header(&res.http, "link");
			next_url = link != NULL ? http_link_rel(link, "next") : NULL;
			more = next_url != NULL;
			break;
		}
		case API_PAGING_CURSOR:
			next_cursor = cursor_text(json_path(res.json, list->cursor_path));
			more = next_cursor != NULL;
			if (list->more_path != NULL) {
				const cJSON *m = json_path(res.json, list->more_path);
				more = more && cJSON_IsTrue(m);
			}
			break;
		case API_PAGING_PAGE: {
			const cJSON *total = list->total_pages_path != NULL
						     ? json_path(res.json, list->total_pages_path)
						     : NULL;
			if (cJSON_IsNumber(total))
				more = page < (long)total->valuedouble;
			else
				more = page_size > 0 && list->per_page > 0 &&
				       page_size >= list->per_page;
			page++;
			break;
		}
		case API_PAGING_GRAPHQL: {
			const cJSON *info = json_path(res.json, list->page_info_path);
			more = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(info, "hasNextPage"));
			next_cursor =
				cursor_text(cJSON_GetObjectItemCaseSensitive(info, "endCursor"));
			more = more && next_cursor != NULL;
			break;
		}
		}
		api_response_clear(&res);
		/* A server that hands back a cursor it gave before would loop forever. */
		if (next_cursor != NULL && strv_contains(&seen, next_cursor))
			more = 0;
		if (next_url != NULL && strv_contains(&seen, next_url))
			more = 0;
		if (next_cursor != NULL)
			strv_push(&seen, next_cursor);
		if (next_url != NULL)
			strv_push(&seen, next_url);
		free(cursor);
		cursor = next_cursor;
		if (full || !more || page_size == 0)
			break;
	}
	free(next_url);
	free(cursor);
	strv_free(&seen);
	cJSON_Delete(body);
	if (!ok) {
		cJSON_Delete(out);
		return NULL;
	}
	return out;
}
