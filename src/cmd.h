/*
 * The CLI as a table of commands (tmux's cmd_entry).  Each command is one
 * const struct cmd_entry in its own cmd-*.c file, listed once in cmd_table[]
 * (cmd.c).  A command either has an exec function or a table of
 * subcommands (`chitty ext list`).  Remote commands (`chitty github issues
 * list`) are generated from the provider table instead (cmd-provider.c).
 *
 * Exit status: 0 success, 1 failure, 2 usage error or not implemented.
 *
 * Before a command runs, the config folder is checked (paths_check_config):
 * one that exists but cannot be read fails the command with one line and
 * exit 1, unless the command is marked CMD_NO_CONFIG.  The launcher is
 * checked the same way; provider commands check their own config.
 */
#ifndef CHITTY_CMD_H
#define CHITTY_CMD_H

#include <stdio.h>

#include "args.h"
#include "xmalloc.h"

#define EXIT_USAGE 2

#define CMD_HIDDEN          0x1 /* not listed by --help */
#define CMD_NOT_IMPLEMENTED 0x2 /* listed; answers "not implemented yet" with exit 2 */
#define CMD_NO_CONFIG       0x4 /* never reads the config folder: runs even when it is unreadable */

struct cmd_entry {
	const char *name;
	const char *alias;                /* or NULL */
	const char *usage;                /* what follows the name: "[--json] [--limit N] QUERY" */
	const char *summary;              /* one line for --help */
	const struct cmd_option *options; /* terminated by {NULL}; may be NULL */
	int args_min;
	int args_max; /* -1: no limit */
	int flags;
	const struct cmd_entry *const *subcommands; /* NULL-terminated, or NULL */
	int (*exec)(const struct cmd_entry *self, struct args *args);
};

/* Every top-level command, NULL-terminated. */
extern const struct cmd_entry *const cmd_table[];

/* The whole CLI: argv as main() got it.  Returns the exit status. */
int cmd_main(int argc, char **argv);

/* Find a command or subcommand by name or alias. */
const struct cmd_entry *cmd_find(const struct cmd_entry *const *table, const char *name);

/*
 * Run entry with argv[0] = its name.  path is how the user named it so far
 * ("chitty ext"), for messages.
 */
int cmd_execute(const struct cmd_entry *entry, const char *path, int argc, char **argv);

/*
 * 0 when entry is marked CMD_NOT_IMPLEMENTED, or is a group none of whose
 * subcommands is implemented (`chitty sync`): --help marks it "(not
 * implemented yet)".
 */
int cmd_is_implemented(const struct cmd_entry *entry);

void cmd_print_help(FILE *fp, const struct cmd_entry *entry, const char *path);
void cmd_print_main_help(FILE *fp);

/*
 * "chitty: unknown WHAT 'NAME' (did you mean 'NEAR'?)" for a name that is
 * not in table (nor, with_providers, a provider); returns EXIT_USAGE.
 */
int cmd_unknown(const char *what, const char *name, const struct cmd_entry *const *table,
		int with_providers);

/* "chitty: MESSAGE" and the command's usage line on stderr; returns EXIT_USAGE. */
int cmd_usage_error(const struct cmd_entry *entry, const char *path, const char *fmt, ...)
	printflike(3, 4);

#endif
