/*
 * The http tool: a fence in the .http / REST Client convention
 *
 *     # comments (# or //) before the request
 *     POST https://api.example.com/items?q={{query}} HTTP/1.1
 *     Content-Type: application/json
 *     Authorization: Bearer {{token}}
 *
 *     {"name": "{{name}}", "count": {{count}}}
 *
 * The request line is METHOD URL (the method defaults to GET, or POST when
 * there is a body; a trailing HTTP/x is ignored); lines starting with ? or
 * & continue the URL's query; header lines follow up to a blank line; the
 * rest is the body, up to a ### line.  Each part is filled with its own
 * substitution (exec-subst.h): the URL percent-encoded, headers refusing
 * line breaks, a JSON body JSON-escaped, a form body percent-encoded.  A
 * body that looks like JSON and has no Content-Type gets application/json.
 *
 * The request is performed with http_perform (TLS verified, bounded
 * timeouts and redirects) on a thread of its own, so the launcher keeps
 * drawing and can cancel.
 */
#ifndef CHITTY_EXEC_HTTP_H
#define CHITTY_EXEC_HTTP_H

#include <stddef.h>

#include "strv.h"

struct http_response;
struct subst_values;

struct http_fence {
	char *method;
	char *url;
	struct strv headers; /* "Name: value" */
	char *body;          /* NULL when there is none */
	size_t body_len;
};

/*
 * Parse text (conditionals resolved) and fill it with v.  0 with *fence
 * filled (clear it with http_fence_clear), or -1 with *cause set.
 */
int http_fence_build(const char *text, const struct subst_values *v, struct http_fence *fence,
		     char **cause);
void http_fence_clear(struct http_fence *fence);

struct http_task;

/* Perform fence (taken over, even on failure) on a new thread, with timeout_ms (0: 30 s). */
struct http_task *http_task_start(struct http_fence *fence, long timeout_ms, char **cause);
/* A descriptor that becomes readable when the request is over. */
int http_task_fd(const struct http_task *task);
/* 1 once the request is over. */
int http_task_done(struct http_task *task);
/*
 * Once done: the response (0; clear it with http_response_clear) or the
 * transport error (-1, *cause set).  Frees the task.
 */
int http_task_finish(struct http_task *task, struct http_response *resp, char **cause);
/* Give up on a task: it finishes (and frees itself) in the background. */
void http_task_abandon(struct http_task *task);

/* The body as the output view shows it: JSON pretty-printed, else as it is.  A new string. */
char *http_body_display(const struct http_response *resp);

#endif
