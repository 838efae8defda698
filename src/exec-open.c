/*
 * The opener (exec_open in exec.h): URLs, files and app URL schemes go to
 * $CHITTY_OPENER, else the config's "opener", else open (macOS) or
 * xdg-open.  A configured opener is a shell command line (the user's own,
 * like $EDITOR) that gets the target as its last argument, never spliced
 * into the line.  The opener runs detached; chitty waits a few seconds for
 * its verdict and leaves a slow one running.
 */
#include "build-config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "exec-proc.h"
#include "exec-runtime.h"
#include "exec.h"
#include "fileio.h"
#include "xmalloc.h"

#define OPENER_WAIT_MS 5000

#ifdef __APPLE__
#define DEFAULT_OPENER "open"
#else
#define DEFAULT_OPENER "xdg-open"
#endif

/* The scheme of a URL-like target ("cleanshot" of "cleanshot://x"), a new string, or NULL. */
static char *
url_scheme(const char *target)
{
	const char *p = target;
	if (!isalpha((unsigned char)*p))
		return NULL;
	while (isalnum((unsigned char)*p) || *p == '+' || *p == '-' || *p == '.')
		p++;
	if (*p != ':' || p - target < 2) /* "C:" is a drive, not a scheme */
		return NULL;
	return xstrndup(target, (size_t)(p - target));
}

/* Why xdg-open/open failed with status, for target. */
static char *
opener_failure(const char *opener, int custom, const char *target, int status)
{
	char *scheme = url_scheme(target);
	char *why;
	if (custom)
		why = xasprintf("opener '%s' failed with status %d", opener, status);
	else if (scheme != NULL && strcmp(scheme, "file") != 0 &&
		 (status == 3 || status == 4 || (status == 1 && strcmp(opener, "open") == 0)))
		why = xasprintf("no application handles %s:// links", scheme);
	else if (scheme == NULL && status == 2)
		why = xasprintf("%s does not exist", target);
	else
		why = xasprintf("%s could not open %s (status %d)", opener, target, status);
	free(scheme);
	return why;
}

int
exec_open(const char *target, const struct config *config, char **cause)
{
	while (isspace((unsigned char)*target))
		target++;
	size_t len = strlen(target);
	while (len > 0 && isspace((unsigned char)target[len - 1]))
		len--;
	if (len == 0) {
		set_cause(cause, "nothing to open");
		return -1;
	}
	char *trimmed = xstrndup(target, len);
	char *expanded = expand_tilde(trimmed);
	free(trimmed);

	const char *opener = getenv("CHITTY_OPENER");
	if (opener == NULL || *opener == '\0')
		opener = config != NULL ? config_string(config, "opener", NULL) : NULL;
	int custom = opener != NULL && *opener != '\0';
	const char *argv[6];
	char *line = NULL;
	if (custom) {
		const char *sh = runtime_which("sh");
		line = xasprintf("%s \"$1\"", opener);
		argv[0] = sh != NULL ? sh : "/bin/sh";
		argv[1] = "-c";
		argv[2] = line;
		argv[3] = "sh";
		argv[4] = expanded;
		argv[5] = NULL;
	} else {
		opener = DEFAULT_OPENER;
		const char *path = runtime_which(opener);
		if (path == NULL) {
			set_cause(
				cause,
				"cannot open %s: no %s on PATH (install it, or set $CHITTY_OPENER "
				"or the config's \"opener\")",
				expanded, opener);
			free(expanded);
			return -1;
		}
		argv[0] = path;
		argv[1] = expanded;
		argv[2] = NULL;
	}
	int status = proc_run_helper(argv, NULL, 0, OPENER_WAIT_MS, cause);
	int rc = 0;
	if (status == -1) {
		rc = -1;
	} else if (status != 0 && status != PROC_STILL_RUNNING) {
		char *why = opener_failure(opener, custom, expanded, status);
		set_cause(cause, "%s", why);
		free(why);
		rc = -1;
	}
	free(line);
	free(expanded);
	return rc;
}
