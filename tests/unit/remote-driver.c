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
 *   remote-driver action REMOTE VERB TARGET   remote_action_run
 *   remote-driver sync MS [force]   remote_refresh_sync, then the loaded items' count
 */
#include "build-config.h"

#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
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
			printf("\t%s:%s%s", item->actions[a].id,
			       action_kind_name(item->actions[a].kind),
			       item->actions[a].confirm ? ":confirm" : "");
		printf("\n");
	}
	catalog_free(cat);
	return 0;
}

int
main(int argc, char **argv)
{
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
	} else if (strcmp(argv[1], "action") == 0 && argc == 5) {
		char *message = NULL;
		if (remote_action_run(config, argv[2], argv[3], argv[4], &message, &cause) == 0)
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
