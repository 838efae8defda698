/* chitty sync: mappings between remotes. */
#include "build-config.h"

#include "cmd.h"

static const struct cmd_option run_options[] = {
	{"dry-run", 'n', ARG_NONE, NULL, "show what would change without changing it"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_entry sync_add_entry = {
	.name = "add",
	.usage = "SOURCE TARGET",
	.summary = "Add a sync mapping",
	.args_min = 2,
	.args_max = 2,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry sync_run_entry = {
	.name = "run",
	.usage = "[--dry-run] [SOURCE [TARGET]]",
	.summary = "Run sync mappings",
	.options = run_options,
	.args_max = 2,
	.flags = CMD_NOT_IMPLEMENTED,
};
static const struct cmd_entry sync_status_entry = {
	.name = "status",
	.usage = "",
	.summary = "Show the state of each mapping",
	.args_max = 0,
	.flags = CMD_NOT_IMPLEMENTED,
};

static const struct cmd_entry *const sync_subcommands[] = {
	&sync_add_entry,
	&sync_run_entry,
	&sync_status_entry,
	NULL,
};

const struct cmd_entry cmd_sync_entry = {
	.name = "sync",
	.summary = "Sync items between remotes",
	.subcommands = sync_subcommands,
};
