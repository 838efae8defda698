/* The extension model: construction and ownership (the loader fills it). */
#include "build-config.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "extension.h"
#include "xmalloc.h"

struct extension *
extension_create(const char *path)
{
	struct extension *ext = xcalloc(1, sizeof *ext);
	ext->path = xstrdup_or_null(path);
	ext->license = xstrdup("MIT");
	ext->enabled = 1;
	return ext;
}

static void
dropdown_free(struct dropdown_option *data, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(data[i].title);
		free(data[i].value);
	}
	free(data);
}

void
ext_preference_clear(struct ext_preference *p)
{
	free(p->name);
	free(p->title);
	free(p->description);
	free(p->placeholder);
	free(p->label);
	free(p->default_value);
	dropdown_free(p->data, p->n_data);
	memset(p, 0, sizeof *p);
}

void
ext_argument_clear(struct ext_argument *a)
{
	free(a->name);
	free(a->placeholder);
	dropdown_free(a->data, a->n_data);
	memset(a, 0, sizeof *a);
}

static void
ext_command_free(struct ext_command *cmd)
{
	if (cmd == NULL)
		return;
	char **strings[] = {&cmd->id,
			    &cmd->slug,
			    &cmd->title,
			    &cmd->subtitle,
			    &cmd->description,
			    &cmd->icon,
			    &cmd->alias,
			    &cmd->tool,
			    &cmd->code,
			    &cmd->group,
			    &cmd->placeholder,
			    &cmd->interval,
			    &cmd->cron,
			    &cmd->schedule,
			    &cmd->shortcut.key,
			    &cmd->shortcut_text,
			    &cmd->disabled_reason};
	for (size_t i = 0; i < nitems(strings); i++)
		free(*strings[i]);
	strv_free(&cmd->keywords);
	strv_free(&cmd->tags);
	strv_free(&cmd->inputs);
	strv_free(&cmd->flags);
	for (size_t i = 0; i < cmd->n_arguments; i++)
		ext_argument_clear(&cmd->arguments[i]);
	free(cmd->arguments);
	for (size_t i = 0; i < cmd->n_preferences; i++)
		ext_preference_clear(&cmd->preferences[i]);
	free(cmd->preferences);
	cJSON_Delete(cmd->extra);
	cJSON_Delete(cmd->schema);
	free(cmd);
}

void
extension_free(struct extension *ext)
{
	if (ext == NULL)
		return;
	char **strings[] = {&ext->path,       &ext->name,     &ext->title,      &ext->description,
			    &ext->icon,       &ext->author,   &ext->license,    &ext->version,
			    &ext->repository, &ext->homepage, &ext->min_version};
	for (size_t i = 0; i < nitems(strings); i++)
		free(*strings[i]);
	strv_free(&ext->categories);
	strv_free(&ext->keywords);
	strv_free(&ext->contributors);
	strv_free(&ext->permissions);
	for (size_t i = 0; i < ext->n_preferences; i++)
		ext_preference_clear(&ext->preferences[i]);
	free(ext->preferences);
	cJSON_Delete(ext->extra);
	for (size_t i = 0; i < ext->n_commands; i++)
		ext_command_free(ext->commands[i]);
	free(ext->commands);
	for (size_t i = 0; i < ext->n_problems; i++)
		free(ext->problems[i].message);
	free(ext->problems);
	free(ext);
}

struct ext_command *
extension_add_command(struct extension *ext, const char *slug, const char *title)
{
	struct ext_command *cmd = xcalloc(1, sizeof *cmd);
	cmd->ext = ext;
	cmd->slug = xstrdup(slug);
	cmd->title = xstrdup(title);
	cmd->id = xasprintf("%s/%s", ext->name != NULL ? ext->name : "", slug);
	cmd->mode = MODE_VIEW;
	ext->commands = xreallocarray(ext->commands, ext->n_commands + 1, sizeof *ext->commands);
	ext->commands[ext->n_commands++] = cmd;
	return cmd;
}

void
extension_add_problem(struct extension *ext, enum problem_severity severity, int line,
		      const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *message = xvasprintf(fmt, ap);
	va_end(ap);
	ext->problems = xreallocarray(ext->problems, ext->n_problems + 1, sizeof *ext->problems);
	ext->problems[ext->n_problems].severity = severity;
	ext->problems[ext->n_problems].line = line;
	ext->problems[ext->n_problems].message = message;
	ext->n_problems++;
}

int
extension_has_errors(const struct extension *ext)
{
	for (size_t i = 0; i < ext->n_problems; i++)
		if (ext->problems[i].severity == PROBLEM_ERROR)
			return 1;
	return 0;
}

struct ext_command *
extension_find_command(const struct extension *ext, const char *slug)
{
	for (size_t i = 0; i < ext->n_commands; i++)
		if (strcmp(ext->commands[i]->slug, slug) == 0)
			return ext->commands[i];
	return NULL;
}

const struct ext_preference *
ext_command_preference(const struct ext_command *cmd, const char *name)
{
	for (size_t i = 0; i < cmd->n_preferences; i++)
		if (strcmp(cmd->preferences[i].name, name) == 0)
			return &cmd->preferences[i];
	const struct extension *ext = cmd->ext;
	for (size_t i = 0; ext != NULL && i < ext->n_preferences; i++)
		if (strcmp(ext->preferences[i].name, name) == 0)
			return &ext->preferences[i];
	return NULL;
}

static const char *const pref_type_names[] = {
	[PREF_TEXTFIELD] = "textfield", [PREF_PASSWORD] = "password",
	[PREF_CHECKBOX] = "checkbox",   [PREF_DROPDOWN] = "dropdown",
	[PREF_APPPICKER] = "appPicker", [PREF_FILE] = "file",
	[PREF_DIRECTORY] = "directory",
};

const char *
pref_type_name(enum pref_type type)
{
	return (size_t)type < nitems(pref_type_names) ? pref_type_names[type] : "textfield";
}

int
pref_type_from_name(const char *name)
{
	for (size_t i = 0; name != NULL && i < nitems(pref_type_names); i++)
		if (strcmp(pref_type_names[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
cmd_mode_name(enum cmd_mode mode)
{
	switch (mode) {
	case MODE_VIEW:
		return "view";
	case MODE_NO_VIEW:
		return "no-view";
	case MODE_MENU_BAR:
		return "menu-bar";
	case MODE_SILENT:
		return "silent";
	}
	return "view";
}
