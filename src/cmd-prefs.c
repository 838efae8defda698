/* chitty prefs: an extension's stored preferences. */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "config.h"
#include "extension.h"
#include "jsonutil.h"
#include "msg.h"
#include "prefs.h"
#include "registry.h"
#include "strbuf.h"
#include "suggest.h"
#include "table.h"

/*
 * The registry, the extension and (for EXT/COMMAND) the command a target
 * names, or an error (1) said plainly.  *cmd is NULL for a bare EXT.
 */
static int
find_target(const char *target, struct ext_registry **reg, struct extension **ext,
	    struct ext_command **cmd)
{
	struct config *config = config_load_lenient(NULL);
	*reg = ext_registry_load(config);
	config_free(config);
	*cmd = NULL;
	const char *slash = strchr(target, '/');
	char *name = slash != NULL ? xstrndup(target, (size_t)(slash - target)) : xstrdup(target);
	*ext = ext_registry_find(*reg, name);
	if (*ext == NULL) {
		const char *near = ext_registry_suggest(*reg, name);
		if (near != NULL)
			msg_error("no extension '%s' (did you mean '%s'?)", name, near);
		else
			msg_error("no extension '%s' (see 'chitty ext list')", name);
	} else if (slash != NULL && (*cmd = extension_find_command(*ext, slash + 1)) == NULL) {
		const char **slugs = xcalloc((*ext)->n_commands + 1, sizeof *slugs);
		for (size_t i = 0; i < (*ext)->n_commands; i++)
			slugs[i] = (*ext)->commands[i]->slug;
		const char *near = suggest_nearest(slash + 1, slugs, (*ext)->n_commands);
		if (near != NULL)
			msg_error("extension '%s' has no command '%s' (did you mean '%s/%s'?)",
				  name, slash + 1, name, near);
		else
			msg_error("extension '%s' has no command '%s' (see 'chitty ext list')",
				  name, slash + 1);
		free(slugs);
		*ext = NULL;
	}
	free(name);
	if (*ext != NULL)
		return 0;
	ext_registry_free(*reg);
	*reg = NULL;
	return 1;
}

/*
 * The rows `prefs list` shows: for EXT every declared preference (the
 * extension's, then each command's own); for EXT/COMMAND those that apply
 * to the command.  A new array; returns its length.
 */
static size_t
collect(const struct extension *ext, const struct ext_command *cmd, struct prefs_slot **rows)
{
	if (cmd != NULL)
		return prefs_applicable(cmd, rows);
	size_t n = 0, cap = ext->n_preferences;
	for (size_t c = 0; c < ext->n_commands; c++)
		cap += ext->commands[c]->n_preferences;
	*rows = xcalloc(cap + 1, sizeof **rows);
	for (size_t i = 0; i < ext->n_preferences; i++)
		(*rows)[n++] = (struct prefs_slot){&ext->preferences[i], ext, NULL};
	for (size_t c = 0; c < ext->n_commands; c++)
		for (size_t i = 0; i < ext->commands[c]->n_preferences; i++)
			(*rows)[n++] = (struct prefs_slot){&ext->commands[c]->preferences[i], ext,
							   ext->commands[c]};
	return n;
}

/* The value that applies (stored, else default) and where it came from. */
static char *
current_value(const cJSON *stored, const struct prefs_slot *slot, const char **source)
{
	char *text = prefs_stored(stored, slot);
	if (text != NULL) {
		*source = "set";
		return text;
	}
	if (slot->pref->default_value != NULL) {
		*source = "default";
		return xstrdup(slot->pref->default_value);
	}
	*source = "none";
	return NULL;
}

static int
prefs_list_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	struct ext_registry *reg;
	struct extension *ext;
	struct ext_command *cmd;
	if (find_target(args->argv[0], &reg, &ext, &cmd) != 0)
		return 1;
	char *cause = NULL;
	cJSON *stored = prefs_load(ext->name, &cause);
	if (stored == NULL) {
		msg_warn("%s", cause);
		free(cause);
	}
	struct prefs_slot *rows;
	size_t n = collect(ext, cmd, &rows);
	if (args_has(args, "json")) {
		cJSON *array = cJSON_CreateArray();
		for (size_t i = 0; i < n; i++) {
			const struct ext_preference *p = rows[i].pref;
			const char *source;
			char *value = current_value(stored, &rows[i], &source);
			cJSON *o = cJSON_CreateObject();
			cJSON_AddStringToObject(o, "id", p->name);
			cJSON_AddStringToObject(o, "title", p->title != NULL ? p->title : p->name);
			cJSON_AddStringToObject(o, "name", p->name);
			cJSON_AddStringToObject(o, "type", pref_type_name(p->type));
			cJSON_AddBoolToObject(o, "required", p->required);
			if (value != NULL)
				cJSON_AddStringToObject(o, "value", prefs_display(p, value));
			else
				cJSON_AddNullToObject(o, "value");
			cJSON_AddStringToObject(o, "source", source);
			if (p->description != NULL)
				cJSON_AddStringToObject(o, "description", p->description);
			if (rows[i].cmd != NULL)
				cJSON_AddStringToObject(o, "command", rows[i].cmd->slug);
			if (p->n_data > 0) {
				cJSON *values = cJSON_AddArrayToObject(o, "values");
				for (size_t j = 0; j < p->n_data; j++)
					cJSON_AddItemToArray(values,
							     cJSON_CreateString(p->data[j].value));
			}
			cJSON_AddItemToArray(array, o);
			free(value);
		}
		json_print(stdout, array);
		cJSON_Delete(array);
	} else if (n == 0) {
		msg_info("%s has no preferences", args->argv[0]);
	} else {
		static const char *const headers[] = {"NAME",  "TYPE", "REQUIRED",
						      "VALUE", "FROM", "DESCRIPTION"};
		struct table *t = table_create(6, headers);
		for (size_t i = 0; i < n; i++) {
			const struct ext_preference *p = rows[i].pref;
			const char *source;
			char *value = current_value(stored, &rows[i], &source);
			char *name = rows[i].cmd != NULL
					     ? xasprintf("%s (%s)", p->name, rows[i].cmd->slug)
					     : xstrdup(p->name);
			const char *row[] = {name,
					     pref_type_name(p->type),
					     p->required ? "yes" : "no",
					     value != NULL ? prefs_display(p, value) : "-",
					     source,
					     p->description};
			table_add_row(t, row);
			free(name);
			free(value);
		}
		table_print(t, stdout, terminal_width(1));
		table_free(t);
	}
	free(rows);
	cJSON_Delete(stored);
	ext_registry_free(reg);
	return 0;
}

static int
prefs_get_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	struct ext_registry *reg;
	struct extension *ext;
	struct ext_command *cmd;
	if (find_target(args->argv[0], &reg, &ext, &cmd) != 0)
		return 1;
	const char *name = args->argv[1];
	struct prefs_slot slot;
	char *cause = NULL;
	int rc = 1;
	if (prefs_resolve(ext, cmd, name, &slot, &cause) != 0)
		msg_error("%s", cause);
	else {
		cJSON *stored = prefs_load(ext->name, NULL);
		const char *source;
		char *value = current_value(stored, &slot, &source);
		if (value == NULL)
			msg_error("'%s' has no value: it is not set and has no default", name);
		else {
			printf("%s\n", prefs_display(slot.pref, value));
			rc = 0;
		}
		free(value);
		cJSON_Delete(stored);
	}
	free(cause);
	ext_registry_free(reg);
	return rc;
}

/* "-" reads the value from stdin, so a secret stays out of argv and shell history. */
static char *
read_value(const char *arg)
{
	if (strcmp(arg, "-") != 0)
		return xstrdup(arg);
	struct strbuf sb = STRBUF_INIT;
	int c;
	while ((c = getchar()) != EOF && c != '\n' && sb.len < 65536)
		sb_addc(&sb, (char)c);
	if (sb.len > 0 && sb.s[sb.len - 1] == '\r')
		sb_truncate(&sb, sb.len - 1);
	return sb_detach(&sb);
}

static int
prefs_set_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	struct ext_registry *reg;
	struct extension *ext;
	struct ext_command *cmd;
	if (find_target(args->argv[0], &reg, &ext, &cmd) != 0)
		return 1;
	const char *name = args->argv[1];
	struct prefs_slot slot;
	int rc = 1;
	char *cause = NULL;
	char *value = read_value(args->argv[2]);
	if (prefs_resolve(ext, cmd, name, &slot, &cause) != 0)
		msg_error("%s", cause);
	else {
		/* an empty value forgets the stored one: the default applies again */
		int unset = *value == '\0';
		if ((unset ? prefs_unset(ext, cmd, name, &cause)
			   : prefs_set(ext, cmd, name, value, &cause)) != 0)
			msg_error("%s", cause);
		else {
			/* say where it went: EXT, or EXT/COMMAND for a command's own */
			char *target = prefs_slot_target(&slot);
			printf("%s %s %s\n", unset ? "unset" : "set", target, name);
			free(target);
			rc = 0;
		}
	}
	free(cause);
	free(value);
	ext_registry_free(reg);
	return rc;
}

static const struct cmd_option json_only[] = {
	{"json", 'j', ARG_NONE, NULL, "print JSON"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_entry prefs_list_entry = {
	.name = "list",
	.usage = "[--json] EXTENSION[/COMMAND]",
	.summary = "List an extension's (or a command's) preferences and their values",
	.options = json_only,
	.args_min = 1,
	.args_max = 1,
	.exec = prefs_list_exec,
};
static const struct cmd_entry prefs_get_entry = {
	.name = "get",
	.usage = "EXTENSION[/COMMAND] NAME",
	.summary = "Print one preference's value",
	.args_min = 2,
	.args_max = 2,
	.exec = prefs_get_exec,
};
static const struct cmd_entry prefs_set_entry = {
	.name = "set",
	.usage = "EXTENSION[/COMMAND] NAME VALUE|-",
	.summary = "Set a preference (checked against its type; - reads stdin)",
	.args_min = 3,
	.args_max = 3,
	.exec = prefs_set_exec,
};

static const struct cmd_entry *const prefs_subcommands[] = {
	&prefs_list_entry,
	&prefs_get_entry,
	&prefs_set_entry,
	NULL,
};

const struct cmd_entry cmd_prefs_entry = {
	.name = "prefs",
	.summary = "Show and set extension preferences",
	.subcommands = prefs_subcommands,
};
