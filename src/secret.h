/*
 * Secrets in config.json: a remote's secret field (a token, an API key) holds
 * either a reference or the secret itself:
 *
 *   env:NAME      the value of environment variable NAME
 *   cmd:COMMAND   what COMMAND prints on stdout (run by /bin/sh -c, stdin
 *                 /dev/null, stderr discarded, a timeout), trimmed; e.g.
 *                 "cmd:pass show github/token", "cmd:op read op://…"
 *   anything else the secret itself (a "literal")
 *
 * References are not secrets: they may be shown.  Resolved values and
 * literals are: they never appear in messages, output or files chitty writes
 * other than config.json.  secret_scrub masks known secret values in any text
 * before it leaves the remotes module.
 *
 * secret_ref_parse, secret_is_reference and secret_scrub are pure.
 */
#ifndef CHITTY_SECRET_H
#define CHITTY_SECRET_H

#include <stddef.h>

struct cJSON;
struct strv;

#define SECRET_MASK "••••••"

/* How long a cmd: reference may run (milliseconds). */
#define SECRET_CMD_TIMEOUT_MS 15000L

enum secret_kind {
	SECRET_LITERAL,
	SECRET_ENV, /* env:NAME */
	SECRET_CMD, /* cmd:COMMAND */
};

/*
 * What kind of value this is; *arg (may be NULL) points into value at what
 * follows the prefix (the variable's name, the command), or at value itself
 * for a literal.
 */
enum secret_kind secret_ref_parse(const char *value, const char **arg);
int secret_is_reference(const char *value);

/*
 * The secret a value stands for: a new string, or NULL with *cause set.
 * `what` names the value in messages ("remote 'gh': token").  Messages name
 * the variable of an env: reference but never show a command's output, nor
 * the command (it may carry a secret itself).
 */
char *secret_resolve(const char *value, const char *what, long timeout_ms, char **cause);

/*
 * text with every occurrence of each of secrets (empty ones and those
 * shorter than 3 bytes ignored) replaced by SECRET_MASK: a new string.
 * NULL text gives NULL.
 */
char *secret_scrub(const char *text, const struct strv *secrets);
/* The same for a byte buffer that may hold NUL bytes; *out_len gets the new length. */
char *secret_scrub_bytes(const char *data, size_t len, const struct strv *secrets, size_t *out_len);

/* Mask secrets in every string (values and keys) of a JSON tree, in place. */
void secret_scrub_json(struct cJSON *json, const struct strv *secrets);

#endif
