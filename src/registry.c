/* The extension registry: every location, the legacy migration, the cache, the config. */
#include "build-config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "ext-cache.h"
#include "ext-load.h"
#include "extension.h"
#include "fileio.h"
#include "msg.h"
#include "paths.h"
#include "registry.h"
#include "strbuf.h"
#include "strv.h"
#include "suggest.h"
#include "xmalloc.h"

/* dir/name for one of the XDG folders (a getter from paths.h). */
static char *
child_of(char *(*base)(void), const char *name)
{
	char *dir = base();
	char *path = paths_join(dir, name);
	free(dir);
	return path;
}

char *
ext_registry_user_dir(void)
{
	return child_of(paths_config_dir, "extensions");
}

char *
ext_registry_legacy_dir(void)
{
	return child_of(paths_config_dir, "snippets");
}

char *
ext_registry_shipped_dir(void)
{
	return child_of(paths_data_dir, "extensions");
}

static int
compare_strings(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
is_extension_file(const char *name)
{
	size_t len = strlen(name);
	return name[0] != '.' && len > 3 && strcasecmp(name + len - 3, ".md") == 0 &&
	       strcasecmp(name, "README.md") != 0;
}

void
ext_list_folder(const char *dir, struct strv *paths)
{
	DIR *d = opendir(dir);
	if (d == NULL)
		return;
	struct strv names = STRV_INIT;
	struct dirent *de;
	while ((de = readdir(d)) != NULL)
		if (is_extension_file(de->d_name))
			strv_push(&names, de->d_name);
	closedir(d);
	if (names.n > 1)
		qsort(names.v, names.n, sizeof *names.v, compare_strings);
	for (size_t i = 0; i < names.n; i++)
		strv_push_owned(paths, paths_join(dir, names.v[i]));
	strv_free(&names);
}

/* Legacy migration */

static char *
migration_state_path(void)
{
	return child_of(paths_state_dir, "snippets-migration");
}

int
ext_registry_migrate(void)
{
	char *legacy = ext_registry_legacy_dir();
	char *user = ext_registry_user_dir();
	int moved = 0;
	struct strv files = STRV_INIT, conflicts = STRV_INIT;
	if (is_directory(legacy))
		ext_list_folder(legacy, &files);
	for (size_t i = 0; i < files.n; i++) {
		char *dest = paths_join(user, path_basename(files.v[i]));
		char *cause = NULL;
		if (file_exists(dest))
			strv_push(&conflicts, files.v[i]);
		else if (paths_ensure(user, &cause) != 0) {
			msg_warn("cannot migrate %s: %s", files.v[i], cause);
			free(cause);
		} else if (rename(files.v[i], dest) != 0)
			msg_warn("cannot move %s to %s: %s", files.v[i], user, strerror(errno));
		else
			moved++;
		free(dest);
	}
	if (moved > 0)
		msg_info("moved %d extension file%s from %s to %s (the snippets folder is now "
			 "called extensions)",
			 moved, moved == 1 ? "" : "s", legacy, user);

	/* Conflicts stay where they are; say so once per file, not at every start. */
	if (conflicts.n > 0) {
		char *state = migration_state_path();
		char *seen = file_read_all(state, NULL, 1 << 20, NULL);
		struct strv reported = STRV_INIT;
		strv_split(&reported, seen != NULL ? seen : "", "\n");
		int added = 0;
		for (size_t i = 0; i < conflicts.n; i++) {
			if (strv_contains(&reported, conflicts.v[i]))
				continue;
			msg_warn("%s was not moved to %s: a file of that name is already there "
				 "(that one is used)",
				 conflicts.v[i], user);
			strv_push(&reported, conflicts.v[i]);
			added = 1;
		}
		if (added) {
			char *text = strv_join(&reported, "\n");
			char *dir = paths_state_dir();
			if (paths_ensure(dir, NULL) == 0)
				(void)file_write_atomic(state, text, strlen(text), 0600, NULL);
			free(dir);
			free(text);
		}
		strv_free(&reported);
		free(seen);
		free(state);
	} else if (moved > 0 && files.n == (size_t)moved)
		(void)rmdir(legacy); /* only when empty; a user's other files keep it */
	strv_free(&files);
	strv_free(&conflicts);
	free(legacy);
	free(user);
	return moved;
}

/* Loading */

static struct extension *
registry_find(const struct ext_registry *reg, const char *name)
{
	for (size_t i = 0; i < reg->n; i++)
		if (strcmp(reg->exts[i]->name, name) == 0)
			return reg->exts[i];
	return NULL;
}

static void
registry_add(struct ext_registry *reg, struct extension *ext)
{
	reg->exts = xreallocarray(reg->exts, reg->n + 1, sizeof *reg->exts);
	reg->exts[reg->n++] = ext;
}

struct name_ref {
	const char *name;
	size_t i;
};

static int
cmp_name_ref(const void *a, const void *b)
{
	const struct name_ref *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	if (c != 0)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * The same name loaded twice: load order is precedence, so the first copy
 * (the user's over the shipped one) stays and says where the others are.
 * Sorting the names keeps this O(n log n) for hundreds of bundles.
 */
static void
drop_duplicates(struct ext_registry *reg)
{
	if (reg->n < 2)
		return;
	struct name_ref *r = xcalloc(reg->n, sizeof *r);
	char *drop = xcalloc(reg->n, 1);
	for (size_t i = 0; i < reg->n; i++) {
		r[i].name = reg->exts[i]->name;
		r[i].i = i;
	}
	qsort(r, reg->n, sizeof *r, cmp_name_ref);
	for (size_t k = 1, first = 0; k < reg->n; k++) {
		if (strcmp(r[k].name, r[first].name) != 0) {
			first = k;
			continue;
		}
		const struct extension *dup = reg->exts[r[k].i];
		extension_add_problem(reg->exts[r[first].i], PROBLEM_WARNING, 0,
				      "extension '%s' is also in %s; this copy is used", dup->name,
				      dup->path);
		drop[r[k].i] = 1;
	}
	size_t kept = 0;
	for (size_t i = 0; i < reg->n; i++) {
		if (drop[i])
			extension_free(reg->exts[i]);
		else
			reg->exts[kept++] = reg->exts[i];
	}
	reg->n = kept;
	free(drop);
	free(r);
}

static void
load_file(struct ext_registry *reg, struct ext_cache *cache, const char *path, int shipped)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
		return;
	struct extension *ext = cache != NULL ? ext_cache_get(cache, path, &st) : NULL;
	if (ext != NULL)
		reg->n_cached++;
	else {
		char *cause = NULL;
		ext = extension_load_file(path, &cause);
		if (ext == NULL) {
			msg_warn("%s", cause);
			free(cause);
			return;
		}
		reg->n_parsed++;
		if (cache != NULL)
			ext_cache_put(cache, path, &st, ext);
	}
	ext->shipped = shipped;
	registry_add(reg, ext);
}

static void
load_folder(struct ext_registry *reg, struct ext_cache *cache, const char *dir, int shipped)
{
	struct strv files = STRV_INIT;
	ext_list_folder(dir, &files);
	for (size_t i = 0; i < files.n; i++)
		load_file(reg, cache, files.v[i], shipped);
	strv_free(&files);
}

static const cJSON *
config_entry(const cJSON *map, const char *name)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(map, name);
	if (v == NULL) {
		char *scoped = xasprintf("@chitty/%s", name);
		v = cJSON_GetObjectItemCaseSensitive(map, scoped);
		free(scoped);
	}
	return v;
}

/* true/false, or {"enabled": true/false}; fallback otherwise. */
static int
enabled_value(const cJSON *v, int fallback)
{
	if (cJSON_IsBool(v))
		return cJSON_IsTrue(v);
	const cJSON *e = cJSON_GetObjectItemCaseSensitive(v, "enabled");
	if (cJSON_IsBool(e))
		return cJSON_IsTrue(e);
	return fallback;
}

void
ext_registry_apply_config(struct ext_registry *reg, const struct config *config)
{
	const cJSON *map = config != NULL ? config_get(config, "extensions") : NULL;
	for (size_t i = 0; i < reg->n; i++) {
		struct extension *ext = reg->exts[i];
		const cJSON *entry = cJSON_IsObject(map) ? config_entry(map, ext->name) : NULL;
		ext->enabled = enabled_value(entry, 1);
		const cJSON *commands = cJSON_GetObjectItemCaseSensitive(entry, "commands");
		for (size_t j = 0; j < ext->n_commands; j++) {
			struct ext_command *cmd = ext->commands[j];
			const cJSON *c = cJSON_GetObjectItemCaseSensitive(commands, cmd->slug);
			cmd->enabled = enabled_value(c, !cmd->disabled_by_default);
		}
	}
}

struct ext_registry *
ext_registry_load_with_cache(const struct config *config, const char *cache_path)
{
	struct ext_registry *reg = xcalloc(1, sizeof *reg);
	ext_registry_migrate();
	struct ext_cache *cache = cache_path != NULL ? ext_cache_open(cache_path) : NULL;

	char *user = ext_registry_user_dir();
	char *legacy = ext_registry_legacy_dir();
	char *shipped = ext_registry_shipped_dir();
	load_folder(reg, cache, user, 0);
	load_folder(reg, cache, legacy, 0);
	const cJSON *extra = config != NULL ? config_get(config, "extensionPaths") : NULL;
	const cJSON *p;
	cJSON_ArrayForEach (p, extra) {
		if (!cJSON_IsString(p) || *p->valuestring == '\0')
			continue;
		char *path = expand_tilde(p->valuestring);
		if (is_directory(path))
			load_folder(reg, cache, path, 0);
		else if (file_exists(path))
			load_file(reg, cache, path, 0);
		else
			msg_warn("extensionPaths: %s does not exist", path);
		free(path);
	}
	load_folder(reg, cache, shipped, 1);
	drop_duplicates(reg);
	free(user);
	free(legacy);
	free(shipped);

	if (cache != NULL) {
		char *cause = NULL;
		if (ext_cache_save(cache, &cause) != 0) {
			/* a read-only cache folder only costs speed */
			msg_warn("cannot write the extension cache: %s", cause);
			free(cause);
		}
		ext_cache_free(cache);
	}
	ext_registry_apply_config(reg, config);
	return reg;
}

struct ext_registry *
ext_registry_load(const struct config *config)
{
	char *cache = ext_cache_default_path();
	struct ext_registry *reg = ext_registry_load_with_cache(config, cache);
	free(cache);
	return reg;
}

void
ext_registry_free(struct ext_registry *reg)
{
	if (reg == NULL)
		return;
	for (size_t i = 0; i < reg->n; i++)
		extension_free(reg->exts[i]);
	free(reg->exts);
	free(reg);
}

struct extension *
ext_registry_find(const struct ext_registry *reg, const char *name)
{
	return name != NULL ? registry_find(reg, name) : NULL;
}

struct ext_command *
ext_registry_find_command(const struct ext_registry *reg, const char *id)
{
	const char *slash = id != NULL ? strrchr(id, '/') : NULL;
	if (slash == NULL)
		return NULL;
	char *name = xstrndup(id, (size_t)(slash - id));
	struct extension *ext = registry_find(reg, name);
	free(name);
	return ext != NULL ? extension_find_command(ext, slash + 1) : NULL;
}

const char *
ext_registry_suggest(const struct ext_registry *reg, const char *name)
{
	const char **names = xcalloc(reg->n + 1, sizeof *names);
	for (size_t i = 0; i < reg->n; i++)
		names[i] = reg->exts[i]->name;
	const char *near = suggest_nearest(name, names, reg->n);
	free(names);
	return near;
}
