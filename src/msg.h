/*
 * User-facing diagnostics: "chitty: message" and "chitty: warning: message"
 * on stderr.  While the launcher owns the terminal it installs a sink that
 * turns them into toasts instead.  Never pass a secret in a message.
 */
#ifndef CHITTY_MSG_H
#define CHITTY_MSG_H

#include "xmalloc.h"

enum msg_level { MSG_ERROR, MSG_WARNING, MSG_INFO };

void msg_error(const char *fmt, ...) printflike(1, 2);
void msg_warn(const char *fmt, ...) printflike(1, 2);
void msg_info(const char *fmt, ...) printflike(1, 2);

/* Route messages elsewhere (NULL restores stderr). */
typedef void (*msg_sink_fn)(enum msg_level level, const char *text, void *arg);
void msg_set_sink(msg_sink_fn sink, void *arg);

#endif
