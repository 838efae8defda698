/*
 * HTTP over libcurl: the one place chitty talks to the network.
 *
 * http_perform does one request and waits for it.  TLS verification is
 * always on, only http and https are allowed (also across redirects), every
 * request carries "User-Agent: chitty/VERSION", and timeouts are bounded.
 * Error messages name the host, never the full URL (URLs can carry
 * credentials in their query).
 *
 * Concurrency: a session is one reused curl easy handle, used by one thread
 * at a time; its idle connections stay open, so the requests a remote makes
 * in a row (pages, retries) reuse one connection.  Remotes refresh in
 * parallel, one thread and one session each (remote-refresh.c).  We chose
 * threads over one curl multi loop because providers are then plain
 * sequential code (fetch a page, read its cursor, fetch the next) instead of
 * state machines, and a slow remote or a long cmd: secret cannot hold the
 * others up.  Sessions share one DNS cache and one TLS session cache (a
 * curl share handle with locks); the connection cache is not shared across
 * threads, which libcurl does not support safely.
 *
 * The pure parsers (Link header, Retry-After) are here too; retries, rate
 * limits, auth and pagination are the API client's (api.h).
 */
#ifndef CHITTY_HTTP_H
#define CHITTY_HTTP_H

#include <stddef.h>
#include <time.h>

#include "strv.h"

struct http_request {
	const char *method; /* NULL: GET (POST when body is set) */
	const char *url;
	const struct strv *headers; /* "Name: value" lines, or NULL */
	const char *body;           /* may hold NUL bytes; see body_len */
	size_t body_len;
	long timeout_ms;         /* whole transfer; 0: 30 s */
	long connect_timeout_ms; /* 0: 10 s */
	int max_redirects;       /* -1: none; 0: the default (5) */
	size_t max_body;         /* refuse larger responses; 0: 64 MiB */
};

/* Why a request got no response (to decide whether retrying is safe). */
enum http_failure {
	HTTP_OK,             /* a response arrived */
	HTTP_FAIL_CONNECT,   /* could not resolve or connect (refused): nothing was sent */
	HTTP_FAIL_TRANSFER,  /* the connection broke; the request may have been sent */
	HTTP_FAIL_TIMEOUT,   /* no complete answer in time */
	HTTP_FAIL_CANCELLED, /* the session's cancel flag was raised */
	HTTP_FAIL_REQUEST,   /* bad URL, response too large, …: retrying cannot help */
};

struct http_response {
	long status; /* 0 when no response arrived */
	enum http_failure failure;
	struct strv headers; /* of the final response: "name: value", name lowercased */
	char *body;          /* NUL-terminated; may contain NUL bytes */
	size_t body_len;
	char *effective_url; /* after redirects */
};

/* Call once before threads start using HTTP (curl_global_init). Idempotent. */
void http_global_init(void);

/*
 * Perform req and fill resp (cleared first).  Returns 0 when a response
 * arrived, whatever its status; -1 with *cause set for transport failures
 * ("cannot reach api.github.com: Connection refused").  Clear resp with
 * http_response_clear in either case.
 */
int http_perform(const struct http_request *req, struct http_response *resp, char **cause);
void http_response_clear(struct http_response *resp);

struct http_session;
/* A reusable handle for one thread's requests. */
struct http_session *http_session_create(void);
void http_session_free(struct http_session *s);
/*
 * Abort the session's transfers soon after *flag becomes non-zero (read
 * atomically; another thread may set it).  NULL: never.
 */
void http_session_set_cancel(struct http_session *s, const int *flag);
/* http_perform on this session's handle (keeps its connections alive). */
int http_session_perform(struct http_session *s, const struct http_request *req,
			 struct http_response *resp, char **cause);

/* The reason phrase of common HTTP statuses ("OK", "Not Found"), or NULL.  Pure. */
const char *http_status_text(long status);

/* A response header's value (case-insensitive name), borrowed, or NULL. */
const char *http_response_header(const struct http_response *resp, const char *name);

/* Percent-encode s for a URL component (RFC 3986 unreserved characters kept). */
char *http_url_encode(const char *s);

/* The host of url (for messages), a new string; "?" when it cannot be parsed. */
char *http_url_host(const char *url);

/*
 * The URL of the link with relation rel ("next") in a Link header
 * (`<https://…?page=2>; rel="next", <…>; rel="last"`): a new string, or
 * NULL when there is none.  Pure.
 */
char *http_link_rel(const char *link, const char *rel);

/*
 * Seconds to wait according to a Retry-After value: delay-seconds ("120")
 * or an HTTP date (then counted from now; a past date is 0).  -1 when the
 * value is neither.  Pure.
 */
long http_retry_after(const char *value, time_t now);

/* An HTTP date ("Sun, 06 Nov 1994 08:49:37 GMT" and the older forms), or -1. */
time_t http_parse_date(const char *value);

/* "chitty/VERSION" */
const char *http_user_agent(void);

#endif
