/* chitty popup: the launcher in a tmux popup. */
#include "build-config.h"

#include "cmd.h"

static const struct cmd_option popup_options[] = {
	{"width", 'w', ARG_REQUIRED, "SIZE",
	 "popup width, in columns or a percentage (default 80%)"},
	{"height", 'H', ARG_REQUIRED, "SIZE",
	 "popup height, in lines or a percentage (default 70%)"},
	{"query", 'q', ARG_REQUIRED, "TEXT", "start with TEXT typed"},
	{NULL, 0, 0, NULL, NULL},
};

const struct cmd_entry cmd_popup_entry = {
	.name = "popup",
	.usage = "[--width SIZE] [--height SIZE] [--query TEXT]",
	.summary = "Open the launcher in a tmux popup (in place outside tmux)",
	.options = popup_options,
	.args_max = 0,
	.flags = CMD_NOT_IMPLEMENTED,
};
