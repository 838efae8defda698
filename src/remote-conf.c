#include "build-config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <cjson/cJSON.h>

#include "api.h"
#include "config.h"
#include "jsonutil.h"
#include "msg.h"
#include "provider.h"
#include "remote-conf.h"
#include "secret.h"
#include "suggest.h"
#include "xmalloc.h"

#define REMOTE_MAX_FIELDS 32

struct config *
remotes_load_config(void)
{
	char *cause = NULL;
	struct config *config = config_load(NULL, &cause);
	if (config == NULL) {
		msg_error("%s", cause);
		free(cause);
	}
	return config;
}

void
remotes_list(const struct config *config, struct strv *names)
{
	const cJSON *remotes = config != NULL ? config_get(config, "remotes") : NULL;
	const cJSON *r;
	cJSON_ArrayForEach (r, (cJSON_IsObject(remotes) ? remotes : NULL)) {
		if (r->string != NULL)
			strv_push(names, r->string);
	}
}

cJSON *
remotes_get(const struct config *config, const char *name)
{
	cJSON *remotes = config != NULL ? config_get(config, "remotes") : NULL;
	if (!cJSON_IsObject(remotes))
		return NULL;
	return cJSON_GetObjectItemCaseSensitive(remotes, name);
}

const char *
remote_type_resolve(const char *name)
{
	if (name == NULL)
		return NULL;
	const struct provider *p = provider_for_type(name);
	if (p != NULL) {
		for (size_t i = 0; p->types[i] != NULL; i++)
			if (strcmp(p->types[i], name) == 0)
				return p->types[i];
	}
	p = provider_find(name);
	return p != NULL ? p->types[0] : NULL;
}

static const char *
conf_type(const cJSON *conf)
{
	return json_string(conf, "type");
}

struct remote *
remote_create(const char *name, const cJSON *conf, const char *config_path, char **cause)
{
	if (!cJSON_IsObject(conf)) {
		set_cause(cause, "remote '%s': not a JSON object in %s", name, config_path);
		return NULL;
	}
	const char *typed = conf_type(conf);
	if (typed == NULL) {
		set_cause(cause, "remote '%s' has no \"type\" in %s", name, config_path);
		return NULL;
	}
	const char *type = remote_type_resolve(typed);
	if (type == NULL) {
		struct strv types = STRV_INIT;
		provider_types(&types);
		const char *near = suggest_nearest(typed, (const char *const *)types.v, types.n);
		if (near != NULL)
			set_cause(cause, "remote '%s': unknown type '%s' (did you mean '%s'?)",
				  name, typed, near);
		else
			set_cause(cause, "remote '%s': unknown type '%s'", name, typed);
		strv_free(&types);
		return NULL;
	}
	const struct provider *p = provider_for_type(type);
	if (!provider_is_built(p)) {
		set_cause(cause, "remote '%s': %s remotes are not implemented yet", name, p->title);
		return NULL;
	}
	struct remote *r = xcalloc(1, sizeof *r);
	r->name = xstrdup(name);
	r->type = xstrdup(type);
	r->provider = p;
	r->conf = cJSON_Duplicate(conf, 1);
	r->config_path = xstrdup(config_path != NULL ? config_path : "config.json");
	return r;
}

struct remote *
remote_open(const struct config *config, const char *name, char **cause)
{
	const cJSON *conf = remotes_get(config, name);
	if (conf == NULL) {
		struct strv names = STRV_INIT;
		remotes_list(config, &names);
		const char *near = suggest_nearest(name, (const char *const *)names.v, names.n);
		if (near != NULL)
			set_cause(cause, "no remote '%s' (did you mean '%s'?)", name, near);
		else if (names.n == 0)
			set_cause(cause,
				  "no remote '%s': no remotes are configured (see 'chitty config "
				  "add')",
				  name);
		else
			set_cause(cause, "no remote '%s' (see 'chitty config list')", name);
		strv_free(&names);
		return NULL;
	}
	return remote_create(name, conf, config->path, cause);
}

void
remote_close(struct remote *r)
{
	if (r == NULL)
		return;
	api_client_free(r->api);
	cJSON_Delete(r->conf);
	free(r->name);
	free(r->type);
	free(r->config_path);
	strv_free(&r->secrets);
	strv_free(&r->resolved_names);
	strv_free(&r->resolved_values);
	free(r);
}

void
remote_add_secret(struct remote *r, const char *secret)
{
	if (secret == NULL || *secret == '\0' || strv_contains(&r->secrets, secret))
		return;
	strv_push(&r->secrets, secret);
	if (r->api != NULL)
		api_client_add_secret(r->api, secret);
}

char *
remote_scrub(const struct remote *r, const char *text)
{
	return secret_scrub(text, &r->secrets);
}

/*
 * A field's text: strings as they are (borrowed from r->conf), the schema's
 * default, or NULL; numbers and booleans printed into a new string (*owned).
 */
static const char *
raw_value(struct remote *r, const struct provider_field *f, const char *field, char **owned)
{
	const cJSON *v = cJSON_GetObjectItemCaseSensitive(r->conf, field);
	*owned = NULL;
	if (cJSON_IsString(v) && *v->valuestring != '\0')
		return v->valuestring;
	if (cJSON_IsNumber(v))
		return *owned = xasprintf("%.15g", v->valuedouble);
	if (cJSON_IsBool(v))
		return *owned = xstrdup(cJSON_IsTrue(v) ? "true" : "false");
	return f != NULL ? f->default_value : NULL;
}

/* Remember a value for the life of r; returns the kept copy. */
static const char *
keep_value(struct remote *r, const char *field, char *value)
{
	strv_push(&r->resolved_names, field);
	strv_push_owned(&r->resolved_values, value);
	return value;
}

static const char *
value_of(struct remote *r, const char *field, char **cause)
{
	long idx = strv_index(&r->resolved_names, field);
	if (idx >= 0)
		return r->resolved_values.v[idx];
	const struct provider_field *f = provider_field(r->provider, r->type, field);
	char *owned;
	const char *raw = raw_value(r, f, field, &owned);
	if (raw == NULL) {
		set_cause(cause, "remote '%s': \"%s\" is not set (chitty config show %s)", r->name,
			  field, r->name);
		return NULL;
	}
	if (f == NULL || !(f->flags & FIELD_SECRET))
		return owned != NULL ? keep_value(r, field, owned) : raw;
	char *what = xasprintf("remote '%s': %s", r->name, field);
	char *value = secret_resolve(raw, what, 0, cause);
	free(what);
	free(owned);
	if (value == NULL)
		return NULL;
	remote_add_secret(r, value);
	return keep_value(r, field, value);
}

const char *
remote_opt(struct remote *r, const char *field)
{
	char *cause = NULL;
	const char *v = value_of(r, field, &cause);
	free(cause);
	return v;
}

const char *
remote_need(struct remote *r, const char *field, char **cause)
{
	return value_of(r, field, cause);
}

static int
valid_http_url(const char *url)
{
	return (strncasecmp(url, "https://", 8) == 0 && url[8] != '\0') ||
	       (strncasecmp(url, "http://", 7) == 0 && url[7] != '\0');
}

struct api_client *
remote_api(struct remote *r, char **cause)
{
	if (r->api != NULL)
		return r->api;
	const char *base = json_string(r->conf, "apiUrl");
	if (base == NULL || *base == '\0')
		base = r->provider->api_url;
	if (base == NULL || r->provider->setup_api == NULL) {
		set_cause(cause, "remote '%s': %s has no web API", r->name, r->provider->title);
		return NULL;
	}
	if (!valid_http_url(base)) {
		set_cause(cause, "remote '%s': apiUrl must be an http:// or https:// URL", r->name);
		return NULL;
	}
	struct api_client *c = api_client_create(r->provider->title, base);
	if (r->max_wait > 0)
		api_client_set_max_wait(c, r->max_wait);
	if (r->cancel != NULL)
		api_client_set_cancel(c, r->cancel);
	char *why = NULL;
	if (r->provider->setup_api(r, c, &why) == -1) {
		api_client_free(c);
		if (cause != NULL)
			*cause = remote_scrub(r, why);
		free(why);
		return NULL;
	}
	for (size_t i = 0; i < r->secrets.n; i++)
		api_client_add_secret(c, r->secrets.v[i]);
	r->api = c;
	return c;
}

/* FNV-1a, 64 bits: a cheap, stable fingerprint (not a security boundary). */
static uint64_t
fnv1a(uint64_t h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++) {
		h ^= *p;
		h *= 0x100000001b3ULL;
	}
	return h;
}

char *
remote_fingerprint(const char *type, const cJSON *conf)
{
	const struct provider *p = provider_for_type(type);
	cJSON *copy = cJSON_Duplicate(conf, 1);
	cJSON_DeleteItemFromObjectCaseSensitive(copy, "ttl");
	cJSON *v;
	cJSON_ArrayForEach (v, copy) {
		const struct provider_field *f =
			p != NULL && v->string != NULL ? provider_field(p, type, v->string) : NULL;
		if (f != NULL && (f->flags & FIELD_SECRET) && cJSON_IsString(v) &&
		    !secret_is_reference(v->valuestring))
			cJSON_SetValuestring(v, "(literal)");
	}
	char *text = cJSON_PrintUnformatted(copy);
	uint64_t h = fnv1a(0xcbf29ce484222325ULL, type);
	h = fnv1a(h, "\n");
	h = fnv1a(h, text);
	cJSON_free(text);
	cJSON_Delete(copy);
	return xasprintf("%016llx", (unsigned long long)h);
}

long
remote_ttl(const cJSON *conf)
{
	const cJSON *ttl = cJSON_GetObjectItemCaseSensitive(conf, "ttl");
	if (cJSON_IsNumber(ttl) && ttl->valuedouble >= 1 && ttl->valuedouble < 1e9)
		return (long)ttl->valuedouble;
	if (cJSON_IsString(ttl) && *ttl->valuestring != '\0') {
		char *end;
		double n = strtod(ttl->valuestring, &end);
		if (*end == '\0' && n >= 1 && n < 1e9)
			return (long)n;
	}
	return REMOTE_DEFAULT_TTL;
}

int
remote_name_valid(const char *name)
{
	size_t len = strlen(name);
	if (len == 0 || len > 64)
		return 0;
	for (size_t i = 0; i < len; i++) {
		char c = name[i];
		int alnum =
			(c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return 0;
	}
	return 1;
}

static int
is_number_text(const char *s)
{
	char *end;
	if (*s == '\0')
		return 0;
	strtod(s, &end);
	return *end == '\0';
}

int
remote_conf_validate(const char *type, const cJSON *conf, char **cause)
{
	const struct provider *p = provider_for_type(type);
	if (p == NULL) {
		set_cause(cause, "unknown remote type '%s'", type);
		return -1;
	}
	const struct provider_field *fields[REMOTE_MAX_FIELDS];
	size_t n = provider_fields(p, type, fields, nitems(fields));
	for (size_t i = 0; i < n; i++) {
		const struct provider_field *f = fields[i];
		const cJSON *v = cJSON_GetObjectItemCaseSensitive(conf, f->name);
		int empty = v == NULL || cJSON_IsNull(v) ||
			    (cJSON_IsString(v) && *v->valuestring == '\0');
		if (empty) {
			if ((f->flags & FIELD_REQUIRED) && f->default_value == NULL) {
				set_cause(cause, "%s needs \"%s\" (%s)", type, f->name,
					  f->description);
				return -1;
			}
			continue;
		}
		if ((f->flags & FIELD_NUMBER) && !cJSON_IsNumber(v) &&
		    !(cJSON_IsString(v) && is_number_text(v->valuestring))) {
			set_cause(cause, "\"%s\" must be a number", f->name);
			return -1;
		}
		if ((f->flags & FIELD_JSON) && !cJSON_IsObject(v) && !cJSON_IsArray(v)) {
			set_cause(cause, "\"%s\" must be a JSON object or array", f->name);
			return -1;
		}
		if (!(f->flags & (FIELD_NUMBER | FIELD_JSON)) && !cJSON_IsString(v)) {
			set_cause(cause, "\"%s\" must be a string", f->name);
			return -1;
		}
	}
	const char *api_url = json_string(conf, "apiUrl");
	if (api_url != NULL && *api_url != '\0' && !valid_http_url(api_url)) {
		set_cause(cause, "\"apiUrl\" must be an http:// or https:// URL");
		return -1;
	}
	const cJSON *ttl = cJSON_GetObjectItemCaseSensitive(conf, "ttl");
	double secs = cJSON_IsNumber(ttl) ? ttl->valuedouble
		      : cJSON_IsString(ttl) && is_number_text(ttl->valuestring)
			      ? strtod(ttl->valuestring, NULL)
			      : 0;
	if (ttl != NULL && !(secs >= 1 && secs < 1e9)) {
		set_cause(cause, "\"ttl\" must be a number of seconds (at least 1)");
		return -1;
	}
	if (p->validate != NULL)
		return p->validate(conf, type, cause);
	return 0;
}

void
remotes_warn_loose_secrets(const struct config *config)
{
	static int warned;
	if (warned || config == NULL)
		return;
	struct stat st;
	if (stat(config->path, &st) != 0 || (st.st_mode & 077) == 0)
		return;
	const cJSON *remotes = config_get(config, "remotes");
	const cJSON *conf;
	cJSON_ArrayForEach (conf, (cJSON_IsObject(remotes) ? remotes : NULL)) {
		const char *type = remote_type_resolve(conf_type(conf));
		const struct provider *p = type != NULL ? provider_for_type(type) : NULL;
		if (p == NULL)
			continue;
		const cJSON *v;
		cJSON_ArrayForEach (v, conf) {
			const struct provider_field *f =
				v->string != NULL ? provider_field(p, type, v->string) : NULL;
			if (f == NULL || !(f->flags & FIELD_SECRET) || !cJSON_IsString(v) ||
			    *v->valuestring == '\0' || secret_is_reference(v->valuestring))
				continue;
			msg_warn("%s is readable by others and holds the %s of remote '%s' "
				 "(chmod 600 it, or use an env: or cmd: reference)",
				 config->path, f->name, conf->string);
			warned = 1;
			return;
		}
	}
}
