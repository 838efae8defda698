/* The http tool: parse and fill the fence, perform it off the caller's thread (exec-http.h). */
#include "build-config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "exec-http.h"
#include "exec-subst.h"
#include "http.h"
#include "jsonutil.h"
#include "strbuf.h"
#include "xmalloc.h"

static int
comment_line(const char *line)
{
	while (*line == ' ' || *line == '\t')
		line++;
	return *line == '#' || (line[0] == '/' && line[1] == '/');
}

static int
blank_line(const char *line)
{
	while (*line == ' ' || *line == '\t' || *line == '\r')
		line++;
	return *line == '\0';
}

/* Fill one part; -1 with *cause naming the line on failure. */
static char *
fill_part(const char *part, enum subst_syntax sx, const struct subst_values *v, int line,
	  char **cause)
{
	char *why = NULL;
	char *out = subst_fill(part, sx, v, &why);
	if (out == NULL) {
		set_cause(cause, "http fence line %d: %s", line, why);
		free(why);
	}
	return out;
}

static int
token_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && strchr("!#$%&'*+-.^_`|~", *s) == NULL)
			return 0;
	return 1;
}

static char *
rtrim(char *s)
{
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

int
http_fence_build(const char *text, const struct subst_values *v, struct http_fence *fence,
		 char **cause)
{
	memset(fence, 0, sizeof *fence);
	struct strv lines = STRV_INIT;
	for (const char *p = text; *p != '\0';) {
		size_t n = strcspn(p, "\n");
		strv_push_owned(&lines, xstrndup(p, n));
		p += n + (p[n] == '\n');
	}
	size_t i = 0;
	while (i < lines.n && (blank_line(lines.v[i]) || comment_line(lines.v[i])))
		i++;
	if (i >= lines.n) {
		set_cause(cause, "the http fence has no request line (METHOD URL)");
		strv_free(&lines);
		return -1;
	}
	int request_line = (int)i + 1;
	char *line = rtrim(lines.v[i++]);
	while (*line == ' ' || *line == '\t')
		line++;
	char *method = NULL;
	const char *url = line;
	size_t mlen = strcspn(line, " \t");
	if (line[mlen] != '\0') {
		method = xstrndup(line, mlen);
		url = line + mlen + strspn(line + mlen, " \t");
	}
	struct strbuf url_template = STRBUF_INIT;
	sb_add(&url_template, url);
	char *http_version = strstr(url_template.s, " HTTP/");
	if (http_version != NULL)
		sb_truncate(&url_template, (size_t)(http_version - url_template.s));
	for (; i < lines.n; i++) { /* ?a=1 / &b=2 continuation lines */
		const char *q = lines.v[i] + strspn(lines.v[i], " \t");
		if (*q != '?' && *q != '&')
			break;
		sb_add(&url_template, rtrim((char *)q));
	}
	int rc = -1;
	if (method != NULL) {
		fence->method = fill_part(method, SUBST_HEADER, v, request_line, cause);
		if (fence->method == NULL)
			goto out;
		if (!token_ok(fence->method)) {
			set_cause(cause, "http fence line %d: '%s' is not an HTTP method",
				  request_line, fence->method);
			goto out;
		}
	}
	fence->url = fill_part(sb_str(&url_template), SUBST_URL, v, request_line, cause);
	if (fence->url == NULL)
		goto out;

	const char *content_type = NULL;
	for (; i < lines.n && !blank_line(lines.v[i]); i++) {
		if (comment_line(lines.v[i]))
			continue;
		char *h = fill_part(rtrim(lines.v[i]), SUBST_HEADER, v, (int)i + 1, cause);
		if (h == NULL)
			goto out;
		char *colon = strchr(h, ':');
		if (colon != NULL)
			*colon = '\0';
		int ok = colon != NULL && token_ok(h);
		if (colon != NULL)
			*colon = ':';
		if (!ok) {
			set_cause(cause, "http fence line %d: not a header (Name: value): %s",
				  (int)i + 1, h);
			free(h);
			goto out;
		}
		strv_push_owned(&fence->headers, h);
		if (strncasecmp(h, "content-type:", 13) == 0)
			content_type = h + 13;
	}
	struct strbuf body = STRBUF_INIT;
	int body_line = (int)i + 2;
	for (i++; i < lines.n && strncmp(lines.v[i], "###", 3) != 0; i++)
		sb_addf(&body, "%s\n", lines.v[i]);
	while (body.len > 0 && isspace((unsigned char)body.s[body.len - 1]))
		sb_truncate(&body, body.len - 1);
	if (body.len > 0) {
		const char *first = body.s + strspn(body.s, " \t\n");
		enum subst_syntax sx = SUBST_TEXT;
		if (content_type != NULL && strstr(content_type, "json") != NULL)
			sx = SUBST_JSON;
		else if (content_type != NULL &&
			 strstr(content_type, "x-www-form-urlencoded") != NULL)
			sx = SUBST_FORM;
		else if (content_type == NULL && (*first == '{' || *first == '[')) {
			sx = SUBST_JSON;
			strv_push(&fence->headers, "Content-Type: application/json");
		}
		fence->body = fill_part(body.s, sx, v, body_line, cause);
		if (fence->body == NULL) {
			sb_free(&body);
			goto out;
		}
		fence->body_len = strlen(fence->body);
	}
	sb_free(&body);
	if (fence->method == NULL)
		fence->method = xstrdup(fence->body != NULL ? "POST" : "GET");
	rc = 0;
out:
	free(method);
	sb_free(&url_template);
	strv_free(&lines);
	if (rc != 0)
		http_fence_clear(fence);
	return rc;
}

void
http_fence_clear(struct http_fence *fence)
{
	free(fence->method);
	free(fence->url);
	strv_free(&fence->headers);
	free(fence->body);
	memset(fence, 0, sizeof *fence);
}

struct http_task {
	pthread_mutex_t lock;
	pthread_t thread;
	int done, abandoned;
	int wake[2];
	struct http_fence fence;
	struct http_request req;
	struct http_response resp;
	char *cause;
	int rc;
};

static void
task_free(struct http_task *t)
{
	http_fence_clear(&t->fence);
	http_response_clear(&t->resp);
	free(t->cause);
	close(t->wake[0]);
	close(t->wake[1]);
	pthread_mutex_destroy(&t->lock);
	free(t);
}

static void *
task_run(void *arg)
{
	struct http_task *t = arg;
	t->rc = http_perform(&t->req, &t->resp, &t->cause);
	pthread_mutex_lock(&t->lock);
	t->done = 1;
	int abandoned = t->abandoned;
	if (!abandoned) {
		ssize_t w = write(t->wake[1], "x", 1);
		(void)w;
	}
	pthread_mutex_unlock(&t->lock);
	if (abandoned)
		task_free(t);
	return NULL;
}

struct http_task *
http_task_start(struct http_fence *fence, long timeout_ms, char **cause)
{
	http_global_init();
	struct http_task *t = xcalloc(1, sizeof *t);
	t->fence = *fence;
	memset(fence, 0, sizeof *fence);
	pthread_mutex_init(&t->lock, NULL);
	t->wake[0] = t->wake[1] = -1;
	if (pipe(t->wake) != 0) {
		set_cause(cause, "cannot start the request: %s", strerror(errno));
		task_free(t);
		return NULL;
	}
	fcntl(t->wake[0], F_SETFD, FD_CLOEXEC);
	fcntl(t->wake[1], F_SETFD, FD_CLOEXEC);
	t->req.method = t->fence.method;
	t->req.url = t->fence.url;
	t->req.headers = &t->fence.headers;
	t->req.body = t->fence.body;
	t->req.body_len = t->fence.body_len;
	t->req.timeout_ms = timeout_ms;
	int e = pthread_create(&t->thread, NULL, task_run, t);
	if (e != 0) {
		set_cause(cause, "cannot start the request: %s", strerror(e));
		task_free(t);
		return NULL;
	}
	return t;
}

int
http_task_fd(const struct http_task *task)
{
	return task->wake[0];
}

int
http_task_done(struct http_task *task)
{
	pthread_mutex_lock(&task->lock);
	int done = task->done;
	pthread_mutex_unlock(&task->lock);
	return done;
}

int
http_task_finish(struct http_task *task, struct http_response *resp, char **cause)
{
	pthread_join(task->thread, NULL);
	int rc = task->rc;
	*resp = task->resp;
	memset(&task->resp, 0, sizeof task->resp);
	if (rc != 0)
		set_cause(cause, "%s", task->cause != NULL ? task->cause : "the request failed");
	task_free(task);
	return rc;
}

void
http_task_abandon(struct http_task *task)
{
	pthread_t thread = task->thread; /* once unlocked, the thread may free task */
	pthread_mutex_lock(&task->lock);
	int done = task->done;
	task->abandoned = !done;
	pthread_mutex_unlock(&task->lock);
	if (done) {
		pthread_join(thread, NULL);
		task_free(task);
	} else
		pthread_detach(thread);
}

char *
http_body_display(const struct http_response *resp)
{
	const char *type = http_response_header(resp, "content-type");
	const char *first = resp->body != NULL ? resp->body + strspn(resp->body, " \t\r\n") : "";
	if ((type != NULL && strstr(type, "json") != NULL) || *first == '{' || *first == '[') {
		cJSON *json = cJSON_ParseWithLength(resp->body, resp->body_len);
		if (json != NULL) {
			char *pretty = json_pretty(json);
			cJSON_Delete(json);
			return pretty;
		}
	}
	return xstrdup(resp->body != NULL ? resp->body : "");
}
