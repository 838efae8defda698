/*
 * The extension model: what a markdown extension file becomes once read.
 *
 *   struct extension     one file: the manifest (YAML frontmatter, Raycast
 *                        fields) and its commands
 *   struct ext_command   one `##` section: its code, tool, inputs and the
 *                        Raycast command fields
 *
 * This header is the contract between the loader (extension-*.c), the
 * executor (exec) and the launcher's forms.  Every string is owned by the
 * struct that holds it; extension_free frees the commands too.  Optional
 * strings are NULL when absent.
 */
#ifndef CHITTY_EXTENSION_H
#define CHITTY_EXTENSION_H

#include <stddef.h>

#include "strv.h"

struct cJSON;

/* Raycast preference types. */
enum pref_type {
	PREF_TEXTFIELD,
	PREF_PASSWORD,
	PREF_CHECKBOX,
	PREF_DROPDOWN,
	PREF_APPPICKER,
	PREF_FILE,
	PREF_DIRECTORY,
};

/* Raycast argument types (at most 3 arguments per command). */
enum ext_arg_type {
	EXT_ARG_TEXT,
	EXT_ARG_PASSWORD,
	EXT_ARG_DROPDOWN,
};

/* Raycast command modes, plus chitty's silent (no output, no toast). */
enum cmd_mode {
	MODE_VIEW,     /* output shown in the output view */
	MODE_NO_VIEW,  /* a toast with the last line of output */
	MODE_MENU_BAR, /* accepted for compatibility; runs like no-view */
	MODE_SILENT,   /* nothing shown unless it fails */
};

/* Shortcut modifiers, combinable. */
#define MOD_CMD   0x1
#define MOD_CTRL  0x2
#define MOD_ALT   0x4
#define MOD_SHIFT 0x8

struct shortcut {
	unsigned mods; /* MOD_* */
	char *key;     /* lowercased key name: "b", "enter", "f5"; NULL = no shortcut */
};

struct dropdown_option {
	char *title;
	char *value;
};

struct ext_preference {
	char *name;
	char *title;
	char *description;
	enum pref_type type;
	int required;
	char *placeholder;
	char *label;                  /* checkbox */
	char *default_value;          /* as text: "true"/"false" for checkbox; NULL for none */
	struct dropdown_option *data; /* dropdown */
	size_t n_data;
	int line; /* where it was declared (for messages), 0 if unknown */
};

struct ext_argument {
	char *name;
	enum ext_arg_type type;
	char *placeholder;
	int required;
	struct dropdown_option *data; /* dropdown */
	size_t n_data;
};

enum problem_severity { PROBLEM_ERROR, PROBLEM_WARNING };

/* One diagnostic, printed by `chitty ext validate` as FILE:LINE: error|warning: MESSAGE. */
struct ext_problem {
	enum problem_severity severity;
	int line; /* 1-based; 0 for the whole file */
	char *message;
};

struct extension;

struct ext_command {
	struct extension *ext; /* the extension it belongs to (borrowed back-pointer) */
	char *id;              /* "<extension-name>/<slug>" */
	char *slug;            /* Raycast command name */
	char *title;           /* the ## heading */
	char *subtitle;
	char *description;
	char *icon;
	char *alias;
	char *tool;  /* first word of the fence's info string; "bash" for a bare fence */
	char *code;  /* the fence's content, group prepend already joined */
	char *body;  /* the section's own prose (markdown without its code blocks and
			comments), for the preview; NULL when there is none */
	char *group; /* the # heading it sits under, or NULL */
	char *placeholder;
	char *interval; /* "90s", "1m", "12h", "1d" */
	char *cron;
	char *schedule;
	struct shortcut shortcut;
	char *shortcut_text; /* as written, for display */
	struct strv keywords;
	struct strv tags;
	struct strv inputs;  /* {{name}} placeholders, in order of first use */
	struct strv flags;   /* {{#if flag}} / {{else if flag}} names */
	int uses_positional; /* $1…$n or $@ appear in the code */
	enum cmd_mode mode;
	int hidden;
	int background;
	int system;
	int disabled_by_default;
	struct ext_argument *arguments;
	size_t n_arguments;
	struct ext_preference *preferences; /* per-command; override the extension's by name */
	size_t n_preferences;
	char *disabled_reason; /* unknown tool, macOS-only tool, missing interpreter */
	struct cJSON *extra;   /* metadata keys chitty does not know, or NULL */
	struct cJSON *schema;  /* the ```schema block, or NULL */
	int line;              /* line of the ## heading */
	int enabled; /* 0 when disabled by default and not enabled in the config's "extensions" map
		      */
};

struct extension {
	char *path; /* the file it was read from */
	char *name; /* URL-safe identifier */
	char *title;
	char *description;
	char *icon;
	char *author;
	char *license; /* "MIT" when not given */
	char *version;
	char *repository;
	char *homepage;
	char *min_version;
	struct strv categories;
	struct strv keywords;
	struct strv contributors;
	struct strv permissions;
	struct ext_preference *preferences;
	size_t n_preferences;
	struct cJSON *extra; /* unknown manifest keys, or NULL */
	struct ext_command **commands;
	size_t n_commands;
	struct ext_problem *problems;
	size_t n_problems;
	int enabled; /* from the config's "extensions" map; default enabled */
	int shipped; /* comes from chitty's data folder */
};

struct extension *extension_create(const char *path);
void extension_free(struct extension *ext);
/* A new command appended to ext (owned by it), with id "<ext->name>/<slug>". */
struct ext_command *extension_add_command(struct extension *ext, const char *slug,
					  const char *title);
/* A command that belongs to no extension yet (for the loader); free with ext_command_free. */
struct ext_command *ext_command_create(const char *slug, const char *title);
void ext_command_free(struct ext_command *cmd);
/* Append cmd to ext (which takes ownership) and set its id from ext->name and cmd->slug. */
void extension_attach_command(struct extension *ext, struct ext_command *cmd);
void extension_add_problem(struct extension *ext, enum problem_severity severity, int line,
			   const char *fmt, ...) __attribute__((format(printf, 4, 5)));
int extension_has_errors(const struct extension *ext);

/* The command with this slug, or NULL. */
struct ext_command *extension_find_command(const struct extension *ext, const char *slug);
/*
 * The preference `name` as it applies to cmd: the command's own declaration
 * wins over the extension's.  Borrowed, or NULL.
 */
const struct ext_preference *ext_command_preference(const struct ext_command *cmd,
						    const char *name);

void ext_preference_clear(struct ext_preference *pref);
void ext_argument_clear(struct ext_argument *arg);

/* Raycast's 15 categories (case-sensitive), NULL-terminated. */
extern const char *const ext_categories[];

const char *pref_type_name(enum pref_type type);
/* -1 when name is not one of the 7 types (case-sensitive, as Raycast). */
int pref_type_from_name(const char *name);
const char *cmd_mode_name(enum cmd_mode mode);
/* -1 when name is not view, no-view, menu-bar or silent. */
int cmd_mode_from_name(const char *name);
const char *ext_arg_type_name(enum ext_arg_type type);
/* -1 when name is not text, password or dropdown. */
int ext_arg_type_from_name(const char *name);

/*
 * Parse a shortcut string: modifiers cmd|command|meta|super, ctrl|control|^,
 * alt|opt|option, shift (also the symbols ⌘ ⌃ ⌥ ⇧), separated by spaces or
 * '+', then the key ("cmd shift b", "ctrl+alt+k", "^x").  The key is
 * lowercased.  0 with *out filled (free out->key with shortcut_clear), or -1
 * with *cause set ("unknown modifier 'hyper'", "no key after the modifiers").
 */
int shortcut_parse(const char *text, struct shortcut *out, char **cause);
void shortcut_clear(struct shortcut *sc);
/*
 * For display: symbols ("⌃⌥⇧⌘B", macOS style) or text ("ctrl+alt+shift+cmd+b").
 * A new string; "" when sc has no key.
 */
char *shortcut_format(const struct shortcut *sc, int symbols);
/* shortcut_format in the platform's style (symbols on macOS, text elsewhere). */
char *shortcut_display(const struct shortcut *sc);

#endif
