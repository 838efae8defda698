/*
 * Parsed command-line arguments for one command (tmux's args, on getopt_long).
 *
 * A command declares its options as a table of struct cmd_option; args_parse
 * turns argv into the options seen (in order, repeats kept) and the positional
 * arguments.  Every command also accepts -h/--help.
 */
#ifndef CHITTY_ARGS_H
#define CHITTY_ARGS_H

#include <stddef.h>

struct strv;

#define ARG_NONE     0
#define ARG_REQUIRED 1

struct cmd_option {
	const char *name;     /* long name without dashes: "json" */
	int short_name;       /* 'j', or 0 for long-only */
	int has_arg;          /* ARG_NONE or ARG_REQUIRED */
	const char *arg_name; /* shown in help: "N", "NAME=VALUE" */
	const char *help;     /* one line */
};

struct args_value {
	const struct cmd_option *option;
	char *value; /* NULL for flags */
};

struct args {
	struct args_value *values;
	size_t n_values;
	int argc;     /* positional arguments */
	char **argv;  /* NULL-terminated, owned */
	int dashdash; /* index in argv of the first argument after "--", or -1 */
	int help;     /* -h/--help was given */
};

/*
 * Parse argv[1..argc) (argv[0] is the command's name) against options
 * (terminated by an entry with name NULL; options may be NULL).  Returns the
 * args, or NULL with *cause set ("unknown option '--x'", "option '--limit'
 * needs a value").  Options may come before or after positional arguments;
 * "--" ends them.
 */
struct args *args_parse(const struct cmd_option *options, int argc, char **argv, char **cause);
void args_free(struct args *args);

int args_has(const struct args *args, const char *name);
/* The last value given for an option, or NULL. */
const char *args_get(const struct args *args, const char *name);
/* Every value given for a repeatable option, in order (copies pushed to out). */
void args_get_all(const struct args *args, const char *name, struct strv *out);
/*
 * An integer option in [min, max]: 0 with *out set (left alone when the
 * option is absent), or -1 with *cause naming the option and the bad value.
 */
int args_get_long(const struct args *args, const char *name, long min, long max, long *out,
		  char **cause);

#endif
