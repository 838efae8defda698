#!/bin/sh
# chitty checkpoint / checkpoints / open tracker: the tracker remote (a
# Notion database or page) end to end against the fixture server.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
tok=$NOTION_TOKEN_VALUE
iso_offset='^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}[+-][0-9]{2}:[0-9]{2}$'

run_chitty checkpoint "Finished OAuth"
is "$rc" 1 "no tracker remote"
like "$err" "no remote 'tracker': no remotes are configured" "says so"
add_github tracker
run_chitty checkpoint "Finished OAuth"
is "$rc:$err" "1:chitty: remote 'tracker' is a github-repo remote, which cannot hold checkpoints (a Notion database or page can)" \
	"a remote that cannot hold checkpoints"
"$CHITTY_BIN" config remove tracker >/dev/null 2>&1

add_remote notion-database tracker notion "" --set "token=$tok" --set "databaseId=$NOTION_LOG_ID"
fixture_clear_log
TZ=IST-5:30 run_chitty checkpoint "Finished OAuth ✓"
is "$rc" 0 "chitty checkpoint"
like "$out" '^https://www\.notion\.so/9e000000000040008000000000000001$' "prints the new page's URL"
is "$(fixture_query '[r["method"] + " " + r["api_path"] for r in reqs]')" \
	"['GET /databases/5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e', 'POST /pages']" \
	"reads the schema, then adds a page"
is "$(fixture_query 'sorted(json.loads(reqs[1]["body"])["properties"])')" "['Checkpoint', 'Date']" \
	"titled in the title property (named Checkpoint), dated in the property named Date"
is "$(fixture_query 'json.loads(reqs[1]["body"])["properties"]["Checkpoint"]')" \
	"{'title': [{'text': {'content': 'Finished OAuth ✓'}}]}" "the text as the title"
date=$(fixture_query 'json.loads(reqs[1]["body"])["properties"]["Date"]["date"]["start"]')
like "$date" "$iso_offset" "the date is now, in ISO 8601 with the offset ($date)"
like "$date" '\+05:30$' "in local time (TZ=IST-5:30 gives +05:30)"
is "$(fixture_query 'json.loads(reqs[1]["body"])["parent"]')" \
	"{'database_id': '5b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e'}" "in the tracker's database"
TZ=UTC run_chitty checkpoint "Second one"
is "$rc" 0 "another checkpoint"
like "$(fixture_query 'json.loads(reqs[-1]["body"])["properties"]["Date"]["date"]["start"]')" '\+00:00$' \
	"TZ=UTC gives +00:00"
run_chitty checkpoint "  "
is "$rc" 2 "blank text is a usage error"
run_chitty checkpoint
is "$rc" 2 "so is no text"

fixture_clear_log
TZ=UTC run_chitty checkpoints 3
is "$rc" 0 "chitty checkpoints N"
like "$out" '^CREATED +CHECKPOINT +URL$' "a table"
is "$(printf '%s\n' "$out" | sed -n '2,4p' | awk '{print $1, $2, $3}')" \
	"2024-06-01 12:02 Second
2024-06-01 12:01 Finished
2024-05-03 08:00 Old" "the latest first, in local time"
is "$(fixture_query 'json.loads(reqs[0]["body"])')" \
	"{'sorts': [{'timestamp': 'created_time', 'direction': 'descending'}], 'page_size': 3}" \
	"asks Notion for the N newest by created time"
TZ=IST-5:30 run_chitty checkpoints 1
like "$out" '^2024-06-01 17:32 +Second one ' "times are shown in local time"
run_chitty checkpoints --json
is "$rc" 0 "checkpoints --json"
is "$(json_of 'len(j)')" 5 "ten at most by default (all five here)"
is "$(json_of 'sorted(j[0])')" "['created_at', 'id', 'title', 'updated_at', 'url']" \
	"objects with id, title, url and dates"
is "$(json_of '[r["title"] for r in j]')" \
	"['Second one', 'Finished OAuth ✓', 'Old checkpoint 2', 'Old checkpoint 3', 'Old checkpoint 1']" \
	"newest first"
run_chitty checkpoints 0
is "$rc" 2 "N must be positive"
run_chitty checkpoints many
is "$rc:$(printf '%s' "$err" | head -n 1)" "2:chitty: N must be a number from 1 to 1000, not 'many'" \
	"and a number"

# chitty open tracker
run_chitty open --print tracker
is "$rc:$out" "0:https://www.notion.so/$NOTION_LOG_ID" "chitty open tracker: the database's page"
CHITTY_OPENER="$SANDBOX/opener"
printf '#!/bin/sh\nprintf "%%s\\n" "$@" >"%s/opened"\n' "$SANDBOX" >"$CHITTY_OPENER"
chmod +x "$CHITTY_OPENER"
export CHITTY_OPENER
run_chitty open tracker
is "$rc:$(cat "$SANDBOX/opened" 2>/dev/null)" "0:https://www.notion.so/$NOTION_LOG_ID" \
	"and opens it with the opener"

# --remote: a page remote holds checkpoints as child pages
add_remote notion-page journal notion "" --set "token=$tok" --set "pageId=$NOTION_PAGE_ID"
run_chitty checkpoint --remote journal "Wrote the docs"
is "$rc" 0 "a checkpoint on a page remote"
is "$(fixture_query 'json.loads(reqs[-1]["body"])')" \
	"{'parent': {'page_id': '1f0e2d3c-4b5a-4978-8796-a5b4c3d2e1f0'}, 'properties': {'title': {'title': [{'text': {'content': 'Wrote the docs'}}]}}}" \
	"is a child page (no date property)"
run_chitty checkpoints 2 --remote journal --json
is "$(json_of '[r["title"] for r in j]')" "['Wrote the docs', 'Planning']" \
	"its latest child pages, newest first"

# failures: one line, no secret
add_remote notion-database broken notion "" --set token=bad-secret-value --set "databaseId=$NOTION_LOG_ID"
run_chitty checkpoint --remote broken "Nope"
is "$rc:$err" "1:chitty: Notion: API token is invalid. (HTTP 401)" "a failing tracker: the API's error"
add_notion tasks "" --set "databaseId=00000000000000000000000000000000"
run_chitty checkpoints --remote tasks
like "$err" '^chitty: Notion: Could not find database with ID: 00000000-0000-0000-0000-000000000000' \
	"an unknown database"
unlike "$out$err" "$tok" "the token never shows"
run_chitty checkpoint --remote nope "x"
like "$err" "no remote 'nope'" "an unknown --remote"

done_testing
