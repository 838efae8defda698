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
	ok(prefs_set(ext, NULL, "sound", "maybe", &cause) == -1 && cause != NULL &&
		   strstr(cause, "true or false") != NULL,
	   "a checkbox refuses 'maybe'");
	free(cause);
	cause = NULL;
	is_int(prefs_set(ext, NULL, "sound", "No", &cause), 0, "a checkbox takes No");
	v = prefs_get(refresh, "sound");
	is_str(v, "false", "and stores false");
	free(v);
	ok(prefs_set(ext, NULL, "format", "gif", &cause) == -1 && cause != NULL &&
		   strstr(cause, "png, jpg") != NULL,
	   "a dropdown refuses other values and lists its own");
	free(cause);
	cause = NULL;
	is_int(prefs_set(ext, NULL, "format", "JPEG", &cause), 0,
	       "a dropdown takes an option's title");
	v = prefs_get(refresh, "format");
	is_str(v, "jpg", "and stores its value");
	free(v);
	ok(prefs_set(ext, NULL, "apiTokn", "x", &cause) == -1 && cause != NULL &&
		   strstr(cause, "did you mean 'apiToken'") != NULL,
	   "an unknown name suggests the nearest");
	free(cause);
	cause = NULL;

	/* passwords: stored, private, never shown */
	is_int(prefs_set(ext, NULL, "apiToken", "s3cret-value", &cause), 0, "a password is stored");
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
	struct prefs_slot slot;
	prefs_resolve(ext, NULL, "apiToken", &slot, NULL);
	is_str(prefs_display(slot.pref, v), PREFS_MASK, "display masks it");
	prefs_resolve(ext, NULL, "format", &slot, NULL);
	is_str(prefs_display(slot.pref, "jpg"), "jpg", "others are shown");
	free(v);
	prefs_missing(refresh, &missing);
	is_int(missing.n, 0, "nothing missing once set");
	strv_free(&missing);

	struct strv names = STRV_INIT, values = STRV_INIT;
	prefs_values(search, &names, &values);
	ok(!strv_has(&names, "format"),
	   "values: a command's override never reads the extension's value");
	ok(strv_has(&names, "apiToken") && strv_has(&names, "sound") && !strv_has(&names, "editor"),
	   "values: stored or default; preferences with neither left out");
	strv_free(&names);
	strv_free(&values);

	/* a command's own preference: checked against its declaration, stored per command */
	ok(prefs_set(ext, search, "format", "jpg", &cause) == -1 && cause != NULL &&
		   strstr(cause, "list, grid") != NULL,
	   "the override is checked against its own values");
	free(cause);
	cause = NULL;
	is_int(prefs_set(ext, search, "format", "Grid", &cause), 0, "the override takes its own");
	v = prefs_get(search, "format");
	is_str(v, "grid", "the command sees its own value");
	free(v);
	v = prefs_get(refresh, "format");
	is_str(v, "jpg", "the other commands still see the extension's");
	free(v);
	prefs_values(search, &names, &values);
	long i = strv_index(&names, "format");
	ok(i >= 0 && strcmp(values.v[i], "grid") == 0, "values: the command's own value");
	strv_free(&names);
	strv_free(&values);
	is_int(prefs_resolve(ext, search, "sound", &slot, NULL), 0,
	       "from a command, an extension preference it does not override resolves");
	ok(slot.cmd == NULL, "to the extension");
	char *target = prefs_slot_target(&slot);
	is_str(target, "full-manifest", "named EXT");
	free(target);
	prefs_resolve(ext, search, "format", &slot, NULL);
	target = prefs_slot_target(&slot);
	is_str(target, "full-manifest/search-things", "a command's own is named EXT/COMMAND");
	free(target);
	ok(prefs_set(ext, search, "nope", "x", &cause) == -1 && cause != NULL &&
		   strstr(cause, "command 'full-manifest/search-things' has no preference") != NULL,
	   "an unknown name for a command names the command");
	free(cause);
	cause = NULL;

	/* file and directory values */
	sb_truncate(&warnings, 0);
	is_int(prefs_set(ext, NULL, "outputFolder", "~/nowhere", &cause), 0,
	       "a missing folder is stored");
	ok(strstr(sb_str(&warnings), "does not exist") != NULL, "with a warning");
	sb_truncate(&warnings, 0);
	is_int(prefs_set(ext, NULL, "outputFolder", dir, &cause), 0,
	       "an existing folder is stored");
	is_int(warnings.len, 0, "without a warning");
	sb_truncate(&warnings, 0);
	prefs_set(ext, NULL, "config", dir, &cause);
	ok(strstr(sb_str(&warnings), "is a folder, not a file") != NULL,
	   "a folder for a file preference: a warning");

	/* unset */
	is_int(prefs_unset(ext, NULL, "format", &cause), 0, "unset");
	v = prefs_get(refresh, "format");
	is_str(v, "png", "the default applies again");
	free(v);

	/* the stored file is plain JSON with typed values */
	char *text = file_read_all(file, NULL, 0, NULL);
	cJSON *json = cJSON_Parse(text);
	ok(cJSON_IsFalse(cJSON_GetObjectItem(json, "sound")), "checkboxes are stored as booleans");
	is_str(cJSON_GetStringValue(cJSON_GetObjectItem(
		       cJSON_GetObjectItem(cJSON_GetObjectItem(json, PREFS_COMMANDS_KEY),
					   "search-things"),
		       "format")),
	       "grid", "a command's own value is under @commands.COMMAND");
	cJSON_Delete(json);
	free(text);

	/* a corrupt file is never overwritten */
	file_write_atomic(file, "{not json", 9, 0600, NULL);
	ok(prefs_set(ext, NULL, "sound", "true", &cause) == -1 && cause != NULL &&
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

	/* command-only preferences, several owners, files from before per-command values */
	static const char pc_text[] =
		"---\nname: pc\ntitle: PC\ndescription: d\nicon: x\nauthor: a\n"
		"categories: [Other]\n"
		"preferences:\n"
		"  - {name: unit, title: Unit, description: u, type: textfield, required: false}\n"
		"commands:\n"
		"  - name: show\n    title: Show\n    description: s\n    mode: no-view\n"
		"    preferences:\n"
		"      - name: unit\n        title: Unit\n        description: u\n"
		"        type: dropdown\n        required: false\n        default: c\n"
		"        data: [{title: C, value: c}, {title: F, value: f}]\n"
		"  - name: a\n    title: A\n    description: a\n    mode: no-view\n"
		"    preferences:\n"
		"      - {name: key, title: Key, description: k, type: textfield, required: "
		"false}\n"
		"  - name: b\n    title: B\n    description: b\n    mode: no-view\n"
		"    preferences:\n"
		"      - {name: key, title: Key, description: k, type: textfield, required: "
		"false}\n"
		"  - name: solo\n    title: Solo\n    description: o\n    mode: no-view\n"
		"    preferences:\n"
		"      - {name: token, title: Token, description: t, type: password, required: "
		"true}\n"
		"---\n\n## Show\n```bash\nx\n```\n## A\n```bash\nx\n```\n"
		"## B\n```bash\nx\n```\n## Solo\n```bash\nx\n```\n";
	struct extension *pc = extension_parse("/x/pc.md", pc_text, sizeof pc_text - 1);
	struct ext_command *show = extension_find_command(pc, "show");
	struct ext_command *ca = extension_find_command(pc, "a");
	struct ext_command *cb = extension_find_command(pc, "b");
	struct ext_command *solo = extension_find_command(pc, "solo");
	ok(show != NULL && ca != NULL && cb != NULL && solo != NULL, "the pc fixture loads");
	is_int(prefs_set(pc, NULL, "unit", "zz", &cause), 0,
	       "EXT NAME sets the extension's textfield");
	v = prefs_get(show, "unit");
	is_str(v, "c", "the overriding dropdown keeps its own default, not 'zz'");
	free(v);
	v = prefs_get(ca, "unit");
	is_str(v, "zz", "a command without the override sees the extension's");
	free(v);
	ok(prefs_set(pc, show, "unit", "zz", &cause) == -1, "EXT/COMMAND checks the dropdown");
	free(cause);
	cause = NULL;
	is_int(prefs_set(pc, NULL, "token", "t0k", &cause), 0,
	       "EXT NAME of a preference only one command declares: that command");
	ok(prefs_resolve(pc, NULL, "token", &slot, NULL) == 0 && slot.cmd == solo,
	   "resolved to the sole command");
	ok(prefs_set(pc, NULL, "key", "x", &cause) == -1 && cause != NULL &&
		   strstr(cause, "several commands of 'pc' (a, b)") != NULL &&
		   strstr(cause, "'pc/a'") != NULL,
	   "several commands declare it: asks for EXT/COMMAND");
	free(cause);
	cause = NULL;
	ok(prefs_store(solo, PREFS_COMMANDS_KEY, "x", &cause) == -1,
	   "env() cannot clobber the key");
	free(cause);
	cause = NULL;
	is_int(prefs_store(show, "scratch", "v1", &cause), 0, "env() stores an undeclared name");
	v = prefs_get(ca, "scratch");
	is_str(v, "v1", "at the extension's top level");
	free(v);

	char *pcfile = prefs_path("pc");
	static const char legacy[] = "{\"unit\": \"u\", \"key\": \"shared\", \"token\": \"old\"}";
	file_write_atomic(pcfile, legacy, sizeof legacy - 1, 0600, NULL);
	v = prefs_get(solo, "token");
	is_str(v, "old", "an old file: a command-only value at the top level is still read");
	free(v);
	v = prefs_get(show, "unit");
	is_str(v, "c", "but an overridden name's top-level value stays the extension's");
	free(v);
	missing = (struct strv)STRV_INIT;
	prefs_missing(solo, &missing);
	is_int(missing.n, 0, "and counts as set");
	strv_free(&missing);
	is_int(prefs_unset(pc, ca, "key", &cause), 0, "unset a command's value in an old file");
	v = prefs_get(ca, "key");
	is_str(v, NULL, "it is gone for that command");
	free(v);
	v = prefs_get(cb, "key");
	is_str(v, "shared", "the other command keeps the old shared value");
	free(v);
	text = file_read_all(pcfile, NULL, 0, NULL);
	json = cJSON_Parse(text);
	const cJSON *cmds = cJSON_GetObjectItem(json, PREFS_COMMANDS_KEY);
	ok(cJSON_GetObjectItem(json, "key") == NULL && cJSON_GetObjectItem(json, "token") == NULL,
	   "the write moved command-only values off the top level");
	is_str(cJSON_GetStringValue(
		       cJSON_GetObjectItem(cJSON_GetObjectItem(cmds, "solo"), "token")),
	       "old", "under @commands.solo");
	is_str(cJSON_GetStringValue(cJSON_GetObjectItem(json, "unit")), "u",
	       "the extension's own value stays at the top level");
	cJSON_Delete(json);
	free(text);
	free(pcfile);
	extension_free(pc);

	/* an extension without preferences */
	struct extension *bare = extension_parse("/x/bare.md", "## A\n```bash\nx\n```\n", 19);
	ok(prefs_set(bare, NULL, "x", "y", &cause) == -1 &&
		   strstr(cause, "has no preferences") != NULL,
	   "an extension without preferences says so");
	free(cause);
	extension_free(bare);

	extension_free(ext);
	msg_set_sink(NULL, NULL);
	sb_free(&warnings);
	tap_sandbox_remove(dir);
	return done_testing();
}
