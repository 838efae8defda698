/* chitty search: the launcher's ranking, non-interactive. */
#include "build-config.h"

#include "cmd.h"

static const struct cmd_option search_options[] = {
	{"json", 'j', ARG_NONE, NULL, "print a JSON array of results"},
	{"limit", 'n', ARG_REQUIRED, "N", "print at most N results"},
	{NULL, 0, 0, NULL, NULL},
};

const struct cmd_entry cmd_search_entry = {
	.name = "search",
	.usage = "[--json] [--limit N] QUERY",
	.summary = "Rank extension commands and remote items as the launcher does",
	.options = search_options,
	.args_min = 0,
	.args_max = -1,
	.flags = CMD_NOT_IMPLEMENTED,
};
