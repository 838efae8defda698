/* chitty help: help for the CLI, a command or a subcommand. */
#include "build-config.h"

#include <stdlib.h>

#include "cmd.h"
#include "msg.h"
#include "provider.h"

static int
cmd_help_exec(const struct cmd_entry *self, struct args *args)
{
	if (args->argc == 0) {
		cmd_print_main_help(stdout);
		return 0;
	}
	const struct cmd_entry *entry = cmd_find(cmd_table, args->argv[0]);
	if (entry == NULL) {
		const struct provider *p = provider_find(args->argv[0]);
		if (p != NULL) {
			/* `chitty help gh issues list` is `chitty gh issues list --help`. */
			char **argv = xcalloc((size_t)args->argc + 2, sizeof *argv);
			for (int i = 0; i < args->argc; i++)
				argv[i] = args->argv[i];
			argv[args->argc] = "--help";
			int rc = provider_cmd_main(p, args->argc + 1, argv);
			free(argv);
			return rc;
		}
		return cmd_unknown("command", args->argv[0], cmd_table, 1);
	}
	/* Commands nest two deep; only provider commands go deeper. */
	if (args->argc > 2)
		return cmd_usage_error(self, "chitty help", "too many arguments ('%s')",
				       args->argv[2]);
	char *path = xasprintf("chitty %s", entry->name);
	for (int i = 1; i < args->argc; i++) {
		const struct cmd_entry *sub = entry->subcommands != NULL
						      ? cmd_find(entry->subcommands, args->argv[i])
						      : NULL;
		if (sub == NULL) {
			char *what = xasprintf("%s command", path);
			int rc = entry->subcommands != NULL
					 ? cmd_unknown(what, args->argv[i], entry->subcommands, 0)
					 : (msg_error("'%s' has no subcommands", path), EXIT_USAGE);
			free(what);
			free(path);
			return rc;
		}
		char *longer = xasprintf("%s %s", path, sub->name);
		free(path);
		path = longer;
		entry = sub;
	}
	cmd_print_help(stdout, entry, path);
	free(path);
	return 0;
}

const struct cmd_entry cmd_help_entry = {
	.name = "help",
	.usage = "[COMMAND [SUBCOMMAND]...]",
	.summary = "Show help for chitty or one of its commands",
	.args_max = -1,
	.flags = CMD_NO_CONFIG,
	.exec = cmd_help_exec,
};
