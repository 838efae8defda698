/*
 * The preferences store: $XDG_CONFIG_HOME/chitty/preferences/<extension>.json,
 * a JSON object of name -> value, mode 0600, written atomically.  Values are
 * checked against the declared type (struct ext_preference) when set; a
 * missing value falls back to the declared default.  Password values are
 * never printed (shown as "••••••").
 *
 * Implemented by the extension loader (src/prefs.c).
 */
#ifndef CHITTY_PREFS_H
#define CHITTY_PREFS_H

struct cJSON;
struct extension;
struct ext_command;
struct ext_preference;
struct strv;

#define PREFS_MASK "••••••"

/*
 * The value of preference `name` as it applies to cmd (the command's own
 * declaration wins over the extension's): the stored value, else the
 * default.  A new string, or NULL when neither exists.  A leading "~" of a
 * file or directory value is expanded.
 */
char *prefs_get(const struct ext_command *cmd, const char *name);

/*
 * Store a value for one of ext's preferences, after checking it against its
 * type (dropdown values, checkbox true/false, …).  0, or -1 with *cause set.
 * A file or directory that does not exist is stored, with a msg_warn.
 */
int prefs_set(const struct extension *ext, const char *name, const char *value, char **cause);

/*
 * The script SDK's env(): store value under name, checked like prefs_set
 * when ext declares such a preference, else as a string the declared
 * preferences do not list (so `chitty prefs list` never shows it).  0, or
 * -1 with *cause set (never holding the value).
 */
int prefs_store(const struct extension *ext, const char *name, const char *value, char **cause);

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

/* The preference `name` declared by ext or one of its commands (borrowed), or NULL. */
const struct ext_preference *prefs_find(const struct extension *ext, const char *name);

/*
 * Check value against pref's type.  0 with *normalized (a new string: "true"
 * or "false" for a checkbox; a dropdown option's value when its title was
 * given) and *warning (may be NULL; a new string or NULL: a file or folder
 * that does not exist); or -1 with *cause set.
 */
int prefs_check(const struct ext_preference *pref, const char *value, char **normalized,
		char **warning, char **cause);

/* Forget a stored value (the default applies again).  0, or -1 with *cause set. */
int prefs_unset(const struct extension *ext, const char *name, char **cause);

/* What may be shown of a value: PREFS_MASK for passwords, else value itself. */
const char *prefs_display(const struct ext_preference *pref, const char *value);

#endif
