/*
 * Editing remotes in config.json: what `chitty config add|remove|test` and
 * the "New remote" form share.  Values are checked against the provider's
 * field schema; config.json is loaded fresh and written atomically
 * (config_save), and a file that does not parse is never written over.
 */
#ifndef CHITTY_REMOTE_EDIT_H
#define CHITTY_REMOTE_EDIT_H

struct cJSON;
struct provider_field;

/*
 * Set field key of a remote object of this type: known fields only ("did
 * you mean"), numbers stored as JSON numbers, JSON fields parsed, ""
 * removes.  0, or -1 with *cause set.
 */
int remote_edit_set(struct cJSON *obj, const char *type, const char *key, const char *value,
		    char **cause);

/*
 * Test a remote's settings before they are saved (the provider's test: a
 * cheap authenticated request).  0 with *message set, or -1 with *cause set
 * (secrets masked in both).
 */
int remote_edit_test(const char *name, const struct cJSON *obj, char **message, char **cause);

/*
 * Store obj (taken) as remote `name` in config.json: refused when the name
 * exists unless replace.  *path_out (may be NULL) gets the file's path.
 * 0, or -1 with *cause set.
 */
int remote_edit_save(const char *name, struct cJSON *obj, int replace, char **path_out,
		     char **cause);

/* What `config add` and the form print once a remote is saved: a new string. */
char *remote_edit_added_line(const char *name, const char *type, const char *path);

/* 1 when config.json has a remote called name (0 when it cannot be read). */
int remote_edit_exists(const char *name);

/*
 * What may be shown of a remote's value: "••••••" for a literal secret
 * (a schema secret, or an unknown key that looks like one: *token*, *key*,
 * *secret*, *password*), references (env:, cmd:) as they are, numbers and
 * booleans printed.  A new string.
 */
char *remote_display_value(const struct provider_field *f, const char *key,
			   const struct cJSON *value);

#endif
