/*
 * Forms: the fields the launcher asks for before running a command, as a
 * model without curses (view-form.c draws it and feeds it keys).
 *
 * Two builders:
 *   form_for_preferences  every preference that applies to a command
 *                         (Raycast's seven types), with the stored value
 *                         or default; a password with a stored value stays
 *                         empty and keeps the stored one unless typed over
 *   form_for_inputs       a command's arguments (text, password,
 *                         dropdown), then each {{input}} no argument names
 *                         (text), then a checkbox per {{#if flag}}
 *
 * Field types: text, password (never shown), checkbox (space toggles),
 * dropdown and app (a list of options; typing filters it, left/right
 * choose), file and directory (a path; tab completes).  Validation marks
 * each field that fails with a one-line message: a required field left
 * empty, a file or folder that does not exist.
 */
#ifndef CHITTY_FORM_H
#define CHITTY_FORM_H

#include <stddef.h>

#include "exec.h"
#include "lineedit.h"
#include "strv.h"

struct ext_command;
struct tkey;

enum field_type {
	FIELD_TEXT,
	FIELD_PASSWORD,
	FIELD_CHECKBOX,
	FIELD_DROPDOWN,
	FIELD_FILE,
	FIELD_DIRECTORY,
	FIELD_APP,
};

struct form_option {
	char *title;
	char *value;
};

struct form_field {
	enum field_type type;
	char *name;
	char *title;
	char *description; /* may be NULL */
	char *placeholder; /* may be NULL */
	char *label;       /* checkbox */
	int required;
	struct lineedit edit; /* text, password, paths; the filter of a list */
	size_t edit_start;    /* first byte shown (lineedit_window) */
	int checked;
	struct form_option *options;
	size_t n_options;
	size_t *shown; /* options matching the filter, as indexes */
	size_t n_shown;
	long choice;             /* index into options, -1: none chosen */
	int has_stored;          /* a password with a stored value */
	char *error;             /* validation message, or NULL */
	struct strv completions; /* candidates the last tab listed */
};

struct form {
	char *title;
	char *intro; /* a line under the title, or NULL */
	char *error; /* what went wrong with the last submit (under the title), or NULL */
	struct form_field *fields;
	size_t n;
	size_t focus;
	int preferences; /* built by form_for_preferences */
};

struct form *form_create(const char *title);
void form_free(struct form *form);
struct form_field *form_add(struct form *form, enum field_type type, const char *name,
			    const char *title);
/* Add a list option to a dropdown or app field. */
void form_field_add_option(struct form_field *f, const char *title, const char *value);
/* Choose the option with this value (or title); 0, or -1 when there is none. */
int form_field_choose(struct form_field *f, const char *value);

struct form *form_for_preferences(const struct ext_command *cmd);
/* NULL when the command takes no inputs. */
struct form *form_for_inputs(const struct ext_command *cmd);

/*
 * A key for the focused field: text editing, space on a checkbox, typing
 * and left/right on a list, tab completion on a path.  1 when the key was
 * used (tab that completed nothing is not: it moves to the next field).
 */
int form_field_key(struct form_field *f, const struct tkey *key);

/* The field's value as a new string ("true"/"false" for a checkbox), or NULL when empty. */
char *form_field_value(const struct form_field *f);
/* Check every field; returns how many failed (their error is set). */
size_t form_validate(struct form *form);

/* Save a preferences form (prefs_set); 0, or -1 with *cause naming the field. */
int form_save_preferences(const struct form *form, const struct ext_command *cmd, char **cause);
/* An inputs form's values into in: arguments and {{inputs}} as names, checkboxes as flags. */
void form_fill_inputs(const struct form *form, struct exec_inputs *in);

/*
 * Tab completion of a path (a leading "~" expanded for reading, kept in
 * the text): 1 when text changed; the candidates (names) when several
 * remain.  dirs_only: offer folders only.
 */
int path_complete(struct lineedit *le, int dirs_only, struct strv *candidates);

/* Installed applications for an appPicker: titles and values (desktop ids or .app paths). */
void apps_list(struct strv *titles, struct strv *values);

#endif
