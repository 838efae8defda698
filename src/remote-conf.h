/*
 * Remotes in config.json and one remote opened for work.
 *
 * config.json's "remotes" maps a name to an object: {"type": "github-project",
 * "token": "env:GITHUB_TOKEN", "owner": "octo", "repo": "hello", …}.  The
 * type picks the provider (provider.h) and so the fields that make sense.
 * Unknown keys are kept as they are.
 *
 * struct remote is one remote ready to use: a private copy of its object (so
 * it can go to another thread), its secrets resolved on first use (secret.h)
 * and remembered for masking, and an API client made on first use.  Every
 * message that leaves through remote_scrub has those secrets masked.
 *
 * remote_fingerprint, remote_ttl, remote_name_valid and
 * remote_conf_validate are pure.
 */
#ifndef CHITTY_REMOTE_CONF_H
#define CHITTY_REMOTE_CONF_H

#include <stddef.h>

#include "strv.h"

struct api_client;
struct cJSON;
struct config;
struct provider;

#define REMOTE_DEFAULT_TTL 600L /* seconds before cached items count as stale */

struct remote {
	char *name;
	char *type; /* canonical ("github-project") */
	const struct provider *provider;
	struct cJSON *conf; /* the remote's object: a private copy */
	char *config_path;  /* for messages */
	struct strv secrets;
	struct strv resolved_names;  /* secret fields resolved so far … */
	struct strv resolved_values; /* … and their values */
	struct api_client *api;
	const int *cancel; /* a refresh's cancel flag, or NULL */
	long max_wait;     /* longest rate-limit wait in seconds; 0: the API default */
};

/* config.json for a remotes command, or NULL after saying why (msg_error). */
struct config *remotes_load_config(void);

/* The configured remotes' names, in the file's order. */
void remotes_list(const struct config *config, struct strv *names);
/* A remote's object in config (borrowed), or NULL. */
struct cJSON *remotes_get(const struct config *config, const char *name);
/*
 * The canonical type for what a user typed: a remote type, or a provider's
 * name or alias ("gh" is "github-project", its first type).  NULL: unknown.
 */
const char *remote_type_resolve(const char *name);

/*
 * Open a configured remote.  NULL with *cause set when there is no such
 * remote ("did you mean …"), its type is unknown, or its provider is not
 * built yet.
 */
struct remote *remote_open(const struct config *config, const char *name, char **cause);
/* The same from a remote's object (copied); config_path is for messages. */
struct remote *remote_create(const char *name, const struct cJSON *conf, const char *config_path,
			     char **cause);
void remote_close(struct remote *r);

/*
 * A field's value (borrowed from r): secret fields resolved (env:, cmd:),
 * numbers as text, the schema's default when unset.  remote_opt gives NULL
 * when unset (or when a secret cannot be resolved); remote_need gives NULL
 * with *cause set in both cases.
 */
const char *remote_opt(struct remote *r, const char *field);
const char *remote_need(struct remote *r, const char *field, char **cause);

/* The remote's API client, made on first use (apiUrl, setup_api); NULL with *cause set. */
struct api_client *remote_api(struct remote *r, char **cause);

/* text with r's known secrets masked: a new string (NULL for NULL). */
char *remote_scrub(const struct remote *r, const char *text);
/* Note a secret value for masking (the provider may learn more than its fields). */
void remote_add_secret(struct remote *r, const char *secret);

/*
 * A fingerprint of a remote's settings (hex): changes when any field but ttl
 * changes.  Literal secret values are left out (only that there is one
 * counts), so the fingerprint reveals nothing about them.
 */
char *remote_fingerprint(const char *type, const struct cJSON *conf);
/* The remote's "ttl" (seconds), or REMOTE_DEFAULT_TTL. */
long remote_ttl(const struct cJSON *conf);

/* A name chitty accepts for a new remote: [A-Za-z0-9][A-Za-z0-9._-]*, 64 bytes at most. */
int remote_name_valid(const char *name);
/*
 * Check a remote's object against its provider's field schema: required
 * fields present, numbers numeric, JSON fields objects or arrays, apiUrl an
 * http(s) URL, ttl positive, and the provider's own rules.  0, or -1 with
 * *cause set.
 */
int remote_conf_validate(const char *type, const struct cJSON *conf, char **cause);

/*
 * Warn (once per process) when config.json holds a literal secret and is
 * readable by group or others.  Call from the main thread.
 */
void remotes_warn_loose_secrets(const struct config *config);

#endif
