/* chitty filter: an fzy-compatible line filter on stdin. */
#include "build-config.h"

#include "cmd.h"

static const struct cmd_option filter_options[] = {
	{"show-matches", 'e', ARG_REQUIRED, "QUERY",
	 "print every line matching QUERY, best first, and exit"},
	{"show-scores", 's', ARG_NONE, NULL, "print each line's score before it"},
	{"workers", 'j', ARG_REQUIRED, "N", "rank with N threads (default: every core)"},
	{"lines", 'l', ARG_REQUIRED, "N", "show N lines in the interactive picker"},
	{"query", 'q', ARG_REQUIRED, "QUERY", "start the picker with QUERY typed"},
	{"prompt", 'p', ARG_REQUIRED, "TEXT", "the picker's prompt"},
	{"read-null", '0', ARG_NONE, NULL, "read NUL-separated input"},
	{NULL, 0, 0, NULL, NULL},
};

const struct cmd_entry cmd_filter_entry = {
	.name = "filter",
	.usage = "[-e QUERY] [-s] [-j N] [-l N] [-q QUERY] [-p PROMPT] [-0]",
	.summary = "Filter lines from stdin with fzy's ranking (fzy-compatible)",
	.options = filter_options,
	.args_min = 0,
	.args_max = 0,
	.flags = CMD_NOT_IMPLEMENTED,
};
