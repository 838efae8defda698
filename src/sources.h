/*
 * Sources: what fills the catalog.  Each producer contributes items under its
 * own source names ("ext:<name>", "remote:<name>") through one function:
 *
 *   extension_source_load   enabled extensions' commands (extension-source.c)
 *   remote_source_load      each remote's cached items (remote-source.c)
 *
 * sources_load calls them in that order, so the catalog's order (and so the
 * ranking's tie order) is: extension commands, then remote items.  A failing
 * producer reports through msg_warn and never stops the others.
 */
#ifndef CHITTY_SOURCES_H
#define CHITTY_SOURCES_H

struct catalog;
struct config;
struct ext_command;
struct ext_registry;
struct item;

void sources_load(struct catalog *cat, const struct config *config);

void extension_source_load(struct catalog *cat, const struct config *config);
/* The same from a registry already loaded (enabled extensions, enabled and visible commands). */
void extension_source_add(struct catalog *cat, const struct ext_registry *reg);
/* One command as an item (kind "command", source "ext:<name>"); a new item. */
struct item *extension_command_item(const struct ext_command *cmd);
void remote_source_load(struct catalog *cat, const struct config *config);

#endif
