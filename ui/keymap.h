/*
 * Named launcher actions and the keys that trigger them.  Pure: no curses,
 * no I/O.  The config's "keys" object remaps them:
 *
 *   "keys": {"actions": "ctrl+l", "run-secondary": ["alt+enter", "f2"],
 *            "detail": []}
 *
 * A string or an array of strings replaces an action's default keys ([]
 * or "" unbinds it); a key given to one action is taken from any other.
 * Key names: a character, or enter (return), tab, esc (escape), backspace,
 * delete, insert, up, down, left, right, home, end, pgup (pageup), pgdn
 * (pagedown), space, f1..f24; modifiers ctrl, alt (opt, option), shift,
 * cmd (super, meta; a terminal reports it as alt, so cmd+x matches alt+x),
 * joined with '+' or spaces as extension shortcuts are (shortcut_parse).
 *
 * Action names (see chitty-config(5)):
 *   up down page-up page-down first last   move in lists
 *   run run-secondary actions detail       act on the selected item
 *   back quit refresh toggle-preview       views and the launcher
 *   preview-up preview-down                scroll the preview
 *   preview-page-up preview-page-down
 *   next-field prev-field submit           forms
 */
#ifndef CHITTY_KEYMAP_H
#define CHITTY_KEYMAP_H

#include <stddef.h>
#include <stdint.h>

#include "keys.h"

struct cJSON;
struct strv;

enum ui_action {
	UA_NONE,
	UA_UP,
	UA_DOWN,
	UA_PAGE_UP,
	UA_PAGE_DOWN,
	UA_FIRST,
	UA_LAST,
	UA_RUN,
	UA_RUN_SECONDARY,
	UA_ACTIONS,
	UA_DETAIL,
	UA_BACK,
	UA_QUIT,
	UA_REFRESH,
	UA_TOGGLE_PREVIEW,
	UA_PREVIEW_UP,
	UA_PREVIEW_DOWN,
	UA_PREVIEW_PAGE_UP,
	UA_PREVIEW_PAGE_DOWN,
	UA_NEXT_FIELD,
	UA_PREV_FIELD,
	UA_SUBMIT,
	UA_COUNT
};

/* A key as a binding names it. */
struct keyspec {
	enum tkey_kind kind;
	uint32_t cp; /* TK_CHAR */
	int fn;      /* TK_FN */
	unsigned mods;
};

/*
 * Parse "ctrl+k", "alt+enter", "shift+tab", "pgdn", "f5", "x".  0 with
 * *out filled, or -1 with *cause set ("unknown key 'hyper'").
 */
int keyspec_parse(const char *text, struct keyspec *out, char **cause);
/* 1 when the key event is this key (cmd and alt are the same). */
int keyspec_matches(const struct keyspec *spec, const struct tkey *key);
/* "ctrl+k", "alt+enter": a new string. */
char *keyspec_format(const struct keyspec *spec);

struct keymap;

/* The default bindings. */
struct keymap *keymap_create(void);
void keymap_free(struct keymap *km);

/*
 * Apply a config "keys" object (NULL: nothing to do).  Every problem (an
 * unknown action, a key that does not parse, a value of the wrong type)
 * is pushed on warnings as one line, and the rest still applies.
 */
void keymap_configure(struct keymap *km, const struct cJSON *keys, struct strv *warnings);

/* The action bound to key, or UA_NONE. */
enum ui_action keymap_lookup(const struct keymap *km, const struct tkey *key);
/* The first key bound to action, formatted for a hint ("ctrl+k"), or NULL: a new string. */
char *keymap_hint(const struct keymap *km, enum ui_action action);

const char *ui_action_name(enum ui_action action);
/* UA_NONE when name is not an action. */
enum ui_action ui_action_from_name(const char *name);

#endif
