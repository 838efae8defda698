/* chitty checkpoint / checkpoints: the tracker's log of progress. */
#include "build-config.h"

#include "cmd.h"

static const struct cmd_option checkpoint_options[] = {
	{"remote", 'r', ARG_REQUIRED, "NAME", "the tracker remote (default: tracker)"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_option checkpoints_options[] = {
	{"remote", 'r', ARG_REQUIRED, "NAME", "the tracker remote (default: tracker)"},
	{"json", 'j', ARG_NONE, NULL, "print JSON"},
	{NULL, 0, 0, NULL, NULL},
};

const struct cmd_entry cmd_checkpoint_entry = {
	.name = "checkpoint",
	.usage = "[--remote NAME] TEXT",
	.summary = "Add a checkpoint page to the tracker",
	.options = checkpoint_options,
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};

const struct cmd_entry cmd_checkpoints_entry = {
	.name = "checkpoints",
	.usage = "[--remote NAME] [--json] [N]",
	.summary = "List the latest N checkpoints (default 10)",
	.options = checkpoints_options,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};
