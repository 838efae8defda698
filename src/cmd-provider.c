/*
 * `chitty PROVIDER RESOURCE [RESOURCE…] VERB [ARGS] [--remote NAME] [--json]`,
 * generated from the provider table: help at every level, the remote chosen
 * among the configured ones, the verb run, its output as a table or JSON.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "config.h"
#include "jsonutil.h"
#include "msg.h"
#include "provider.h"
#include "remote-conf.h"
#include "secret.h"
#include "strbuf.h"
#include "suggest.h"
#include "table.h"

static const struct cmd_option common_options[] = {
	{"remote", 'r', ARG_REQUIRED, "NAME", "the remote to use (when several are configured)"},
	{"json", 'j', ARG_NONE, NULL, "print a JSON array of objects"},
	{NULL, 0, 0, NULL, NULL},
};

static int
is_help(const char *arg)
{
	return strcmp(arg, "--help") == 0 || strcmp(arg, "-h") == 0;
}

/* The verb's options followed by the common ones: a new table. */
static struct cmd_option *
verb_options(const struct provider_verb *v)
{
	size_t n = 0;
	while (v->options != NULL && v->options[n].name != NULL)
		n++;
	struct cmd_option *all = xcalloc(n + nitems(common_options), sizeof *all);
	for (size_t i = 0; i < n; i++)
		all[i] = v->options[i];
	for (size_t i = 0; i < nitems(common_options); i++)
		all[n + i] = common_options[i];
	return all;
}

static char *
verb_usage(const struct provider_verb *v)
{
	return xasprintf("%s%s[--remote NAME] [--json]", v->usage != NULL ? v->usage : "",
			 v->usage != NULL && *v->usage != '\0' ? " " : "");
}

static void
print_verb_line(FILE *fp, const char *words, const struct provider_verb *v)
{
	char *line = xasprintf("%s%s%s", words, v->usage != NULL && *v->usage != '\0' ? " " : "",
			       v->usage != NULL ? v->usage : "");
	if (strlen(line) > 34)
		fprintf(fp, "  %s\n  %-34s %s\n", line, "", v->summary);
	else
		fprintf(fp, "  %-34s %s\n", line, v->summary);
	free(line);
}

/* Every verb below res, one line each, prefixed by the path so far. */
static void
print_verbs(FILE *fp, const struct provider_resource *res, const char *prefix)
{
	if (res->run != NULL) {
		char *words = xasprintf("%s%s", prefix, res->name);
		print_verb_line(fp, words, res->run);
		free(words);
	}
	for (size_t i = 0; res->verbs != NULL && res->verbs[i] != NULL; i++) {
		char *words = xasprintf("%s%s %s", prefix, res->name, res->verbs[i]->name);
		print_verb_line(fp, words, res->verbs[i]);
		free(words);
	}
	char *deeper = xasprintf("%s%s ", prefix, res->name);
	for (size_t i = 0; res->subresources != NULL && res->subresources[i] != NULL; i++)
		print_verbs(fp, res->subresources[i], deeper);
	free(deeper);
}

static void
print_provider_help(FILE *fp, const struct provider *p)
{
	fprintf(fp, "usage: chitty %s RESOURCE VERB [ARGS]... [--remote NAME] [--json]\n\n%s.\n",
		p->name, p->summary);
	if (p->aliases[0] != NULL) {
		fprintf(fp, "\nAlias:");
		for (size_t i = 0; p->aliases[i] != NULL; i++)
			fprintf(fp, " %s", p->aliases[i]);
		fprintf(fp, "\n");
	}
	fprintf(fp, "\nRemote types:");
	for (size_t i = 0; p->types[i] != NULL; i++)
		fprintf(fp, " %s", p->types[i]);
	fprintf(fp, "\n");
	if (p->resources != NULL) {
		fprintf(fp, "\nCommands:\n");
		for (size_t i = 0; p->resources[i] != NULL; i++)
			print_verbs(fp, p->resources[i], "");
	}
	fprintf(fp,
		"\nEvery command takes --remote NAME (needed when several %s remotes are\n"
		"configured) and --json.  Add a remote with 'chitty config add %s NAME'.\n",
		p->title, p->types[0]);
}

static void
print_resource_help(FILE *fp, const char *path, const struct provider_resource *res)
{
	fprintf(fp, "usage: %s VERB [ARGS]... [--remote NAME] [--json]\n\n%s.\n\nCommands:\n", path,
		res->summary);
	/* Lines read as in the provider's help: "actions secrets list". */
	const char *rest = path;
	for (int words = 0; words < 2 && strchr(rest, ' ') != NULL; words++)
		rest = strchr(rest, ' ') + 1;
	char *prefix = xstrdup(rest);
	char *space = strrchr(prefix, ' ');
	if (space != NULL)
		space[1] = '\0';
	else
		*prefix = '\0';
	print_verbs(fp, res, prefix);
	free(prefix);
}

static void
print_verb_help(FILE *fp, const char *path, const struct provider_verb *v)
{
	struct cmd_option *options = verb_options(v);
	char *usage = verb_usage(v);
	struct cmd_entry entry = {
		.name = v->name,
		.usage = usage,
		.summary = v->summary,
		.options = options,
	};
	cmd_print_help(fp, &entry, path);
	free(usage);
	free(options);
}

/* "unknown github resource 'isues' (did you mean 'issues'?)" */
static int
unknown(const char *what, const char *word, const struct provider_resource *const *resources,
	const struct provider_verb *const *verbs, const char *help_path)
{
	struct strv names = STRV_INIT;
	for (size_t i = 0; resources != NULL && resources[i] != NULL; i++)
		strv_push(&names, resources[i]->name);
	for (size_t i = 0; verbs != NULL && verbs[i] != NULL; i++)
		strv_push(&names, verbs[i]->name);
	const char *near = suggest_nearest(word, (const char *const *)names.v, names.n);
	if (near != NULL)
		msg_error("unknown %s '%s' (did you mean '%s'?)", what, word, near);
	else
		msg_error("unknown %s '%s' (see '%s --help')", what, word, help_path);
	strv_free(&names);
	return EXIT_USAGE;
}

/* The configured remotes this verb can use. */
static void
candidates(const struct config *config, const struct provider *p, const struct provider_verb *v,
	   struct strv *out, struct strv *other_types)
{
	struct strv names = STRV_INIT;
	remotes_list(config, &names);
	for (size_t i = 0; i < names.n; i++) {
		const char *type =
			remote_type_resolve(json_string(remotes_get(config, names.v[i]), "type"));
		if (type == NULL || provider_for_type(type) != p)
			continue;
		if (provider_verb_serves(v, type))
			strv_push(out, names.v[i]);
		else
			strv_push(other_types, names.v[i]);
	}
	strv_free(&names);
}

static struct remote *
choose_remote(const struct config *config, const struct provider *p, const struct provider_verb *v,
	      const char *path, const char *wanted, int *rc)
{
	char *cause = NULL;
	*rc = 1;
	if (wanted != NULL) {
		struct remote *r = remote_open(config, wanted, &cause);
		if (r == NULL) {
			msg_error("%s", cause);
			free(cause);
			return NULL;
		}
		if (r->provider != p) {
			msg_error("remote '%s' is a %s remote, not %s", wanted, r->type, p->title);
			remote_close(r);
			return NULL;
		}
		if (!provider_verb_serves(v, r->type)) {
			msg_error("'%s' works on %s remotes; '%s' is a %s remote", path,
				  v->types[0], wanted, r->type);
			remote_close(r);
			return NULL;
		}
		return r;
	}
	struct strv names = STRV_INIT, others = STRV_INIT;
	candidates(config, p, v, &names, &others);
	struct remote *r = NULL;
	if (names.n == 1) {
		r = remote_open(config, names.v[0], &cause);
		if (r == NULL) {
			msg_error("%s", cause);
			free(cause);
		}
	} else if (names.n == 0 && others.n > 0) {
		msg_error("'%s' works on %s remotes, and none is configured", path, v->types[0]);
	} else if (names.n == 0) {
		msg_error("no %s remote is configured (add one with 'chitty config add %s NAME "
			  "--set …')",
			  p->title, p->types[0]);
	} else {
		char *list = strv_join(&names, ", ");
		msg_error("several %s remotes are configured (%s): choose one with --remote NAME",
			  p->title, list);
		free(list);
		*rc = EXIT_USAGE;
	}
	strv_free(&names);
	strv_free(&others);
	return r;
}

/* A cell of the human table: strings, numbers, booleans, arrays joined. */
static char *
cell_text(const cJSON *v)
{
	if (cJSON_IsString(v))
		return xstrdup(v->valuestring);
	if (cJSON_IsNumber(v))
		return xasprintf("%.15g", v->valuedouble);
	if (cJSON_IsBool(v))
		return xstrdup(cJSON_IsTrue(v) ? "yes" : "no");
	if (cJSON_IsArray(v)) {
		struct strv parts = STRV_INIT;
		const cJSON *e;
		cJSON_ArrayForEach (e, v) {
			const char *name = cJSON_IsObject(e) ? json_string(e, "name") : NULL;
			if (name != NULL)
				strv_push(&parts, name);
			else if (!cJSON_IsObject(e) && !cJSON_IsArray(e)) {
				char *t = cell_text(e);
				strv_push_owned(&parts, t);
			}
		}
		char *joined = strv_join(&parts, ", ");
		strv_free(&parts);
		return joined;
	}
	return xstrdup("");
}

static void
print_table(const struct provider_verb *v, const cJSON *rows)
{
	static const struct provider_column default_columns[] = {
		{"ID", "id"},
		{"TITLE", "title"},
		{NULL, NULL},
	};
	const struct provider_column *cols = v->columns != NULL ? v->columns : default_columns;
	size_t ncols = 0;
	while (cols[ncols].header != NULL)
		ncols++;
	const char **headers = xcalloc(ncols, sizeof *headers);
	for (size_t i = 0; i < ncols; i++)
		headers[i] = cols[i].header;
	struct table *t = table_create(ncols, headers);
	char **cells = xcalloc(ncols, sizeof *cells);
	const cJSON *row;
	cJSON_ArrayForEach (row, rows) {
		for (size_t i = 0; i < ncols; i++)
			cells[i] = cell_text(json_path(row, cols[i].key));
		table_add_row(t, (const char *const *)cells);
		for (size_t i = 0; i < ncols; i++)
			free(cells[i]);
	}
	table_print(t, stdout, terminal_width(1));
	table_free(t);
	free(cells);
	free(headers);
}

static int
run_verb(const struct provider *p, const struct provider_verb *v, const char *path, int argc,
	 char **argv)
{
	struct cmd_option *options = verb_options(v);
	char *cause = NULL;
	struct args *args = args_parse(options, argc, argv, &cause);
	char *usage = verb_usage(v);
	struct cmd_entry entry = {.name = v->name, .usage = usage, .options = options};
	int rc = 1;
	if (args == NULL) {
		rc = cmd_usage_error(&entry, path, "%s", cause);
		free(cause);
		goto out;
	}
	if (args->help) {
		print_verb_help(stdout, path, v);
		rc = 0;
		goto out;
	}
	if (args->argc < v->args_min) {
		rc = cmd_usage_error(&entry, path, "missing argument");
		goto out;
	}
	if (v->args_max >= 0 && args->argc > v->args_max) {
		rc = cmd_usage_error(&entry, path, "too many arguments ('%s')",
				     args->argv[v->args_max]);
		goto out;
	}

	struct config *config = remotes_load_config();
	if (config == NULL)
		goto out;
	remotes_warn_loose_secrets(config);
	struct remote *r = choose_remote(config, p, v, path, args_get(args, "remote"), &rc);
	config_free(config);
	if (r == NULL)
		goto out;

	struct verb_call call = {.remote = r, .args = args, .json = args_has(args, "json")};
	struct verb_output vo = {0};
	int status = v->exec(&call, &vo, &cause);
	if (status < 0) {
		char *masked = remote_scrub(r, cause != NULL ? cause : "failed");
		if (status == VERB_USAGE)
			rc = cmd_usage_error(&entry, path, "%s", masked);
		else {
			msg_error("%s", masked);
			rc = 1;
		}
		free(masked);
		free(cause);
	} else {
		rc = 0;
		if (vo.rows != NULL)
			secret_scrub_json(vo.rows, &r->secrets);
		if (vo.raw != NULL) {
			size_t len;
			char *masked = secret_scrub_bytes(vo.raw, vo.raw_len, &r->secrets, &len);
			fwrite(masked, 1, len, stdout);
			free(masked);
		} else if (call.json) {
			cJSON *rows = vo.rows != NULL ? vo.rows : cJSON_CreateArray();
			json_print(stdout, rows);
			if (rows != vo.rows)
				cJSON_Delete(rows);
		} else if (vo.text != NULL) {
			char *masked = remote_scrub(r, vo.text);
			fputs(masked, stdout);
			if (*masked != '\0' && masked[strlen(masked) - 1] != '\n')
				fputc('\n', stdout);
			free(masked);
		} else if (vo.rows != NULL && cJSON_GetArraySize(vo.rows) > 0)
			print_table(v, vo.rows);
		else
			msg_info("nothing to list");
	}
	verb_output_clear(&vo);
	remote_close(r);
out:
	args_free(args);
	free(usage);
	free(options);
	return rc;
}

int
provider_cmd_main(const struct provider *p, int argc, char **argv)
{
	if (argc < 2 || is_help(argv[1])) {
		int asked = argc >= 2;
		print_provider_help(asked ? stdout : stderr, p);
		return asked ? 0 : EXIT_USAGE;
	}
	if (!provider_is_built(p)) {
		msg_error("'chitty %s' is not implemented yet", p->name);
		return EXIT_USAGE;
	}
	char *help_path = xasprintf("chitty %s", p->name);
	const struct provider_resource *res = provider_resource_find(p->resources, argv[1]);
	if (res == NULL) {
		char *what = xasprintf("%s resource", p->name);
		int rc = unknown(what, argv[1], p->resources, NULL, help_path);
		free(what);
		free(help_path);
		return rc;
	}
	struct strbuf path = STRBUF_INIT;
	sb_addf(&path, "chitty %s %s", p->name, res->name);
	int i = 2, rc;
	for (;;) {
		if (res->run != NULL && i < argc && is_help(argv[i])) {
			print_verb_help(stdout, sb_str(&path), res->run);
			rc = 0;
			break;
		}
		if (res->run == NULL && (i >= argc || is_help(argv[i]))) {
			int asked = i < argc;
			print_resource_help(asked ? stdout : stderr, sb_str(&path), res);
			rc = asked ? 0 : EXIT_USAGE;
			break;
		}
		const struct provider_verb *v = i < argc ? provider_verb_find(res, argv[i]) : NULL;
		if (v != NULL) {
			sb_addf(&path, " %s", v->name);
			rc = run_verb(p, v, sb_str(&path), argc - i, argv + i);
			break;
		}
		const struct provider_resource *sub =
			i < argc ? provider_resource_find(res->subresources, argv[i]) : NULL;
		if (sub == NULL && res->run != NULL) {
			/* `chitty notion search QUERY`: the resource's own command. */
			rc = run_verb(p, res->run, sb_str(&path), argc - i + 1, argv + i - 1);
			break;
		}
		if (sub == NULL) {
			char *what = xasprintf("%s command", sb_str(&path));
			rc = unknown(what, argv[i], res->subresources, res->verbs, sb_str(&path));
			free(what);
			break;
		}
		res = sub;
		sb_addf(&path, " %s", sub->name);
		i++;
	}
	sb_free(&path);
	free(help_path);
	return rc;
}
