/* chitty refresh: fetch remotes now. */
#include "build-config.h"

#include "cmd.h"

const struct cmd_entry cmd_refresh_entry = {
	.name = "refresh",
	.usage = "[REMOTE]...",
	.summary = "Refresh the cached items of remotes (default: all)",
	.args_max = -1,
	.flags = CMD_NOT_IMPLEMENTED,
};
