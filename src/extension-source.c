/* Extension commands as catalog items.  (The extension loader fills this in.) */
#include "build-config.h"

#include "sources.h"

void
extension_source_load(struct catalog *cat, const struct config *config)
{
	(void)cat, (void)config;
}
