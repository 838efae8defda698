/* The script SDK's channel: parsing requests, formatting replies, buffered I/O (sdk.h). */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "exec-proc.h"
#include "sdk.h"
#include "strbuf.h"
#include "strv.h"
#include "utf8.h"
#include "xmalloc.h"

#ifndef MSG_NOSIGNAL
#define MSG_NOSIGNAL 0 /* macOS: SO_NOSIGPIPE is set on the socket instead */
#endif

static const struct {
	enum sdk_type type;
	const char *name;
	int prompts;
} types[] = {
	{SDK_ARG, "arg", 1},
	{SDK_DIV, "div", 1},
	{SDK_EDITOR, "editor", 1},
	{SDK_OPEN, "open", 0},
	{SDK_COPY, "copy", 0},
	{SDK_NOTIFY, "notify", 0},
	{SDK_GET_PREFERENCE, "getPreference", 0},
	{SDK_ENV, "env", 1},
};

const char *
sdk_type_name(enum sdk_type type)
{
	for (size_t i = 0; i < nitems(types); i++)
		if (types[i].type == type)
			return types[i].name;
	return "?";
}

int
sdk_type_prompts(enum sdk_type type)
{
	for (size_t i = 0; i < nitems(types); i++)
		if (types[i].type == type)
			return types[i].prompts;
	return 0;
}

/* Parsing */

void
sdk_request_clear(struct sdk_request *req)
{
	free(req->text);
	free(req->hint);
	for (size_t i = 0; i < req->n_choices; i++) {
		free(req->choices[i].name);
		free(req->choices[i].description);
		free(req->choices[i].preview);
	}
	free(req->choices);
	memset(req, 0, sizeof *req);
}

void
sdk_request_copy(struct sdk_request *dst, const struct sdk_request *src)
{
	*dst = *src;
	dst->text = xstrdup_or_null(src->text);
	dst->hint = xstrdup_or_null(src->hint);
	dst->choices = xcalloc(src->n_choices + 1, sizeof *dst->choices);
	for (size_t i = 0; i < src->n_choices; i++) {
		dst->choices[i].name = xstrdup_or_null(src->choices[i].name);
		dst->choices[i].description = xstrdup_or_null(src->choices[i].description);
		dst->choices[i].preview = xstrdup_or_null(src->choices[i].preview);
	}
}

/*
 * The string member key of obj into *out (a new string): 0, or -1 with
 * *cause set when it is missing (and required), not a string, or not
 * valid UTF-8.  A missing optional member leaves *out NULL.
 */
static int
string_field(const cJSON *obj, const char *where, const char *key, int required, char **out,
	     char **cause)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = NULL;
	if (v == NULL || cJSON_IsNull(v)) {
		if (!required)
			return 0;
		set_cause(cause, "%s: '%s' is missing", where, key);
		return -1;
	}
	if (!cJSON_IsString(v)) {
		set_cause(cause, "%s: '%s' must be a string", where, key);
		return -1;
	}
	if (!utf8_valid(v->valuestring, strlen(v->valuestring))) {
		set_cause(cause, "%s: '%s' is not valid UTF-8", where, key);
		return -1;
	}
	*out = xstrdup(v->valuestring);
	return 0;
}

static int
bool_field(const cJSON *obj, const char *where, const char *key, int fallback, int *out,
	   char **cause)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
	*out = fallback;
	if (v == NULL || cJSON_IsNull(v))
		return 0;
	if (!cJSON_IsBool(v)) {
		set_cause(cause, "%s: '%s' must be true or false", where, key);
		return -1;
	}
	*out = cJSON_IsTrue(v);
	return 0;
}

static int
parse_choices(const cJSON *list, struct sdk_request *req, char **cause)
{
	if (!cJSON_IsArray(list)) {
		set_cause(cause, "arg: 'choices' must be an array");
		return -1;
	}
	size_t n = (size_t)cJSON_GetArraySize(list);
	req->choices = xcalloc(n + 1, sizeof *req->choices);
	const cJSON *c;
	cJSON_ArrayForEach (c, list) {
		char where[64];
		snprintf(where, sizeof where, "arg: choice %zu", req->n_choices + 1);
		if (!cJSON_IsObject(c)) {
			set_cause(cause, "%s is not an object", where);
			return -1;
		}
		struct sdk_choice *ch = &req->choices[req->n_choices++];
		if (string_field(c, where, "name", 1, &ch->name, cause) != 0 ||
		    string_field(c, where, "description", 0, &ch->description, cause) != 0 ||
		    string_field(c, where, "preview", 0, &ch->preview, cause) != 0)
			return -1;
	}
	req->has_choices = 1;
	return 0;
}

static int
parse_fields(const cJSON *o, struct sdk_request *req, char **cause)
{
	const char *where = sdk_type_name(req->type);
	switch (req->type) {
	case SDK_ARG: {
		if (string_field(o, where, "placeholder", 0, &req->text, cause) != 0 ||
		    string_field(o, where, "hint", 0, &req->hint, cause) != 0 ||
		    bool_field(o, where, "strict", 1, &req->strict, cause) != 0)
			return -1;
		const cJSON *choices = cJSON_GetObjectItemCaseSensitive(o, "choices");
		if (choices != NULL && !cJSON_IsNull(choices) &&
		    parse_choices(choices, req, cause) != 0)
			return -1;
		break;
	}
	case SDK_DIV:
		if (string_field(o, where, "html", 0, &req->text, cause) != 0)
			return -1;
		break;
	case SDK_EDITOR:
	case SDK_COPY:
		if (string_field(o, where, "text", 0, &req->text, cause) != 0)
			return -1;
		break;
	case SDK_NOTIFY:
		if (string_field(o, where, "text", 1, &req->text, cause) != 0)
			return -1;
		break;
	case SDK_OPEN:
		if (string_field(o, where, "target", 1, &req->text, cause) != 0)
			return -1;
		if (req->text[strspn(req->text, " \t\r\n")] == '\0') {
			set_cause(cause, "open: the target is empty");
			return -1;
		}
		break;
	case SDK_GET_PREFERENCE:
	case SDK_ENV:
		if (string_field(o, where, "name", 1, &req->text, cause) != 0)
			return -1;
		if (*req->text == '\0') {
			set_cause(cause, "%s: the name is empty", where);
			return -1;
		}
		if (req->type == SDK_ENV &&
		    (bool_field(o, where, "secret", 0, &req->secret, cause) != 0 ||
		     string_field(o, where, "placeholder", 0, &req->hint, cause) != 0))
			return -1;
		break;
	}
	if (req->text == NULL)
		req->text = xstrdup("");
	return 0;
}

int
sdk_parse_request(const char *line, size_t len, struct sdk_request *req, long long *id,
		  char **cause)
{
	memset(req, 0, sizeof *req);
	*id = 0;
	if (memchr(line, '\0', len) != NULL) {
		set_cause(cause, "the line holds a NUL byte");
		return -1;
	}
	const char *end = NULL;
	cJSON *o = cJSON_ParseWithLengthOpts(line, len, &end, 0);
	if (o == NULL) {
		set_cause(cause, "not JSON: %.40s%s", line, len > 40 ? "…" : "");
		return -1;
	}
	while (end != NULL && end < line + len && strchr(" \t\r", *end) != NULL)
		end++;
	if (end != line + len) {
		set_cause(cause, "text after the JSON object");
		cJSON_Delete(o);
		return -1;
	}
	if (!cJSON_IsObject(o)) {
		set_cause(cause, "not a JSON object");
		cJSON_Delete(o);
		return -1;
	}
	const cJSON *jid = cJSON_GetObjectItemCaseSensitive(o, "id");
	if (!cJSON_IsNumber(jid) || !(jid->valuedouble >= 1) || !(jid->valuedouble <= SDK_MAX_ID) ||
	    floor(jid->valuedouble) != jid->valuedouble) {
		set_cause(cause, "'id' must be a whole number from 1 to 2^53");
		cJSON_Delete(o);
		return -1;
	}
	*id = (long long)jid->valuedouble;
	req->id = *id;
	const char *type = NULL;
	const cJSON *jtype = cJSON_GetObjectItemCaseSensitive(o, "type");
	if (cJSON_IsString(jtype))
		type = jtype->valuestring;
	int found = 0;
	for (size_t i = 0; type != NULL && i < nitems(types); i++)
		if (strcmp(types[i].name, type) == 0) {
			req->type = types[i].type;
			found = 1;
		}
	int rc = 0;
	if (type == NULL) {
		set_cause(cause, "'type' must be a string");
		rc = -1;
	} else if (!found) {
		char *shown = utf8_valid(type, strlen(type)) ? utf8_clip(type, 40, NULL)
							     : xstrdup("(not UTF-8)");
		set_cause(cause, "unknown request type '%s'", shown);
		free(shown);
		rc = -1;
	} else
		rc = parse_fields(o, req, cause);
	cJSON_Delete(o);
	if (rc != 0)
		sdk_request_clear(req);
	return rc;
}

static char *
reply_line(long long id, const char *key, cJSON *value)
{
	/* the id by hand: cJSON prints numbers over 10^15 inexactly */
	char *text = cJSON_PrintUnformatted(value);
	cJSON_Delete(value);
	char *line = xasprintf("{\"id\":%lld,\"%s\":%s}\n", id, key, text);
	cJSON_free(text);
	return line;
}

char *
sdk_reply_line(long long id, const cJSON *value)
{
	return reply_line(id, "value",
			  value != NULL ? cJSON_Duplicate(value, 1) : cJSON_CreateNull());
}

char *
sdk_error_line(long long id, const char *message, int reported)
{
	char *line = reply_line(id, "error", cJSON_CreateString(message));
	if (!reported)
		return line;
	/* ",\"reported\":true" before the closing "}\n" */
	size_t len = strlen(line);
	char *marked = xasprintf("%.*s,\"reported\":true}\n", (int)(len - 2), line);
	free(line);
	return marked;
}

/* The channel */

struct sdk_channel {
	int fd;
	struct strbuf in;
	size_t in_off;  /* the start of the next line in `in` */
	size_t scanned; /* bytes of `in` after in_off known to hold no '\n' */
	struct strbuf out;
	size_t out_off;
	int eof;
};

struct sdk_channel *
sdk_channel_create(int fd)
{
	struct sdk_channel *ch = xcalloc(1, sizeof *ch);
	ch->fd = fd;
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	fcntl(fd, F_SETFD, FD_CLOEXEC);
#ifdef SO_NOSIGPIPE
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, sizeof one);
#endif
	return ch;
}

void
sdk_channel_close(struct sdk_channel *ch)
{
	if (ch->fd >= 0)
		close(ch->fd);
	ch->fd = -1;
	ch->eof = 1;
	sb_truncate(&ch->out, 0);
	ch->out_off = 0;
}

void
sdk_channel_free(struct sdk_channel *ch)
{
	if (ch == NULL)
		return;
	sdk_channel_close(ch);
	sb_free(&ch->in);
	sb_free(&ch->out);
	free(ch);
}

int
sdk_channel_fd(const struct sdk_channel *ch)
{
	return ch != NULL ? ch->fd : -1;
}

int
sdk_channel_wants_write(const struct sdk_channel *ch)
{
	return ch != NULL && ch->fd >= 0 && ch->out_off < ch->out.len;
}

enum sdk_read
sdk_channel_read(struct sdk_channel *ch, const char **line, size_t *len)
{
	/* drop the line handed out last time */
	if (ch->in_off > 0 && ch->in_off >= ch->in.len / 2) {
		memmove(ch->in.s, ch->in.s + ch->in_off, ch->in.len - ch->in_off);
		sb_truncate(&ch->in, ch->in.len - ch->in_off);
		ch->in_off = 0;
	}
	for (;;) {
		const char *start = ch->in.s != NULL ? ch->in.s + ch->in_off : NULL;
		size_t avail = ch->in.len - ch->in_off;
		const char *nl = avail > ch->scanned
					 ? memchr(start + ch->scanned, '\n', avail - ch->scanned)
					 : NULL;
		if (nl != NULL) {
			*line = start;
			*len = (size_t)(nl - start);
			ch->in_off += *len + 1;
			ch->scanned = 0;
			return SDK_READ_LINE;
		}
		ch->scanned = avail;
		if (avail > SDK_MAX_LINE) {
			sdk_channel_close(ch);
			return SDK_READ_TOO_LONG;
		}
		if (ch->fd < 0 || ch->eof)
			return SDK_READ_CLOSED;
		char buf[65536];
		ssize_t n = read(ch->fd, buf, sizeof buf);
		if (n > 0) {
			sb_addn(&ch->in, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return SDK_READ_NONE;
		/* the end (a partial last line is dropped), or an error */
		sdk_channel_close(ch);
		return SDK_READ_CLOSED;
	}
}

void
sdk_channel_flush(struct sdk_channel *ch)
{
	while (ch->fd >= 0 && ch->out_off < ch->out.len) {
		ssize_t n = send(ch->fd, ch->out.s + ch->out_off, ch->out.len - ch->out_off,
				 MSG_NOSIGNAL);
		if (n > 0) {
			ch->out_off += (size_t)n;
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
			return;
		/* the script is gone: nobody will read the replies */
		sb_truncate(&ch->out, 0);
		ch->out_off = 0;
		return;
	}
	sb_truncate(&ch->out, 0);
	ch->out_off = 0;
}

void
sdk_channel_send(struct sdk_channel *ch, char *line)
{
	if (ch->fd >= 0)
		sb_add(&ch->out, line);
	free(line);
	sdk_channel_flush(ch);
}

void
sdk_channel_drain(struct sdk_channel *ch, long timeout_ms)
{
	long long deadline = proc_now_ms() + timeout_ms;
	while (sdk_channel_wants_write(ch)) {
		long long left = deadline - proc_now_ms();
		if (left <= 0)
			break;
		struct pollfd pfd = {ch->fd, POLLOUT, 0};
		poll(&pfd, 1, (int)left);
		sdk_channel_flush(ch);
	}
}
