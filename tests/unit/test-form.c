/* Forms: built from preferences and inputs, edited, validated, saved. */
#include "build-config.h"

#include <locale.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "exec.h"
#include "ext-load.h"
#include "extension.h"
#include "fileio.h"
#include "form.h"
#include "keys.h"
#include "prefs.h"
#include "tap.h"
#include "xmalloc.h"

static struct form_field *
field(struct form *form, const char *name)
{
	for (size_t i = 0; i < form->n; i++)
		if (strcmp(form->fields[i].name, name) == 0)
			return &form->fields[i];
	return NULL;
}

static void
type(struct form_field *f, const char *text)
{
	for (const char *p = text; *p != '\0'; p++) {
		struct tkey k = {.kind = TK_CHAR, .cp = (unsigned char)*p};
		form_field_key(f, &k);
	}
}

static int
press(struct form_field *f, enum tkey_kind kind, uint32_t cp)
{
	struct tkey k = {.kind = kind, .cp = cp};
	return form_field_key(f, &k);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const char *dir = tap_sandbox();
	char *path = xasprintf("%s/tests/fixtures/ui/forms.md", tap_srcdir());
	struct extension *ext = extension_load_file(path, NULL);
	free(path);
	struct ext_command *cmd = ext != NULL ? extension_find_command(ext, "greet-someone") : NULL;
	if (cmd == NULL) {
		printf("Bail out! cannot load the forms fixture\n");
		return 1;
	}

	/* preferences */
	struct form *form = form_for_preferences(cmd);
	is_int(form->n, 6, "one field per preference");
	struct form_field *token = field(form, "token"), *folder = field(form, "folder"),
			  *config = field(form, "config"), *sound = field(form, "sound"),
			  *format = field(form, "format"), *editor = field(form, "editor");
	ok(token && token->type == FIELD_PASSWORD && token->required, "a required password");
	ok(folder && folder->type == FIELD_DIRECTORY, "a directory");
	ok(config && config->type == FIELD_FILE, "a file");
	ok(sound && sound->type == FIELD_CHECKBOX && !sound->checked &&
		   strcmp(sound->label, "Play a sound when done") == 0,
	   "a checkbox with its label and default");
	ok(format && format->type == FIELD_DROPDOWN && format->n_options == 2 &&
		   format->choice == 0,
	   "a dropdown on its default");
	ok(editor && editor->type == FIELD_APP && editor->choice == -1,
	   "an app picker with nothing chosen");

	size_t failed = form_validate(form);
	is_int(failed, 2, "two required fields are empty");
	is_str(token->error, "required", "the password is required");
	is_str(folder->error, "required", "the folder is required");

	type(token, "s3cret");
	type(folder, "/nonexistent/place");
	type(config, dir);
	press(sound, TK_CHAR, ' ');
	ok(sound->checked, "space toggles a checkbox");
	press(format, TK_RIGHT, 0);
	ok(format->choice == 1, "right chooses the next option");
	press(format, TK_RIGHT, 0);
	ok(format->choice == 0, "and wraps around");
	type(format, "jp");
	ok(format->choice == 1 && format->n_shown == 1, "typing filters the options");
	failed = form_validate(form);
	is_int(failed, 2, "a missing folder and a folder given as a file fail");
	is_str(folder->error, "does not exist", "a folder that does not exist");
	is_str(config->error, "a folder, not a file", "a folder given for a file");
	lineedit_set(&folder->edit, dir);
	lineedit_set(&config->edit, "");
	is_int(form_validate(form), 0, "then it validates");
	char *cause = NULL;
	ok(form_save_preferences(form, cmd, &cause) == 0, "saved through the preferences store");
	free(cause);
	char *v = prefs_get(cmd, "token");
	is_str(v, "s3cret", "the password is stored");
	free(v);
	v = prefs_get(cmd, "format");
	is_str(v, "jpg", "the dropdown's value is stored");
	free(v);
	v = prefs_get(cmd, "sound");
	is_str(v, "true", "the checkbox is stored");
	free(v);
	form_free(form);

	form = form_for_preferences(cmd);
	token = field(form, "token");
	ok(token->edit.text.len == 0 && token->has_stored,
	   "a stored password is not loaded into the form");
	is_int(form_validate(form), 0, "a stored password satisfies required");
	lineedit_set(&field(form, "folder")->edit, "");
	ok(form_validate(form) == 1, "clearing a required field fails again");
	form_free(form);

	/* inputs */
	form = form_for_inputs(cmd);
	ok(form != NULL, "a command with inputs has a form");
	is_int(form->n, 5, "3 arguments, 1 {{input}}, 1 flag");
	struct form_field *who = field(form, "who"), *pin = field(form, "pin"),
			  *tone = field(form, "tone"), *greeting = field(form, "greeting"),
			  *loud = field(form, "loud");
	ok(who && who->required && who->type == FIELD_TEXT, "a required text argument");
	ok(pin && pin->type == FIELD_PASSWORD, "a password argument");
	ok(tone && tone->type == FIELD_DROPDOWN && tone->choice == 0, "a dropdown argument");
	ok(greeting && greeting->type == FIELD_TEXT && strcmp(greeting->title, "Greeting") == 0,
	   "an {{input}} no argument names is a text field");
	ok(loud && loud->type == FIELD_CHECKBOX, "a {{#if}} flag is a checkbox");
	is_int(form_validate(form), 1, "the required argument is empty");
	type(who, "Ada");
	type(greeting, "Hi");
	press(loud, TK_CHAR, ' ');
	press(tone, TK_LEFT, 0);
	struct exec_inputs in = EXEC_INPUTS_INIT;
	form_fill_inputs(form, &in);
	is_str(exec_inputs_get(&in, "who"), "Ada", "argument values go to the inputs");
	is_str(exec_inputs_get(&in, "tone"), "cold", "a dropdown gives its value");
	is_str(exec_inputs_get(&in, "greeting"), "Hi", "{{inputs}} too");
	is_str(exec_inputs_get(&in, "pin"), "", "an empty argument is an empty value");
	ok(strv_contains(&in.flags, "loud"), "a checked flag is on");
	exec_inputs_clear(&in);
	form_free(form);

	/* path completion */
	char *sub = xasprintf("%s/completion", dir);
	mkdir(sub, 0700);
	char *f1 = xasprintf("%s/alpha.txt", sub), *f2 = xasprintf("%s/alpine.md", sub),
	     *d1 = xasprintf("%s/beta", sub);
	file_write_atomic(f1, "x", 1, 0600, NULL);
	file_write_atomic(f2, "x", 1, 0600, NULL);
	mkdir(d1, 0700);
	struct lineedit le = LINEEDIT_INIT;
	struct strv cands = STRV_INIT;
	char *start = xasprintf("%s/a", sub);
	lineedit_set(&le, start);
	ok(path_complete(&le, 0, &cands) == 1, "tab extends to the common prefix");
	char *want = xasprintf("%s/alp", sub);
	is_str(lineedit_text(&le), want, "to 'alp'");
	is_int(cands.n, 2, "and lists the two candidates");
	strv_free(&cands);
	ok(path_complete(&le, 0, &cands) == 0 && cands.n == 2,
	   "tab again changes nothing and lists them");
	strv_free(&cands);
	free(want);
	free(start);
	start = xasprintf("%s/b", sub);
	lineedit_set(&le, start);
	path_complete(&le, 0, &cands);
	want = xasprintf("%s/beta/", sub);
	is_str(lineedit_text(&le), want, "a unique folder completes with a slash");
	free(want);
	free(start);
	start = xasprintf("%s/", sub);
	lineedit_set(&le, start);
	strv_free(&cands);
	path_complete(&le, 1, &cands);
	want = xasprintf("%s/beta/", sub);
	is_str(lineedit_text(&le), want, "a directory field only offers folders");
	free(want);
	free(start);
	lineedit_set(&le, "/nonexistent/x");
	ok(path_complete(&le, 0, &cands) == 0, "nothing to complete in a missing folder");
	lineedit_set(&le, "~");
	ok(path_complete(&le, 0, NULL) == 1 && strcmp(lineedit_text(&le), "~/") == 0,
	   "~ completes to the home folder");
	strv_free(&cands);
	lineedit_free(&le);
	free(sub);
	free(f1);
	free(f2);
	free(d1);

	/* applications */
	char *apps = xasprintf("%s/data/applications", dir);
	mkdir_p(apps, 0700, NULL);
	char *desk = xasprintf("%s/zed.desktop", apps);
	const char *entry = "[Desktop Entry]\nType=Application\nName=Zed Editor\nExec=zed\n";
	file_write_atomic(desk, entry, strlen(entry), 0600, NULL);
	free(desk);
	desk = xasprintf("%s/hidden.desktop", apps);
	const char *hidden = "[Desktop Entry]\nType=Application\nName=Hidden\nNoDisplay=true\n";
	file_write_atomic(desk, hidden, strlen(hidden), 0600, NULL);
	free(desk);
	char *data_home = xasprintf("%s/data", dir);
	setenv("XDG_DATA_HOME", data_home, 1);
	setenv("XDG_DATA_DIRS", "/nonexistent", 1);
	struct strv titles = STRV_INIT, values = STRV_INIT;
	apps_list(&titles, &values);
#ifdef __APPLE__
	tap_count++;
	printf("ok %d - apps from .desktop files # SKIP macOS lists /Applications\n", tap_count);
#else
	ok(titles.n == 1 && strcmp(titles.v[0], "Zed Editor") == 0 &&
		   strcmp(values.v[0], "zed.desktop") == 0,
	   "apps come from .desktop files; hidden ones are left out");
#endif
	strv_free(&titles);
	strv_free(&values);
	free(data_home);
	free(apps);
	extension_free(ext);
	tap_sandbox_remove(dir);
	return done_testing();
}
