/* chitty refresh: fetch remotes now, all at once, one line per remote. */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "config.h"
#include "jsonutil.h"
#include "msg.h"
#include "provider.h"
#include "remote-conf.h"
#include "remote.h"

static const struct cmd_option refresh_options[] = {
	{"stale", 's', ARG_NONE, NULL, "only remotes whose cache is stale"},
	{NULL, 0, 0, NULL, NULL},
};

/* Remotes that `chitty refresh` with no names passes over, and why. */
static void
report_skipped(const struct config *config)
{
	struct strv names = STRV_INIT;
	remotes_list(config, &names);
	for (size_t i = 0; i < names.n; i++) {
		const char *typed = json_string(remotes_get(config, names.v[i]), "type");
		const char *type = remote_type_resolve(typed);
		if (type == NULL)
			printf("%s: skipped (unknown type '%s')\n", names.v[i],
			       typed != NULL ? typed : "");
		else if (!provider_is_built(provider_for_type(type)))
			printf("%s: skipped (%s remotes are not implemented yet)\n", names.v[i],
			       provider_for_type(type)->title);
	}
	strv_free(&names);
}

static int
refresh_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	struct config *config = remotes_load_config();
	if (config == NULL)
		return 1;
	struct strv all = STRV_INIT;
	remotes_list(config, &all);
	if (args->argc == 0 && all.n == 0) {
		msg_info("no remotes are configured (see 'chitty config add')");
		strv_free(&all);
		config_free(config);
		return 0;
	}
	strv_free(&all);
	if (args->argc == 0)
		report_skipped(config);
	struct remote_refresh *r =
		remote_refresh_start_names(config, (const char *const *)args->argv,
					   (size_t)args->argc, -1, !args_has(args, "stale"));
	int failed = 0;
	while (remote_refresh_wait(r, -1) == 1) {
		struct remote_update u;
		while (remote_refresh_next(r, &u)) {
			/* Items count even when only the cache could not be written. */
			if (u.items != NULL || u.error == NULL)
				printf("%s: %zu item%s (%.1f s)\n", u.remote, u.n,
				       u.n == 1 ? "" : "s", u.seconds);
			fflush(stdout);
			/* Failures on stderr, like every error, so a pipe keeps only counts. */
			if (u.error != NULL) {
				msg_error("%s: %s", u.remote, u.error);
				failed = 1;
			}
			remote_update_clear(&u);
		}
	}
	remote_refresh_free(r);
	config_free(config);
	return failed;
}

const struct cmd_entry cmd_refresh_entry = {
	.name = "refresh",
	.usage = "[--stale] [REMOTE]...",
	.summary = "Refresh the cached items of remotes (default: all)",
	.options = refresh_options,
	.args_max = -1,
	.exec = refresh_exec,
};
