/*
 * Providers: one module per kind of remote (GitHub, Notion, Linear, …), each a
 * const struct provider listed once in provider_table[] (provider-table.c).
 * Adding a provider is one file plus one line in that table.
 *
 * A provider says everything chitty needs to know about a service:
 *
 *   types, fields   the remote types it serves ("github-project") and the
 *                   fields of such a remote (the schema behind `chitty config
 *                   add`, the "New remote" form and `config show`'s masking)
 *   api             its default base URL and how to set up an API client for a
 *                   remote (auth headers, error shapes): setup_api
 *   resources       `chitty PROVIDER RESOURCE [RESOURCE…] VERB`: each resource
 *                   has verbs (list/get/create/update/delete and what else the
 *                   API allows) and may have sub-resources ("actions secrets");
 *                   the CLI is generated from this tree (cmd-provider.c)
 *   feeds           what it contributes to the launcher: functions that fetch
 *                   a remote's items for the cache (remote-refresh.c)
 *   test, web_url   `chitty config test` and `chitty open`
 *
 * Verbs get a struct verb_call (the remote, the parsed arguments) and fill a
 * struct verb_output: rows for --json and the human table, or text.  Items
 * carry their own actions; a provider verb used as an item action (ACTION_REMOTE)
 * is named by its path below the provider ("issues close") and gets the
 * resource id as its one argument.
 *
 * A provider whose module is not built yet is still listed (built = 0), so
 * `chitty --help` names it and its commands answer "not implemented yet".
 */
#ifndef CHITTY_PROVIDER_H
#define CHITTY_PROVIDER_H

#include <stddef.h>

struct api_client;
struct args;
struct cJSON;
struct cmd_option;
struct item;
struct remote;
struct strv;

/* Field flags. */
#define FIELD_REQUIRED 0x1 /* `config add` refuses a remote without it */
#define FIELD_SECRET   0x2 /* masked; may be an env:/cmd: reference */
#define FIELD_NUMBER   0x4 /* stored as a JSON number */
#define FIELD_JSON     0x8 /* a JSON object or array (`--set filter='{…}'` parses it) */

struct provider_field {
	const char *name;          /* key in the remote's config object: "token" */
	const char *title;         /* "Token" */
	const char *description;   /* one line for the form and the man page */
	const char *placeholder;   /* an example value, or NULL */
	const char *default_value; /* applies when unset, or NULL */
	int flags;
	const char *const *types; /* the remote types it belongs to; NULL: all of the provider's */
};

/* A column of a verb's human table: header and the row member it shows. */
struct provider_column {
	const char *header;
	const char *key; /* arrays are joined with ", " */
};

struct verb_call {
	struct remote *remote;
	const struct args *args; /* positional arguments and the verb's options */
	int json;                /* --json: rows matter, text does not */
};

struct verb_output {
	struct cJSON *rows; /* an array of objects with at least id, title, url */
	char *text;         /* human output instead of the table (a detail, "Closed #42") */
	char *raw;          /* bytes written as they are, both for humans and --json */
	size_t raw_len;
};
void verb_output_clear(struct verb_output *out);

#define VERB_USAGE (-2)

struct provider_verb {
	const char *name;
	const char *const *aliases; /* NULL-terminated, or NULL */
	const char *usage;          /* what follows the verb: "NUMBER [--comment TEXT]" */
	const char *summary;
	const struct cmd_option *options; /* the verb's own; --remote and --json are added */
	int args_min;
	int args_max;                          /* -1: no limit */
	const struct provider_column *columns; /* terminated by {NULL}; NULL: id and title */
	const char *const *types;              /* remote types it works on; NULL: all */
	/*
	 * 0, or -1 with *cause set (one line; the remote's secrets are masked
	 * after), or VERB_USAGE with *cause set for a bad argument or option
	 * value (exit 2, with the verb's usage).
	 */
	int (*exec)(const struct verb_call *call, struct verb_output *out, char **cause);
};

struct provider_resource {
	const char *name;
	const char *const *aliases;
	const char *summary;
	const struct provider_verb *const *verbs;            /* NULL-terminated, or NULL */
	const struct provider_resource *const *subresources; /* NULL-terminated, or NULL */
	/*
	 * A resource that is itself a command: `chitty notion search QUERY`,
	 * `chitty neon query SQL`.  Its name is the verb's; it runs when what
	 * follows the resource is not one of its verbs or sub-resources.
	 */
	const struct provider_verb *run;
};

/* Items a provider contributes to the launcher (through the cache). */
struct item_list {
	struct item **items;
	size_t n;
	size_t cap;
};
void item_list_push(struct item_list *list, struct item *item);
void item_list_clear(struct item_list *list);

struct provider_feed {
	const char *name; /* "issues", "project items" */
	/* Does this feed apply to the remote (its type, its fields)?  NULL: always. */
	int (*applies)(struct remote *r);
	int (*fetch)(struct remote *r, struct item_list *out, char **cause);
};

/*
 * A provider whose remotes can be a tracker: `chitty checkpoint TEXT` adds
 * an entry, `chitty checkpoints N` lists the latest.  Rows are objects
 * with id, title, url and created_at (ISO 8601).
 */
struct provider_tracker {
	/* A new row for the entry made from text, or NULL with *cause set. */
	struct cJSON *(*add)(struct remote *r, const char *text, char **cause);
	/* The latest n entries, newest first: a new array, or NULL with *cause set. */
	struct cJSON *(*latest)(struct remote *r, long n, char **cause);
};

struct provider {
	const char *name;           /* CLI name: "github" */
	const char *const *aliases; /* NULL-terminated: {"gh", NULL} */
	const char *const *types;   /* remote types served, NULL-terminated */
	const char *title;          /* display name: "GitHub" */
	const char *summary;        /* one line for --help */
	int built;                  /* 0: listed but not implemented yet */

	const char *icon;                    /* for its items, or NULL */
	const char *api_url;                 /* default base URL; NULL: not an HTTP API */
	const struct provider_field *fields; /* terminated by {NULL}; apiUrl and ttl are added */
	const struct provider_resource *const *resources; /* NULL-terminated */
	const struct provider_feed *feeds;                /* terminated by {NULL} */
	/* Auth headers, Accept, the error check; secrets registered for masking. */
	int (*setup_api)(struct remote *r, struct api_client *c, char **cause);
	/* Rules the field flags cannot say ("repo or project"); NULL: none. */
	int (*validate)(const struct cJSON *conf, const char *type, char **cause);
	/* A cheap authenticated request: *message "connected to octo/hello as alice". */
	int (*test)(struct remote *r, char **message, char **cause);
	/* The remote's page on the web (a new string), or NULL with *cause set. */
	char *(*web_url)(struct remote *r, char **cause);
	/* Checkpoints (cmd-checkpoint.c); NULL: its remotes cannot be trackers. */
	const struct provider_tracker *tracker;
};

extern const struct provider *const provider_table[];

/* By CLI name or alias. */
const struct provider *provider_find(const char *name);
/* By remote type ("github-project"). */
const struct provider *provider_for_type(const char *type);
int provider_is_built(const struct provider *p);
/* Push every provider name and alias (for suggestions). */
void provider_names(struct strv *out);
/* Push every remote type of every provider. */
void provider_types(struct strv *out);

/*
 * The fields of a remote of this type: the provider's own that belong to
 * the type, then the common ones (apiUrl for HTTP providers, ttl).  Returns
 * how many were stored in out[0..max).
 */
size_t provider_fields(const struct provider *p, const char *type,
		       const struct provider_field **out, size_t max);
/* The field `name` of a remote of this type, or NULL. */
const struct provider_field *provider_field(const struct provider *p, const char *type,
					    const char *name);

int provider_serves_type(const struct provider *p, const char *type);

/* A resource by name or alias in a NULL-terminated table, or NULL. */
const struct provider_resource *provider_resource_find(const struct provider_resource *const *t,
						       const char *name);
const struct provider_verb *provider_verb_find(const struct provider_resource *res,
					       const char *name);
/* Does verb v work on remotes of this type? */
int provider_verb_serves(const struct provider_verb *v, const char *type);
/*
 * Resolve a verb path ("issues close", "actions secrets list") below the
 * provider: the verb, or NULL.
 */
const struct provider_verb *provider_verb_path(const struct provider *p, const char *path);

/* `chitty PROVIDER …`: argv[0] is the name the user typed. */
int provider_cmd_main(const struct provider *p, int argc, char **argv);

/*
 * Helpers for providers' JSON-to-item mappings.  provider_item_create makes
 * an item of a remote with id "<remote>/<kind>/<local_id>", source
 * "remote:<remote>", group "<Title> · <remote>" and the provider's icon.
 */
struct item *provider_item_create(struct remote *r, const char *kind, const char *local_id,
				  const char *title);
/* The usual actions: Open in Browser (primary) and Copy URL. */
void provider_item_add_url_actions(struct item *item, const char *url);
/* The same with another title for the first ("Open in Dashboard"). */
void provider_item_add_open(struct item *item, const char *url, const char *title);
/* A provider verb on this item (ACTION_REMOTE): verb path, its one argument. */
struct action *provider_item_add_verb(struct item *item, struct remote *r, const char *id,
				      const char *title, const char *verb_path, const char *target,
				      int confirm, int destructive);

/*
 * A verb's --limit N (1 to 100000), fallback when absent: N, or -1 with
 * *cause set (a usage error).
 */
long provider_limit(const struct args *args, long fallback, char **cause);

/*
 * An id or name as one segment of a URL path: percent-encoded, a new
 * string.  NULL with *cause set when it is missing, empty, "." or "..",
 * which URL normalisation would turn into another path (".../values/.."
 * is the namespace itself).  what names it in the message ("KV key").
 */
char *provider_path_segment(const char *s, const char *what, char **cause);

/* Row helpers: a new object with id, title and url (url may be NULL). */
struct cJSON *provider_row(const char *id, const char *title, const char *url);
/* Add key to row: the string, or null when value is NULL. */
void provider_row_string(struct cJSON *row, const char *key, const char *value);

/*
 * Text from an API made safe to show: control characters (escape sequences)
 * become spaces, except newlines and tabs when keep_lines; invalid UTF-8 is
 * kept out; at most max_bytes (0: no limit), cut on a character boundary
 * with "…".  A new string ("" for NULL).
 */
char *provider_clean_text(const char *s, int keep_lines, size_t max_bytes);

/* s, or "?" for a field an answer left out: never NULL into a %s.  Borrowed. */
const char *provider_or_unknown(const char *s);
/*
 * Names for a message ("no branch 'x' (branches: …)"): "a, b, c", at most max
 * of them and then "… (N more)"; "none" when there are none.  A new string.
 */
char *provider_name_list(const struct strv *names, size_t max);
/* The date part of an ISO 8601 timestamp ("2024-05-01T10:00:00Z" → "2024-05-01"); a new string. */
char *provider_date(const char *iso);

#endif
