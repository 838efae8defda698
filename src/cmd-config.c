/* chitty config: remotes in config.json. */
#include "build-config.h"

#include "cmd.h"

static const struct cmd_option json_only[] = {
	{"json", 'j', ARG_NONE, NULL, "print JSON"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_option add_options[] = {
	{"set", 's', ARG_REQUIRED, "KEY=VALUE", "set a field of the remote (repeatable)"},
	{"no-test", 0, ARG_NONE, NULL, "save without testing the connection"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_entry config_list_entry = {
	.name = "list",
	.usage = "[--json]",
	.summary = "List configured remotes",
	.options = json_only,
	.args_max = 0,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry config_show_entry = {
	.name = "show",
	.usage = "[--json] NAME",
	.summary = "Show a remote (secrets masked)",
	.options = json_only,
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry config_add_entry = {
	.name = "add",
	.usage = "TYPE NAME [--set KEY=VALUE]...",
	.summary = "Add a remote of TYPE",
	.options = add_options,
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry config_remove_entry = {
	.name = "remove",
	.usage = "NAME",
	.summary = "Remove a remote",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry config_test_entry = {
	.name = "test",
	.usage = "NAME",
	.summary = "Test a remote's connection",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};

static const struct cmd_entry *const config_subcommands[] = {
	&config_list_entry,   &config_show_entry, &config_add_entry,
	&config_remove_entry, &config_test_entry, NULL,
};

const struct cmd_entry cmd_config_entry = {
	.name = "config",
	.usage = "",
	.summary = "Add and manage remotes (no command: the \"New remote\" form)",
	.args_max = 0,
	.flags = CMD_NOT_IMPLEMENTED,
	.subcommands = config_subcommands,
};
