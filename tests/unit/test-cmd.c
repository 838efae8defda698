/*
 * The command table: lookups, argument parsing, and the rule that every
 * command, subcommand, provider and option is documented in man/chitty.1.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "cmd.h"
#include "fileio.h"
#include "provider.h"
#include "strbuf.h"
#include "strv.h"
#include "tap.h"
#include "xmalloc.h"

/* The man page as plain text: font escapes dropped, "\-" as "-". */
static char *
man_text(void)
{
	char *path = xasprintf("%s/man/chitty.1", tap_srcdir());
	char *raw = file_read_all(path, NULL, 0, NULL);
	free(path);
	if (raw == NULL)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	for (const char *p = raw; *p != '\0'; p++) {
		if (p[0] == '\\' && p[1] == 'f' && p[2] != '\0') {
			p += 2;
			continue;
		}
		if (p[0] == '\\' && (p[1] == '-' || p[1] == '&' || p[1] == ' ')) {
			if (p[1] != '&')
				sb_addc(&sb, p[1]);
			p++;
			continue;
		}
		if (*p != '"')
			sb_addc(&sb, *p);
	}
	free(raw);
	return sb_detach(&sb);
}

/* The text of the .SS section whose heading starts with `heading`, or NULL. */
static char *
man_section(const char *man, const char *heading)
{
	char *needle = xasprintf("\n.SS %s", heading);
	const char *p = man;
	char *section = NULL;
	while ((p = strstr(p, needle)) != NULL) {
		const char *after = p + strlen(needle);
		if (*after == '\n' || *after == ' ') {
			const char *end = strstr(after, "\n.SS ");
			const char *sh = strstr(after, "\n.SH ");
			if (end == NULL || (sh != NULL && sh < end))
				end = sh;
			section = end ? xstrndup(after, (size_t)(end - after)) : xstrdup(after);
			break;
		}
		p = after;
	}
	free(needle);
	return section;
}

static void
check_documented(const char *man, const struct cmd_entry *e, const char *path)
{
	char *section = man_section(man, path);
	if (!ok(section != NULL, "man page has a section for '%s'", path)) {
		free(section);
		return;
	}
	for (size_t i = 0; e->options != NULL && e->options[i].name != NULL; i++) {
		char *opt = xasprintf("--%s", e->options[i].name);
		ok(strstr(section, opt) != NULL, "man page documents '%s %s'", path, opt);
		free(opt);
	}
	/* The page says "not implemented yet" exactly while the code does. */
	int says_unbuilt = strcasestr(section, "not implemented yet") != NULL;
	if (cmd_is_implemented(e))
		ok(!says_unbuilt, "man page does not call the built '%s' not implemented", path);
	else if (e->subcommands == NULL)
		ok(says_unbuilt, "man page says '%s' is not implemented yet", path);
	free(section);
	for (size_t i = 0; e->subcommands != NULL && e->subcommands[i] != NULL; i++) {
		char *sub = xasprintf("%s %s", path, e->subcommands[i]->name);
		check_documented(man, e->subcommands[i], sub);
		free(sub);
	}
}

static void
check_verb(const char *man, const struct provider_verb *verb, const char *verb_path)
{
	char *section = man_section(man, verb_path);
	if (ok(section != NULL, "man page has a section for '%s'", verb_path))
		for (size_t o = 0; verb->options != NULL && verb->options[o].name; o++) {
			char *opt = xasprintf("--%s", verb->options[o].name);
			ok(strstr(section, opt) != NULL, "man page documents '%s %s'", verb_path,
			   opt);
			free(opt);
		}
	free(section);
}

/* Every verb of a built provider: "chitty github issues list" with its options. */
static void
check_resources(const char *man, const struct provider_resource *const *resources, const char *path)
{
	for (size_t i = 0; resources != NULL && resources[i] != NULL; i++) {
		const struct provider_resource *res = resources[i];
		char *res_path = xasprintf("%s %s", path, res->name);
		if (res->run != NULL)
			check_verb(man, res->run, res_path);
		for (size_t v = 0; res->verbs != NULL && res->verbs[v] != NULL; v++) {
			char *verb_path = xasprintf("%s %s", res_path, res->verbs[v]->name);
			check_verb(man, res->verbs[v], verb_path);
			free(verb_path);
		}
		check_resources(man, res->subresources, res_path);
		free(res_path);
	}
}

static void
test_man_page(void)
{
	char *man = man_text();
	if (!ok(man != NULL, "man/chitty.1 is readable"))
		return;
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		char *path = xasprintf("chitty %s", cmd_table[i]->name);
		check_documented(man, cmd_table[i], path);
		free(path);
	}
	for (size_t i = 0; provider_table[i] != NULL; i++) {
		char *path = xasprintf("chitty %s", provider_table[i]->name);
		char *section = man_section(man, path);
		ok(section != NULL, "man page has a section for provider '%s'", path);
		free(section);
		if (provider_is_built(provider_table[i]))
			check_resources(man, provider_table[i]->resources, path);
		free(path);
	}
	free(man);
}

static void
test_table_shape(void)
{
	struct strv names = STRV_INIT;
	int dup = 0, shape = 1;
	for (size_t i = 0; cmd_table[i] != NULL; i++) {
		const struct cmd_entry *e = cmd_table[i];
		dup |= strv_contains(&names, e->name);
		strv_push(&names, e->name);
		shape &= e->summary != NULL && (e->exec != NULL || e->subcommands != NULL ||
						(e->flags & CMD_NOT_IMPLEMENTED));
	}
	ok(!dup, "command names are unique");
	ok(shape, "every command has a summary and something to run");
	const char *contract[] = {"search",  "filter", "run",        "ext",  "prefs", "config",
				  "refresh", "popup",  "checkpoint", "sync", "open",  "help"};
	int all = 1;
	for (size_t i = 0; i < nitems(contract); i++)
		all &= cmd_find(cmd_table, contract[i]) != NULL;
	ok(all, "every command of the CLI contract is in the table");
	ok(provider_find("gh") == provider_find("github") && provider_find("gh") != NULL,
	   "providers are found by alias");
	ok(provider_find("cf") != NULL &&
		   provider_for_type("cloudflare-account") == provider_find("cf"),
	   "providers are found by remote type");
	strv_free(&names);
}

static void
test_args(void)
{
	static const struct cmd_option opts[] = {
		{"json", 'j', ARG_NONE, NULL, ""},
		{"limit", 'n', ARG_REQUIRED, "N", ""},
		{"arg", 'a', ARG_REQUIRED, "K=V", ""},
		{"long-only", 0, ARG_NONE, NULL, ""},
		{NULL, 0, 0, NULL, NULL},
	};
	char *cause = NULL;
	char *argv1[] = {"x",   "foo",       "--json", "-n",          "5",
			 "bar", "--arg=a=1", "-ab=2",  "--long-only", NULL};
	struct args *a = args_parse(opts, 9, argv1, &cause);
	ok(a != NULL, "parse mixed options and positionals");
	is_int(a->argc, 2, "two positionals");
	is_str(a->argv[0], "foo", "first positional");
	is_str(a->argv[1], "bar", "options may follow positionals");
	ok(args_has(a, "json") && args_has(a, "long-only"), "flags");
	long n = 0;
	is_int(args_get_long(a, "limit", 1, 100, &n, &cause), 0, "integer option");
	is_int(n, 5, "its value");
	struct strv all = STRV_INIT;
	args_get_all(a, "arg", &all);
	ok(all.n == 2 && strcmp(all.v[0], "a=1") == 0 && strcmp(all.v[1], "b=2") == 0,
	   "repeatable option keeps every value in order");
	strv_free(&all);
	is_int(a->dashdash, -1, "no --");
	args_free(a);

	char *argv2[] = {"x", "id", "-j", "--", "-n", "--json", NULL};
	a = args_parse(opts, 6, argv2, &cause);
	ok(a != NULL && a->argc == 3 && a->dashdash == 1, "-- ends options");
	ok(a != NULL && strcmp(a->argv[1], "-n") == 0 && strcmp(a->argv[2], "--json") == 0,
	   "arguments after -- are kept verbatim");
	ok(a != NULL && args_has(a, "json"), "options before -- still count");
	args_free(a);

	char *argv3[] = {"x", "--limit", "--", "y", NULL};
	a = args_parse(opts, 4, argv3, &cause);
	ok(a != NULL && strcmp(args_get(a, "limit"), "--") == 0 && a->argc == 1,
	   "an option value of \"--\" is a value, not the end of options");
	args_free(a);

	char *argv4[] = {"x", "--nope", NULL};
	a = args_parse(opts, 2, argv4, &cause);
	ok(a == NULL && cause != NULL && strstr(cause, "unknown option '--nope'"),
	   "unknown long option: %s", cause ? cause : "");
	free(cause), cause = NULL;
	char *argv5[] = {"x", "-z", NULL};
	a = args_parse(opts, 2, argv5, &cause);
	ok(a == NULL && cause != NULL && strstr(cause, "unknown option '-z'"),
	   "unknown short option: %s", cause ? cause : "");
	free(cause), cause = NULL;
	char *argv6[] = {"x", "--limit", NULL};
	a = args_parse(opts, 2, argv6, &cause);
	ok(a == NULL && cause != NULL && strstr(cause, "needs a value"), "missing value: %s",
	   cause ? cause : "");
	free(cause), cause = NULL;
	char *argv7[] = {"x", "-n", "abc", NULL};
	a = args_parse(opts, 3, argv7, &cause);
	int rc_long = args_get_long(a, "limit", 1, 10, &n, &cause);
	ok(rc_long == -1 && cause != NULL && strstr(cause, "'abc'"),
	   "non-numeric value names itself: %s", cause ? cause : "");
	free(cause), cause = NULL;
	args_free(a);
	char *argv8[] = {"x", "-n", "99", NULL};
	a = args_parse(opts, 3, argv8, &cause);
	ok(args_get_long(a, "limit", 1, 10, &n, &cause) == -1, "out-of-range value refused");
	free(cause), cause = NULL;
	args_free(a);
	char *argv9[] = {"x", "--help", NULL};
	a = args_parse(opts, 2, argv9, &cause);
	ok(a != NULL && a->help, "--help is accepted by every command");
	args_free(a);
	args_free(NULL);
}

int
main(void)
{
	test_table_shape();
	test_args();
	test_man_page();
	return done_testing();
}
