#include "build-config.h"

#include "sources.h"

void
sources_load(struct catalog *cat, const struct config *config)
{
	extension_source_load(cat, config);
	remote_source_load(cat, config);
}
