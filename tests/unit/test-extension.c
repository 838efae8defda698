/*
 * The extension loader: every case of Script Kit's own fixture, fences,
 * manifests, CRLF and BOM, emoji, broken input, each validation error, the
 * text rules (slugs, placeholders, shortcuts), the cache encoding and a
 * 5,000-command bundle.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "ext-cache.h"
#include "ext-load.h"
#include "ext-text.h"
#include "extension.h"
#include "fileio.h"
#include "strbuf.h"
#include "tap.h"
#include "xmalloc.h"

static char *
fixture_path(const char *name)
{
	return xasprintf("%s/tests/fixtures/extensions/%s", tap_srcdir(), name);
}

static struct extension *
load(const char *name)
{
	char *path = fixture_path(name);
	char *cause = NULL;
	struct extension *ext = extension_load_file(path, &cause);
	if (ext == NULL) {
		printf("Bail out! cannot load %s: %s\n", path, cause);
		exit(1);
	}
	free(path);
	return ext;
}

static const struct ext_command *
cmd(const struct extension *ext, const char *slug)
{
	const struct ext_command *c = extension_find_command(ext, slug);
	if (c == NULL)
		diag("no command '%s' in %s", slug, ext->name);
	return c;
}

static char *
joined(const struct strv *sv)
{
	return strv_join(sv, ",");
}

#define is_strv(sv, want, ...)                                                                     \
	do {                                                                                       \
		char *j_ = joined(sv);                                                             \
		is_str(j_, want, __VA_ARGS__);                                                     \
		free(j_);                                                                          \
	} while (0)

/* Is there a problem on this line, of this severity, whose message contains text? */
static int
has_problem(const struct extension *ext, int line, enum problem_severity sev, const char *text)
{
	for (size_t i = 0; i < ext->n_problems; i++)
		if ((line < 0 || ext->problems[i].line == line) &&
		    ext->problems[i].severity == sev && strstr(ext->problems[i].message, text))
			return 1;
	return 0;
}

static void
dump_problems(const struct extension *ext)
{
	for (size_t i = 0; i < ext->n_problems; i++)
		diag("%d: %s: %s", ext->problems[i].line,
		     ext->problems[i].severity == PROBLEM_ERROR ? "error" : "warning",
		     ext->problems[i].message);
}

static void
test_scriptkit_cases(void)
{
	struct extension *ext = load("scriptkit.md");
	const struct ext_command *c;
	is_str(ext->name, "scriptkit-cases", "frontmatter name");
	is_str(ext->title, "Script Kit Cases", "frontmatter title");
	is_int(ext->n_commands, 19, "every ## section with code is a command");
	if (!ok(ext->n_problems == 0, "the Script Kit fixture has no problems"))
		dump_problems(ext);

	if ((c = cmd(ext, "plain-bash")) != NULL) {
		is_str(c->id, "scriptkit-cases/plain-bash", "id is <extension>/<slug>");
		is_str(c->tool, "bash", "plain bash: tool");
		is_str(c->code, "echo \"hello from bash\"", "plain bash: code without the fence");
		is_str(c->description, "Prints a greeting", "a single-line comment's description");
		is_int(c->line, 17, "a command's line is its heading's");
		is_int(c->inputs.n, 0, "plain bash: no inputs");
		is_int(c->mode, MODE_VIEW, "shell commands default to view");
	}
	if ((c = cmd(ext, "one-input")) != NULL)
		is_strv(&c->inputs, "name", "one input");
	if ((c = cmd(ext, "two-inputs")) != NULL)
		is_strv(&c->inputs, "first,last",
			"two inputs, deduplicated, in order, spaces trimmed");
	if ((c = cmd(ext, "multi-line-comment")) != NULL) {
		is_str(c->description, "Metadata spread over lines",
		       "multi-line comment: description");
		is_str(c->shortcut_text, "cmd shift h", "multi-line comment: shortcut as written");
		is_int(c->shortcut.mods, MOD_CMD | MOD_SHIFT, "shortcut modifiers");
		is_str(c->shortcut.key, "h", "shortcut key");
		is_str(c->alias, "mlc", "keys are case-insensitive (Alias:)");
	}
	if ((c = cmd(ext, "python-input")) != NULL) {
		is_str(c->tool, "python", "python tool");
		is_strv(&c->inputs, "message,code", "inputs inside a string and as an exit code");
	}
	if ((c = cmd(ext, "node-output")) != NULL) {
		is_str(c->tool, "node", "node tool");
		is_str(c->code, "console.log(\"to stdout\");\nconsole.error(\"to stderr\");",
		       "node: stdout and stderr lines, as written");
		is_int(c->inputs.n, 0, "node: no inputs");
	}
	if ((c = cmd(ext, "js-output")) != NULL) {
		is_str(c->tool, "js", "js tool");
		is_str(c->code, "console.log(\"js says hi\");", "js: the code");
	}
	if ((c = cmd(ext, "ts-with-import")) != NULL) {
		is_str(c->group, "TypeScript Group", "the # heading is the group");
		is_str(c->code,
		       "import { basename } from \"node:path\";\n"
		       "console.log(basename(\"/tmp/x.txt\"));",
		       "the group's code is prepended with a newline");
	}
	if ((c = cmd(ext, "plain-bash")) != NULL)
		is_str(c->group, NULL, "commands before any # heading have no group");
	if ((c = cmd(ext, "template-inline")) != NULL) {
		is_strv(&c->inputs, "name", "inline if/else: only real inputs");
		is_strv(&c->flags, "formal", "inline if/else: the flag");
	}
	if ((c = cmd(ext, "template-multi-line")) != NULL) {
		is_strv(&c->inputs, "name", "multi-line if/else if/else: inputs");
		is_strv(&c->flags, "formal,casual", "multi-line: flags of #if and else if");
	}
	if ((c = cmd(ext, "positional")) != NULL) {
		is_int(c->uses_positional, 1, "$1 $2 $@ are positional");
		is_int(c->inputs.n, 0, "positional arguments are not inputs");
	}
	if ((c = cmd(ext, "exit-zero")) != NULL)
		is_str(c->code, "exit 0", "exit 0");
	if ((c = cmd(ext, "exit-one")) != NULL)
		is_str(c->code, "exit 1", "exit 1");
	if ((c = cmd(ext, "exit-from-input")) != NULL)
		is_strv(&c->inputs, "code", "exit code from an input");
	if ((c = cmd(ext, "for-loop")) != NULL) {
		is_int(c->uses_positional, 0, "a for loop's $i is not positional");
		is_int(c->inputs.n, 0, "nor an input");
	}
	if ((c = cmd(ext, "missing-program")) != NULL)
		is_str(c->disabled_reason, NULL, "a missing program is the executor's business");
	if ((c = cmd(ext, "python-syntax-error")) != NULL)
		ok(strstr(c->code, "def broken(:") != NULL,
		   "a python syntax error loads as written");
	if ((c = cmd(ext, "open-with-input")) != NULL) {
		is_str(c->tool, "open", "open tool");
		is_strv(&c->inputs, "query", "open with an input");
		is_int(c->mode, MODE_NO_VIEW, "open defaults to no-view");
	}
	if ((c = cmd(ext, "edit-with-input")) != NULL) {
		is_str(c->tool, "edit", "edit tool");
		is_strv(&c->inputs, "file", "edit with an input");
	}
	ok(extension_find_command(ext, "not-a-command") == NULL,
	   "a fence before the first heading is not a command");
	extension_free(ext);
}

static void
test_invalid_yaml(void)
{
	struct extension *ext = load("invalid-yaml.md");
	is_int(ext->n_commands, 1, "invalid YAML: the command still loads");
	ok(has_problem(ext, 4, PROBLEM_ERROR, "invalid YAML"),
	   "invalid YAML is an error on its line");
	is_str(ext->name, "invalid-yaml", "the name falls back to the file name");
	is_str(ext->license, "MIT", "license defaults to MIT");
	if (ext->n_commands == 1)
		is_str(ext->commands[0]->description, "loads although the manifest is broken",
		       "its metadata is read");
	extension_free(ext);
}

static void
test_fences(void)
{
	struct extension *ext = load("fences.md");
	const struct ext_command *c;
	is_int(ext->n_commands, 7, "fences: seven commands (a setext heading is prose)");
	if (!ok(ext->n_problems == 0, "fences: no problems"))
		dump_problems(ext);
	if ((c = cmd(ext, "nested-fence")) != NULL) {
		is_str(c->tool, "template", "a longer fence names the tool");
		is_str(c->code, "Run this:\n\n```bash\necho inner\n```",
		       "a longer fence holds a shorter one");
	}
	if ((c = cmd(ext, "tilde-fence")) != NULL) {
		is_str(c->tool, "python", "tilde fence: tool");
		is_str(c->code, "print(\"~~~ is not the end\")\n```\nstill inside",
		       "tilde fence: backticks do not close it");
	}
	if ((c = cmd(ext, "metadata-first")) != NULL) {
		is_str(c->tool, "bash", "metadata and schema fences are not the code");
		is_str(c->description, "from the metadata block",
		       "metadata JSON wins over comments");
		is_str(c->alias, "mf", "metadata alias");
		is_strv(&c->tags, "alpha,beta", "metadata tags");
		is_int(c->background, 1, "metadata background");
		is_int(c->hidden, 0, "metadata hidden false");
		ok(c->body == NULL, "only comments and fences: no prose");
		ok(c->extra != NULL && cJSON_IsString(cJSON_GetObjectItem(c->extra, "author")) &&
			   cJSON_IsString(cJSON_GetObjectItem(c->extra, "trigger")),
		   "unknown metadata keys are kept as extra");
		const cJSON *city =
			c->schema != NULL ? cJSON_GetObjectItem(
						    cJSON_GetObjectItem(c->schema, "input"), "city")
					  : NULL;
		ok(cJSON_IsObject(city), "the schema block is kept");
	}
	if ((c = cmd(ext, "bare-fence")) != NULL) {
		is_str(c->tool, "bash", "a bare fence runs as bash");
		is_str(c->body, "Prose before the code, with **bold**.\n\n- and a list after it",
		       "the section's prose is the body, without code and comments");
	}
	if ((c = cmd(ext, "bare-then-tool")) != NULL) {
		is_str(c->tool, "zsh", "a fence with a tool wins over an earlier bare one");
		is_str(c->code, "echo zsh wins", "and gives the code");
	}
	if ((c = cmd(ext, "subsections")) != NULL)
		is_str(c->code, "echo fish", "### does not split; the first fence is the code");
	if ((c = cmd(ext, "hidden-one")) != NULL) {
		is_int(c->hidden, 1, "hidden: true");
		is_str(c->code, "echo hidden", "the setext heading did not start a command");
	}
	extension_free(ext);
}

static void
test_emoji(void)
{
	struct extension *ext = load("emoji.md");
	const struct ext_command *c;
	is_str(ext->title, "Emoji ✨", "emoji in the extension title");
	is_str(ext->icon, "🚀", "emoji icon");
	if ((c = cmd(ext, "launch-rocket")) != NULL) {
		is_str(c->title, "🚀 Launch Rocket", "the title keeps its emoji");
		is_str(c->icon, "🚀", "emoji icon in a comment");
	}
	ok(cmd(ext, "café-crème") != NULL, "accented letters stay in the slug");
	ok(cmd(ext, "日本語のコマンド") != NULL, "CJK titles keep their letters");
	if ((c = cmd(ext, "command-4")) != NULL)
		is_str(c->title, "🎉🎉", "an emoji-only title gets a numbered id");
	ok(has_problem(ext, 33, PROBLEM_WARNING, "no letters or digits"),
	   "and a warning saying how to choose one");
	extension_free(ext);
}

static void
test_manifest(void)
{
	struct extension *ext = load("manifest.md");
	const struct ext_command *c;
	if (!ok(ext->n_problems == 0, "the full manifest has no problems"))
		dump_problems(ext);
	is_str(ext->name, "full-manifest", "name");
	is_str(ext->license, "Apache-2.0", "license");
	is_strv(&ext->categories, "Productivity,Developer Tools", "categories");
	is_strv(&ext->keywords, "manifest,fields", "keywords (flow list)");
	is_strv(&ext->contributors, "alice,bob", "contributors");
	is_strv(&ext->permissions, "clipboard", "permissions");
	is_str(ext->version, "1.2.3", "version");
	is_str(ext->repository, "https://example.com/full-manifest.git", "repository");
	is_str(ext->homepage, "https://example.com/full-manifest", "homepage");
	is_str(ext->min_version, "0.0.1", "min_version is minVersion");
	ok(ext->extra != NULL && cJSON_IsObject(cJSON_GetObjectItem(ext->extra, "customKey")) &&
		   cJSON_IsArray(cJSON_GetObjectItem(ext->extra, "platforms")) &&
		   cJSON_IsArray(cJSON_GetObjectItem(ext->extra, "pastContributors")),
	   "unknown and unmodelled keys are kept as extra");
	is_int(ext->n_preferences, 7, "seven preferences, one of each type");
	static const enum pref_type types[] = {PREF_PASSWORD, PREF_DIRECTORY, PREF_CHECKBOX,
					       PREF_DROPDOWN, PREF_APPPICKER, PREF_FILE,
					       PREF_TEXTFIELD};
	for (size_t i = 0; i < ext->n_preferences && i < 7; i++)
		is_int(ext->preferences[i].type, types[i], "preference %zu is a %s", i,
		       pref_type_name(types[i]));
	if (ext->n_preferences == 7) {
		is_int(ext->preferences[0].required, 1, "required: true");
		is_str(ext->preferences[1].default_value, "~/Desktop", "text default");
		is_str(ext->preferences[2].default_value, "true", "checkbox default as text");
		is_str(ext->preferences[2].label, "Play a sound when done", "checkbox label");
		is_int(ext->preferences[3].n_data, 2, "dropdown data");
		is_str(ext->preferences[3].data[1].title, "JPEG", "dropdown option title");
		is_str(ext->preferences[3].default_value, "png", "dropdown default");
#ifdef __APPLE__
		is_str(ext->preferences[6].default_value, "Howdy", "per-platform default");
#else
		is_str(ext->preferences[6].default_value, "Hi", "per-platform default");
#endif
		is_str(ext->preferences[6].placeholder, "Hello", "placeholder");
		is_int(ext->preferences[0].line, 26, "a preference's line");
	}
	if ((c = cmd(ext, "search-things")) != NULL) {
		is_str(c->subtitle, "Things Service", "frontmatter command: subtitle");
		is_str(c->description, "Search the things", "frontmatter command: description");
		is_strv(&c->keywords, "find,lookup", "frontmatter command: keywords");
		is_str(c->group, "Things", "group");
		is_int(c->n_arguments, 3, "three arguments");
		if (c->n_arguments == 3) {
			is_int(c->arguments[0].type, EXT_ARG_TEXT, "text argument");
			is_int(c->arguments[0].required, 1, "required argument");
			is_str(c->arguments[0].placeholder, "Search for", "argument placeholder");
			is_int(c->arguments[1].type, EXT_ARG_PASSWORD, "password argument");
			is_int(c->arguments[1].required, 0, "required defaults to false");
			is_int(c->arguments[2].type, EXT_ARG_DROPDOWN, "dropdown argument");
			is_int(c->arguments[2].n_data, 2, "its data");
		}
		const struct ext_preference *p = ext_command_preference(c, "format");
		ok(p != NULL && p->n_data == 2 && strcmp(p->data[0].value, "list") == 0,
		   "a command's preference overrides the extension's of the same name");
		p = ext_command_preference(c, "sound");
		ok(p != NULL && p->type == PREF_CHECKBOX, "the extension's others still apply");
	}
	if ((c = cmd(ext, "refresh")) != NULL) {
		is_str(c->title, "Refresh Things", "an entry matched by title renames the slug");
		is_int(c->mode, MODE_NO_VIEW, "mode no-view");
		is_str(c->interval, "1h", "interval");
		is_int(c->disabled_by_default, 1, "disabledByDefault");
	}
	if ((c = cmd(ext, "menu")) != NULL) {
		is_str(c->title, "Menu Item", "slug: in a comment");
		is_int(c->mode, MODE_MENU_BAR, "mode in a comment");
		is_str(c->interval, "90s", "interval in a comment");
		is_strv(&c->keywords, "one,two,three", "comma-separated keywords in a comment");
		is_int(c->n_arguments, 1, "arguments as YAML flow in a comment");
		is_int(c->shortcut.mods, MOD_CTRL | MOD_ALT, "ctrl+alt");
		is_str(c->subtitle, "from comments", "subtitle in a comment");
		ok(c->extra != NULL && cJSON_IsString(cJSON_GetObjectItem(c->extra, "expand")),
		   "Script Kit's expand is kept as extra");
	}
	extension_free(ext);
}

static void
test_old_style(void)
{
	struct extension *ext = load("old-style.md");
	is_str(ext->name, "my-old-bundle", "old frontmatter: the name is slugified");
	is_str(ext->title, "My Old Bundle", "old frontmatter: the title falls back to the name");
	is_str(ext->license, "MIT", "old frontmatter: license MIT");
	ok(has_problem(ext, 1, PROBLEM_WARNING, "add title, categories"),
	   "old frontmatter: one warning listing the fields to add");
	ok(!extension_has_errors(ext), "old frontmatter: no errors");
	is_int(ext->n_commands, 1, "old frontmatter: commands load");
	extension_free(ext);

	ext = load("no-frontmatter.md");
	is_str(ext->name, "no-frontmatter", "no frontmatter: name from the file");
	is_str(ext->title, "Plain Script Kit File", "no frontmatter: title from the # heading");
	ok(has_problem(ext, 1, PROBLEM_WARNING, "no manifest"), "no frontmatter: a warning");
	ok(!extension_has_errors(ext), "no frontmatter: no errors");
	extension_free(ext);
}

/* The same text with CRLF line ends and a BOM reads the same. */
static void
test_crlf_bom(void)
{
	char *path = fixture_path("scriptkit.md");
	size_t len;
	char *text = file_read_all(path, &len, 0, NULL);
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, "\xEF\xBB\xBF");
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\n')
			sb_addc(&sb, '\r');
		sb_addc(&sb, text[i]);
	}
	struct extension *lf = extension_parse(path, text, len);
	struct extension *crlf = extension_parse(path, sb.s, sb.len);
	is_int(crlf->n_commands, lf->n_commands, "CRLF+BOM: the same commands");
	is_int(crlf->n_problems, 0, "CRLF+BOM: no problems");
	is_str(crlf->name, lf->name, "CRLF+BOM: the frontmatter is read");
	int same = crlf->n_commands == lf->n_commands;
	for (size_t i = 0; same && i < lf->n_commands; i++) {
		const struct ext_command *a = lf->commands[i], *b = crlf->commands[i];
		same = strcmp(a->code, b->code) == 0 && strcmp(a->title, b->title) == 0 &&
		       a->line == b->line && a->inputs.n == b->inputs.n &&
		       strcmp(a->tool, b->tool) == 0;
		if (!same)
			diag("command %zu differs: [%s] vs [%s]", i, a->code, b->code);
	}
	ok(same, "CRLF+BOM: code, titles, tools, inputs and lines are identical");
	extension_free(lf);
	extension_free(crlf);
	sb_free(&sb);
	free(text);
	free(path);
}

/* Each mistake in tests/fixtures/extensions/invalid: its line, severity and message. */
static void
test_validation_errors(void)
{
	static const struct {
		const char *file;
		int line;
		enum problem_severity sev;
		const char *text;
		size_t commands;
	} cases[] = {
		{"unknown-category.md", 8, PROBLEM_ERROR,
		 "unknown category 'productivity' (did you mean 'Productivity'?)", 1},
		{"missing-fields.md", 1, PROBLEM_ERROR, "manifest has no 'categories'", 1},
		{"missing-fields.md", 1, PROBLEM_ERROR, "manifest has no 'author'", 1},
		{"pref-unknown-type.md", 13, PROBLEM_ERROR,
		 "unknown type 'textField' (did you mean 'textfield'?)", 1},
		{"pref-checkbox-label.md", 10, PROBLEM_ERROR,
		 "checkbox preference 'loud' needs a 'label'", 1},
		{"pref-dropdown-data.md", 10, PROBLEM_ERROR,
		 "dropdown preference 'size' needs 'data'", 1},
		{"pref-default-type.md", 16, PROBLEM_ERROR, "must be true or false, not 'maybe'",
		 1},
		{"pref-default-type.md", 22, PROBLEM_ERROR, "default 'huge' of dropdown preference",
		 1},
		{"pref-missing-fields.md", 10, PROBLEM_ERROR, "preference 'token' has no 'title'",
		 1},
		{"pref-missing-fields.md", 12, PROBLEM_ERROR, "has no 'name'", 1},
		{"too-many-arguments.md", 13, PROBLEM_ERROR, "at most 3 are allowed", 1},
		{"argument-rules.md", 15, PROBLEM_ERROR,
		 "argument 'count' has unknown type 'number'", 1},
		{"argument-rules.md", 17, PROBLEM_ERROR, "dropdown argument 'choice' needs 'data'",
		 1},
		{"argument-rules.md", 20, PROBLEM_ERROR, "an argument has no 'name'", 1},
		{"interval.md", 14, PROBLEM_ERROR, "invalid interval '5x'", 3},
		{"interval.md", 23, PROBLEM_ERROR, "interval '5s' is shorter than the minimum", 3},
		{"interval.md", 31, PROBLEM_ERROR, "needs mode no-view or menu-bar", 3},
		{"unknown-tool.md", 14, PROBLEM_ERROR, "unknown tool 'bsh' (did you mean 'bash'?)",
		 2},
		{"unknown-tool.md", 21, PROBLEM_ERROR, "unknown tool 'qwertyuiop'", 2},
		{"no-code.md", 11, PROBLEM_ERROR, "'Talks Only' has no code block: command skipped",
		 1},
		{"empty-name.md", 11, PROBLEM_ERROR, "heading without a name: command skipped", 1},
		{"duplicate-slug.md", 18, PROBLEM_ERROR,
		 "duplicate command 'same-name' (first at line 11)", 1},
		{"min-version.md", 9, PROBLEM_ERROR, "needs chitty 99.0.0 or newer", 1},
		{"bad-version.md", 9, PROBLEM_ERROR, "minVersion 'soon' is not a version", 1},
		{"bad-mode.md", 13, PROBLEM_ERROR,
		 "unknown mode 'noview' (did you mean 'no-view'?)", 1},
		{"bad-shortcut.md", 13, PROBLEM_ERROR, "unknown modifier 'hyper'", 2},
		{"bad-shortcut.md", 21, PROBLEM_ERROR, "has no key after its modifiers", 2},
		{"bad-name.md", 2, PROBLEM_ERROR, "name 'Bad Name!' is not URL-safe", 1},
		{"bad-metadata.md", 15, PROBLEM_ERROR,
		 "metadata block: invalid JSON: it ends too early", 1},
		{"unclosed-frontmatter.md", 1, PROBLEM_ERROR, "never closed", 1},
		{"typo-key.md", 9, PROBLEM_WARNING,
		 "unknown manifest key 'categroies' (did you mean 'categories'?)", 1},
		{"bool-field.md", 13, PROBLEM_ERROR,
		 "'hidden' must be true or false, not 'sometimes'", 1},
		{"wrong-types.md", 16, PROBLEM_ERROR,
		 "'data' of preference 'size' must be a list of {title, value}, not a text", 3},
		{"wrong-types.md", 23, PROBLEM_ERROR,
		 "an option of preference 'colour' has no 'value'", 3},
		{"wrong-types.md", 38, PROBLEM_ERROR, "'shortcut' must be text, not a list", 3},
		{"wrong-types.md", 44, PROBLEM_ERROR, "an argument must be a map", 3},
		{"wrong-types.md", 48, PROBLEM_ERROR, "needs a 'name' or 'title'", 3},
		{"wrong-blocks.md", 13, PROBLEM_ERROR, "a metadata block must hold a JSON object",
		 2},
		{"wrong-blocks.md", 23, PROBLEM_ERROR, "a schema block must hold a JSON object", 2},
		{"wrong-lists.md", 9, PROBLEM_ERROR, "'preferences' must be a list, not a text", 1},
		{"wrong-lists.md", 10, PROBLEM_ERROR, "'commands' must be a list, not a map", 1},
		{"wrong-name.md", 2, PROBLEM_ERROR, "'name' must be text, not a list", 1},
	};
	for (size_t i = 0; i < nitems(cases); i++) {
		char *name = xasprintf("invalid/%s", cases[i].file);
		struct extension *ext = load(name);
		if (!ok(has_problem(ext, cases[i].line, cases[i].sev, cases[i].text), "%s:%d: %s",
			cases[i].file, cases[i].line, cases[i].text))
			dump_problems(ext);
		is_int(ext->n_commands, cases[i].commands, "%s: %zu command(s) still load",
		       cases[i].file, cases[i].commands);
		free(name);
		extension_free(ext);
	}
	struct extension *ext = load("invalid/min-version.md");
	ok(ext->n_commands == 1 && ext->commands[0]->disabled_reason != NULL &&
		   strstr(ext->commands[0]->disabled_reason, "99.0.0") != NULL,
	   "a too-new extension's commands are disabled with the reason");
	extension_free(ext);
	ext = load("invalid/unknown-tool.md");
	if (ext->n_commands > 0)
		is_str(ext->commands[0]->disabled_reason, "unknown tool 'bsh'",
		       "an unknown tool disables the command, with the reason");
	extension_free(ext);
}

static struct extension *
parse_text(const char *text)
{
	return extension_parse("/x/test.md", text, strlen(text));
}

static void
test_hostile(void)
{
	struct strbuf sb = STRBUF_INIT;
	/* a YAML alias bomb: each level doubles */
	sb_add(&sb, "---\na0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
	for (int i = 1; i < 12; i++)
		sb_addf(&sb, "a%d: &a%d [*a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d, *a%d]\n", i, i,
			i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1, i - 1);
	sb_add(&sb, "---\n## Bomb\n```bash\necho x\n```\n");
	struct extension *ext = parse_text(sb.s);
	ok(has_problem(ext, -1, PROBLEM_ERROR, "expands too much"), "a YAML alias bomb is refused");
	is_int(ext->n_commands, 1, "and the commands still load");
	extension_free(ext);
	sb_free(&sb);

	for (int i = 0; i < 100; i++)
		sb_add(&sb, "[");
	char *deep = xasprintf("---\nx: %s\n---\n", sb.s);
	ext = parse_text(deep);
	ok(extension_has_errors(ext), "deeply nested YAML is an error, not a crash");
	extension_free(ext);
	free(deep);
	sb_free(&sb);

	const char nul[] = "## A\x00B\n```bash\necho \x00 x\n```\n";
	ext = extension_parse("/x/nul.md", nul, sizeof nul - 1);
	ok(ext->n_commands == 1, "NUL bytes: the command still loads");
	ok(has_problem(ext, -1, PROBLEM_WARNING, "not valid UTF-8"), "and a warning says why");
	extension_free(ext);

	ext = parse_text(
		"## Unclosed Comment\n<!-- description: never closed\n```bash\necho x\n```\n");
	ok(ext != NULL, "an unclosed comment does not crash");
	extension_free(ext);

	ext = parse_text("## Unclosed Fence\n```bash\necho to the end\n");
	ok(ext->n_commands == 1 && strcmp(ext->commands[0]->code, "echo to the end") == 0,
	   "an unclosed fence runs to the end of the file");
	extension_free(ext);

	ext = parse_text("\xff\xfe\x80 garbage \x01\x02\n## \xc3\x28 Bad\n```\nx\n```\n");
	ok(ext != NULL && ext->n_commands == 1, "invalid UTF-8 in a title still loads");
	extension_free(ext);

	ext = parse_text("---\n- a list\n- not a map\n---\n## X\n```bash\nx\n```\n");
	ok(has_problem(ext, 2, PROBLEM_ERROR, "must be a YAML map"), "a YAML list as manifest");
	extension_free(ext);

	ext = parse_text("");
	ok(ext != NULL && ext->n_commands == 0, "an empty file is an extension with no commands");
	ok(has_problem(ext, -1, PROBLEM_WARNING, "no commands"), "with a warning");
	extension_free(ext);

	ext = parse_text("---\n---\n");
	ok(ext != NULL && has_problem(ext, 1, PROBLEM_WARNING, "old-style"),
	   "an empty frontmatter is an old-style manifest");
	extension_free(ext);

	char *cause = NULL;
	ok(extension_load_file("/nonexistent/x.md", &cause) == NULL && cause != NULL,
	   "a missing file is an error with a cause");
	free(cause);
	cause = NULL;
	ok(extension_load_file("/", &cause) == NULL && cause != NULL &&
		   strstr(cause, "folder") != NULL,
	   "a folder is refused");
	free(cause);
}

static void
test_text_rules(void)
{
	static const struct {
		const char *in, *out;
	} slugs[] = {
		{"Capture Area (OCR)", "capture-area-ocr"},
		{"  Hello,   World!  ", "hello-world"},
		{"All-In-One", "all-in-one"},
		{"🚀 Launch", "launch"},
		{"ÉCOLE", "école"},
		{"a__b--c", "a-b-c"},
		{"🎉", ""},
		{"x\xe2\x80\x94y", "x-y"},
	};
	for (size_t i = 0; i < nitems(slugs); i++) {
		char *s = ext_slugify(slugs[i].in);
		is_str(s, slugs[i].out, "slug of '%s'", slugs[i].in);
		free(s);
	}
	ok(ext_name_valid("my-ext_1.0") && !ext_name_valid("../x") && !ext_name_valid("a/b") &&
		   !ext_name_valid("") && !ext_name_valid(".hidden") && !ext_name_valid("My Ext"),
	   "extension names: URL-safe only");

	static const struct {
		const char *in, *out;
	} prose[] = {
		{"\n\nText **bold**.\n\n\n\n- item\n\n", "Text **bold**.\n\n- item"},
		{"<!-- k: v -->\n```bash\necho\n```\n", NULL},
		{"a <!-- inline --> b\n<!--\nmulti: line\n-->\nc", "a  b\nc"},
		{"````md\n```bash\ninner\n```\n````\nafter", "after"},
		{"~~~\n```\nstill code\n~~~\nout", "out"},
		{"   ```\nindented fence\n   ```\nx", "x"},
		{"``inline`` stays\nSetext\n---", "``inline`` stays\nSetext\n---"},
		{"```\nnever closed\nto the end", NULL},
		{"漢字 ✓\n", "漢字 ✓"},
	};
	for (size_t i = 0; i < nitems(prose); i++) {
		char *p = ext_prose(prose[i].in, strlen(prose[i].in));
		if (prose[i].out == NULL)
			ok(p == NULL, "prose %zu: nothing left", i);
		else
			is_str(p, prose[i].out, "prose %zu: code and comments out, blanks squeezed",
			       i);
		free(p);
	}

	struct strv in = STRV_INIT, fl = STRV_INIT;
	ext_scan_placeholders("{{a}} {{ b }} {{a}} {{#if c}}x{{else if d}}y{{else}}z{{/if}} "
			      "style={{color: 'red'}} {{{raw}}} {{#each xs}}{{/each}} {{!note}} "
			      "{{two words}} {{}} {{\n}}",
			      &in, &fl);
	is_strv(&in, "a,b,raw,two words", "placeholders: inputs");
	is_strv(&fl, "c,d", "placeholders: flags");
	strv_free(&in);
	strv_free(&fl);

	ok(ext_scan_positional("echo $1") && ext_scan_positional("echo \"$@\"") &&
		   ext_scan_positional("echo ${2}") && !ext_scan_positional("echo $i $HOME") &&
		   !ext_scan_positional("echo $$1 \\$1") && !ext_scan_positional("echo $0"),
	   "positional: $1 ${2} $@, not $i $0 $$ \\$1");

	is_int(ext_interval_seconds("90s"), 90, "interval 90s");
	is_int(ext_interval_seconds("1m"), 60, "interval 1m");
	is_int(ext_interval_seconds("12h"), 43200, "interval 12h");
	is_int(ext_interval_seconds("1d"), 86400, "interval 1d");
	ok(ext_interval_seconds("1w") < 0 && ext_interval_seconds("m") < 0 &&
		   ext_interval_seconds("10 s") < 0 && ext_interval_seconds("-5s") < 0 &&
		   ext_interval_seconds("0s") < 0,
	   "bad intervals");

	int valid;
	ok(ext_version_compare("1.2.10", "1.2.9", &valid) > 0 && valid, "1.2.10 > 1.2.9");
	ok(ext_version_compare("v1.0", "1.0.0", &valid) == 0 && valid, "v1.0 == 1.0.0");
	ok(ext_version_compare("2.0.0-beta", "1.9", &valid) > 0 && valid, "pre-release suffix");
	ext_version_compare("one", "1.0", &valid);
	ok(!valid, "'one' is not a version");
}

static void
test_shortcuts(void)
{
	static const struct {
		const char *text;
		unsigned mods;
		const char *key, *symbols, *words;
	} good[] = {
		{"cmd shift b", MOD_CMD | MOD_SHIFT, "b", "⇧⌘B", "shift+cmd+b"},
		{"ctrl+alt+K", MOD_CTRL | MOD_ALT, "k", "⌃⌥K", "ctrl+alt+k"},
		{"^x", MOD_CTRL, "x", "⌃X", "ctrl+x"},
		{"⌘⇧4", MOD_CMD | MOD_SHIFT, "4", "⇧⌘4", "shift+cmd+4"},
		{"command option enter", MOD_CMD | MOD_ALT, "enter", "⌥⌘enter", "alt+cmd+enter"},
		{"Control Meta F5", MOD_CTRL | MOD_CMD, "f5", "⌃⌘f5", "ctrl+cmd+f5"},
		{"super +", MOD_CMD, "+", "⌘+", "cmd++"},
		{"opt /", MOD_ALT, "/", "⌥/", "alt+/"},
	};
	for (size_t i = 0; i < nitems(good); i++) {
		struct shortcut sc;
		char *cause = NULL;
		if (!ok(shortcut_parse(good[i].text, &sc, &cause) == 0, "shortcut '%s' parses",
			good[i].text)) {
			diag("%s", cause);
			free(cause);
			continue;
		}
		is_int(sc.mods, good[i].mods, "'%s': modifiers", good[i].text);
		is_str(sc.key, good[i].key, "'%s': key", good[i].text);
		char *s = shortcut_format(&sc, 1), *w = shortcut_format(&sc, 0);
		is_str(s, good[i].symbols, "'%s' as symbols", good[i].text);
		is_str(w, good[i].words, "'%s' as words", good[i].text);
		free(s);
		free(w);
		shortcut_clear(&sc);
	}
	static const char *const bad[] = {"", "hyper k", "cmd shift", "cmd notakey", "cmd f99"};
	for (size_t i = 0; i < nitems(bad); i++) {
		struct shortcut sc;
		char *cause = NULL;
		ok(shortcut_parse(bad[i], &sc, &cause) == -1 && cause != NULL,
		   "shortcut '%s' is refused", bad[i]);
		free(cause);
	}
}

/* The cache's encoding gives back the same extension; any truncation is refused. */
static void
test_cache_encoding(void)
{
	struct extension *ext = load("manifest.md");
	struct strbuf sb = STRBUF_INIT;
	ext_cache_encode(ext, &sb);
	struct extension *back = ext_cache_decode(sb.s, sb.len, ext->path);
	if (ok(back != NULL, "an encoded extension decodes")) {
		struct strbuf again = STRBUF_INIT;
		ext_cache_encode(back, &again);
		ok(again.len == sb.len && memcmp(again.s, sb.s, sb.len) == 0,
		   "and encodes to the same bytes (every field survives)");
		sb_free(&again);
		is_str(back->commands[0]->id, "full-manifest/search-things", "ids are rebuilt");
		ok(back->commands[0]->ext == back, "back-pointers are rebuilt");
	}
	extension_free(back);
	int refused = 1;
	for (size_t len = 0; len < sb.len; len += 3) {
		struct extension *cut = ext_cache_decode(sb.s, len, ext->path);
		if (cut != NULL) {
			refused = 0;
			diag("a %zu-byte prefix decoded", len);
			extension_free(cut);
			break;
		}
	}
	ok(refused, "every truncated encoding is refused");
	sb_free(&sb);
	extension_free(ext);
}

static void
test_big_bundle(void)
{
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, "---\nname: big\ntitle: Big\ndescription: Many commands\nicon: box\n"
		    "author: chitty\ncategories: [Other]\n---\n");
	for (int i = 0; i < 5000; i++) {
		if (i % 100 == 0)
			sb_addf(&sb, "# Group %d\n\n", i / 100);
		sb_addf(&sb,
			"## Command %d\n<!-- description: command number %d -->\n<!-- shortcut: "
			"ctrl %c -->\n\n```bash\necho \"{{name%d}}\" $1\n```\n\n",
			i, i, 'a' + i % 26, i % 7);
	}
	struct extension *ext = extension_parse("/x/big.md", sb.s, sb.len);
	is_int(ext->n_commands, 5000, "a 5,000-command bundle loads every command");
	is_int(ext->n_problems, 0, "with no problems");
	if (ext->n_commands == 5000) {
		const struct ext_command *c = ext->commands[4999];
		is_str(c->id, "big/command-4999", "the last command's id");
		is_str(c->group, "Group 49", "its group");
		is_int(c->uses_positional, 1, "its positional use");
		is_strv(&c->inputs, "name1", "its input");
	}
	extension_free(ext);
	sb_free(&sb);
}

int
main(void)
{
	const char *dir = tap_sandbox();
	test_scriptkit_cases();
	test_invalid_yaml();
	test_fences();
	test_emoji();
	test_manifest();
	test_old_style();
	test_crlf_bom();
	test_validation_errors();
	test_hostile();
	test_text_rules();
	test_shortcuts();
	test_cache_encoding();
	test_big_bundle();
	tap_sandbox_remove(dir);
	return done_testing();
}
