/*
 * Cached remote items as catalog items, background refresh and remote
 * verbs (remote.h).  Placeholder until the remotes issue lands: there are
 * no remotes, so there is nothing to load or refresh.
 */
#include "build-config.h"

#include <stdlib.h>

#include "item.h"
#include "remote.h"
#include "sources.h"
#include "xmalloc.h"

void
remote_source_load(struct catalog *cat, const struct config *config)
{
	(void)cat, (void)config;
}

void
remote_update_clear(struct remote_update *u)
{
	free(u->remote);
	free(u->source);
	for (size_t i = 0; i < u->n; i++)
		item_free(u->items[i]);
	free(u->items);
	free(u->error);
	u->remote = u->source = u->error = NULL;
	u->items = NULL;
	u->n = 0;
}

struct remote_refresh {
	int unused;
};

struct remote_refresh *
remote_refresh_start(const struct config *config, int wake_fd, int force)
{
	(void)config, (void)wake_fd, (void)force;
	return xcalloc(1, sizeof(struct remote_refresh));
}

int
remote_refresh_next(struct remote_refresh *r, struct remote_update *u)
{
	(void)r, (void)u;
	return 0;
}

size_t
remote_refresh_pending(const struct remote_refresh *r)
{
	(void)r;
	return 0;
}

void
remote_refresh_free(struct remote_refresh *r)
{
	free(r);
}

int
remote_action_run(const struct config *config, const char *remote, const char *verb,
		  const char *target, char **message, char **cause)
{
	(void)config, (void)verb, (void)target, (void)message;
	set_cause(cause, "remote '%s': remotes are not implemented yet", remote);
	return -1;
}
