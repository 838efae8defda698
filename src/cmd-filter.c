/*
 * chitty filter: an fzy-compatible line filter on stdin.
 *
 * `-e QUERY` prints every matching line, best first, byte for byte what
 * `fzy -e QUERY` prints (`-s` adds the score as fzy's "%f\t").  Input rules
 * are fzy's: lines end with '\n', empty lines are skipped, a NUL byte ends
 * the input (with -0, records end with NUL instead).  Without -e this is
 * the interactive picker (ui/picker.c): lines from stdin, keys from
 * /dev/tty, the chosen line on stdout.
 */
#include "build-config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd.h"
#include "input.h"
#include "launcher.h"
#include "msg.h"
#include "rank.h"

static const struct cmd_option filter_options[] = {
	{"show-matches", 'e', ARG_REQUIRED, "QUERY",
	 "print every line matching QUERY, best first, and exit"},
	{"show-scores", 's', ARG_NONE, NULL, "print each line's score before it"},
	{"workers", 'j', ARG_REQUIRED, "N", "rank with N threads (default: every core)"},
	{"lines", 'l', ARG_REQUIRED, "N", "lines to show (with -e: print at most N)"},
	{"query", 'q', ARG_REQUIRED, "QUERY", "start the picker with QUERY typed"},
	{"prompt", 'p', ARG_REQUIRED, "TEXT", "the picker's prompt"},
	{"read-null", '0', ARG_NONE, NULL, "read NUL-separated input"},
	{NULL, 0, 0, NULL, NULL},
};

extern const struct cmd_entry cmd_filter_entry;

/* Buffered output straight to the file descriptor: a million lines are
 * one memcpy each, not one printf each. */
struct out {
	char buf[1 << 20];
	size_t n;
	int failed;
};

static void
out_flush(struct out *o)
{
	const char *p = o->buf;
	size_t left = o->n;

	while (left > 0 && !o->failed) {
		ssize_t w = write(STDOUT_FILENO, p, left);
		if (w == -1) {
			if (errno == EINTR)
				continue;
			msg_error("cannot write standard output: %s", strerror(errno));
			o->failed = 1;
			break;
		}
		p += w;
		left -= (size_t)w;
	}
	o->n = 0;
}

static void
out_add(struct out *o, const char *s, size_t len)
{
	while (len > 0 && !o->failed) {
		if (o->n == sizeof o->buf)
			out_flush(o);
		size_t room = sizeof o->buf - o->n, take = len < room ? len : room;
		memcpy(o->buf + o->n, s, take);
		o->n += take;
		s += take;
		len -= take;
	}
}

static int
filter_exec(const struct cmd_entry *self, struct args *args)
{
	const char *path = "chitty filter";
	const char *query = args_get(args, "show-matches");
	long workers = 0, limit = -1;
	char *cause = NULL;

	if (args_get_long(args, "workers", 1, 256, &workers, &cause) != 0 ||
	    args_get_long(args, "lines", 1, 1000000000L, &limit, &cause) != 0) {
		int rc = cmd_usage_error(self, path, "%s", cause);
		free(cause);
		return rc;
	}
	if (isatty(STDIN_FILENO)) {
		return cmd_usage_error(self, path,
				       "standard input is a terminal: pipe the lines to filter "
				       "into chitty filter");
	}
	if (query == NULL) {
		struct picker_options po = {
			.query = args_get(args, "query"),
			.prompt = args_get(args, "prompt"),
			.lines = limit > 0 ? limit : 0,
			.show_scores = args_has(args, "show-scores"),
			.workers = (int)workers,
			.delim = args_has(args, "read-null") ? '\0' : '\n',
		};
		return picker_main(&po);
	}

	struct input in;
	if (input_read_fd(STDIN_FILENO, "standard input", &in, &cause) != 0) {
		msg_error("%s", cause);
		free(cause);
		return 1;
	}
	struct rank_line *lines;
	size_t n = rank_lines(in.data, in.len, args_has(args, "read-null") ? '\0' : '\n', query,
			      strlen(query), (int)workers, &lines);
	if (limit >= 0 && (size_t)limit < n)
		n = (size_t)limit;

	int scores = args_has(args, "show-scores");
	struct out *o = xmalloc(sizeof *o);
	o->n = 0;
	o->failed = 0;
	char sbuf[64];
	size_t slen = 0;
	score_t last = 0;
	int have_last = 0;
	for (size_t i = 0; i < n && !o->failed; i++) {
		if (scores) {
			/* fzy prints "%f\t"; results come sorted, so equal scores
			 * are neighbours and most lines reuse the last text. */
			if (!have_last || memcmp(&last, &lines[i].score, sizeof last) != 0) {
				slen = (size_t)snprintf(sbuf, sizeof sbuf, "%f\t", lines[i].score);
				last = lines[i].score;
				have_last = 1;
			}
			out_add(o, sbuf, slen);
		}
		out_add(o, in.data + lines[i].off, lines[i].len);
		out_add(o, "\n", 1);
	}
	out_flush(o);
	int rc = o->failed ? 1 : 0;
	free(o);
	free(lines);
	input_release(&in);
	return rc;
}

const struct cmd_entry cmd_filter_entry = {
	.name = "filter",
	.usage = "[-e QUERY] [-s] [-j N] [-l N] [-q QUERY] [-p PROMPT] [-0]",
	.summary = "Filter lines from stdin with fzy's ranking (fzy-compatible)",
	.options = filter_options,
	.args_min = 0,
	.args_max = 0,
	.exec = filter_exec,
};
