/* config.json: missing, invalid, round trip, atomic private writes. */
#include "build-config.h"

#include <stdlib.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "fileio.h"
#include "tap.h"
#include "xmalloc.h"

int
main(void)
{
	const char *dir = tap_sandbox();
	char *cause = NULL;

	struct config *c = config_load(NULL, &cause);
	ok(c != NULL && cJSON_GetArraySize(c->root) == 0, "a missing config is empty");
	char *want = xasprintf("%s/config/chitty/config.json", dir);
	is_str(c->path, want, "the default path is under XDG_CONFIG_HOME");
	free(want);

	cJSON *remotes = config_object(c, "remotes");
	cJSON *r = cJSON_AddObjectToObject(remotes, "tracker");
	cJSON_AddStringToObject(r, "type", "notion-database");
	is_int(config_save(c, &cause), 0, "save creates the folder and file");
	struct stat st;
	stat(c->path, &st);
	is_int(st.st_mode & 0777, 0600, "config.json is written 0600");
	char *parent = xasprintf("%s/config/chitty", dir);
	stat(parent, &st);
	is_int(st.st_mode & 0777, 0700, "its folder is 0700");
	free(parent);
	char *path = xstrdup(c->path);
	config_free(c);

	/* Unknown keys survive a round trip. */
	const char *valid = "{\"future\":{\"x\":[1,2]},\"theme\":\"light\",\"keepOpen\":true}";
	file_write_atomic(path, valid, strlen(valid), 0600, NULL);
	c = config_load(path, &cause);
	if (!ok(c != NULL, "valid config loads")) {
		diag("%s", cause);
		return done_testing();
	}
	is_str(config_string(c, "theme", "default"), "light", "string value");
	is_int(config_bool(c, "keepOpen", 0), 1, "bool value");
	is_str(config_string(c, "missing", "fallback"), "fallback", "fallback for a missing key");
	config_object(c, "remotes");
	config_save(c, NULL);
	config_free(c);
	c = config_load(path, NULL);
	ok(cJSON_IsArray(cJSON_GetObjectItem(config_get(c, "future"), "x")),
	   "unknown keys are preserved on save");
	config_free(c);

	/* Invalid JSON: line and column, and the file is never rewritten. */
	const char *broken = "{\n  \"theme\": \"light\",\n  \"remotes\": {,}\n}\n";
	file_write_atomic(path, broken, strlen(broken), 0600, NULL);
	c = config_load(path, &cause);
	ok(c == NULL && cause != NULL, "invalid JSON fails to load");
	want = xasprintf("%s:3:", path);
	ok(cause != NULL && strncmp(cause, want, strlen(want)) == 0 &&
		   strstr(cause, "invalid JSON") != NULL,
	   "the error names file and line: %s", cause ? cause : "");
	free(want);
	free(cause), cause = NULL;
	char *after = file_read_all(path, NULL, 0, NULL);
	is_str(after, broken, "an invalid file is left as it was");
	free(after);

	file_write_atomic(path, "[1,2]", 5, 0600, NULL);
	c = config_load(path, &cause);
	ok(c == NULL && cause != NULL && strstr(cause, "JSON object") != NULL,
	   "a non-object top level is refused");
	free(cause), cause = NULL;

	int line, col;
	text_line_col("ab\ncdé\nx", 7, &line, &col);
	ok(line == 2 && col == 4, "line/col count characters, not bytes (got %d:%d)", line, col);

	free(path);
	tap_sandbox_remove(dir);
	return done_testing();
}
