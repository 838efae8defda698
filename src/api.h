/*
 * The API client: how providers talk to web APIs, on one HTTP session
 * (http.h).  It owns what every API has in common, so a provider only says
 * what differs:
 *
 *   base URL     the provider's, or the remote's apiUrl; request paths are
 *                appended to it.  An absolute URL (a Link header's next page)
 *                must be on the base URL's scheme, host and port, so
 *                credentials never go to another host.
 *   headers      added to every request (auth, Accept, API versions).
 *   JSON         request bodies from cJSON, responses parsed (or kept raw).
 *   errors       a check function (the provider's, or api_check_default)
 *                judges each response, 2xx or not: errors inside HTTP 200
 *                (GraphQL, Cloudflare's envelope) are errors too.  Every
 *                failure becomes one line: "GitHub: Bad credentials (HTTP 401)".
 *   retries      5xx, timeouts and broken transfers are retried with
 *                exponential backoff and jitter, at most API_MAX_ATTEMPTS
 *                times in all, and only when repeating the request is safe
 *                (the request is idempotent).  A refused connection or a
 *                host name that does not resolve fails at once: offline, a
 *                retry a second later fails the same way.
 *   rate limits  HTTP 429 and whatever the check calls rate limited wait for
 *                Retry-After (seconds or an HTTP date) or the reset time
 *                (x-ratelimit-reset), at most max_wait seconds; a longer
 *                wait fails at once, saying when to try again.
 *   pagination   api_list_all follows every style the providers need: Link
 *                header, cursor in the body (sent back in the query or the
 *                body), page numbers, GraphQL pageInfo.
 *   secrets      values given to api_client_add_secret are masked in every
 *                message the client produces (and api_client_scrub masks
 *                them in any other text).
 *
 * A client belongs to one thread at a time.
 */
#ifndef CHITTY_API_H
#define CHITTY_API_H

#include <stddef.h>

#include "http.h"
#include "strv.h"

struct cJSON;

#define API_MAX_ATTEMPTS   4
#define API_MAX_PAGES      200
#define API_DEFAULT_WAIT_S 30L

enum api_verdict {
	API_VERDICT_OK,
	API_VERDICT_ERROR,        /* fail with the message */
	API_VERDICT_RATE_LIMITED, /* wait (Retry-After, reset headers) and repeat */
	API_VERDICT_RETRY,        /* a server-side failure: back off and repeat when safe */
};

/*
 * Judge a response: its status and headers (resp) and its body parsed as
 * JSON (NULL when empty or not JSON).  For anything but OK, *message may get
 * the API's own words (a new string, without the service name or status:
 * "Bad credentials").
 */
typedef enum api_verdict (*api_check_fn)(const struct http_response *resp, const struct cJSON *body,
					 char **message);

/*
 * The common judgement: 2xx is OK unless the body is a GraphQL response with
 * errors; 429 and GraphQL RATE_LIMITED/RATELIMITED errors are rate limits;
 * 5xx retries; anything else is an error, in api_error_text's words.
 */
enum api_verdict api_check_default(const struct http_response *resp, const struct cJSON *body,
				   char **message);

/*
 * The message in an error body, in the common shapes: {"message"} (GitHub,
 * Notion, Neon) with GitHub's validation "errors" details; {"errors":
 * [{"message", "type"|"extensions":{"code"}}]} (GraphQL); {"errors":[{"code",
 * "message"}]} (Cloudflare); {"error":{"message"}} and {"error":"…"}.
 * A new string, or NULL.  Pure.
 */
char *api_error_text(const struct cJSON *body);

struct api_client;

/* service names the API in messages ("GitHub"); base_url is its root. */
struct api_client *api_client_create(const char *service, const char *base_url);
void api_client_free(struct api_client *c);
/* A header for every request: "Authorization: Bearer …". */
void api_client_add_header(struct api_client *c, const char *header);
/* A secret to mask in every message (ignored when NULL or empty). */
void api_client_add_secret(struct api_client *c, const char *secret);
void api_client_set_check(struct api_client *c, api_check_fn check);
/* The longest rate-limit wait accepted, in seconds (default API_DEFAULT_WAIT_S). */
void api_client_set_max_wait(struct api_client *c, long seconds);
/* Stop waiting and abort transfers when *flag becomes non-zero. */
void api_client_set_cancel(struct api_client *c, const int *flag);
const char *api_client_service(const struct api_client *c);
const char *api_client_base_url(const struct api_client *c);
/* text with the client's secrets masked: a new string (NULL for NULL). */
char *api_client_scrub(const struct api_client *c, const char *text);

struct api_request {
	const char *method;         /* NULL: GET, or POST when there is a body */
	const char *path;           /* appended to the base URL, or an absolute URL */
	const struct strv *query;   /* "name=value", already encoded (api_query_add) */
	const struct cJSON *json;   /* a JSON body */
	const char *body;           /* or a raw body of body_len bytes … */
	size_t body_len;            /* … */
	const char *content_type;   /* … of this type (NULL: application/octet-stream) */
	const struct strv *headers; /* extra headers for this request only */
	int raw;                    /* keep a 2xx body as bytes (an error's is still
				     * read as JSON for its message) */
	int idempotent;             /* safe to repeat (GET, HEAD, PUT, DELETE always are) */
};

struct api_response {
	long status;
	struct cJSON *json; /* the body as JSON, or NULL (empty, raw, not JSON) */
	struct http_response http;
};

/*
 * Perform req with retries and rate-limit waits.  0 when the check says OK;
 * -1 with *cause set otherwise (res still holds the last response, for
 * callers that look closer, e.g. at a GraphQL error's type).  Clear res with
 * api_response_clear in either case.
 */
int api_request(struct api_client *c, const struct api_request *req, struct api_response *res,
		char **cause);
void api_response_clear(struct api_response *res);
/*
 * api_request for callers that only want the response's JSON: a new cJSON
 * (an empty object for an empty body, such as a 204's), or NULL with *cause set.
 */
struct cJSON *api_request_json(struct api_client *c, const struct api_request *req, char **cause);

/* Push "name=value" with value percent-encoded. */
void api_query_add(struct strv *query, const char *name, const char *value);

/*
 * A GraphQL request: POST {"query", "variables"} to path (NULL: the base URL
 * itself).  Errors inside HTTP 200 fail like any other (-1, *cause set).
 * Queries are repeated when safe; mutations (is_mutation) are not.
 */
int api_graphql(struct api_client *c, const char *path, const char *query,
		const struct cJSON *variables, int is_mutation, struct api_response *res,
		char **cause);

enum api_paging {
	API_PAGING_NONE,    /* one request */
	API_PAGING_LINK,    /* Link: <…>; rel="next" (GitHub REST, Sentry) */
	API_PAGING_CURSOR,  /* the next cursor in the body, sent back as a query
			     * parameter (GET) or a body field (POST): Notion,
			     * Cloudflare cursors, Neon, Slack, Todoist */
	API_PAGING_PAGE,    /* page=1, 2, … (Cloudflare result_info, Netlify) */
	API_PAGING_GRAPHQL, /* pageInfo{hasNextPage endCursor} and an $after
			     * variable (Linear, GitHub GraphQL) */
};

struct api_list {
	struct api_request request; /* the first page (GRAPHQL: json is {query, variables}) */
	const char *items;          /* path to the array in a page (json_path); NULL: the body */
	enum api_paging paging;
	const char *per_page_param; /* "per_page", "page_size", "limit" (query, or body for POST) */
	long per_page;              /* its value; 0: not sent */
	/* CURSOR */
	const char *cursor_param; /* what carries the cursor back: "start_cursor", "cursor" */
	const char *cursor_path;  /* where the next one is: "next_cursor", "result_info.cursor" */
	const char *more_path;    /* a boolean "more" ("has_more"); NULL: a non-empty cursor */
	/* PAGE */
	const char *page_param;       /* "page" */
	const char *total_pages_path; /* "result_info.total_pages"; NULL: stop at a short page */
	/* GRAPHQL */
	const char *page_info_path;  /* "data.viewer.issues.pageInfo" */
	const char *cursor_variable; /* "after" */

	long limit; /* stop after this many kept items; 0: all of them */
	/* Drop items (pull requests from a GitHub issue list); NULL keeps all. */
	int (*keep)(const struct cJSON *item, void *arg);
	void *keep_arg;
};

/*
 * Every item of every page, into a new JSON array; NULL with *cause set.
 * Stops after API_MAX_PAGES pages, when a cursor repeats, or at limit.
 */
struct cJSON *api_list_all(struct api_client *c, const struct api_list *list, char **cause);

#endif
