/* chitty open: a remote's web page, with the opener. */
#include "build-config.h"

#include <stdlib.h>

#include "cmd.h"
#include "config.h"
#include "exec.h"
#include "msg.h"
#include "provider.h"
#include "remote-conf.h"

static const struct cmd_option open_options[] = {
	{"print", 'p', ARG_NONE, NULL, "print the URL instead of opening it"},
	{NULL, 0, 0, NULL, NULL},
};

static int
open_exec(const struct cmd_entry *self, struct args *args)
{
	(void)self;
	struct config *config = remotes_load_config();
	if (config == NULL)
		return 1;
	char *cause = NULL;
	remotes_warn_loose_secrets(config);
	struct remote *r = remote_open(config, args->argv[0], &cause);
	char *url = NULL;
	if (r != NULL && r->provider->web_url == NULL)
		set_cause(&cause, "%s remotes have no web page", r->provider->title);
	else if (r != NULL)
		url = r->provider->web_url(r, &cause);
	int rc = 1;
	if (url == NULL) {
		char *masked = r != NULL ? remote_scrub(r, cause) : NULL;
		msg_error("%s", masked != NULL ? masked : cause);
		free(masked);
	} else if (args_has(args, "print")) {
		printf("%s\n", url);
		rc = 0;
	} else if (exec_open(url, config, &cause) == -1) {
		msg_error("%s", cause);
	} else
		rc = 0;
	free(cause);
	free(url);
	remote_close(r);
	config_free(config);
	return rc;
}

const struct cmd_entry cmd_open_entry = {
	.name = "open",
	.usage = "[--print] REMOTE",
	.summary = "Open a remote's web page",
	.options = open_options,
	.args_min = 1,
	.args_max = 1,
	.exec = open_exec,
};
