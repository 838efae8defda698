/* XDG folders: overrides, defaults, relative values ignored, 0700. */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "paths.h"
#include "tap.h"
#include "xmalloc.h"

/* paths_check_config as the check of tap_unprivileged: 0 when it says "Permission denied". */
static int
check_config_denied(void *arg, char *msg, size_t size)
{
	char *cause = NULL;
	(void)arg;
	int rc = paths_check_config(&cause);
	snprintf(msg, size, "%s", cause != NULL ? cause : "no error");
	int passed = rc == -1 && cause != NULL && strstr(cause, "Permission denied") != NULL;
	free(cause);
	return passed;
}

/* The control: the same folder with its permissions passes. */
static int
check_config_readable(void *arg, char *msg, size_t size)
{
	char *cause = NULL;
	(void)arg;
	int rc = paths_check_config(&cause);
	snprintf(msg, size, "%s", cause != NULL ? cause : "no error");
	free(cause);
	return rc == 0;
}

int
main(void)
{
	const char *dir = tap_sandbox();
	char *want, *got;

	setenv("XDG_CONFIG_HOME", "/tmp/xdg-config", 1);
	got = paths_config_dir();
	is_str(got, "/tmp/xdg-config/chitty", "XDG_CONFIG_HOME is used");
	free(got);

	setenv("XDG_CONFIG_HOME", "relative/path", 1);
	got = paths_config_dir();
	want = xasprintf("%s/.config/chitty", dir);
	is_str(got, want, "a relative XDG_CONFIG_HOME is ignored");
	free(got), free(want);

	unsetenv("XDG_CACHE_HOME");
	got = paths_cache_dir();
	want = xasprintf("%s/.cache/chitty", dir);
	is_str(got, want, "cache defaults to ~/.cache/chitty");
	free(got), free(want);

	setenv("XDG_STATE_HOME", "", 1);
	got = paths_state_dir();
	want = xasprintf("%s/.local/state/chitty", dir);
	is_str(got, want, "an empty XDG_STATE_HOME falls back to ~/.local/state");
	free(got), free(want);

	setenv("CHITTY_DATA_DIR", "/opt/chitty-data", 1);
	got = paths_data_dir();
	is_str(got, "/opt/chitty-data", "CHITTY_DATA_DIR overrides the data folder");
	free(got);
	unsetenv("CHITTY_DATA_DIR");
	got = paths_data_dir();
	is_str(got, CHITTY_DATADIR, "the data folder defaults to the install's");
	free(got);

	got = paths_join("/a/b/", "/c");
	is_str(got, "/a/b/c", "join does not double slashes");
	free(got);

	char *xdg = xasprintf("%s/cfg", dir);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	char *cfg = paths_config_dir();
	char *cause = NULL;
	is_int(paths_ensure(cfg, &cause), 0, "ensure creates the config folder");
	struct stat st;
	stat(cfg, &st);
	is_int(st.st_mode & 0777, 0700, "chitty's folders are private (0700)");
	free(cfg), free(xdg);

	/* paths_check_config: missing is fine, a file or an unreadable folder is not */
	xdg = xasprintf("%s/check", dir);
	setenv("XDG_CONFIG_HOME", xdg, 1);
	is_int(paths_check_config(&cause), 0, "check: a missing config folder is fine");
	FILE *fp = fopen(xdg, "w");
	fclose(fp);
	ok(paths_check_config(&cause) == -1 && cause != NULL &&
		   strstr(cause, "cannot read the config folder") != NULL &&
		   strstr(cause, "Not a directory") != NULL,
	   "check: XDG_CONFIG_HOME is a file");
	free(cause), cause = NULL;
	unlink(xdg);
	cfg = paths_config_dir();
	paths_ensure(cfg, NULL);
	is_int(paths_check_config(&cause), 0, "check: a readable folder is fine");
	char *ext = paths_join(cfg, "preferences");
	fp = fopen(ext, "w");
	fclose(fp);
	ok(paths_check_config(&cause) == -1 && cause != NULL && strstr(cause, ext) != NULL,
	   "check: preferences/ is a file");
	free(cause), cause = NULL;
	unlink(ext);
	/* As nobody when root: root reads any folder. */
	char msg[1024];
	int r = tap_unprivileged(dir, check_config_readable, NULL, msg, sizeof msg);
	if (r < 0)
		skip("check: a folder without permissions", msg);
	else {
		ok(r == 1, "check: the folder is readable by its owner: %s", msg);
		chmod(cfg, 0);
		r = tap_unprivileged(dir, check_config_denied, NULL, msg, sizeof msg);
		ok(r == 1, "check: a folder without permissions: %s", msg);
		chmod(cfg, 0700);
	}
	free(ext), free(cfg), free(xdg);

	tap_sandbox_remove(dir);
	return done_testing();
}
