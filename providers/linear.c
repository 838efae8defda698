/*
 * Linear: issues and teams over the GraphQL API (https://api.linear.app/graphql).
 *
 * Remote type linear-workspace: apiKey (secret), workspaceId, teamId.  A
 * personal API key (lin_api_…) goes in the Authorization header as it is;
 * anything else is an OAuth access token, sent with "Bearer".  Errors come
 * inside HTTP 200 (or 400) as GraphQL "errors"; a RATELIMITED error is a
 * rate limit like HTTP 429 (api.h's default check handles both).
 *
 * The launcher gets the open issues (not completed or canceled) of the
 * team, or of every team when teamId is unset.
 */
#include "build-config.h"

#include <ctype.h>
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

#define LINEAR_API        "https://api.linear.app/graphql"
#define LINEAR_WEB        "https://linear.app"
#define LINEAR_PAGE_SIZE  100
#define LINEAR_FEED_LIMIT 1000
#define LINEAR_PREVIEW    1500 /* bytes of a description in a preview */

static const struct provider_field linear_fields[] = {
	{
		.name = "apiKey",
		.title = "API key",
		.description = "a personal API key (lin_api_…, from Settings → API) or an OAuth "
			       "access token; env:NAME or cmd:COMMAND keeps it out of this file",
		.placeholder = "env:LINEAR_API_KEY",
		.flags = FIELD_REQUIRED | FIELD_SECRET,
	},
	{
		.name = "workspaceId",
		.title = "Workspace",
		.description = "the workspace's URL key (linear.app/KEY) or id; the key must "
			       "belong to it",
		.placeholder = "chitty",
	},
	{
		.name = "teamId",
		.title = "Team",
		.description = "the team's key (ENG) or id: issues are listed from it and created "
			       "in it",
		.placeholder = "ENG",
	},
	{NULL},
};

static const char issue_fields[] =
	"id identifier title url priority priorityLabel createdAt updatedAt description "
	"state { name type } assignee { name displayName email } team { id key name }";

/* ------------------------------------------------------------------ API */

static int
linear_setup(struct remote *r, struct api_client *c, char **cause)
{
	const char *key = remote_need(r, "apiKey", cause);
	if (key == NULL)
		return -1;
	/* Personal keys go bare; OAuth tokens (and anything else) as Bearer. */
	char *auth = strncmp(key, "lin_api_", 8) == 0 || strncmp(key, "Bearer ", 7) == 0
			     ? xasprintf("Authorization: %s", key)
			     : xasprintf("Authorization: Bearer %s", key);
	api_client_add_header(c, auth);
	free(auth);
	return 0;
}

/* One GraphQL request: its "data" object (a new cJSON), or NULL with *cause set. */
static cJSON *
linear_query(struct remote *r, const char *query, const cJSON *variables, int is_mutation,
	     char **cause)
{
	struct api_client *c = remote_api(r, cause);
	if (c == NULL)
		return NULL;
	struct api_response res;
	cJSON *data = NULL;
	if (api_graphql(c, NULL, query, variables, is_mutation, &res, cause) == 0) {
		data = cJSON_DetachItemFromObjectCaseSensitive(res.json, "data");
		if (!cJSON_IsObject(data)) {
			cJSON_Delete(data);
			data = NULL;
			set_cause(cause, "Linear: unexpected response (no data)");
		}
	}
	api_response_clear(&res);
	return data;
}

/* Every node of a connection (root: "issues", "teams"), following pageInfo. */
static cJSON *
linear_list(struct remote *r, const char *root, const char *query, cJSON *variables, long limit,
	    char **cause)
{
	struct api_client *c = remote_api(r, cause);
	if (c == NULL)
		return NULL;
	cJSON_AddNumberToObject(variables, "first",
				limit > 0 && limit < LINEAR_PAGE_SIZE ? limit : LINEAR_PAGE_SIZE);
	cJSON *body = cJSON_CreateObject();
	cJSON_AddStringToObject(body, "query", query);
	cJSON_AddItemReferenceToObject(body, "variables", variables);
	char *items = xasprintf("data.%s.nodes", root);
	char *info = xasprintf("data.%s.pageInfo", root);
	struct api_list list = {
		.request = {.method = "POST", .json = body},
		.items = items,
		.paging = API_PAGING_GRAPHQL,
		.page_info_path = info,
		.cursor_variable = "after",
		.limit = limit,
	};
	cJSON *all = api_list_all(c, &list, cause);
	free(info);
	free(items);
	cJSON_Delete(body);
	return all;
}

/* A Linear id: 36 characters of hex and dashes. */
static int
looks_like_uuid(const char *s)
{
	if (strlen(s) != 36)
		return 0;
	for (const char *p = s; *p != '\0'; p++)
		if (!isxdigit((unsigned char)*p) && *p != '-')
			return 0;
	return 1;
}

/* An issue's identifier ("ENG-123") or id. */
static int
issue_ref_valid(const char *s)
{
	if (looks_like_uuid(s))
		return 1;
	const char *dash = strrchr(s, '-');
	if (dash == NULL || dash == s || dash[1] == '\0')
		return 0;
	for (const char *p = s; p < dash; p++)
		if (!isalnum((unsigned char)*p))
			return 0;
	for (const char *p = dash + 1; *p != '\0'; p++)
		if (!isdigit((unsigned char)*p))
			return 0;
	return 1;
}

static int
check_issue_ref(const char *s, char **cause)
{
	if (issue_ref_valid(s))
		return 0;
	set_cause(cause, "'%s' is not an issue identifier (such as ENG-123)", s);
	return VERB_USAGE;
}

/* ---------------------------------------------------------------- teams */

static cJSON *
list_teams(struct remote *r, char **cause)
{
	cJSON *vars = cJSON_CreateObject();
	cJSON *teams = linear_list(r, "teams",
				   "query($first: Int!, $after: String) { teams(first: $first, "
				   "after: $after) { pageInfo { hasNextPage endCursor } nodes { id "
				   "key name } } }",
				   vars, 0, cause);
	cJSON_Delete(vars);
	return teams;
}

/*
 * The id of the team named by want (a key, a name or an id), or, when want
 * is NULL, of the workspace's only team.  A new string, or NULL with *cause.
 */
static char *
team_id(struct remote *r, const char *want, char **cause)
{
	if (want != NULL && looks_like_uuid(want))
		return xstrdup(want);
	cJSON *teams = list_teams(r, cause);
	if (teams == NULL)
		return NULL;
	char *id = NULL;
	struct strv keys = STRV_INIT;
	const cJSON *t;
	cJSON_ArrayForEach (t, teams) {
		const char *key = json_string(t, "key"), *name = json_string(t, "name");
		if (key != NULL)
			strv_push(&keys, key);
		if (id == NULL && want != NULL &&
		    ((key != NULL && strcasecmp(key, want) == 0) ||
		     (name != NULL && strcasecmp(name, want) == 0)))
			id = xstrdup_or_null(json_string(t, "id"));
	}
	char *list = provider_name_list(&keys, 10);
	if (want == NULL && keys.n == 1)
		id = xstrdup_or_null(json_string(cJSON_GetArrayItem(teams, 0), "id"));
	else if (want == NULL)
		set_cause(cause,
			  "the workspace has %zu teams (%s): give --team KEY, or set the remote's "
			  "teamId",
			  keys.n, list);
	else if (id == NULL)
		set_cause(cause, "Linear: no team '%s' (teams: %s)", want, list);
	free(list);
	strv_free(&keys);
	cJSON_Delete(teams);
	return id;
}

/* The team to work in: --team, else the remote's teamId; NULL when neither is set. */
static const char *
team_wanted(struct remote *r, const struct args *args)
{
	const char *team = args != NULL ? args_get(args, "team") : NULL;
	return team != NULL ? team : remote_opt(r, "teamId");
}

/* The workspace's URL key: workspaceId when it is one, else asked for. */
static char *
workspace_key(struct remote *r, char **cause)
{
	const char *ws = remote_opt(r, "workspaceId");
	if (ws != NULL && !looks_like_uuid(ws))
		return xstrdup(ws);
	cJSON *data = linear_query(r, "query { organization { id name urlKey } }", NULL, 0, cause);
	char *key = xstrdup_or_null(json_path_string(data, "organization.urlKey"));
	if (data != NULL && key == NULL)
		set_cause(cause, "Linear: the workspace has no URL key");
	cJSON_Delete(data);
	return key;
}

static int
teams_list_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	cJSON *teams = list_teams(call->remote, cause);
	if (teams == NULL)
		return -1;
	char *ws = workspace_key(call->remote, cause);
	if (ws == NULL) {
		cJSON_Delete(teams);
		return -1;
	}
	out->rows = cJSON_CreateArray();
	const cJSON *t;
	cJSON_ArrayForEach (t, teams) {
		const char *key = json_string(t, "key");
		char *name = provider_clean_text(json_string(t, "name"), 0, 200);
		char *url = xasprintf(LINEAR_WEB "/%s/team/%s", ws, key != NULL ? key : "");
		cJSON *row = provider_row(key, name, url);
		provider_row_string(row, "uuid", json_string(t, "id"));
		cJSON_AddItemToArray(out->rows, row);
		free(url);
		free(name);
	}
	free(ws);
	cJSON_Delete(teams);
	return 0;
}

/* --------------------------------------------------------------- issues */

static char *
person(const cJSON *user)
{
	const char *name = json_string(user, "displayName");
	if (name == NULL)
		name = json_string(user, "name");
	return name != NULL ? provider_clean_text(name, 0, 100) : NULL;
}

static cJSON *
issue_row(const cJSON *issue)
{
	char *title = provider_clean_text(json_string(issue, "title"), 0, 0);
	cJSON *row =
		provider_row(json_string(issue, "identifier"), title, json_string(issue, "url"));
	free(title);
	provider_row_string(row, "uuid", json_string(issue, "id"));
	cJSON_AddNumberToObject(row, "priority", json_number(issue, "priority", 0));
	provider_row_string(row, "priority_label", json_string(issue, "priorityLabel"));
	provider_row_string(row, "state", json_path_string(issue, "state.name"));
	provider_row_string(row, "state_type", json_path_string(issue, "state.type"));
	char *assignee = person(cJSON_GetObjectItemCaseSensitive(issue, "assignee"));
	provider_row_string(row, "assignee", assignee);
	free(assignee);
	provider_row_string(row, "team", json_path_string(issue, "team.key"));
	provider_row_string(row, "created_at", json_string(issue, "createdAt"));
	provider_row_string(row, "updated_at", json_string(issue, "updatedAt"));
	return row;
}

static char *
issue_preview(const cJSON *issue)
{
	struct strbuf sb = STRBUF_INIT;
	char *title = provider_clean_text(json_string(issue, "title"), 0, 0);
	sb_addf(&sb, "# %s\n\n", title);
	free(title);
	const char *state = json_path_string(issue, "state.name");
	const char *type = json_path_string(issue, "state.type");
	sb_addf(&sb, "**%s** · %s", provider_or_unknown(json_string(issue, "identifier")),
		provider_or_unknown(state));
	if (type != NULL)
		sb_addf(&sb, " (%s)", type);
	sb_add(&sb, "\n\n");
	const char *priority = json_string(issue, "priorityLabel");
	sb_addf(&sb, "- Priority: %s\n", priority != NULL ? priority : "No priority");
	char *assignee = person(cJSON_GetObjectItemCaseSensitive(issue, "assignee"));
	sb_addf(&sb, "- Assignee: %s\n", assignee != NULL ? assignee : "nobody");
	free(assignee);
	char *team = provider_clean_text(json_path_string(issue, "team.name"), 0, 100);
	const char *key = json_path_string(issue, "team.key");
	if (*team != '\0')
		sb_addf(&sb, "- Team: %s (%s)\n", team, key != NULL ? key : "?");
	free(team);
	char *created = provider_date(json_string(issue, "createdAt"));
	char *updated = provider_date(json_string(issue, "updatedAt"));
	sb_addf(&sb, "- Created %s · updated %s\n", created, updated);
	free(created);
	free(updated);
	const char *description = json_string(issue, "description");
	if (description != NULL && *description != '\0') {
		char *excerpt = provider_clean_text(description, 1, LINEAR_PREVIEW);
		sb_addf(&sb, "\n---\n\n%s\n", excerpt);
		free(excerpt);
	}
	return sb_detach(&sb);
}

static int
issue_done(const cJSON *issue)
{
	const char *type = json_path_string(issue, "state.type");
	return type != NULL && (strcmp(type, "completed") == 0 || strcmp(type, "canceled") == 0);
}

static struct item *
issue_item(struct remote *r, const cJSON *issue)
{
	const char *ident = json_string(issue, "identifier");
	char *title = provider_clean_text(json_string(issue, "title"), 0, 0);
	struct item *item = provider_item_create(r, "issue", ident != NULL ? ident : "?", title);
	free(title);
	char *team = provider_clean_text(json_path_string(issue, "team.name"), 0, 100);
	char *subtitle = xasprintf("%s%s%s", ident != NULL ? ident : "", *team ? " · " : "", team);
	item_set(&item->subtitle, subtitle);
	free(subtitle);
	free(team);
	if (ident != NULL)
		item_add_keyword(item, ident);
	item_add_keyword(item, "issue");
	const char *state = json_path_string(issue, "state.name");
	if (state != NULL) {
		char *clean = provider_clean_text(state, 0, 100);
		item_add_accessory(item, ACC_STATUS, clean);
		item_add_keyword(item, clean);
		free(clean);
	}
	const char *priority = json_string(issue, "priorityLabel");
	if (priority != NULL && json_number(issue, "priority", 0) > 0)
		item_add_accessory(item, ACC_TAG, priority);
	char *assignee = person(cJSON_GetObjectItemCaseSensitive(issue, "assignee"));
	if (assignee != NULL) {
		char *at = xasprintf("@%s", assignee);
		item_add_accessory(item, ACC_TEXT, at);
		item_add_keyword(item, assignee);
		free(at);
		free(assignee);
	}
	char *updated = provider_date(json_string(issue, "updatedAt"));
	if (*updated != '\0')
		item_add_accessory(item, ACC_DATE, updated);
	free(updated);
	char *preview = issue_preview(issue);
	item_set(&item->preview, preview);
	free(preview);

	provider_item_add_url_actions(item, json_string(issue, "url"));
	if (ident != NULL) {
		item_add_action(item, ACTION_COPY, "copy-id", "Copy Issue ID", ident);
		struct action *comment = provider_item_add_verb(item, r, "comment", "Add Comment",
								"issues comment", ident, 0, 0);
		comment->input = xstrdup("Comment");
		if (!issue_done(issue))
			provider_item_add_verb(item, r, "close", "Mark as Done", "issues close",
					       ident, 1, 0);
	}
	return item;
}

/* {"name": {"eqIgnoreCase": value}}-style comparators. */
static cJSON *
compare(const char *field, const char *op, cJSON *value)
{
	cJSON *outer = cJSON_CreateObject();
	cJSON *inner = cJSON_AddObjectToObject(outer, field);
	cJSON_AddItemToObject(inner, op, value);
	return outer;
}

/*
 * The IssueFilter for --state (open: not completed or canceled, the
 * default; all; or a state's name), --assignee (me, none or a name or
 * email) and a team id.  A new object.
 */
static cJSON *
issue_filter(const char *state, const char *assignee, const char *team)
{
	cJSON *filter = cJSON_CreateObject();
	if (state == NULL || strcasecmp(state, "open") == 0) {
		const char *done[] = {"completed", "canceled"};
		cJSON_AddItemToObject(filter, "state",
				      compare("type", "nin", cJSON_CreateStringArray(done, 2)));
	} else if (strcasecmp(state, "all") != 0)
		cJSON_AddItemToObject(filter, "state",
				      compare("name", "eqIgnoreCase", cJSON_CreateString(state)));
	if (assignee != NULL && strcasecmp(assignee, "me") == 0)
		cJSON_AddItemToObject(filter, "assignee",
				      compare("isMe", "eq", cJSON_CreateTrue()));
	else if (assignee != NULL && strcasecmp(assignee, "none") == 0) {
		cJSON *a = cJSON_AddObjectToObject(filter, "assignee");
		cJSON_AddTrueToObject(a, "null");
	} else if (assignee != NULL) {
		cJSON *any = cJSON_CreateArray();
		static const char *const fields[] = {"name", "displayName", "email"};
		for (size_t i = 0; i < nitems(fields); i++)
			cJSON_AddItemToArray(any, compare(fields[i], "eqIgnoreCase",
							  cJSON_CreateString(assignee)));
		cJSON *a = cJSON_AddObjectToObject(filter, "assignee");
		cJSON_AddItemToObject(a, "or", any);
	}
	if (team != NULL)
		cJSON_AddItemToObject(filter, "team",
				      compare("id", "eq", cJSON_CreateString(team)));
	return filter;
}

static cJSON *
list_issues(struct remote *r, const char *state, const char *assignee, const char *team, long limit,
	    char **cause)
{
	char *tid = NULL;
	if (team != NULL && (tid = team_id(r, team, cause)) == NULL)
		return NULL;
	cJSON *vars = cJSON_CreateObject();
	cJSON_AddItemToObject(vars, "filter", issue_filter(state, assignee, tid));
	char *query = xasprintf("query($first: Int!, $after: String, $filter: IssueFilter) { "
				"issues(first: $first, after: $after, filter: $filter, orderBy: "
				"updatedAt) { pageInfo { hasNextPage endCursor } nodes { %s } } }",
				issue_fields);
	cJSON *issues = linear_list(r, "issues", query, vars, limit, cause);
	free(query);
	cJSON_Delete(vars);
	free(tid);
	return issues;
}

static int
feed_issues(struct remote *r, struct item_list *out, char **cause)
{
	cJSON *issues =
		list_issues(r, NULL, NULL, remote_opt(r, "teamId"), LINEAR_FEED_LIMIT, cause);
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
	long limit = provider_limit(args, 50, cause);
	if (limit == -1)
		return VERB_USAGE;
	cJSON *issues =
		list_issues(call->remote, args_get(args, "state"), args_get(args, "assignee"),
			    team_wanted(call->remote, args), limit, cause);
	if (issues == NULL)
		return -1;
	out->rows = cJSON_CreateArray();
	const cJSON *issue;
	cJSON_ArrayForEach (issue, issues)
		cJSON_AddItemToArray(out->rows, issue_row(issue));
	cJSON_Delete(issues);
	return 0;
}

/* One issue with its team's workflow states: the issue object, new, or NULL. */
static cJSON *
get_issue(struct remote *r, const char *ref, char **cause)
{
	cJSON *vars = cJSON_CreateObject();
	cJSON_AddStringToObject(vars, "id", ref);
	char *query = xasprintf("query($id: String!) { issue(id: $id) { %s team { states { "
				"nodes { id name type position } } } } }",
				issue_fields);
	cJSON *data = linear_query(r, query, vars, 0, cause);
	free(query);
	cJSON_Delete(vars);
	cJSON *issue = data != NULL ? cJSON_DetachItemFromObjectCaseSensitive(data, "issue") : NULL;
	if (data != NULL && !cJSON_IsObject(issue)) {
		set_cause(cause, "Linear: no issue '%s'", ref);
		cJSON_Delete(issue);
		issue = NULL;
	}
	cJSON_Delete(data);
	return issue;
}

static int
issues_get_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const char *ref = call->args->argv[0];
	if (check_issue_ref(ref, cause) != 0)
		return VERB_USAGE;
	cJSON *issue = get_issue(call->remote, ref, cause);
	if (issue == NULL)
		return -1;
	out->rows = cJSON_CreateArray();
	cJSON *row = issue_row(issue);
	char *description = provider_clean_text(json_string(issue, "description"), 1, 0);
	cJSON_AddStringToObject(row, "description", description);
	free(description);
	cJSON_AddItemToArray(out->rows, row);
	char *preview = issue_preview(issue);
	out->text = xasprintf("%s\n%s\n", preview, provider_or_unknown(json_string(row, "url")));
	free(preview);
	cJSON_Delete(issue);
	return 0;
}

/* --priority N: 0 (none) to 4 (low). 1 when given, 0 when not, VERB_USAGE when bad. */
static int
priority_option(const struct args *args, long *priority, char **cause)
{
	if (!args_has(args, "priority"))
		return 0;
	if (args_get_long(args, "priority", 0, 4, priority, cause) == -1)
		return VERB_USAGE;
	return 1;
}

/* Run an issueCreate/issueUpdate mutation: the issue it returns (new), or NULL. */
static cJSON *
issue_mutation(struct remote *r, const char *mutation, const cJSON *vars, char **cause)
{
	char *query = xasprintf(
		"mutation(%s) { %s { success issue { %s } } }",
		strcmp(mutation, "issueCreate") == 0 ? "$input: IssueCreateInput!"
						     : "$id: String!, $input: IssueUpdateInput!",
		strcmp(mutation, "issueCreate") == 0 ? "issueCreate(input: $input)"
						     : "issueUpdate(id: $id, input: $input)",
		issue_fields);
	cJSON *data = linear_query(r, query, vars, 1, cause);
	free(query);
	if (data == NULL)
		return NULL;
	cJSON *payload = cJSON_GetObjectItemCaseSensitive(data, mutation);
	cJSON *issue = cJSON_DetachItemFromObjectCaseSensitive(payload, "issue");
	if (!json_bool(payload, "success", 0) || !cJSON_IsObject(issue)) {
		set_cause(cause, "Linear: %s did not succeed", mutation);
		cJSON_Delete(issue);
		issue = NULL;
	}
	cJSON_Delete(data);
	return issue;
}

static void
issue_result(struct verb_output *out, const cJSON *issue, const char *verb)
{
	out->rows = cJSON_CreateArray();
	cJSON *row = issue_row(issue);
	cJSON_AddItemToArray(out->rows, row);
	out->text =
		xasprintf("%s %s: %s", verb, provider_or_unknown(json_string(issue, "identifier")),
			  provider_or_unknown(json_string(row, "url")));
}

static int
issues_create_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	if (*args->argv[0] == '\0') {
		set_cause(cause, "an issue needs a title");
		return VERB_USAGE;
	}
	long priority = 0;
	int has_priority = priority_option(args, &priority, cause);
	if (has_priority == VERB_USAGE)
		return VERB_USAGE;
	char *team = team_id(call->remote, team_wanted(call->remote, args), cause);
	if (team == NULL)
		return -1;
	cJSON *vars = cJSON_CreateObject();
	cJSON *input = cJSON_AddObjectToObject(vars, "input");
	cJSON_AddStringToObject(input, "teamId", team);
	cJSON_AddStringToObject(input, "title", args->argv[0]);
	if (args_get(args, "description") != NULL)
		cJSON_AddStringToObject(input, "description", args_get(args, "description"));
	if (has_priority)
		cJSON_AddNumberToObject(input, "priority", (double)priority);
	free(team);
	cJSON *issue = issue_mutation(call->remote, "issueCreate", vars, cause);
	cJSON_Delete(vars);
	if (issue == NULL)
		return -1;
	issue_result(out, issue, "Created");
	cJSON_Delete(issue);
	return 0;
}

/* The id of the issue's team's state called name (or of type want_type). */
static const char *
state_id(const cJSON *issue, const char *name, const char *want_type, char **cause)
{
	const cJSON *states = json_path(issue, "team.states.nodes");
	const cJSON *s, *best = NULL;
	struct strv names = STRV_INIT;
	cJSON_ArrayForEach (s, (cJSON_IsArray(states) ? states : NULL)) {
		const char *n = json_string(s, "name"), *t = json_string(s, "type");
		if (n != NULL)
			strv_push(&names, n);
		if (name != NULL && n != NULL && strcasecmp(n, name) == 0 && best == NULL)
			best = s;
		if (want_type != NULL && t != NULL && strcmp(t, want_type) == 0 &&
		    (best == NULL ||
		     json_number(s, "position", 0) < json_number(best, "position", 0)))
			best = s;
	}
	if (best == NULL) {
		char *list = provider_name_list(&names, 10);
		if (name != NULL)
			set_cause(cause, "Linear: %s has no state '%s' (states: %s)",
				  provider_or_unknown(json_string(issue, "identifier")), name,
				  list);
		else
			set_cause(cause, "Linear: %s's team has no %s state",
				  provider_or_unknown(json_string(issue, "identifier")), want_type);
		free(list);
	}
	strv_free(&names);
	const char *id = best != NULL ? json_string(best, "id") : NULL;
	if (best != NULL && id == NULL)
		set_cause(cause, "Linear: state '%s' came without an id",
			  provider_or_unknown(json_string(best, "name")));
	return id;
}

static int
update_issue(const struct verb_call *call, struct verb_output *out, cJSON *input,
	     const char *state_name, const char *state_type, const char *verb, char **cause)
{
	const char *ref = call->args->argv[0];
	if (state_name != NULL || state_type != NULL) {
		cJSON *issue = get_issue(call->remote, ref, cause);
		if (issue == NULL)
			return -1;
		const char *id = state_id(issue, state_name, state_type, cause);
		if (id != NULL)
			cJSON_AddStringToObject(input, "stateId", id);
		cJSON_Delete(issue);
		if (id == NULL)
			return -1;
	}
	cJSON *vars = cJSON_CreateObject();
	cJSON_AddStringToObject(vars, "id", ref);
	cJSON_AddItemReferenceToObject(vars, "input", input);
	cJSON *issue = issue_mutation(call->remote, "issueUpdate", vars, cause);
	cJSON_Delete(vars);
	if (issue == NULL)
		return -1;
	issue_result(out, issue, verb);
	if (state_type != NULL) {
		free(out->text);
		out->text = xasprintf("%s %s: %s", verb,
				      provider_or_unknown(json_string(issue, "identifier")),
				      provider_or_unknown(json_path_string(issue, "state.name")));
	}
	cJSON_Delete(issue);
	return 0;
}

static int
issues_update_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const struct args *args = call->args;
	if (check_issue_ref(args->argv[0], cause) != 0)
		return VERB_USAGE;
	long priority = 0;
	int has_priority = priority_option(args, &priority, cause);
	if (has_priority == VERB_USAGE)
		return VERB_USAGE;
	const char *title = args_get(args, "title");
	const char *description = args_get(args, "description");
	const char *state = args_get(args, "state");
	if (title == NULL && description == NULL && state == NULL && !has_priority) {
		set_cause(cause, "nothing to change: give --title, --state, --priority or "
				 "--description");
		return VERB_USAGE;
	}
	if (title != NULL && *title == '\0') {
		set_cause(cause, "an issue needs a title");
		return VERB_USAGE;
	}
	cJSON *input = cJSON_CreateObject();
	if (title != NULL)
		cJSON_AddStringToObject(input, "title", title);
	if (description != NULL)
		cJSON_AddStringToObject(input, "description", description);
	if (has_priority)
		cJSON_AddNumberToObject(input, "priority", (double)priority);
	int rc = update_issue(call, out, input, state, NULL, "Updated", cause);
	cJSON_Delete(input);
	return rc;
}

static int
issues_close_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	if (check_issue_ref(call->args->argv[0], cause) != 0)
		return VERB_USAGE;
	cJSON *input = cJSON_CreateObject();
	int rc = update_issue(call, out, input, NULL, "completed", "Closed", cause);
	cJSON_Delete(input);
	return rc;
}

static int
issues_comment_exec(const struct verb_call *call, struct verb_output *out, char **cause)
{
	const char *ref = call->args->argv[0], *body = call->args->argv[1];
	if (check_issue_ref(ref, cause) != 0)
		return VERB_USAGE;
	if (*body == '\0') {
		set_cause(cause, "a comment needs some text");
		return VERB_USAGE;
	}
	/* issueId takes an identifier (ENG-123) as well as a UUID. */
	cJSON *vars = cJSON_CreateObject();
	cJSON *input = cJSON_AddObjectToObject(vars, "input");
	cJSON_AddStringToObject(input, "issueId", ref);
	cJSON_AddStringToObject(input, "body", body);
	cJSON *data = linear_query(call->remote,
				   "mutation($input: CommentCreateInput!) { commentCreate(input: "
				   "$input) { success comment { id url body createdAt } } }",
				   vars, 1, cause);
	cJSON_Delete(vars);
	if (data == NULL)
		return -1;
	const cJSON *payload = cJSON_GetObjectItemCaseSensitive(data, "commentCreate");
	const cJSON *comment = cJSON_GetObjectItemCaseSensitive(payload, "comment");
	if (!json_bool(payload, "success", 0) || !cJSON_IsObject(comment)) {
		set_cause(cause, "Linear: commentCreate did not succeed");
		cJSON_Delete(data);
		return -1;
	}
	char *title = provider_clean_text(json_string(comment, "body"), 0, 80);
	cJSON *row = provider_row(json_string(comment, "id"), title, json_string(comment, "url"));
	provider_row_string(row, "issue", ref);
	provider_row_string(row, "created", json_string(comment, "createdAt"));
	out->rows = cJSON_CreateArray();
	cJSON_AddItemToArray(out->rows, row);
	out->text = xasprintf("Commented on %s: %s", ref,
			      provider_or_unknown(json_string(comment, "url")));
	free(title);
	cJSON_Delete(data);
	return 0;
}

/* ---------------------------------------------------- test and web page */

static int
linear_test(struct remote *r, char **message, char **cause)
{
	cJSON *data = linear_query(
		r, "query { viewer { id name email } organization { id name urlKey } }", NULL, 0,
		cause);
	if (data == NULL)
		return -1;
	const char *ws = remote_opt(r, "workspaceId");
	const char *id = json_path_string(data, "organization.id");
	const char *key = json_path_string(data, "organization.urlKey");
	const char *name = json_path_string(data, "organization.name");
	int rc = 0;
	if (ws != NULL && !(id != NULL && strcmp(ws, id) == 0) &&
	    !(key != NULL && strcasecmp(ws, key) == 0)) {
		set_cause(cause, "Linear: the API key belongs to workspace '%s', not '%s'",
			  key != NULL ? key : "?", ws);
		rc = -1;
	}
	char *team = NULL;
	if (rc == 0 && remote_opt(r, "teamId") != NULL &&
	    (team = team_id(r, remote_opt(r, "teamId"), cause)) == NULL)
		rc = -1;
	if (rc == 0)
		*message = xasprintf("Linear: connected to workspace \"%s\" as %s",
				     name != NULL ? name : "?",
				     json_path_string(data, "viewer.name")
					     ? json_path_string(data, "viewer.name")
					     : "?");
	free(team);
	cJSON_Delete(data);
	return rc;
}

static char *
linear_web_url(struct remote *r, char **cause)
{
	char *ws = workspace_key(r, cause);
	if (ws == NULL)
		return NULL;
	const char *team = remote_opt(r, "teamId");
	char *url = team != NULL && !looks_like_uuid(team)
			    ? xasprintf(LINEAR_WEB "/%s/team/%s", ws, team)
			    : xasprintf(LINEAR_WEB "/%s", ws);
	free(ws);
	return url;
}

/* ---------------------------------------------------------------- table */

static const struct cmd_option issues_list_options[] = {
	{"state", 's', ARG_REQUIRED, "STATE",
	 "open (default: not completed or canceled), all, or a state's name"},
	{"assignee", 'a', ARG_REQUIRED, "WHO", "me, none, or a name or email"},
	{"team", 't', ARG_REQUIRED, "TEAM", "the team's key or id (default: teamId)"},
	{"limit", 'n', ARG_REQUIRED, "N", "at most N issues (default 50)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option issues_create_options[] = {
	{"description", 'd', ARG_REQUIRED, "TEXT", "the issue's description (markdown)"},
	{"priority", 'p', ARG_REQUIRED, "N", "0 none, 1 urgent, 2 high, 3 medium, 4 low"},
	{"team", 't', ARG_REQUIRED, "TEAM", "the team's key or id (default: teamId)"},
	{NULL, 0, 0, NULL, NULL},
};
static const struct cmd_option issues_update_options[] = {
	{"title", 0, ARG_REQUIRED, "TEXT", "a new title"},
	{"state", 's', ARG_REQUIRED, "NAME", "move it to the team's state NAME"},
	{"priority", 'p', ARG_REQUIRED, "N", "0 none, 1 urgent, 2 high, 3 medium, 4 low"},
	{"description", 'd', ARG_REQUIRED, "TEXT", "a new description"},
	{NULL, 0, 0, NULL, NULL},
};

static const struct provider_column issue_columns[] = {
	{"ID", "id"},       {"STATE", "state"},       {"PRIORITY", "priority_label"},
	{"TITLE", "title"}, {"ASSIGNEE", "assignee"}, {NULL, NULL},
};
static const struct provider_column team_columns[] = {
	{"KEY", "id"},
	{"NAME", "title"},
	{"ID", "uuid"},
	{NULL, NULL},
};

static const struct provider_verb issues_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "[--state STATE] [--assignee WHO] [--team TEAM] [--limit N]",
	.summary = "List issues, most recently updated first",
	.options = issues_list_options,
	.args_max = 0,
	.columns = issue_columns,
	.exec = issues_list_exec,
};
static const struct provider_verb issues_get = {
	.name = "get",
	.aliases = (const char *const[]){"show", "view", NULL},
	.usage = "ID",
	.summary = "Show an issue (ENG-123)",
	.args_min = 1,
	.args_max = 1,
	.columns = issue_columns,
	.exec = issues_get_exec,
};
static const struct provider_verb issues_create = {
	.name = "create",
	.aliases = (const char *const[]){"new", NULL},
	.usage = "TITLE [--description TEXT] [--priority N] [--team TEAM]",
	.summary = "Create an issue",
	.options = issues_create_options,
	.args_min = 1,
	.args_max = 1,
	.columns = issue_columns,
	.exec = issues_create_exec,
};
static const struct provider_verb issues_update = {
	.name = "update",
	.aliases = (const char *const[]){"edit", NULL},
	.usage = "ID [--title TEXT] [--state NAME] [--priority N] [--description TEXT]",
	.summary = "Change an issue",
	.options = issues_update_options,
	.args_min = 1,
	.args_max = 1,
	.columns = issue_columns,
	.exec = issues_update_exec,
};
static const struct provider_verb issues_close = {
	.name = "close",
	.aliases = (const char *const[]){"done", NULL},
	.usage = "ID",
	.summary = "Move an issue to its team's first completed state",
	.args_min = 1,
	.args_max = 1,
	.columns = issue_columns,
	.exec = issues_close_exec,
};
static const struct provider_column comment_columns[] = {
	{"ISSUE", "issue"},
	{"COMMENT", "title"},
	{"URL", "url"},
	{NULL, NULL},
};
static const struct provider_verb issues_comment = {
	.name = "comment",
	.usage = "ID TEXT",
	.summary = "Comment on an issue (markdown)",
	.args_min = 2,
	.args_max = 2,
	.columns = comment_columns,
	.exec = issues_comment_exec,
};
static const struct provider_verb *const issues_verbs[] = {
	&issues_list,  &issues_get,     &issues_create, &issues_update,
	&issues_close, &issues_comment, NULL,
};
static const struct provider_resource issues_resource = {
	.name = "issues",
	.aliases = (const char *const[]){"issue", NULL},
	.summary = "Issues of the workspace (or of its team)",
	.verbs = issues_verbs,
};

static const struct provider_verb teams_list = {
	.name = "list",
	.aliases = (const char *const[]){"ls", NULL},
	.usage = "",
	.summary = "List the workspace's teams",
	.args_max = 0,
	.columns = team_columns,
	.exec = teams_list_exec,
};
static const struct provider_verb *const teams_verbs[] = {&teams_list, NULL};
static const struct provider_resource teams_resource = {
	.name = "teams",
	.aliases = (const char *const[]){"team", NULL},
	.summary = "Teams of the workspace",
	.verbs = teams_verbs,
};

static const struct provider_resource *const linear_resources[] = {
	&issues_resource,
	&teams_resource,
	NULL,
};

static const struct provider_feed linear_feeds[] = {
	{"issues", NULL, feed_issues},
	{NULL, NULL, NULL},
};

static const char *const linear_aliases[] = {NULL};
static const char *const linear_types[] = {"linear-workspace", NULL};

const struct provider linear_provider = {
	.name = "linear",
	.aliases = linear_aliases,
	.types = linear_types,
	.title = "Linear",
	.summary = "Linear issues and teams",
	.built = 1,
	.icon = "🔷",
	.api_url = LINEAR_API,
	.fields = linear_fields,
	.resources = linear_resources,
	.feeds = linear_feeds,
	.setup_api = linear_setup,
	.test = linear_test,
	.web_url = linear_web_url,
};
