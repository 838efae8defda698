/*
 * chitty checkpoint / checkpoints: the tracker's log of progress.  The
 * tracker is the remote named "tracker" (or --remote NAME) of a provider
 * that can hold checkpoints (provider.h's struct provider_tracker: Notion).
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "config.h"
#include "jsonutil.h"
#include "msg.h"
#include "provider.h"
#include "remote-conf.h"
#include "secret.h"
#include "table.h"

#define TRACKER_DEFAULT_REMOTE "tracker"
#define CHECKPOINTS_DEFAULT    10
#define CHECKPOINTS_MAX        1000

static const struct cmd_option checkpoint_options[] = {
	{"remote", 'r', ARG_REQUIRED, "NAME", "the tracker remote (default: tracker)"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct cmd_option checkpoints_options[] = {
	{"remote", 'r', ARG_REQUIRED, "NAME", "the tracker remote (default: tracker)"},
	{"json", 'j', ARG_NONE, NULL, "print JSON"},
	{NULL, 0, 0, NULL, NULL},
};

/* The tracker remote, or NULL after saying why. */
static struct remote *
tracker_open(const struct args *args)
{
	struct config *config = remotes_load_config();
	if (config == NULL)
		return NULL;
	remotes_warn_loose_secrets(config);
	const char *name = args_get(args, "remote");
	if (name == NULL)
		name = TRACKER_DEFAULT_REMOTE;
	char *cause = NULL;
	struct remote *r = remote_open(config, name, &cause);
	config_free(config);
	if (r == NULL) {
		msg_error("%s", cause);
		free(cause);
		return NULL;
	}
	if (r->provider->tracker == NULL) {
		msg_error("remote '%s' is a %s remote, which cannot hold checkpoints (a Notion "
			  "database or page can)",
			  r->name, r->type);
		remote_close(r);
		return NULL;
	}
	return r;
}

static void
report(struct remote *r, const char *cause)
{
	char *masked = remote_scrub(r, cause != NULL ? cause : "failed");
	msg_error("%s", masked);
	free(masked);
}

static int
checkpoint_exec(const struct cmd_entry *self, struct args *args)
{
	const char *text = args->argv[0];
	if (text[strspn(text, " \t\n")] == '\0')
		return cmd_usage_error(self, "chitty checkpoint", "a checkpoint needs some text");
	struct remote *r = tracker_open(args);
	if (r == NULL)
		return 1;
	char *cause = NULL;
	cJSON *row = r->provider->tracker->add(r, text, &cause);
	int rc = 1;
	if (row == NULL)
		report(r, cause);
	else {
		const char *url = json_string(row, "url");
		char *line = remote_scrub(r, url != NULL ? url : json_string(row, "id"));
		printf("%s\n", line);
		free(line);
		rc = 0;
	}
	free(cause);
	cJSON_Delete(row);
	remote_close(r);
	return rc;
}

/* An ISO 8601 UTC time ("2024-06-01T12:34:56.000Z") as local "2024-06-01 14:34"; a new string. */
static char *
local_minutes(const char *iso)
{
	struct tm tm;
	memset(&tm, 0, sizeof tm);
	const char *end = iso != NULL ? strptime(iso, "%Y-%m-%dT%H:%M:%S", &tm) : NULL;
	if (end == NULL)
		return xstrdup(iso != NULL ? iso : "");
	time_t t = timegm(&tm);
	struct tm local;
	char buf[64];
	if (localtime_r(&t, &local) == NULL ||
	    strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", &local) == 0)
		return xstrdup(iso);
	return xstrdup(buf);
}

static void
print_checkpoints(const cJSON *rows)
{
	static const char *const headers[] = {"CREATED", "CHECKPOINT", "URL"};
	struct table *t = table_create(3, headers);
	const cJSON *row;
	cJSON_ArrayForEach (row, rows) {
		char *when = local_minutes(json_string(row, "created_at"));
		const char *cells[] = {when, json_string(row, "title"), json_string(row, "url")};
		table_add_row(t, cells);
		free(when);
	}
	table_print(t, stdout, terminal_width(1));
	table_free(t);
}

static int
checkpoints_exec(const struct cmd_entry *self, struct args *args)
{
	long n = CHECKPOINTS_DEFAULT;
	if (args->argc > 0) {
		char *end;
		n = strtol(args->argv[0], &end, 10);
		if (*args->argv[0] == '\0' || *end != '\0' || n < 1 || n > CHECKPOINTS_MAX)
			return cmd_usage_error(self, "chitty checkpoints",
					       "N must be a number from 1 to %d, not '%s'",
					       CHECKPOINTS_MAX, args->argv[0]);
	}
	struct remote *r = tracker_open(args);
	if (r == NULL)
		return 1;
	char *cause = NULL;
	cJSON *rows = r->provider->tracker->latest(r, n, &cause);
	int rc = 1;
	if (rows == NULL)
		report(r, cause);
	else {
		secret_scrub_json(rows, &r->secrets);
		if (args_has(args, "json"))
			json_print(stdout, rows);
		else if (cJSON_GetArraySize(rows) == 0)
			msg_info("no checkpoints yet (add one with 'chitty checkpoint TEXT')");
		else
			print_checkpoints(rows);
		rc = 0;
	}
	free(cause);
	cJSON_Delete(rows);
	remote_close(r);
	return rc;
}

const struct cmd_entry cmd_checkpoint_entry = {
	.name = "checkpoint",
	.usage = "[--remote NAME] TEXT",
	.summary = "Add a checkpoint page to the tracker",
	.options = checkpoint_options,
	.args_min = 1,
	.args_max = 1,
	.exec = checkpoint_exec,
};

const struct cmd_entry cmd_checkpoints_entry = {
	.name = "checkpoints",
	.usage = "[--remote NAME] [--json] [N]",
	.summary = "List the latest N checkpoints (default 10)",
	.options = checkpoints_options,
	.args_max = 1,
	.exec = checkpoints_exec,
};
