/*
 * The extension registry: every extension chitty can see, loaded from
 *
 *   1. $XDG_CONFIG_HOME/chitty/extensions/    (the user's)
 *   2. $XDG_CONFIG_HOME/chitty/snippets/      (legacy: read, then migrated into 1)
 *   3. each folder of the config's "extensionPaths"
 *   4. $(datadir)/chitty/extensions/          (shipped; see paths_data_dir)
 *
 * (every *.md file in a folder except README.md and dot files)
 *
 * through the parse cache in $XDG_CACHE_HOME/chitty.  The same extension name
 * in two places: the user's copy wins, with a warning.  One broken file never
 * stops the others: its problems are recorded on it (struct ext_problem).
 *
 * Implemented by the extension loader (src/registry.c).
 */
#ifndef CHITTY_REGISTRY_H
#define CHITTY_REGISTRY_H

#include <stddef.h>

struct config;
struct extension;
struct strv;
struct ext_command;

struct ext_registry {
	struct extension **exts; /* load order: user, legacy, extensionPaths, shipped */
	size_t n;
	size_t n_cached; /* how many came from the parse cache */
	size_t n_parsed; /* how many were parsed (new or changed files) */
};

/* Load everything (never NULL; global problems go through msg_warn). */
struct ext_registry *ext_registry_load(const struct config *config);
void ext_registry_free(struct ext_registry *reg);

/*
 * The same, choosing the cache file (NULL: no cache at all).  For tests and
 * the benchmark; ext_registry_load uses ext_cache_default_path().
 */
struct ext_registry *ext_registry_load_with_cache(const struct config *config,
						  const char *cache_path);

/* The folders, as new strings: $XDG_CONFIG_HOME/chitty/extensions, …/snippets, shipped. */
char *ext_registry_user_dir(void);
char *ext_registry_legacy_dir(void);
char *ext_registry_shipped_dir(void);

/*
 * Move the legacy snippets/ files into extensions/ (never over a file of the
 * same name; those are left and reported once).  ext_registry_load does this
 * first; exposed for tests.  Returns how many files were moved.
 */
int ext_registry_migrate(void);

/*
 * The config's "extensions" map applied to reg: each extension's enabled
 * flag ({"name": {"enabled": false}} or {"name": false}) and its commands'
 * ({"name": {"commands": {"slug": {"enabled": true}}}}; a command marked
 * disabledByDefault stays off until enabled there).
 */
void ext_registry_apply_config(struct ext_registry *reg, const struct config *config);

/* List the *.md extension files of a folder (no dot files, no README.md), sorted. */
void ext_list_folder(const char *dir, struct strv *paths);

/* By name (borrowed), or NULL. */
struct extension *ext_registry_find(const struct ext_registry *reg, const char *name);
/* The loaded extension name nearest to name, for "did you mean" (borrowed), or NULL. */
const char *ext_registry_suggest(const struct ext_registry *reg, const char *name);
/* By command id "<extension>/<slug>" (borrowed), or NULL. */
struct ext_command *ext_registry_find_command(const struct ext_registry *reg, const char *id);

#endif
