/*
 * config.json: $XDG_CONFIG_HOME/chitty/config.json.
 *
 * The whole document is kept as a cJSON tree, so keys chitty does not know
 * survive a load/save round trip.  A missing file is an empty config.  An
 * invalid file is reported with its line and column and is never overwritten:
 * config_save refuses to write over a file that failed to load.
 *
 * Top-level keys (see chitty-config(5)): remotes, extensions, extensionPaths,
 * sync, theme, keys, icons, opener, keepOpen, popup.
 */
#ifndef CHITTY_CONFIG_H
#define CHITTY_CONFIG_H

struct cJSON;

struct config {
	char *path;
	struct cJSON *root; /* always an object */
};

/* The default path ($XDG_CONFIG_HOME/chitty/config.json); a new string. */
char *config_default_path(void);

/*
 * Load path (NULL: the default path).  Returns a config, or NULL with *cause
 * set: "PATH:LINE:COL: invalid JSON …", "PATH: not a JSON object", or the
 * read error.
 */
struct config *config_load(const char *path, char **cause);
/*
 * config_load(NULL) for commands that can do without the config (listing,
 * searching): one that cannot be read is a warning, "CAUSE (without)" when
 * without is not NULL, and NULL is returned.
 */
struct config *config_load_lenient(const char *without);
/* An empty config for path (NULL: the default path), for first-time writes. */
struct config *config_create_empty(const char *path);
void config_free(struct config *config);

/* Write atomically, mode 0600, creating the folder (0700).  0 or -1. */
int config_save(const struct config *config, char **cause);

/* Top-level value (borrowed), or NULL. */
struct cJSON *config_get(const struct config *config, const char *key);
/* Top-level object, created when missing (or replacing a non-object). */
struct cJSON *config_object(struct config *config, const char *key);
const char *config_string(const struct config *config, const char *key, const char *fallback);
int config_bool(const struct config *config, const char *key, int fallback);

/*
 * Line and column (1-based) of byte offset `offset` in text; used for every
 * "FILE:LINE:COL:" message about JSON or YAML input.
 */
void text_line_col(const char *text, size_t offset, int *line, int *col);

#endif
