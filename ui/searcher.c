/* The launcher's search thread (rules in searcher.h). */
#include "build-config.h"

#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "history.h"
#include "msg.h"
#include "registry.h"
#include "search.h"
#include "searcher.h"
#include "snapshot.h"
#include "sources.h"
#include "trace.h"
#include "xmalloc.h"

struct searcher {
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t cond;
	pthread_cond_t done; /* a synchronous request finished */
	int wake_fd;

	/* requests (under lock) */
	int quit;
	const struct config *load_config;
	char *snapshot_fp;
	const struct catalog *reindex;
	int history_changed;
	int save_snapshot;
	char *query;
	size_t query_len;
	unsigned long query_gen;
	int query_pending;
	int snapshot_due; /* save a snapshot once the latest query is ranked */
	int searching;    /* a ranking runs on session (for cancel) */
	int indexing;
	int detached; /* searcher_free left; the thread frees everything */

	/* thread-owned */
	const struct config *config;
	struct search_index *ix;
	struct search_session *session;
	struct history *hist;
	unsigned long index_gen;
	int loaded;

	/* outputs (under lock) */
	struct ext_registry *out_reg;
	struct catalog *out_cat;
	struct search_results *out_res;
	unsigned long out_query_gen, out_index_gen;
	int have_output;
};

static void
wake(struct searcher *s)
{
	char b = 's';
	if (s->wake_fd != -1) {
		ssize_t w = write(s->wake_fd, &b, 1);
		(void)w; /* a full pipe already wakes the loop */
	}
}

/* The empty-query list, saved as the next start's first screen. */
static void
save_snapshot(struct searcher *s)
{
	struct search_session *tmp = search_session_create(s->ix);
	struct search_results *res = search_run(tmp, "", 0, SNAPSHOT_ITEMS);
	char *fp = snapshot_fingerprint(s->config);
	char *cause = NULL;
	if (res != NULL && snapshot_save(fp, res, &cause) != 0) {
		/* a read-only cache only costs the next start some speed */
		free(cause);
	}
	free(fp);
	search_results_free(res);
	search_session_free(tmp);
}

static void
set_index(struct searcher *s, struct search_index *ix)
{
	search_session_free(s->session);
	search_index_free(s->ix);
	s->ix = ix;
	s->session = search_session_create(ix);
	s->index_gen++;
}

static void
do_load(struct searcher *s, const struct config *config, char *snapshot_fp)
{
	s->config = config;
	char *fp = snapshot_fingerprint(config);
	/* sources_load's order (extension commands, then remote items), with the
	 * registry kept: running a command needs it */
	struct ext_registry *reg = ext_registry_load(config);
	struct catalog *cat = catalog_create();
	extension_source_add(cat, reg);
	remote_source_load(cat, config);
	char *cause = NULL;
	s->hist = history_load(NULL, &cause);
	free(cause);
	struct search_index *ix = search_index_create(cat, s->hist, time(NULL), 0);
	pthread_mutex_lock(&s->lock);
	s->out_reg = reg;
	s->out_cat = cat;
	s->have_output = 1;
	pthread_mutex_unlock(&s->lock);
	set_index(s, ix);
	s->loaded = 1;
	trace_event("ready", "%zu", cat->n);
	if (snapshot_fp == NULL || strcmp(fp, snapshot_fp) != 0) {
		pthread_mutex_lock(&s->lock);
		s->snapshot_due = 1;
		pthread_mutex_unlock(&s->lock);
	}
	free(fp);
	free(snapshot_fp);
}

static void
deliver(struct searcher *s, struct search_results *res, unsigned long gen)
{
	/* under lock */
	if (s->query_pending || gen != s->query_gen) {
		search_results_free(res); /* a newer query is on its way */
		return;
	}
	search_results_free(s->out_res);
	s->out_res = res;
	s->out_query_gen = gen;
	s->out_index_gen = s->index_gen;
	s->have_output = 1;
	wake(s);
}

static void destroy(struct searcher *s);

static void *
run(void *arg)
{
	struct searcher *s = arg;
	pthread_mutex_lock(&s->lock);
	for (;;) {
		while (!s->quit && s->load_config == NULL && s->reindex == NULL &&
		       !s->history_changed && !s->save_snapshot && !s->snapshot_due &&
		       !(s->query_pending && s->loaded))
			pthread_cond_wait(&s->cond, &s->lock);
		if (s->quit)
			break;
		if (s->load_config != NULL) {
			const struct config *config = s->load_config;
			char *fp = s->snapshot_fp;
			s->load_config = NULL;
			s->snapshot_fp = NULL;
			s->indexing = 1;
			pthread_mutex_unlock(&s->lock);
			do_load(s, config, fp);
			pthread_mutex_lock(&s->lock);
			s->indexing = 0;
			s->query_pending = 1; /* rank the latest query on the new index */
			wake(s);
			continue;
		}
		if (s->reindex != NULL) {
			const struct catalog *cat = s->reindex;
			s->reindex = NULL;
			pthread_mutex_unlock(&s->lock);
			struct search_index *ix = search_index_create(cat, s->hist, time(NULL), 0);
			set_index(s, ix);
			pthread_mutex_lock(&s->lock);
			s->indexing = 0;
			s->query_pending = 1;
			s->snapshot_due = 1;
			continue;
		}
		if (s->history_changed && s->loaded) {
			s->history_changed = 0;
			pthread_mutex_unlock(&s->lock);
			char *cause = NULL;
			history_free(s->hist);
			s->hist = history_load(NULL, &cause);
			free(cause);
			search_index_set_history(s->ix, s->hist, time(NULL));
			pthread_mutex_lock(&s->lock);
			s->query_pending = 1;
			continue;
		}
		if (s->query_pending && s->loaded) {
			char *q = xstrndup(s->query != NULL ? s->query : "", s->query_len);
			size_t len = s->query_len;
			unsigned long gen = s->query_gen;
			s->query_pending = 0;
			s->searching = 1;
			pthread_mutex_unlock(&s->lock);
			long long t0 = trace_now_ns();
			struct search_results *res = search_run(s->session, q, len, SEARCHER_LIMIT);
			trace_event("ranked", "%lld", (trace_now_ns() - t0) / 1000);
			free(q);
			pthread_mutex_lock(&s->lock);
			s->searching = 0;
			if (res != NULL)
				deliver(s, res, gen);
			continue;
		}
		if (s->save_snapshot) {
			s->save_snapshot = 0;
			pthread_mutex_unlock(&s->lock);
			if (s->loaded)
				save_snapshot(s);
			pthread_mutex_lock(&s->lock);
			s->snapshot_due = 0;
			pthread_cond_broadcast(&s->done);
			continue;
		}
		if (s->snapshot_due) {
			s->snapshot_due = 0;
			pthread_mutex_unlock(&s->lock);
			save_snapshot(s);
			pthread_mutex_lock(&s->lock);
			continue;
		}
		s->history_changed = 0; /* before the load: the load reads the file anyway */
	}
	int detached = s->detached;
	pthread_mutex_unlock(&s->lock);
	if (detached)
		destroy(s);
	return NULL;
}

struct searcher *
searcher_create(int wake_fd)
{
	struct searcher *s = xcalloc(1, sizeof *s);
	s->wake_fd = wake_fd;
	pthread_mutex_init(&s->lock, NULL);
	pthread_cond_init(&s->cond, NULL);
	pthread_cond_init(&s->done, NULL);
	/* signals are the UI thread's business */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	if (pthread_create(&s->thread, NULL, run, s) != 0)
		fatal("cannot start the search thread");
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	return s;
}

static void
destroy(struct searcher *s)
{
	search_session_free(s->session);
	search_index_free(s->ix);
	history_free(s->hist);
	search_results_free(s->out_res);
	/* never taken: still ours */
	ext_registry_free(s->out_reg);
	catalog_free(s->out_cat);
	free(s->query);
	free(s->snapshot_fp);
	pthread_mutex_destroy(&s->lock);
	pthread_cond_destroy(&s->cond);
	pthread_cond_destroy(&s->done);
	free(s);
}

int
searcher_free(struct searcher *s)
{
	if (s == NULL)
		return 0;
	pthread_mutex_lock(&s->lock);
	s->quit = 1;
	if (s->searching && s->session != NULL)
		search_cancel(s->session);
	pthread_cond_broadcast(&s->cond);
	if (s->indexing) {
		/* a load cannot be interrupted: leave it to finish and clean up */
		s->detached = 1;
		pthread_mutex_unlock(&s->lock);
		pthread_detach(s->thread);
		return 1;
	}
	pthread_mutex_unlock(&s->lock);
	pthread_join(s->thread, NULL);
	destroy(s);
	return 0;
}

void
searcher_load(struct searcher *s, const struct config *config, const char *snapshot_fp)
{
	pthread_mutex_lock(&s->lock);
	s->load_config = config;
	free(s->snapshot_fp);
	s->snapshot_fp = snapshot_fp != NULL ? xstrdup(snapshot_fp) : NULL;
	s->indexing = 1;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

void
searcher_reindex(struct searcher *s, const struct catalog *cat)
{
	pthread_mutex_lock(&s->lock);
	s->reindex = cat;
	s->indexing = 1;
	if (s->searching && s->session != NULL)
		search_cancel(s->session);
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

void
searcher_history_changed(struct searcher *s)
{
	pthread_mutex_lock(&s->lock);
	s->history_changed = 1;
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

void
searcher_query(struct searcher *s, const char *query, size_t len, unsigned long gen)
{
	pthread_mutex_lock(&s->lock);
	free(s->query);
	s->query = xstrndup(query, len);
	s->query_len = len;
	s->query_gen = gen;
	s->query_pending = 1;
	if (s->searching && s->session != NULL)
		search_cancel(s->session);
	pthread_cond_signal(&s->cond);
	pthread_mutex_unlock(&s->lock);
}

void
searcher_save_snapshot(struct searcher *s)
{
	pthread_mutex_lock(&s->lock);
	if (!s->loaded && s->load_config == NULL) {
		pthread_mutex_unlock(&s->lock);
		return;
	}
	s->save_snapshot = 1;
	pthread_cond_signal(&s->cond);
	while (s->save_snapshot || s->load_config != NULL || s->indexing)
		pthread_cond_wait(&s->done, &s->lock);
	pthread_mutex_unlock(&s->lock);
}

int
searcher_take(struct searcher *s, struct searcher_output *out)
{
	memset(out, 0, sizeof *out);
	pthread_mutex_lock(&s->lock);
	int got = s->have_output;
	if (got) {
		out->reg = s->out_reg;
		out->cat = s->out_cat;
		out->res = s->out_res;
		out->query_gen = s->out_query_gen;
		out->index_gen = s->out_index_gen;
		s->out_reg = NULL;
		s->out_cat = NULL;
		s->out_res = NULL;
		s->have_output = 0;
	}
	pthread_mutex_unlock(&s->lock);
	return got;
}

int
searcher_indexing(struct searcher *s)
{
	pthread_mutex_lock(&s->lock);
	int busy = s->indexing;
	pthread_mutex_unlock(&s->lock);
	return busy;
}
