/*
 * The registry: locations and their precedence, the legacy snippets/
 * migration, extensionPaths, the config's "extensions" map, the parse cache
 * (hits, touch, same-size edits, truncated and corrupt files), catalog items.
 */
#include "build-config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "catalog.h"
#include "config.h"
#include "ext-cache.h"
#include "extension.h"
#include "fileio.h"
#include "item.h"
#include "msg.h"
#include "registry.h"
#include "sources.h"
#include "strbuf.h"
#include "tap.h"
#include "xmalloc.h"

#ifdef __APPLE__
#define st_mtim st_mtimespec
#endif

static struct strbuf messages = STRBUF_INIT;
static int n_messages;

static void
capture(enum msg_level level, const char *text, void *arg)
{
	(void)arg;
	sb_addf(&messages, "%s: %s\n", level == MSG_WARNING ? "warning" : "info", text);
	n_messages++;
}

static void
reset_messages(void)
{
	sb_truncate(&messages, 0);
	n_messages = 0;
}

static char *root;

static char *
at(const char *rel)
{
	return xasprintf("%s/%s", root, rel);
}

static void
write_file(const char *rel, const char *text)
{
	char *path = at(rel);
	char *dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	mkdir_p(dir, 0700, NULL);
	if (file_write_atomic(path, text, strlen(text), 0644, NULL) != 0)
		diag("cannot write %s", path);
	free(dir);
	free(path);
}

/* Set a file's mtime to `ago` seconds in the past (whole seconds). */
static void
age_file(const char *rel, long ago)
{
	char *path = at(rel);
	struct timeval tv[2];
	gettimeofday(&tv[0], NULL);
	tv[0].tv_sec -= ago;
	tv[0].tv_usec = 0;
	tv[1] = tv[0];
	utimes(path, tv);
	free(path);
}

static char *
extension_text(const char *name, const char *title, const char *command)
{
	return xasprintf("---\nname: %s\ntitle: %s\ndescription: test\nicon: x\nauthor: t\n"
			 "categories: [Other]\n---\n\n## %s\n<!-- description: d -->\n\n"
			 "```bash\necho %s\n```\n",
			 name, title, command, name);
}

static void
write_extension(const char *rel, const char *name, const char *title, const char *command)
{
	char *text = extension_text(name, title, command);
	write_file(rel, text);
	free(text);
}

static int
has_problem(const struct extension *ext, const char *text)
{
	for (size_t i = 0; i < ext->n_problems; i++)
		if (strstr(ext->problems[i].message, text) != NULL)
			return 1;
	return 0;
}

static void
test_locations(void)
{
	write_extension("config/chitty/extensions/alpha.md", "alpha", "Alpha", "Hello");
	write_extension("config/chitty/extensions/beta.md", "beta", "Beta (user)", "Mine");
	write_extension("data/extensions/beta.md", "beta", "Beta (shipped)", "Theirs");
	write_extension("data/extensions/gamma.md", "gamma", "Gamma", "Shipped One");
	write_file("data/extensions/README.md", "# Not an extension\n\n## Nope\n```bash\nx\n```\n");
	write_file("data/extensions/.hidden.md", "## Hidden\n```bash\nx\n```\n");
	write_file("data/extensions/notes.txt", "## Text\n```bash\nx\n```\n");
	write_extension("more/delta.md", "delta", "Delta", "From A Path");
	write_extension("single/epsilon.md", "epsilon", "Epsilon", "One File");

	char *cfg_path = at("config/chitty/config.json");
	char *more = at("more"), *single = at("single/epsilon.md");
	char *json = xasprintf("{\"extensionPaths\": [\"%s\", \"%s\", \"%s/missing\"],"
			       "\"extensions\": {\"gamma\": {\"enabled\": false}, \"delta\": false,"
			       " \"@chitty/epsilon\": {\"enabled\": true}}}",
			       more, single, root);
	file_write_atomic(cfg_path, json, strlen(json), 0600, NULL);
	struct config *config = config_load(cfg_path, NULL);

	reset_messages();
	struct ext_registry *reg = ext_registry_load(config);
	is_int(reg->n, 5,
	       "five extensions from four kinds of place (README, dot files, .txt skipped)");
	ok(strstr(sb_str(&messages), "missing does not exist") != NULL,
	   "a missing extensionPaths entry is a warning");
	struct extension *beta = ext_registry_find(reg, "beta");
	if (ok(beta != NULL, "beta is found")) {
		is_str(beta->title, "Beta (user)", "the user's copy wins over the shipped one");
		ok(has_problem(beta, "data/extensions/beta.md"),
		   "with a warning naming the other copy");
		is_int(beta->shipped, 0, "the user's copy is not shipped");
	}
	struct extension *gamma = ext_registry_find(reg, "gamma");
	if (ok(gamma != NULL, "a shipped extension is found")) {
		is_int(gamma->shipped, 1, "and marked shipped");
		is_int(gamma->enabled, 0, "{\"enabled\": false} disables it");
	}
	struct extension *delta = ext_registry_find(reg, "delta");
	ok(delta != NULL && !delta->enabled, "a folder of extensionPaths; false disables");
	struct extension *eps = ext_registry_find(reg, "epsilon");
	ok(eps != NULL && eps->enabled, "a file of extensionPaths; @chitty/NAME is matched");
	ok(ext_registry_find(reg, "alpha") != NULL && ext_registry_find(reg, "alpha")->enabled,
	   "extensions are enabled by default");
	is_str(reg->exts[0]->name, "alpha", "load order starts with the user's folder");
	struct ext_command *c = ext_registry_find_command(reg, "alpha/hello");
	ok(c != NULL && strcmp(c->title, "Hello") == 0, "find_command by <ext>/<slug>");
	ok(ext_registry_find_command(reg, "alpha/nope") == NULL &&
		   ext_registry_find_command(reg, "nope/hello") == NULL &&
		   ext_registry_find_command(reg, "alpha") == NULL &&
		   ext_registry_find_command(reg, NULL) == NULL,
	   "unknown ids are NULL");

	/* catalog items: enabled extensions only */
	struct catalog *cat = catalog_create();
	extension_source_add(cat, reg);
	ok(catalog_find(cat, "alpha/hello") != NULL, "enabled commands become items");
	ok(catalog_find(cat, "gamma/shipped-one") == NULL, "disabled extensions do not");
	struct item *item = catalog_find(cat, "beta/mine");
	if (ok(item != NULL, "the winning copy's command is an item")) {
		is_str(item->kind, "command", "item kind");
		is_str(item->source, "ext:beta", "item source");
		is_str(item->group, "Beta (user)", "item group is the extension title");
		is_str(item->subtitle, "d", "subtitle falls back to the description");
		ok(item->n_actions == 3 && item->actions[0].kind == ACTION_RUN &&
			   strcmp(item->actions[0].target, "beta/mine") == 0,
		   "the primary action runs the command");
		ok(item_find_action(item, "copy-id") != NULL &&
			   item_find_action(item, "open-file") != NULL,
		   "copy-id and open-file actions");
		ok(item->preview != NULL && strstr(item->preview, "```bash\necho beta\n```"),
		   "the preview shows the code");
	}
	/* a reload after disabling drops the items */
	beta->enabled = 0;
	extension_source_add(cat, reg);
	ok(catalog_find(cat, "beta/mine") == NULL, "a reload drops a disabled extension's items");
	catalog_free(cat);

	ext_registry_free(reg);
	config_free(config);
	free(json);
	free(more);
	free(single);
	free(cfg_path);
}

static void
test_migration(void)
{
	write_extension("config/chitty/snippets/legacy.md", "legacy", "Legacy", "Old One");
	write_extension("config/chitty/snippets/alpha.md", "alpha-old", "Alpha Old", "Older");
	reset_messages();
	struct ext_registry *reg = ext_registry_load(NULL);
	char *moved = at("config/chitty/extensions/legacy.md");
	char *gone = at("config/chitty/snippets/legacy.md");
	char *kept = at("config/chitty/snippets/alpha.md");
	ok(file_exists(moved) && !file_exists(gone), "a legacy file is moved into extensions/");
	ok(file_exists(kept), "a legacy file never replaces one of the same name");
	ok(ext_registry_find(reg, "legacy") != NULL, "the moved file loads");
	ok(ext_registry_find(reg, "alpha-old") != NULL, "the one left in snippets/ is still read");
	ok(strstr(sb_str(&messages), "moved 1 extension file") != NULL, "the move is reported");
	ok(strstr(sb_str(&messages), "was not moved") != NULL, "the conflict is reported");
	ext_registry_free(reg);

	reset_messages();
	reg = ext_registry_load(NULL);
	ok(strstr(sb_str(&messages), "not moved") == NULL &&
		   strstr(sb_str(&messages), "moved") == NULL,
	   "the next load says nothing: reported once");
	ext_registry_free(reg);
	unlink(kept);
	free(moved);
	free(gone);
	free(kept);
}

/* ext_registry_load as a tap_unprivileged check: 19 extensions and a cache warning. */
static int
check_unwritable_cache(void *arg, char *msg, size_t size)
{
	(void)arg;
	reset_messages();
	struct ext_registry *reg = ext_registry_load(NULL);
	size_t n = reg->n;
	ext_registry_free(reg);
	snprintf(msg, size, "%zu extensions; %s", n,
		 n_messages > 0 ? sb_str(&messages) : "no warning");
	msg[strcspn(msg, "\n")] = '\0';
	return n == 19 && strstr(sb_str(&messages), "cannot write the extension cache") != NULL;
}

static void
test_cache(void)
{
	/* a private tree so counts are exact */
	char *dir = at("cachetest");
	char *cache = at("cache/chitty/extensions.cache");
	setenv("CHITTY_DATA_DIR", dir, 1);
	char *cfg = at("config/chitty/config.json");
	unlink(cfg);
	char *user = at("config/chitty/extensions");
	struct strv files = STRV_INIT;
	ext_list_folder(user, &files);
	for (size_t i = 0; i < files.n; i++)
		unlink(files.v[i]);
	strv_free(&files);

	for (int i = 0; i < 20; i++) {
		char rel[64], name[16];
		snprintf(rel, sizeof rel, "cachetest/extensions/e%02d.md", i);
		snprintf(name, sizeof name, "e%02d", i);
		write_extension(rel, name, "Cached", "Command");
		age_file(rel, 100);
	}
	unlink(cache);
	struct ext_registry *reg = ext_registry_load(NULL);
	is_int(reg->n_parsed, 20, "cold: every file is parsed");
	is_int(reg->n_cached, 0, "cold: nothing from the cache");
	struct stat st;
	ok(stat(cache, &st) == 0 && (st.st_mode & 0777) == 0600, "the cache is written 0600");
	ext_registry_free(reg);

	reg = ext_registry_load(NULL);
	is_int(reg->n_cached, 20, "warm: every file comes from the cache");
	is_int(reg->n_parsed, 0, "warm: nothing is parsed");
	struct ext_command *c = ext_registry_find_command(reg, "e05/command");
	ok(c != NULL && strcmp(c->code, "echo e05") == 0 && c->ext != NULL,
	   "a cached command is complete");
	ext_registry_free(reg);

	/* touch: a new mtime means a new parse, of that file only */
	age_file("cachetest/extensions/e03.md", 50);
	reg = ext_registry_load(NULL);
	is_int(reg->n_parsed, 1, "touch: only the touched file is parsed");
	is_int(reg->n_cached, 19, "touch: the rest come from the cache");
	ext_registry_free(reg);

	/* a same-size edit with a new mtime */
	write_extension("cachetest/extensions/e04.md", "e04", "Edited", "Command");
	age_file("cachetest/extensions/e04.md", 40);
	reg = ext_registry_load(NULL);
	ok(ext_registry_find(reg, "e04") != NULL &&
		   strcmp(ext_registry_find(reg, "e04")->title, "Edited") == 0,
	   "a same-size edit is seen");
	ext_registry_free(reg);

	/* the racy case: edited within the same second, same size, same inode, the
	 * mtime put back exactly: the entry was parsed too soon after the file's
	 * mtime to be trusted, so it is parsed again */
	char *e07 = at("cachetest/extensions/e07.md");
	age_file("cachetest/extensions/e07.md", 0);
	struct stat before;
	stat(e07, &before);
	reg = ext_registry_load(NULL);
	ext_registry_free(reg);
	char *text = extension_text("e07", "Racy!!", "Command");
	int fd = open(e07, O_WRONLY);
	ssize_t w = write(fd, text, strlen(text));
	close(fd);
	struct timespec ts[2] = {before.st_mtim, before.st_mtim};
	utimensat(AT_FDCWD, e07, ts, 0);
	struct stat after;
	stat(e07, &after);
	ok(w == (ssize_t)strlen(text) && after.st_size == before.st_size &&
		   after.st_ino == before.st_ino && after.st_mtim.tv_sec == before.st_mtim.tv_sec &&
		   after.st_mtim.tv_nsec == before.st_mtim.tv_nsec,
	   "racy edit: same size, inode and mtime");
	reg = ext_registry_load(NULL);
	ok(ext_registry_find(reg, "e07") != NULL &&
		   strcmp(ext_registry_find(reg, "e07")->title, "Racy!!") == 0,
	   "racy edit: the change is seen");
	ext_registry_free(reg);
	age_file("cachetest/extensions/e07.md", 100);
	free(text);
	free(e07);

	/* a removed file leaves the cache */
	char *e19 = at("cachetest/extensions/e19.md");
	unlink(e19);
	reg = ext_registry_load(NULL);
	is_int(reg->n, 19, "a removed file is gone");
	ext_registry_free(reg);
	free(e19);

	/* warm again, then break the cache in three ways */
	reg = ext_registry_load(NULL);
	ext_registry_free(reg);
	reg = ext_registry_load(NULL);
	is_int(reg->n_cached, 19, "warm again before breaking the cache");
	ext_registry_free(reg);
	size_t len;
	char *good = file_read_all(cache, &len, 0, NULL);

	file_write_atomic(cache, good, len / 2, 0600, NULL);
	reg = ext_registry_load(NULL);
	ok(reg->n == 19 && reg->n_parsed == 19,
	   "a truncated cache is ignored and everything parsed");
	ext_registry_free(reg);
	reg = ext_registry_load(NULL);
	is_int(reg->n_cached, 19, "and rebuilt");
	ext_registry_free(reg);

	char *bad = xmalloc(len);
	memcpy(bad, good, len);
	bad[len - 10] ^= 0x5a;
	file_write_atomic(cache, bad, len, 0600, NULL);
	reg = ext_registry_load(NULL);
	ok(reg->n == 19 && reg->n_parsed == 19, "a corrupt byte: the cache is not trusted");
	ext_registry_free(reg);

	memcpy(bad, good, len);
	bad[8] = (char)(bad[8] + 1); /* the format version */
	file_write_atomic(cache, bad, len, 0600, NULL);
	reg = ext_registry_load(NULL);
	ok(reg->n == 19 && reg->n_parsed == 19, "another format version is ignored");
	ext_registry_free(reg);

	file_write_atomic(cache, "garbage", 7, 0600, NULL);
	reg = ext_registry_load(NULL);
	ok(reg->n == 19 && reg->n_parsed == 19, "garbage is ignored");
	ext_registry_free(reg);

	struct ext_cache *ec = ext_cache_open(cache);
	ok(!ext_cache_was_invalid(ec), "after a load the cache is valid again");
	ext_cache_free(ec);

	/* no cache at all */
	reg = ext_registry_load_with_cache(NULL, NULL);
	ok(reg->n == 19 && reg->n_parsed == 19, "loading without a cache parses everything");
	ext_registry_free(reg);

	/* an unwritable cache folder only costs speed */
	char *cachedir = at("cache/chitty");
	unlink(cache);
	chmod(cachedir, 0500);
	/* As nobody when root: root writes anywhere. */
	char msg[1024];
	int r = tap_unprivileged(root, check_unwritable_cache, NULL, msg, sizeof msg);
	if (r < 0)
		skip("an unwritable cache folder: extensions still load, with a warning", msg);
	else
		ok(r == 1, "an unwritable cache folder: extensions still load, with a warning: %s",
		   msg);
	chmod(cachedir, 0700);
	free(cachedir);

	free(bad);
	free(good);
	free(user);
	free(cfg);
	free(cache);
	free(dir);
}

static void
test_disabled_by_default(void)
{
	char *cfg_path = at("config/chitty/config.json");
	write_file("cachetest/extensions/dbd.md",
		   "---\nname: dbd\ntitle: D\ndescription: d\nicon: x\nauthor: a\ncategories: "
		   "[Other]\n---\n## Off\n<!-- description: off -->\n<!-- disabledByDefault: true "
		   "-->\n```bash\nx\n```\n## On\n<!-- description: on -->\n```bash\ny\n```\n"
		   "## Hidden\n<!-- description: h -->\n<!-- hidden: true -->\n```bash\nz\n```\n");
	struct ext_registry *reg = ext_registry_load(NULL);
	struct ext_command *off = ext_registry_find_command(reg, "dbd/off");
	ok(off != NULL && !off->enabled, "disabledByDefault: off until enabled");
	struct catalog *cat = catalog_create();
	extension_source_add(cat, reg);
	ok(catalog_find(cat, "dbd/off") == NULL, "and not in the catalog");
	ok(catalog_find(cat, "dbd/hidden") == NULL, "hidden commands are not in the catalog");
	ok(catalog_find(cat, "dbd/on") != NULL, "others are");
	catalog_free(cat);
	ext_registry_free(reg);

	const char *json = "{\"extensions\": {\"dbd\": {\"commands\": {\"off\": {\"enabled\": "
			   "true}, \"on\": false}}}}";
	file_write_atomic(cfg_path, json, strlen(json), 0600, NULL);
	struct config *config = config_load(cfg_path, NULL);
	reg = ext_registry_load(config);
	off = ext_registry_find_command(reg, "dbd/off");
	struct ext_command *on = ext_registry_find_command(reg, "dbd/on");
	ok(off != NULL && off->enabled, "the config enables a disabled-by-default command");
	ok(on != NULL && !on->enabled, "and disables another");
	ext_registry_free(reg);
	config_free(config);
	unlink(cfg_path);
	free(cfg_path);
}

int
main(void)
{
	const char *dir = tap_sandbox();
	root = xstrdup(dir);
	char *data = at("data");
	setenv("CHITTY_DATA_DIR", data, 1);
	free(data);
	msg_set_sink(capture, NULL);
	test_locations();
	test_migration();
	test_cache();
	test_disabled_by_default();
	msg_set_sink(NULL, NULL);
	sb_free(&messages);
	free(root);
	tap_sandbox_remove(dir);
	return done_testing();
}
