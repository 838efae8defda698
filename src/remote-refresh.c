/*
 * Background refresh (remote.h): one job per remote, run by a few worker
 * threads (one HTTP session each, see http.h), results handed back through
 * a queue and a wake fd.  A job works on its own copy of the remote's
 * config, so the caller's config may change or go away meanwhile.
 */
#include "build-config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "http.h"
#include "item.h"
#include "msg.h"
#include "provider.h"
#include "remote-cache.h"
#include "remote-conf.h"
#include "remote-refresh.h"
#include "remote.h"
#include "xmalloc.h"

#define REFRESH_MAX_THREADS 8

struct refresh_job {
	char *name;
	cJSON *conf; /* NULL: the update is already decided (error) */
	char *error;
};

struct remote_refresh {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct refresh_job *jobs;
	size_t n_jobs;
	size_t next_job;
	size_t finished;
	struct remote_update *done;
	size_t n_done, cap_done;
	pthread_t threads[REFRESH_MAX_THREADS];
	size_t n_threads;
	int cancel;
	int wake_fd;
	char *config_path;
};

void
remote_update_clear(struct remote_update *u)
{
	free(u->remote);
	free(u->source);
	for (size_t i = 0; i < u->n; i++)
		item_free(u->items[i]);
	free(u->items);
	free(u->error);
	memset(u, 0, sizeof *u);
}

static double
monotonic(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
remote_fetch(struct remote *r, struct item_list *items, char **cause)
{
	const struct provider_feed *feeds = r->provider->feeds;
	for (size_t i = 0; feeds != NULL && feeds[i].name != NULL; i++) {
		if (feeds[i].applies != NULL && !feeds[i].applies(r))
			continue;
		char *why = NULL;
		if (feeds[i].fetch(r, items, &why) == -1) {
			if (cause != NULL)
				*cause = remote_scrub(r, why != NULL ? why : "failed");
			free(why);
			return -1;
		}
	}
	return 0;
}

int
remote_refresh_one(struct remote *r, struct item_list *items, char **cause)
{
	if (remote_fetch(r, items, cause) == -1) {
		item_list_clear(items); /* a partial list would hide what the cache has */
		return -1;
	}
	char *path = remote_cache_path(r->name);
	char *fingerprint = remote_fingerprint(r->type, r->conf);
	char *why = NULL;
	int rc = remote_cache_save(path, r->name, r->type, fingerprint, remote_now(), items->items,
				   items->n, &r->secrets, &why);
	if (rc == -1 && cause != NULL)
		*cause = remote_scrub(r, why);
	free(why);
	free(fingerprint);
	free(path);
	return rc;
}

static void
run_job(struct remote_refresh *rr, struct refresh_job *job, struct remote_update *u)
{
	double start = monotonic();
	u->remote = xstrdup(job->name);
	u->source = xasprintf("remote:%s", job->name);
	if (job->conf == NULL) {
		u->error = xstrdup(job->error);
		return;
	}
	char *cause = NULL;
	struct remote *r = remote_create(job->name, job->conf, rr->config_path, &cause);
	if (r == NULL) {
		u->error = cause;
		return;
	}
	r->cancel = &rr->cancel;
	struct item_list items = {0};
	if (remote_refresh_one(r, &items, &cause) == -1 && items.n == 0) {
		u->error = cause;
		item_list_clear(&items);
	} else {
		u->error = cause; /* the items came, the cache could not be written */
		u->items = items.items;
		u->n = items.n;
	}
	remote_close(r);
	u->seconds = monotonic() - start;
}

static void *
worker(void *arg)
{
	struct remote_refresh *rr = arg;
	for (;;) {
		pthread_mutex_lock(&rr->lock);
		if (rr->next_job >= rr->n_jobs || __atomic_load_n(&rr->cancel, __ATOMIC_RELAXED)) {
			pthread_mutex_unlock(&rr->lock);
			return NULL;
		}
		struct refresh_job *job = &rr->jobs[rr->next_job++];
		pthread_mutex_unlock(&rr->lock);

		struct remote_update u = {0};
		run_job(rr, job, &u);

		pthread_mutex_lock(&rr->lock);
		if (rr->n_done == rr->cap_done) {
			rr->cap_done = rr->cap_done ? rr->cap_done * 2 : 8;
			rr->done = xreallocarray(rr->done, rr->cap_done, sizeof *rr->done);
		}
		rr->done[rr->n_done++] = u;
		rr->finished++;
		pthread_cond_broadcast(&rr->cond);
		pthread_mutex_unlock(&rr->lock);
		if (rr->wake_fd >= 0) {
			ssize_t w;
			do
				w = write(rr->wake_fd, "r", 1);
			while (w == -1 && errno == EINTR);
		}
	}
}

/* Is this remote's cache missing, stale or of other settings? */
int
remote_is_stale(const char *name, const char *type, const cJSON *conf, double now)
{
	char *path = remote_cache_path(name);
	struct remote_cache cache;
	int stale = 1;
	if (remote_cache_load(path, &cache, NULL, NULL) == 0) {
		char *fingerprint = remote_fingerprint(type, conf);
		stale = !remote_cache_fresh(&cache, fingerprint, remote_ttl(conf), now);
		free(fingerprint);
		remote_cache_clear(&cache);
	}
	free(path);
	return stale;
}

static void
add_job(struct remote_refresh *rr, const char *name, const cJSON *conf, char *error)
{
	rr->jobs = xreallocarray(rr->jobs, rr->n_jobs + 1, sizeof *rr->jobs);
	struct refresh_job *job = &rr->jobs[rr->n_jobs++];
	job->name = xstrdup(name);
	job->conf = error == NULL ? cJSON_Duplicate(conf, 1) : NULL;
	job->error = error;
}

/* Can this remote be refreshed?  NULL, or why not (a new string). */
static char *
refreshable(const char *name, const cJSON *conf, const char **type)
{
	const char *typed =
		cJSON_IsObject(conf)
			? cJSON_GetStringValue(cJSON_GetObjectItemCaseSensitive(conf, "type"))
			: NULL;
	*type = remote_type_resolve(typed);
	if (*type == NULL)
		return typed != NULL ? xasprintf("unknown type '%s'", typed)
				     : xasprintf("remote '%s' has no \"type\"", name);
	const struct provider *p = provider_for_type(*type);
	if (!provider_is_built(p))
		return xasprintf("%s remotes are not implemented yet", p->title);
	if (p->feeds == NULL || p->feeds[0].name == NULL)
		return xasprintf("%s remotes have nothing to refresh", p->title);
	return NULL;
}

struct remote_refresh *
remote_refresh_start_names(const struct config *config, const char *const *names, size_t n,
			   int wake_fd, int force)
{
	http_global_init();
	remotes_warn_loose_secrets(config);
	struct remote_refresh *rr = xcalloc(1, sizeof *rr);
	pthread_mutex_init(&rr->lock, NULL);
	pthread_cond_init(&rr->cond, NULL);
	rr->wake_fd = wake_fd;
	rr->config_path = xstrdup(config != NULL ? config->path : "config.json");
	double now = remote_now();

	struct strv all = STRV_INIT;
	if (n == 0)
		remotes_list(config, &all);
	size_t count = n == 0 ? all.n : n;
	for (size_t i = 0; i < count; i++) {
		const char *name = n == 0 ? all.v[i] : names[i];
		const cJSON *conf = remotes_get(config, name);
		if (conf == NULL) {
			char *cause = NULL;
			remote_close(remote_open(config, name, &cause));
			add_job(rr, name, NULL, cause);
			continue;
		}
		const char *type;
		char *why = refreshable(name, conf, &type);
		if (why != NULL) {
			/* Refreshing everything skips what cannot be refreshed. */
			if (n == 0)
				free(why);
			else
				add_job(rr, name, NULL, why);
			continue;
		}
		if (force || remote_is_stale(name, type, conf, now))
			add_job(rr, name, conf, NULL);
	}
	strv_free(&all);

	size_t want = rr->n_jobs < REFRESH_MAX_THREADS ? rr->n_jobs : REFRESH_MAX_THREADS;
	for (size_t i = 0; i < want; i++) {
		if (pthread_create(&rr->threads[rr->n_threads], NULL, worker, rr) != 0)
			break;
		rr->n_threads++;
	}
	if (rr->n_threads == 0 && rr->n_jobs > 0) {
		/* No thread could start: do the work here rather than never. */
		worker(rr);
	}
	return rr;
}

struct remote_refresh *
remote_refresh_start(const struct config *config, int wake_fd, int force)
{
	return remote_refresh_start_names(config, NULL, 0, wake_fd, force);
}

int
remote_refresh_next(struct remote_refresh *rr, struct remote_update *u)
{
	pthread_mutex_lock(&rr->lock);
	int got = rr->n_done > 0;
	if (got) {
		*u = rr->done[0];
		memmove(rr->done, rr->done + 1, (rr->n_done - 1) * sizeof *rr->done);
		rr->n_done--;
	}
	pthread_mutex_unlock(&rr->lock);
	return got;
}

size_t
remote_refresh_pending(const struct remote_refresh *rr)
{
	struct remote_refresh *m = (struct remote_refresh *)rr;
	pthread_mutex_lock(&m->lock);
	size_t pending = m->n_jobs - m->finished;
	pthread_mutex_unlock(&m->lock);
	return pending;
}

int
remote_refresh_wait(struct remote_refresh *rr, long timeout_ms)
{
	struct timespec deadline;
	clock_gettime(CLOCK_REALTIME, &deadline);
	if (timeout_ms >= 0) {
		deadline.tv_sec += timeout_ms / 1000;
		deadline.tv_nsec += (timeout_ms % 1000) * 1000000L;
		if (deadline.tv_nsec >= 1000000000L)
			deadline.tv_sec++, deadline.tv_nsec -= 1000000000L;
	}
	pthread_mutex_lock(&rr->lock);
	int rc;
	for (;;) {
		if (rr->n_done > 0) {
			rc = 1;
			break;
		}
		if (rr->finished == rr->n_jobs) {
			rc = -1;
			break;
		}
		if (timeout_ms < 0)
			pthread_cond_wait(&rr->cond, &rr->lock);
		else if (pthread_cond_timedwait(&rr->cond, &rr->lock, &deadline) == ETIMEDOUT) {
			rc = rr->n_done > 0 ? 1 : 0;
			break;
		}
	}
	pthread_mutex_unlock(&rr->lock);
	return rc;
}

void
remote_refresh_free(struct remote_refresh *rr)
{
	if (rr == NULL)
		return;
	__atomic_store_n(&rr->cancel, 1, __ATOMIC_RELAXED);
	for (size_t i = 0; i < rr->n_threads; i++)
		pthread_join(rr->threads[i], NULL);
	for (size_t i = 0; i < rr->n_done; i++)
		remote_update_clear(&rr->done[i]);
	free(rr->done);
	for (size_t i = 0; i < rr->n_jobs; i++) {
		free(rr->jobs[i].name);
		cJSON_Delete(rr->jobs[i].conf);
		free(rr->jobs[i].error);
	}
	free(rr->jobs);
	free(rr->config_path);
	pthread_cond_destroy(&rr->cond);
	pthread_mutex_destroy(&rr->lock);
	free(rr);
}

/* Has this remote a cache its items can come from? */
static int
remote_has_cache(const char *name)
{
	char *path = remote_cache_path(name);
	struct remote_cache cache;
	int ok = remote_cache_load(path, &cache, NULL, NULL) == 0;
	if (ok)
		remote_cache_clear(&cache);
	free(path);
	return ok;
}

size_t
remote_refresh_sync(const struct config *config, long timeout_ms, int force)
{
	struct remote_refresh *r = remote_refresh_start(config, -1, force);
	double deadline = monotonic() + (double)timeout_ms / 1000.0;
	size_t failed = 0;
	for (;;) {
		long left = (long)((deadline - monotonic()) * 1000.0);
		int got = remote_refresh_wait(r, left > 0 ? left : 0);
		struct remote_update u;
		while (remote_refresh_next(r, &u)) {
			if (u.error != NULL) {
				/* a remote never fetched has no cache to fall back on */
				int cached = u.items == NULL && remote_has_cache(u.remote);
				msg_warn("remote '%s': %s%s", u.remote, u.error,
					 cached ? " (using its cached items)" : "");
				failed++;
			}
			remote_update_clear(&u);
		}
		if (got != 1)
			break;
	}
	size_t late = remote_refresh_pending(r);
	if (late > 0)
		msg_warn("%zu remote%s still refreshing after %.1f s (using cached items)", late,
			 late == 1 ? "" : "s", (double)timeout_ms / 1000.0);
	remote_refresh_free(r);
	return failed + late;
}
