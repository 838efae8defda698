#include "build-config.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <curl/curl.h>

#include "curl-dl.h"
#include "http.h"
#include "strbuf.h"
#include "xmalloc.h"

#define HTTP_DEFAULT_TIMEOUT_MS 30000L
#define HTTP_DEFAULT_CONNECT_MS 10000L
#define HTTP_DEFAULT_REDIRECTS  5L
#define HTTP_DEFAULT_MAX_BODY   (64u << 20)

static pthread_once_t http_once = PTHREAD_ONCE_INIT;

/* One DNS cache and one TLS session cache for every session (see http.h). */
static CURLSH *http_share;
static pthread_mutex_t http_share_locks[CURL_LOCK_DATA_LAST];

static void
share_lock(CURL *handle, curl_lock_data data, curl_lock_access access, void *arg)
{
	(void)handle, (void)access, (void)arg;
	if ((int)data >= 0 && data < CURL_LOCK_DATA_LAST)
		pthread_mutex_lock(&http_share_locks[data]);
}

static void
share_unlock(CURL *handle, curl_lock_data data, void *arg)
{
	(void)handle, (void)arg;
	if ((int)data >= 0 && data < CURL_LOCK_DATA_LAST)
		pthread_mutex_unlock(&http_share_locks[data]);
}

static void
http_init_once(void)
{
	curl_global_init(CURL_GLOBAL_DEFAULT);
	for (size_t i = 0; i < CURL_LOCK_DATA_LAST; i++)
		pthread_mutex_init(&http_share_locks[i], NULL);
	http_share = curl_share_init();
	if (http_share != NULL) {
		curl_share_setopt(http_share, CURLSHOPT_LOCKFUNC, share_lock);
		curl_share_setopt(http_share, CURLSHOPT_UNLOCKFUNC, share_unlock);
		curl_share_setopt(http_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_DNS);
		curl_share_setopt(http_share, CURLSHOPT_SHARE, CURL_LOCK_DATA_SSL_SESSION);
	}
}

void
http_global_init(void)
{
	pthread_once(&http_once, http_init_once);
}

const char *
http_user_agent(void)
{
	return "chitty/" PACKAGE_VERSION;
}

struct body_sink {
	struct strbuf *sb;
	size_t max;
	int too_big;
};

static size_t
on_body(char *data, size_t size, size_t nmemb, void *arg)
{
	struct body_sink *sink = arg;
	size_t len = size * nmemb;
	if (sink->sb->len + len > sink->max) {
		sink->too_big = 1;
		return 0; /* makes curl fail with CURLE_WRITE_ERROR */
	}
	sb_addn(sink->sb, data, len);
	return len;
}

static size_t
on_header(char *data, size_t size, size_t nmemb, void *arg)
{
	struct strv *headers = arg;
	size_t len = size * nmemb;
	/* A new status line starts a new response (redirects, 100-continue):
	 * keep only the final response's headers. */
	if (len >= 5 && strncmp(data, "HTTP/", 5) == 0) {
		strv_free(headers);
		return len;
	}
	const char *colon = memchr(data, ':', len);
	if (colon == NULL)
		return len;
	size_t name_len = (size_t)(colon - data);
	const char *value = colon + 1;
	const char *end = data + len;
	while (value < end && (*value == ' ' || *value == '\t'))
		value++;
	while (end > value && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' '))
		end--;
	char *line = xasprintf("%.*s: %.*s", (int)name_len, data, (int)(end - value), value);
	for (size_t i = 0; i < name_len; i++)
		line[i] = (char)tolower((unsigned char)line[i]);
	strv_push_owned(headers, line);
	return len;
}

char *
http_url_host(const char *url)
{
	char *host = NULL;
	CURLU *u = curl_url();
	if (u != NULL && curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK) {
		char *h = NULL;
		if (curl_url_get(u, CURLUPART_HOST, &h, 0) == CURLUE_OK && h != NULL) {
			host = xstrdup(h);
			curl_free(h);
		}
	}
	curl_url_cleanup(u);
	return host != NULL ? host : xstrdup("?");
}

struct http_session {
	CURL *curl;
	const int *cancel;
};

struct http_session *
http_session_create(void)
{
	http_global_init();
	struct http_session *s = xcalloc(1, sizeof *s);
	s->curl = curl_easy_init();
	return s;
}

void
http_session_free(struct http_session *s)
{
	if (s == NULL)
		return;
	if (s->curl != NULL)
		curl_easy_cleanup(s->curl);
	free(s);
}

void
http_session_set_cancel(struct http_session *s, const int *flag)
{
	s->cancel = flag;
}

static int
on_progress(void *arg, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow)
{
	(void)dltotal, (void)dlnow, (void)ultotal, (void)ulnow;
	const int *cancel = arg;
	return cancel != NULL && __atomic_load_n(cancel, __ATOMIC_RELAXED) != 0;
}

static enum http_failure
failure_of(CURLcode rc)
{
	switch (rc) {
	case CURLE_COULDNT_RESOLVE_HOST:
	case CURLE_COULDNT_RESOLVE_PROXY:
	case CURLE_COULDNT_CONNECT:
		return HTTP_FAIL_CONNECT;
	case CURLE_OPERATION_TIMEDOUT:
		return HTTP_FAIL_TIMEOUT;
	case CURLE_ABORTED_BY_CALLBACK:
		return HTTP_FAIL_CANCELLED;
	case CURLE_URL_MALFORMAT:
	case CURLE_UNSUPPORTED_PROTOCOL:
	case CURLE_WRITE_ERROR:
	case CURLE_TOO_MANY_REDIRECTS:
	case CURLE_PEER_FAILED_VERIFICATION:
	case CURLE_SSL_CACERT_BADFILE:
		return HTTP_FAIL_REQUEST;
	default:
		return HTTP_FAIL_TRANSFER;
	}
}

int
http_session_perform(struct http_session *s, const struct http_request *req,
		     struct http_response *resp, char **cause)
{
	memset(resp, 0, sizeof *resp);
	CURL *curl = s->curl;
	if (curl == NULL) {
		resp->failure = HTTP_FAIL_REQUEST;
		const char *why = curl_dl_error();
		set_cause(cause, "cannot start an HTTP request%s%s", why != NULL ? ": " : "",
			  why != NULL ? why : "");
		return -1;
	}
	/* Options start afresh; the connection cache survives the reset. */
	curl_easy_reset(curl);
	struct strbuf body = STRBUF_INIT;
	struct body_sink sink = {&body, req->max_body ? req->max_body : HTTP_DEFAULT_MAX_BODY, 0};
	struct curl_slist *headers = NULL;
	char errbuf[CURL_ERROR_SIZE] = "";

	const char *method = req->method != NULL ? req->method : (req->body ? "POST" : "GET");
	curl_easy_setopt(curl, CURLOPT_URL, req->url);
	curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, method);
	if (strcmp(method, "HEAD") == 0)
		curl_easy_setopt(curl, CURLOPT_NOBODY, 1L);
	if (req->body != NULL) {
		curl_easy_setopt(curl, CURLOPT_POSTFIELDS, req->body);
		curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)req->body_len);
	}
	for (size_t i = 0; req->headers != NULL && i < req->headers->n; i++)
		headers = curl_slist_append(headers, req->headers->v[i]);
	if (req->body != NULL)
		headers = curl_slist_append(headers, "Expect:"); /* no 100-continue round trip */
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
	curl_easy_setopt(curl, CURLOPT_USERAGENT, http_user_agent());
	curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, ""); /* whatever curl can decode */
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS,
			 req->timeout_ms > 0 ? req->timeout_ms : HTTP_DEFAULT_TIMEOUT_MS);
	curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS,
			 req->connect_timeout_ms > 0 ? req->connect_timeout_ms
						     : HTTP_DEFAULT_CONNECT_MS);
	if (req->max_redirects >= 0) {
		curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(curl, CURLOPT_MAXREDIRS,
				 req->max_redirects > 0 ? (long)req->max_redirects
							: HTTP_DEFAULT_REDIRECTS);
	}
	curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(curl, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
	if (http_share != NULL)
		curl_easy_setopt(curl, CURLOPT_SHARE, http_share);
	curl_easy_setopt(curl, CURLOPT_NOPROGRESS, 0L);
	curl_easy_setopt(curl, CURLOPT_XFERINFOFUNCTION, on_progress);
	curl_easy_setopt(curl, CURLOPT_XFERINFODATA, s->cancel);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &resp->headers);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, errbuf);

	CURLcode rc = curl_easy_perform(curl);
	int result = 0;
	if (rc != CURLE_OK) {
		char *host = http_url_host(req->url);
		resp->failure = sink.too_big ? HTTP_FAIL_REQUEST : failure_of(rc);
		if (sink.too_big)
			set_cause(cause, "%s: response larger than %zu bytes", host, sink.max);
		else if (rc == CURLE_OPERATION_TIMEDOUT)
			set_cause(cause, "%s: timed out", host);
		else if (rc == CURLE_ABORTED_BY_CALLBACK)
			set_cause(cause, "%s: cancelled", host);
		else if (rc == CURLE_URL_MALFORMAT || rc == CURLE_UNSUPPORTED_PROTOCOL)
			set_cause(cause, "invalid URL (only http and https are allowed)");
		else
			set_cause(cause, "cannot reach %s: %s", host, curl_easy_strerror(rc));
		free(host);
		result = -1;
	}
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &resp->status);
	if (result == -1)
		resp->status = 0;
	char *effective = NULL;
	curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &effective);
	resp->effective_url = xstrdup_or_null(effective);
	resp->body_len = body.len;
	resp->body = sb_detach(&body);
	curl_slist_free_all(headers);
	/* The handle must not keep pointers into this call's stack. */
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, NULL);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
	return result;
}

int
http_perform(const struct http_request *req, struct http_response *resp, char **cause)
{
	struct http_session *s = http_session_create();
	int rc = http_session_perform(s, req, resp, cause);
	http_session_free(s);
	return rc;
}

void
http_response_clear(struct http_response *resp)
{
	strv_free(&resp->headers);
	free(resp->body);
	free(resp->effective_url);
	memset(resp, 0, sizeof *resp);
}

const char *
http_status_text(long status)
{
	static const struct {
		long status;
		const char *text;
	} texts[] = {
		{200, "OK"},
		{201, "Created"},
		{202, "Accepted"},
		{204, "No Content"},
		{301, "Moved Permanently"},
		{302, "Found"},
		{304, "Not Modified"},
		{307, "Temporary Redirect"},
		{308, "Permanent Redirect"},
		{400, "Bad Request"},
		{401, "Unauthorized"},
		{403, "Forbidden"},
		{404, "Not Found"},
		{405, "Method Not Allowed"},
		{409, "Conflict"},
		{410, "Gone"},
		{422, "Unprocessable Entity"},
		{429, "Too Many Requests"},
		{500, "Internal Server Error"},
		{502, "Bad Gateway"},
		{503, "Service Unavailable"},
		{504, "Gateway Timeout"},
	};
	for (size_t i = 0; i < nitems(texts); i++)
		if (texts[i].status == status)
			return texts[i].text;
	return NULL;
}

const char *
http_response_header(const struct http_response *resp, const char *name)
{
	size_t len = strlen(name);
	for (size_t i = 0; i < resp->headers.n; i++) {
		const char *h = resp->headers.v[i];
		if (strncasecmp(h, name, len) == 0 && h[len] == ':')
			return h + len + 2;
	}
	return NULL;
}

char *
http_url_encode(const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	struct strbuf sb = STRBUF_INIT;
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~')
			sb_addc(&sb, (char)*p);
		else {
			char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
			sb_addn(&sb, esc, 3);
		}
	}
	return sb_detach(&sb);
}

/* 1 when the space-separated list value[0..len) holds rel. */
static int
rel_listed(const char *value, size_t len, const char *rel)
{
	size_t rel_len = strlen(rel);
	const char *p = value, *end = value + len;
	while (p < end) {
		while (p < end && *p == ' ')
			p++;
		const char *w = p;
		while (p < end && *p != ' ')
			p++;
		if ((size_t)(p - w) == rel_len && strncasecmp(w, rel, rel_len) == 0)
			return 1;
	}
	return 0;
}

char *
http_link_rel(const char *link, const char *rel)
{
	const char *p = link;
	for (;;) {
		const char *lt = strchr(p, '<');
		const char *gt = lt != NULL ? strchr(lt + 1, '>') : NULL;
		if (gt == NULL)
			return NULL;
		int match = 0;
		const char *q = gt + 1;
		/* Parameters: ; name[=value|="quoted"] … up to the next ",". */
		while (*q != '\0' && *q != ',') {
			if (*q != ';') {
				q++;
				continue;
			}
			q++;
			while (*q == ' ')
				q++;
			const char *name = q;
			while (*q != '\0' && *q != '=' && *q != ';' && *q != ',' && *q != ' ')
				q++;
			size_t name_len = (size_t)(q - name);
			while (*q == ' ')
				q++;
			if (*q != '=')
				continue;
			q++;
			while (*q == ' ')
				q++;
			const char *value;
			size_t value_len;
			if (*q == '"') {
				value = ++q;
				while (*q != '\0' && *q != '"')
					q++;
				value_len = (size_t)(q - value);
				if (*q == '"')
					q++;
			} else {
				value = q;
				while (*q != '\0' && *q != ';' && *q != ',' && *q != ' ')
					q++;
				value_len = (size_t)(q - value);
			}
			if (name_len == 3 && strncasecmp(name, "rel", 3) == 0 &&
			    rel_listed(value, value_len, rel))
				match = 1;
		}
		if (match)
			return xstrndup(lt + 1, (size_t)(gt - lt - 1));
		if (*q == '\0')
			return NULL;
		p = q + 1;
	}
}

time_t
http_parse_date(const char *value)
{
	time_t t = curl_getdate(value, NULL);
	return t;
}

long
http_retry_after(const char *value, time_t now)
{
	if (value == NULL)
		return -1;
	while (*value == ' ')
		value++;
	if (*value >= '0' && *value <= '9') {
		char *end;
		long n = strtol(value, &end, 10);
		while (*end == ' ')
			end++;
		return *end == '\0' && n >= 0 ? n : -1;
	}
	time_t at = http_parse_date(value);
	if (at == (time_t)-1)
		return -1;
	return at > now ? (long)(at - now) : 0;
}
