/*
 * chitty search: the launcher's ranking, non-interactive.
 *
 * The catalog comes from every source (sources_load), the frecency from the
 * launch history, the order from search_run (the rules are in search.h).
 * Several words are one query joined with spaces, as `gh search` does; no
 * query lists the empty-query ranking (frecent first, then by source).
 *
 * Output: a table (TITLE, SUBTITLE, KIND, SOURCE, ID; --scores adds SCORE
 * and MATCH), or with --json an array of items (item_to_json without the
 * preview) with score, match, frecency and title positions added.  No
 * match is a success with nothing printed (`[]` with --json), as fzy -e
 * does: a script tells "nothing found" from the output, and a failure
 * (exit 1) means the search itself could not run.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "catalog.h"
#include "cmd.h"
#include "config.h"
#include "history.h"
#include "item.h"
#include "jsonutil.h"
#include "msg.h"
#include "remote.h"
#include "search.h"
#include "sources.h"
#include "strbuf.h"
#include "table.h"

/* How long a search waits for stale remotes (--refresh: for every remote). */
#define SEARCH_REFRESH_MS     3000L
#define SEARCH_REFRESH_ALL_MS 30000L

static const struct cmd_option search_options[] = {
	{"json", 'j', ARG_NONE, NULL, "print a JSON array of results"},
	{"limit", 'n', ARG_REQUIRED, "N", "print at most N results"},
	{"scores", 's', ARG_NONE, NULL, "add each result's score and the field that matched"},
	{"offline", 0, ARG_NONE, NULL, "only cached remote items: refresh nothing"},
	{"refresh", 0, ARG_NONE, NULL, "refresh every remote first, not only stale ones"},
	{NULL, 0, 0, NULL, NULL},
};

static cJSON *
result_json(const struct search_result *r)
{
	cJSON *o = item_to_json(r->item);
	cJSON_DeleteItemFromObjectCaseSensitive(o,
						"preview"); /* the launcher's pane, not a listing */
	cJSON_AddNumberToObject(o, "score", r->score);
	cJSON_AddStringToObject(o, "match", search_field_name(r->field));
	cJSON_AddNumberToObject(o, "frecency", r->frecency);
	cJSON *pos = cJSON_AddArrayToObject(o, "positions");
	for (size_t i = 0; i < r->n_positions; i++)
		cJSON_AddItemToArray(pos, cJSON_CreateNumber((double)r->positions[i]));
	return o;
}

static void
print_json(const struct search_results *res)
{
	cJSON *arr = cJSON_CreateArray();
	for (size_t i = 0; i < res->n; i++)
		cJSON_AddItemToArray(arr, result_json(&res->r[i]));
	json_print(stdout, arr);
	cJSON_Delete(arr);
}

static void
print_table(const struct search_results *res, int scores)
{
	static const char *const headers[] = {"SCORE", "MATCH",  "TITLE", "SUBTITLE",
					      "KIND",  "SOURCE", "ID"};
	size_t skip = scores ? 0 : 2, ncols = nitems(headers) - skip;

	if (res->n == 0)
		return;
	struct table *t = table_create(ncols, headers + skip);
	for (size_t i = 0; i < res->n; i++) {
		const struct item *it = res->r[i].item;
		char score[32];
		snprintf(score, sizeof score, "%.3f", res->r[i].score);
		const char *cells[] = {score,     search_field_name(res->r[i].field),
				       it->title, it->subtitle,
				       it->kind,  it->source,
				       it->id};
		table_add_row(t, cells + skip);
	}
	table_print(t, stdout, terminal_width(STDOUT_FILENO));
	table_free(t);
}

static int
search_exec(const struct cmd_entry *self, struct args *args)
{
	long limit = 0;
	char *cause = NULL;

	if (args_get_long(args, "limit", 1, 1000000000L, &limit, &cause) != 0) {
		int rc = cmd_usage_error(self, "chitty search", "%s", cause);
		free(cause);
		return rc;
	}
	struct strbuf query = STRBUF_INIT;
	for (int i = 0; i < args->argc; i++) {
		if (i > 0)
			sb_addc(&query, ' ');
		sb_add(&query, args->argv[i]);
	}

	struct config *config = config_load_lenient("searching without it");
	/* Stale remotes are refreshed first, briefly: a search shows what is
	 * current when the services answer quickly, and what is cached when
	 * they do not (offline, slow: a warning, never a failure). */
	if (config != NULL && !args_has(args, "offline"))
		remote_refresh_sync(config,
				    args_has(args, "refresh") ? SEARCH_REFRESH_ALL_MS
							      : SEARCH_REFRESH_MS,
				    args_has(args, "refresh"));
	struct catalog *cat = catalog_create();
	sources_load(cat, config);
	config_free(config);

	struct history *hist = history_load(NULL, &cause);
	if (cause != NULL) {
		msg_warn("%s (ranking without the launch history)", cause);
		free(cause);
	}
	struct search_index *ix = search_index_create(cat, hist, time(NULL), 0);
	struct search_session *s = search_session_create(ix);
	struct search_results *res = search_run(s, sb_str(&query), query.len, (size_t)limit);

	if (args_has(args, "json"))
		print_json(res);
	else
		print_table(res, args_has(args, "scores"));
	int rc = fflush(stdout) == 0 && !ferror(stdout) ? 0 : 1;
	if (rc != 0)
		msg_error("cannot write standard output");

	search_results_free(res);
	search_session_free(s);
	search_index_free(ix);
	history_free(hist);
	catalog_free(cat);
	sb_free(&query);
	return rc;
}

const struct cmd_entry cmd_search_entry = {
	.name = "search",
	.usage = "[--json] [--limit N] [--scores] [--offline | --refresh] [QUERY...]",
	.summary = "Rank extension commands and remote items as the launcher does",
	.options = search_options,
	.args_min = 0,
	.args_max = -1,
	.exec = search_exec,
};
