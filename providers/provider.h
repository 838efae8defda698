/*
 * Providers: one module per kind of remote (GitHub, Notion, Linear, …), each a
 * const struct provider listed once in provider_table[] (provider-table.c).
 * Adding a provider is one file plus one line in that table.
 *
 * A provider names the remote types it serves ("github-project") and gives
 * the CLI its `chitty PROVIDER RESOURCE VERB` commands.  The remotes issue
 * grows this struct (field schema, resources and verbs, JSON-to-item mapping,
 * actions); a provider whose module is not built yet is still listed, so
 * `chitty --help` names it and its commands answer "not implemented yet".
 */
#ifndef CHITTY_PROVIDER_H
#define CHITTY_PROVIDER_H

struct strv;

struct provider {
	const char *name;           /* CLI name: "github" */
	const char *const *aliases; /* NULL-terminated: {"gh", NULL} */
	const char *const *types;   /* remote types served, NULL-terminated */
	const char *title;          /* display name: "GitHub" */
	const char *summary;        /* one line for --help */
	int built;                  /* 0: listed but not implemented yet */
};

extern const struct provider *const provider_table[];

/* By CLI name or alias. */
const struct provider *provider_find(const char *name);
/* By remote type ("github-project"). */
const struct provider *provider_for_type(const char *type);
int provider_is_built(const struct provider *p);
/* Push every provider name and alias (for suggestions). */
void provider_names(struct strv *out);

/* `chitty PROVIDER …`: argv[0] is the name the user typed. */
int provider_cmd_main(const struct provider *p, int argc, char **argv);

#endif
