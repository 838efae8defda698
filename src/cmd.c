#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "launcher.h"
#include "msg.h"
#include "paths.h"
#include "provider.h"
#include "strbuf.h"
#include "strv.h"
#include "suggest.h"

extern const struct cmd_entry cmd_search_entry;
extern const struct cmd_entry cmd_filter_entry;
extern const struct cmd_entry cmd_run_entry;
extern const struct cmd_entry cmd_ext_entry;
extern const struct cmd_entry cmd_prefs_entry;
extern const struct cmd_entry cmd_config_entry;
extern const struct cmd_entry cmd_refresh_entry;
extern const struct cmd_entry cmd_open_entry;
extern const struct cmd_entry cmd_checkpoint_entry;
extern const struct cmd_entry cmd_checkpoints_entry;
extern const struct cmd_entry cmd_sync_entry;
extern const struct cmd_entry cmd_popup_entry;
extern const struct cmd_entry cmd_help_entry;

const struct cmd_entry *const cmd_table[] = {
	&cmd_search_entry,     &cmd_filter_entry,
	&cmd_run_entry,        &cmd_ext_entry,
	&cmd_prefs_entry,      &cmd_config_entry,
	&cmd_refresh_entry,    &cmd_open_entry,
	&cmd_checkpoint_entry, &cmd_checkpoints_entry,
	&cmd_sync_entry,       &cmd_popup_entry,
	&cmd_help_entry,       NULL,
};

/* Options of the launcher itself (`chitty [OPTIONS]`). */
static const struct cmd_option main_options[] = {
	{"query", 'q', ARG_REQUIRED, "TEXT", "start with TEXT typed in the search bar"},
	{"keep-open", 0, ARG_NONE, NULL, "stay open after running an action"},
	{"version", 'V', ARG_NONE, NULL, "print the version and exit"},
	{NULL, 0, 0, NULL, NULL},
};

const struct cmd_entry cmd_main_entry = {
	.name = "chitty",
	.usage = "[--query TEXT] [--keep-open] | COMMAND [ARGS]...",
	.summary = "A Raycast-style launcher for the terminal.",
	.options = main_options,
	.args_min = 0,
	.args_max = 0,
};

const struct cmd_entry *
cmd_find(const struct cmd_entry *const *table, const char *name)
{
	for (size_t i = 0; table[i] != NULL; i++)
		if (strcmp(table[i]->name, name) == 0 ||
		    (table[i]->alias != NULL && strcmp(table[i]->alias, name) == 0))
			return table[i];
	return NULL;
}

int
cmd_is_implemented(const struct cmd_entry *entry)
{
	if (entry->flags & CMD_NOT_IMPLEMENTED)
		return 0;
	if (entry->exec != NULL || entry->subcommands == NULL)
		return entry->exec != NULL;
	for (size_t i = 0; entry->subcommands[i] != NULL; i++)
		if (cmd_is_implemented(entry->subcommands[i]))
			return 1;
	return 0;
}

static void
print_usage_line(FILE *fp, const struct cmd_entry *entry, const char *path)
{
	if (entry->subcommands != NULL && entry->exec == NULL)
		fprintf(fp, "usage: %s COMMAND [ARGS]...\n", path);
	else if (entry->subcommands != NULL)
		fprintf(fp, "usage: %s%s%s\n       %s COMMAND [ARGS]...\n", path,
			entry->usage != NULL ? " " : "", entry->usage != NULL ? entry->usage : "",
			path);
	else
		fprintf(fp, "usage: %s%s%s\n", path, entry->usage != NULL ? " " : "",
			entry->usage != NULL ? entry->usage : "");
}

static void
print_options(FILE *fp, const struct cmd_option *options)
{
	if (options == NULL || options[0].name == NULL)
		return;
	fprintf(fp, "\nOptions:\n");
	for (size_t i = 0; options[i].name != NULL; i++) {
		struct strbuf sb = STRBUF_INIT;
		if (options[i].short_name != 0)
			sb_addf(&sb, "-%c, ", options[i].short_name);
		else
			sb_add(&sb, "    ");
		sb_addf(&sb, "--%s", options[i].name);
		if (options[i].has_arg == ARG_REQUIRED)
			sb_addf(&sb, " %s",
				options[i].arg_name != NULL ? options[i].arg_name : "VALUE");
		fprintf(fp, "  %-26s %s\n", sb_str(&sb), options[i].help);
		sb_free(&sb);
	}
}

void
cmd_print_help(FILE *fp, const struct cmd_entry *entry, const char *path)
{
	print_usage_line(fp, entry, path);
	if (entry->summary != NULL)
		fprintf(fp, "\n%s\n", entry->summary);
	if (entry->alias != NULL)
		fprintf(fp, "\nAlias: %s\n", entry->alias);
	print_options(fp, entry->options);
	if (entry->subcommands != NULL) {
		fprintf(fp, "\nCommands:\n");
		for (size_t i = 0; entry->subcommands[i] != NULL; i++) {
			const struct cmd_entry *sub = entry->subcommands[i];
			if (sub->flags & CMD_HIDDEN)
				continue;
			char *line = xasprintf("%s %s", sub->name, sub->usage ? sub->usage : "");
			fprintf(fp, "  %-34s %s%s\n", line, sub->summary,
				cmd_is_implemented(sub) ? "" : " (not implemented yet)");
			free(line);
		}
	}
}

void
cmd_print_main_help(FILE *fp)
{
	fprintf(fp,
		"usage: chitty [--query TEXT] [--keep-open]     start the launcher\n"
		"       chitty COMMAND [ARGS]...\n"
		"       chitty PROVIDER RESOURCE VERB [ARGS]... [--remote NAME] [--json]\n\n"
		"%s\n",
		cmd_main_entry.summary);
	print_options(fp, main_options);
	fprintf(fp, "\nCommands:\n");
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd_entry *e = cmd_table[i];
		if (e->flags & CMD_HIDDEN)
			continue;
		fprintf(fp, "  %-12s %s%s\n", e->name, e->summary,
			cmd_is_implemented(e) ? "" : " (not implemented yet)");
	}
	fprintf(fp, "\nRemote commands (chitty PROVIDER RESOURCE VERB):\n");
	for (size_t i = 0; provider_table[i] != NULL; i++) {
		const struct provider *p = provider_table[i];
		char *names = p->aliases[0] != NULL ? xasprintf("%s (%s)", p->name, p->aliases[0])
						    : xstrdup(p->name);
		fprintf(fp, "  %-16s %s%s\n", names, p->summary,
			provider_is_built(p) ? "" : " (not implemented yet)");
		free(names);
	}
	fprintf(fp, "\nRun 'chitty help COMMAND' for a command's options; see chitty(1).\n");
}

int
cmd_usage_error(const struct cmd_entry *entry, const char *path, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	msg_error("%s", text);
	free(text);
	print_usage_line(stderr, entry, path);
	return EXIT_USAGE;
}

int
cmd_unknown(const char *what, const char *name, const struct cmd_entry *const *table,
	    int with_providers)
{
	struct strv names = STRV_INIT;
	for (size_t i = 0; table[i] != NULL; i++) {
		if (table[i]->flags & CMD_HIDDEN)
			continue;
		strv_push(&names, table[i]->name);
		if (table[i]->alias != NULL)
			strv_push(&names, table[i]->alias);
	}
	if (with_providers)
		provider_names(&names);
	const char *near = suggest_nearest(name, (const char *const *)names.v, names.n);
	if (near != NULL)
		msg_error("unknown %s '%s' (did you mean '%s'?)", what, name, near);
	else
		msg_error("unknown %s '%s' (see 'chitty --help')", what, name);
	strv_free(&names);
	return EXIT_USAGE;
}

/* The config folder cannot be read: said in one line (see cmd.h). */
static int
config_unreadable(void)
{
	char *cause = NULL;
	if (paths_check_config(&cause) == 0)
		return 0;
	msg_error("%s", cause);
	free(cause);
	return 1;
}

int
cmd_execute(const struct cmd_entry *entry, const char *path, int argc, char **argv)
{
	/* A command with subcommands may also run on its own (`chitty config`
	 * opens a form; `chitty config list` lists). */
	int wants_sub = argc >= 2 && argv[1][0] != '-';
	if (entry->subcommands != NULL && (wants_sub || entry->exec == NULL)) {
		if (!wants_sub) {
			int asked = argc >= 2 &&
				    (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
			cmd_print_help(asked ? stdout : stderr, entry, path);
			return asked ? 0 : EXIT_USAGE;
		}
		const struct cmd_entry *sub = cmd_find(entry->subcommands, argv[1]);
		if (sub == NULL) {
			char *what = xasprintf("%s command", path);
			int rc = cmd_unknown(what, argv[1], entry->subcommands, 0);
			free(what);
			return rc;
		}
		char *subpath = xasprintf("%s %s", path, sub->name);
		int rc = cmd_execute(sub, subpath, argc - 1, argv + 1);
		free(subpath);
		return rc;
	}

	char *cause = NULL;
	struct args *args = args_parse(entry->options, argc, argv, &cause);
	if (args == NULL) {
		int rc = cmd_usage_error(entry, path, "%s", cause);
		free(cause);
		return rc;
	}
	int rc;
	if (args->help) {
		cmd_print_help(stdout, entry, path);
		rc = 0;
	} else if (args->argc < entry->args_min)
		rc = cmd_usage_error(entry, path, "missing argument");
	else if (entry->args_max >= 0 && args->argc > entry->args_max)
		rc = cmd_usage_error(entry, path, "too many arguments ('%s')",
				     args->argv[entry->args_max]);
	else if ((entry->flags & CMD_NOT_IMPLEMENTED) || entry->exec == NULL) {
		msg_error("'%s' is not implemented yet", path);
		rc = EXIT_USAGE;
	} else if (!(entry->flags & CMD_NO_CONFIG) && config_unreadable())
		rc = 1;
	else
		rc = entry->exec(entry, args);
	args_free(args);
	return rc;
}

int
cmd_main(int argc, char **argv)
{
	/* Options before the command belong to the launcher itself. */
	int first = 1;
	while (first < argc && argv[first][0] == '-' && strcmp(argv[first], "-") != 0) {
		if (strcmp(argv[first], "--") == 0) {
			first++;
			break;
		}
		const char *a = argv[first];
		int takes_value = strcmp(a, "-q") == 0 || strcmp(a, "--query") == 0;
		first += takes_value ? 2 : 1;
	}
	if (first > argc)
		first = argc;

	if (first == argc || argv[first][0] == '-') {
		char *cause = NULL;
		struct args *args = args_parse(main_options, first, argv, &cause);
		if (args == NULL) {
			msg_error("%s", cause);
			fprintf(stderr,
				"usage: chitty [--query TEXT] [--keep-open] | COMMAND [ARGS]...\n");
			free(cause);
			return EXIT_USAGE;
		}
		int rc;
		if (args->help) {
			cmd_print_main_help(stdout);
			rc = 0;
		} else if (args_has(args, "version")) {
			printf("chitty %s\n", PACKAGE_VERSION);
			rc = 0;
		} else if (config_unreadable()) {
			rc = 1;
		} else {
			struct launcher_options opts = {
				.query = args_get(args, "query"),
				.keep_open = args_has(args, "keep-open"),
			};
			rc = launcher_main(&opts);
		}
		args_free(args);
		return rc;
	}
	const char *name = argv[first];
	if (first > 1) {
		/* As in git: --version ignores what follows; --help X… is `chitty help X…`. */
		int help = 0;
		for (int i = 1; i < first; i++) {
			if (strcmp(argv[i], "--version") == 0 || strcmp(argv[i], "-V") == 0) {
				printf("chitty %s\n", PACKAGE_VERSION);
				return 0;
			}
			help |= strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0;
			if (strcmp(argv[i], "-q") == 0 || strcmp(argv[i], "--query") == 0)
				i++; /* its value */
		}
		if (help) {
			char **help_argv = xcalloc((size_t)(argc - first) + 2, sizeof *help_argv);
			help_argv[0] = (char *)cmd_help_entry.name;
			for (int i = first; i < argc; i++)
				help_argv[1 + i - first] = argv[i];
			int rc = cmd_execute(&cmd_help_entry, "chitty help", argc - first + 1,
					     help_argv);
			free(help_argv);
			return rc;
		}
		if (cmd_find(cmd_table, name) == NULL && provider_find(name) == NULL)
			return cmd_unknown("command", name, cmd_table, 1);
		msg_error("options go after the command: 'chitty %s %s'", name, argv[1]);
		return EXIT_USAGE;
	}

	const struct cmd_entry *entry = cmd_find(cmd_table, name);
	if (entry != NULL) {
		char *path = xasprintf("chitty %s", entry->name);
		int rc = cmd_execute(entry, path, argc - first, argv + first);
		free(path);
		return rc;
	}
	const struct provider *provider = provider_find(name);
	if (provider != NULL)
		return provider_cmd_main(provider, argc - first, argv + first);
	return cmd_unknown("command", name, cmd_table, 1);
}
