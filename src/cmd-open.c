/* chitty open: a remote's web page. */
#include "build-config.h"

#include "cmd.h"

const struct cmd_entry cmd_open_entry = {
	.name = "open",
	.usage = "REMOTE",
	.summary = "Open a remote's web page",
	.args_min = 1,
	.args_max = 1,
	.flags = CMD_NOT_IMPLEMENTED,
};
