/*
 * The preferences store: defaults, type checks, private atomic files,
 * command overrides, missing required values, hostile files.
 */
#include "build-config.h"

#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "ext-load.h"
#include "extension.h"
#include "fileio.h"
#include "msg.h"
#include "prefs.h"
#include "strbuf.h"
#include "tap.h"
#include "xmalloc.h"

static struct strbuf warnings = STRBUF_INIT;

static void
capture(enum msg_level level, const char *text, void *arg)
{
	(void)arg;
	if (level == MSG_WARNING)
		sb_addf(&warnings, "%s\n", text);
}

static int
strv_has(const struct strv *sv, const char *s)
{
	return strv_contains(sv, s);
}

int
main(void)
{
	const char *dir = tap_sandbox();
	msg_set_sink(capture, NULL);
	char *path = xasprintf("%s/tests/fixtures/extensions/manifest.md", tap_srcdir());
	struct extension *ext = extension_load_file(path, NULL);
	free(path);
	if (ext == NULL || ext->n_commands < 3) {
		printf("Bail out! cannot load the manifest fixture\n");
		return 1;
	}
	struct ext_command *search = extension_find_command(ext, "search-things");
	struct ext_command *refresh = extension_find_command(ext, "refresh");
	char *cause = NULL, *v;

	/* defaults */
	v = prefs_get(refresh, "sound");
	is_str(v, "true", "a checkbox default");
	free(v);
	v = prefs_get(refresh, "format");
	is_str(v, "png", "a dropdown default");
	free(v);
	v = prefs_get(refresh, "outputFolder");
	char *want = xasprintf("%s/Desktop", dir);
	is_str(v, want, "a directory default has ~ expanded");
	free(want);
	free(v);
	v = prefs_get(refresh, "apiToken");
	is_str(v, NULL, "no value and no default: NULL");
	free(v);
	v = prefs_get(refresh, "undeclared");
	is_str(v, NULL, "an undeclared preference: NULL");
	free(v);

	struct strv missing = STRV_INIT;
	prefs_missing(refresh, &missing);
	ok(strv_has(&missing, "apiToken") && missing.n == 1,
	   "missing: the required preference without value or default");
	strv_free(&missing);
	prefs_missing(search, &missing);
	ok(strv_has(&missing, "apiToken") && strv_has(&missing, "format"),
	   "missing: a command's own required preference counts too");
	strv_free(&missing);

	/* type checks */
	ok(prefs_set(ext, "sound", "maybe", &cause) == -1 && cause != NULL &&
		   strstr(cause, "true or false") != NULL,
	   "a checkbox refuses 'maybe'");
	free(cause);
	cause = NULL;
	is_int(prefs_set(ext, "sound", "No", &cause), 0, "a checkbox takes No");
	v = prefs_get(refresh, "sound");
	is_str(v, "false", "and stores false");
	free(v);
	ok(prefs_set(ext, "format", "gif", &cause) == -1 && cause != NULL &&
		   strstr(cause, "png, jpg") != NULL,
	   "a dropdown refuses other values and lists its own");
	free(cause);
	cause = NULL;
	is_int(prefs_set(ext, "format", "JPEG", &cause), 0, "a dropdown takes an option's title");
	v = prefs_get(refresh, "format");
	is_str(v, "jpg", "and stores its value");
	free(v);
	ok(prefs_set(ext, "apiTokn", "x", &cause) == -1 && cause != NULL &&
		   strstr(cause, "did you mean 'apiToken'") != NULL,
	   "an unknown name suggests the nearest");
	free(cause);
	cause = NULL;

	/* passwords: stored, private, never shown */
	is_int(prefs_set(ext, "apiToken", "s3cret-value", &cause), 0, "a password is stored");
	char *file = prefs_path("full-manifest");
	struct stat st;
	ok(stat(file, &st) == 0 && (st.st_mode & 0777) == 0600, "the file is 0600");
	char *folder = xasprintf("%s/config/chitty/preferences", dir);
	ok(stat(folder, &st) == 0 && (st.st_mode & 0777) == 0700, "its folder is 0700");
	DIR *d = opendir(folder);
	int others = 0;
	struct dirent *de;
	while (d != NULL && (de = readdir(d)) != NULL)
		others += de->d_name[0] != '.' && strcmp(de->d_name, "full-manifest.json") != 0;
	if (d != NULL)
		closedir(d);
	is_int(others, 0, "no temporary files are left behind");
	free(folder);
	v = prefs_get(refresh, "apiToken");
	is_str(v, "s3cret-value", "the executor gets the real value");
	is_str(prefs_display(prefs_find(ext, "apiToken"), v), PREFS_MASK, "display masks it");
	is_str(prefs_display(prefs_find(ext, "format"), "jpg"), "jpg", "others are shown");
	free(v);
	prefs_missing(refresh, &missing);
	is_int(missing.n, 0, "nothing missing once set");
	strv_free(&missing);

	struct strv names = STRV_INIT, values = STRV_INIT;
	prefs_values(search, &names, &values);
	long i = strv_index(&names, "format");
	ok(i >= 0 && strcmp(values.v[i], "jpg") == 0,
	   "values: a command's override reads the same stored value");
	ok(strv_has(&names, "apiToken") && strv_has(&names, "sound") && !strv_has(&names, "editor"),
	   "values: stored or default; preferences with neither left out");
	strv_free(&names);
	strv_free(&values);

	/* file and directory values */
	sb_truncate(&warnings, 0);
	is_int(prefs_set(ext, "outputFolder", "~/nowhere", &cause), 0,
	       "a missing folder is stored");
	ok(strstr(sb_str(&warnings), "does not exist") != NULL, "with a warning");
	sb_truncate(&warnings, 0);
	is_int(prefs_set(ext, "outputFolder", dir, &cause), 0, "an existing folder is stored");
	is_int(warnings.len, 0, "without a warning");
	sb_truncate(&warnings, 0);
	prefs_set(ext, "config", dir, &cause);
	ok(strstr(sb_str(&warnings), "is a folder, not a file") != NULL,
	   "a folder for a file preference: a warning");

	/* unset */
	is_int(prefs_unset(ext, "format", &cause), 0, "unset");
	v = prefs_get(refresh, "format");
	is_str(v, "png", "the default applies again");
	free(v);

	/* the stored file is plain JSON with typed values */
	char *text = file_read_all(file, NULL, 0, NULL);
	cJSON *json = cJSON_Parse(text);
	ok(cJSON_IsFalse(cJSON_GetObjectItem(json, "sound")), "checkboxes are stored as booleans");
	cJSON_Delete(json);
	free(text);

	/* a corrupt file is never overwritten */
	file_write_atomic(file, "{not json", 9, 0600, NULL);
	ok(prefs_set(ext, "sound", "true", &cause) == -1 && cause != NULL &&
		   strstr(cause, "not a JSON object") != NULL,
	   "a corrupt preferences file is an error");
	free(cause);
	cause = NULL;
	text = file_read_all(file, NULL, 0, NULL);
	is_str(text, "{not json", "and is left as it was");
	free(text);
	v = prefs_get(refresh, "sound");
	is_str(v, "true", "reading a corrupt file falls back to defaults");
	free(v);
	free(file);

	/* an extension without preferences */
	struct extension *bare = extension_parse("/x/bare.md", "## A\n```bash\nx\n```\n", 19);
	ok(prefs_set(bare, "x", "y", &cause) == -1 && strstr(cause, "has no preferences") != NULL,
	   "an extension without preferences says so");
	free(cause);
	extension_free(bare);

	extension_free(ext);
	msg_set_sink(NULL, NULL);
	sb_free(&warnings);
	tap_sandbox_remove(dir);
	return done_testing();
}
