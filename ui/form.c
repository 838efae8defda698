/* Forms as a model (rules in form.h). */
#include "build-config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "extension.h"
#include "fileio.h"
#include "form.h"
#include "keys.h"
#include "prefs.h"
#include "strbuf.h"
#include "xmalloc.h"

struct form *
form_create(const char *title)
{
	struct form *form = xcalloc(1, sizeof *form);
	form->title = xstrdup(title);
	return form;
}

static void
field_clear(struct form_field *f)
{
	free(f->name);
	free(f->title);
	free(f->description);
	free(f->placeholder);
	free(f->label);
	free(f->error);
	lineedit_free(&f->edit);
	for (size_t i = 0; i < f->n_options; i++) {
		free(f->options[i].title);
		free(f->options[i].value);
	}
	free(f->options);
	free(f->shown);
	strv_free(&f->completions);
}

void
form_free(struct form *form)
{
	if (form == NULL)
		return;
	for (size_t i = 0; i < form->n; i++)
		field_clear(&form->fields[i]);
	free(form->fields);
	free(form->title);
	free(form->intro);
	free(form->error);
	free(form);
}

struct form_field *
form_add(struct form *form, enum field_type type, const char *name, const char *title)
{
	form->fields = xreallocarray(form->fields, form->n + 1, sizeof *form->fields);
	struct form_field *f = &form->fields[form->n++];
	memset(f, 0, sizeof *f);
	f->type = type;
	f->name = xstrdup(name);
	f->title = xstrdup(title != NULL ? title : name);
	f->choice = -1;
	return f;
}

static int
option_matches(const struct form_option *o, const char *filter)
{
	if (*filter == '\0')
		return 1;
	/* case-insensitive substring of the title or the value */
	size_t fl = strlen(filter);
	const char *texts[] = {o->title, o->value};
	for (size_t t = 0; t < 2; t++)
		for (const char *p = texts[t]; p != NULL && *p != '\0'; p++)
			if (strncasecmp(p, filter, fl) == 0)
				return 1;
	return 0;
}

/*
 * Recompute the options the filter shows.  Typing a filter chooses its
 * first match unless the choice still matches; an empty filter keeps the
 * choice (none stays none).
 */
static void
refilter(struct form_field *f)
{
	const char *filter = lineedit_text(&f->edit);
	free(f->shown);
	f->shown = xcalloc(f->n_options + 1, sizeof *f->shown);
	f->n_shown = 0;
	int kept = 0;
	for (size_t i = 0; i < f->n_options; i++)
		if (option_matches(&f->options[i], filter)) {
			f->shown[f->n_shown++] = i;
			kept |= (long)i == f->choice;
		}
	if (*filter != '\0' && !kept)
		f->choice = f->n_shown > 0 ? (long)f->shown[0] : -1;
}

void
form_field_add_option(struct form_field *f, const char *title, const char *value)
{
	f->options = xreallocarray(f->options, f->n_options + 1, sizeof *f->options);
	f->options[f->n_options].title = xstrdup(title != NULL ? title : value);
	f->options[f->n_options].value = xstrdup(value != NULL ? value : title);
	f->n_options++;
	refilter(f);
}

int
form_field_choose(struct form_field *f, const char *value)
{
	if (value == NULL)
		return -1;
	for (size_t i = 0; i < f->n_options; i++)
		if (strcmp(f->options[i].value, value) == 0 ||
		    strcmp(f->options[i].title, value) == 0) {
			f->choice = (long)i;
			return 0;
		}
	return -1;
}

static enum field_type
pref_field_type(enum pref_type t)
{
	switch (t) {
	case PREF_PASSWORD:
		return FIELD_PASSWORD;
	case PREF_CHECKBOX:
		return FIELD_CHECKBOX;
	case PREF_DROPDOWN:
		return FIELD_DROPDOWN;
	case PREF_APPPICKER:
		return FIELD_APP;
	case PREF_FILE:
		return FIELD_FILE;
	case PREF_DIRECTORY:
		return FIELD_DIRECTORY;
	default:
		return FIELD_TEXT;
	}
}

static void
add_apps(struct form_field *f)
{
	struct strv titles = STRV_INIT, values = STRV_INIT;
	apps_list(&titles, &values);
	for (size_t i = 0; i < titles.n; i++)
		form_field_add_option(f, titles.v[i], values.v[i]);
	strv_free(&titles);
	strv_free(&values);
}

struct form *
form_for_preferences(const struct ext_command *cmd)
{
	const struct extension *ext = cmd->ext;
	char *title = xasprintf("Preferences · %s", ext != NULL ? ext->title : cmd->title);
	struct form *form = form_create(title);
	free(title);
	form->preferences = 1;
	/* the command's own first, then the extension's it does not override */
	struct prefs_slot *slots;
	size_t n = prefs_applicable(cmd, &slots);
	for (size_t k = 0; k < n; k++) {
		const struct ext_preference *p = slots[k].pref;
		struct form_field *f = form_add(form, pref_field_type(p->type), p->name, p->title);
		f->description = xstrdup_or_null(p->description);
		f->placeholder = xstrdup_or_null(p->placeholder);
		f->label = xstrdup_or_null(p->label);
		f->required = p->required;
		for (size_t i = 0; i < p->n_data; i++)
			form_field_add_option(f, p->data[i].title, p->data[i].value);
		if (f->type == FIELD_APP)
			add_apps(f);
		if (f->type == FIELD_DROPDOWN && f->n_options > 0)
			f->choice = 0;
		if (f->type == FIELD_PASSWORD) {
			f->has_stored = prefs_has_stored(cmd, p->name);
			continue;
		}
		char *v = prefs_get(cmd, p->name);
		if (f->type == FIELD_CHECKBOX)
			f->checked = v != NULL && strcmp(v, "true") == 0;
		else if (f->type == FIELD_DROPDOWN || f->type == FIELD_APP) {
			/* an app that is not installed here is still the stored value */
			if (form_field_choose(f, v) != 0 && f->type == FIELD_APP && v != NULL) {
				form_field_add_option(f, v, v);
				form_field_choose(f, v);
			}
		} else if (v != NULL)
			lineedit_set(&f->edit, v);
		free(v);
	}
	free(slots);
	return form;
}

/* "dry_run" -> "Dry run" for a flag's label. */
static char *
humanize(const char *name)
{
	char *s = xstrdup(name);
	for (char *p = s; *p != '\0'; p++)
		if (*p == '_' || *p == '-')
			*p = ' ';
	if (s[0] >= 'a' && s[0] <= 'z')
		s[0] = (char)toupper((unsigned char)s[0]);
	return s;
}

struct form *
form_for_inputs(const struct ext_command *cmd)
{
	if (cmd->n_arguments == 0 && cmd->inputs.n == 0 && cmd->flags.n == 0)
		return NULL;
	struct form *form = form_create(cmd->title);
	form->intro = xstrdup_or_null(cmd->description);
	struct strv named = STRV_INIT;
	for (size_t i = 0; i < cmd->n_arguments; i++) {
		const struct ext_argument *a = &cmd->arguments[i];
		enum field_type type = a->type == EXT_ARG_PASSWORD   ? FIELD_PASSWORD
				       : a->type == EXT_ARG_DROPDOWN ? FIELD_DROPDOWN
								     : FIELD_TEXT;
		char *title = humanize(a->name);
		struct form_field *f = form_add(form, type, a->name,
						a->placeholder != NULL ? a->placeholder : title);
		free(title);
		f->placeholder = xstrdup_or_null(a->placeholder);
		f->required = a->required;
		for (size_t k = 0; k < a->n_data; k++)
			form_field_add_option(f, a->data[k].title, a->data[k].value);
		if (type == FIELD_DROPDOWN && f->n_options > 0)
			f->choice = 0;
		strv_push(&named, a->name);
	}
	for (size_t i = 0; i < cmd->inputs.n; i++) {
		if (strv_contains(&named, cmd->inputs.v[i]))
			continue;
		char *title = humanize(cmd->inputs.v[i]);
		form_add(form, FIELD_TEXT, cmd->inputs.v[i], title);
		free(title);
	}
	for (size_t i = 0; i < cmd->flags.n; i++) {
		char *label = humanize(cmd->flags.v[i]);
		struct form_field *f = form_add(form, FIELD_CHECKBOX, cmd->flags.v[i], label);
		f->label = label;
	}
	strv_free(&named);
	return form;
}

static int
is_list(const struct form_field *f)
{
	return f->type == FIELD_DROPDOWN || f->type == FIELD_APP;
}

/* Move the choice by delta among the shown options. */
static void
choose_step(struct form_field *f, int delta)
{
	if (f->n_shown == 0)
		return;
	long at = -1;
	for (size_t i = 0; i < f->n_shown; i++)
		if ((long)f->shown[i] == f->choice)
			at = (long)i;
	if (at < 0) /* nothing chosen: right takes the first, left the last */
		at = delta > 0 ? -1 : 0;
	at = (at + (long)f->n_shown + delta) % (long)f->n_shown;
	f->choice = (long)f->shown[at];
}

int
form_field_key(struct form_field *f, const struct tkey *key)
{
	switch (f->type) {
	case FIELD_CHECKBOX:
		if ((key->kind == TK_CHAR && key->cp == ' ' && key->mods == 0) ||
		    ((key->kind == TK_LEFT || key->kind == TK_RIGHT) && key->mods == 0)) {
			f->checked = !f->checked;
			free(f->error);
			f->error = NULL;
			return 1;
		}
		return 0;
	case FIELD_DROPDOWN:
	case FIELD_APP:
		if ((key->kind == TK_LEFT || key->kind == TK_RIGHT) && key->mods == 0) {
			choose_step(f, key->kind == TK_LEFT ? -1 : 1);
			return 1;
		}
		if (key->kind == TK_CHAR && key->cp == ' ' && key->mods == 0 &&
		    f->edit.text.len == 0) {
			choose_step(f, 1);
			return 1;
		}
		if (lineedit_key(&f->edit, key) == LE_CHANGED) {
			refilter(f);
			return 1;
		}
		return key->kind == TK_HOME || key->kind == TK_END || key->kind == TK_LEFT ||
		       key->kind == TK_RIGHT;
	case FIELD_FILE:
	case FIELD_DIRECTORY:
		if (key->kind == TK_TAB && key->mods == 0) {
			strv_free(&f->completions);
			int changed = path_complete(&f->edit, f->type == FIELD_DIRECTORY,
						    &f->completions);
			return changed || f->completions.n > 1;
		}
		/* fall through */
	default: {
		enum lineedit_result r = lineedit_key(&f->edit, key);
		if (r == LE_CHANGED) {
			free(f->error);
			f->error = NULL;
			strv_free(&f->completions);
		}
		return r != LE_IGNORED;
	}
	}
}

char *
form_field_value(const struct form_field *f)
{
	switch (f->type) {
	case FIELD_CHECKBOX:
		return xstrdup(f->checked ? "true" : "false");
	case FIELD_DROPDOWN:
	case FIELD_APP:
		if (f->choice >= 0 && (size_t)f->choice < f->n_options)
			return xstrdup(f->options[f->choice].value);
		/* an app not in the list: what was typed */
		if (f->type == FIELD_APP && f->edit.text.len > 0)
			return xstrdup(lineedit_text(&f->edit));
		return NULL;
	default:
		return f->edit.text.len > 0 ? xstrdup(lineedit_text(&f->edit)) : NULL;
	}
}

size_t
form_validate(struct form *form)
{
	size_t failed = 0;
	for (size_t i = 0; i < form->n; i++) {
		struct form_field *f = &form->fields[i];
		free(f->error);
		f->error = NULL;
		char *v = form_field_value(f);
		if (f->required && v == NULL && !(f->type == FIELD_PASSWORD && f->has_stored))
			f->error = xstrdup(is_list(f) ? "choose one" : "required");
		else if (v != NULL && (f->type == FIELD_FILE || f->type == FIELD_DIRECTORY)) {
			char *path = expand_tilde(v);
			if (!file_exists(path))
				f->error = xstrdup("does not exist");
			else if (f->type == FIELD_DIRECTORY && !is_directory(path))
				f->error = xstrdup("not a folder");
			else if (f->type == FIELD_FILE && is_directory(path))
				f->error = xstrdup("a folder, not a file");
			free(path);
		}
		free(v);
		failed += f->error != NULL;
	}
	return failed;
}

int
form_save_preferences(const struct form *form, const struct ext_command *cmd, char **cause)
{
	if (cmd->ext == NULL) {
		set_cause(cause, "the command belongs to no extension");
		return -1;
	}
	for (size_t i = 0; i < form->n; i++) {
		const struct form_field *f = &form->fields[i];
		char *v = form_field_value(f);
		if (v == NULL) {
			free(v);
			continue; /* empty: the stored value (or default) stays */
		}
		char *why = NULL;
		/* the command's own preference is stored per command (see prefs.h) */
		int rc = prefs_set(cmd->ext, cmd, f->name, v, &why);
		free(v);
		if (rc != 0) {
			set_cause(cause, "%s: %s", f->title, why);
			free(why);
			return -1;
		}
	}
	return 0;
}

void
form_fill_inputs(const struct form *form, struct exec_inputs *in)
{
	for (size_t i = 0; i < form->n; i++) {
		const struct form_field *f = &form->fields[i];
		if (f->type == FIELD_CHECKBOX) {
			if (f->checked && !strv_contains(&in->flags, f->name))
				strv_push(&in->flags, f->name);
			continue;
		}
		char *v = form_field_value(f);
		exec_inputs_set(in, f->name, v != NULL ? v : "");
		free(v);
	}
}
