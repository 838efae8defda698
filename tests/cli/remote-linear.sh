#!/bin/sh
# chitty linear against the fixture server: the Authorization header
# (personal keys bare, OAuth tokens with Bearer), filters, pageInfo
# pagination, create/update/close, GraphQL errors inside HTTP 200,
# RATELIMITED, wrong keys, secrets never shown.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
key=$LINEAR_KEY_VALUE

run_chitty linear --help
like "$out" '^  issues update ID \[--title TEXT\]' "chitty linear --help lists the verbs"
like "$out" '^  teams list ' "and teams"

# config add: the connection test, the workspace checked
run_chitty config add linear-workspace work --set "apiKey=$key" --set workspaceId=chitty \
	--set teamId=ENG --set "apiUrl=$FIXTURE_URL/linear"
is "$rc" 0 "config add linear-workspace"
like "$out" '^Linear: connected to workspace "Chitty" as Alice$' "names the workspace and the user"
run_chitty config add linear-workspace other --set "apiKey=$key" --set workspaceId=acme \
	--set "apiUrl=$FIXTURE_URL/linear"
is "$rc" 1 "a key of another workspace"
like "$err" "Linear: the API key belongs to workspace 'chitty', not 'acme'" "is refused"
run_chitty config add linear-workspace other --set "apiKey=$key" --set teamId=NOPE \
	--set "apiUrl=$FIXTURE_URL/linear"
like "$err" "Linear: no team 'NOPE' \(teams: ENG, OPS\)" "so is an unknown team"

# issues list: the team's open issues, the header as Linear wants it
fixture_clear_log
run_chitty linear issues list
is "$rc" 0 "issues list"
like "$out" '^ID +STATE +PRIORITY +TITLE +ASSIGNEE$' "a table"
like "$out" '^ENG-1 +Todo +Urgent +Ünïcode ✓ wide 漢字 login bug +bob$' "issues as rows"
unlike "$out" 'OPS-' "only the remote's team"
unlike "$out" ' (Done|Canceled) ' "open issues only by default"
unlike "$out" "$(printf '\033')" "no escape sequence from the API"
is "$(fixture_query 'set(r["headers"]["authorization"] for r in reqs)')" "{'$key'}" \
	"a personal key is sent bare, without Bearer"
is "$(fixture_query '[json.loads(r["body"])["variables"]["filter"] for r in reqs if "issues(" in r["body"]]')" \
	"[{'state': {'type': {'nin': ['completed', 'canceled']}}, 'team': {'id': {'eq': '3f2c1d4e-0000-4000-8000-000000000e46'}}}]" \
	"open means not completed or canceled; the team's key is resolved to its id"
run_chitty linear issues list --json --state all --team OPS
is "$(json_of '[r["id"] for r in j]')" "['OPS-1', 'OPS-2', 'OPS-3', 'OPS-4', 'OPS-5']" \
	"--state all --team OPS, most recently updated first"
is "$(json_of 'sorted(j[0])')" \
	"['assignee', 'created_at', 'id', 'priority', 'priority_label', 'state', 'state_type', 'team', 'title', 'updated_at', 'url', 'uuid']" \
	"--json rows: id (the identifier), title, url and Linear's fields"
is "$(json_of '(j[0]["priority"], j[0]["priority_label"], j[0]["state_type"], j[0]["url"])')" \
	"(1, 'Urgent', 'unstarted', 'https://linear.app/chitty/issue/OPS-1/issue-1')" "priority, state type, URL"
run_chitty linear issues list --json --assignee me --state all
is "$(json_of 'sorted(set(r["assignee"] for r in j))')" "['alice']" "--assignee me"
is "$(fixture_query 'json.loads(reqs[-1]["body"])["variables"]["filter"]["assignee"]')" \
	"{'isMe': {'eq': True}}" "as isMe"
run_chitty linear issues list --json --assignee none --state "in progress"
is "$(json_of '[(r["id"], r["assignee"], r["state"]) for r in j]')" \
	"[('ENG-2', None, 'In Progress'), ('ENG-17', None, 'In Progress')]" \
	"--assignee none, --state by name (any case)"
run_chitty linear issues list --json --assignee BOB --limit 3
is "$(json_of '[r["assignee"] for r in j]')" "['bob', 'bob', 'bob']" "--assignee by name, --limit"

# pageInfo pagination
add_linear paged maxpage=4 --set teamId=ENG
fixture_clear_log
run_chitty linear issues list --remote paged --state all --json --limit 500
is "$(json_of 'len(j)')" 25 "every page is followed"
is "$(fixture_query '[json.loads(r["body"])["variables"].get("after") for r in reqs if "issues(" in r["body"]]')" \
	"[None, 'cursor:4', 'cursor:8', 'cursor:12', 'cursor:16', 'cursor:20', 'cursor:24']" \
	"after = endCursor while hasNextPage"
is "$(fixture_query '[json.loads(r["body"])["variables"]["first"] for r in reqs if "issues(" in r["body"]][:1]')" \
	"[100]" "asking 100 a page"

# teams list
run_chitty linear teams list --remote work --json
is "$(json_of '[(r["id"], r["title"], r["url"]) for r in j]')" \
	"[('ENG', 'Engineering', 'https://linear.app/chitty/team/ENG'), ('OPS', 'Operations', 'https://linear.app/chitty/team/OPS')]" \
	"teams list"

# issue create / get / update / close
fixture_clear_log
run_chitty linear issue create "Bug in auth" --description "Steps" --priority 2 --remote work
is "$rc:$out" "0:Created ENG-26: https://linear.app/chitty/issue/ENG-26/issue-26" \
	"issue create prints the identifier and URL"
is "$(fixture_query 'json.loads(reqs[-1]["body"])["variables"]')" \
	"{'input': {'teamId': '3f2c1d4e-0000-4000-8000-000000000e46', 'title': 'Bug in auth', 'description': 'Steps', 'priority': 2}}" \
	"IssueCreateInput with the team's id"
like "$(fixture_query 'json.loads(reqs[-1]["body"])["query"]')" '^mutation\(\$input: IssueCreateInput!\) \{ issueCreate' \
	"an issueCreate mutation"
run_chitty linear issue create "No team" --remote paged --team nope
like "$err" "Linear: no team 'nope'" "an unknown --team"
add_linear noteam
run_chitty linear issue create "Which team?" --remote noteam
is "$rc" 1 "without a team, in a workspace of two"
like "$err" "the workspace has 2 teams \(ENG, OPS\): give --team KEY, or set the remote's teamId" \
	"says what to do"
run_chitty linear issue create "X" --priority 7 --remote work
is "$rc" 2 "--priority 7 is a usage error"
run_chitty linear issue create "" --remote work
is "$rc" 2 "an empty title"

run_chitty linear issue get ENG-26 --remote work
like "$out" '^# Bug in auth$' "issue get: a markdown view"
like "$out" '^\*\*ENG-26\*\* · Todo \(unstarted\)$' "identifier and state"
like "$out" '^- Priority: High$' "priority"
run_chitty linear issue get "ENG 26" --remote work
is "$rc" 2 "a malformed identifier is a usage error"
run_chitty linear issue get ENG-999 --remote work
is "$rc:$err" "1:chitty: Linear: Entity not found: Issue - Could not find referenced Issue. (INVALID_INPUT)" \
	"an unknown issue: the GraphQL error inside HTTP 200"

fixture_clear_log
run_chitty linear issue update ENG-26 --state "in progress" --priority 1 --title "Auth bug" --remote work
is "$rc:$out" "0:Updated ENG-26: https://linear.app/chitty/issue/ENG-26/issue-26" "issue update"
is "$(fixture_query 'json.loads(reqs[-1]["body"])["variables"]')" \
	"{'id': 'ENG-26', 'input': {'title': 'Auth bug', 'priority': 1, 'stateId': 'st-ENG-2'}}" \
	"the state's name becomes the team's state id"
run_chitty linear issue get ENG-26 --remote work --json
is "$(json_of '(j[0]["title"], j[0]["state"], j[0]["priority_label"])')" "('Auth bug', 'In Progress', 'Urgent')" \
	"the issue changed"
run_chitty linear issue update ENG-26 --state Shipped --remote work
is "$rc" 1 "an unknown state"
like "$err" "Linear: ENG-26 has no state 'Shipped' \(states: Backlog, Todo, In Progress, Done, Canceled\)" \
	"lists the team's states"
run_chitty linear issue update ENG-26 --remote work
is "$rc" 2 "nothing to change is a usage error"
run_chitty linear issue close ENG-26 --remote work
is "$rc:$out" "0:Closed ENG-26: Done" "issue close: the first completed state"
fixture_clear_log
run_chitty linear issue comment --remote work ENG-26 -- "--looks like an option ✓ **bold**"
like "$rc:$out" "^0:Commented on ENG-26: https://linear.app/.*#comment-" "issue comment prints the comment's URL"
is "$(fixture_query 'json.loads(reqs[0]["body"])["variables"]')" \
	"{'input': {'issueId': 'ENG-26', 'body': '--looks like an option ✓ **bold**'}}" \
	"commentCreate with the identifier and the text as given"
run_chitty linear issue comment ENG-26 "" --remote work
is "$rc" 2 "an empty comment is a usage error"
run_chitty linear issue comment ENG-999 "hi" --remote work
is "$rc" 1 "a comment on an unknown issue fails"
like "$err" "Entity not found" "with Linear's error"

# errors
add_remote linear-workspace bearer linear "" --set "apiKey=$LINEAR_OAUTH_VALUE"
fixture_clear_log
run_chitty linear teams list --remote bearer
is "$rc" 0 "an OAuth token"
is "$(fixture_query 'reqs[0]["headers"]["authorization"]')" "Bearer $LINEAR_OAUTH_VALUE" "is sent with Bearer"
add_remote linear-workspace badkey linear "" --set "apiKey=lin_api_bad0123456789"
run_chitty linear issues list --remote badkey
is "$rc:$err" "1:chitty: Linear: Authentication required, not authenticated (AUTHENTICATION_ERROR) (HTTP 400)" \
	"a wrong key: Linear's error, one line"
unlike "$err" "lin_api_bad0123456789" "without the key"
add_linear gqlerr gqlerror
run_chitty linear issues list --remote gqlerr
is "$rc:$err" "1:chitty: Linear: Argument Validation Error: filter is not valid (INVALID_INPUT)" \
	"errors inside HTTP 200 are errors"
add_linear slowdown ratelimited=1
fixture_clear_log
run_chitty linear issues list --remote slowdown --limit 2 --json
is "$rc" 0 "RATELIMITED in HTTP 400: waited for the reset, then success"
is "$(fixture_query '[r["status"] for r in reqs]')" "[400, 200]" "two requests"
add_linear limited ratelimit=1,retry=1
fixture_clear_log
run_chitty linear issues list --remote limited --limit 2 --json
is "$(fixture_query '[r["status"] for r in reqs]')" "[429, 200]" "HTTP 429: waited, then success"
add_linear blocked ratelimited=9
run_chitty linear issues list --remote blocked --limit 2
is "$rc" 1 "rate limited again and again"
like "$err" '^chitty: Linear: Rate limit exceeded \(RATELIMITED\) \(HTTP 400\); try again in [0-9]+ s$' \
	"gives up saying when to try again"
add_linear flaky fail=1
fixture_clear_log
run_chitty linear issue create "Once" --remote flaky --team 3f2c1d4e-0000-4000-8000-000000000e46
is "$rc" 1 "a mutation that got a 503"
is "$(fixture_query 'len(reqs)')" 1 "is not repeated (a team id needs no lookup)"
add_linear flaky2 fail=1,again
fixture_clear_log
run_chitty linear issues list --remote flaky2 --limit 1
is "$(fixture_query '[r["status"] for r in reqs]')" "[503, 200]" "a query that got a 503 is repeated"

add_linear sparse sparse --set teamId=ENG
run_chitty linear issue get ENG-3 --remote sparse
is "$rc" 0 "an issue with null identifier, url and state"
unlike "$out$err" "(null)" "prints no (null)"
run_chitty linear issue create "Sparse" --remote sparse
is "$rc:$out" "0:Created ?: ?" "created: what the answer left out is ?"
run_chitty linear issue close ENG-4 --remote sparse
is "$rc:$out" "0:Closed ?: ?" "closed: the same"

run_chitty open --print work
is "$out" "https://linear.app/chitty/team/ENG" "chitty open: the team's page"
run_chitty open --print noteam
is "$out" "https://linear.app/chitty" "or the workspace's, asked for its URL key"
run_chitty config show work
unlike "$out" "$key" "config show masks the key"

done_testing
