/* chitty config: remotes in config.json (no command: the "New remote" form). */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "launcher.h"
#include "config.h"
#include "input.h"
#include "jsonutil.h"
#include "msg.h"
#include "provider.h"
#include "remote-cache.h"
#include "remote-conf.h"
#include "remote-edit.h"
#include "strbuf.h"
#include "suggest.h"
#include "table.h"

static const struct cmd_option json_only[] = {
	{"json", 'j', ARG_NONE, NULL, "print JSON"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_option add_options[] = {
	{"set", 's', ARG_REQUIRED, "KEY=VALUE",
	 "set a field of the remote (repeatable; VALUE - "
	 "reads it from stdin)"},
	{"no-test", 0, ARG_NONE, NULL, "save without testing the connection"},
	{"force", 'f', ARG_NONE, NULL, "replace a remote of the same name"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_option form_options[] = {
	{"no-test", 0, ARG_NONE, NULL, "save without testing the connection"},
	{NULL, 0, 0, NULL, NULL},
};

/* The provider and canonical type of a configured remote, or NULLs. */
static const struct provider *
remote_provider(const cJSON *conf, const char **type)
{
	*type = remote_type_resolve(json_string(conf, "type"));
	return *type != NULL ? provider_for_type(*type) : NULL;
}

/* "42 items, 3 min ago" for a remote's cache, or "none". */
static char *
cache_summary(const char *name, const char *type, const cJSON *conf, cJSON *json)
{
	char *path = remote_cache_path(name);
	struct remote_cache cache;
	char *text;
	if (remote_cache_load(path, &cache, NULL, NULL) == 0) {
		double age = remote_now() - cache.fetched_at;
		char *fingerprint = remote_fingerprint(type, conf);
		int fresh = remote_cache_fresh(&cache, fingerprint, remote_ttl(conf), remote_now());
		free(fingerprint);
		if (age < 0)
			age = 0;
		if (age < 120)
			text = xasprintf("%zu items, %.0f s ago", cache.n, age);
		else if (age < 7200)
			text = xasprintf("%zu items, %.0f min ago", cache.n, age / 60);
		else
			text = xasprintf("%zu items, %.0f h ago", cache.n, age / 3600);
		if (!fresh) {
			char *longer = xasprintf("%s (stale)", text);
			free(text);
			text = longer;
		}
		if (json != NULL) {
			cJSON *c = cJSON_AddObjectToObject(json, "cache");
			cJSON_AddNumberToObject(c, "items", (double)cache.n);
			cJSON_AddNumberToObject(c, "fetchedAt", cache.fetched_at);
			cJSON_AddBoolToObject(c, "fresh", fresh);
		}
		remote_cache_clear(&cache);
	} else {
		text = xstrdup("none");
		if (json != NULL)
			cJSON_AddNullToObject(json, "cache");
	}
	free(path);
	return text;
}

/* The remote's settings with secrets masked: a new JSON object. */
static cJSON *
masked_fields(const struct provider *p, const char *type, const cJSON *conf)
{
	cJSON *fields = cJSON_CreateObject();
	const cJSON *v;
	cJSON_ArrayForEach (v, conf) {
		if (v->string == NULL || strcmp(v->string, "type") == 0)
			continue;
		const struct provider_field *f =
			p != NULL ? provider_field(p, type, v->string) : NULL;
		char *shown = remote_display_value(f, v->string, v);
		if (cJSON_IsString(v) || strcmp(shown, "••••••") == 0)
			cJSON_AddStringToObject(fields, v->string, shown);
		else
			cJSON_AddItemToObject(fields, v->string, cJSON_Duplicate(v, 1));
		free(shown);
	}
	return fields;
}

/* "owner=octo repo=hello": the remote's non-secret settings, for a table cell. */
static char *
target_summary(const struct provider *p, const char *type, const cJSON *conf)
{
	struct strbuf sb = STRBUF_INIT;
	const cJSON *v;
	cJSON_ArrayForEach (v, conf) {
		if (v->string == NULL || strcmp(v->string, "type") == 0 ||
		    strcmp(v->string, "ttl") == 0)
			continue;
		const struct provider_field *f =
			p != NULL ? provider_field(p, type, v->string) : NULL;
		char *shown = remote_display_value(f, v->string, v);
		if (strcmp(shown, "••••••") != 0 && !(f != NULL && (f->flags & FIELD_SECRET)))
			sb_addf(&sb, "%s%s=%s", sb.len > 0 ? " " : "", v->string, shown);
		free(shown);
	}
	return sb_detach(&sb);
}

static int
config_list_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	struct config *config = remotes_load_config();
	if (config == NULL)
		return 1;
	struct strv names = STRV_INIT;
	remotes_list(config, &names);
	int json = args_has(args, "json");
	cJSON *array = cJSON_CreateArray();
	static const char *const headers[] = {"NAME", "TYPE", "SETTINGS", "CACHE"};
	struct table *t = table_create(4, headers);
	for (size_t i = 0; i < names.n; i++) {
		const cJSON *conf = remotes_get(config, names.v[i]);
		const char *type;
		const struct provider *p = remote_provider(conf, &type);
		const char *typed = json_string(conf, "type");
		cJSON *o = cJSON_CreateObject();
		cJSON_AddStringToObject(o, "id", names.v[i]);
		cJSON_AddStringToObject(o, "title", names.v[i]);
		cJSON_AddStringToObject(o, "name", names.v[i]);
		cJSON_AddStringToObject(o, "type", type != NULL ? type : typed ? typed : "");
		cJSON_AddStringToObject(o, "provider", p != NULL ? p->name : "");
		cJSON_AddItemToObject(o, "fields", masked_fields(p, type, conf));
		char *cache = p != NULL && type != NULL ? cache_summary(names.v[i], type, conf, o)
							: xstrdup("none");
		char *settings = target_summary(p, type, conf);
		char *type_cell = type != NULL ? xstrdup(type)
					       : xasprintf("%s (unknown)", typed ? typed : "?");
		const char *cells[] = {names.v[i], type_cell, settings, cache};
		table_add_row(t, cells);
		free(type_cell);
		free(settings);
		free(cache);
		cJSON_AddItemToArray(array, o);
	}
	if (json)
		json_print(stdout, array);
	else if (names.n == 0)
		msg_info("no remotes are configured (add one with 'chitty config' or 'chitty "
			 "config add TYPE NAME --set KEY=VALUE…')");
	else
		table_print(t, stdout, terminal_width(1));
	table_free(t);
	cJSON_Delete(array);
	strv_free(&names);
	config_free(config);
	return 0;
}

static int
no_such_remote(const struct config *config, const char *name)
{
	char *cause = NULL;
	remote_close(remote_open(config, name, &cause));
	msg_error("%s", cause != NULL ? cause : "no such remote");
	free(cause);
	return 1;
}

static int
config_show_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	struct config *config = remotes_load_config();
	if (config == NULL)
		return 1;
	const char *name = args->argv[0];
	const cJSON *conf = remotes_get(config, name);
	if (conf == NULL) {
		int rc = no_such_remote(config, name);
		config_free(config);
		return rc;
	}
	const char *type;
	const struct provider *p = remote_provider(conf, &type);
	const char *typed = json_string(conf, "type");
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", name);
	cJSON_AddStringToObject(o, "title", name);
	cJSON_AddStringToObject(o, "name", name);
	cJSON_AddStringToObject(o, "type", type != NULL ? type : typed ? typed : "");
	cJSON_AddStringToObject(o, "provider", p != NULL ? p->name : "");
	cJSON *fields = masked_fields(p, type, conf);
	cJSON_AddItemToObject(o, "fields", fields);
	char *cache =
		p != NULL && type != NULL ? cache_summary(name, type, conf, o) : xstrdup("none");
	if (args_has(args, "json")) {
		json_print(stdout, o);
	} else {
		struct table *t = table_create(2, NULL);
		const char *row[2] = {"name", name};
		table_add_row(t, row);
		char *type_text = p != NULL ? xasprintf("%s (%s)", type, p->title)
					    : xasprintf("%s (unknown type)", typed ? typed : "?");
		row[0] = "type", row[1] = type_text;
		table_add_row(t, row);
		free(type_text);
		/* The schema's fields first (with defaults), then the other keys. */
		const struct provider_field *schema[32];
		size_t n = p != NULL ? provider_fields(p, type, schema, nitems(schema)) : 0;
		for (size_t i = 0; i < n; i++) {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(fields, schema[i]->name);
			char *text;
			if (v != NULL)
				text = remote_display_value(NULL, "", v);
			else if (schema[i]->default_value != NULL)
				text = xasprintf("%s (default)", schema[i]->default_value);
			else if (strcmp(schema[i]->name, "apiUrl") == 0 && p->api_url != NULL)
				text = xasprintf("%s (default)", p->api_url);
			else
				text = xstrdup((schema[i]->flags & FIELD_REQUIRED) ? "(missing)"
										   : "-");
			row[0] = schema[i]->name, row[1] = text;
			table_add_row(t, row);
			free(text);
		}
		const cJSON *v;
		cJSON_ArrayForEach (v, fields) {
			if (p != NULL && provider_field(p, type, v->string) != NULL)
				continue;
			char *text = remote_display_value(NULL, "", v);
			row[0] = v->string, row[1] = text;
			table_add_row(t, row);
			free(text);
		}
		row[0] = "cache", row[1] = cache;
		table_add_row(t, row);
		table_print(t, stdout, terminal_width(1));
		table_free(t);
	}
	free(cache);
	cJSON_Delete(o);
	config_free(config);
	return 0;
}

/* A --set value of "-": the first line of stdin. */
static char *
stdin_value(char **cause)
{
	struct input in = {0};
	if (input_read_fd(0, "standard input", &in, cause) == -1)
		return NULL;
	size_t len = in.len;
	while (len > 0 && (in.data[len - 1] == '\n' || in.data[len - 1] == '\r'))
		len--;
	char *value = xstrndup(in.data, len);
	input_release(&in);
	return value;
}

static int
config_add_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	const char *typed = args->argv[0], *name = args->argv[1];
	const char *type = remote_type_resolve(typed);
	if (type == NULL) {
		struct strv types = STRV_INIT;
		provider_types(&types);
		const char *near = suggest_nearest(typed, (const char *const *)types.v, types.n);
		char *list = strv_join(&types, ", ");
		if (near != NULL)
			msg_error("unknown remote type '%s' (did you mean '%s'?)", typed, near);
		else
			msg_error("unknown remote type '%s' (types: %s)", typed, list);
		free(list);
		strv_free(&types);
		return EXIT_USAGE;
	}
	const struct provider *p = provider_for_type(type);
	if (!provider_is_built(p)) {
		msg_error("%s remotes are not implemented yet", p->title);
		return 1;
	}
	if (!remote_name_valid(name)) {
		msg_error("'%s' is not a valid remote name (letters, digits, '.', '_' and '-'; "
			  "starting with a letter or digit)",
			  name);
		return EXIT_USAGE;
	}
	int force = args_has(args, "force");
	if (!force && remote_edit_exists(name)) {
		msg_error("a remote called '%s' exists (use --force to replace it)", name);
		return 1;
	}

	cJSON *obj = cJSON_CreateObject();
	cJSON_AddStringToObject(obj, "type", type);
	struct strv sets = STRV_INIT;
	args_get_all(args, "set", &sets);
	char *cause = NULL;
	int rc = 0;
	for (size_t i = 0; i < sets.n && rc == 0; i++) {
		char *eq = strchr(sets.v[i], '=');
		if (eq == NULL || eq == sets.v[i]) {
			msg_error("--set takes KEY=VALUE, not '%s'", sets.v[i]);
			rc = EXIT_USAGE;
			break;
		}
		*eq = '\0';
		char *value = strcmp(eq + 1, "-") == 0 ? stdin_value(&cause) : xstrdup(eq + 1);
		if (value == NULL || remote_edit_set(obj, type, sets.v[i], value, &cause) == -1) {
			msg_error("%s", cause);
			free(cause);
			cause = NULL;
			rc = 1;
		}
		free(value);
	}
	strv_free(&sets);
	if (rc == 0 && remote_conf_validate(type, obj, &cause) == -1) {
		msg_error("%s", cause);
		free(cause);
		cause = NULL;
		rc = 1;
	}
	if (rc == 0 && !args_has(args, "no-test")) {
		char *message = NULL;
		if (remote_edit_test(name, obj, &message, &cause) == 0) {
			printf("%s\n", message);
			free(message);
		} else {
			msg_error("connection test failed: %s (nothing saved; --no-test saves "
				  "anyway)",
				  cause);
			free(cause);
			cause = NULL;
			rc = 1;
		}
	}
	if (rc != 0) {
		cJSON_Delete(obj);
		return rc;
	}
	char *path = NULL;
	if (remote_edit_save(name, obj, force, &path, &cause) == -1) {
		msg_error("%s", cause);
		free(cause);
		return 1;
	}
	char *line = remote_edit_added_line(name, type, path);
	printf("%s\n", line);
	free(line);
	free(path);
	return 0;
}

static int
config_remove_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	struct config *config = remotes_load_config();
	if (config == NULL)
		return 1;
	const char *name = args->argv[0];
	if (remotes_get(config, name) == NULL) {
		int rc = no_such_remote(config, name);
		config_free(config);
		return rc;
	}
	cJSON_DeleteItemFromObjectCaseSensitive(config_get(config, "remotes"), name);
	char *cause = NULL;
	if (config_save(config, &cause) == -1) {
		msg_error("%s", cause);
		free(cause);
		config_free(config);
		return 1;
	}
	char *cache = remote_cache_path(name);
	unlink(cache);
	free(cache);
	printf("removed remote '%s'\n", name);
	config_free(config);
	return 0;
}

static int
config_test_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	struct config *config = remotes_load_config();
	if (config == NULL)
		return 1;
	remotes_warn_loose_secrets(config);
	const char *name = args->argv[0];
	const cJSON *conf = remotes_get(config, name);
	int rc = 1;
	if (conf == NULL)
		rc = no_such_remote(config, name);
	else {
		char *message = NULL, *cause = NULL;
		if (remote_edit_test(name, conf, &message, &cause) == 0) {
			printf("%s: %s\n", name, message);
			rc = 0;
		} else
			msg_error("%s: %s", name, cause);
		free(message);
		free(cause);
	}
	config_free(config);
	return rc;
}

static int
config_form_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	return config_ui_main(!args_has(args, "no-test"));
}

static const struct cmd_entry config_list_entry = {
	.name = "list",
	.alias = "ls",
	.usage = "[--json]",
	.summary = "List configured remotes",
	.options = json_only,
	.args_max = 0,
	.exec = config_list_exec,
};
static const struct cmd_entry config_show_entry = {
	.name = "show",
	.usage = "[--json] NAME",
	.summary = "Show a remote (secrets masked)",
	.options = json_only,
	.args_min = 1,
	.args_max = 1,
	.exec = config_show_exec,
};
static const struct cmd_entry config_add_entry = {
	.name = "add",
	.usage = "TYPE NAME [--set KEY=VALUE]... [--no-test] [--force]",
	.summary = "Add a remote of TYPE",
	.options = add_options,
	.args_min = 2,
	.args_max = 2,
	.exec = config_add_exec,
};
static const struct cmd_entry config_remove_entry = {
	.name = "remove",
	.alias = "rm",
	.usage = "NAME",
	.summary = "Remove a remote (and its cached items)",
	.args_min = 1,
	.args_max = 1,
	.exec = config_remove_exec,
};
static const struct cmd_entry config_test_entry = {
	.name = "test",
	.usage = "NAME",
	.summary = "Test a remote's connection",
	.args_min = 1,
	.args_max = 1,
	.exec = config_test_exec,
};

static const struct cmd_entry *const config_subcommands[] = {
	&config_list_entry,   &config_show_entry, &config_add_entry,
	&config_remove_entry, &config_test_entry, NULL,
};

const struct cmd_entry cmd_config_entry = {
	.name = "config",
	.usage = "[--no-test]",
	.summary = "Add and manage remotes (no command: the \"New remote\" form)",
	.options = form_options,
	.args_max = 0,
	.subcommands = config_subcommands,
	.exec = config_form_exec,
};
