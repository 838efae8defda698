/* `chitty PROVIDER RESOURCE VERB …`, generated from the provider table. */
#include "build-config.h"

#include <stdio.h>
#include <string.h>

#include "cmd.h"
#include "msg.h"
#include "provider.h"

static void
provider_print_help(FILE *fp, const struct provider *p)
{
	fprintf(fp, "usage: chitty %s RESOURCE VERB [ARGS]... [--remote NAME] [--json]\n\n%s.\n",
		p->name, p->summary);
	fprintf(fp, "\nRemote types:");
	for (size_t i = 0; p->types[i] != NULL; i++)
		fprintf(fp, " %s", p->types[i]);
	fprintf(fp, "\n");
}

int
provider_cmd_main(const struct provider *p, int argc, char **argv)
{
	if (argc >= 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		provider_print_help(stdout, p);
		return 0;
	}
	if (!provider_is_built(p)) {
		msg_error("'chitty %s' is not implemented yet", p->name);
		return EXIT_USAGE;
	}
	provider_print_help(stderr, p);
	return EXIT_USAGE;
}
