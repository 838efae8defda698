/*
 * Inside the extension loader: how manifest values (frontmatter YAML,
 * metadata comments, ```metadata JSON) are applied to the model and checked.
 * Every problem goes to ext->problems with the line of the offending value.
 * Not for use outside ext-load.c and ext-manifest.c.
 */
#ifndef CHITTY_EXT_LOADER_H
#define CHITTY_EXT_LOADER_H

struct enode;
struct extension;
struct ext_command;

/* Where a command's fields come from: it decides what `name` means. */
enum field_origin {
	ORIGIN_MANIFEST, /* a frontmatter `commands:` entry (Raycast: name = slug) */
	ORIGIN_COMMENT,  /* <!-- key: value --> (Script Kit: name = title) */
	ORIGIN_METADATA, /* ```metadata JSON (Script Kit: name = title) */
};

/* What the frontmatter said, for the checks that come after the body. */
struct manifest_info {
	int has_frontmatter;
	int new_style;         /* any Raycast-era field: then required fields are errors */
	const char *name_text; /* `name` as written (borrowed from the tree), or NULL */
	int name_line;         /* its line */
	int title_given;
	int categories_given;         /* categories listed, valid or not */
	int broken;                   /* the frontmatter could not be read */
	const struct enode *commands; /* the `commands:` list (borrowed), or NULL */
	int too_new;                  /* minVersion is newer than this chitty */
	char *platform_reason;        /* "needs macOS" when `platforms` leaves this one out */
};

/* Where a command's checked fields were set (0: not set). */
struct command_lines {
	int interval;
	int mode;
	int description;
};

/* Apply the frontmatter's root map to ext; fills info. */
void manifest_apply_extension(struct extension *ext, const struct enode *root,
			      struct manifest_info *info);
/* After the body: name, title fallbacks, required fields, old-style warning, minVersion. */
void manifest_finish_extension(struct extension *ext, struct manifest_info *info,
			       const char *first_h1);

/* Apply one map of command fields. */
void manifest_apply_command(struct extension *ext, struct ext_command *cmd, const struct enode *map,
			    enum field_origin origin, struct command_lines *lines);
/* After every source was applied: mode inference, interval rules, description. */
void manifest_finish_command(struct extension *ext, struct ext_command *cmd,
			     const struct manifest_info *info, const struct command_lines *lines);

#endif
