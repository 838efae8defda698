/* The extension model: construction and ownership (the loader fills it). */
#include "build-config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "extension.h"
#include "strbuf.h"
#include "utf8.h"
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

void
ext_command_free(struct ext_command *cmd)
{
	if (cmd == NULL)
		return;
	char **strings[] = {&cmd->id,           &cmd->slug,          &cmd->title,
			    &cmd->subtitle,     &cmd->description,   &cmd->icon,
			    &cmd->alias,        &cmd->tool,          &cmd->code,
			    &cmd->body,         &cmd->group,         &cmd->placeholder,
			    &cmd->interval,     &cmd->cron,          &cmd->schedule,
			    &cmd->shortcut.key, &cmd->shortcut_text, &cmd->disabled_reason};
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
ext_command_create(const char *slug, const char *title)
{
	struct ext_command *cmd = xcalloc(1, sizeof *cmd);
	cmd->slug = xstrdup(slug);
	cmd->title = xstrdup(title);
	cmd->mode = MODE_VIEW;
	cmd->enabled = 1;
	return cmd;
}

void
extension_attach_command(struct extension *ext, struct ext_command *cmd)
{
	cmd->ext = ext;
	free(cmd->id);
	cmd->id = xasprintf("%s/%s", ext->name != NULL ? ext->name : "", cmd->slug);
	ext->commands = xreallocarray(ext->commands, ext->n_commands + 1, sizeof *ext->commands);
	ext->commands[ext->n_commands++] = cmd;
}

struct ext_command *
extension_add_command(struct extension *ext, const char *slug, const char *title)
{
	struct ext_command *cmd = ext_command_create(slug, title);
	extension_attach_command(ext, cmd);
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

int
cmd_mode_from_name(const char *name)
{
	static const char *const names[] = {"view", "no-view", "menu-bar", "silent"};
	for (size_t i = 0; name != NULL && i < nitems(names); i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}

static const char *const arg_type_names[] = {
	[EXT_ARG_TEXT] = "text",
	[EXT_ARG_PASSWORD] = "password",
	[EXT_ARG_DROPDOWN] = "dropdown",
};

const char *
ext_arg_type_name(enum ext_arg_type type)
{
	return (size_t)type < nitems(arg_type_names) ? arg_type_names[type] : "text";
}

int
ext_arg_type_from_name(const char *name)
{
	for (size_t i = 0; name != NULL && i < nitems(arg_type_names); i++)
		if (strcmp(arg_type_names[i], name) == 0)
			return (int)i;
	return -1;
}

/* Shortcuts. */

static const struct {
	const char *name;
	unsigned mod;
} modifier_names[] = {
	{"cmd", MOD_CMD}, {"command", MOD_CMD}, {"meta", MOD_CMD},     {"super", MOD_CMD},
	{"⌘", MOD_CMD},   {"ctrl", MOD_CTRL},   {"control", MOD_CTRL}, {"^", MOD_CTRL},
	{"⌃", MOD_CTRL},  {"alt", MOD_ALT},     {"opt", MOD_ALT},      {"option", MOD_ALT},
	{"⌥", MOD_ALT},   {"shift", MOD_SHIFT}, {"⇧", MOD_SHIFT},
};

static unsigned
modifier_find(const char *word)
{
	for (size_t i = 0; i < nitems(modifier_names); i++)
		if (strcasecmp(modifier_names[i].name, word) == 0)
			return modifier_names[i].mod;
	return 0;
}

static const char *const key_names[] = {
	"enter",  "return",  "tab",       "space",     "escape",     "esc", "backspace", "delete",
	"up",     "down",    "left",      "right",     "home",       "end", "pageup",    "pagedown",
	"insert", "arrowup", "arrowdown", "arrowleft", "arrowright", "del",
};

static int
key_valid(const char *key)
{
	if (utf8_width(key) <= 1 && strlen(key) <= 4 && key[0] != '\0')
		return 1; /* one character: "b", "4", "/", "é" */
	if ((key[0] == 'f') && isdigit((unsigned char)key[1])) {
		int n = atoi(key + 1);
		return n >= 1 && n <= 24 && strspn(key + 1, "0123456789") == strlen(key + 1);
	}
	for (size_t i = 0; i < nitems(key_names); i++)
		if (strcmp(key_names[i], key) == 0)
			return 1;
	return 0;
}

void
shortcut_clear(struct shortcut *sc)
{
	free(sc->key);
	sc->key = NULL;
	sc->mods = 0;
}

/*
 * Split at blanks and '+' into words; a leading run of modifier symbols
 * ("⌘⇧b", "^x") is split off too.  A '+' that is the last word is the key.
 */
static void
shortcut_words(const char *text, struct strv *words)
{
	const char *p = text;
	while (*p != '\0') {
		while (*p == ' ' || *p == '\t' || (*p == '+' && p[1] != '\0'))
			p++;
		if (*p == '\0')
			break;
		size_t len = (*p == '+') ? 1 : strcspn(p, " \t+");
		char *word = xstrndup(p, len);
		char *w = word;
		/* glued symbol modifiers: "^x", "⌘⇧b" */
		for (;;) {
			size_t n = 0;
			if (w[0] == '^' && w[1] != '\0')
				n = 1;
			else if (strncmp(w, "⌘", 3) == 0 || strncmp(w, "⌃", 3) == 0 ||
				 strncmp(w, "⌥", 3) == 0 || strncmp(w, "⇧", 3) == 0)
				n = w[3] != '\0' ? 3 : 0;
			if (n == 0)
				break;
			strv_push_owned(words, xstrndup(w, n));
			w += n;
		}
		strv_push(words, w);
		free(word);
		p += len;
	}
}

int
shortcut_parse(const char *text, struct shortcut *out, char **cause)
{
	memset(out, 0, sizeof *out);
	struct strv words = STRV_INIT;
	shortcut_words(text != NULL ? text : "", &words);
	int rc = -1;
	if (words.n == 0) {
		set_cause(cause, "empty shortcut");
		goto out;
	}
	unsigned mods = 0;
	for (size_t i = 0; i + 1 < words.n; i++) {
		unsigned m = modifier_find(words.v[i]);
		if (m == 0) {
			set_cause(cause, "unknown modifier '%s' in shortcut '%s'", words.v[i],
				  text);
			goto out;
		}
		mods |= m;
	}
	const char *key = words.v[words.n - 1];
	if (modifier_find(key) != 0 && strcmp(key, "^") != 0) {
		set_cause(cause, "shortcut '%s' has no key after its modifiers", text);
		goto out;
	}
	char *lower = xstrdup(key);
	for (char *p = lower; *p != '\0'; p++)
		*p = (char)tolower((unsigned char)*p);
	if (!key_valid(lower)) {
		set_cause(cause, "unknown key '%s' in shortcut '%s'", key, text);
		free(lower);
		goto out;
	}
	out->mods = mods;
	out->key = lower;
	rc = 0;
out:
	strv_free(&words);
	return rc;
}

char *
shortcut_format(const struct shortcut *sc, int symbols)
{
	struct strbuf sb = STRBUF_INIT;
	if (sc == NULL || sc->key == NULL)
		return xstrdup("");
	/* Apple's order: control, option, shift, command. */
	static const struct {
		unsigned mod;
		const char *symbol, *text;
	} order[] = {
		{MOD_CTRL, "⌃", "ctrl"},
		{MOD_ALT, "⌥", "alt"},
		{MOD_SHIFT, "⇧", "shift"},
		{MOD_CMD, "⌘", "cmd"},
	};
	for (size_t i = 0; i < nitems(order); i++) {
		if (!(sc->mods & order[i].mod))
			continue;
		sb_add(&sb, symbols ? order[i].symbol : order[i].text);
		if (!symbols)
			sb_addc(&sb, '+');
	}
	if (symbols && strlen(sc->key) == 1)
		sb_addc(&sb, (char)toupper((unsigned char)sc->key[0]));
	else
		sb_add(&sb, sc->key);
	return sb_detach(&sb);
}

char *
shortcut_display(const struct shortcut *sc)
{
#ifdef __APPLE__
	return shortcut_format(sc, 1);
#else
	return shortcut_format(sc, 0);
#endif
}

const char *const ext_categories[] = {
	"Applications",    "Communication", "Data",         "Design Tools",
	"Developer Tools", "Documentation", "Finance",      "Fun",
	"Media",           "News",          "Productivity", "Security",
	"System",          "Web",           "Other",        NULL,
};
