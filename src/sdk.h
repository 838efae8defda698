/*
 * The script SDK's channel: how a ts/js/kit script (through chitty's SDK
 * module, sdk/chitty.mjs) asks chitty for prompts and actions.
 *
 * Transport.  A socketpair; the script's end is its descriptor 3, named by
 * CHITTY_SDK_FD=3 in its environment.  Never the script's stdout or
 * stderr: those stay the script's own output.  Messages are JSON objects,
 * one per line ('\n'; JSON escapes any line break inside a string), UTF-8,
 * at most SDK_MAX_LINE bytes.
 *
 * Requests (script -> chitty): {"id": N, "type": T, ...}.  N is a whole
 * number from 1 to 2^53 that the script chooses, unique among its pending
 * requests.  Types and their fields (? optional):
 *
 *   arg            placeholder, hint?, strict?, choices?: [{name,
 *                  description?, preview?}]   without choices: a text prompt
 *   div            html (HTML or markdown)    shown until dismissed
 *   editor         text                       the text in $VISUAL/$EDITOR
 *   open           target                     the opener
 *   copy           text                       the clipboard
 *   notify         text                       a toast (stderr without the launcher)
 *   getPreference  name                       the command's preference
 *   env            name, secret?, placeholder?  a stored value, else asked once
 *
 * Replies (chitty -> script): {"id": N, "value": V} or {"id": N, "error":
 * MESSAGE, "reported"?: true}, in any order; "reported" when chitty has
 * shown the message itself, so the script need not repeat it.  Values: arg {"index": I} (the I-th
 * choice) or
 * {"text": S} (what was typed: a text prompt, or strict false with no
 * match); div, open, copy, notify null; editor, env a string;
 * getPreference a string or null.
 *
 * Errors.  A line that is not a JSON object, or has no valid id, is a
 * protocol error: chitty reports it and answers {"id": 0, "error": …},
 * after which the SDK fails every pending request.  A request of an
 * unknown type, or with a field of the wrong type, gets an error reply for
 * its id (and is reported).  A line longer than SDK_MAX_LINE closes the
 * channel.  When the channel closes or the script exits, its prompts close.
 *
 * This module is the parser and the buffered, non-blocking channel; the
 * executor (exec.h) owns a channel per script and dispatches its requests.
 */
#ifndef CHITTY_SDK_H
#define CHITTY_SDK_H

#include <stddef.h>

struct cJSON;

#define SDK_FD       3
#define SDK_MAX_LINE (16u << 20)
/* Ids are JSON numbers: whole and exact in a double. */
#define SDK_MAX_ID 9007199254740992.0

enum sdk_type {
	SDK_ARG,
	SDK_DIV,
	SDK_EDITOR,
	SDK_OPEN,
	SDK_COPY,
	SDK_NOTIFY,
	SDK_GET_PREFERENCE,
	SDK_ENV,
};

struct sdk_choice {
	char *name;
	char *description; /* may be NULL */
	char *preview;     /* HTML or markdown; may be NULL */
};

struct sdk_request {
	long long id;
	enum sdk_type type;
	/*
	 * The request's main string: arg's placeholder, div's html, editor's,
	 * copy's and notify's text, open's target, getPreference's and env's
	 * name.  Never NULL after a successful parse ("" when optional).
	 */
	char *text;
	char *hint;      /* arg: a line under the input; env: placeholder; or NULL */
	int has_choices; /* arg: a list prompt (even with no choices) */
	int strict;      /* arg: Enter needs a matching choice (default 1) */
	int secret;      /* env: a password */
	struct sdk_choice *choices;
	size_t n_choices;
};

/* The request's type as the protocol names it ("getPreference"). */
const char *sdk_type_name(enum sdk_type type);
/* 1 for requests that wait for the user (arg, div, editor, env), else 0. */
int sdk_type_prompts(enum sdk_type type);

/*
 * Parse one line (without its '\n').  0 with *req filled (the caller's:
 * sdk_request_clear); else -1 with *cause set and *id the request's id
 * when the line had a valid one (the error goes back to it), 0 when not
 * (a protocol error).  Strings must be valid UTF-8 without NUL bytes.
 */
int sdk_parse_request(const char *line, size_t len, struct sdk_request *req, long long *id,
		      char **cause);
void sdk_request_clear(struct sdk_request *req);
/* A deep copy of src into dst (the caller's: sdk_request_clear). */
void sdk_request_copy(struct sdk_request *dst, const struct sdk_request *src);

/* A reply line ('\n'-terminated, a new string).  value may be NULL (JSON null). */
char *sdk_reply_line(long long id, const struct cJSON *value);
/* reported: chitty has shown the message (the line says so). */
char *sdk_error_line(long long id, const char *message, int reported);

/* The channel: chitty's end of the socketpair, non-blocking, buffered both ways. */
struct sdk_channel;

/* Take fd (made non-blocking); never NULL. */
struct sdk_channel *sdk_channel_create(int fd);
/* Close the descriptor (what is queued is dropped); reads then say SDK_READ_CLOSED. */
void sdk_channel_close(struct sdk_channel *ch);
/* Close the descriptor and free; NULL is fine. */
void sdk_channel_free(struct sdk_channel *ch);
/* The descriptor, or -1 once closed. */
int sdk_channel_fd(const struct sdk_channel *ch);
/* 1 while replies wait to be written (poll for POLLOUT too). */
int sdk_channel_wants_write(const struct sdk_channel *ch);

enum sdk_read {
	SDK_READ_NONE,     /* nothing complete yet */
	SDK_READ_LINE,     /* *line, *len: one line (borrowed until the next call) */
	SDK_READ_CLOSED,   /* the script's end is closed (or the channel failed) */
	SDK_READ_TOO_LONG, /* a line over SDK_MAX_LINE: the channel is closed */
};

/* Read what is ready without blocking and return the next complete line, if any. */
enum sdk_read sdk_channel_read(struct sdk_channel *ch, const char **line, size_t *len);
/* Queue a line (taken) and write what the socket accepts now. */
void sdk_channel_send(struct sdk_channel *ch, char *line);
/* Write queued replies the socket accepts now. */
void sdk_channel_flush(struct sdk_channel *ch);
/* Write queued replies, waiting up to timeout_ms for the script to read them. */
void sdk_channel_drain(struct sdk_channel *ch, long timeout_ms);

#endif
