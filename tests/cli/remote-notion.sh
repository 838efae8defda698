#!/bin/sh
# chitty notion: database, view and page remotes against the fixture server:
# the title property whatever its name, split rich-text runs, properties,
# cursor pagination, the Notion-Version header, create/archive/search, the
# connection test, wrong auth, a 429, secrets never shown.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
tok=$NOTION_TOKEN_VALUE
conf="$XDG_CONFIG_HOME/chitty/config.json"

run_chitty notion --help
is "$rc" 0 "chitty notion --help"
like "$out" '^  pages list \[--limit N\]' "lists the pages verbs"
like "$out" '^  search \[QUERY\]\.\.\. \[--limit N\]' "and search, a resource that is a command"
run_chitty notion search --help
like "$out" '^usage: chitty notion search \[QUERY\]\.\.\. \[--limit N\] \[--remote NAME\] \[--json\]' \
	"search's own help"

# config add: the schema and the connection test
run_chitty config add notion-database tasks --set "token=$tok" --set "apiUrl=$FIXTURE_URL/notion"
is "$rc" 1 "a database remote needs databaseId"
like "$err" 'notion-database needs "databaseId"' "and says so"
run_chitty config add notion-database tasks --set "token=$tok" \
	--set "databaseId=https://www.notion.so/acme/Tasks-$NOTION_TASKS_ID?v=0123" \
	--set "apiUrl=$FIXTURE_URL/notion"
is "$rc" 0 "config add tests the connection (a database URL as its id)"
like "$out" '^Notion: connected to database "Tasks"$' "naming the database"
run_chitty config add notion-database wrong --set token=bad-token \
	--set "databaseId=$NOTION_TASKS_ID" --set "apiUrl=$FIXTURE_URL/notion"
is "$rc" 1 "a wrong token fails the connection test"
like "$err" '^chitty: connection test failed: Notion: API token is invalid\. \(HTTP 401\)' \
	"with Notion's message"
run_chitty config add notion-database missing --set "token=$tok" \
	--set "databaseId=00000000000000000000000000000000" --set "apiUrl=$FIXTURE_URL/notion"
like "$err" "Notion: Could not find database with ID: 00000000-0000-0000-0000-000000000000" \
	"an unknown database: the API's words"

# pages list: the title property is "Task", runs are joined, archived pages left out
fixture_clear_log
run_chitty notion pages list --limit 100
is "$rc" 0 "pages list"
like "$out" '^TITLE +STATUS +EDITED +ID$' "a table"
like "$out" '^Fix the login bug +In progress +2024-05-02' "the title from the property named Task, runs joined"
like "$out" '^Untitled +Not started ' "an empty title is Untitled"
unlike "$out" "$(printf '\033')" "escape sequences from the API are never printed"
is "$(printf '%s\n' "$out" | tail -n +2 | wc -l | tr -d ' ')" 24 "24 pages (the archived one left out)"
is "$(fixture_query 'set(r["headers"].get("notion-version") for r in reqs)')" "{'2022-06-28'}" \
	"Notion-Version: 2022-06-28 on every request"
is "$(fixture_query 'set(r["headers"].get("authorization") for r in reqs)')" "{'Bearer $tok'}" \
	"the token as Bearer"
is "$(fixture_query '[(r["method"], r["api_path"], r["body"]) for r in reqs]')" \
	"[('POST', '/databases/8a3c0d6e-1f2b-4c5d-9e8f-7a6b5c4d3e2f/query', '{\"page_size\":100}')]" \
	"the database queried by its dashed id, 100 a page"

run_chitty notion pages list --json --limit 100
is "$(json_of 'len(j)')" 24 "--json: every page"
is "$(json_of 'sorted(j[0])')" \
	"['archived', 'created_at', 'id', 'properties', 'status', 'title', 'updated_at', 'url']" \
	"rows with id, title, url, status, dates and the properties"
is "$(json_of 'j[0]["properties"]')" \
	"{'Status': 'In progress', 'Priority': 'Medium', 'Due': '2024-06-02', 'Done': False, 'Tags': None, 'Notes': None, 'Estimate': None, 'Task': 'Fix the login bug'}" \
	"properties as text, checkboxes as booleans"
is "$(json_of '[r["properties"]["Notes"] for r in j if r["properties"]["Notes"]][0]')" \
	"Some notes for 6" "rich text runs joined"
is "$(json_of 'next(r["properties"]["Estimate"] for r in j if r["properties"]["Estimate"])')" 7 \
	"numbers as numbers"

# pages get: by id with or without dashes, or a URL
run_chitty notion pages get 7a000000000040008000000000000001 --remote tasks
is "$rc" 0 "pages get"
like "$out" '^# Fix the login bug$' "a markdown view"
like "$out" '^- Due: 2024-06-02$' "with the properties"
like "$out" '^- Done: ✗ no$' "checkboxes"
like "$out" '^https://www.notion.so/Task-7a000000000040008000000000000001$' "and the URL"
run_chitty notion pages get "https://www.notion.so/Task-7a000000000040008000000000000006" --json
is "$(json_of '(len(j), j[0]["id"], j[0]["properties"]["Tags"])')" \
	"(1, '7a000000-0000-4000-8000-000000000006', None)" "a page URL works as an id; --json: an array of one"
run_chitty notion pages get 7a000000-0000-4000-8000-000000000099
is "$rc:$err" "1:chitty: Notion: Could not find page with ID: 7a000000-0000-4000-8000-000000000099. (HTTP 404)" \
	"an unknown page: Notion's error"

# pages create: the title property found by type, --set by the schema's types
fixture_clear_log
run_chitty notion pages create "Write docs" --set Status=Done --set Done=yes --set Due=2024-07-01 \
	--set Tags=docs,web --set Estimate=3 --set "Notes=Some text" --set priority=High
is "$rc" 0 "pages create"
like "$out" '^Created "Write docs": https://www.notion.so/' "prints the new page's URL"
is "$(fixture_query '[r["method"] + " " + r["api_path"] for r in reqs]')" "['GET /databases/8a3c0d6e-1f2b-4c5d-9e8f-7a6b5c4d3e2f', 'POST /pages']" \
	"reads the schema, then creates"
is "$(fixture_query 'json.loads(reqs[1]["body"])')" \
	"{'parent': {'database_id': '8a3c0d6e-1f2b-4c5d-9e8f-7a6b5c4d3e2f'}, 'properties': {'Task': {'title': [{'text': {'content': 'Write docs'}}]}, 'Status': {'status': {'name': 'Done'}}, 'Done': {'checkbox': True}, 'Due': {'date': {'start': '2024-07-01'}}, 'Tags': {'multi_select': [{'name': 'docs'}, {'name': 'web'}]}, 'Estimate': {'number': 3}, 'Notes': {'rich_text': [{'text': {'content': 'Some text'}}]}, 'Priority': {'select': {'name': 'High'}}}}" \
	"the title under the property named Task; each --set in its type's shape"
run_chitty notion pages list --json --limit 100
is "$(json_of '[(r["title"], r["status"], r["properties"]["Done"]) for r in j if r["title"] == "Write docs"]')" \
	"[('Write docs', 'Done', True)]" "the new page is listed"
run_chitty notion pages create "X" --set Nope=1
is "$rc" 2 "an unknown property is a usage error"
like "$err" "the database has no property 'Nope' \(it has: Task, Status, Priority" "listing the properties"
run_chitty notion pages create "X" --set Done=perhaps
is "$rc:$(printf '%s' "$err" | head -n 1)" "2:chitty: property 'Done' is a checkbox: give true or false, not 'perhaps'" \
	"a bad checkbox value"
run_chitty notion pages create "X" --set Owner=alice
like "$err" "property 'Owner' is of type people, which chitty cannot set" "types chitty cannot set"
run_chitty notion pages create "X" --set Estimate=many
is "$rc" 2 "a number property needs a number"
run_chitty notion pages create ""
is "$rc" 2 "an empty title"
long=$(python3 -c 'print("é" * 2500)')
fixture_clear_log
run_chitty notion pages create "$long"
is "$rc" 0 "a title over 2000 characters"
is "$(fixture_query '[len(r["text"]["content"]) for r in json.loads(reqs[1]["body"])["properties"]["Task"]["title"]]')" \
	"[2000, 500]" "is sent in runs of at most 2000 characters (not bytes)"

# pages archive
fixture_clear_log
run_chitty notion pages archive 7a000000-0000-4000-8000-000000000007
is "$rc:$out" '0:Archived "Task number 7"' "pages archive"
is "$(fixture_query '(reqs[0]["method"], reqs[0]["body"])')" "('PATCH', '{\"archived\":true}')" \
	"PATCH archived: true"
run_chitty notion pages list --json --limit 100
is "$(json_of 'any(r["title"] == "Task number 7" for r in j)')" False "it is gone from the list"
fixture_clear_log
run_chitty notion pages archive ..
is "$rc" 1 "pages archive .. fails"
is "$(fixture_query '[r["path"].rsplit("/", 1)[-1] for r in reqs]')" "['%2E%2E']" \
	"with '..' sent as a name, never resolved to the pages collection"

# search
fixture_clear_log
run_chitty notion search task number 1 --json
is "$rc" 0 "notion search"
is "$(json_of 'sorted(r["title"] for r in j)')" \
	"['Task number 10', 'Task number 11', 'Task number 12', 'Task number 13', 'Task number 14', 'Task number 15', 'Task number 16', 'Task number 17', 'Task number 18', 'Task number 19']" \
	"the words make one query"
is "$(fixture_query 'json.loads(reqs[0]["body"])')" \
	"{'query': 'task number 1', 'filter': {'property': 'object', 'value': 'page'}, 'sort': {'timestamp': 'last_edited_time', 'direction': 'descending'}, 'page_size': 20}" \
	"POST /search for pages, most recently edited first"
run_chitty notion search "team notes"
like "$out" '^Team notes ' "finds pages outside the database too"

# A view: the saved filter and sorts go with every query
run_chitty config add notion-view done --no-test --set "token=$tok" --set "databaseId=$NOTION_TASKS_ID" \
	--set "apiUrl=$FIXTURE_URL/notion" --set 'filter={"property": "Status", "status": {"equals": "Done"}}' \
	--set 'sorts=[{"property": "Due", "direction": "descending"}]'
is "$rc" 0 "a notion-view remote with a filter and sorts"
is "$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["remotes"]["done"]["filter"])' "$conf")" \
	"{'property': 'Status', 'status': {'equals': 'Done'}}" "stored as JSON, not as text"
fixture_clear_log
run_chitty notion pages list --remote done --json --limit 100
is "$(json_of 'sorted(set(r["status"] for r in j))')" "['Done']" "only the view's pages"
is "$(json_of '[r["title"] for r in j][:3]')" "['Write docs', 'Task number 23', 'Task number 17']" \
	"in the view's order (by Due, newest first)"
is "$(fixture_query 'json.loads(reqs[0]["body"])["filter"]')" "{'property': 'Status', 'status': {'equals': 'Done'}}" \
	"the filter is sent"
run_chitty config show done
like "$out" 'filter +\{"property":"Status","status":\{"equals":"Done"\}\}' "config show prints the JSON"
run_chitty config add notion-view bad --no-test --set "token=$tok" --set "databaseId=$NOTION_TASKS_ID" \
	--set 'filter={"property": '
is "$rc" 1 "a filter that is not JSON is refused"
like "$err" '"filter" must be a JSON object or array' "saying so"
run_chitty config add notion-view bad --no-test --set "token=$tok" --set "databaseId=$NOTION_TASKS_ID" \
	--set 'filter=[1]'
like "$err" '"filter" must be a JSON object' "a filter must be an object"

# A page remote: its child pages
add_remote notion-page notes notion "" --set "token=$tok" --set "pageId=$NOTION_PAGE_ID"
run_chitty notion pages list --remote notes --json
is "$(json_of '[r["title"] for r in j]')" "['Standup', 'Retro', 'Planning']" \
	"a page's child pages (other blocks left out)"
fixture_clear_log
run_chitty notion pages create "Offsite" --remote notes
is "$rc" 0 "a child page"
is "$(fixture_query 'json.loads(reqs[0]["body"])')" \
	"{'parent': {'page_id': '1f0e2d3c-4b5a-4978-8796-a5b4c3d2e1f0'}, 'properties': {'title': {'title': [{'text': {'content': 'Offsite'}}]}}}" \
	"under the page, with a title only"
run_chitty notion pages create "Offsite" --remote notes --set Status=Done
is "$rc" 2 "--set under a page is a usage error"
run_chitty open --print notes
is "$out" "https://www.notion.so/$NOTION_PAGE_ID" "chitty open: the page"
run_chitty open --print tasks
is "$out" "https://www.notion.so/$NOTION_TASKS_ID" "chitty open: the database"

# cursor pagination: has_more / next_cursor, the cursor sent back in the body
add_notion paged maxpage=10
fixture_clear_log
run_chitty notion pages list --remote paged --limit 100 --json
is "$(json_of 'len(j)')" 24 "three pages of results are followed"
is "$(fixture_query '[r["body"] for r in reqs]')" \
	"['{\"page_size\":100}', '{\"page_size\":100,\"start_cursor\":\"10\"}', '{\"page_size\":100,\"start_cursor\":\"20\"}']" \
	"start_cursor from next_cursor until has_more is false"
run_chitty notion pages list --remote paged --limit 12 --json
is "$(json_of 'len(j)')" 12 "--limit stops early"

# errors: wrong token, missing version (as a server would say it), a 429
add_remote notion-database badtok notion "" --set token=bad-token --set "databaseId=$NOTION_TASKS_ID"
run_chitty notion pages list --remote badtok
is "$rc:$err" "1:chitty: Notion: API token is invalid. (HTTP 401)" "a wrong token"
add_notion limited ratelimit=1,retry=1
fixture_clear_log
run_chitty notion pages list --remote limited --limit 1 --json
is "$rc" 0 "HTTP 429 with Retry-After: waited, then success"
is "$(fixture_query '[r["status"] for r in reqs]')" "[429, 200]" "two requests"
add_notion toolong ratelimit=5,retry=600
run_chitty notion pages list --remote toolong
is "$rc:$err" "1:chitty: Notion: Too many requests (HTTP 429); try again in 10 min" \
	"a long Retry-After is an error saying when"
run_chitty notion pages list --remote tasks --limit 0
is "$rc" 2 "--limit 0 is a usage error"

# secrets: never in output, errors or the config listing
NOTION_SECRET=$tok
export NOTION_SECRET
add_remote notion-database envtok notion "" --set "token=env:NOTION_SECRET" --set "databaseId=$NOTION_TASKS_ID"
run_chitty notion pages list --remote envtok --json
is "$rc" 0 "a token from env:"
run_chitty config list
unlike "$out$err" "$tok" "config list never shows a token"
run_chitty notion pages get 7a000000-0000-4000-8000-000000000099 --remote envtok
unlike "$out$err" "$tok" "nor does an error"

done_testing
