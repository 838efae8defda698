/*
 * Remotes as the rest of chitty sees them: the configured remotes'
 * cached items, background refresh, and provider verbs run on a resource.
 * (Config and secrets, the resource cache, the HTTP client and the
 * provider table behind this are the remotes module's; see provider.h.)
 *
 * The launcher's use:
 *
 *   sources_load(cat, config);                  cached items, at once
 *   r = remote_refresh_start(config, wake_fd, 0);  stale remotes, in the background
 *   ... poll(wake_fd) ... while (remote_refresh_next(r, &u)) {
 *           if (u.items) catalog_replace_source(cat, u.source, u.items, u.n);
 *           if (u.error) toast(u.error);
 *           remote_update_clear(&u);
 *   }
 *   remote_refresh_free(r);                     cancels and joins what is left
 *
 * The CLI (`chitty refresh`, `chitty search`) uses remote_refresh_wait
 * instead of a wake fd.  Refresh threads never print: their messages come
 * back in the updates, with the remote's secrets masked.
 */
#ifndef CHITTY_REMOTE_H
#define CHITTY_REMOTE_H

#include <stddef.h>

struct config;
struct item;

/* What one remote's refresh produced. */
struct remote_update {
	char *remote;        /* the remote's name */
	char *source;        /* its catalog source: "remote:<name>" */
	struct item **items; /* its new items (ownership passes to whoever takes them), or NULL */
	size_t n;
	char *error;    /* one line when the refresh failed (secrets never in it), or NULL */
	double seconds; /* how long the refresh took */
};
void remote_update_clear(struct remote_update *u);

struct remote_refresh;

/*
 * Refresh every remote whose cache is stale (all of them when force),
 * concurrently, off the calling thread.  Each finished remote writes a
 * byte to wake_fd (-1: none), so a poll loop wakes.  Never NULL; with no
 * remotes it is finished at once.
 */
struct remote_refresh *remote_refresh_start(const struct config *config, int wake_fd, int force);
/*
 * The same for the named remotes only (all of them when n is 0).  A named
 * remote that cannot be refreshed (unknown, of a provider not built yet)
 * gives an update with an error.
 */
struct remote_refresh *remote_refresh_start_names(const struct config *config,
						  const char *const *names, size_t n, int wake_fd,
						  int force);
/*
 * Block until an update is ready (1), timeout_ms passes (0; -1 waits
 * without limit), or nothing is left to wait for (-1).
 */
int remote_refresh_wait(struct remote_refresh *r, long timeout_ms);
/* Take the next finished remote's update: 1 with *u filled, 0 when none is ready. */
int remote_refresh_next(struct remote_refresh *r, struct remote_update *u);
/* How many remotes are still refreshing (for a "refreshing…" indicator). */
size_t remote_refresh_pending(const struct remote_refresh *r);
/* Cancel what is left, join the threads, free. NULL is safe. */
void remote_refresh_free(struct remote_refresh *r);

/*
 * For one-shot commands (`chitty search`): refresh the stale remotes (all
 * when force) and wait at most timeout_ms for them.  A failed refresh is a
 * warning (msg_warn) and the remote's cache is used as it is; remotes still
 * refreshing at the deadline are cancelled, with one warning.  Returns how
 * many remotes failed or timed out; never fails itself.
 */
size_t remote_refresh_sync(const struct config *config, long timeout_ms, int force);

/*
 * Run a provider verb on one resource: the item action of kind
 * ACTION_REMOTE (remote, verb, target = resource id), e.g. closing a GitHub
 * issue or archiving a Notion page.  input (may be NULL) is the text an
 * action with an input asked for (a comment), passed as the verb's next
 * argument.  *message (may be NULL) gets a line for a toast ("Closed #42").
 * 0, or -1 with *cause set.
 */
int remote_action_run(const struct config *config, const char *remote, const char *verb,
		      const char *target, const char *input, char **message, char **cause);

#endif
