#include "build-config.h"

#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "paths.h"
#include "xmalloc.h"

#ifndef CHITTY_DATADIR
#define CHITTY_DATADIR "/usr/local/share/chitty"
#endif

char *
paths_home(void)
{
	const char *home = getenv("HOME");
	if (home != NULL && *home != '\0')
		return xstrdup(home);
	struct passwd *pw = getpwuid(getuid());
	if (pw != NULL && pw->pw_dir != NULL && *pw->pw_dir != '\0')
		return xstrdup(pw->pw_dir);
	return xstrdup("/");
}

char *
paths_join(const char *dir, const char *name)
{
	size_t len = strlen(dir);
	while (len > 1 && dir[len - 1] == '/')
		len--;
	while (*name == '/')
		name++;
	return xasprintf("%.*s/%s", (int)len, dir, name);
}

/* $VAR/chitty when VAR is an absolute path, else ~/fallback/chitty. */
static char *
xdg_dir(const char *var, const char *fallback)
{
	const char *value = getenv(var);
	if (value != NULL && value[0] == '/')
		return paths_join(value, "chitty");
	char *home = paths_home();
	char *base = paths_join(home, fallback);
	char *dir = paths_join(base, "chitty");
	free(base);
	free(home);
	return dir;
}

char *
paths_config_dir(void)
{
	return xdg_dir("XDG_CONFIG_HOME", ".config");
}

char *
paths_cache_dir(void)
{
	return xdg_dir("XDG_CACHE_HOME", ".cache");
}

char *
paths_state_dir(void)
{
	return xdg_dir("XDG_STATE_HOME", ".local/state");
}

char *
paths_data_dir(void)
{
	const char *value = getenv("CHITTY_DATA_DIR");
	if (value != NULL && *value != '\0')
		return xstrdup(value);
	return xstrdup(CHITTY_DATADIR);
}

int
paths_ensure(const char *dir, char **cause)
{
	return mkdir_p(dir, 0700, cause);
}

/* 0 when path is missing or a readable folder; -1 with *cause otherwise. */
static int
check_folder(const char *path, const char *what, char **cause)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		if (errno == ENOENT)
			return 0;
	} else if (!S_ISDIR(st.st_mode)) {
		errno = ENOTDIR;
	} else if (access(path, R_OK | X_OK) == 0) {
		return 0;
	}
	set_cause(cause, "cannot read the %s %s: %s", what, path, strerror(errno));
	return -1;
}

int
paths_check_config(char **cause)
{
	static const char *const subs[] = {"extensions", "snippets", "preferences"};
	char *dir = paths_config_dir();
	int rc = check_folder(dir, "config folder", cause);
	for (size_t i = 0; rc == 0 && i < sizeof subs / sizeof subs[0]; i++) {
		char *sub = paths_join(dir, subs[i]);
		rc = check_folder(sub, "folder", cause);
		free(sub);
	}
	free(dir);
	return rc;
}
