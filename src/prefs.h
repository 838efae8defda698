/*
 * The preferences store: $XDG_CONFIG_HOME/chitty/preferences/<extension>.json,
 * a JSON object, mode 0600, written atomically.  As in Raycast, a command's
 * own preferences (including one that overrides an extension preference of
 * the same name) are stored per command, the extension's per extension:
 *
 *   { "unit": "c",                          extension-level values
 *     "@commands": { "show": { "unit": "f" } } }   per-command values
 *
 * A command sees its own values for the preferences it declares and the
 * extension's for the rest.  Files written before per-command values kept a
 * command-only preference at the top level: it is still read there, and
 * moved under "@commands" the next time the file is written.  Values are
 * checked against the declaration that applies (struct ext_preference) when
 * set; a missing value falls back to that declaration's default.  Password
 * values are never printed (shown as "••••••").
 *
 * Implemented by the extension loader (src/prefs.c).
 */
#ifndef CHITTY_PREFS_H
#define CHITTY_PREFS_H

#include <stddef.h>

struct cJSON;
struct extension;
struct ext_command;
struct ext_preference;
struct strv;

#define PREFS_MASK "••••••"
/* The top-level key of the per-command values; never a stored preference name. */
#define PREFS_COMMANDS_KEY "@commands"

/* One preference and where its value is stored. */
struct prefs_slot {
	const struct ext_preference *pref; /* the declaration that applies */
	const struct extension *ext;
	const struct ext_command *cmd; /* the command that declares it, or NULL: the extension */
};

/*
 * The preference `name` as seen from cmd, or from the extension when cmd is
 * NULL.  With cmd: its own declaration, else the extension's.  Without: the
 * extension's, else the one command that declares it (several: an error
 * asking for EXT/COMMAND).  0, or -1 with *cause set (naming the nearest
 * name when there is one).
 */
int prefs_resolve(const struct extension *ext, const struct ext_command *cmd, const char *name,
		  struct prefs_slot *slot, char **cause);

/*
 * The preferences that apply to cmd: its own, then the extension's it does
 * not override.  A new array of n slots (the caller frees it); returns n.
 */
size_t prefs_applicable(const struct ext_command *cmd, struct prefs_slot **slots);

/* "EXT/COMMAND" or "EXT": how the CLI names where slot is stored; a new string. */
char *prefs_slot_target(const struct prefs_slot *slot);

/*
 * The stored value of slot in root (a prefs_load result, may be NULL): a
 * new string, or NULL when none is stored (an empty value is none).
 */
char *prefs_stored(const struct cJSON *root, const struct prefs_slot *slot);

/*
 * The value of preference `name` as it applies to cmd: the stored value,
 * else the default.  A new string, or NULL when neither exists.  A name no
 * one declares reads the extension's top level (the SDK's env()).  A
 * leading "~" of a file or directory value is expanded.
 */
char *prefs_get(const struct ext_command *cmd, const char *name);

/* 1 when `name` has a stored value (not just a default) for cmd: for password fields. */
int prefs_has_stored(const struct ext_command *cmd, const char *name);

/*
 * Store a value for preference `name` of ext as seen from cmd (NULL: the
 * extension; see prefs_resolve), after checking it against the declaration
 * that applies (dropdown values, checkbox true/false, …).  0, or -1 with
 * *cause set.  A file or directory that does not exist is stored, with a
 * msg_warn.
 */
int prefs_set(const struct extension *ext, const struct ext_command *cmd, const char *name,
	      const char *value, char **cause);

/* Forget a stored value (the default applies again).  0, or -1 with *cause set. */
int prefs_unset(const struct extension *ext, const struct ext_command *cmd, const char *name,
		char **cause);

/*
 * The script SDK's env(): store value under name, checked like prefs_set
 * when cmd sees such a preference, else as a string at the extension's top
 * level that the declared preferences do not list (so `chitty prefs list`
 * never shows it).  0, or -1 with *cause set (never holding the value).
 */
int prefs_store(const struct ext_command *cmd, const char *name, const char *value, char **cause);

/* Names of cmd's required preferences that have neither a stored value nor a default. */
void prefs_missing(const struct ext_command *cmd, struct strv *names);

/*
 * Every preference that applies to cmd with its value (stored, else default;
 * preferences with neither are left out): for CHITTY_PREF_<NAME> and the SDK.
 */
void prefs_values(const struct ext_command *cmd, struct strv *names, struct strv *values);

/* The file of an extension's stored values; a new string. */
char *prefs_path(const char *extension);

/*
 * The stored values of an extension: a new JSON object (empty when there is
 * no file), or NULL with *cause set when the file is unreadable or not a JSON
 * object.
 */
struct cJSON *prefs_load(const char *extension, char **cause);

/*
 * Check value against pref's type.  0 with *normalized (a new string: "true"
 * or "false" for a checkbox; a dropdown option's value when its title was
 * given) and *warning (may be NULL; a new string or NULL: a file or folder
 * that does not exist); or -1 with *cause set.
 */
int prefs_check(const struct ext_preference *pref, const char *value, char **normalized,
		char **warning, char **cause);

/* What may be shown of a value: PREFS_MASK for passwords, else value itself. */
const char *prefs_display(const struct ext_preference *pref, const char *value);

#endif
