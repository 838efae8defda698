/*
 * What forms read from the file system: path completion for file and
 * directory fields, and the installed applications an appPicker offers
 * (.desktop files in the XDG data folders on Linux, .app bundles in the
 * Applications folders on macOS).
 */
#include "build-config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fileio.h"
#include "form.h"
#include "paths.h"
#include "strbuf.h"
#include "xmalloc.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int
path_complete(struct lineedit *le, int dirs_only, struct strv *candidates)
{
	const char *text = lineedit_text(le);
	const char *slash = strrchr(text, '/');
	size_t dir_len = slash != NULL ? (size_t)(slash - text) + 1 : 0;
	char *dir_part = xstrndup(text, dir_len);
	const char *base = text + dir_len;
	/* "~" alone means the home folder */
	if (strcmp(text, "~") == 0) {
		lineedit_set(le, "~/");
		free(dir_part);
		return 1;
	}
	char *expanded = expand_tilde(dir_len > 0 ? dir_part : ".");
	DIR *d = opendir(expanded);
	struct strv names = STRV_INIT;
	struct dirent *de;
	while (d != NULL && (de = readdir(d)) != NULL) {
		const char *n = de->d_name;
		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0)
			continue;
		if (n[0] == '.' && base[0] != '.')
			continue;
		if (strncmp(n, base, strlen(base)) != 0)
			continue;
		char *full = paths_join(expanded, n);
		int dir = is_directory(full);
		free(full);
		if (dirs_only && !dir)
			continue;
		strv_push_owned(&names, dir ? xasprintf("%s/", n) : xstrdup(n));
	}
	if (d != NULL)
		closedir(d);
	free(expanded);
	int changed = 0;
	if (names.n > 0) {
		qsort(names.v, names.n, sizeof *names.v, cmp_str);
		/* the longest prefix every candidate shares */
		size_t lcp = strlen(names.v[0]);
		for (size_t i = 1; i < names.n; i++) {
			size_t k = 0;
			while (k < lcp && names.v[i][k] == names.v[0][k])
				k++;
			lcp = k;
		}
		/* never cut a UTF-8 character in half */
		while (lcp > 0 && ((unsigned char)names.v[0][lcp] & 0xC0) == 0x80)
			lcp--;
		if (lcp > strlen(base)) {
			char *next = xasprintf("%s%.*s", dir_part, (int)lcp, names.v[0]);
			lineedit_set(le, next);
			free(next);
			changed = 1;
		}
		if (names.n > 1 && candidates != NULL)
			for (size_t i = 0; i < names.n; i++)
				strv_push(candidates, names.v[i]);
	}
	strv_free(&names);
	free(dir_part);
	return changed;
}

#ifdef __APPLE__
static void
scan_apps(const char *dir, struct strv *titles, struct strv *values)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d != NULL && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n <= 4 || strcmp(de->d_name + n - 4, ".app") != 0 || de->d_name[0] == '.')
			continue;
		char *path = paths_join(dir, de->d_name);
		if (strv_contains(values, path)) {
			free(path);
			continue;
		}
		strv_push_owned(titles, xstrndup(de->d_name, n - 4));
		strv_push_owned(values, path);
	}
	if (d != NULL)
		closedir(d);
}
#else
/* Name= of a .desktop file's [Desktop Entry], or NULL when it should not be listed. */
static char *
desktop_name(const char *path)
{
	char *text = file_read_all(path, NULL, 1 << 20, NULL);
	if (text == NULL)
		return NULL;
	char *name = NULL;
	int in_entry = 0, hidden = 0, app = 0;
	char *save = NULL;
	for (char *line = strtok_r(text, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save)) {
		if (line[0] == '[') {
			in_entry = strncmp(line, "[Desktop Entry]", 15) == 0;
			continue;
		}
		if (!in_entry)
			continue;
		if (strncmp(line, "Name=", 5) == 0 && name == NULL)
			name = xstrdup(line + 5);
		else if (strcmp(line, "NoDisplay=true") == 0 || strcmp(line, "Hidden=true") == 0)
			hidden = 1;
		else if (strcmp(line, "Type=Application") == 0)
			app = 1;
	}
	free(text);
	if (hidden || !app || name == NULL || *name == '\0') {
		free(name);
		return NULL;
	}
	return name;
}

static void
scan_apps(const char *dir, struct strv *titles, struct strv *values)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	while (d != NULL && (de = readdir(d)) != NULL) {
		size_t n = strlen(de->d_name);
		if (n <= 8 || strcmp(de->d_name + n - 8, ".desktop") != 0)
			continue;
		/* the first folder with an id wins, as the XDG specification says */
		if (strv_contains(values, de->d_name))
			continue;
		char *path = paths_join(dir, de->d_name);
		char *name = desktop_name(path);
		free(path);
		if (name == NULL)
			continue;
		strv_push_owned(titles, name);
		strv_push(values, de->d_name);
	}
	if (d != NULL)
		closedir(d);
}
#endif

void
apps_list(struct strv *titles, struct strv *values)
{
	struct strv dirs = STRV_INIT;
#ifdef __APPLE__
	char *home = paths_home();
	strv_push(&dirs, "/Applications");
	strv_push(&dirs, "/Applications/Utilities");
	strv_push(&dirs, "/System/Applications");
	strv_push_owned(&dirs, paths_join(home, "Applications"));
	free(home);
#else
	const char *data_home = getenv("XDG_DATA_HOME");
	if (data_home != NULL && data_home[0] == '/')
		strv_push_owned(&dirs, paths_join(data_home, "applications"));
	else {
		char *home = paths_home();
		strv_push_owned(&dirs, xasprintf("%s/.local/share/applications", home));
		free(home);
	}
	const char *data_dirs = getenv("XDG_DATA_DIRS");
	struct strv parts = STRV_INIT;
	strv_split(&parts,
		   data_dirs != NULL && *data_dirs != '\0' ? data_dirs
							   : "/usr/local/share:/usr/share",
		   ":");
	for (size_t i = 0; i < parts.n; i++)
		if (parts.v[i][0] == '/')
			strv_push_owned(&dirs, paths_join(parts.v[i], "applications"));
	strv_free(&parts);
#endif
	struct strv t = STRV_INIT, v = STRV_INIT;
	for (size_t i = 0; i < dirs.n; i++)
		scan_apps(dirs.v[i], &t, &v);
	strv_free(&dirs);
	/* by title, case-insensitively */
	for (size_t i = 1; i < t.n; i++)
		for (size_t j = i; j > 0 && strcasecmp(t.v[j], t.v[j - 1]) < 0; j--) {
			char *x = t.v[j];
			t.v[j] = t.v[j - 1];
			t.v[j - 1] = x;
			x = v.v[j];
			v.v[j] = v.v[j - 1];
			v.v[j - 1] = x;
		}
	for (size_t i = 0; i < t.n; i++) {
		strv_push(titles, t.v[i]);
		strv_push(values, v.v[i]);
	}
	strv_free(&t);
	strv_free(&v);
}
