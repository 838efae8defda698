/* chitty run: run an extension command without the launcher. */
#include "build-config.h"

#include "cmd.h"

static const struct cmd_option run_options[] = {
	{"arg", 'a', ARG_REQUIRED, "NAME=VALUE", "give the input NAME (repeatable)"},
	{"flag", 'f', ARG_REQUIRED, "NAME", "set the conditional flag NAME (repeatable)"},
	{"json", 'j', ARG_NONE, NULL, "print {id, exit, stdout, stderr} as JSON"},
	{"timeout", 't', ARG_REQUIRED, "SECONDS", "kill the command after SECONDS"},
	{NULL, 0, 0, NULL, NULL},
};

const struct cmd_entry cmd_run_entry = {
	.name = "run",
	.usage = "ID [--arg NAME=VALUE]... [--flag NAME]... [--json] [-- ARGS...]",
	.summary = "Run an extension command (ID is EXTENSION/COMMAND)",
	.options = run_options,
	.args_min = 1,
	.args_max = -1,
	.flags = CMD_NOT_IMPLEMENTED,
};
