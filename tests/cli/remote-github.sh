#!/bin/sh
# chitty github: every verb against the fixture server, --json shapes,
# tables, --remote selection, help, and the HTTP layer's behaviour on
# pagination, retries, rate limits and errors.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
tok=$GITHUB_TOKEN_VALUE

# Help at every level, before any remote exists.
run_chitty gh --help
is "$rc" 0 "chitty gh --help"
like "$out" '^  issues list ' "lists issue verbs"
like "$out" '^  actions secrets list' "and sub-resources' verbs"
like "$out" 'Alias: gh' "names the alias"
run_chitty github issues --help
like "$out" '^usage: chitty github issues VERB' "a resource's help"
like "$out" '^  issues close NUMBER' "lists its verbs"
run_chitty gh issues list --help
like "$out" '^usage: chitty github issues list \[--state STATE\]' "a verb's help"
like "$out" '--state STATE +open \(default\), closed or all' "lists its options"
like "$out" '--remote NAME' "and the common ones"
run_chitty help gh actions secrets list
like "$out" '^usage: chitty github actions secrets list' "chitty help PROVIDER RESOURCE… VERB"
run_chitty gh
is "$rc" 2 "chitty gh alone is a usage error"
run_chitty gh isues list
is "$rc:$(printf '%s' "$err" | head -n 1)" "2:chitty: unknown github resource 'isues' (did you mean 'issues'?)" \
	"an unknown resource is suggested"
run_chitty gh issues lst
like "$err" "did you mean 'list'" "so is an unknown verb"
run_chitty gh issues list
is "$rc" 1 "no remote configured"
like "$err" "no GitHub remote is configured \(add one with 'chitty config add github-project NAME" \
	"points at config add"

add_github gh
fixture_clear_log

# issues list: table, filters, pull requests dropped
run_chitty gh issues list
is "$rc" 0 "issues list exits 0"
like "$out" '^# +STATE +TITLE +LABELS +UPDATED$' "a table with headers"
like "$out" '^44 +open +Issue number 44 +ui ' "issues as rows"
is "$(printf '%s\n' "$out" | tail -n +2 | wc -l | tr -d ' ')" 30 "30 by default"
unlike "$out" '^(45|40|35|30|25|20|15|10|5) ' "pull requests are dropped"
unlike "$out" '^(42|28|21|14|7) ' "closed issues are not listed"
is "$(fixture_query 'reqs[0]["headers"].get("authorization")')" "Bearer $tok" "Bearer token sent"
like "$(fixture_query 'reqs[0]["headers"].get("user-agent")')" '^chitty/[0-9]' "User-Agent: chitty/VERSION"
is "$(fixture_query 'reqs[0]["headers"].get("accept")')" "application/vnd.github+json" "Accept header"
is "$(fixture_query 'reqs[0]["headers"].get("x-github-api-version")')" "2022-11-28" \
	"X-GitHub-Api-Version header"
is "$(fixture_query 'reqs[0]["query"]')" \
	"{'state': 'open', 'sort': 'updated', 'direction': 'desc', 'per_page': '100'}" "the query"

run_chitty gh issues list --json --limit 100
is "$rc" 0 "issues list --json"
is "$(json_of 'len(j)')" 31 "every open issue"
is "$(json_of 'all(set(["id","title","url","number","state","labels","assignees"]) <= set(r) for r in j)')" \
	True "objects with id, title, url and GitHub's fields"
is "$(json_of '[r["number"] for r in j if r["number"] % 5 == 0 or r["state"] != "open"]')" "[]" \
	"no pull request, nothing closed"
is "$(json_of 'j[-1]["title"]')" "Ünïcode ✓ wide 漢字 title" "UTF-8 titles intact"
is "$(json_of 'next(r["labels"] for r in j if r["id"] == "12")')" "['bug', 'ui']" "labels as names"
unlike "$out" "$(printf '\033')" "escape sequences from the API are never printed"

fixture_clear_log
run_chitty gh issues list --state all --label bug --assignee alice --limit 3 --json
is "$(json_of '[r["number"] for r in j]')" "[42, 36, 24]" "filters and --limit"
is "$(fixture_query 'reqs[0]["query"]["labels"] + " " + reqs[0]["query"]["assignee"] + " " + reqs[0]["query"]["state"]')" \
	"bug alice all" "filters go to the API"
run_chitty gh issues list --state bogus
is "$rc" 2 "a bad --state is a usage error"
like "$err" "open, closed or all" "and says what it takes"
run_chitty gh issues list --limit 0
is "$rc" 2 "--limit 0 is a usage error"

# Link pagination over several pages, on one connection
add_github paged maxpage=10
fixture_clear_log
run_chitty gh issues list --remote paged --state all --limit 200 --json
is "$(json_of 'len(j)')" 36 "every page is followed (36 issues over 5 pages)"
is "$(fixture_query '[r["query"].get("page") for r in reqs]')" "[None, '2', '3', '4', '5']" \
	"the Link header's next page, until there is none"
is "$(fixture_query 'len(set(r["client"] for r in reqs))')" 1 "one connection for every page"
add_github evil evil-link,maxpage=10
run_chitty gh issues list --remote evil --limit 200
is "$rc" 1 "a next page on another host is refused"
like "$err" "GitHub: refusing to follow a link to another host" "and said so"

# issues get / create / close / comment
run_chitty gh issues get 1 --remote gh
is "$rc" 0 "issues get"
like "$out" '^# Ünïcode ✓ wide 漢字 title$' "a markdown view"
like "$out" 'octo/hello #1\*\* · open' "with number and state"
like "$out" '^https://github.com/octo/hello/issues/1$' "and the URL"
run_chitty gh issues get '#12' --remote gh --json
is "$(json_of '(len(j), j[0]["id"], j[0]["body"].startswith("Some **markdown**"))')" "(1, '12', True)" \
	"issues get --json: an array of one, with the body"
run_chitty gh issues get 999 --remote gh
is "$rc:$err" "1:chitty: GitHub: Not Found (HTTP 404)" "an unknown issue: the API's error"
run_chitty gh issues get abc --remote gh
is "$rc" 2 "a bad number is a usage error"
like "$err" "'abc' is not an issue number" "saying so"
run_chitty gh issues get --remote gh
is "$rc" 2 "a missing argument is a usage error"

fixture_clear_log
run_chitty gh issues create "New bug" --body "Steps" --label bug --label ui --assignee alice --remote gh
is "$rc:$out" "0:Created #46: https://github.com/octo/hello/issues/46" "issues create"
is "$(fixture_query 'reqs[0]["method"] + " " + reqs[0]["api_path"] + " " + reqs[0]["body"]')" \
	'POST /repos/octo/hello/issues {"title":"New bug","body":"Steps","labels":["bug","ui"],"assignees":["alice"]}' \
	"posts title, body, labels and assignees"
run_chitty gh issues create "" --remote gh
is "$rc" 2 "an empty title is a usage error"

fixture_clear_log
run_chitty gh issues close 3 --reason not_planned --comment "Duplicate" --remote gh
is "$rc:$out" "0:Closed #3: Issue number 3" "issues close"
is "$(fixture_query '[(r["method"], r["api_path"], r["body"]) for r in reqs]')" \
	"[('POST', '/repos/octo/hello/issues/3/comments', '{\"body\":\"Duplicate\"}'), ('PATCH', '/repos/octo/hello/issues/3', '{\"state\":\"closed\",\"state_reason\":\"not_planned\"}')]" \
	"comments, then closes with the reason"
run_chitty gh issues get 3 --remote gh --json
is "$(json_of 'j[0]["state"]')" closed "it is closed"
run_chitty gh issues close 3 --reason maybe --remote gh
is "$rc" 2 "a bad --reason is a usage error"

run_chitty gh issues comment 4 "Looks good" --remote gh --json
is "$(json_of 'j[0]["url"]')" "https://github.com/octo/hello/issues/4#issuecomment-555001" \
	"issues comment --json: the comment's URL"
run_chitty gh issues comment 4 "Again" --remote gh
like "$out" '^Commented on #4: https://github.com/octo/hello/issues/4#issuecomment-' "issues comment"

# Actions
run_chitty gh actions list --remote gh --limit 3
like "$out" '^ID +WORKFLOW +BRANCH +STATUS +CONCLUSION +TITLE$' "actions list: a table"
like "$out" '^7023 +CI +main +completed +success +CI run 23$' "runs as rows"
fixture_clear_log
run_chitty gh actions list --remote gh --branch main --status success --workflow deploy.yml --json
is "$(fixture_query 'reqs[0]["api_path"]')" "/repos/octo/hello/actions/workflows/deploy.yml/runs" \
	"--workflow picks the workflow's runs"
is "$(fixture_query 'reqs[0]["query"]["branch"] + " " + reqs[0]["query"]["status"]')" "main success" \
	"--branch and --status go to the API"
is "$(json_of 'sorted(set((r["workflow"], r["branch"], r["conclusion"]) for r in j))')" \
	"[('Deploy', 'main', 'success')]" "and the runs match"
is "$(json_of 'all(r["url"].startswith("https://github.com/octo/hello/actions/runs/") for r in j)')" True \
	"runs have their URL"

run_chitty gh actions status --remote gh --json
is "$(json_of '[(r["workflow"], r["id"]) for r in j]')" "[('CI', '7025'), ('Deploy', '7024')]" \
	"actions status: the latest run per workflow"
run_chitty gh actions status --remote gh --branch feature --json
is "$(json_of '[(r["workflow"], r["branch"]) for r in j]')" "[('CI', 'feature'), ('Deploy', 'feature')]" \
	"actions status --branch"

fixture_clear_log
run_chitty gh actions run deploy.yml --branch release --input env=prod --input dry=1 --remote gh
is "$rc" 0 "actions run: the dispatch's 204 is success"
like "$out" '^Dispatched deploy.yml on release' "and says so"
is "$(fixture_query 'reqs[0]["method"] + " " + reqs[0]["api_path"] + " " + reqs[0]["body"]')" \
	'POST /repos/octo/hello/actions/workflows/deploy.yml/dispatches {"ref":"release","inputs":{"env":"prod","dry":"1"}}' \
	"posts ref and inputs"
fixture_clear_log
run_chitty gh actions run 161335 --remote gh --json
is "$(fixture_query '[r["method"] for r in reqs]')" "['GET', 'POST']" \
	"without --branch, the repository's default branch is asked for"
is "$(json_of 'j[0]["branch"]')" main "and used"
run_chitty gh actions run nope.yml --remote gh
is "$rc:$err" "1:chitty: GitHub: Not Found (HTTP 404)" "an unknown workflow"
run_chitty gh actions run deploy.yml --input novalue --remote gh
is "$rc" 2 "--input needs KEY=VALUE"

run_chitty gh actions secrets list --remote gh
like "$out" '^NAME +UPDATED$' "actions secrets list: a table"
like "$out" '^NOTION_TOKEN +2024-02-02' "secret names"
run_chitty gh actions secrets list --remote gh --json
is "$(json_of '[r["id"] for r in j]')" "['DEPLOY_KEY', 'NOTION_TOKEN', 'NPM_TOKEN']" "--json: ids are names"

# Projects v2 over GraphQL (user and organization owners)
"$CHITTY_BIN" config add github-project proj --no-test --set "token=$tok" --set owner=octo \
	--set project=2 --set "apiUrl=$FIXTURE_URL/s/maxpage=3/github" >/dev/null 2>&1
fixture_clear_log
run_chitty gh project items --remote proj --json
is "$rc" 0 "project items"
is "$(json_of 'len(j)')" 7 "every item, over several GraphQL pages"
is "$(json_of '[r["type"] for r in j]')" \
	"['issue', 'pull request', 'draft', 'issue', 'redacted', 'issue', 'draft']" "item types"
is "$(json_of '(j[0]["title"], j[0]["number"], j[0]["status"], j[0]["url"])')" \
	"('Project issue 0', 100, 'Todo', 'https://github.com/octo/hello/issues/100')" "item fields"
is "$(json_of 'j[2]["url"]')" "https://github.com/users/octo/projects/2" "a draft links to the project"
is "$(fixture_query '[("organization(" in r["body"], "user(" in r["body"], r["api_path"]) for r in reqs][:2]')" \
	"[(True, False, '/graphql'), (False, True, '/graphql')]" \
	"an organization is tried, then a user"
is "$(fixture_query '[json.loads(r["body"])["variables"].get("after") for r in reqs[2:]]')" \
	"[None, 'cursor:3', 'cursor:6']" "pageInfo's endCursor is passed as \$after"
run_chitty gh project items --remote proj
like "$out" '^TYPE +# +STATUS +TITLE +ID$' "project items: a table"
like "$out" '^draft +Done +Draft idea 2 +PVTI_octo_2$' "with drafts"
"$CHITTY_BIN" config add github-project orgproj --no-test --set "token=$tok" --set owner=octo-org \
	--set project=1 --set "apiUrl=$FIXTURE_URL/github" >/dev/null 2>&1
fixture_clear_log
run_chitty gh project items --remote orgproj --limit 2 --json
is "$(json_of '[r["project"] for r in j]')" "['Roadmap', 'Roadmap']" "an organization's project, --limit"
is "$(fixture_query 'len(reqs)')" 2 "found at the first try"
"$CHITTY_BIN" config add github-project noproj --no-test --set "token=$tok" --set owner=octo \
	--set project=9 --set "apiUrl=$FIXTURE_URL/github" >/dev/null 2>&1
run_chitty gh project items --remote noproj
is "$rc:$err" "1:chitty: GitHub: Could not resolve to a ProjectV2 with the number 9. (NOT_FOUND)" \
	"a GraphQL error inside HTTP 200 is an error"
"$CHITTY_BIN" config add github-project gqlerr --no-test --set "token=$tok" --set owner=octo \
	--set project=2 --set "apiUrl=$FIXTURE_URL/s/gqlerror/github" >/dev/null 2>&1
run_chitty gh project items --remote gqlerr
is "$rc:$err" "1:chitty: GitHub: Resource not accessible by integration (FORBIDDEN)" \
	"its message and type"
run_chitty gh project items --remote gh
is "$rc" 1 "project items on a github-repo remote fails"
like "$err" "works on github-project remotes; 'gh' is a github-repo remote" "and says why"

# --remote selection
run_chitty gh issues list
is "$rc" 2 "several remotes and no --remote: a usage error"
like "$err" "several GitHub remotes are configured \(gh, paged, evil, proj, orgproj, noproj, gqlerr\): choose one with --remote NAME" \
	"listing them"
run_chitty gh issues list --remote nope
is "$rc" 1 "an unknown --remote"
like "$err" "no remote 'nope'" "is named"
python3 - "$XDG_CONFIG_HOME/chitty/config.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
c["remotes"]["notes"] = {"type": "notion-database", "token": "x", "databaseId": "d"}
json.dump(c, open(sys.argv[1], "w"))
EOF
run_chitty gh issues list --remote notes
is "$rc:$err" "1:chitty: remote 'notes' is a notion-database remote, not GitHub" \
	"a remote of another provider"

# Retries, rate limits, errors
add_github flaky fail=2
fixture_clear_log
run_chitty gh issues list --remote flaky --limit 1 --json
is "$rc" 0 "503 twice, then success: retried"
is "$(fixture_query '[r["status"] for r in reqs]')" "[503, 503, 200]" "with backoff, three requests"
add_github down fail=50
run_chitty gh issues list --remote down
is "$rc:$err" "1:chitty: GitHub: Service Unavailable (HTTP 503) after 4 attempts" \
	"retries are bounded"
add_github flakypost fail=1
fixture_clear_log
run_chitty gh issues create "Once" --remote flakypost
is "$rc" 1 "a create that got a 503 is not repeated"
is "$(fixture_query 'len(reqs)')" 1 "(one request: repeating a POST could create twice)"

add_github limited ratelimit=1,retry=1
fixture_clear_log
start=$(now_ms)
run_chitty gh issues list --remote limited --limit 1 --json
took=$(($(now_ms) - start))
is "$rc" 0 "HTTP 429 with Retry-After: waited, then success"
is "$(fixture_query '[r["status"] for r in reqs]')" "[429, 200]" "two requests"
ok "after the Retry-After second (${took} ms)" test "$took" -ge 900
add_github limitdate ratelimit=1,retry=2,retrydate
run_chitty gh issues list --remote limitdate --limit 1
is "$rc" 0 "Retry-After as an HTTP date is honoured"
add_github longlimit ratelimit=5,retry=7200
start=$(now_ms)
run_chitty gh issues list --remote longlimit --limit 1
took=$(($(now_ms) - start))
is "$rc:$err" "1:chitty: GitHub: Too many requests (HTTP 429); try again in 2 h" \
	"a wait too long is an error saying when"
ok "without sleeping (${took} ms)" test "$took" -lt 5000
add_github primary primary=1,reset=1
fixture_clear_log
run_chitty gh issues list --remote primary --limit 1
is "$rc" 0 "x-ratelimit-remaining 0: waited for x-ratelimit-reset"
is "$(fixture_query '[r["status"] for r in reqs]')" "[403, 200]" "then repeated"
add_github primarylong primary=1,reset=3600
run_chitty gh issues list --remote primarylong --limit 1
like "$err" "^chitty: GitHub: API rate limit exceeded for user ID 1. \(HTTP 403\); try again in (59|60) min$" \
	"a far reset: the error says when"
add_github secondary secondary=1
run_chitty gh issues list --remote secondary --limit 1
is "$rc" 0 "a secondary rate limit (retry-after) is waited out"
"$CHITTY_BIN" config add github-repo badtoken --no-test --set token=bad-token --set owner=octo \
	--set repo=hello --set "apiUrl=$FIXTURE_URL/s/echo-token/github" >/dev/null 2>&1
run_chitty gh issues list --remote badtoken
is "$rc:$err" "1:chitty: GitHub: Bad credentials (you sent ••••••) (HTTP 401)" \
	"a wrong token: one line, the token masked"
"$CHITTY_BIN" config add github-repo nothere --no-test --set token=x --set owner=octo \
	--set repo=hello --set "apiUrl=http://127.0.0.1:9/github" >/dev/null 2>&1
run_chitty gh issues list --remote nothere
is "$rc" 1 "a server that is not there"
like "$err" "^chitty: GitHub: cannot reach 127.0.0.1: [^()]*$" "names the host, without retries (a refused connection)"
add_github drop drop=1
run_chitty gh issues list --remote drop --limit 1
is "$rc" 0 "a dropped connection is retried for a GET"

# A hostile server that echoes the token into issue bodies: masked everywhere.
add_github echo echo-token
run_chitty gh issues get 1 --remote echo --json
is "$rc" 0 "issues get from a server that echoes the token"
unlike "$out$err" "$tok" "the token is masked in the output"
like "$out" 'Leaked: ••••••' "as ••••••"

done_testing
