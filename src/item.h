/*
 * The item: the one currency between producers (extensions, providers) and
 * consumers (the launcher UI, the CLI).  Nothing that consumes an item knows
 * what produced it; an item says everything needed to list, preview and act
 * on it.
 *
 * Ownership: an item owns every string, accessory and action in it.
 * item_free(NULL) is safe.  Strings passed to the item_* setters are copied.
 * The first action is the primary one (Enter); the second is the secondary
 * (alt-Enter).
 */
#ifndef CHITTY_ITEM_H
#define CHITTY_ITEM_H

#include <stddef.h>

#include "strv.h"

struct cJSON;

enum accessory_kind {
	ACC_TEXT,     /* plain text */
	ACC_ALIAS,    /* a command's alias */
	ACC_SHORTCUT, /* a keyboard shortcut, already formatted for display */
	ACC_SOURCE,   /* where the item comes from ("github · tracker") */
	ACC_STATUS,   /* a state: "open", "In Progress", "success" */
	ACC_DATE,     /* a date or relative time */
	ACC_TAG,      /* a label or category */
	ACC_WARNING,  /* something is wrong (shown in the warning colour) */
};

struct accessory {
	enum accessory_kind kind;
	char *text;
};

enum action_kind {
	ACTION_RUN,    /* run an extension command; target = command id "<ext>/<slug>" */
	ACTION_OPEN,   /* open target (URL, file, app URL scheme) with the opener */
	ACTION_COPY,   /* copy target (text) to the clipboard */
	ACTION_REMOTE, /* a provider verb on a resource: remote + verb, target = resource id */
};

struct action {
	char *id;       /* stable name for keymaps and tests: "open", "copy-url", "close" */
	char *title;    /* what the action panel shows: "Open in Browser" */
	char *shortcut; /* shortcut string ("ctrl+shift+c"), or NULL */
	enum action_kind kind;
	char *target;
	char *remote;    /* ACTION_REMOTE: the remote's name */
	char *verb;      /* ACTION_REMOTE: the provider verb ("close", "archive") */
	int confirm;     /* ask before running */
	int destructive; /* shown in the warning colour */
	char *input;     /* ACTION_REMOTE: a text to ask for first ("Comment"), given to
			    the verb as its last argument; NULL asks nothing */
};

struct item {
	char *id;   /* unique in a catalog: "cleanshot/capture-area", "tracker/issue/42" */
	char *kind; /* "command", or a provider resource kind: "issue", "page", … */
	char *title;
	char *subtitle; /* may be NULL */
	struct strv keywords;
	char *alias;   /* may be NULL; an exact alias match ranks first */
	char *icon;    /* emoji or icon name, may be NULL */
	char *source;  /* producer: "ext:<extension>" or "remote:<remote>" */
	char *group;   /* section header in the list: extension title, "GitHub · tracker" */
	char *url;     /* web page of a remote resource, may be NULL */
	char *preview; /* markdown shown in the preview pane, may be NULL */
	char *disabled_reason; /* non-NULL: listed dimmed; running it fails with this */

	struct accessory *accessories;
	size_t n_accessories;
	struct action *actions;
	size_t n_actions;
};

struct item *item_create(const char *id, const char *kind, const char *title);
void item_free(struct item *item);
struct item *item_clone(const struct item *item);

/* Replace an owned string field: item_set(&item->subtitle, "…"); NULL clears. */
void item_set(char **field, const char *value);
void item_add_keyword(struct item *item, const char *keyword);
void item_add_accessory(struct item *item, enum accessory_kind kind, const char *text);
/* Append an action; returns it (owned by the item) so optional fields can be set. */
struct action *item_add_action(struct item *item, enum action_kind kind, const char *id,
			       const char *title, const char *target);
/* The action with this id, or NULL. */
const struct action *item_find_action(const struct item *item, const char *id);

const char *accessory_kind_name(enum accessory_kind kind);
const char *action_kind_name(enum action_kind kind);

/*
 * JSON form of an item (all fields; used by caches and --json).  item_from_json
 * rejects objects without id or title: NULL with *cause set.
 */
struct cJSON *item_to_json(const struct item *item);
struct item *item_from_json(const struct cJSON *json, char **cause);

#endif
