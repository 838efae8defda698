/*
 * GitHub: issues, Projects (v2) items and Actions over the REST and GraphQL
 * APIs (https://api.github.com; Enterprise: https://HOST/api/v3).
 *
 * Remote types: github-project (a project, and a repository's issues when
 * repo is set) and github-repo (a repository: issues and Actions).  Fields:
 * token (secret), owner, repo, project (the Projects v2 number), apiUrl.
 *
 * The launcher gets open issues (pull requests dropped) and project items.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cjson/cJSON.h>

#include "api.h"
#include "args.h"
#include "item.h"
#include "jsonutil.h"
#include "provider.h"
#include "remote-conf.h"
#include "strbuf.h"
#include "xmalloc.h"

#define GITHUB_API        "https://api.github.com"
#define GITHUB_PREVIEW    1500 /* bytes of an issue's body in its preview */
#define GITHUB_FEED_LIMIT 1000 /* open issues / project items kept for the launcher */

static const char *const project_only[] = {"github-project", NULL};
static const char *const repo_only[] = {"github-repo", NULL};

static const struct provider_field github_fields[] = {
	{
		.name = "token",
		.title = "Token",
		.description = "a personal access token with repo (and project) scope; "
			       "env:NAME or cmd:COMMAND keeps it out of this file",
		.placeholder = "env:GITHUB_TOKEN",
		.flags = FIELD_REQUIRED | FIELD_SECRET,
	},
	{
		.name = "owner",
		.title = "Owner",
		.description = "the user or organization that owns the repository or project",
		.placeholder = "octocat",
		.flags = FIELD_REQUIRED,
	},
	{
		.name = "repo",
		.title = "Repository",
		.description = "the repository's name (for issues and Actions)",
		.placeholder = "hello-world",
		.flags = FIELD_REQUIRED,
		.types = repo_only,
	},
	{
		.name = "repo",
		.title = "Repository",
		.description = "the repository's name (for issues and Actions), if any",
		.placeholder = "hello-world",
		.types = project_only,
	},
	{
		.name = "project",
		.title = "Project number",
		.description = "the Projects (v2) number, from the project's URL (…/projects/3)",
		.placeholder = "3",
		.flags = FIELD_NUMBER,
		.types = project_only,
	},
	{NULL},
};

/* ------------------------------------------------------------------ API */

static enum api_verdict
github_check(const struct http_response *resp, const cJSON *body, char **message)
{
	enum api_verdict v = api_check_default(resp, body, message);
	if (v != API_VERDICT_ERROR || (resp->status != 403 && resp->status != 429))
		return v;
	/* Primary limit: remaining 0 (reset says when); secondary: retry-after
	 * or its message (wait a minute, says GitHub). */
	const char *remaining = http_response_header(resp, "x-ratelimit-remaining");
	if ((remaining != NULL && strcmp(remaining, "0") == 0) ||
	    http_response_header(resp, "retry-after") != NULL ||
	    (*message != NULL && strcasestr(*message, "rate limit") != NULL))
		return API_VERDICT_RATE_LIMITED;
	return v;
}

static int
github_setup(struct remote *r, struct api_client *c, char **cause)
{
	const char *token = remote_need(r, "token", cause);
	if (token == NULL)
		return -1;
	char *auth = xasprintf("Authorization: Bearer %s", token);
	api_client_add_header(c, auth);
	free(auth);
	api_client_add_header(c, "Accept: application/vnd.github+json");
	api_client_add_header(c, "X-GitHub-Api-Version: 2022-11-28");
	api_client_set_check(c, github_check);
	return 0;
}

/* The web site for the API: github.com, an Enterprise host, or the apiUrl itself. */
static char *
web_base(struct remote *r)
{
	const char *api = json_string(r->conf, "apiUrl");
	if (api == NULL || *api == '\0' || strcasecmp(api, GITHUB_API) == 0 ||
	    strcasecmp(api, GITHUB_API "/") == 0)
		return xstrdup("https://github.com");
	char *base = xstrdup(api);
	size_t len = strlen(base);
	while (len > 0 && base[len - 1] == '/')
		base[--len] = '\0';
	if (len > 7 && strcmp(base + len - 7, "/api/v3") == 0)
		base[len - 7] = '\0';
	return base;
}

/* GraphQL's endpoint: /graphql beside the REST root (Enterprise: /api/graphql). */
static char *
graphql_url(struct api_client *c)
{
	const char *base = api_client_base_url(c);
	size_t len = strlen(base);
	if (len > 7 && strcmp(base + len - 7, "/api/v3") == 0)
		return xasprintf("%.*s/api/graphql", (int)(len - 7), base);
	return xasprintf("%s/graphql", base);
}

/* "/repos/OWNER/REPO" (names encoded), or NULL with *cause when repo is unset. */
static char *
repo_path(struct remote *r, char **cause)
{
	const char *owner = remote_need(r, "owner", cause);
	const char *repo = owner != NULL ? remote_need(r, "repo", cause) : NULL;
	if (repo == NULL)
		return NULL;
	char *o = http_url_encode(owner), *n = http_url_encode(repo);
	char *path = xasprintf("/repos/%s/%s", o, n);
	free(o);
	free(n);
	return path;
}

/* An issue number: "42" or "#42". */
static int
parse_number(const char *s, long *out, char **cause)
{
	const char *p = *s == '#' ? s + 1 : s;
	char *end;
	long n = strtol(p, &end, 10);
	if (*p == '\0' || *end != '\0' || n <= 0) {
		set_cause(cause, "'%s' is not an issue number", s);
		return -1;
	}
	*out = n;
	return 0;
}

/* --------------------------------------------------------------- issues */

static void
add_names(cJSON *row, const char *key, const cJSON *array, const char *member)
{
	cJSON *out = cJSON_AddArrayToObject(row, key);
	const cJSON *e;
	cJSON_ArrayForEach (e, array) {
		const char *name = json_string(e, member);
		if (name != NULL)
			cJSON_AddItemToArray(out, cJSON_CreateString(name));
	}
}

static cJSON *
issue_row(const cJSON *issue)
{
	long number = (long)json_number(issue, "number", 0);
	char id[32];
	snprintf(id, sizeof id, "%ld", number);
	char *title = provider_clean_text(json_string(issue, "title"), 0, 0);
	cJSON *row = provider_row(id, title, json_string(issue, "html_url"));
	free(title);
	cJSON_AddNumberToObject(row, "number", (double)number);
	provider_row_string(row, "state", json_string(issue, "state"));
	provider_row_string(row, "state_reason", json_string(issue, "state_reason"));
	add_names(row, "labels", cJSON_GetObjectItemCaseSensitive(issue, "labels"), "name");
	add_names(row, "assignees", cJSON_GetObjectItemCaseSensitive(issue, "assignees"), "login");
	provider_row_string(row, "author", json_path_string(issue, "user.login"));
	cJSON_AddNumberToObject(row, "comments", json_number(issue, "comments", 0));
	provider_row_string(row, "created_at", json_string(issue, "created_at"));
	provider_row_string(row, "updated_at", json_string(issue, "updated_at"));
	provider_row_string(row, "closed_at", json_string(issue, "closed_at"));
	return row;
}

static void
join_names(struct strbuf *sb, const cJSON *array, const char *member, const char *prefix,
	   const char *quote)
{
	int first = 1;
	const cJSON *e;
	cJSON_ArrayForEach (e, array) {
		const char *name = json_string(e, member);
		if (name == NULL)
			continue;
		char *clean = provider_clean_text(name, 0, 200);
		sb_addf(sb, "%s%s%s%s%s", first ? "" : ", ", quote, prefix, clean, quote);
		free(clean);
		first = 0;
	}
	if (first)
		sb_add(sb, "none");
}

/* The markdown preview: number, state, labels, people, dates, body excerpt. */
static char *
issue_preview(const cJSON *issue, const char *repo_name)
{
	struct strbuf sb = STRBUF_INIT;
	char *title = provider_clean_text(json_string(issue, "title"), 0, 0);
	sb_addf(&sb, "# %s\n\n", title);
	free(title);
	const char *state = json_string(issue, "state");
	sb_addf(&sb, "**%s #%ld** · %s", repo_name, (long)json_number(issue, "number", 0),
		state != NULL ? state : "?");
	const char *reason = json_string(issue, "state_reason");
	if (reason != NULL && strcmp(reason, "reopened") != 0)
		sb_addf(&sb, " (%s)", reason);
	sb_add(&sb, "\n\n");
	sb_add(&sb, "- Labels: ");
	join_names(&sb, cJSON_GetObjectItemCaseSensitive(issue, "labels"), "name", "", "`");
	sb_add(&sb, "\n- Assignees: ");
	join_names(&sb, cJSON_GetObjectItemCaseSensitive(issue, "assignees"), "login", "@", "");
	const char *author = json_path_string(issue, "user.login");
	char *clean_author = provider_clean_text(author, 0, 100);
	sb_addf(&sb, "\n- Author: @%s\n", author != NULL ? clean_author : "?");
	free(clean_author);
	char *created = provider_date(json_string(issue, "created_at"));
	char *updated = provider_date(json_string(issue, "updated_at"));
	long comments = (long)json_number(issue, "comments", 0);
	sb_addf(&sb, "- Opened %s · updated %s · %ld comment%s\n", created, updated, comments,
		comments == 1 ? "" : "s");
	free(created);
	free(updated);
	const char *body = json_string(issue, "body");
	if (body != NULL && *body != '\0') {
		char *excerpt = provider_clean_text(body, 1, GITHUB_PREVIEW);
		sb_addf(&sb, "\n---\n\n%s\n", excerpt);
		free(excerpt);
	}
	return sb_detach(&sb);
}

static struct item *
issue_item(struct remote *r, const cJSON *issue)
{
	long number = (long)json_number(issue, "number", 0);
	char id[32], hash[32];
	snprintf(id, sizeof id, "%ld", number);
	snprintf(hash, sizeof hash, "#%ld", number);
	char *title = provider_clean_text(json_string(issue, "title"), 0, 0);
	struct item *item = provider_item_create(r, "issue", id, title);
	free(title);
	char *repo_name = xasprintf("%s/%s", remote_opt(r, "owner"), remote_opt(r, "repo"));
	char *subtitle = xasprintf("%s %s", repo_name, hash);
	item_set(&item->subtitle, subtitle);
	free(subtitle);
	item_add_keyword(item, hash);
	item_add_keyword(item, "issue");
	const char *state = json_string(issue, "state");
	if (state != NULL)
		item_add_accessory(item, ACC_STATUS, state);
	const cJSON *label;
	cJSON_ArrayForEach (label, cJSON_GetObjectItemCaseSensitive(issue, "labels")) {
		char *name = provider_clean_text(json_string(label, "name"), 0, 100);
		if (*name != '\0') {
			item_add_accessory(item, ACC_TAG, name);
			item_add_keyword(item, name);
		}
		free(name);
	}
	char *updated = provider_date(json_string(issue, "updated_at"));
	if (*updated != '\0')
		item_add_accessory(item, ACC_DATE, updated);
	free(updated);
	char *preview = issue_preview(issue, repo_name);
	item_set(&item->preview, preview);
	free(preview);
	free(repo_name);

	provider_item_add_url_actions(item, json_string(issue, "html_url"));
	item_add_action(item, ACTION_COPY, "copy-number", "Copy Issue Number", hash);
	struct action *comment = provider_item_add_verb(item, r, "comment", "Add Comment",
							"issues comment", id, 0, 0);
	comment->input = xstrdup("Comment");
	if (state != NULL && strcmp(state, "open") == 0)
		provider_item_add_verb(item, r, "close", "Close Issue", "issues close", id, 1, 1);
	return item;
}

static int
not_pull_request(const cJSON *issue, void *arg)
{
	(void)arg;
	return !cJSON_HasObjectItem(issue, "pull_request");
}

/* Issues of the remote's repository: a new JSON array, or NULL with *cause. */
static cJSON *
list_issues(struct remote *r, const char *state, const char *labels, const char *assignee,
	    long limit, char **cause)
{
	struct api_client *c = remote_api(r, cause);
	char *path = c != NULL ? repo_path(r, cause) : NULL;
	if (path == NULL)
		return NULL;
	char *issues = xasprintf("%s/issues", path);
	struct strv query = STRV_INIT;
	api_query_add(&query, "state", state);
	api_query_add(&query, "sort", "updated");
	api_query_add(&query, "direction", "desc");
	if (labels != NULL)
		api_query_add(&query, "labels", labels);
	if (assignee != NULL)
		api_query_add(&query, "assignee", assignee);
	struct api_list list = {
		.request = {.path = issues, .query = &query},
		.paging = API_PAGING_LINK,
		.per_page_param = "per_page",
		.per_page = 100,
		.limit = limit,
		.keep = not_pull_request,
	};
	cJSON *all = api_list_all(c, &list, cause);
	strv_free(&query);
	free(issues);
	free(path);
	return all;
}

static int
has_repo(struct remote *r)
{
	return remote_opt(r, "repo") != NULL;
}

static int
feed_issues(struct remote *r, struct item_list *out, char **cause)
{
	cJSON *issues = list_issues(r, "open", NULL, NULL, GITHUB_FEED_LIMIT, cause);
	if (issues == NULL)
		return -1;
	const cJSON *issue;
	cJSON_ArrayForEach (issue, issues)
		item_list_push(out, issue_item(r, issue));
	cJSON_Delete(issues);
	return 0;
}

static int
issues_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	const char *state = args_get(args, "state");
	if (state == NULL)
		state = "open";
	if (strcmp(state, "open") != 0 && strcmp(state, "closed") != 0 &&
	    strcmp(state, "all") != 0) {
		set_cause(cause, "--state takes open, closed or all, not '%s'", state);
		return VERB_USAGE;
	}
	long limit = provider_limit(args, 30, cause);
	if (limit == -1)
		return VERB_USAGE;
	struct strv labels = STRV_INIT;
	args_get_all(args, "label", &labels);
	char *joined = labels.n > 0 ? strv_join(&labels, ",") : NULL;
	cJSON *issues =
		list_issues(call->remote, state, joined, args_get(args, "assignee"), limit, cause);
	free(joined);
	strv_free(&labels);
	if (issues == NULL)
		return -1;
	out->rows = cJSON_CreateArray();
	const cJSON *issue;
	cJSON_ArrayForEach (issue, issues)
		cJSON_AddItemToArray(out->rows, issue_row(issue));
	cJSON_Delete(issues);
	return 0;
}

/* One issue: GET …/issues/N.  A new response's JSON, or NULL. */
static cJSON *
get_issue(struct remote *r, long number, char **cause)
{
	struct api_client *c = remote_api(r, cause);
	char *path = c != NULL ? repo_path(r, cause) : NULL;
	if (path == NULL)
		return NULL;
	char *url = xasprintf("%s/issues/%ld", path, number);
	cJSON *issue = api_request_json(c, &(struct api_request){.path = url}, cause);
	free(url);
	free(path);
	return issue;
}

static int
issues_get_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	long number;
	if (parse_number(call->args->argv[0], &number, cause) == -1)
		return VERB_USAGE;
	cJSON *issue = get_issue(call->remote, number, cause);
	if (issue == NULL)
		return -1;
	cJSON *row = issue_row(issue);
	char *body = provider_clean_text(json_string(issue, "body"), 1, 0);
	cJSON_AddStringToObject(row, "body", body);
	free(body);
	out->rows = cJSON_CreateArray();
	cJSON_AddItemToArray(out->rows, row);
	char *repo_name = xasprintf("%s/%s", remote_opt(call->remote, "owner"),
				    remote_opt(call->remote, "repo"));
	char *preview = issue_preview(issue, repo_name);
	out->text = xasprintf("%s\n%s\n", preview,
			      json_string(issue, "html_url") ? json_string(issue, "html_url") : "");
	free(preview);
	free(repo_name);
	cJSON_Delete(issue);
	return 0;
}

static cJSON *
string_array(const struct args *args, const char *option)
{
	struct strv values = STRV_INIT;
	args_get_all(args, option, &values);
	cJSON *array = cJSON_CreateArray();
	for (size_t i = 0; i < values.n; i++)
		cJSON_AddItemToArray(array, cJSON_CreateString(values.v[i]));
	strv_free(&values);
	return array;
}

/* POST/PATCH a JSON body to the repository path + suffix; the response's JSON. */
static cJSON *
repo_write(struct remote *r, const char *method, const char *suffix, const cJSON *body,
	   int idempotent, char **cause)
{
	struct api_client *c = remote_api(r, cause);
	char *path = c != NULL ? repo_path(r, cause) : NULL;
	if (path == NULL)
		return NULL;
	char *url = xasprintf("%s%s", path, suffix);
	struct api_request req = {
		.method = method,
		.path = url,
		.json = body,
		.idempotent = idempotent,
	};
	cJSON *json = api_request_json(c, &req, cause);
	free(url);
	free(path);
	return json;
}

static int
issues_create_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	if (*args->argv[0] == '\0') {
		set_cause(cause, "an issue needs a title");
		return VERB_USAGE;
	}
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "title", args->argv[0]);
	if (args_get(args, "body") != NULL)
		cJSON_AddStringToObject(body, "body", args_get(args, "body"));
	if (args_has(args, "label"))
		cJSON_AddItemToObject(body, "labels", string_array(args, "label"));
	if (args_has(args, "assignee"))
		cJSON_AddItemToObject(body, "assignees", string_array(args, "assignee"));
	cJSON *issue = repo_write(call->remote, "POST", "/issues", body, 0, cause);
	cJSON_Delete(body);
	if (issue == NULL)
		return -1;
	out->rows = cJSON_CreateArray();
	cJSON_AddItemToArray(out->rows, issue_row(issue));
	out->text = xasprintf("Created #%ld: %s", (long)json_number(issue, "number", 0),
			      json_string(issue, "html_url") ? json_string(issue, "html_url") : "");
	cJSON_Delete(issue);
	return 0;
}

static cJSON *
add_comment(struct remote *r, long number, const char *text, char **cause)
{
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "body", text);
	char *suffix = xasprintf("/issues/%ld/comments", number);
	cJSON *comment = repo_write(r, "POST", suffix, body, 0, cause);
	free(suffix);
	cJSON_Delete(body);
	return comment;
}

static int
issues_close_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	long number;
	if (parse_number(args->argv[0], &number, cause) == -1)
		return VERB_USAGE;
	const char *reason = args_get(args, "reason");
	if (reason != NULL && strcmp(reason, "completed") != 0 &&
	    strcmp(reason, "not_planned") != 0) {
		set_cause(cause, "--reason takes completed or not_planned, not '%s'", reason);
		return VERB_USAGE;
	}
	const char *comment = args_get(args, "comment");
	if (comment != NULL) {
		cJSON *c = add_comment(call->remote, number, comment, cause);
		if (c == NULL)
			return -1;
		cJSON_Delete(c);
	}
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "state", "closed");
	if (reason != NULL)
		cJSON_AddStringToObject(body, "state_reason", reason);
	char *suffix = xasprintf("/issues/%ld", number);
	/* Closing twice closes once: safe to repeat. */
	cJSON *issue = repo_write(call->remote, "PATCH", suffix, body, 1, cause);
	free(suffix);
	cJSON_Delete(body);
	if (issue == NULL)
		return -1;
	out->rows = cJSON_CreateArray();
	cJSON_AddItemToArray(out->rows, issue_row(issue));
	char *title = provider_clean_text(json_string(issue, "title"), 0, 200);
	out->text = xasprintf("Closed #%ld: %s", number, title);
	free(title);
	cJSON_Delete(issue);
	return 0;
}

static int
issues_comment_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	long number;
	if (parse_number(call->args->argv[0], &number, cause) == -1)
		return VERB_USAGE;
	const char *text = call->args->argv[1];
	if (*text == '\0') {
		set_cause(cause, "a comment needs some text");
		return VERB_USAGE;
	}
	cJSON *comment = add_comment(call->remote, number, text, cause);
	if (comment == NULL)
		return -1;
	char id[32];
	snprintf(id, sizeof id, "%.0f", json_number(comment, "id", 0));
	char *title = provider_clean_text(json_string(comment, "body"), 0, 80);
	cJSON *row = provider_row(id, title, json_string(comment, "html_url"));
	free(title);
	cJSON_AddNumberToObject(row, "issue", (double)number);
	provider_row_string(row, "author", json_path_string(comment, "user.login"));
	provider_row_string(row, "created_at", json_string(comment, "created_at"));
	out->rows = cJSON_CreateArray();
	cJSON_AddItemToArray(out->rows, row);
	out->text =
		xasprintf("Commented on #%ld: %s", number,
			  json_string(comment, "html_url") ? json_string(comment, "html_url") : "");
	cJSON_Delete(comment);
	return 0;
}

/* -------------------------------------------------------------- project */

static const char project_fields[] =
	"id title url "
	"items(first: $first, after: $after) { pageInfo { hasNextPage endCursor } "
	"nodes { id type updatedAt "
	"content { __typename "
	"... on Issue { title url number state repository { nameWithOwner } } "
	"... on PullRequest { title url number state repository { nameWithOwner } } "
	"... on DraftIssue { title } } "
	"fieldValueByName(name: \"Status\") { ... on ProjectV2ItemFieldSingleSelectValue { name } "
	"} "
	"} }";

/* Is this GraphQL error "no such organization" (so the owner may be a user)? */
static int
owner_not_found(const cJSON *body, const char *root)
{
	const cJSON *e;
	cJSON_ArrayForEach (e, cJSON_GetObjectItemCaseSensitive(body, "errors")) {
		const char *type = json_string(e, "type");
		const cJSON *path = cJSON_GetObjectItemCaseSensitive(e, "path");
		const cJSON *first = cJSON_GetArrayItem(path, 0);
		if (type != NULL && strcmp(type, "NOT_FOUND") == 0 &&
		    cJSON_GetArraySize(path) == 1 && cJSON_IsString(first) &&
		    strcmp(first->valuestring, root) == 0)
			return 1;
	}
	return 0;
}

struct project {
	const char *root; /* "organization" or "user" */
	char *title;
	char *url;
	long number;
};

static void
project_clear(struct project *p)
{
	free(p->title);
	free(p->url);
}

static cJSON *
project_variables(struct remote *r, long number, long first)
{
	cJSON *vars = cJSON_CreateObject();
	cJSON_AddStringToObject(vars, "owner", remote_opt(r, "owner"));
	cJSON_AddNumberToObject(vars, "number", (double)number);
	cJSON_AddNumberToObject(vars, "first", (double)first);
	return vars;
}

/*
 * Find the project: under an organization, else under a user (Projects v2
 * belong to either, and the owner's kind is not in the config).
 */
static int
find_project(struct remote *r, struct project *proj, char **cause)
{
	memset(proj, 0, sizeof *proj);
	struct api_client *c = remote_api(r, cause);
	if (c == NULL || remote_need(r, "owner", cause) == NULL)
		return -1;
	const char *number_text = remote_need(r, "project", cause);
	if (number_text == NULL)
		return -1;
	char *end;
	proj->number = strtol(number_text, &end, 10);
	if (*end != '\0' || proj->number <= 0) {
		set_cause(cause, "remote '%s': \"project\" must be a project number", r->name);
		return -1;
	}
	char *url = graphql_url(c);
	static const char *const roots[] = {"organization", "user"};
	int rc = -1;
	for (size_t i = 0; i < nitems(roots); i++) {
		char *query = xasprintf("query($owner: String!, $number: Int!) { %s(login: $owner) "
					"{ projectV2(number: $number) { id title url } } }",
					roots[i]);
		cJSON *vars = project_variables(r, proj->number, 1);
		cJSON_DeleteItemFromObject(vars, "first");
		struct api_response res;
		char *why = NULL;
		int got = api_graphql(c, url, query, vars, 0, &res, &why);
		free(query);
		cJSON_Delete(vars);
		if (got == 0) {
			const cJSON *p = json_path(json_path(res.json, "data"), roots[i]);
			p = json_path(p, "projectV2");
			proj->root = roots[i];
			proj->title = provider_clean_text(json_string(p, "title"), 0, 200);
			proj->url = xstrdup_or_null(json_string(p, "url"));
			api_response_clear(&res);
			rc = 0;
			break;
		}
		int retry = i + 1 < nitems(roots) && owner_not_found(res.json, roots[i]);
		api_response_clear(&res);
		if (!retry) {
			if (cause != NULL)
				*cause = why;
			else
				free(why);
			break;
		}
		free(why);
	}
	free(url);
	return rc;
}

/* Every item of the project (up to limit): a new JSON array. */
static cJSON *
project_items(struct remote *r, struct project *proj, long limit, char **cause)
{
	struct api_client *c = remote_api(r, cause);
	if (c == NULL)
		return NULL;
	char *query =
		xasprintf("query($owner: String!, $number: Int!, $first: Int!, $after: "
			  "String) { %s(login: $owner) { projectV2(number: $number) { %s } } }",
			  proj->root, project_fields);
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "query", query);
	cJSON_AddItemToObject(body, "variables",
			      project_variables(r, proj->number, limit < 100 ? limit : 100));
	char *url = graphql_url(c);
	char *items = xasprintf("data.%s.projectV2.items.nodes", proj->root);
	char *info = xasprintf("data.%s.projectV2.items.pageInfo", proj->root);
	struct api_list list = {
		.request = {.method = "POST", .path = url, .json = body},
		.items = items,
		.paging = API_PAGING_GRAPHQL,
		.page_info_path = info,
		.cursor_variable = "after",
		.limit = limit,
	};
	cJSON *all = api_list_all(c, &list, cause);
	free(info);
	free(items);
	free(url);
	cJSON_Delete(body);
	free(query);
	return all;
}

static const char *
item_type_name(const char *type)
{
	if (type == NULL)
		return "item";
	if (strcmp(type, "ISSUE") == 0)
		return "issue";
	if (strcmp(type, "PULL_REQUEST") == 0)
		return "pull request";
	if (strcmp(type, "DRAFT_ISSUE") == 0)
		return "draft";
	return "redacted";
}

static cJSON *
project_item_row(const cJSON *node, const struct project *proj)
{
	const cJSON *content = cJSON_GetObjectItemCaseSensitive(node, "content");
	const char *url = json_string(content, "url");
	char *title = provider_clean_text(json_string(content, "title"), 0, 0);
	cJSON *row = provider_row(json_string(node, "id"), *title ? title : "(redacted)",
				  url != NULL ? url : proj->url);
	free(title);
	provider_row_string(row, "type", item_type_name(json_string(node, "type")));
	const cJSON *number = cJSON_GetObjectItemCaseSensitive(content, "number");
	if (cJSON_IsNumber(number))
		cJSON_AddNumberToObject(row, "number", number->valuedouble);
	else
		cJSON_AddNullToObject(row, "number");
	const char *state = json_string(content, "state");
	char *lower = state != NULL ? xstrdup(state) : NULL;
	for (char *p = lower; p != NULL && *p != '\0'; p++)
		*p = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
	provider_row_string(row, "state", lower);
	free(lower);
	provider_row_string(row, "status", json_path_string(node, "fieldValueByName.name"));
	provider_row_string(row, "repository",
			    json_path_string(content, "repository.nameWithOwner"));
	provider_row_string(row, "updated_at", json_string(node, "updatedAt"));
	provider_row_string(row, "project", proj->title);
	return row;
}

static struct item *
project_item(struct remote *r, const cJSON *row)
{
	const char *id = json_string(row, "id");
	struct item *item = provider_item_create(r, "project-item", id, json_string(row, "title"));
	const char *status = json_string(row, "status");
	const char *type = json_string(row, "type");
	const char *repo = json_string(row, "repository");
	const cJSON *number = cJSON_GetObjectItemCaseSensitive(row, "number");
	struct strbuf sub = STRBUF_INIT;
	sb_add(&sub, json_string(row, "project") ? json_string(row, "project") : "project");
	if (repo != NULL && cJSON_IsNumber(number))
		sb_addf(&sub, " · %s #%d", repo, number->valueint);
	else
		sb_addf(&sub, " · %s", type);
	item_set(&item->subtitle, sb_str(&sub));
	sb_free(&sub);
	if (status != NULL)
		item_add_accessory(item, ACC_STATUS, status);
	item_add_accessory(item, ACC_TAG, type);
	item_add_keyword(item, type);
	if (cJSON_IsNumber(number)) {
		char hash[32];
		snprintf(hash, sizeof hash, "#%d", number->valueint);
		item_add_keyword(item, hash);
	}

	struct strbuf md = STRBUF_INIT;
	sb_addf(&md, "# %s\n\n", json_string(row, "title"));
	sb_addf(&md, "**%s** item of *%s*\n\n", type,
		json_string(row, "project") ? json_string(row, "project") : "the project");
	sb_addf(&md, "- Status: %s\n", status != NULL ? status : "none");
	if (repo != NULL && cJSON_IsNumber(number))
		sb_addf(&md, "- %s #%d (%s)\n", repo, number->valueint,
			json_string(row, "state") ? json_string(row, "state") : "?");
	char *updated = provider_date(json_string(row, "updated_at"));
	if (*updated != '\0')
		sb_addf(&md, "- Updated %s\n", updated);
	free(updated);
	item_set(&item->preview, sb_str(&md));
	sb_free(&md);

	provider_item_add_url_actions(item, json_string(row, "url"));
	item_add_action(item, ACTION_COPY, "copy-id", "Copy Item ID", id);
	return item;
}

static int
has_project(struct remote *r)
{
	return strcmp(r->type, "github-project") == 0 && remote_opt(r, "project") != NULL;
}

static cJSON *
project_rows(struct remote *r, long limit, char **cause)
{
	struct project proj;
	if (find_project(r, &proj, cause) == -1) {
		project_clear(&proj);
		return NULL;
	}
	cJSON *nodes = project_items(r, &proj, limit, cause);
	cJSON *rows = NULL;
	if (nodes != NULL) {
		rows = cJSON_CreateArray();
		const cJSON *node;
		cJSON_ArrayForEach (node, nodes)
			cJSON_AddItemToArray(rows, project_item_row(node, &proj));
	}
	cJSON_Delete(nodes);
	project_clear(&proj);
	return rows;
}

static int
feed_project(struct remote *r, struct item_list *out, char **cause)
{
	cJSON *rows = project_rows(r, GITHUB_FEED_LIMIT, cause);
	if (rows == NULL)
		return -1;
	const cJSON *row;
	cJSON_ArrayForEach (row, rows)
		item_list_push(out, project_item(r, row));
	cJSON_Delete(rows);
	return 0;
}

static int
project_items_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	long limit = provider_limit(call->args, 100, cause);
	if (limit == -1)
		return VERB_USAGE;
	if (remote_opt(call->remote, "project") == NULL) {
		set_cause(cause, "remote '%s' has no \"project\" (chitty config show %s)",
			  call->remote->name, call->remote->name);
		return -1;
	}
	out->rows = project_rows(call->remote, limit, cause);
	return out->rows != NULL ? 0 : -1;
}

/* -------------------------------------------------------------- actions */

static cJSON *
run_row(const cJSON *run)
{
	char id[32];
	snprintf(id, sizeof id, "%.0f", json_number(run, "id", 0));
	const char *title = json_string(run, "display_title");
	char *clean = provider_clean_text(title != NULL ? title : json_string(run, "name"), 0, 0);
	cJSON *row = provider_row(id, clean, json_string(run, "html_url"));
	free(clean);
	provider_row_string(row, "workflow", json_string(run, "name"));
	cJSON_AddNumberToObject(row, "run_number", json_number(run, "run_number", 0));
	cJSON_AddNumberToObject(row, "workflow_id", json_number(run, "workflow_id", 0));
	provider_row_string(row, "event", json_string(run, "event"));
	provider_row_string(row, "status", json_string(run, "status"));
	provider_row_string(row, "conclusion", json_string(run, "conclusion"));
	provider_row_string(row, "branch", json_string(run, "head_branch"));
	provider_row_string(row, "sha", json_string(run, "head_sha"));
	provider_row_string(row, "actor", json_path_string(run, "actor.login"));
	provider_row_string(row, "created_at", json_string(run, "created_at"));
	provider_row_string(row, "updated_at", json_string(run, "updated_at"));
	return row;
}

static cJSON *
list_runs(struct remote *r, const char *workflow, const char *branch, const char *status,
	  long limit, long per_page, char **cause)
{
	struct api_client *c = remote_api(r, cause);
	char *path = c != NULL ? repo_path(r, cause) : NULL;
	if (path == NULL)
		return NULL;
	char *url;
	if (workflow != NULL) {
		char *w = http_url_encode(workflow);
		url = xasprintf("%s/actions/workflows/%s/runs", path, w);
		free(w);
	} else
		url = xasprintf("%s/actions/runs", path);
	struct strv query = STRV_INIT;
	if (branch != NULL)
		api_query_add(&query, "branch", branch);
	if (status != NULL)
		api_query_add(&query, "status", status);
	struct api_list list = {
		.request = {.path = url, .query = &query},
		.items = "workflow_runs",
		.paging = API_PAGING_LINK,
		.per_page_param = "per_page",
		.per_page = per_page,
		.limit = limit,
	};
	cJSON *runs = api_list_all(c, &list, cause);
	strv_free(&query);
	free(url);
	free(path);
	return runs;
}

static int
actions_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	long limit = provider_limit(args, 20, cause);
	if (limit == -1)
		return VERB_USAGE;
	cJSON *runs = list_runs(call->remote, args_get(args, "workflow"), args_get(args, "branch"),
				args_get(args, "status"), limit, limit < 100 ? limit : 100, cause);
	if (runs == NULL)
		return -1;
	out->rows = cJSON_CreateArray();
	const cJSON *run;
	cJSON_ArrayForEach (run, runs)
		cJSON_AddItemToArray(out->rows, run_row(run));
	cJSON_Delete(runs);
	return 0;
}

static int
actions_status_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	/* The latest run of each workflow among the 100 most recent runs. */
	cJSON *runs = list_runs(call->remote, NULL, args_get(call->args, "branch"), NULL, 100, 100,
				cause);
	if (runs == NULL)
		return -1;
	out->rows = cJSON_CreateArray();
	struct strv seen = STRV_INIT;
	const cJSON *run;
	cJSON_ArrayForEach (run, runs) {
		char key[32];
		snprintf(key, sizeof key, "%.0f", json_number(run, "workflow_id", 0));
		if (strv_contains(&seen, key))
			continue;
		strv_push(&seen, key);
		cJSON_AddItemToArray(out->rows, run_row(run));
	}
	strv_free(&seen);
	cJSON_Delete(runs);
	return 0;
}

static char *
default_branch(struct remote *r, char **cause)
{
	struct api_client *c = remote_api(r, cause);
	char *path = c != NULL ? repo_path(r, cause) : NULL;
	if (path == NULL)
		return NULL;
	struct api_response res;
	char *branch = NULL;
	if (api_request(c, &(struct api_request){.path = path}, &res, cause) == 0) {
		branch = xstrdup_or_null(json_string(res.json, "default_branch"));
		if (branch == NULL)
			set_cause(cause, "GitHub: the repository has no default branch");
	}
	api_response_clear(&res);
	free(path);
	return branch;
}

static int
actions_run_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	const char *workflow = args->argv[0];
	cJSON *inputs = cJSON_CreateObject();
	struct strv pairs = STRV_INIT;
	args_get_all(args, "input", &pairs);
	for (size_t i = 0; i < pairs.n; i++) {
		char *eq = strchr(pairs.v[i], '=');
		if (eq == NULL || eq == pairs.v[i]) {
			set_cause(cause, "--input takes KEY=VALUE, not '%s'", pairs.v[i]);
			strv_free(&pairs);
			cJSON_Delete(inputs);
			return VERB_USAGE;
		}
		*eq = '\0';
		cJSON_AddStringToObject(inputs, pairs.v[i], eq + 1);
	}
	strv_free(&pairs);
	char *branch = args_get(args, "branch") != NULL ? xstrdup(args_get(args, "branch"))
							: default_branch(call->remote, cause);
	if (branch == NULL) {
		cJSON_Delete(inputs);
		return -1;
	}
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "ref", branch);
	cJSON_AddItemToObject(body, "inputs", inputs);
	char *w = http_url_encode(workflow);
	char *suffix = xasprintf("/actions/workflows/%s/dispatches", w);
	free(w);
	cJSON *res = repo_write(call->remote, "POST", suffix, body, 0, cause);
	free(suffix);
	cJSON_Delete(body);
	if (res == NULL) {
		free(branch);
		return -1;
	}
	cJSON_Delete(res);
	char *base = web_base(call->remote);
	char *url = xasprintf("%s/%s/%s/actions", base, remote_opt(call->remote, "owner"),
			      remote_opt(call->remote, "repo"));
	char *title = xasprintf("%s on %s", workflow, branch);
	out->rows = cJSON_CreateArray();
	cJSON *row = provider_row(workflow, title, url);
	cJSON_AddStringToObject(row, "workflow", workflow);
	cJSON_AddStringToObject(row, "branch", branch);
	cJSON_AddItemToArray(out->rows, row);
	out->text = xasprintf("Dispatched %s (see %s)", title, url);
	free(title);
	free(url);
	free(base);
	free(branch);
	return 0;
}

static int
secrets_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	struct remote *r = call->remote;
	struct api_client *c = remote_api(r, cause);
	char *path = c != NULL ? repo_path(r, cause) : NULL;
	if (path == NULL)
		return -1;
	char *url = xasprintf("%s/actions/secrets", path);
	struct api_list list = {
		.request = {.path = url},
		.items = "secrets",
		.paging = API_PAGING_LINK,
		.per_page_param = "per_page",
		.per_page = 100,
	};
	cJSON *secrets = api_list_all(c, &list, cause);
	free(url);
	free(path);
	if (secrets == NULL)
		return -1;
	char *base = web_base(r);
	char *page = xasprintf("%s/%s/%s/settings/secrets/actions", base, remote_opt(r, "owner"),
			       remote_opt(r, "repo"));
	out->rows = cJSON_CreateArray();
	const cJSON *s;
	cJSON_ArrayForEach (s, secrets) {
		const char *name = json_string(s, "name");
		cJSON *row = provider_row(name, name, page);
		provider_row_string(row, "created_at", json_string(s, "created_at"));
		provider_row_string(row, "updated_at", json_string(s, "updated_at"));
		cJSON_AddItemToArray(out->rows, row);
	}
	free(page);
	free(base);
	cJSON_Delete(secrets);
	return 0;
}

/* ---------------------------------------------------- test and web page */

static int
github_test(struct remote *r, char **message, char **cause)
{
	struct strbuf sb = STRBUF_INIT;
	if (has_repo(r)) {
		struct api_client *c = remote_api(r, cause);
		char *path = c != NULL ? repo_path(r, cause) : NULL;
		if (path == NULL) {
			sb_free(&sb);
			return -1;
		}
		struct api_response res;
		int rc = api_request(c, &(struct api_request){.path = path}, &res, cause);
		if (rc == 0)
			sb_addf(&sb, "%s (%s)",
				json_string(res.json, "full_name")
					? json_string(res.json, "full_name")
					: path + 7,
				json_bool(res.json, "private", 0) ? "private" : "public");
		api_response_clear(&res);
		free(path);
		if (rc == -1) {
			sb_free(&sb);
			return -1;
		}
	}
	if (has_project(r)) {
		struct project proj;
		if (find_project(r, &proj, cause) == -1) {
			project_clear(&proj);
			sb_free(&sb);
			return -1;
		}
		sb_addf(&sb, "%sproject \"%s\"", sb.len > 0 ? ", " : "",
			proj.title != NULL ? proj.title : "?");
		project_clear(&proj);
	}
	*message = xasprintf("GitHub: connected to %s", sb_str(&sb));
	sb_free(&sb);
	return 0;
}

static char *
github_web_url(struct remote *r, char **cause)
{
	if (has_project(r)) {
		struct project proj;
		char *url = NULL;
		if (find_project(r, &proj, cause) == 0) {
			url = proj.url;
			proj.url = NULL;
			if (url == NULL)
				set_cause(cause, "GitHub: the project has no URL");
		}
		project_clear(&proj);
		return url;
	}
	const char *owner = remote_need(r, "owner", cause);
	const char *repo = owner != NULL ? remote_need(r, "repo", cause) : NULL;
	if (repo == NULL)
		return NULL;
	char *base = web_base(r);
	char *url = xasprintf("%s/%s/%s", base, owner, repo);
	free(base);
	return url;
}

static int
github_validate(const cJSON *conf, const char *type, char **cause)
{
	if (strcmp(type, "github-project") == 0 && json_string(conf, "repo") == NULL &&
	    !cJSON_HasObjectItem(conf, "project")) {
		set_cause(cause, "github-project needs \"project\" (a project number), \"repo\", "
				 "or both");
		return -1;
	}
	return 0;
}

/* ---------------------------------------------------------------- table */

static const struct cmd_option issues_list_options[] = {
	{"state", 's', ARG_REQUIRED, "STATE", "open (default), closed or all"},
	{"label", 'l', ARG_REQUIRED, "LABEL", "only issues with this label (repeatable)"},
	{"assignee", 'a', ARG_REQUIRED, "USER", "only issues assigned to USER (* any, none)"},
	{"limit", 'n', ARG_REQUIRED, "N", "at most N issues (default 30)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option issues_create_options[] = {
	{"body", 'b', ARG_REQUIRED, "TEXT", "the issue's description (markdown)"},
	{"label", 'l', ARG_REQUIRED, "LABEL", "add a label (repeatable)"},
	{"assignee", 'a', ARG_REQUIRED, "USER", "assign USER (repeatable)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option issues_close_options[] = {
	{"reason", 0, ARG_REQUIRED, "REASON", "completed (default) or not_planned"},
	{"comment", 'c', ARG_REQUIRED, "TEXT", "comment before closing"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option limit_only[] = {
	{"limit", 'n', ARG_REQUIRED, "N", "at most N items (default 100)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option actions_list_options[] = {
	{"branch", 'b', ARG_REQUIRED, "BRANCH", "only runs on BRANCH"},
	{"status", 's', ARG_REQUIRED, "STATUS",
	 "only runs in STATUS (queued, in_progress, "
	 "completed, success, failure, …)"},
	{"workflow", 'w', ARG_REQUIRED, "WORKFLOW", "only runs of WORKFLOW (file name or id)"},
	{"limit", 'n', ARG_REQUIRED, "N", "at most N runs (default 20)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option actions_run_options[] = {
	{"branch", 'b', ARG_REQUIRED, "BRANCH",
	 "the branch or tag to run on (default: the "
	 "repository's default branch)"},
	{"input", 'i', ARG_REQUIRED, "KEY=VALUE", "a workflow_dispatch input (repeatable)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option branch_only[] = {
	{"branch", 'b', ARG_REQUIRED, "BRANCH", "only runs on BRANCH"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct provider_column issue_columns[] = {
	{"#", "id"},          {"STATE", "state"},        {"TITLE", "title"},
	{"LABELS", "labels"}, {"UPDATED", "updated_at"}, {NULL, NULL},
};
static const struct provider_column run_columns[] = {
	{"ID", "id"},         {"WORKFLOW", "workflow"},     {"BRANCH", "branch"},
	{"STATUS", "status"}, {"CONCLUSION", "conclusion"}, {"TITLE", "title"},
	{NULL, NULL},
};
static const struct provider_column project_columns[] = {
	{"TYPE", "type"},   {"#", "number"}, {"STATUS", "status"},
	{"TITLE", "title"}, {"ID", "id"},    {NULL, NULL},
};
static const struct provider_column secret_columns[] = {
	{"NAME", "id"},
	{"UPDATED", "updated_at"},
	{NULL, NULL},
};
static const struct provider_column comment_columns[] = {
	{"ID", "id"},
	{"URL", "url"},
	{NULL, NULL},
};

static const struct provider_verb issues_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "[--state STATE] [--label LABEL]... [--assignee USER] [--limit N]",
	.summary = "List issues (pull requests left out)",
	.options = issues_list_options,
	.args_max = 0,
	.columns = issue_columns,
	.exec = issues_list_exec,
};
static const struct provider_verb issues_get = {
	.name = "get",
	.aliases = (const char *const[]){"show", "view", NULL},
	.usage = "NUMBER",
	.summary = "Show an issue",
	.args_min = 1,
	.args_max = 1,
	.columns = issue_columns,
	.exec = issues_get_exec,
};
static const struct provider_verb issues_create = {
	.name = "create",
	.aliases = (const char *const[]){"new", NULL},
	.usage = "TITLE [--body TEXT] [--label LABEL]... [--assignee USER]...",
	.summary = "Open an issue",
	.options = issues_create_options,
	.args_min = 1,
	.args_max = 1,
	.columns = issue_columns,
	.exec = issues_create_exec,
};
static const struct provider_verb issues_close = {
	.name = "close",
	.usage = "NUMBER [--reason REASON] [--comment TEXT]",
	.summary = "Close an issue",
	.options = issues_close_options,
	.args_min = 1,
	.args_max = 1,
	.columns = issue_columns,
	.exec = issues_close_exec,
};
static const struct provider_verb issues_comment = {
	.name = "comment",
	.usage = "NUMBER TEXT",
	.summary = "Comment on an issue",
	.args_min = 2,
	.args_max = 2,
	.columns = comment_columns,
	.exec = issues_comment_exec,
};
static const struct provider_verb *const issues_verbs[] = {
	&issues_list, &issues_get, &issues_create, &issues_close, &issues_comment, NULL,
};
static const struct provider_resource issues_resource = {
	.name = "issues",
	.aliases = (const char *const[]){"issue", NULL},
	.summary = "Issues of the remote's repository",
	.verbs = issues_verbs,
};

static const struct provider_verb project_items_verb = {
	.name = "items",
	.aliases = (const char *const[]){"list", "ls", NULL},
	.usage = "[--limit N]",
	.summary = "List the project's items (issues, pull requests, drafts)",
	.options = limit_only,
	.args_max = 0,
	.columns = project_columns,
	.types = project_only,
	.exec = project_items_exec,
};
static const struct provider_verb *const project_verbs[] = {&project_items_verb, NULL};
static const struct provider_resource project_resource = {
	.name = "project",
	.aliases = (const char *const[]){"projects", NULL},
	.summary = "The remote's Projects (v2) project",
	.verbs = project_verbs,
};

static const struct provider_verb actions_list = {
	.name = "list",
	.aliases = (const char *const[]){"runs", "ls", NULL},
	.usage = "[--branch BRANCH] [--status STATUS] [--workflow WORKFLOW] [--limit N]",
	.summary = "List workflow runs, newest first",
	.options = actions_list_options,
	.args_max = 0,
	.columns = run_columns,
	.exec = actions_list_exec,
};
static const struct provider_verb actions_run = {
	.name = "run",
	.aliases = (const char *const[]){"dispatch", NULL},
	.usage = "WORKFLOW [--branch BRANCH] [--input KEY=VALUE]...",
	.summary = "Start a workflow (workflow_dispatch)",
	.options = actions_run_options,
	.args_min = 1,
	.args_max = 1,
	.exec = actions_run_exec,
};
static const struct provider_verb actions_status = {
	.name = "status",
	.usage = "[--branch BRANCH]",
	.summary = "The latest run of each workflow",
	.options = branch_only,
	.args_max = 0,
	.columns = run_columns,
	.exec = actions_status_exec,
};
static const struct provider_verb *const actions_verbs[] = {
	&actions_list,
	&actions_run,
	&actions_status,
	NULL,
};
static const struct provider_verb secrets_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "",
	.summary = "List the repository's Actions secrets (names only)",
	.args_max = 0,
	.columns = secret_columns,
	.exec = secrets_list_exec,
};
static const struct provider_verb *const secrets_verbs[] = {&secrets_list, NULL};
static const struct provider_resource secrets_resource = {
	.name = "secrets",
	.aliases = (const char *const[]){"secret", NULL},
	.summary = "Actions secrets of the remote's repository",
	.verbs = secrets_verbs,
};
static const struct provider_resource *const actions_subresources[] = {&secrets_resource, NULL};
static const struct provider_resource actions_resource = {
	.name = "actions",
	.aliases = (const char *const[]){"action", "workflows", NULL},
	.summary = "GitHub Actions: workflow runs, dispatch, secrets",
	.verbs = actions_verbs,
	.subresources = actions_subresources,
};

static const struct provider_resource *const github_resources[] = {
	&issues_resource,
	&project_resource,
	&actions_resource,
	NULL,
};

static const struct provider_feed github_feeds[] = {
	{"issues", has_repo, feed_issues},
	{"project items", has_project, feed_project},
	{NULL, NULL, NULL},
};

static const char *const github_aliases[] = {"gh", NULL};
static const char *const github_types[] = {"github-project", "github-repo", NULL};

const struct provider github_provider = {
	.name = "github",
	.aliases = github_aliases,
	.types = github_types,
	.title = "GitHub",
	.summary = "GitHub issues, Projects v2 items and Actions",
	.built = 1,
	.icon = "🐙",
	.api_url = GITHUB_API,
	.fields = github_fields,
	.resources = github_resources,
	.feeds = github_feeds,
	.setup_api = github_setup,
	.validate = github_validate,
	.test = github_test,
	.web_url = github_web_url,
};
