/*
 * The extension registry: every extension chitty can see, loaded from
 *
 *   1. $XDG_CONFIG_HOME/chitty/extensions/*.md   (the user's)
 *   2. $XDG_CONFIG_HOME/chitty/snippets/*.md     (legacy: read, then migrated into 1)
 *   3. each folder of the config's "extensionPaths"
 *   4. $(datadir)/chitty/extensions/*.md         (shipped; see paths_data_dir)
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
struct ext_command;

struct ext_registry {
	struct extension **exts; /* load order: user, legacy, extensionPaths, shipped */
	size_t n;
};

/* Load everything (never NULL; global problems go through msg_warn). */
struct ext_registry *ext_registry_load(const struct config *config);
void ext_registry_free(struct ext_registry *reg);

/* By name (borrowed), or NULL. */
struct extension *ext_registry_find(const struct ext_registry *reg, const char *name);
/* By command id "<extension>/<slug>" (borrowed), or NULL. */
struct ext_command *ext_registry_find_command(const struct ext_registry *reg, const char *id);

#endif
