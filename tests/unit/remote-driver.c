/*
 * Drives remote.h the way the launcher does, for tests/cli/remote-launcher.sh
 * (the fixture server runs there):
 *
 *   remote-driver refresh [force]   remote_refresh_start with a wake pipe,
 *                                   poll, remote_refresh_next; one line per update
 *   remote-driver cancel            start a forced refresh, free it at once;
 *                                   prints how long the free took (ms)
 *   remote-driver load              remote_source_load into a catalog; one
 *                                   line per item: id, source, actions
 *   remote-driver action REMOTE VERB TARGET [INPUT]   remote_action_run
 *   remote-driver sync MS [force]   remote_refresh_sync, then the loaded items' count
 *   remote-driver api BASE CASE     the API client's helpers against the fixture's
 *                                   paging module (BASE: its URL); prints what came back
 */
#include "build-config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "api.h"
#include "catalog.h"
#include "jsonutil.h"
#include "config.h"
#include "item.h"
#include "remote.h"
#include "sources.h"
#include "xmalloc.h"

static long
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

static int
do_refresh(struct config *config, int force)
{
	int fds[2];
	if (pipe(fds) == -1)
		return 1;
	struct remote_refresh *r = remote_refresh_start(config, fds[1], force);
	printf("pending %zu\n", remote_refresh_pending(r));
	long deadline = now_ms() + 60000;
	while (remote_refresh_pending(r) > 0 && now_ms() < deadline) {
		struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
		if (poll(&pfd, 1, 1000) > 0) {
			char buf[64];
			ssize_t n = read(fds[0], buf, sizeof buf);
			printf("woken %zd\n", n > 0 ? n : 0);
		}
		struct remote_update u;
		while (remote_refresh_next(r, &u)) {
			printf("update %s %s %zu %s\n", u.remote, u.source, u.n,
			       u.error != NULL ? u.error : "-");
			for (size_t i = 0; i < u.n && i < 2; i++)
				printf("item %s\n", u.items[i]->id);
			remote_update_clear(&u);
		}
	}
	struct remote_update u;
	while (remote_refresh_next(r, &u)) {
		printf("update %s %s %zu %s\n", u.remote, u.source, u.n,
		       u.error != NULL ? u.error : "-");
		remote_update_clear(&u);
	}
	printf("pending %zu\n", remote_refresh_pending(r));
	remote_refresh_free(r);
	close(fds[0]);
	close(fds[1]);
	return 0;
}

static int
do_cancel(struct config *config)
{
	struct remote_refresh *r = remote_refresh_start(config, -1, 1);
	usleep(200 * 1000);
	printf("pending %zu\n", remote_refresh_pending(r));
	long start = now_ms();
	remote_refresh_free(r);
	printf("freed in %ld ms\n", now_ms() - start);
	return 0;
}

static int
do_load(struct config *config)
{
	struct catalog *cat = catalog_create();
	remote_source_load(cat, config);
	for (size_t i = 0; i < cat->n; i++) {
		const struct item *item = cat->items[i];
		printf("%s\t%s\t%s", item->id, item->source, item->kind);
		for (size_t a = 0; a < item->n_actions; a++)
			printf("\t%s:%s%s%s%s", item->actions[a].id,
			       action_kind_name(item->actions[a].kind),
			       item->actions[a].confirm ? ":confirm" : "",
			       item->actions[a].input != NULL ? ":input=" : "",
			       item->actions[a].input != NULL ? item->actions[a].input : "");
		printf("\n");
	}
	catalog_free(cat);
	return 0;
}

/* Cloudflare's envelope: {"success": false, "errors": [...]} inside a 200. */
static enum api_verdict
envelope_check(const struct http_response *resp, const cJSON *body, char **message)
{
	if (cJSON_IsFalse(cJSON_GetObjectItemCaseSensitive(body, "success"))) {
		*message = api_error_text(body);
		return API_VERDICT_ERROR;
	}
	return api_check_default(resp, body, message);
}

static void
print_ids(const cJSON *items)
{
	printf("%d:", cJSON_GetArraySize(items));
	const cJSON *it;
	cJSON_ArrayForEach (it, items)
		printf(" %s", json_string(it, "id"));
	printf("\n");
}

static int
do_api(const char *base, const char *what)
{
	struct api_client *c = api_client_create("Paging", base);
	api_client_add_header(c, "Authorization: Bearer paging-secret-value");
	api_client_add_secret(c, "paging-secret-value");
	char *cause = NULL;
	cJSON *items = NULL;
	cJSON *body = NULL;
	struct api_list list = {.limit = 0};
	if (strcmp(what, "cursor-query") == 0 || strcmp(what, "limit") == 0)
		list = (struct api_list){.request = {.path = "/cursor-query"},
					 .items = "items",
					 .paging = API_PAGING_CURSOR,
					 .per_page_param = "limit",
					 .per_page = 10,
					 .cursor_param = "cursor",
					 .cursor_path = "pagination.cursor",
					 .limit = strcmp(what, "limit") == 0 ? 13 : 0};
	else if (strcmp(what, "cf-cursor") == 0)
		list = (struct api_list){.request = {.path = "/cf-cursor"},
					 .items = "result",
					 .paging = API_PAGING_CURSOR,
					 .per_page_param = "per_page",
					 .per_page = 10,
					 .cursor_param = "cursor",
					 .cursor_path = "result_info.cursor"};
	else if (strcmp(what, "cursor-body") == 0) {
		body = cJSON_Parse("{\"filter\":{\"x\":1}}");
		list = (struct api_list){
			.request = {.method = "POST", .path = "/cursor-body", .json = body},
			.items = "results",
			.paging = API_PAGING_CURSOR,
			.per_page_param = "page_size",
			.per_page = 10,
			.cursor_param = "start_cursor",
			.cursor_path = "next_cursor",
			.more_path = "has_more"};
	} else if (strcmp(what, "pages") == 0)
		list = (struct api_list){.request = {.path = "/pages"},
					 .items = "result",
					 .paging = API_PAGING_PAGE,
					 .per_page_param = "per_page",
					 .per_page = 10,
					 .page_param = "page",
					 .total_pages_path = "result_info.total_pages"};
	else if (strcmp(what, "short-pages") == 0)
		list = (struct api_list){.request = {.path = "/short-pages"},
					 .paging = API_PAGING_PAGE,
					 .per_page_param = "per_page",
					 .per_page = 10,
					 .page_param = "page"};
	else if (strcmp(what, "graphql") == 0) {
		body = cJSON_Parse("{\"query\":\"query($first: Int, $after: String) { items }\","
				   "\"variables\":{\"first\":10}}");
		list = (struct api_list){
			.request = {.method = "POST", .path = "/graphql", .json = body},
			.items = "data.items.nodes",
			.paging = API_PAGING_GRAPHQL,
			.page_info_path = "data.items.pageInfo",
			.cursor_variable = "after"};
	} else if (strcmp(what, "loop") == 0)
		list = (struct api_list){.request = {.path = "/loop"},
					 .items = "results",
					 .paging = API_PAGING_CURSOR,
					 .cursor_param = "cursor",
					 .cursor_path = "next_cursor",
					 .more_path = "has_more"};
	else if (strcmp(what, "raw") == 0 || strcmp(what, "nocontent") == 0 ||
		 strcmp(what, "notjson") == 0 || strcmp(what, "cf-error") == 0) {
		if (strcmp(what, "cf-error") == 0)
			api_client_set_check(c, envelope_check);
		struct api_request req = {
			.method = strcmp(what, "nocontent") == 0 ? "POST" : "GET",
			.path = strcmp(what, "raw") == 0         ? "/raw"
				: strcmp(what, "nocontent") == 0 ? "/nocontent"
				: strcmp(what, "notjson") == 0   ? "/notjson"
								 : "/cf-error",
			.raw = strcmp(what, "raw") == 0,
		};
		struct api_response res;
		if (api_request(c, &req, &res, &cause) == 0) {
			printf("status %ld, %zu bytes, json %s:", res.status, res.http.body_len,
			       res.json != NULL ? "yes" : "no");
			for (size_t i = 0; i < res.http.body_len; i++)
				printf(" %02x", (unsigned char)res.http.body[i]);
			printf("\n");
		} else
			printf("error: %s\n", cause);
		api_response_clear(&res);
		free(cause);
		api_client_free(c);
		return 0;
	}
	items = api_list_all(c, &list, &cause);
	if (items != NULL)
		print_ids(items);
	else
		printf("error: %s\n", cause);
	cJSON_Delete(items);
	cJSON_Delete(body);
	free(cause);
	api_client_free(c);
	return 0;
}

int
main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "api") == 0)
		return do_api(argv[2], argv[3]);
	if (argc < 2)
		return 2;
	char *cause = NULL;
	struct config *config = config_load(NULL, &cause);
	if (config == NULL) {
		printf("config: %s\n", cause);
		return 1;
	}
	int rc = 2;
	if (strcmp(argv[1], "refresh") == 0)
		rc = do_refresh(config, argc > 2 && strcmp(argv[2], "force") == 0);
	else if (strcmp(argv[1], "cancel") == 0)
		rc = do_cancel(config);
	else if (strcmp(argv[1], "load") == 0)
		rc = do_load(config);
	else if (strcmp(argv[1], "sync") == 0 && argc >= 3) {
		long start = now_ms();
		size_t failed = remote_refresh_sync(config, atol(argv[2]),
						    argc > 3 && strcmp(argv[3], "force") == 0);
		long took = now_ms() - start;
		struct catalog *cat = catalog_create();
		remote_source_load(cat, config);
		printf("failed %zu, %zu items, %ld ms\n", failed, cat->n, took);
		catalog_free(cat);
		rc = 0;
	} else if (strcmp(argv[1], "action") == 0 && (argc == 5 || argc == 6)) {
		char *message = NULL;
		if (remote_action_run(config, argv[2], argv[3], argv[4], argc == 6 ? argv[5] : NULL,
				      &message, &cause) == 0)
			printf("ok: %s\n", message);
		else
			printf("error: %s\n", cause);
		free(message);
		free(cause);
		rc = 0;
	}
	config_free(config);
	return rc;
}
