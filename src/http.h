/*
 * HTTP over libcurl: the one place chitty talks to the network.
 *
 * http_perform does one request and waits for it.  TLS verification is
 * always on, only http and https are allowed (also across redirects), every
 * request carries "User-Agent: chitty/VERSION", and timeouts are bounded.
 * Error messages name the host, never the full URL (URLs can carry
 * credentials in their query).
 *
 * The remotes module builds concurrent transfers, retries, rate limits and
 * pagination on top of this.
 */
#ifndef CHITTY_HTTP_H
#define CHITTY_HTTP_H

#include <stddef.h>

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

struct http_response {
	long status;         /* 0 when no response arrived */
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

/* A response header's value (case-insensitive name), borrowed, or NULL. */
const char *http_response_header(const struct http_response *resp, const char *name);

/* Percent-encode s for a URL component (RFC 3986 unreserved characters kept). */
char *http_url_encode(const char *s);

/* The host of url (for messages), a new string; "?" when it cannot be parsed. */
char *http_url_host(const char *url);

/* "chitty/VERSION" */
const char *http_user_agent(void);

#endif
