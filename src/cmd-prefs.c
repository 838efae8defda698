/* chitty prefs: an extension's stored preferences. */
#include "build-config.h"

#include "cmd.h"

static const struct cmd_option json_only[] = {
	{"json", 'j', ARG_NONE, NULL, "print JSON"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_entry prefs_list_entry = {
	.name = "list",
	.usage = "[--json] EXTENSION",
	.summary = "List an extension's preferences and their values",
	.options = json_only,
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry prefs_get_entry = {
	.name = "get",
	.usage = "EXTENSION NAME",
	.summary = "Print one preference's value",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry prefs_set_entry = {
	.name = "set",
	.usage = "EXTENSION NAME VALUE",
	.summary = "Set a preference (checked against its type)",
	.args_min = 3,
	.args_max = 3,
	.flags = CMD_NOT_IMPLEMENTED,
};

static const struct cmd_entry *const prefs_subcommands[] = {
	&prefs_list_entry,
	&prefs_get_entry,
	&prefs_set_entry,
	NULL,
};

const struct cmd_entry cmd_prefs_entry = {
	.name = "prefs",
	.summary = "Show and set extension preferences",
	.subcommands = prefs_subcommands,
};
