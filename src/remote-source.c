/* Cached remote items as catalog items.  (The remotes module fills this in.) */
#include "build-config.h"

#include "sources.h"

void
remote_source_load(struct catalog *cat, const struct config *config)
{
	(void)cat, (void)config;
}
