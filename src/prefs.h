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

struct extension;
struct ext_command;
struct strv;

#define PREFS_MASK "••••••"

/*
 * The value of preference `name` as it applies to cmd (the command's own
 * declaration wins over the extension's): the stored value, else the
 * default.  A new string, or NULL when neither exists.
 */
char *prefs_get(const struct ext_command *cmd, const char *name);

/*
 * Store a value for one of ext's preferences, after checking it against its
 * type (dropdown values, checkbox true/false, …).  0, or -1 with *cause set.
 */
int prefs_set(const struct extension *ext, const char *name, const char *value, char **cause);

/* Names of cmd's required preferences that have neither a stored value nor a default. */
void prefs_missing(const struct ext_command *cmd, struct strv *names);

/*
 * Every preference that applies to cmd with its value (stored, else default;
 * preferences with neither are left out): for CHITTY_PREF_<NAME> and the SDK.
 */
void prefs_values(const struct ext_command *cmd, struct strv *names, struct strv *values);

#endif
