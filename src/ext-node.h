/*
 * A small value tree with line numbers, for the extension loader.
 *
 * The manifest comes from YAML (frontmatter), JSON (```metadata blocks) or
 * "key: value" comments; all three become enodes so one set of functions
 * applies them, and every message can name the line of the offending value.
 * Scalars keep their text as written ("1.0" stays "1.0"); the type says what
 * YAML or JSON made of it.
 */
#ifndef CHITTY_EXT_NODE_H
#define CHITTY_EXT_NODE_H

#include <stddef.h>

struct cJSON;

enum enode_type { EN_NULL, EN_BOOL, EN_NUMBER, EN_STRING, EN_LIST, EN_MAP };

struct enode {
	enum enode_type type;
	char *key;  /* in a map: the entry's key; else NULL */
	char *text; /* scalars: the text ("true", "12", "MIT"); NULL for lists and maps */
	int line;   /* 1-based line in the file; 0 when unknown */
	struct enode *child, *last_child; /* list items, map entries */
	struct enode *next;
	size_t n_children;
};

struct enode *enode_new(enum enode_type type, const char *text, int line);
void enode_append(struct enode *parent, struct enode *child);
void enode_free(struct enode *node);

/*
 * Parse YAML text (the first document).  Lines are counted from first_line
 * (the file line of the text's first line).  NULL for an empty document; on
 * a syntax error NULL with *cause set and *err_line the file line.
 * Alias bombs and deep nesting are refused.
 */
struct enode *enode_from_yaml(const char *text, size_t len, int first_line, int *err_line,
			      char **cause);
/*
 * Parse JSON text; every value gets line (top-level keys of an object get
 * the line they are written on).  NULL with *cause and *err_line on error.
 */
struct enode *enode_from_json(const char *text, int first_line, int *err_line, char **cause);

/*
 * The entry of map whose key matches, ignoring case, '_' and '-'
 * ("minVersion" matches "min_version"); the last one wins.  Borrowed, or NULL.
 */
struct enode *enode_get(const struct enode *map, const char *key);
/* 1 when keys match in the same loose way. */
int enode_key_equal(const char *a, const char *b);

/* Scalar text (borrowed), or NULL for null, lists and maps. */
const char *enode_text(const struct enode *node);
/* A boolean (YAML/JSON booleans, and the strings true/false/yes/no/1/0): 0 with *out, or -1. */
int enode_bool(const struct enode *node, int *out);
/* 1 for a non-empty scalar that is not null. */
int enode_is_scalar(const struct enode *node);

/* The JSON form (scalars typed by what YAML or JSON made of them); a new cJSON. */
struct cJSON *enode_to_json(const struct enode *node);

#endif
