#include "build-config.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "strbuf.h"
#include "strv.h"
#include "xmalloc.h"

#define ARGS_HELP_VAL  0x10000
#define ARGS_LONG_BASE 0x10001

static size_t
count_options(const struct cmd_option *options)
{
	size_t n = 0;
	while (options != NULL && options[n].name != NULL)
		n++;
	return n;
}

static void
args_add_value(struct args *args, const struct cmd_option *option, const char *value)
{
	args->values = xreallocarray(args->values, args->n_values + 1, sizeof *args->values);
	args->values[args->n_values].option = option;
	args->values[args->n_values].value = xstrdup_or_null(value);
	args->n_values++;
}

/* 1 when argv[i] is an option that takes its value from the next argument. */
static int
takes_next(const struct cmd_option *options, size_t n, const char *arg)
{
	if (arg[0] != '-' || arg[1] == '\0')
		return 0;
	if (arg[1] == '-') {
		if (strchr(arg, '=') != NULL)
			return 0;
		for (size_t i = 0; i < n; i++)
			if (strcmp(arg + 2, options[i].name) == 0)
				return options[i].has_arg == ARG_REQUIRED;
		return 0;
	}
	/* A cluster of short flags: the last one may take the next argument. */
	for (const char *p = arg + 1; *p != '\0'; p++)
		for (size_t i = 0; i < n; i++)
			if (options[i].short_name == *p && options[i].has_arg == ARG_REQUIRED)
				return p[1] == '\0';
	return 0;
}

struct args *
args_parse(const struct cmd_option *options, int argc, char **argv, char **cause)
{
	size_t n = count_options(options);
	struct option *longopts = xcalloc(n + 2, sizeof *longopts);
	struct strbuf shortopts = STRBUF_INIT;
	struct args *args = xcalloc(1, sizeof *args);
	struct strv positional = STRV_INIT;
	char **scan = NULL;

	/* Everything after the first real "--" is positional, untouched. */
	int dd = argc;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--") == 0) {
			dd = i;
			break;
		}
		if (takes_next(options, n, argv[i]))
			i++;
	}

	/* ':' first so a missing value is reported as such; GNU permutation
	 * lets options follow positional arguments. */
	sb_add(&shortopts, ":h");
	for (size_t i = 0; i < n; i++) {
		longopts[i].name = options[i].name;
		longopts[i].has_arg =
			options[i].has_arg == ARG_REQUIRED ? required_argument : no_argument;
		longopts[i].val = options[i].short_name != 0 ? options[i].short_name
							     : (int)(ARGS_LONG_BASE + i);
		if (options[i].short_name != 0) {
			sb_addc(&shortopts, (char)options[i].short_name);
			if (options[i].has_arg == ARG_REQUIRED)
				sb_addc(&shortopts, ':');
		}
	}
	longopts[n].name = "help";
	longopts[n].val = ARGS_HELP_VAL;

	/* getopt permutes its argv: give it a copy of the part before "--". */
	scan = xcalloc((size_t)dd + 1, sizeof *scan);
	for (int i = 0; i < dd; i++)
		scan[i] = argv[i];

	/* getopt keeps global state: reset it for every parse. */
	optind = 0;
	opterr = 0;
	int c;
	while ((c = getopt_long(dd, scan, sb_str(&shortopts), longopts, NULL)) != -1) {
		if (c == 'h' || c == ARGS_HELP_VAL) {
			args->help = 1;
			continue;
		}
		if (c == '?' || c == ':') {
			const char *bad = scan[optind - 1];
			if (strncmp(bad, "--", 2) != 0 && optopt > 0 && optopt < 256)
				set_cause(cause,
					  c == '?' ? "unknown option '-%c'"
						   : "option '-%c' needs a value",
					  optopt);
			else
				set_cause(cause,
					  c == '?' ? "unknown option '%s'"
						   : "option '%s' needs a value",
					  bad);
			goto fail;
		}
		const struct cmd_option *option = NULL;
		if (c >= ARGS_LONG_BASE)
			option = &options[c - ARGS_LONG_BASE];
		else
			for (size_t i = 0; i < n && option == NULL; i++)
				if (options[i].short_name == c)
					option = &options[i];
		if (option == NULL) {
			set_cause(cause, "unknown option '-%c'", c);
			goto fail;
		}
		args_add_value(args, option, option->has_arg == ARG_REQUIRED ? optarg : NULL);
	}
	for (int i = optind; i < dd; i++)
		strv_push(&positional, scan[i]);
	args->dashdash = -1;
	if (dd < argc) {
		args->dashdash = (int)positional.n;
		for (int i = dd + 1; i < argc; i++)
			strv_push(&positional, argv[i]);
	}
	args->argc = (int)positional.n;
	args->argv = positional.v != NULL ? positional.v : xcalloc(1, sizeof(char *));
	free(scan);
	free(longopts);
	sb_free(&shortopts);
	return args;
fail:
	free(scan);
	free(longopts);
	sb_free(&shortopts);
	strv_free(&positional);
	args_free(args);
	return NULL;
}

void
args_free(struct args *args)
{
	if (args == NULL)
		return;
	for (size_t i = 0; i < args->n_values; i++)
		free(args->values[i].value);
	free(args->values);
	for (int i = 0; i < args->argc; i++)
		free(args->argv[i]);
	free(args->argv);
	free(args);
}

int
args_has(const struct args *args, const char *name)
{
	for (size_t i = 0; i < args->n_values; i++)
		if (strcmp(args->values[i].option->name, name) == 0)
			return 1;
	return 0;
}

const char *
args_get(const struct args *args, const char *name)
{
	const char *value = NULL;
	for (size_t i = 0; i < args->n_values; i++)
		if (strcmp(args->values[i].option->name, name) == 0)
			value = args->values[i].value;
	return value;
}

void
args_get_all(const struct args *args, const char *name, struct strv *out)
{
	for (size_t i = 0; i < args->n_values; i++)
		if (strcmp(args->values[i].option->name, name) == 0 && args->values[i].value)
			strv_push(out, args->values[i].value);
}

int
args_get_long(const struct args *args, const char *name, long min, long max, long *out,
	      char **cause)
{
	const char *value = args_get(args, name);
	if (value == NULL)
		return 0;
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (errno != 0 || end == value || *end != '\0' || v < min || v > max) {
		set_cause(cause, "--%s: '%s' is not a number from %ld to %ld", name, value, min,
			  max);
		return -1;
	}
	*out = v;
	return 0;
}
