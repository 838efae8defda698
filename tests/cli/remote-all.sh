#!/bin/sh
# All five services at once: GitHub, Notion, Linear, Cloudflare and Neon
# refreshed together by `chitty refresh`, each answering with its own
# headers; `chitty search` then finds an item from each with its actions;
# one failing service does not keep the others from landing.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
export CHITTY_DATA_DIR="$SANDBOX/no-shipped-extensions"

add_github gh
add_notion tasks
add_linear lin
add_cloudflare cf
add_neon neon

fixture_clear_log
run_chitty refresh
is "$rc" 0 "chitty refresh of five services"
for r in gh tasks lin cf neon; do
	like "$out" "^$r: [1-9][0-9]* items \\(" "$r refreshed"
done
# the requests of each API carry that API's own auth
headers='sorted({(r["path"].split("/")[1], r["headers"].get("authorization", ""), r["headers"].get("notion-version", "")) for r in reqs})'
is "$(fixture_query "$headers")" \
	"[('cloudflare', 'Bearer $CF_TOKEN_VALUE', ''), ('github', 'Bearer $GITHUB_TOKEN_VALUE', ''), ('linear', '$LINEAR_KEY_VALUE', ''), ('neon', 'Bearer $NEON_KEY_VALUE', ''), ('notion', 'Bearer $NOTION_TOKEN_VALUE', '2022-06-28')]" \
	"each API gets its auth: Bearer, Linear's key bare, Notion-Version"
for s in "$GITHUB_TOKEN_VALUE" "$NOTION_TOKEN_VALUE" "$LINEAR_KEY_VALUE" "$CF_TOKEN_VALUE" "$NEON_KEY_VALUE"; do
	unlike "$out$err" "$s" "no secret in refresh's output (${s%"${s#????}"}…)"
done
for r in gh tasks lin cf neon; do
	ok "$r has a cache file" test -s "$XDG_CACHE_HOME/chitty/remotes/$r.json"
	if grep -q -e "$GITHUB_TOKEN_VALUE" -e "$NOTION_TOKEN_VALUE" -e "$LINEAR_KEY_VALUE" \
		-e "$CF_TOKEN_VALUE" -e "$NEON_KEY_VALUE" "$XDG_CACHE_HOME/chitty/remotes/$r.json"; then
		fail "$r's cache holds a secret"
	else
		pass "$r's cache holds no secret"
	fi
done

# search finds an item from each, offline (the cache alone)
fixture_clear_log
check_found() { # QUERY ID SOURCE ACTION-ID
	run_chitty search --offline --json --limit 1 "$1"
	is "$(json_of '(j[0]["id"], j[0]["source"])')" "('$2', 'remote:$3')" "search '$1' finds $2"
	is "$(json_of "[a['id'] for a in j[0]['actions']].count('$4')")" 1 "with its '$4' action"
}
check_found "issue number 44" gh/issue/44 gh open
check_found "login bug" tasks/page/7a000000-0000-4000-8000-000000000001 tasks archive
check_found "OPS-1" lin/issue/OPS-1 lin close
check_found "chittyauth" cf/worker/chittyauth cf copy-name
check_found "www.chitty.cc" cf/dns-record/023e105f4ecef8ad9ca31a8372d0c353/rec00000000000000000000000000000 cf delete
check_found "CACHE" cf/kv-namespace/0f2ac74b498b48028cb68387c421e279 cf open
check_found "documents" cf/r2-bucket/documents cf open
check_found "chitty-web" cf/pages-project/chitty-web cf open
check_found "chitty-db" cf/d1-database/c4f8a0e2-1b3d-4e5f-8a9b-0c1d2e3f4a5b cf open
check_found "main" neon/branch/br-main-00000001 neon open
check_found "neondb" neon/database/br-main-00000001/neondb neon copy-name
is "$(fixture_query 'len(reqs)')" 0 "search --offline made no request"
run_chitty search --offline --json "www.chitty.cc"
is "$(json_of '[a for a in j[0]["actions"] if a["id"] == "delete"][0]["confirm"]')" True \
	"deleting a DNS record asks first"

# one service failing: the others still land, the failure is named
add_linear lin-down fail=9
fixture_clear_log
run_chitty refresh
is "$rc" 1 "a failing service makes refresh exit 1"
like "$err" "^chitty: lin-down: Linear: .*HTTP 503.* after [0-9] attempts" "and is named, after the retries"
for r in gh tasks lin cf neon; do
	like "$out" "^$r: [1-9][0-9]* items" "$r still refreshed"
done
done_testing
