#include "build-config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "msg.h"

static msg_sink_fn msg_sink;
static void *msg_sink_arg;

void
msg_set_sink(msg_sink_fn sink, void *arg)
{
	msg_sink = sink;
	msg_sink_arg = arg;
}

static void
msg_emit(enum msg_level level, const char *fmt, va_list ap)
{
	char *text = xvasprintf(fmt, ap);
	if (msg_sink != NULL)
		msg_sink(level, text, msg_sink_arg);
	else if (level == MSG_WARNING)
		fprintf(stderr, "chitty: warning: %s\n", text);
	else
		fprintf(stderr, "chitty: %s\n", text);
	free(text);
}

void
msg_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	msg_emit(MSG_ERROR, fmt, ap);
	va_end(ap);
}

void
msg_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	msg_emit(MSG_WARNING, fmt, ap);
	va_end(ap);
}

void
msg_info(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	msg_emit(MSG_INFO, fmt, ap);
	va_end(ap);
}
