/*
 * The manifest: Raycast's extension and command fields, and Script Kit's
 * metadata, applied to the model and checked as they are read, so every
 * problem names the offending value and its line.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "ext-loader.h"
#include "ext-node.h"
#include "ext-text.h"
#include "extension.h"
#include "strbuf.h"
#include "suggest.h"
#include "tools.h"
#include "xmalloc.h"

#define ERR  PROBLEM_ERROR
#define WARN PROBLEM_WARNING

static const char *
node_kind(const struct enode *n)
{
	switch (n->type) {
	case EN_NULL:
		return "null";
	case EN_BOOL:
		return "boolean";
	case EN_NUMBER:
		return "number";
	case EN_STRING:
		return "text";
	case EN_LIST:
		return "list";
	case EN_MAP:
		return "map";
	}
	return "value";
}

/* " (did you mean 'x'?)" when a candidate is near, else "". A new string. */
static char *
did_you_mean(const char *word, const char *const *candidates, size_t n)
{
	const char *near = suggest_nearest(word, candidates, n);
	if (near == NULL || strcmp(near, word) == 0)
		return xstrdup("");
	return xasprintf(" (did you mean '%s'?)", near);
}

/* Set an optional text field; "" and null clear it.  -1 (reported) when not text. */
static int
set_text(struct extension *ext, char **field, const struct enode *n, const char *what)
{
	if (n->type == EN_NULL) {
		free(*field);
		*field = NULL;
		return 0;
	}
	const char *t = enode_text(n);
	if (t == NULL) {
		extension_add_problem(ext, ERR, n->line, "'%s' must be text, not a %s", what,
				      node_kind(n));
		return -1;
	}
	free(*field);
	*field = *t != '\0' ? xstrdup(t) : NULL;
	return 0;
}

static int
set_bool(struct extension *ext, int *field, const struct enode *n, const char *what)
{
	int b;
	if (enode_bool(n, &b) != 0) {
		const char *t = enode_text(n);
		extension_add_problem(ext, ERR, n->line, "'%s' must be true or false, not '%s'",
				      what, t != NULL ? t : node_kind(n));
		return -1;
	}
	*field = b;
	return 0;
}

/* A list of words: a YAML/JSON list of scalars, or one text split at commas. */
static void
set_list(struct extension *ext, struct strv *field, const struct enode *n, const char *what)
{
	struct strv out = STRV_INIT;
	if (n->type == EN_LIST) {
		for (const struct enode *c = n->child; c != NULL; c = c->next) {
			const char *t = enode_text(c);
			if (t == NULL) {
				extension_add_problem(ext, ERR, c->line,
						      "'%s' must list text values, not a %s", what,
						      node_kind(c));
				continue;
			}
			if (*t != '\0' && !strv_contains(&out, t))
				strv_push(&out, t);
		}
	} else if (enode_text(n) != NULL) {
		struct strv parts = STRV_INIT;
		strv_split(&parts, enode_text(n), ",");
		for (size_t i = 0; i < parts.n; i++) {
			char *s = parts.v[i];
			while (*s == ' ' || *s == '\t')
				s++;
			size_t len = strlen(s);
			while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
				s[--len] = '\0';
			if (*s != '\0' && !strv_contains(&out, s))
				strv_push(&out, s);
		}
		strv_free(&parts);
	} else if (n->type != EN_NULL) {
		extension_add_problem(ext, ERR, n->line, "'%s' must be a list, not a %s", what,
				      node_kind(n));
		return;
	}
	strv_free(field);
	*field = out;
}

static void
extra_set(struct cJSON **extra, const struct enode *n)
{
	if (*extra == NULL)
		*extra = cJSON_CreateObject();
	cJSON *value = enode_to_json(n);
	if (cJSON_GetObjectItemCaseSensitive(*extra, n->key) != NULL)
		cJSON_ReplaceItemInObjectCaseSensitive(*extra, n->key, value);
	else
		cJSON_AddItemToObject(*extra, n->key, value);
}

/* Warn about a key that is one typo away from a known one; keep it as extra either way. */
static void
warn_near_key(struct extension *ext, const struct enode *n, const char *const *known, size_t count,
	      const char *where)
{
	const char *near = suggest_nearest(n->key, known, count);
	if (near != NULL && edit_distance(n->key, near) <= 2 && !enode_key_equal(n->key, near))
		extension_add_problem(ext, WARN, n->line,
				      "unknown %s key '%s' (did you mean '%s'?)", where, n->key,
				      near);
}

/* Dropdown options: [{title, value}]; owner says whose ("preference", "argument"). */
static void
parse_dropdown(struct extension *ext, const struct enode *n, const char *owner, const char *name,
	       struct dropdown_option **data, size_t *n_data)
{
	if (n->type != EN_LIST) {
		extension_add_problem(
			ext, ERR, n->line,
			"'data' of %s '%s' must be a list of {title, value}, not a %s", owner, name,
			node_kind(n));
		return;
	}
	for (const struct enode *c = n->child; c != NULL; c = c->next) {
		const char *title = NULL, *value = NULL;
		if (c->type == EN_MAP) {
			title = enode_text(enode_get(c, "title"));
			value = enode_text(enode_get(c, "value"));
		} else if (enode_text(c) != NULL) {
			title = value = enode_text(c); /* a bare value is its own title */
		}
		if (value == NULL || *value == '\0') {
			extension_add_problem(ext, ERR, c->line,
					      "an option of %s '%s' has no 'value'", owner, name);
			continue;
		}
		*data = xreallocarray(*data, *n_data + 1, sizeof **data);
		(*data)[*n_data].value = xstrdup(value);
		(*data)[*n_data].title = xstrdup(title != NULL && *title != '\0' ? title : value);
		(*n_data)++;
	}
}

static int
dropdown_has(const struct dropdown_option *data, size_t n, const char *value)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(data[i].value, value) == 0)
			return 1;
	return 0;
}

/* Raycast allows a per-platform default: {"macOS": …, "Windows": …}. */
static const struct enode *
platform_default(const struct enode *n)
{
	if (n == NULL || n->type != EN_MAP)
		return n;
#ifdef __APPLE__
	const char *mine = "macOS";
#else
	const char *mine = "Linux";
#endif
	const struct enode *v = enode_get(n, mine);
	if (v == NULL)
		v = enode_get(n, "macOS");
	return v != NULL ? v : n->child;
}

static const char *const pref_keys[] = {"name",        "title",   "description", "type", "required",
					"placeholder", "default", "label",       "data"};

static int
parse_preference(struct extension *ext, const struct enode *m, struct ext_preference *p,
		 const char *owner)
{
	memset(p, 0, sizeof *p);
	p->line = m->line;
	if (m->type != EN_MAP) {
		extension_add_problem(ext, ERR, m->line,
				      "a preference of %s must be a map (name, title, type, …), "
				      "not a %s",
				      owner, node_kind(m));
		return -1;
	}
	const char *name = enode_text(enode_get(m, "name"));
	if (name == NULL || *name == '\0') {
		extension_add_problem(ext, ERR, m->line,
				      "a preference of %s has no 'name': preference ignored",
				      owner);
		return -1;
	}
	const struct enode *type = enode_get(m, "type");
	const char *type_text = enode_text(type);
	int t = pref_type_from_name(type_text);
	if (type_text == NULL) {
		extension_add_problem(
			ext, ERR, m->line,
			"preference '%s' has no 'type' (textfield, password, checkbox, "
			"dropdown, appPicker, file or directory): preference ignored",
			name);
		return -1;
	}
	if (t < 0) {
		const char *names[7];
		for (int i = 0; i < 7; i++)
			names[i] = pref_type_name((enum pref_type)i);
		char *hint = did_you_mean(type_text, names, 7);
		extension_add_problem(ext, ERR, type->line,
				      "preference '%s' has unknown type '%s'%s: preference ignored",
				      name, type_text, hint);
		free(hint);
		return -1;
	}
	p->name = xstrdup(name);
	p->type = (enum pref_type)t;
	for (const struct enode *c = m->child; c != NULL; c = c->next) {
		if (enode_key_equal(c->key, "title"))
			set_text(ext, &p->title, c, "title");
		else if (enode_key_equal(c->key, "description"))
			set_text(ext, &p->description, c, "description");
		else if (enode_key_equal(c->key, "placeholder"))
			set_text(ext, &p->placeholder, c, "placeholder");
		else if (enode_key_equal(c->key, "label"))
			set_text(ext, &p->label, c, "label");
		else if (enode_key_equal(c->key, "required"))
			set_bool(ext, &p->required, c, "required");
		else if (enode_key_equal(c->key, "data"))
			parse_dropdown(ext, c, "preference", name, &p->data, &p->n_data);
		else if (!enode_key_equal(c->key, "name") && !enode_key_equal(c->key, "type"))
			warn_near_key(ext, c, pref_keys, nitems(pref_keys), "preference");
	}
	if (p->title == NULL) {
		extension_add_problem(ext, ERR, m->line, "preference '%s' has no 'title'", name);
		p->title = xstrdup(name);
	}
	if (p->description == NULL)
		extension_add_problem(ext, ERR, m->line, "preference '%s' has no 'description'",
				      name);
	if (enode_get(m, "required") == NULL)
		extension_add_problem(ext, ERR, m->line,
				      "preference '%s' has no 'required' (true or false)", name);
	if (p->type == PREF_CHECKBOX && p->label == NULL)
		extension_add_problem(ext, ERR, m->line, "checkbox preference '%s' needs a 'label'",
				      name);
	if (p->type == PREF_DROPDOWN && p->n_data == 0)
		extension_add_problem(ext, ERR, m->line,
				      "dropdown preference '%s' needs 'data' (a list of {title, "
				      "value})",
				      name);
	if (p->type != PREF_DROPDOWN && p->n_data > 0)
		extension_add_problem(ext, WARN, m->line,
				      "'data' is only used by dropdown preferences ('%s' is a %s)",
				      name, pref_type_name(p->type));

	const struct enode *def = platform_default(enode_get(m, "default"));
	if (def != NULL && def->type != EN_NULL) {
		const char *v = enode_text(def);
		int b;
		if (v == NULL)
			extension_add_problem(
				ext, ERR, def->line,
				"default of preference '%s' must be a value, not a %s", name,
				node_kind(def));
		else if (p->type == PREF_CHECKBOX) {
			/* Raycast takes a boolean: yes, on, 1 or "true" are not one */
			int is_bool = enode_bool(def, &b) == 0 &&
				      (strcasecmp(v, "true") == 0 || strcasecmp(v, "false") == 0);
			if (is_bool && def->type == EN_STRING)
				extension_add_problem(ext, ERR, def->line,
						      "default of checkbox preference '%s' must be "
						      "the boolean %s, not the text \"%s\" (remove "
						      "the quotes)",
						      name, b ? "true" : "false", v);
			else if (!is_bool || def->type != EN_BOOL)
				extension_add_problem(ext, ERR, def->line,
						      "default of checkbox preference '%s' must be "
						      "true or false, not '%s'",
						      name, v);
			else
				p->default_value = xstrdup(b ? "true" : "false");
		} else if (p->type != PREF_DROPDOWN && def->type != EN_STRING) {
			extension_add_problem(ext, ERR, def->line,
					      "default of %s preference '%s' must be text, not the "
					      "%s %s (quote it: \"%s\")",
					      pref_type_name(p->type), name, node_kind(def), v, v);
		} else if (p->type == PREF_DROPDOWN && p->n_data > 0 &&
			   !dropdown_has(p->data, p->n_data, v)) {
			extension_add_problem(
				ext, ERR, def->line,
				"default '%s' of dropdown preference '%s' is not one of "
				"its values",
				v, name);
		} else
			p->default_value = xstrdup(v);
	}
	return 0;
}

/* Replace *prefs with the list in n. */
static void
parse_preferences(struct extension *ext, const struct enode *n, struct ext_preference **prefs,
		  size_t *n_prefs, const char *owner)
{
	if (n->type != EN_LIST) {
		extension_add_problem(ext, ERR, n->line, "'preferences' must be a list, not a %s",
				      node_kind(n));
		return;
	}
	for (size_t i = 0; i < *n_prefs; i++)
		ext_preference_clear(&(*prefs)[i]);
	free(*prefs);
	*prefs = NULL;
	*n_prefs = 0;
	for (const struct enode *c = n->child; c != NULL; c = c->next) {
		struct ext_preference p;
		if (parse_preference(ext, c, &p, owner) != 0)
			continue;
		int dup = 0;
		for (size_t i = 0; i < *n_prefs; i++)
			dup |= strcmp((*prefs)[i].name, p.name) == 0;
		if (dup) {
			extension_add_problem(ext, ERR, c->line,
					      "preference '%s' is declared twice: the second is "
					      "ignored",
					      p.name);
			ext_preference_clear(&p);
			continue;
		}
		*prefs = xreallocarray(*prefs, *n_prefs + 1, sizeof **prefs);
		(*prefs)[(*n_prefs)++] = p;
	}
}

static const char *const arg_keys[] = {"name", "type", "placeholder", "required", "data"};

static void
parse_arguments(struct extension *ext, struct ext_command *cmd, const struct enode *n)
{
	if (n->type != EN_LIST) {
		extension_add_problem(ext, ERR, n->line, "'arguments' must be a list, not a %s",
				      node_kind(n));
		return;
	}
	for (size_t i = 0; i < cmd->n_arguments; i++)
		ext_argument_clear(&cmd->arguments[i]);
	free(cmd->arguments);
	cmd->arguments = NULL;
	cmd->n_arguments = 0;
	if (n->n_children > 3)
		extension_add_problem(ext, ERR, n->line,
				      "command '%s' has %zu arguments; at most 3 are allowed (the "
				      "rest are ignored)",
				      cmd->title, n->n_children);
	for (const struct enode *m = n->child; m != NULL && cmd->n_arguments < 3; m = m->next) {
		if (m->type != EN_MAP) {
			extension_add_problem(
				ext, ERR, m->line,
				"an argument must be a map (name, type, placeholder), "
				"not a %s",
				node_kind(m));
			continue;
		}
		const char *name = enode_text(enode_get(m, "name"));
		if (name == NULL || *name == '\0') {
			extension_add_problem(ext, ERR, m->line,
					      "an argument has no 'name': argument ignored");
			continue;
		}
		int dup = 0;
		for (size_t i = 0; i < cmd->n_arguments; i++)
			dup |= strcmp(cmd->arguments[i].name, name) == 0;
		if (dup) {
			extension_add_problem(
				ext, ERR, m->line,
				"argument '%s' is declared twice: the second is ignored", name);
			continue;
		}
		const struct enode *type = enode_get(m, "type");
		const char *type_text = enode_text(type);
		int t = type_text != NULL ? ext_arg_type_from_name(type_text) : EXT_ARG_TEXT;
		if (type == NULL)
			extension_add_problem(ext, ERR, m->line,
					      "argument '%s' has no 'type' (text, password or "
					      "dropdown)",
					      name);
		else if (t < 0) {
			static const char *const names[] = {"text", "password", "dropdown"};
			char *hint = did_you_mean(type_text != NULL ? type_text : "", names, 3);
			extension_add_problem(ext, ERR, type->line,
					      "argument '%s' has unknown type '%s'%s: argument "
					      "ignored",
					      name, type_text != NULL ? type_text : node_kind(type),
					      hint);
			free(hint);
			continue;
		}
		struct ext_argument a = {0};
		a.name = xstrdup(name);
		a.type = (enum ext_arg_type)t;
		for (const struct enode *c = m->child; c != NULL; c = c->next) {
			if (enode_key_equal(c->key, "placeholder"))
				set_text(ext, &a.placeholder, c, "placeholder");
			else if (enode_key_equal(c->key, "required"))
				set_bool(ext, &a.required, c, "required");
			else if (enode_key_equal(c->key, "data"))
				parse_dropdown(ext, c, "argument", name, &a.data, &a.n_data);
			else if (!enode_key_equal(c->key, "name") &&
				 !enode_key_equal(c->key, "type"))
				warn_near_key(ext, c, arg_keys, nitems(arg_keys), "argument");
		}
		if (a.placeholder == NULL)
			extension_add_problem(ext, ERR, m->line,
					      "argument '%s' has no 'placeholder'", name);
		if (a.type == EXT_ARG_DROPDOWN && a.n_data == 0)
			extension_add_problem(
				ext, ERR, m->line,
				"dropdown argument '%s' needs 'data' (a list of {title, "
				"value})",
				name);
		cmd->arguments =
			xreallocarray(cmd->arguments, cmd->n_arguments + 1, sizeof *cmd->arguments);
		cmd->arguments[cmd->n_arguments++] = a;
	}
}

/* Raycast's object form: {modifiers: [cmd, shift], key: b}. */
static char *
shortcut_text_of(const struct enode *n)
{
	if (enode_text(n) != NULL)
		return xstrdup(enode_text(n));
	if (n->type != EN_MAP)
		return NULL;
	struct strbuf sb = STRBUF_INIT;
	const struct enode *mods = enode_get(n, "modifiers");
	for (const struct enode *c = mods != NULL ? mods->child : NULL; c != NULL; c = c->next)
		if (enode_text(c) != NULL)
			sb_addf(&sb, "%s+", enode_text(c));
	const char *key = enode_text(enode_get(n, "key"));
	sb_add(&sb, key != NULL ? key : "");
	return sb_detach(&sb);
}

static void
set_shortcut(struct extension *ext, struct ext_command *cmd, const struct enode *n)
{
	if (n->type == EN_NULL)
		return;
	char *text = shortcut_text_of(n);
	if (text == NULL) {
		extension_add_problem(ext, ERR, n->line, "'shortcut' must be text, not a %s",
				      node_kind(n));
		return;
	}
	struct shortcut sc;
	char *cause = NULL;
	if (shortcut_parse(text, &sc, &cause) != 0) {
		extension_add_problem(ext, ERR, n->line, "%s", cause);
		free(cause);
		free(text);
		return;
	}
	shortcut_clear(&cmd->shortcut);
	cmd->shortcut = sc;
	free(cmd->shortcut_text);
	cmd->shortcut_text = text;
}

static void
set_slug(struct extension *ext, struct ext_command *cmd, const struct enode *n)
{
	const char *t = enode_text(n);
	if (t == NULL || *t == '\0') {
		extension_add_problem(ext, ERR, n->line, "command name must be text");
		return;
	}
	char *slug = ext_slugify(t);
	if (*slug == '\0') {
		extension_add_problem(ext, ERR, n->line,
				      "command name '%s' has no letters or digits", t);
		free(slug);
		return;
	}
	if (strcmp(slug, t) != 0)
		extension_add_problem(ext, WARN, n->line,
				      "command name '%s' is not a slug; using '%s'", t, slug);
	free(cmd->slug);
	cmd->slug = slug;
}

static const char *const command_keys[] = {
	"name",      "title",       "slug",
	"subtitle",  "description", "icon",
	"alias",     "shortcut",    "placeholder",
	"cron",      "schedule",    "interval",
	"mode",      "keywords",    "tags",
	"hidden",    "background",  "system",
	"arguments", "preferences", "disabledByDefault",
};

/*
 * A ```metadata block is JSON, where a value's type is never a guess: a
 * known key with the wrong type is an error and is not applied (YAML and
 * comments stay lenient: there "5" and 5, "yes" and yes look alike).
 */
static int
metadata_type_ok(struct extension *ext, const struct enode *n)
{
	static const char *const bools[] = {"hidden", "background", "system", "disabledByDefault"};
	static const char *const lists[] = {"keywords", "tags"};
	static const char *const free_form[] = {"arguments", "preferences"};
	enum enode_type want = EN_STRING;
	const char *what = "text";
	for (size_t i = 0; i < nitems(bools); i++)
		if (enode_key_equal(n->key, bools[i])) {
			want = EN_BOOL;
			what = "true or false";
		}
	for (size_t i = 0; i < nitems(lists); i++)
		if (enode_key_equal(n->key, lists[i])) {
			want = EN_LIST;
			what = "a list";
		}
	for (size_t i = 0; i < nitems(free_form); i++)
		if (enode_key_equal(n->key, free_form[i]))
			return 1; /* checked as they are parsed */
	int known = 0;
	for (size_t i = 0; i < nitems(command_keys); i++)
		known |= enode_key_equal(n->key, command_keys[i]);
	if (!known || n->type == want || n->type == EN_NULL)
		return 1;
	const char *t = enode_text(n);
	if (t != NULL)
		extension_add_problem(ext, ERR, n->line,
				      "metadata block: '%s' must be %s, not the %s '%s'", n->key,
				      what, node_kind(n), t);
	else
		extension_add_problem(ext, ERR, n->line,
				      "metadata block: '%s' must be %s, not a %s", n->key, what,
				      node_kind(n));
	return 0;
}

void
manifest_apply_command(struct extension *ext, struct ext_command *cmd, const struct enode *map,
		       enum field_origin origin, struct command_lines *lines)
{
	if (map == NULL || map->type != EN_MAP)
		return;
	for (const struct enode *c = map->child; c != NULL; c = c->next) {
		const char *k = c->key;
		if (origin == ORIGIN_METADATA && !metadata_type_ok(ext, c))
			continue;
		if (enode_key_equal(k, "name")) {
			if (origin == ORIGIN_MANIFEST)
				set_slug(ext, cmd, c);
			else if (enode_is_scalar(c))
				set_text(ext, &cmd->title, c, "name");
		} else if (enode_key_equal(k, "slug"))
			set_slug(ext, cmd, c);
		else if (enode_key_equal(k, "title"))
			set_text(ext, &cmd->title, c, "title");
		else if (enode_key_equal(k, "subtitle"))
			set_text(ext, &cmd->subtitle, c, "subtitle");
		else if (enode_key_equal(k, "description")) {
			set_text(ext, &cmd->description, c, "description");
			lines->description = c->line;
		} else if (enode_key_equal(k, "icon"))
			set_text(ext, &cmd->icon, c, "icon");
		else if (enode_key_equal(k, "alias"))
			set_text(ext, &cmd->alias, c, "alias");
		else if (enode_key_equal(k, "shortcut"))
			set_shortcut(ext, cmd, c);
		else if (enode_key_equal(k, "placeholder"))
			set_text(ext, &cmd->placeholder, c, "placeholder");
		else if (enode_key_equal(k, "cron"))
			set_text(ext, &cmd->cron, c, "cron");
		else if (enode_key_equal(k, "schedule"))
			set_text(ext, &cmd->schedule, c, "schedule");
		else if (enode_key_equal(k, "interval")) {
			if (set_text(ext, &cmd->interval, c, "interval") == 0)
				lines->interval = c->line;
		} else if (enode_key_equal(k, "mode")) {
			const char *t = enode_text(c);
			int mode = cmd_mode_from_name(t);
			if (mode < 0) {
				static const char *const modes[] = {"view", "no-view", "menu-bar",
								    "silent"};
				char *hint = did_you_mean(t != NULL ? t : "", modes, 4);
				extension_add_problem(ext, ERR, c->line, "unknown mode '%s'%s",
						      t != NULL ? t : node_kind(c),
						      *hint != '\0'
							      ? hint
							      : " (view, no-view, menu-bar or "
								"silent)");
				free(hint);
			} else {
				cmd->mode = (enum cmd_mode)mode;
				lines->mode = c->line;
			}
		} else if (enode_key_equal(k, "keywords"))
			set_list(ext, &cmd->keywords, c, "keywords");
		else if (enode_key_equal(k, "tags"))
			set_list(ext, &cmd->tags, c, "tags");
		else if (enode_key_equal(k, "hidden"))
			set_bool(ext, &cmd->hidden, c, "hidden");
		else if (enode_key_equal(k, "background"))
			set_bool(ext, &cmd->background, c, "background");
		else if (enode_key_equal(k, "system"))
			set_bool(ext, &cmd->system, c, "system");
		else if (enode_key_equal(k, "disabledByDefault"))
			set_bool(ext, &cmd->disabled_by_default, c, "disabledByDefault");
		else if (enode_key_equal(k, "arguments"))
			parse_arguments(ext, cmd, c);
		else if (enode_key_equal(k, "preferences"))
			parse_preferences(ext, c, &cmd->preferences, &cmd->n_preferences,
					  cmd->title);
		else {
			/* Script Kit keys chitty keeps but does not act on (trigger,
			 * expand, watch, enter, …), and anything else. */
			if (origin == ORIGIN_MANIFEST)
				warn_near_key(ext, c, command_keys, nitems(command_keys),
					      "command");
			extra_set(&cmd->extra, c);
		}
	}
}

/* Tools whose result is an action, not text to show. */
static int
tool_is_quiet(const struct tool *tool)
{
	if (tool == NULL)
		return 0;
	switch (tool->kind) {
	case TOOL_OPEN:
	case TOOL_EDIT:
	case TOOL_KEYSTROKES:
	case TOOL_COPY:
	case TOOL_APPLESCRIPT:
		return 1;
	default:
		return 0;
	}
}

void
manifest_finish_command(struct extension *ext, struct ext_command *cmd,
			const struct manifest_info *info, const struct command_lines *lines)
{
	if (lines->mode == 0 && tool_is_quiet(tool_find(cmd->tool)))
		cmd->mode = MODE_NO_VIEW;
	if (cmd->interval != NULL) {
		long secs = ext_interval_seconds(cmd->interval);
		if (secs < 0)
			extension_add_problem(ext, ERR, lines->interval,
					      "invalid interval '%s' (a number and s, m, h or d: "
					      "90s, 1m, 12h, 1d)",
					      cmd->interval);
		else if (secs < 10)
			extension_add_problem(ext, ERR, lines->interval,
					      "interval '%s' is shorter than the minimum, 10s",
					      cmd->interval);
		else if (cmd->mode == MODE_VIEW)
			extension_add_problem(
				ext, ERR, lines->interval,
				"interval '%s' needs mode no-view or menu-bar (command "
				"'%s' is view)",
				cmd->interval, cmd->title);
	}
	if (cmd->description == NULL && info->new_style)
		extension_add_problem(ext, WARN, cmd->line, "command '%s' has no description",
				      cmd->title);
}

static const char *const extension_keys[] = {
	"name",        "title",      "description", "icon",         "author",
	"license",     "categories", "keywords",    "contributors", "pastContributors",
	"platforms",   "version",    "repository",  "homepage",     "preferences",
	"permissions", "minVersion", "commands",
};

/* Raycast-era keys: their presence makes a manifest "new style". */
static const char *const new_style_keys[] = {
	"title",      "categories",  "license",     "keywords",   "contributors",
	"version",    "preferences", "permissions", "minVersion", "commands",
	"repository", "homepage",    "platforms",
};

/* The number of categories given (valid or not). */
static size_t
set_categories(struct extension *ext, const struct enode *n)
{
	size_t count = 0;
	while (ext_categories[count] != NULL)
		count++;
	struct strv given = STRV_INIT;
	set_list(ext, &given, n, "categories");
	strv_free(&ext->categories);
	for (size_t i = 0; i < given.n; i++) {
		int found = 0;
		for (size_t j = 0; ext_categories[j] != NULL; j++)
			found |= strcmp(ext_categories[j], given.v[i]) == 0;
		if (found) {
			strv_push(&ext->categories, given.v[i]);
			continue;
		}
		/* the line of the item itself when the list is written one per line */
		int line = n->line;
		for (const struct enode *c = n->child; c != NULL; c = c->next)
			if (enode_text(c) != NULL && strcmp(enode_text(c), given.v[i]) == 0) {
				line = c->line;
				break;
			}
		char *hint = did_you_mean(given.v[i], ext_categories, count);
		if (*hint == '\0') {
			free(hint);
			hint = xstrdup(" (one of: Applications, Communication, Data, Design Tools, "
				       "Developer Tools, Documentation, Finance, Fun, Media, News, "
				       "Productivity, Security, System, Web, Other)");
		}
		extension_add_problem(ext, ERR, line, "unknown category '%s'%s", given.v[i], hint);
		free(hint);
	}
	size_t n_given = given.n;
	strv_free(&given);
	return n_given;
}

/*
 * Raycast's `platforms` (macOS, Windows; chitty adds Linux): on a platform
 * left out, the commands are listed but disabled with the reason.
 */
static void
check_platforms(struct extension *ext, const struct enode *n, struct manifest_info *info)
{
	static const char *const known[] = {"macOS", "Linux", "Windows"};
#ifdef __APPLE__
	const char *mine = "macOS";
#else
	const char *mine = "Linux";
#endif
	struct strv given = STRV_INIT;
	set_list(ext, &given, n, "platforms");
	int listed = 0;
	for (size_t i = 0; i < given.n; i++) {
		int found = 0;
		for (size_t j = 0; j < nitems(known); j++)
			found |= strcmp(known[j], given.v[i]) == 0;
		if (!found) {
			char *hint = did_you_mean(given.v[i], known, nitems(known));
			extension_add_problem(ext, WARN, n->line, "unknown platform '%s'%s",
					      given.v[i],
					      *hint != '\0' ? hint : " (macOS, Linux or Windows)");
			free(hint);
		}
		listed |= strcmp(given.v[i], mine) == 0;
	}
	if (given.n > 0 && !listed) {
		char *list = strv_join(&given, " or ");
		free(info->platform_reason);
		info->platform_reason = xasprintf("needs %s", list);
		free(list);
	}
	strv_free(&given);
}

void
manifest_apply_extension(struct extension *ext, const struct enode *root,
			 struct manifest_info *info)
{
	if (root == NULL || root->type != EN_MAP)
		return;
	for (size_t i = 0; i < nitems(new_style_keys); i++)
		if (enode_get(root, new_style_keys[i]) != NULL)
			info->new_style = 1;
	for (const struct enode *c = root->child; c != NULL; c = c->next) {
		const char *k = c->key;
		if (enode_key_equal(k, "name")) {
			if (enode_is_scalar(c)) {
				info->name_text = enode_text(c);
				info->name_line = c->line;
			} else
				extension_add_problem(ext, ERR, c->line,
						      "'name' must be text, not a %s",
						      node_kind(c));
		} else if (enode_key_equal(k, "title")) {
			set_text(ext, &ext->title, c, "title");
			info->title_given = ext->title != NULL;
		} else if (enode_key_equal(k, "description"))
			set_text(ext, &ext->description, c, "description");
		else if (enode_key_equal(k, "icon"))
			set_text(ext, &ext->icon, c, "icon");
		else if (enode_key_equal(k, "author"))
			set_text(ext, &ext->author, c, "author");
		else if (enode_key_equal(k, "license")) {
			if (set_text(ext, &ext->license, c, "license") == 0 && ext->license == NULL)
				ext->license = xstrdup("MIT");
		} else if (enode_key_equal(k, "version"))
			set_text(ext, &ext->version, c, "version");
		else if (enode_key_equal(k, "repository"))
			set_text(ext, &ext->repository, c, "repository");
		else if (enode_key_equal(k, "homepage"))
			set_text(ext, &ext->homepage, c, "homepage");
		else if (enode_key_equal(k, "minVersion")) {
			if (set_text(ext, &ext->min_version, c, "minVersion") == 0 &&
			    ext->min_version != NULL) {
				int valid;
				int cmp = ext_version_compare(ext->min_version, PACKAGE_VERSION,
							      &valid);
				if (!valid)
					extension_add_problem(
						ext, ERR, c->line,
						"minVersion '%s' is not a version (like 1.2.0)",
						ext->min_version);
				else if (cmp > 0) {
					extension_add_problem(ext, ERR, c->line,
							      "needs chitty %s or newer (this is "
							      "%s)",
							      ext->min_version, PACKAGE_VERSION);
					info->too_new = 1;
				}
			}
		} else if (enode_key_equal(k, "categories"))
			info->categories_given = set_categories(ext, c) > 0;
		else if (enode_key_equal(k, "keywords"))
			set_list(ext, &ext->keywords, c, "keywords");
		else if (enode_key_equal(k, "contributors"))
			set_list(ext, &ext->contributors, c, "contributors");
		else if (enode_key_equal(k, "permissions"))
			set_list(ext, &ext->permissions, c, "permissions");
		else if (enode_key_equal(k, "preferences"))
			parse_preferences(ext, c, &ext->preferences, &ext->n_preferences,
					  "the extension");
		else if (enode_key_equal(k, "commands")) {
			if (c->type == EN_LIST)
				info->commands = c;
			else
				extension_add_problem(ext, ERR, c->line,
						      "'commands' must be a list, not a %s",
						      node_kind(c));
		} else if (enode_key_equal(k, "platforms")) {
			check_platforms(ext, c, info);
			extra_set(&ext->extra, c);
		} else {
			if (!enode_key_equal(k, "pastContributors"))
				warn_near_key(ext, c, extension_keys, nitems(extension_keys),
					      "manifest");
			extra_set(&ext->extra, c);
		}
	}
}

/* The file's base name without ".md". A new string. */
static char *
file_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base != NULL ? base + 1 : path;
	size_t len = strlen(base);
	if (len > 3 && strcasecmp(base + len - 3, ".md") == 0)
		len -= 3;
	return xstrndup(base, len);
}

void
manifest_finish_extension(struct extension *ext, struct manifest_info *info, const char *first_h1)
{
	char *stem = file_stem(ext->path != NULL ? ext->path : "extension");
	/* name: as written when usable, else its slug (old manifests used display text) */
	if (info->name_text != NULL && ext_name_valid(info->name_text)) {
		ext->name = xstrdup(info->name_text);
	} else if (info->name_text != NULL) {
		ext->name = ext_slugify(info->name_text);
		if (info->new_style)
			extension_add_problem(ext, ERR, info->name_line,
					      "name '%s' is not URL-safe (letters, digits, '-', "
					      "'_', '.'); use '%s'",
					      info->name_text, ext->name);
		if (ext->title == NULL)
			ext->title = xstrdup(info->name_text);
	}
	if (ext->name == NULL || *ext->name == '\0') {
		free(ext->name);
		ext->name = ext_slugify(stem);
		if (*ext->name == '\0') {
			free(ext->name);
			ext->name = xstrdup("extension");
		}
	}
	if (ext->title == NULL)
		ext->title = xstrdup(info->name_text != NULL ? info->name_text
				     : first_h1 != NULL      ? first_h1
							     : stem);
	free(stem);

	struct {
		const char *key;
		int missing;
	} required[] = {
		{"name", info->name_text == NULL},         {"title", !info->title_given},
		{"description", ext->description == NULL}, {"icon", ext->icon == NULL},
		{"author", ext->author == NULL},           {"categories", !info->categories_given},
	};
	struct strbuf missing = STRBUF_INIT;
	size_t n_missing = 0;
	for (size_t i = 0; i < nitems(required); i++) {
		if (!required[i].missing)
			continue;
		sb_addf(&missing, "%s%s", n_missing > 0 ? ", " : "", required[i].key);
		n_missing++;
	}
	if (info->broken) {
		/* the manifest was lost to a syntax error, already reported */
	} else if (!info->has_frontmatter) {
		extension_add_problem(ext, WARN, 1,
				      "no manifest: start the file with a YAML frontmatter (---) "
				      "giving %s",
				      sb_str(&missing));
	} else if (!info->new_style) {
		if (n_missing > 0)
			extension_add_problem(
				ext, WARN, 1,
				"old-style manifest (name, description, author, icon): "
				"add %s",
				sb_str(&missing));
	} else {
		for (size_t i = 0; i < nitems(required); i++)
			if (required[i].missing)
				extension_add_problem(ext, ERR, 1, "manifest has no '%s'%s",
						      required[i].key,
						      strcmp(required[i].key, "categories") == 0
							      ? " (at least one category)"
							      : "");
	}
	sb_free(&missing);
}
