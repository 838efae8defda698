/*
 * Neon: a Postgres project's branches and databases over the v2 API
 * (https://console.neon.tech/api/v2), and SQL through psql.
 *
 * Remote type neon-project: projectId, apiKey (secret), defaultBranch.
 * Branch commands take an optional PROJECT first (a project's name or id,
 * as `chitty neon branch create chittyos-core feature-oauth`); database
 * commands and `neon query` work on defaultBranch, else the project's
 * default branch, unless --branch says otherwise.
 *
 * Lists page by cursor: pagination.next (branches) or pagination.cursor
 * (projects), sent back as ?cursor=.
 *
 * `neon query SQL` asks the API for the branch's connection URI and runs
 * psql on it, the password passed in PGPASSWORD (never on the command
 * line, where other users could read it) and masked like any secret.
 */
#include "build-config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cjson/cJSON.h>

#include "api.h"
#include "args.h"
#include "exec-proc.h"
#include "exec-runtime.h"
#include "item.h"
#include "jsonutil.h"
#include "provider.h"
#include "remote-conf.h"
#include "strbuf.h"
#include "xmalloc.h"

#define NEON_API        "https://console.neon.tech/api/v2"
#define NEON_CONSOLE    "https://console.neon.tech/app/projects"
#define NEON_PAGE_SIZE  100
#define NEON_FEED_LIMIT 1000

extern char **environ;

static const struct provider_field neon_fields[] = {
	{
		.name = "projectId",
		.title = "Project ID",
		.description =
			"the project's id (Settings → General), such as winter-frost-26518790",
		.placeholder = "winter-frost-26518790",
		.flags = FIELD_REQUIRED,
	},
	{
		.name = "apiKey",
		.title = "API key",
		.description = "a Neon API key (Account settings → API keys); env:NAME or "
			       "cmd:COMMAND keeps it out of this file",
		.placeholder = "env:NEON_API_KEY",
		.flags = FIELD_REQUIRED | FIELD_SECRET,
	},
	{
		.name = "defaultBranch",
		.title = "Default branch",
		.description = "the branch db and query commands use (a name or id); default: the "
			       "project's default branch",
		.placeholder = "main",
	},
	{NULL},
};

/* ------------------------------------------------------------------ API */

static int
neon_setup(struct remote *r, struct api_client *c, char **cause)
{
	const char *key = remote_need(r, "apiKey", cause);
	if (key == NULL)
		return -1;
	char *auth = xasprintf("Authorization: Bearer %s", key);
	api_client_add_header(c, auth);
	free(auth);
	api_client_add_header(c, "Accept: application/json");
	return 0;
}

/* "/projects/<id><suffix>", the id encoded: a new string. */
static char *
project_path(const char *pid, const char *suffix)
{
	char *enc = http_url_encode(pid);
	char *path = xasprintf("/projects/%s%s", enc, suffix);
	free(enc);
	return path;
}

static cJSON *
neon_call(struct remote *r, const char *method, const char *path, const struct strv *query,
	  const cJSON *body, char **cause)
{
	struct api_client *c = remote_api(r, cause);
	if (c == NULL)
		return NULL;
	struct api_request req = {.method = method, .path = path, .query = query, .json = body};
	return api_request_json(c, &req, cause);
}

/* A cursor-paged list: items under key, the next cursor at cursor_path. */
static cJSON *
neon_list(struct remote *r, const char *path, const struct strv *query, const char *key,
	  const char *cursor_path, long limit, char **cause)
{
	struct api_client *c = remote_api(r, cause);
	if (c == NULL)
		return NULL;
	struct api_list list = {
		.request = {.path = path, .query = query},
		.items = key,
		.paging = cursor_path != NULL ? API_PAGING_CURSOR : API_PAGING_NONE,
		.per_page_param = cursor_path != NULL ? "limit" : NULL,
		.per_page = cursor_path != NULL ? NEON_PAGE_SIZE : 0,
		.cursor_param = "cursor",
		.cursor_path = cursor_path,
		.limit = limit,
	};
	return api_list_all(c, &list, cause);
}

static char *
console_url(const char *pid, const char *branch_id)
{
	if (branch_id == NULL)
		return xasprintf(NEON_CONSOLE "/%s", pid);
	return xasprintf(NEON_CONSOLE "/%s/branches/%s", pid, branch_id);
}

/* ------------------------------------------------------------- projects */

/*
 * The project a command means: the remote's, or want (a project's id or
 * name, looked up with ?search=).  A new string, or NULL with *cause.
 */
static char *
project_id(struct remote *r, const char *want, char **cause)
{
	const char *own = remote_need(r, "projectId", cause);
	if (own == NULL)
		return NULL;
	if (want == NULL || strcmp(want, own) == 0)
		return xstrdup(own);
	struct strv query = STRV_INIT;
	api_query_add(&query, "search", want);
	cJSON *projects =
		neon_list(r, "/projects", &query, "projects", "pagination.cursor", 0, cause);
	strv_free(&query);
	if (projects == NULL)
		return NULL;
	char *id = NULL;
	const cJSON *p;
	cJSON_ArrayForEach (p, projects) {
		const char *pid = json_string(p, "id"), *name = json_string(p, "name");
		if ((pid != NULL && strcmp(pid, want) == 0) ||
		    (name != NULL && strcmp(name, want) == 0)) {
			id = xstrdup_or_null(pid);
			break;
		}
	}
	if (id == NULL)
		set_cause(cause, "Neon: no project '%s' that the key can see", want);
	cJSON_Delete(projects);
	return id;
}

static cJSON *
get_project(struct remote *r, const char *pid, char **cause)
{
	char *path = project_path(pid, "");
	cJSON *res = neon_call(r, "GET", path, NULL, NULL, cause);
	free(path);
	cJSON *project = cJSON_DetachItemFromObjectCaseSensitive(res, "project");
	if (res != NULL && !cJSON_IsObject(project)) {
		set_cause(cause, "Neon: unexpected response (no project)");
		cJSON_Delete(project);
		project = NULL;
	}
	cJSON_Delete(res);
	return project;
}

/* ------------------------------------------------------------- branches */

static cJSON *
list_branches(struct remote *r, const char *pid, long limit, char **cause)
{
	char *path = project_path(pid, "/branches");
	cJSON *branches = neon_list(r, path, NULL, "branches", "pagination.next", limit, cause);
	free(path);
	return branches;
}

static int
is_default(const cJSON *b)
{
	return json_bool(b, "default", 0) || json_bool(b, "primary", 0);
}

/* The branch's id as a path segment: a new string, or NULL with *cause set. */
static char *
branch_segment(const cJSON *b, char **cause)
{
	return provider_path_segment(json_string(b, "id"), "Neon branch id", cause);
}

/*
 * A branch of the project by name or id; want NULL: the remote's
 * defaultBranch, else the project's default branch.  A new object, or NULL.
 */
static cJSON *
find_branch(struct remote *r, const char *pid, const char *want, char **cause)
{
	if (want == NULL)
		want = remote_opt(r, "defaultBranch");
	cJSON *branches = list_branches(r, pid, 0, cause);
	if (branches == NULL)
		return NULL;
	cJSON *found = NULL;
	struct strv names = STRV_INIT;
	cJSON *b;
	cJSON_ArrayForEach (b, branches) {
		const char *id = json_string(b, "id"), *name = json_string(b, "name");
		if (name != NULL)
			strv_push(&names, name);
		if (found != NULL)
			continue;
		if (want == NULL ? is_default(b)
				 : (id != NULL && strcmp(id, want) == 0) ||
					   (name != NULL && strcmp(name, want) == 0))
			found = b;
	}
	char *seg = NULL;
	if (found != NULL && (seg = branch_segment(found, cause)) == NULL)
		found = NULL; /* an odd answer: the branch has no id to name it by */
	else if (found != NULL)
		found = cJSON_DetachItemViaPointer(branches, found);
	else if (want == NULL)
		set_cause(cause, "Neon: project %s has no default branch", pid);
	else {
		char *list = provider_name_list(&names, 10);
		set_cause(cause, "Neon: no branch '%s' in project %s (branches: %s)", want, pid,
			  list);
		free(list);
	}
	free(seg);
	strv_free(&names);
	cJSON_Delete(branches);
	return found;
}

static cJSON *
branch_row(const char *pid, const cJSON *b)
{
	const char *id = json_string(b, "id");
	char *url = console_url(pid, id);
	char *name = provider_clean_text(json_string(b, "name"), 0, 0);
	cJSON *row = provider_row(id, name, url);
	free(name);
	free(url);
	provider_row_string(row, "project", pid);
	cJSON_AddBoolToObject(row, "default", is_default(b));
	cJSON_AddBoolToObject(row, "protected", json_bool(b, "protected", 0));
	provider_row_string(row, "state", json_string(b, "current_state"));
	provider_row_string(row, "parent_id", json_string(b, "parent_id"));
	provider_row_string(row, "created_at", json_string(b, "created_at"));
	provider_row_string(row, "updated_at", json_string(b, "updated_at"));
	return row;
}

/* Branch verbs' arguments: [PROJECT] NAME (or [PROJECT] for list). */
static char *
branch_project(const struct verb_call *call, int named, char **cause)
{
	const struct args *args = call->args;
	const char *project = args->argc > named ? args->argv[0] : NULL;
	return project_id(call->remote, project, cause);
}

static int
branch_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	long limit = provider_limit(call->args, 1000, cause);
	if (limit == -1)
		return VERB_USAGE;
	char *pid = branch_project(call, 0, cause);
	if (pid == NULL)
		return -1;
	cJSON *branches = list_branches(call->remote, pid, limit, cause);
	if (branches != NULL) {
		out->rows = cJSON_CreateArray();
		const cJSON *b;
		cJSON_ArrayForEach (b, branches)
			cJSON_AddItemToArray(out->rows, branch_row(pid, b));
	}
	cJSON_Delete(branches);
	free(pid);
	return out->rows != NULL ? 0 : -1;
}

static int
branch_create_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	const char *name = args->argv[args->argc - 1];
	if (*name == '\0') {
		set_cause(cause, "a branch needs a name");
		return VERB_USAGE;
	}
	char *pid = branch_project(call, 1, cause);
	if (pid == NULL)
		return -1;
	cJSON *body = cJSON_CreateObject();
	cJSON *branch = cJSON_AddObjectToObject(body, "branch");
	cJSON_AddStringToObject(branch, "name", name);
	const char *parent = args_get(args, "parent");
	if (parent != NULL) {
		cJSON *p = find_branch(call->remote, pid, parent, cause);
		if (p == NULL) {
			cJSON_Delete(body);
			free(pid);
			return -1;
		}
		cJSON_AddStringToObject(branch, "parent_id", json_string(p, "id"));
		cJSON_Delete(p);
	}
	cJSON *endpoint = cJSON_CreateObject();
	cJSON_AddStringToObject(endpoint, "type", "read_write");
	cJSON_AddItemToArray(cJSON_AddArrayToObject(body, "endpoints"), endpoint);
	char *path = project_path(pid, "/branches");
	cJSON *res = neon_call(call->remote, "POST", path, NULL, body, cause);
	free(path);
	cJSON_Delete(body);
	const cJSON *created = cJSON_GetObjectItemCaseSensitive(res, "branch");
	int rc = -1;
	if (res != NULL && !cJSON_IsObject(created))
		set_cause(cause, "Neon: unexpected response (no branch)");
	else if (res != NULL) {
		/* The response carries connection URIs with passwords: never shown. */
		out->rows = cJSON_CreateArray();
		cJSON *row = branch_row(pid, created);
		cJSON_AddItemToArray(out->rows, row);
		out->text = xasprintf("Created branch %s (%s): %s",
				      provider_or_unknown(json_string(row, "title")),
				      provider_or_unknown(json_string(row, "id")),
				      provider_or_unknown(json_string(row, "url")));
		rc = 0;
	}
	cJSON_Delete(res);
	free(pid);
	return rc;
}

static int
branch_delete_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	char *pid = branch_project(call, 1, cause);
	if (pid == NULL)
		return -1;
	cJSON *b = find_branch(call->remote, pid, args->argv[args->argc - 1], cause);
	if (b == NULL) {
		free(pid);
		return -1;
	}
	char *seg = branch_segment(b, cause);
	char *suffix = xasprintf("/branches/%s", seg);
	char *path = project_path(pid, suffix);
	cJSON *res = neon_call(call->remote, "DELETE", path, NULL, NULL, cause);
	free(path);
	free(suffix);
	free(seg);
	if (res != NULL) {
		out->rows = cJSON_CreateArray();
		cJSON *row = branch_row(pid, b);
		cJSON_AddItemToArray(out->rows, row);
		out->text = xasprintf("Deleted branch %s (%s)",
				      provider_or_unknown(json_string(row, "title")),
				      provider_or_unknown(json_string(row, "id")));
	}
	cJSON_Delete(res);
	cJSON_Delete(b);
	free(pid);
	return out->rows != NULL ? 0 : -1;
}

/* ------------------------------------------------------------ databases */

/* The branch db commands and query work on: --branch, defaultBranch or the default. */
static cJSON *
work_branch(struct remote *r, const struct args *args, char **pid, char **cause)
{
	*pid = project_id(r, NULL, cause);
	if (*pid == NULL)
		return NULL;
	cJSON *b = find_branch(r, *pid, args != NULL ? args_get(args, "branch") : NULL, cause);
	if (b == NULL) {
		free(*pid);
		*pid = NULL;
	}
	return b;
}

/* The branch's databases, or one of them: a new path, or NULL with *cause set. */
static char *
databases_path(const char *pid, const cJSON *branch, const char *name, char **cause)
{
	char *bid = branch_segment(branch, cause);
	char *db = name != NULL && bid != NULL ? provider_path_segment(name, "database name", cause)
					       : NULL;
	char *path = NULL;
	if (bid != NULL && (name == NULL || db != NULL)) {
		char *suffix = xasprintf("/branches/%s/databases%s%s", bid, db != NULL ? "/" : "",
					 db != NULL ? db : "");
		path = project_path(pid, suffix);
		free(suffix);
	}
	free(db);
	free(bid);
	return path;
}

static cJSON *
list_databases(struct remote *r, const char *pid, const cJSON *branch, char **cause)
{
	char *path = databases_path(pid, branch, NULL, cause);
	if (path == NULL)
		return NULL;
	cJSON *dbs = neon_list(r, path, NULL, "databases", NULL, 0, cause);
	free(path);
	return dbs;
}

static cJSON *
database_row(const char *pid, const cJSON *branch, const cJSON *db)
{
	char *url = console_url(pid, json_string(branch, "id"));
	const char *name = json_string(db, "name");
	cJSON *row = provider_row(name, name, url);
	free(url);
	provider_row_string(row, "owner", json_string(db, "owner_name"));
	provider_row_string(row, "branch", json_string(branch, "name"));
	provider_row_string(row, "branch_id", json_string(branch, "id"));
	provider_row_string(row, "created_at", json_string(db, "created_at"));
	return row;
}

static int
db_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	char *pid;
	cJSON *branch = work_branch(call->remote, call->args, &pid, cause);
	if (branch == NULL)
		return -1;
	cJSON *dbs = list_databases(call->remote, pid, branch, cause);
	if (dbs != NULL) {
		out->rows = cJSON_CreateArray();
		const cJSON *db;
		cJSON_ArrayForEach (db, dbs)
			cJSON_AddItemToArray(out->rows, database_row(pid, branch, db));
	}
	cJSON_Delete(dbs);
	cJSON_Delete(branch);
	free(pid);
	return out->rows != NULL ? 0 : -1;
}

static int
db_create_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const char *name = call->args->argv[0];
	if (*name == '\0') {
		set_cause(cause, "a database needs a name");
		return VERB_USAGE;
	}
	char *pid;
	cJSON *branch = work_branch(call->remote, call->args, &pid, cause);
	if (branch == NULL)
		return -1;
	char *owner = xstrdup_or_null(args_get(call->args, "owner"));
	if (owner == NULL) {
		/* The role that owns the branch's databases already, as the console does. */
		cJSON *dbs = list_databases(call->remote, pid, branch, cause);
		const char *first = json_string(cJSON_GetArrayItem(dbs, 0), "owner_name");
		owner = xstrdup_or_null(first);
		if (dbs != NULL && owner == NULL)
			set_cause(cause,
				  "branch %s has no database to take an owner from: give "
				  "--owner ROLE",
				  json_string(branch, "name"));
		cJSON_Delete(dbs);
	}
	int rc = -1;
	if (owner != NULL) {
		cJSON *body = cJSON_CreateObject();
		cJSON *db = cJSON_AddObjectToObject(body, "database");
		cJSON_AddStringToObject(db, "name", name);
		cJSON_AddStringToObject(db, "owner_name", owner);
		char *path = databases_path(pid, branch, NULL, cause);
		cJSON *res = path != NULL ? neon_call(call->remote, "POST", path, NULL, body, cause)
					  : NULL;
		free(path);
		cJSON_Delete(body);
		const cJSON *created = cJSON_GetObjectItemCaseSensitive(res, "database");
		if (cJSON_IsObject(created)) {
			out->rows = cJSON_CreateArray();
			cJSON_AddItemToArray(out->rows, database_row(pid, branch, created));
			out->text = xasprintf("Created database %s (owner %s) on branch %s",
					      provider_or_unknown(json_string(created, "name")),
					      provider_or_unknown(owner),
					      provider_or_unknown(json_string(branch, "name")));
			rc = 0;
		} else if (res != NULL)
			set_cause(cause, "Neon: unexpected response (no database)");
		cJSON_Delete(res);
	}
	free(owner);
	cJSON_Delete(branch);
	free(pid);
	return rc;
}

static int
db_delete_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const char *name = call->args->argv[0];
	char *seg = provider_path_segment(name, "database name", cause);
	if (seg == NULL)
		return VERB_USAGE;
	free(seg);
	char *pid;
	cJSON *branch = work_branch(call->remote, call->args, &pid, cause);
	if (branch == NULL)
		return -1;
	char *path = databases_path(pid, branch, name, cause);
	cJSON *res =
		path != NULL ? neon_call(call->remote, "DELETE", path, NULL, NULL, cause) : NULL;
	free(path);
	int rc = res != NULL ? 0 : -1;
	if (res != NULL)
		out->text = xasprintf("Deleted database %s from branch %s", name,
				      provider_or_unknown(json_string(branch, "name")));
	cJSON_Delete(res);
	cJSON_Delete(branch);
	free(pid);
	return rc;
}

/* ---------------------------------------------------------------- query */

static int
hexval(int c)
{
	return isdigit(c) ? c - '0' : tolower(c) - 'a' + 10;
}

/* Percent-decode s[0..n): a new string. */
static char *
url_decode(const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '%' && i + 2 < n && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			sb_addc(&sb, (char)(hexval((unsigned char)s[i + 1]) * 16 +
					    hexval((unsigned char)s[i + 2])));
			i += 2;
		} else
			sb_addc(&sb, s[i]);
	}
	return sb_detach(&sb);
}

/*
 * Split a postgresql:// URI's password out: *without gets the URI without
 * it, *password the decoded password (NULL when there is none).
 */
static void
split_password(const char *uri, char **without, char **password)
{
	*password = NULL;
	const char *auth = strstr(uri, "://");
	if (auth == NULL) {
		*without = xstrdup(uri);
		return;
	}
	auth += 3;
	size_t host_end = strcspn(auth, "/?#");
	const char *at = NULL;
	for (const char *p = auth; p < auth + host_end; p++)
		if (*p == '@')
			at = p;
	const char *colon = at != NULL ? memchr(auth, ':', (size_t)(at - auth)) : NULL;
	if (colon == NULL) {
		*without = xstrdup(uri);
		return;
	}
	*password = url_decode(colon + 1, (size_t)(at - colon - 1));
	*without = xasprintf("%.*s%s", (int)(colon - uri), uri, at);
}

/* environ without PGPASSWORD, plus PGPASSWORD=password: a new NULL-terminated array. */
static char **
psql_env(const char *password, struct strv *keep)
{
	for (char **e = environ; e != NULL && *e != NULL; e++)
		if (strncmp(*e, "PGPASSWORD=", 11) != 0)
			strv_push(keep, *e);
	if (password != NULL)
		strv_push_owned(keep, xasprintf("PGPASSWORD=%s", password));
	strv_push(keep, "PGAPPNAME=chitty");
	char **envp = xcalloc(keep->n + 1, sizeof *envp);
	for (size_t i = 0; i < keep->n; i++)
		envp[i] = keep->v[i];
	return envp;
}

static char *
connection_uri(struct remote *r, const char *pid, const cJSON *branch, const char *database,
	       const char *role, char **cause)
{
	struct strv query = STRV_INIT;
	api_query_add(&query, "branch_id", json_string(branch, "id"));
	api_query_add(&query, "database_name", database);
	api_query_add(&query, "role_name", role);
	char *path = project_path(pid, "/connection_uri");
	cJSON *res = neon_call(r, "GET", path, &query, NULL, cause);
	free(path);
	strv_free(&query);
	char *uri = xstrdup_or_null(json_string(res, "uri"));
	if (res != NULL && uri == NULL)
		set_cause(cause, "Neon: unexpected response (no connection URI)");
	cJSON_Delete(res);
	return uri;
}

static int
query_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	if (call->json) {
		set_cause(cause, "neon query prints psql's own output; --json is not supported");
		return VERB_USAGE;
	}
	if (*args->argv[0] == '\0') {
		set_cause(cause, "give an SQL statement");
		return VERB_USAGE;
	}
	const char *psql = runtime_which("psql");
	if (psql == NULL) {
		set_cause(cause, "neon query runs psql, which is not on PATH (Debian, Ubuntu: apt "
				 "install postgresql-client; macOS: brew install libpq)");
		return -1;
	}
	char *pid;
	cJSON *branch = work_branch(call->remote, args, &pid, cause);
	if (branch == NULL)
		return -1;
	char *database = xstrdup_or_null(args_get(args, "database"));
	char *role = xstrdup_or_null(args_get(args, "role"));
	int rc = -1;
	if (database == NULL || role == NULL) {
		/* The branch's first database (neondb on a new project), and its owner. */
		cJSON *dbs = list_databases(call->remote, pid, branch, cause);
		const cJSON *pick = NULL, *db;
		cJSON_ArrayForEach (db, dbs) {
			const char *name = json_string(db, "name");
			if (database == NULL || (name != NULL && strcmp(name, database) == 0)) {
				pick = db;
				break;
			}
		}
		if (dbs != NULL && pick == NULL)
			set_cause(cause, "branch %s has no database%s%s",
				  json_string(branch, "name"), database != NULL ? " " : "",
				  database != NULL ? database : "");
		if (pick != NULL && database == NULL)
			database = xstrdup_or_null(json_string(pick, "name"));
		if (pick != NULL && role == NULL)
			role = xstrdup_or_null(json_string(pick, "owner_name"));
		cJSON_Delete(dbs);
	}
	char *uri = database != NULL && role != NULL
			    ? connection_uri(call->remote, pid, branch, database, role, cause)
			    : NULL;
	if (uri != NULL) {
		char *bare, *password;
		split_password(uri, &bare, &password);
		remote_add_secret(call->remote, password);
		remote_add_secret(call->remote, uri);
		struct strv env = STRV_INIT;
		char **envp = psql_env(password, &env);
		const char *argv[] = {psql, "-v", "ON_ERROR_STOP=1", "-d",
				      bare, "-c", args->argv[0],     NULL};
		fflush(stdout);
		int status = proc_run_foreground(argv, envp, cause);
		if (status == 0) {
			rc = 0;
			out->text = xstrdup(""); /* psql printed the result */
		} else if (status > 0)
			set_cause(cause, "psql exited with status %d", status);
		free(envp);
		strv_free(&env);
		free(bare);
		free(password);
		free(uri);
	}
	free(role);
	free(database);
	cJSON_Delete(branch);
	free(pid);
	return rc;
}

/* ---------------------------------------------------------------- feeds */

static struct item *
branch_item(struct remote *r, const char *project_name, const cJSON *row)
{
	const char *id = json_string(row, "id");
	struct item *item = provider_item_create(r, "branch", id, json_string(row, "title"));
	char *sub = xasprintf("Neon branch · %s", project_name);
	item_set(&item->subtitle, sub);
	free(sub);
	item_add_keyword(item, "branch");
	item_add_keyword(item, id);
	int def = json_bool(row, "default", 0), prot = json_bool(row, "protected", 0);
	if (def)
		item_add_accessory(item, ACC_TAG, "default");
	if (prot)
		item_add_accessory(item, ACC_TAG, "protected");
	const char *state = json_string(row, "state");
	if (state != NULL)
		item_add_accessory(item, ACC_STATUS, state);
	char *updated = provider_date(json_string(row, "updated_at"));
	char *created = provider_date(json_string(row, "created_at"));
	if (*updated != '\0')
		item_add_accessory(item, ACC_DATE, updated);
	struct strbuf md = STRBUF_INIT;
	sb_addf(&md, "# %s\n\n**Neon branch** · project %s%s\n\n", json_string(row, "title"),
		project_name, def ? " · default branch" : "");
	sb_addf(&md, "- ID: %s\n", id);
	sb_addf(&md, "- State: %s\n", state != NULL ? state : "?");
	if (json_string(row, "parent_id") != NULL)
		sb_addf(&md, "- Parent: %s\n", json_string(row, "parent_id"));
	sb_addf(&md, "- Created %s · updated %s\n", created, updated);
	item_set(&item->preview, sb_str(&md));
	sb_free(&md);
	free(created);
	free(updated);
	provider_item_add_open(item, json_string(row, "url"), "Open in Neon Console");
	item_add_action(item, ACTION_COPY, "copy-id", "Copy Branch ID", id);
	item_add_action(item, ACTION_COPY, "copy-name", "Copy Branch Name",
			json_string(row, "title"));
	if (!def && !prot)
		provider_item_add_verb(item, r, "delete", "Delete Branch", "branch delete", id, 1,
				       1);
	return item;
}

static struct item *
database_item(struct remote *r, const cJSON *row)
{
	const char *name = json_string(row, "id");
	char *local = xasprintf("%s/%s", json_string(row, "branch_id"), name);
	char *title = provider_clean_text(name, 0, 0);
	struct item *item = provider_item_create(r, "database", local, title);
	char *sub = xasprintf("Neon database · branch %s", json_string(row, "branch"));
	item_set(&item->subtitle, sub);
	free(sub);
	item_add_keyword(item, "database");
	item_add_keyword(item, "postgres");
	const char *owner = json_string(row, "owner");
	if (owner != NULL)
		item_add_accessory(item, ACC_TEXT, owner);
	struct strbuf md = STRBUF_INIT;
	sb_addf(&md, "# %s\n\n**Neon database** · branch %s\n\n", title,
		json_string(row, "branch"));
	sb_addf(&md, "- Owner: %s\n", owner != NULL ? owner : "?");
	char *created = provider_date(json_string(row, "created_at"));
	sb_addf(&md, "- Created %s\n", created);
	free(created);
	sb_addf(&md, "- Query: `chitty neon query --database %s \"SELECT …\"`\n", title);
	item_set(&item->preview, sb_str(&md));
	sb_free(&md);
	provider_item_add_open(item, json_string(row, "url"), "Open in Neon Console");
	item_add_action(item, ACTION_COPY, "copy-name", "Copy Database Name", name);
	free(title);
	free(local);
	return item;
}

static int
feed_neon(struct remote *r, struct item_list *out, char **cause)
{
	char *pid = project_id(r, NULL, cause);
	cJSON *project = pid != NULL ? get_project(r, pid, cause) : NULL;
	cJSON *branches = project != NULL ? list_branches(r, pid, NEON_FEED_LIMIT, cause) : NULL;
	int rc = -1;
	if (branches != NULL) {
		char *pname = provider_clean_text(json_string(project, "name"), 0, 100);
		const cJSON *b, *def = NULL;
		const char *want = remote_opt(r, "defaultBranch");
		cJSON_ArrayForEach (b, branches) {
			cJSON *row = branch_row(pid, b);
			item_list_push(out, branch_item(r, pname, row));
			cJSON_Delete(row);
			const char *id = json_string(b, "id"), *name = json_string(b, "name");
			if (want != NULL ? (id != NULL && strcmp(id, want) == 0) ||
						   (name != NULL && strcmp(name, want) == 0)
					 : is_default(b) && def == NULL)
				def = b;
		}
		free(pname);
		cJSON *dbs = def != NULL ? list_databases(r, pid, def, cause) : cJSON_CreateArray();
		if (dbs != NULL) {
			const cJSON *db;
			cJSON_ArrayForEach (db, dbs) {
				cJSON *row = database_row(pid, def, db);
				item_list_push(out, database_item(r, row));
				cJSON_Delete(row);
			}
			rc = 0;
		}
		cJSON_Delete(dbs);
	}
	cJSON_Delete(branches);
	cJSON_Delete(project);
	free(pid);
	return rc;
}

/* ---------------------------------------------------- test and web page */

static int
neon_test(struct remote *r, char **message, char **cause)
{
	char *pid = project_id(r, NULL, cause);
	cJSON *project = pid != NULL ? get_project(r, pid, cause) : NULL;
	if (project != NULL)
		*message = xasprintf(
			"Neon: connected to project \"%s\" (%s)",
			json_string(project, "name") ? json_string(project, "name") : "?", pid);
	int rc = project != NULL ? 0 : -1;
	cJSON_Delete(project);
	free(pid);
	return rc;
}

static char *
neon_web_url(struct remote *r, char **cause)
{
	const char *pid = remote_need(r, "projectId", cause);
	return pid != NULL ? console_url(pid, NULL) : NULL;
}

/* ---------------------------------------------------------------- table */

static const struct cmd_option branch_option[] = {
	{"branch", 'b', ARG_REQUIRED, "BRANCH",
	 "the branch (default: defaultBranch, else the "
	 "project's default)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option db_create_options[] = {
	{"owner", 'o', ARG_REQUIRED, "ROLE",
	 "the owning role (default: the owner of the "
	 "branch's databases)"},
	{"branch", 'b', ARG_REQUIRED, "BRANCH",
	 "the branch (default: defaultBranch, else the "
	 "project's default)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option branch_list_options[] = {
	{"limit", 'n', ARG_REQUIRED, "N", "at most N branches (default 1000)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option branch_create_options[] = {
	{"parent", 'p', ARG_REQUIRED, "BRANCH",
	 "branch from BRANCH (default: the default "
	 "branch)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option query_options[] = {
	{"branch", 'b', ARG_REQUIRED, "BRANCH",
	 "the branch (default: defaultBranch, else the "
	 "project's default)"},
	{"database", 'd', ARG_REQUIRED, "NAME", "the database (default: the branch's first)"},
	{"role", 'U', ARG_REQUIRED, "ROLE", "connect as ROLE (default: the database's owner)"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct provider_column db_columns[] = {
	{"NAME", "id"}, {"OWNER", "owner"}, {"BRANCH", "branch"}, {"CREATED", "created_at"},
	{NULL, NULL},
};
static const struct provider_column branch_columns[] = {
	{"NAME", "title"},         {"ID", "id"}, {"DEFAULT", "default"}, {"STATE", "state"},
	{"CREATED", "created_at"}, {NULL, NULL},
};

static const struct provider_verb db_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "[--branch BRANCH]",
	.summary = "List the branch's databases",
	.options = branch_option,
	.args_max = 0,
	.columns = db_columns,
	.exec = db_list_exec,
};
static const struct provider_verb db_create = {
	.name = "create",
	.aliases = (const char *const[]){"new", NULL},
	.usage = "NAME [--owner ROLE] [--branch BRANCH]",
	.summary = "Create a database",
	.options = db_create_options,
	.args_min = 1,
	.args_max = 1,
	.columns = db_columns,
	.exec = db_create_exec,
};
static const struct provider_verb db_delete = {
	.name = "delete",
	.aliases = (const char *const[]){"rm", "drop", NULL},
	.usage = "NAME [--branch BRANCH]",
	.summary = "Delete a database",
	.options = branch_option,
	.args_min = 1,
	.args_max = 1,
	.exec = db_delete_exec,
};
static const struct provider_verb *const db_verbs[] = {&db_list, &db_create, &db_delete, NULL};
static const struct provider_resource db_resource = {
	.name = "db",
	.aliases = (const char *const[]){"databases", "database", NULL},
	.summary = "Databases of a branch",
	.verbs = db_verbs,
};

static const struct provider_verb branch_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "[PROJECT] [--limit N]",
	.summary = "List the project's branches",
	.options = branch_list_options,
	.args_max = 1,
	.columns = branch_columns,
	.exec = branch_list_exec,
};
static const struct provider_verb branch_create = {
	.name = "create",
	.aliases = (const char *const[]){"new", NULL},
	.usage = "[PROJECT] NAME [--parent BRANCH]",
	.summary = "Create a branch (with a read-write compute)",
	.options = branch_create_options,
	.args_min = 1,
	.args_max = 2,
	.columns = branch_columns,
	.exec = branch_create_exec,
};
static const struct provider_verb branch_delete = {
	.name = "delete",
	.aliases = (const char *const[]){"rm", NULL},
	.usage = "[PROJECT] BRANCH",
	.summary = "Delete a branch (by name or id)",
	.args_min = 1,
	.args_max = 2,
	.columns = branch_columns,
	.exec = branch_delete_exec,
};
static const struct provider_verb *const branch_verbs[] = {&branch_list, &branch_create,
							   &branch_delete, NULL};
static const struct provider_resource branch_resource = {
	.name = "branch",
	.aliases = (const char *const[]){"branches", NULL},
	.summary = "Branches of the project (or of PROJECT)",
	.verbs = branch_verbs,
};

static const struct provider_verb query_verb = {
	.name = "query",
	.usage = "SQL [--branch BRANCH] [--database NAME] [--role ROLE]",
	.summary = "Run SQL with psql on the branch",
	.options = query_options,
	.args_min = 1,
	.args_max = 1,
	.exec = query_exec,
};
static const struct provider_resource query_resource = {
	.name = "query",
	.aliases = (const char *const[]){"sql", NULL},
	.summary = "Run SQL with psql",
	.run = &query_verb,
};

static const struct provider_resource *const neon_resources[] = {
	&db_resource,
	&branch_resource,
	&query_resource,
	NULL,
};

static const struct provider_feed neon_feeds[] = {
	{"branches and databases", NULL, feed_neon},
	{NULL, NULL, NULL},
};

static const char *const neon_aliases[] = {NULL};
static const char *const neon_types[] = {"neon-project", NULL};

const struct provider neon_provider = {
	.name = "neon",
	.aliases = neon_aliases,
	.types = neon_types,
	.title = "Neon",
	.summary = "Neon Postgres projects, branches and databases",
	.built = 1,
	.icon = "🐘",
	.api_url = NEON_API,
	.fields = neon_fields,
	.resources = neon_resources,
	.feeds = neon_feeds,
	.setup_api = neon_setup,
	.test = neon_test,
	.web_url = neon_web_url,
};
