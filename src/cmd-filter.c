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
#include <stdint.h>
#include <sys/uio.h>
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

/*
 * Output with writev straight from the input's memory: the lines are never
 * copied in user space (a million lines are a thousand system calls), and a
 * line that is followed by its newline in the input goes out in one piece
 * with it.  Score texts ("%f\t", fzy's format) live in `text` until the
 * next flush.
 */
#define OUT_PIECES 1024 /* IOV_MAX on Linux and the BSDs */

struct out {
	struct iovec iov[OUT_PIECES];
	int n;
	char text[OUT_PIECES * 24];
	size_t text_used;
	int failed;
	/* the last score's text: sorted results repeat scores */
	score_t last;
	const char *last_text;
	size_t last_len;
};

static void
out_flush(struct out *o)
{
	struct iovec *v = o->iov;
	int left = o->n;

	while (left > 0 && !o->failed) {
		ssize_t w = writev(STDOUT_FILENO, v, left);
		if (w == -1) {
			if (errno == EINTR)
				continue;
			msg_error("cannot write standard output: %s", strerror(errno));
			o->failed = 1;
			break;
		}
		while (left > 0 && (size_t)w >= v->iov_len) {
			w -= (ssize_t)v->iov_len;
			v++;
			left--;
		}
		if (left > 0) {
			v->iov_base = (char *)v->iov_base + w;
			v->iov_len -= (size_t)w;
		}
	}
	o->n = 0;
	o->text_used = 0;
	o->last_text = NULL;
}

static void
out_add(struct out *o, const char *s, size_t len)
{
	if (o->n > 0) {
		struct iovec *prev = &o->iov[o->n - 1];
		if ((const char *)prev->iov_base + prev->iov_len == s) {
			prev->iov_len += len; /* contiguous with the last piece */
			return;
		}
	}
	if (o->n == OUT_PIECES)
		out_flush(o);
	o->iov[o->n].iov_base = (void *)(uintptr_t)s;
	o->iov[o->n].iov_len = len;
	o->n++;
}

static void
out_score(struct out *o, score_t score)
{
	/* Room for the score and its line first: a flush frees the texts. */
	if (o->n >= OUT_PIECES - 3 || sizeof o->text - o->text_used < 64)
		out_flush(o);
	if (o->last_text == NULL || memcmp(&o->last, &score, sizeof score) != 0) {
		char *t = o->text + o->text_used;
		int len = snprintf(t, 64, "%f\t", score);
		o->last = score;
		o->last_text = t;
		o->last_len = len > 0 && len < 64 ? (size_t)len : 0;
		o->text_used += o->last_len;
	}
	out_add(o, o->last_text, o->last_len);
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
	struct out *o = xcalloc(1, sizeof *o);
	for (size_t i = 0; i < n && !o->failed; i++) {
		const char *line = in.data + lines[i].off;
		size_t len = lines[i].len;
		if (scores)
			out_score(o, lines[i].score);
		if (lines[i].off + len < in.len && line[len] == '\n') {
			out_add(o, line, len + 1);
		} else {
			out_add(o, line, len);
			out_add(o, "\n", 1);
		}
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
	.flags = CMD_NO_CONFIG,
	.exec = filter_exec,
};
