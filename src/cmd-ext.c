/* chitty ext: list, validate and manage extensions. */
#include "build-config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "config.h"
#include "ext-load.h"
#include "ext-text.h"
#include "extension.h"
#include "fileio.h"
#include "http.h"
#include "jsonutil.h"
#include "msg.h"
#include "paths.h"
#include "prefs.h"
#include "registry.h"
#include "strbuf.h"
#include "table.h"

static struct ext_registry *
registry_lenient(void)
{
	struct config *config = config_load_lenient("extensions are listed without it");
	struct ext_registry *reg = ext_registry_load(config);
	config_free(config);
	return reg;
}

static int
unknown_extension(const struct ext_registry *reg, const char *name)
{
	const char *near = ext_registry_suggest(reg, name);
	if (near != NULL)
		msg_error("no extension '%s' (did you mean '%s'?)", name, near);
	else
		msg_error("no extension '%s' (see 'chitty ext list')", name);
	return 1;
}

/* "~/…" for paths in the home folder: shorter in tables. A new string. */
static char *
short_path(const char *path)
{
	char *home = paths_home();
	size_t n = strlen(home);
	char *out;
	if (n > 1 && strncmp(path, home, n) == 0 && path[n] == '/')
		out = xasprintf("~%s", path + n);
	else
		out = xstrdup(path);
	free(home);
	return out;
}

/* Is path directly inside dir? */
static int
path_in(const char *path, const char *dir)
{
	size_t n = strlen(dir);
	return strncmp(path, dir, n) == 0 && path[n] == '/' && strchr(path + n + 1, '/') == NULL;
}

static void
count_problems(const struct extension *ext, int *errors, int *warnings)
{
	for (size_t i = 0; i < ext->n_problems; i++) {
		if (ext->problems[i].severity == PROBLEM_ERROR)
			(*errors)++;
		else
			(*warnings)++;
	}
}

/* ext list */

static cJSON *
extension_json(const struct extension *ext)
{
	cJSON *o = cJSON_CreateObject();
	cJSON_AddStringToObject(o, "id", ext->name);
	cJSON_AddStringToObject(o, "name", ext->name);
	cJSON_AddStringToObject(o, "title", ext->title);
	if (ext->description != NULL)
		cJSON_AddStringToObject(o, "description", ext->description);
	cJSON_AddStringToObject(o, "path", ext->path);
	cJSON_AddBoolToObject(o, "enabled", ext->enabled);
	cJSON_AddBoolToObject(o, "shipped", ext->shipped);
	if (ext->version != NULL)
		cJSON_AddStringToObject(o, "version", ext->version);
	if (ext->author != NULL)
		cJSON_AddStringToObject(o, "author", ext->author);
	cJSON *cats = cJSON_AddArrayToObject(o, "categories");
	for (size_t i = 0; i < ext->categories.n; i++)
		cJSON_AddItemToArray(cats, cJSON_CreateString(ext->categories.v[i]));
	cJSON *problems = cJSON_AddArrayToObject(o, "problems");
	for (size_t i = 0; i < ext->n_problems; i++) {
		cJSON *p = cJSON_CreateObject();
		cJSON_AddStringToObject(p, "severity",
					ext->problems[i].severity == PROBLEM_ERROR ? "error"
										   : "warning");
		cJSON_AddNumberToObject(p, "line", ext->problems[i].line);
		cJSON_AddStringToObject(p, "message", ext->problems[i].message);
		cJSON_AddItemToArray(problems, p);
	}
	cJSON *commands = cJSON_AddArrayToObject(o, "commands");
	for (size_t i = 0; i < ext->n_commands; i++) {
		const struct ext_command *cmd = ext->commands[i];
		cJSON *c = cJSON_CreateObject();
		cJSON_AddStringToObject(c, "id", cmd->id);
		cJSON_AddStringToObject(c, "title", cmd->title);
		cJSON_AddStringToObject(c, "tool", cmd->tool);
		if (cmd->description != NULL)
			cJSON_AddStringToObject(c, "description", cmd->description);
		else
			cJSON_AddNullToObject(c, "description");
		if (cmd->shortcut.key != NULL) {
			char *sc = shortcut_format(&cmd->shortcut, 0);
			cJSON_AddStringToObject(c, "shortcut", sc);
			free(sc);
		} else
			cJSON_AddNullToObject(c, "shortcut");
		if (cmd->alias != NULL)
			cJSON_AddStringToObject(c, "alias", cmd->alias);
		else
			cJSON_AddNullToObject(c, "alias");
		cJSON_AddStringToObject(c, "mode", cmd_mode_name(cmd->mode));
		if (cmd->group != NULL)
			cJSON_AddStringToObject(c, "group", cmd->group);
		cJSON_AddBoolToObject(c, "enabled", cmd->enabled);
		cJSON_AddBoolToObject(c, "hidden", cmd->hidden);
		if (cmd->disabled_reason != NULL)
			cJSON_AddStringToObject(c, "disabledReason", cmd->disabled_reason);
		cJSON *inputs = cJSON_AddArrayToObject(c, "inputs");
		for (size_t j = 0; j < cmd->inputs.n; j++)
			cJSON_AddItemToArray(inputs, cJSON_CreateString(cmd->inputs.v[j]));
		cJSON_AddItemToArray(commands, c);
	}
	return o;
}

static int
ext_list_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	struct ext_registry *reg = registry_lenient();
	if (args_has(args, "json")) {
		cJSON *array = cJSON_CreateArray();
		for (size_t i = 0; i < reg->n; i++)
			cJSON_AddItemToArray(array, extension_json(reg->exts[i]));
		json_print(stdout, array);
		cJSON_Delete(array);
		ext_registry_free(reg);
		return 0;
	}
	static const char *const headers[] = {"NAME", "TITLE", "COMMANDS", "STATUS", "PATH"};
	struct table *t = table_create(5, headers);
	for (size_t i = 0; i < reg->n; i++) {
		const struct extension *ext = reg->exts[i];
		int errors = 0, warnings = 0;
		count_problems(ext, &errors, &warnings);
		struct strbuf status = STRBUF_INIT;
		sb_add(&status, ext->enabled ? "enabled" : "disabled");
		if (errors > 0)
			sb_addf(&status, ", %d error%s", errors, errors == 1 ? "" : "s");
		if (warnings > 0)
			sb_addf(&status, ", %d warning%s", warnings, warnings == 1 ? "" : "s");
		char *count = xasprintf("%zu", ext->n_commands);
		char *path = short_path(ext->path);
		const char *row[] = {ext->name, ext->title, count, sb_str(&status), path};
		table_add_row(t, row);
		free(count);
		free(path);
		sb_free(&status);
	}
	if (reg->n == 0)
		msg_info("no extensions (create one with 'chitty ext new NAME')");
	else
		table_print(t, stdout, terminal_width(1));
	table_free(t);
	ext_registry_free(reg);
	return 0;
}

/* ext validate */

/* Problem text made safe for a terminal: control characters become '?'. */
static void
print_safe(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		fputc((unsigned char)*s < 0x20 || *s == 0x7f ? '?' : *s, fp);
}

/* Print FILE:LINE: error|warning: message lines, in line order. */
static void
print_problems(const char *label, const struct extension *ext)
{
	size_t n = ext->n_problems;
	size_t *order = xcalloc(n + 1, sizeof *order);
	for (size_t i = 0; i < n; i++)
		order[i] = i;
	/* insertion sort by line: stable, and lists are short */
	for (size_t i = 1; i < n; i++)
		for (size_t j = i;
		     j > 0 && ext->problems[order[j - 1]].line > ext->problems[order[j]].line;
		     j--) {
			size_t tmp = order[j];
			order[j] = order[j - 1];
			order[j - 1] = tmp;
		}
	for (size_t i = 0; i < n; i++) {
		const struct ext_problem *p = &ext->problems[order[i]];
		print_safe(stdout, label);
		printf(":%d: %s: ", p->line > 0 ? p->line : 1,
		       p->severity == PROBLEM_ERROR ? "error" : "warning");
		print_safe(stdout, p->message);
		putchar('\n');
	}
	free(order);
}

static void
validate_summary(int files, int errors, int warnings)
{
	if (errors == 0 && warnings == 0)
		fprintf(stderr, "%d file%s checked: no problems\n", files, files == 1 ? "" : "s");
	else
		fprintf(stderr, "%d file%s checked: %d error%s, %d warning%s\n", files,
			files == 1 ? "" : "s", errors, errors == 1 ? "" : "s", warnings,
			warnings == 1 ? "" : "s");
}

static int
ext_validate_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	int files = 0, errors = 0, warnings = 0;
	if (args->argc == 0) {
		struct ext_registry *reg = registry_lenient();
		for (size_t i = 0; i < reg->n; i++) {
			print_problems(reg->exts[i]->path, reg->exts[i]);
			count_problems(reg->exts[i], &errors, &warnings);
			files++;
		}
		ext_registry_free(reg);
		validate_summary(files, errors, warnings);
		return errors > 0 ? 1 : 0;
	}
	for (int a = 0; a < args->argc; a++) {
		struct strv paths = STRV_INIT;
		const char *arg = args->argv[a];
		if (is_directory(arg)) {
			ext_list_folder(arg, &paths);
			if (paths.n == 0)
				msg_warn("%s has no extension files (*.md)", arg);
		} else
			strv_push(&paths, arg);
		for (size_t i = 0; i < paths.n; i++) {
			char *cause = NULL;
			struct extension *ext = extension_load_file(paths.v[i], &cause);
			files++;
			if (ext == NULL) {
				msg_error("%s", cause);
				free(cause);
				errors++;
				continue;
			}
			print_problems(paths.v[i], ext);
			count_problems(ext, &errors, &warnings);
			extension_free(ext);
		}
		strv_free(&paths);
	}
	validate_summary(files, errors, warnings);
	return errors > 0 ? 1 : 0;
}

/* ext install */

static int
is_url(const char *s)
{
	return strncasecmp(s, "http://", 7) == 0 || strncasecmp(s, "https://", 8) == 0;
}

/* The file name a URL's path ends with ("x.md" for https://h/a/x.md?raw=1). */
static char *
url_file_name(const char *url)
{
	const char *p = strstr(url, "://");
	p = p != NULL ? p + 3 : url;
	size_t len = strcspn(p, "?#");
	const char *slash = NULL;
	for (const char *q = p; q < p + len; q++)
		if (*q == '/')
			slash = q;
	if (slash == NULL || slash + 1 == p + len)
		return xstrdup("extension.md");
	return xstrndup(slash + 1, (size_t)(p + len - slash - 1));
}

static char *
fetch(const char *source, size_t *len, char **label)
{
	char *cause = NULL;
	if (!is_url(source)) {
		char *text = file_read_all(source, len, EXT_MAX_FILE_SIZE, &cause);
		if (text == NULL) {
			msg_error("%s", cause);
			free(cause);
			return NULL;
		}
		*label = xstrdup(source);
		return text;
	}
	http_global_init();
	struct http_request req = {.url = source, .max_body = EXT_MAX_FILE_SIZE};
	struct http_response resp;
	if (http_perform(&req, &resp, &cause) != 0) {
		msg_error("%s", cause);
		free(cause);
		http_response_clear(&resp);
		return NULL;
	}
	char *host = http_url_host(source);
	if (resp.status != 200) {
		msg_error("cannot download the extension from %s: HTTP %ld", host, resp.status);
		free(host);
		http_response_clear(&resp);
		return NULL;
	}
	free(host);
	char *text = resp.body;
	*len = resp.body_len;
	resp.body = NULL;
	http_response_clear(&resp);
	*label = url_file_name(source);
	return text;
}

static int
ext_install_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	const char *source = args->argv[0];
	int force = args_has(args, "force");
	size_t len;
	char *label = NULL;
	char *text = fetch(source, &len, &label);
	if (text == NULL)
		return 1;
	struct extension *ext = extension_parse(label, text, len);
	int errors = 0, warnings = 0;
	count_problems(ext, &errors, &warnings);
	print_problems(is_url(source) ? source : label, ext);
	int rc = 1;
	char *user = ext_registry_user_dir();
	char *legacy = ext_registry_legacy_dir();
	char *dest_name = xasprintf("%s.md", ext->name);
	char *dest = paths_join(user, dest_name);
	struct ext_registry *reg = NULL;
	if (errors > 0) {
		msg_error("not installed: %s has %d error%s (see above)", source, errors,
			  errors == 1 ? "" : "s");
		goto out;
	}
	if (ext->n_commands == 0) {
		msg_error("not installed: %s has no commands", source);
		goto out;
	}
	reg = registry_lenient();
	struct extension *old = ext_registry_find(reg, ext->name);
	int old_is_users = old != NULL && (path_in(old->path, user) || path_in(old->path, legacy));
	if (old_is_users && !force) {
		msg_error("extension '%s' is already installed (%s); use --force to replace it",
			  ext->name, old->path);
		goto out;
	}
	if (file_exists(dest) && !force && !(old_is_users && strcmp(old->path, dest) == 0)) {
		msg_error("%s already exists; use --force to replace it", dest);
		goto out;
	}
	char *cause = NULL;
	if (paths_ensure(user, &cause) != 0 ||
	    file_write_atomic(dest, text, len, 0644, &cause) != 0) {
		msg_error("cannot install %s: %s", ext->name, cause);
		free(cause);
		goto out;
	}
	if (old_is_users && strcmp(old->path, dest) != 0 && unlink(old->path) != 0)
		msg_warn("cannot remove the old copy %s: %s", old->path, strerror(errno));
	if (old != NULL && !old_is_users)
		msg_info("it overrides '%s' from %s", ext->name, old->path);
	printf("installed %s (%zu command%s) to %s\n", ext->name, ext->n_commands,
	       ext->n_commands == 1 ? "" : "s", dest);
	rc = 0;
out:
	ext_registry_free(reg);
	extension_free(ext);
	free(text);
	free(label);
	free(dest);
	free(dest_name);
	free(user);
	free(legacy);
	return rc;
}

/* ext uninstall */

static int
ext_uninstall_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	const char *name = args->argv[0];
	struct ext_registry *reg = registry_lenient();
	struct extension *ext = ext_registry_find(reg, name);
	char *user = ext_registry_user_dir();
	char *legacy = ext_registry_legacy_dir();
	int rc = 1;
	if (ext == NULL)
		unknown_extension(reg, name);
	else if (ext->shipped)
		msg_error("'%s' is shipped with chitty and cannot be removed; turn it off with "
			  "'chitty ext disable %s'",
			  name, name);
	else if (!path_in(ext->path, user) && !path_in(ext->path, legacy))
		msg_error("'%s' is read from %s (extensionPaths); remove it there", name,
			  ext->path);
	else if (unlink(ext->path) != 0)
		msg_error("cannot remove %s: %s", ext->path, strerror(errno));
	else {
		printf("removed %s (%s)\n", name, ext->path);
		char *prefs = prefs_path(name);
		if (file_exists(prefs))
			msg_info("its preferences stay in %s", prefs);
		free(prefs);
		rc = 0;
	}
	free(user);
	free(legacy);
	ext_registry_free(reg);
	return rc;
}

/* ext enable / disable */

static int
set_enabled(const char *target, int enabled)
{
	struct ext_registry *reg = registry_lenient();
	const char *slash = strchr(target, '/');
	char *name = slash != NULL ? xstrndup(target, (size_t)(slash - target)) : xstrdup(target);
	struct extension *ext = ext_registry_find(reg, name);
	int rc = 1;
	if (ext == NULL) {
		unknown_extension(reg, name);
		goto out;
	}
	if (slash != NULL && extension_find_command(ext, slash + 1) == NULL) {
		msg_error("extension '%s' has no command '%s' (see 'chitty ext list')", name,
			  slash + 1);
		goto out;
	}
	char *cause = NULL;
	struct config *config = config_load(NULL, &cause);
	if (config == NULL) {
		msg_error("%s", cause);
		free(cause);
		goto out;
	}
	cJSON *map = config_object(config, "extensions");
	cJSON *entry = cJSON_GetObjectItemCaseSensitive(map, name);
	if (!cJSON_IsObject(entry)) {
		/* {"name": false} becomes {"name": {"enabled": false}} */
		cJSON *obj = cJSON_CreateObject();
		if (cJSON_IsBool(entry))
			cJSON_AddBoolToObject(obj, "enabled", cJSON_IsTrue(entry));
		if (entry != NULL)
			cJSON_ReplaceItemInObjectCaseSensitive(map, name, obj);
		else
			cJSON_AddItemToObject(map, name, obj);
		entry = obj;
	}
	if (slash != NULL) {
		cJSON *commands = cJSON_GetObjectItemCaseSensitive(entry, "commands");
		if (!cJSON_IsObject(commands)) {
			cJSON_DeleteItemFromObjectCaseSensitive(entry, "commands");
			commands = cJSON_AddObjectToObject(entry, "commands");
		}
		entry = cJSON_GetObjectItemCaseSensitive(commands, slash + 1);
		if (!cJSON_IsObject(entry)) {
			cJSON_DeleteItemFromObjectCaseSensitive(commands, slash + 1);
			entry = cJSON_AddObjectToObject(commands, slash + 1);
		}
	}
	cJSON_DeleteItemFromObjectCaseSensitive(entry, "enabled");
	cJSON_AddBoolToObject(entry, "enabled", enabled);
	if (config_save(config, &cause) != 0) {
		msg_error("%s", cause);
		free(cause);
	} else {
		printf("%s %s\n", enabled ? "enabled" : "disabled", target);
		rc = 0;
	}
	config_free(config);
out:
	free(name);
	ext_registry_free(reg);
	return rc;
}

static int
ext_enable_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	return set_enabled(args->argv[0], 1);
}

static int
ext_disable_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	return set_enabled(args->argv[0], 0);
}

/* ext new */

static const char scaffold[] =
	"---\n"
	"name: %1$s\n"
	"title: %2$s\n"
	"description: What %2$s does, in one sentence\n"
	"icon: \"🧩\"\n"
	"author: %3$s\n"
	"license: MIT\n"
	"categories:\n"
	"  - Productivity\n"
	"keywords:\n"
	"  - %1$s\n"
	"# Settings the user fills in once (chitty prefs set %1$s NAME VALUE):\n"
	"# preferences:\n"
	"#   - name: greeting\n"
	"#     title: Greeting\n"
	"#     description: The word to greet with\n"
	"#     type: textfield\n"
	"#     required: false\n"
	"#     default: Hello\n"
	"---\n"
	"\n"
	"# %2$s\n"
	"\n"
	"Each \"##\" heading below is one command; its first fenced code block is what\n"
	"it runs, and the fence's word is the tool. See chitty-extensions(5).\n"
	"\n"
	"## Say Hello\n"
	"<!-- description: Greet someone by name -->\n"
	"\n"
	"```template\n"
	"Hello, {{name}}!\n"
	"```\n"
	"\n"
	"## Show the Date\n"
	"<!-- description: Print today's date -->\n"
	"\n"
	"```bash\n"
	"date '+%%A %%d %%B %%Y'\n"
	"```\n"
	"\n"
	"## Search the Web\n"
	"<!-- description: Search DuckDuckGo for a phrase -->\n"
	"\n"
	"```open\n"
	"https://duckduckgo.com/?q={{query}}\n"
	"```\n";

/* "my-tools" -> "My Tools" */
static char *
title_of(const char *name)
{
	char *t = xstrdup(name);
	int start = 1;
	for (char *p = t; *p != '\0'; p++) {
		if (*p == '-' || *p == '_' || *p == '.') {
			*p = ' ';
			start = 1;
		} else if (start) {
			*p = (char)toupper((unsigned char)*p);
			start = 0;
		}
	}
	return t;
}

static int
ext_new_exec(const struct cmd_entry *self, struct args *args)
{
	const char *name = args->argv[0];
	if (!ext_name_valid(name) || strlen(name) > 64)
		return cmd_usage_error(self, "chitty ext new",
				       "'%s' cannot be an extension name (letters, digits, '-', "
				       "'_' and '.'; up to 64)",
				       name);
	struct ext_registry *reg = registry_lenient();
	struct extension *same = ext_registry_find(reg, name);
	char *user = ext_registry_user_dir();
	char *file = xasprintf("%s.md", name);
	char *dest = paths_join(user, file);
	int rc = 1;
	char *cause = NULL;
	if (same != NULL)
		msg_error("an extension named '%s' already exists (%s)", name, same->path);
	else if (file_exists(dest))
		msg_error("%s already exists", dest);
	else if (paths_ensure(user, &cause) != 0)
		msg_error("%s", cause);
	else {
		const char *who = getenv("USER");
		if (who == NULL || !ext_name_valid(who))
			who = "me";
		char *title = title_of(name);
		char *text = xasprintf(scaffold, name, title, who);
		if (file_write_atomic(dest, text, strlen(text), 0644, &cause) != 0)
			msg_error("%s", cause);
		else {
			printf("%s\n", dest);
			msg_info("created %s; edit it, then check it with 'chitty ext validate %s'",
				 name, dest);
			rc = 0;
		}
		free(text);
		free(title);
	}
	free(cause);
	free(dest);
	free(file);
	free(user);
	ext_registry_free(reg);
	return rc;
}

static const struct cmd_option json_only[] = {
	{"json", 'j', ARG_NONE, NULL, "print JSON"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_option install_options[] = {
	{"force", 'f', ARG_NONE, NULL, "replace an installed extension of the same name"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_entry ext_list_entry = {
	.name = "list",
	.usage = "[--json]",
	.summary = "List extensions and their commands",
	.options = json_only,
	.args_max = 0,
	.exec = ext_list_exec,
};
static const struct cmd_entry ext_validate_entry = {
	.name = "validate",
	.usage = "[PATH]...",
	.summary = "Check extension files (default: every loaded one)",
	.args_max = -1,
	.exec = ext_validate_exec,
};
static const struct cmd_entry ext_install_entry = {
	.name = "install",
	.usage = "[--force] PATH|URL",
	.summary = "Validate an extension file and install it",
	.options = install_options,
	.args_min = 1,
	.args_max = 1,
	.exec = ext_install_exec,
};
static const struct cmd_entry ext_uninstall_entry = {
	.name = "uninstall",
	.usage = "NAME",
	.summary = "Remove an installed extension",
	.args_min = 1,
	.args_max = 1,
	.exec = ext_uninstall_exec,
};
static const struct cmd_entry ext_enable_entry = {
	.name = "enable",
	.usage = "NAME[/COMMAND]",
	.summary = "Enable an extension or one of its commands",
	.args_min = 1,
	.args_max = 1,
	.exec = ext_enable_exec,
};
static const struct cmd_entry ext_disable_entry = {
	.name = "disable",
	.usage = "NAME[/COMMAND]",
	.summary = "Disable an extension or one of its commands",
	.args_min = 1,
	.args_max = 1,
	.exec = ext_disable_exec,
};
static const struct cmd_entry ext_new_entry = {
	.name = "new",
	.usage = "NAME",
	.summary = "Create a new extension that validates",
	.args_min = 1,
	.args_max = 1,
	.exec = ext_new_exec,
};

static const struct cmd_entry *const ext_subcommands[] = {
	&ext_list_entry,   &ext_validate_entry, &ext_install_entry, &ext_uninstall_entry,
	&ext_enable_entry, &ext_disable_entry,  &ext_new_entry,     NULL,
};

const struct cmd_entry cmd_ext_entry = {
	.name = "ext",
	.summary = "List, validate, install and manage extensions",
	.subcommands = ext_subcommands,
};
