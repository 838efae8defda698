/*
 * Remotes as a source of catalog items (cached items, no network) and
 * provider verbs run as item actions (remote.h).
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "args.h"
#include "catalog.h"
#include "config.h"
#include "item.h"
#include "jsonutil.h"
#include "msg.h"
#include "provider.h"
#include "remote-cache.h"
#include "remote-conf.h"
#include "remote.h"
#include "sources.h"
#include "xmalloc.h"

void
remote_source_load(struct catalog *cat, const struct config *config)
{
	struct strv names = STRV_INIT;
	remotes_list(config, &names);
	for (size_t i = 0; i < names.n; i++) {
		const cJSON *conf = remotes_get(config, names.v[i]);
		const char *type = remote_type_resolve(json_string(conf, "type"));
		if (type == NULL || !provider_is_built(provider_for_type(type)))
			continue;
		char *path = remote_cache_path(names.v[i]);
		struct remote_cache cache;
		int corrupt = 0;
		if (remote_cache_load(path, &cache, &corrupt, NULL) == -1) {
			if (corrupt) {
				/* Discarded; the next refresh fetches it again. */
				unlink(path);
				msg_warn("remote '%s': discarded an unusable cache file",
					 names.v[i]);
			}
			free(path);
			continue;
		}
		free(path);
		char *fingerprint = remote_fingerprint(type, conf);
		/* Items of a remote whose settings changed since are not its items. */
		if (strcmp(fingerprint, cache.fingerprint) == 0) {
			char *source = xasprintf("remote:%s", names.v[i]);
			for (size_t k = 0; k < cache.n; k++) {
				item_set(&cache.items[k]->source, source);
				catalog_add(cat, cache.items[k]);
			}
			cache.n = 0;
			free(source);
		}
		free(fingerprint);
		remote_cache_clear(&cache);
	}
	strv_free(&names);
}

/* The first line of text, or a fallback: a toast's message. */
static char *
first_line(const char *text, const char *fallback)
{
	if (text == NULL || *text == '\0')
		return xstrdup(fallback);
	const char *nl = strchr(text, '\n');
	return nl != NULL ? xstrndup(text, (size_t)(nl - text)) : xstrdup(text);
}

int
remote_action_run(const struct config *config, const char *remote, const char *verb,
		  const char *target, const char *input, char **message, char **cause)
{
	struct remote *r = remote_open(config, remote, cause);
	if (r == NULL)
		return -1;
	const struct provider_verb *v = provider_verb_path(r->provider, verb);
	if (v == NULL || !provider_verb_serves(v, r->type)) {
		set_cause(cause, "remote '%s': %s has no action '%s'", remote, r->provider->title,
			  verb);
		remote_close(r);
		return -1;
	}
	/* After "--": an id or a comment starting with '-' is not an option. */
	char *argv[] = {(char *)v->name, "--", (char *)target, (char *)input, NULL};
	int argc = target == NULL ? 1 : input == NULL ? 3 : 4;
	struct args *args = args_parse(v->options, argc, argv, cause);
	if (args == NULL) {
		remote_close(r);
		return -1;
	}
	struct verb_call call = {.remote = r, .args = args};
	struct verb_output out = {0};
	char *why = NULL;
	int rc = v->exec(&call, &out, &why) < 0 ? -1 : 0;
	if (rc == -1) {
		if (cause != NULL)
			*cause = remote_scrub(r, why != NULL ? why : "failed");
	} else if (message != NULL) {
		char *line = first_line(out.text, "Done");
		*message = remote_scrub(r, line);
		free(line);
	}
	free(why);
	verb_output_clear(&out);
	args_free(args);
	remote_close(r);
	return rc;
}
