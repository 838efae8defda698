/* A small value tree with line numbers, from YAML or JSON (see ext-node.h). */
#include "build-config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>
#include <yaml.h>

#include "config.h"
#include "ext-node.h"
#include "xmalloc.h"

/* Refuse documents that would expand beyond this (YAML aliases can multiply). */
#define ENODE_MAX_NODES 200000
#define ENODE_MAX_DEPTH 64

struct enode *
enode_new(enum enode_type type, const char *text, int line)
{
	struct enode *node = xcalloc(1, sizeof *node);
	node->type = type;
	node->text = xstrdup_or_null(text);
	node->line = line;
	return node;
}

void
enode_append(struct enode *parent, struct enode *child)
{
	if (parent->last_child != NULL)
		parent->last_child->next = child;
	else
		parent->child = child;
	parent->last_child = child;
	parent->n_children++;
}

void
enode_free(struct enode *node)
{
	while (node != NULL) {
		struct enode *next = node->next;
		enode_free(node->child);
		free(node->key);
		free(node->text);
		free(node);
		node = next;
	}
}

/* YAML 1.1's plain-scalar types, the ones a manifest can meet. */
static enum enode_type
plain_scalar_type(const char *s)
{
	static const char *const nulls[] = {"", "~", "null", "Null", "NULL"};
	static const char *const bools[] = {"true", "false", "yes", "no", "on", "off"};
	for (size_t i = 0; i < nitems(nulls); i++)
		if (strcmp(s, nulls[i]) == 0)
			return EN_NULL;
	for (size_t i = 0; i < nitems(bools); i++)
		if (strcasecmp(s, bools[i]) == 0)
			return EN_BOOL;
	char *end;
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (isdigit((unsigned char)*p) || (*p == '.' && isdigit((unsigned char)p[1]))) {
		(void)strtod(s, &end);
		if (*end == '\0')
			return EN_NUMBER;
	}
	return EN_STRING;
}

struct yaml_walk {
	yaml_document_t *doc;
	int first_line;
	size_t count;
	int too_big;
};

static struct enode *
yaml_convert(struct yaml_walk *w, yaml_node_t *yn, int depth)
{
	if (yn == NULL)
		return NULL;
	if (++w->count > ENODE_MAX_NODES || depth > ENODE_MAX_DEPTH) {
		w->too_big = 1;
		return NULL;
	}
	int line = w->first_line + (int)yn->start_mark.line;
	struct enode *node;
	switch (yn->type) {
	case YAML_SCALAR_NODE: {
		char *text = xstrndup((const char *)yn->data.scalar.value, yn->data.scalar.length);
		enum enode_type type = yn->data.scalar.style == YAML_PLAIN_SCALAR_STYLE
					       ? plain_scalar_type(text)
					       : EN_STRING;
		node = enode_new(type, type == EN_NULL ? NULL : text, line);
		free(text);
		return node;
	}
	case YAML_SEQUENCE_NODE:
		node = enode_new(EN_LIST, NULL, line);
		for (yaml_node_item_t *it = yn->data.sequence.items.start;
		     it < yn->data.sequence.items.top && !w->too_big; it++) {
			struct enode *child =
				yaml_convert(w, yaml_document_get_node(w->doc, *it), depth + 1);
			if (child != NULL)
				enode_append(node, child);
		}
		return node;
	case YAML_MAPPING_NODE:
		node = enode_new(EN_MAP, NULL, line);
		for (yaml_node_pair_t *pair = yn->data.mapping.pairs.start;
		     pair < yn->data.mapping.pairs.top && !w->too_big; pair++) {
			yaml_node_t *key = yaml_document_get_node(w->doc, pair->key);
			if (key == NULL || key->type != YAML_SCALAR_NODE)
				continue;
			struct enode *child = yaml_convert(
				w, yaml_document_get_node(w->doc, pair->value), depth + 1);
			if (child == NULL)
				continue;
			child->key = xstrndup((const char *)key->data.scalar.value,
					      key->data.scalar.length);
			/* a key's line is where the entry starts */
			child->line = w->first_line + (int)key->start_mark.line;
			enode_append(node, child);
		}
		return node;
	case YAML_NO_NODE:
		break;
	}
	return NULL;
}

struct enode *
enode_from_yaml(const char *text, size_t len, int first_line, int *err_line, char **cause)
{
	yaml_parser_t parser;
	yaml_document_t doc;
	if (!yaml_parser_initialize(&parser)) {
		set_cause(cause, "cannot start the YAML parser");
		*err_line = first_line;
		return NULL;
	}
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	if (!yaml_parser_load(&parser, &doc)) {
		*err_line = first_line + (int)parser.problem_mark.line;
		if (parser.context != NULL)
			set_cause(cause, "invalid YAML: %s %s",
				  parser.problem != NULL ? parser.problem : "syntax error",
				  parser.context);
		else
			set_cause(cause, "invalid YAML: %s",
				  parser.problem != NULL ? parser.problem : "syntax error");
		yaml_parser_delete(&parser);
		return NULL;
	}
	struct yaml_walk w = {&doc, first_line, 0, 0};
	struct enode *root = yaml_convert(&w, yaml_document_get_root_node(&doc), 0);
	yaml_document_delete(&doc);
	yaml_parser_delete(&parser);
	if (w.too_big) {
		enode_free(root);
		*err_line = first_line;
		set_cause(cause, "YAML nests or expands too much (over %d values or %d levels)",
			  ENODE_MAX_NODES, ENODE_MAX_DEPTH);
		return NULL;
	}
	return root;
}

static struct enode *
json_convert(const cJSON *j, int line, int depth)
{
	if (depth > ENODE_MAX_DEPTH)
		return NULL;
	struct enode *node;
	if (cJSON_IsString(j))
		return enode_new(EN_STRING, j->valuestring, line);
	if (cJSON_IsBool(j))
		return enode_new(EN_BOOL, cJSON_IsTrue(j) ? "true" : "false", line);
	if (cJSON_IsNumber(j)) {
		char buf[64];
		double d = j->valuedouble;
		if (d == (double)(long long)d && d > -1e15 && d < 1e15)
			snprintf(buf, sizeof buf, "%lld", (long long)d);
		else
			snprintf(buf, sizeof buf, "%.17g", d);
		return enode_new(EN_NUMBER, buf, line);
	}
	if (cJSON_IsArray(j) || cJSON_IsObject(j)) {
		node = enode_new(cJSON_IsArray(j) ? EN_LIST : EN_MAP, NULL, line);
		const cJSON *child;
		cJSON_ArrayForEach (child, j) {
			struct enode *c = json_convert(child, line, depth + 1);
			if (c == NULL)
				continue;
			if (child->string != NULL)
				c->key = xstrdup(child->string);
			enode_append(node, c);
		}
		return node;
	}
	return enode_new(EN_NULL, NULL, line);
}

/* The line (from first_line) where "key" is first written at or after from. */
static int
json_key_line(const char *text, const char *key, int first_line, const char **from)
{
	char *needle = xasprintf("\"%s\"", key);
	const char *hit = strstr(*from, needle);
	free(needle);
	if (hit == NULL)
		return first_line;
	int line = first_line;
	for (const char *p = text; p < hit; p++)
		if (*p == '\n')
			line++;
	*from = hit + 1;
	return line;
}

struct enode *
enode_from_json(const char *text, int first_line, int *err_line, char **cause)
{
	const char *end = NULL;
	cJSON *j = cJSON_ParseWithOpts(text, &end, 0);
	if (j == NULL) {
		const char *at = cJSON_GetErrorPtr();
		int line = 1, col = 1;
		size_t len = strlen(text);
		if (at == NULL || at < text || at > text + len)
			at = text + len;
		text_line_col(text, (size_t)(at - text), &line, &col);
		*err_line = first_line + line - 1;
		while (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r')
			at++;
		if (*at == '\0')
			set_cause(cause, "invalid JSON: it ends too early (an unclosed { or [?)");
		else
			set_cause(cause, "invalid JSON at column %d, near '%.*s'", col,
				  (int)strcspn(at, "\n"), at);
		return NULL;
	}
	struct enode *root = json_convert(j, first_line, 0);
	if (root != NULL && root->type == EN_MAP) {
		const char *from = text;
		for (struct enode *c = root->child; c != NULL; c = c->next) {
			int line = json_key_line(text, c->key, first_line, &from);
			c->line = line;
		}
	}
	cJSON_Delete(j);
	return root;
}

int
enode_key_equal(const char *a, const char *b)
{
	for (;;) {
		while (*a == '_' || *a == '-')
			a++;
		while (*b == '_' || *b == '-')
			b++;
		if (*a == '\0' || *b == '\0')
			return *a == *b;
		if (tolower((unsigned char)*a) != tolower((unsigned char)*b))
			return 0;
		a++, b++;
	}
}

struct enode *
enode_get(const struct enode *map, const char *key)
{
	struct enode *found = NULL;
	if (map == NULL || map->type != EN_MAP)
		return NULL;
	for (struct enode *c = map->child; c != NULL; c = c->next)
		if (c->key != NULL && enode_key_equal(c->key, key))
			found = c;
	return found;
}

const char *
enode_text(const struct enode *node)
{
	if (node == NULL || node->type == EN_NULL || node->type == EN_LIST || node->type == EN_MAP)
		return NULL;
	return node->text;
}

int
enode_is_scalar(const struct enode *node)
{
	const char *t = enode_text(node);
	return t != NULL && *t != '\0';
}

int
enode_bool(const struct enode *node, int *out)
{
	const char *t = enode_text(node);
	if (t == NULL)
		return -1;
	static const char *const yes[] = {"true", "yes", "on", "1"};
	static const char *const no[] = {"false", "no", "off", "0"};
	for (size_t i = 0; i < nitems(yes); i++) {
		if (strcasecmp(t, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(t, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

cJSON *
enode_to_json(const struct enode *node)
{
	if (node == NULL)
		return cJSON_CreateNull();
	switch (node->type) {
	case EN_NULL:
		return cJSON_CreateNull();
	case EN_BOOL: {
		int b = 0;
		enode_bool(node, &b);
		return cJSON_CreateBool(b);
	}
	case EN_NUMBER:
		return cJSON_CreateNumber(strtod(node->text, NULL));
	case EN_STRING:
		return cJSON_CreateString(node->text);
	case EN_LIST:
	case EN_MAP: {
		cJSON *j = node->type == EN_LIST ? cJSON_CreateArray() : cJSON_CreateObject();
		for (const struct enode *c = node->child; c != NULL; c = c->next) {
			if (node->type == EN_LIST)
				cJSON_AddItemToArray(j, enode_to_json(c));
			else
				cJSON_AddItemToObject(j, c->key, enode_to_json(c));
		}
		return j;
	}
	}
	return cJSON_CreateNull();
}
