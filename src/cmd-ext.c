/* chitty ext: list, validate and manage extensions. */
#include "build-config.h"

#include "cmd.h"

static const struct cmd_option json_only[] = {
	{"json", 'j', ARG_NONE, NULL, "print JSON"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_option install_options[] = {
	{"force", 'f', ARG_NONE, NULL, "replace an installed extension of the same name"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_entry ext_list_entry = {
	.name = "list",
	.usage = "[--json]",
	.summary = "List extensions and their commands",
	.options = json_only,
	.args_max = 0,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry ext_validate_entry = {
	.name = "validate",
	.usage = "[PATH]...",
	.summary = "Check extension files (default: every loaded one)",
	.args_max = -1,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry ext_install_entry = {
	.name = "install",
	.usage = "[--force] PATH|URL",
	.summary = "Validate an extension file and install it",
	.options = install_options,
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry ext_uninstall_entry = {
	.name = "uninstall",
	.usage = "NAME",
	.summary = "Remove an installed extension",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry ext_enable_entry = {
	.name = "enable",
	.usage = "NAME",
	.summary = "Enable an extension",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry ext_disable_entry = {
	.name = "disable",
	.usage = "NAME",
	.summary = "Disable an extension",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry ext_new_entry = {
	.name = "new",
	.usage = "NAME",
	.summary = "Create a new extension that validates",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};

static const struct cmd_entry *const ext_subcommands[] = {
	&ext_list_entry,   &ext_validate_entry, &ext_install_entry, &ext_uninstall_entry,
	&ext_enable_entry, &ext_disable_entry,  &ext_new_entry,     NULL,
};

const struct cmd_entry cmd_ext_entry = {
	.name = "ext",
	.summary = "List, validate, install and manage extensions",
	.subcommands = ext_subcommands,
};
