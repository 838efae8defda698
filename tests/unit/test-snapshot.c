/*
 * The first-screen snapshot and the search thread: fingerprints that change
 * with what the catalog is built from, save and load, frecency order at
 * load time, and the thread's load, latest-query-wins and reindex.
 */
#include "build-config.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "config.h"
#include "fileio.h"
#include "history.h"
#include "item.h"
#include "paths.h"
#include "registry.h"
#include "search.h"
#include "searcher.h"
#include "snapshot.h"
#include "tap.h"
#include "xmalloc.h"

static void
write_file(const char *path, const char *text)
{
	if (file_write_atomic(path, text, strlen(text), 0600, NULL) != 0) {
		printf("Bail out! cannot write %s\n", path);
		exit(1);
	}
}

static const char *ext_text = "---\nname: snap\ntitle: Snap\ndescription: d\nicon: x\n"
			      "author: a\ncategories: [Fun]\n---\n\n"
			      "## Alpha One\n\n```bash\necho 1\n```\n\n"
			      "## Beta Two\n\n```bash\necho 2\n```\n\n"
			      "## Gamma Three\n\n```bash\necho 3\n```\n";

/* Wait for the searcher's next output (up to 10 s). */
static int
take(struct searcher *s, int wake, struct searcher_output *out)
{
	for (int i = 0; i < 1000; i++) {
		if (searcher_take(s, out))
			return 1;
		struct pollfd p = {.fd = wake, .events = POLLIN};
		poll(&p, 1, 10);
		char buf[64];
		while (read(wake, buf, sizeof buf) > 0)
			;
	}
	return 0;
}

/* Results for gen (skipping the catalog handover), or NULL. */
static struct search_results *
results_for(struct searcher *s, int wake, unsigned long gen, struct searcher_output *first)
{
	struct searcher_output out;
	while (take(s, wake, &out)) {
		if (out.cat != NULL && first != NULL)
			*first = out;
		if (out.res != NULL && out.query_gen == gen)
			return out.res;
		search_results_free(out.res);
	}
	return NULL;
}

int
main(void)
{
	const char *dir = tap_sandbox();
	char *data = xasprintf("%s/data-dir", dir);
	mkdir(data, 0700);
	setenv("CHITTY_DATA_DIR", data, 1);
	char *extdir = xasprintf("%s/config/chitty/extensions", dir);
	mkdir_p(extdir, 0700, NULL);
	char *ext = xasprintf("%s/snap.md", extdir);
	write_file(ext, ext_text);
	struct config *config = config_create_empty(NULL);

	/* fingerprints */
	char *fp1 = snapshot_fingerprint(config);
	char *fp2 = snapshot_fingerprint(config);
	is_str(fp1, fp2, "the fingerprint is stable");
	sleep(1);
	write_file(ext, ext_text); /* same text, a new file: a new inode and time */
	char *fp3 = snapshot_fingerprint(config);
	ok(strcmp(fp1, fp3) != 0, "rewriting an extension changes it");
	char *other = xasprintf("%s/other.txt", extdir);
	write_file(other, "x");
	char *fp4 = snapshot_fingerprint(config);
	ok(strcmp(fp3, fp4) != 0, "a new file in an extension folder changes it");
	char *cachefile = xasprintf("%s/cache/chitty/remote-x.json", dir);
	char *cachedir = xasprintf("%s/cache/chitty", dir);
	mkdir_p(cachedir, 0700, NULL);
	free(cachedir);
	write_file(cachefile, "{}");
	char *fp5 = snapshot_fingerprint(config);
	ok(strcmp(fp4, fp5) != 0, "a remote cache written in the cache folder changes it");
	char *extcache = xasprintf("%s/cache/chitty/extensions.cache", dir);
	write_file(extcache, "x");
	char *fp6 = snapshot_fingerprint(config);
	is_str(fp5, fp6, "the extension parse cache does not (the files it caches count)");
	free(fp1);
	free(fp2);
	free(fp3);
	free(fp4);

	/* the search thread: load, then rank */
	int wake[2];
	if (pipe(wake) != 0)
		return 1;
	fcntl(wake[0], F_SETFL, O_NONBLOCK);
	struct searcher *s = searcher_create(wake[1]);
	searcher_query(s, "", 0, 1);
	searcher_load(s, config, NULL);
	struct searcher_output loaded = {0};
	struct search_results *res = results_for(s, wake[0], 1, &loaded);
	ok(loaded.cat != NULL && loaded.reg != NULL && loaded.cat->n == 3,
	   "the thread loads the registry and the catalog and hands them over");
	ok(res != NULL && res->n == 3 && strcmp(res->r[0].item->title, "Alpha One") == 0,
	   "then ranks the query posted before the load finished");
	search_results_free(res);

	/* the latest query wins */
	searcher_query(s, "alp", 3, 2);
	searcher_query(s, "gam", 3, 3);
	res = results_for(s, wake[0], 3, NULL);
	ok(res != NULL && res->n == 1 && strcmp(res->r[0].item->title, "Gamma Three") == 0,
	   "the latest query's results come back");
	struct searcher_output late;
	ok(!searcher_take(s, &late) || late.res == NULL || late.query_gen == 3,
	   "a stale query's results are dropped");
	search_results_free(res);

	/* a remote's items swapped in: old items stay alive until a new index is used */
	struct item *fresh = item_create("remote/1", "issue", "Gamma Remote");
	struct item **old = NULL;
	size_t n_old = 0;
	catalog_swap_source(loaded.cat, "remote:x", &fresh, 1, &old, &n_old);
	searcher_reindex(s, loaded.cat);
	searcher_query(s, "gam", 3, 4);
	res = results_for(s, wake[0], 4, NULL);
	ok(res != NULL && res->n == 2, "after a reindex the new item is found");
	search_results_free(res);

	/* the snapshot saved after the load */
	searcher_save_snapshot(s);
	char *fp = snapshot_fingerprint(config);
	struct snapshot *snap = snapshot_load(fp);
	ok(snap != NULL, "the thread saved a snapshot under the current fingerprint");
	struct history *hist = history_load(NULL, NULL);
	res = snap != NULL ? snapshot_results(snap, hist, time(NULL), 0) : NULL;
	ok(res != NULL && res->n == 4 && strcmp(res->r[0].item->title, "Alpha One") == 0,
	   "its empty-query list is the catalog's order");
	search_results_free(res);
	history_record(hist, "snap/gamma-three", time(NULL), NULL);
	res = snap != NULL ? snapshot_results(snap, hist, time(NULL), 2) : NULL;
	ok(res != NULL && res->n == 2 && strcmp(res->r[0].item->title, "Gamma Three") == 0 &&
		   res->r[0].frecency > 0,
	   "frecency is recomputed at load: the item used since comes first");
	search_results_free(res);
	snapshot_free(snap);
	ok(snapshot_load("not-the-fingerprint") == NULL, "another fingerprint finds nothing");
	char *path = snapshot_path();
	write_file(path, "{\"format\": 1, \"fingerprint\": \"x\", \"items\": [{}]}");
	ok(snapshot_load("x") == NULL, "a damaged snapshot is not used");
	write_file(path, "\xff garbage");
	ok(snapshot_load("x") == NULL, "nor is garbage");
	free(path);
	free(fp);
	history_free(hist);

	is_int(searcher_free(s), 0, "an idle thread is joined");
	for (size_t i = 0; i < n_old; i++)
		item_free(old[i]);
	free(old);
	catalog_free(loaded.cat);
	ext_registry_free(loaded.reg);
	config_free(config);
	close(wake[0]);
	close(wake[1]);
	free(fp5);
	free(fp6);
	free(ext);
	free(extdir);
	free(other);
	free(cachefile);
	free(extcache);
	free(data);
	tap_sandbox_remove(dir);
	return done_testing();
}
