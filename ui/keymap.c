/* Named actions and their keys (rules in keymap.h). */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "extension.h"
#include "keymap.h"
#include "strbuf.h"
#include "strv.h"
#include "suggest.h"
#include "utf8.h"
#include "xmalloc.h"

#define MAX_KEYS 6

struct keymap {
	struct keyspec keys[UA_COUNT][MAX_KEYS];
	size_t n[UA_COUNT];
};

static const char *const action_names[UA_COUNT] = {
	[UA_NONE] = "none",
	[UA_UP] = "up",
	[UA_DOWN] = "down",
	[UA_PAGE_UP] = "page-up",
	[UA_PAGE_DOWN] = "page-down",
	[UA_FIRST] = "first",
	[UA_LAST] = "last",
	[UA_RUN] = "run",
	[UA_RUN_SECONDARY] = "run-secondary",
	[UA_ACTIONS] = "actions",
	[UA_DETAIL] = "detail",
	[UA_BACK] = "back",
	[UA_QUIT] = "quit",
	[UA_REFRESH] = "refresh",
	[UA_TOGGLE_PREVIEW] = "toggle-preview",
	[UA_PREVIEW_UP] = "preview-up",
	[UA_PREVIEW_DOWN] = "preview-down",
	[UA_PREVIEW_PAGE_UP] = "preview-page-up",
	[UA_PREVIEW_PAGE_DOWN] = "preview-page-down",
	[UA_NEXT_FIELD] = "next-field",
	[UA_PREV_FIELD] = "prev-field",
	[UA_SUBMIT] = "submit",
};

/* Default bindings, in hint order (the first one is shown). */
static const struct {
	enum ui_action action;
	const char *keys;
} defaults[] = {
	{UA_UP, "up ctrl+p"},
	{UA_DOWN, "down ctrl+n ctrl+j"},
	{UA_PAGE_UP, "pgup"},
	{UA_PAGE_DOWN, "pgdn"},
	{UA_FIRST, "home"},
	{UA_LAST, "end"},
	{UA_RUN, "enter"},
	{UA_RUN_SECONDARY, "alt+enter ctrl+enter"},
	{UA_ACTIONS, "ctrl+k"},
	{UA_DETAIL, "ctrl+o"},
	{UA_BACK, "esc"},
	{UA_QUIT, "ctrl+c"},
	{UA_REFRESH, "ctrl+r"},
	{UA_TOGGLE_PREVIEW, "alt+p"},
	{UA_PREVIEW_UP, "shift+up alt+up"},
	{UA_PREVIEW_DOWN, "shift+down alt+down"},
	{UA_PREVIEW_PAGE_UP, "shift+pgup alt+pgup"},
	{UA_PREVIEW_PAGE_DOWN, "shift+pgdn alt+pgdn"},
	{UA_NEXT_FIELD, "tab"},
	{UA_PREV_FIELD, "shift+tab"},
	{UA_SUBMIT, "ctrl+s"},
};

static const struct {
	const char *name;
	enum tkey_kind kind;
	uint32_t cp;
} key_names[] = {
	{"enter", TK_ENTER, 0},    {"return", TK_ENTER, 0},     {"tab", TK_TAB, 0},
	{"esc", TK_ESCAPE, 0},     {"escape", TK_ESCAPE, 0},    {"backspace", TK_BACKSPACE, 0},
	{"delete", TK_DELETE, 0},  {"del", TK_DELETE, 0},       {"insert", TK_INSERT, 0},
	{"up", TK_UP, 0},          {"down", TK_DOWN, 0},        {"left", TK_LEFT, 0},
	{"right", TK_RIGHT, 0},    {"arrowup", TK_UP, 0},       {"arrowdown", TK_DOWN, 0},
	{"arrowleft", TK_LEFT, 0}, {"arrowright", TK_RIGHT, 0}, {"home", TK_HOME, 0},
	{"end", TK_END, 0},        {"pageup", TK_PAGE_UP, 0},   {"pagedown", TK_PAGE_DOWN, 0},
	{"space", TK_CHAR, ' '},
};

const char *
ui_action_name(enum ui_action action)
{
	return action > UA_NONE && action < UA_COUNT ? action_names[action] : "none";
}

enum ui_action
ui_action_from_name(const char *name)
{
	for (int a = UA_NONE + 1; a < UA_COUNT; a++)
		if (strcmp(action_names[a], name) == 0)
			return (enum ui_action)a;
	return UA_NONE;
}

int
keyspec_parse(const char *text, struct keyspec *out, char **cause)
{
	struct shortcut sc;
	memset(out, 0, sizeof *out);
	/* the short names tmux and fzf users write, in shortcut_parse's terms */
	static const char *const aliases[][2] = {
		{"pgup", "pageup"},        {"pgdn", "pagedown"},    {"page-up", "pageup"},
		{"page-down", "pagedown"}, {"bspace", "backspace"}, {"ins", "insert"},
	};
	size_t tl = strlen(text), last = tl;
	while (last > 0 && text[last - 1] != '+' && text[last - 1] != ' ')
		last--;
	char *copy = NULL;
	for (size_t i = 0; i < nitems(aliases) && last < tl; i++)
		if (strcasecmp(text + last, aliases[i][0]) == 0)
			copy = xasprintf("%.*s%s", (int)last, text, aliases[i][1]);
	int rc = shortcut_parse(copy != NULL ? copy : text, &sc, cause);
	free(copy);
	if (rc != 0)
		return -1;
	out->mods = sc.mods;
	const char *k = sc.key;
	int found = 0;
	for (size_t i = 0; i < nitems(key_names); i++)
		if (strcmp(k, key_names[i].name) == 0) {
			out->kind = key_names[i].kind;
			out->cp = key_names[i].cp;
			found = 1;
		}
	if (!found && (k[0] == 'f') && k[1] >= '1' && k[1] <= '9') {
		char *end;
		long fn = strtol(k + 1, &end, 10);
		if (*end == '\0' && fn >= 1 && fn <= 24) {
			out->kind = TK_FN;
			out->fn = (int)fn;
			found = 1;
		}
	}
	if (!found) {
		uint32_t cp;
		size_t n = utf8_decode(k, strlen(k), &cp);
		if (n == strlen(k) && cp != UTF8_REPLACEMENT && cp >= 0x20) {
			out->kind = TK_CHAR;
			out->cp = cp;
			found = 1;
		}
	}
	if (!found) {
		set_cause(cause, "unknown key '%s'", k);
		shortcut_clear(&sc);
		return -1;
	}
	shortcut_clear(&sc);
	/* the terminal's view: ctrl+i is tab, ctrl+m enter, ctrl+h backspace */
	if (out->kind == TK_CHAR && (out->mods & MOD_CTRL) && !(out->mods & MOD_SHIFT)) {
		if (out->cp == 'i')
			out->kind = TK_TAB;
		else if (out->cp == 'm')
			out->kind = TK_ENTER;
		if (out->kind != TK_CHAR) {
			out->mods &= ~MOD_CTRL;
			out->cp = 0;
		}
	}
	/* shift+letter alone is the uppercase letter, as keys_decode reports it */
	if (out->kind == TK_CHAR && out->mods == MOD_SHIFT && out->cp >= 'a' && out->cp <= 'z') {
		out->cp -= 'a' - 'A';
		out->mods = 0;
	}
	return 0;
}

static unsigned
canonical_mods(unsigned mods)
{
	if (mods & MOD_CMD)
		mods = (mods & ~MOD_CMD) | MOD_ALT;
	return mods;
}

int
keyspec_matches(const struct keyspec *spec, const struct tkey *key)
{
	if (spec->kind != key->kind || canonical_mods(spec->mods) != canonical_mods(key->mods))
		return 0;
	if (spec->kind == TK_CHAR)
		return spec->cp == key->cp;
	if (spec->kind == TK_FN)
		return spec->fn == key->fn;
	return 1;
}

char *
keyspec_format(const struct keyspec *spec)
{
	struct tkey k = {0};
	k.kind = spec->kind;
	k.cp = spec->cp;
	k.fn = spec->fn;
	k.mods = spec->mods;
	return keys_describe(&k);
}

static void
bind(struct keymap *km, enum ui_action a, const struct keyspec *spec)
{
	/* a key belongs to one action */
	for (int o = 0; o < UA_COUNT; o++)
		for (size_t i = 0; i < km->n[o]; i++)
			if (memcmp(&km->keys[o][i], spec, sizeof *spec) == 0) {
				memmove(&km->keys[o][i], &km->keys[o][i + 1],
					(km->n[o] - i - 1) * sizeof *spec);
				km->n[o]--;
				i--;
			}
	if (km->n[a] < MAX_KEYS)
		km->keys[a][km->n[a]++] = *spec;
}

struct keymap *
keymap_create(void)
{
	struct keymap *km = xcalloc(1, sizeof *km);
	for (size_t d = 0; d < nitems(defaults); d++) {
		struct strv keys = STRV_INIT;
		strv_split(&keys, defaults[d].keys, " ");
		for (size_t i = 0; i < keys.n; i++) {
			struct keyspec spec;
			if (keyspec_parse(keys.v[i], &spec, NULL) != 0)
				fatalx("bad default key '%s'", keys.v[i]);
			bind(km, defaults[d].action, &spec);
		}
		strv_free(&keys);
	}
	return km;
}

void
keymap_free(struct keymap *km)
{
	free(km);
}

static void warn(struct strv *warnings, const char *fmt, ...) printflike(2, 3);

static void
warn(struct strv *warnings, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	if (warnings != NULL)
		strv_push_owned(warnings, text);
	else
		free(text);
}

void
keymap_configure(struct keymap *km, const cJSON *keys, struct strv *warnings)
{
	if (keys == NULL || cJSON_IsNull(keys))
		return;
	if (!cJSON_IsObject(keys)) {
		warn(warnings, "config: \"keys\" must be an object of action names");
		return;
	}
	const cJSON *entry;
	cJSON_ArrayForEach (entry, keys) {
		enum ui_action a = ui_action_from_name(entry->string);
		if (a == UA_NONE) {
			const char *near =
				suggest_nearest(entry->string, action_names + 1, UA_COUNT - 1);
			if (near != NULL)
				warn(warnings,
				     "config: keys: unknown action '%s' (did you mean '%s'?)",
				     entry->string, near);
			else
				warn(warnings, "config: keys: unknown action '%s'", entry->string);
			continue;
		}
		if (!cJSON_IsString(entry) && !cJSON_IsArray(entry) && !cJSON_IsNull(entry)) {
			warn(warnings, "config: keys: '%s' needs a key or an array of keys",
			     entry->string);
			continue;
		}
		struct keyspec specs[MAX_KEYS];
		size_t n = 0;
		int bad = 0;
		if (cJSON_IsString(entry) && *entry->valuestring != '\0') {
			char *cause = NULL;
			if (keyspec_parse(entry->valuestring, &specs[n], &cause) == 0)
				n++;
			else {
				warn(warnings, "config: keys: %s: %s", entry->string, cause);
				free(cause);
				bad = 1;
			}
		}
		const cJSON *k;
		if (cJSON_IsArray(entry))
			cJSON_ArrayForEach (k, entry) {
				char *cause = NULL;
				if (!cJSON_IsString(k)) {
					warn(warnings, "config: keys: %s: keys are strings",
					     entry->string);
					bad = 1;
				} else if (n == MAX_KEYS) {
					warn(warnings, "config: keys: %s: at most %d keys",
					     entry->string, MAX_KEYS);
					break;
				} else if (keyspec_parse(k->valuestring, &specs[n], &cause) == 0)
					n++;
				else {
					warn(warnings, "config: keys: %s: %s", entry->string,
					     cause);
					free(cause);
					bad = 1;
				}
			}
		if (bad && n == 0)
			continue; /* keep the defaults rather than lose the action */
		km->n[a] = 0;
		for (size_t i = 0; i < n; i++)
			bind(km, a, &specs[i]);
	}
}

enum ui_action
keymap_lookup(const struct keymap *km, const struct tkey *key)
{
	for (int a = UA_NONE + 1; a < UA_COUNT; a++)
		for (size_t i = 0; i < km->n[a]; i++)
			if (keyspec_matches(&km->keys[a][i], key))
				return (enum ui_action)a;
	return UA_NONE;
}

char *
keymap_hint(const struct keymap *km, enum ui_action action)
{
	if (action <= UA_NONE || action >= UA_COUNT || km->n[action] == 0)
		return NULL;
	return keyspec_format(&km->keys[action][0]);
}
