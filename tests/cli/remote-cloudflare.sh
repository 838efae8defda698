#!/bin/sh
# chitty cf against the fixture server: the v4 envelope (failures inside
# HTTP 200 too), page-number and cursor pagination, zones by name, DNS
# add/delete, KV values as raw bytes (NUL and non-UTF-8 unmodified), R2's
# object-shaped result, Pages, D1 queries, auth headers, a 429.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
tok=$CF_TOKEN_VALUE
acct=$CF_ACCOUNT_ID
zone=023e105f4ecef8ad9ca31a8372d0c353

run_chitty cloudflare --help
like "$out" 'Alias: cf' "the alias cf"
like "$out" '^  dns add ZONE TYPE NAME CONTENT' "dns verbs"
like "$out" '^  d1 query DB SQL \[--param VALUE\]\.\.\.' "d1 query"

run_chitty config add cf cfp --set "apiToken=$tok" --set "accountId=$acct" \
	--set "apiUrl=$FIXTURE_URL/cloudflare"
is "$rc" 0 "config add cf (the alias names the type)"
like "$out" '^Cloudflare: connected to account "Chitty Ops"$' "the connection test names the account"
run_chitty config add cf wrong --set "apiToken=$tok" --set accountId=ffffffffffffffffffffffffffffffff \
	--set "apiUrl=$FIXTURE_URL/cloudflare"
like "$err" 'Cloudflare: Could not route to /accounts/ffffffffffffffffffffffffffffffff, perhaps your object identifier is invalid\? \(7003\) \(HTTP 404\)' \
	"a wrong account: the envelope's error and code"
run_chitty config add cf wrong --no-test --set "apiToken=$tok" --set "accountId=$acct" \
	--set resources=workers,dnss
is "$rc" 1 "an unknown launcher resource"
like "$err" "\"resources\": unknown 'dnss' \(known: workers, dns, kv, r2, pages, d1\)" "is refused"

# workers
fixture_clear_log
run_chitty cf worker list
is "$rc" 0 "cf worker list"
like "$out" '^NAME +HANDLERS +MODIFIED$' "a table"
like "$out" '^chittyconnect +fetch, scheduled ' "workers with their handlers"
is "$(fixture_query '(reqs[0]["api_path"], reqs[0]["headers"]["authorization"])')" \
	"('/accounts/$acct/workers/scripts', 'Bearer $tok')" "the account's scripts, with the token as Bearer"
run_chitty cf worker list --json
is "$(json_of '[(r["id"], r["url"]) for r in j][:1]')" \
	"[('chittyauth', 'https://dash.cloudflare.com/$acct/workers/services/view/chittyauth/production')]" \
	"rows with the dashboard URL"

# DNS: the zone found by name, page-number pagination
add_cloudflare paged maxpage=10
fixture_clear_log
run_chitty cf dns list chitty.cc --remote paged --json
is "$rc" 0 "cf dns list ZONE"
is "$(json_of 'len(j)')" 25 "every record over three pages"
is "$(fixture_query '[(r["api_path"], r["query"].get("name"), r["query"].get("page")) for r in reqs]')" \
	"[('/zones', 'chitty.cc', None), ('/zones/$zone/dns_records', None, '1'), ('/zones/$zone/dns_records', None, '2'), ('/zones/$zone/dns_records', None, '3')]" \
	"GET /zones?name=, then pages 1 to result_info.total_pages"
is "$(json_of 'sorted(j[0])')" \
	"['comment', 'content', 'id', 'modified_at', 'name', 'proxied', 'title', 'ttl', 'type', 'url', 'zone', 'zone_id']" \
	"rows with id, title, url and the record's fields"
is "$(json_of '(j[0]["name"], j[0]["type"], j[0]["content"], j[0]["ttl"], j[0]["proxied"])')" \
	"('www.chitty.cc', 'A', '203.0.113.0', 300, True)" "the record"
run_chitty cf dns list chitty.cc --type txt --name _dmarc --remote cfp
is "$(printf '%s\n' "$out" | tail -n +2 | awk '{print $1, $2}')" "TXT _dmarc.chitty.cc
TXT _dmarc.chitty.cc" "--type and --name (relative to the zone)"
is "$(fixture_query 'reqs[-1]["query"]')" "{'type': 'TXT', 'name': '_dmarc.chitty.cc', 'per_page': '100', 'page': '1'}" \
	"sent as the API's filters"
run_chitty cf dns list nowhere.example --remote cfp
is "$rc:$err" "1:chitty: Cloudflare: no zone 'nowhere.example' that the token can read" "an unknown zone"
run_chitty cf dns list --remote cfp
is "$rc" 2 "a missing zone is a usage error"

fixture_clear_log
run_chitty cf dns add chitty.cc A new-service 1.2.3.4 --ttl 300 --proxied --comment "made by chitty" --remote cfp
is "$rc:$out" "0:Added A new-service.chitty.cc → 1.2.3.4 (new00000000000000000000000000025)" "cf dns add"
is "$(fixture_query 'json.loads(reqs[-1]["body"])')" \
	"{'type': 'A', 'name': 'new-service.chitty.cc', 'content': '1.2.3.4', 'ttl': 300, 'proxied': True, 'comment': 'made by chitty'}" \
	"POST the record (the name completed with the zone)"
run_chitty cf dns add chitty.cc A new-service 1.2.3.4 --remote cfp
is "$rc:$err" "1:chitty: Cloudflare: An identical record already exists. (81058) (HTTP 400)" \
	"a failure envelope: its message and code"
run_chitty cf dns add chitty.cc A x 1.2.3.4 --ttl 10 --remote cfp
is "$rc" 2 "a TTL below 30 (but automatic 1) is a usage error"

fixture_clear_log
run_chitty cf dns delete chitty.cc A old-service --remote cfp
is "$rc:$out" "0:Deleted A old-service.chitty.cc → 198.51.100.7" "cf dns delete ZONE TYPE NAME"
is "$(fixture_query '[r["method"] + " " + r["api_path"] for r in reqs][-1]')" \
	"DELETE /zones/$zone/dns_records/old00000000000000000000000000001" "deletes by the record's id"
run_chitty cf dns delete chitty.cc A old-service --remote cfp
is "$rc:$err" "1:chitty: Cloudflare: no A record named old-service.chitty.cc" "it is gone"
run_chitty cf dns delete chitty.cc TXT _dmarc --remote cfp
is "$rc" 1 "two records of that type and name"
like "$err" "2 TXT records are named _dmarc.chitty.cc: delete one by id \(txt00000000000000000000000000001, txt00000000000000000000000000002\)" \
	"are not guessed between"
run_chitty cf dns delete chitty.cc txt00000000000000000000000000002 --json --remote cfp
is "$(json_of '[(r["id"], r["content"]) for r in j]')" "[('txt00000000000000000000000000002', 'v=DMARC1; p=reject')]" \
	"cf dns delete ZONE RECORD_ID"
run_chitty cf dns delete "$zone/txt00000000000000000000000000001" --remote cfp
is "$rc:$out" "0:Deleted TXT _dmarc.chitty.cc → v=DMARC1; p=none" "ZONE_ID/RECORD_ID (the launcher's form)"
run_chitty cf dns delete chitty.cc nope --remote cfp
is "$rc:$err" "1:chitty: Cloudflare: Record does not exist. (81044) (HTTP 404)" "an unknown record id"
run_chitty cf dns delete chitty.cc --remote cfp
is "$rc" 2 "ZONE alone is a usage error"

# KV: namespaces by title, keys by cursor, raw values
run_chitty cf kv list --remote cfp
is "$(printf '%s\n' "$out" | tail -n +2 | awk '{print $1}')" "CACHE
SESSIONS" "cf kv list: the namespaces"
fixture_clear_log
run_chitty cf kv list --namespace CACHE --remote paged --json
is "$(json_of 'len(j)')" 25 "a namespace's keys over cursor pages"
is "$(fixture_query '[(r["query"].get("cursor"), r["query"].get("limit")) for r in reqs if r["api_path"].endswith("/keys")]')" \
	"[(None, '1000'), ('10', '1000'), ('20', '1000')]" \
	"result_info.cursor sent back until it is empty"
run_chitty cf kv list --namespace 0f2ac74b498b48028cb68387c421e279 --prefix user: --json --remote cfp
is "$(json_of '[r["id"] for r in j]')" "['user:123']" "a namespace by id; --prefix"
run_chitty cf kv list --namespace NOPE --remote cfp
is "$rc:$err" "1:chitty: Cloudflare: no KV namespace 'NOPE' (namespaces: CACHE, SESSIONS)" "an unknown namespace"

expected="$SANDBOX/binary"
printf '\000\377\376binary\000value\200\n' >"$expected"
"$CHITTY_BIN" cf kv get --namespace CACHE session:abc123 --remote cfp >"$SANDBOX/got" 2>"$SANDBOX/err"
is "$?" 0 "cf kv get"
ok "the value's bytes, NUL and non-UTF-8 ones too, unmodified" cmp -s "$expected" "$SANDBOX/got"
"$CHITTY_BIN" cf kv get --namespace CACHE session:abc123 --json --remote cfp >"$SANDBOX/got" 2>/dev/null
ok "--json does not change a raw value" cmp -s "$expected" "$SANDBOX/got"
is "$(fixture_query 'reqs[-1]["api_path"]')" "/accounts/$acct/storage/kv/namespaces/0f2ac74b498b48028cb68387c421e279/values/session%3Aabc123" \
	"the key is URL-encoded"
run_chitty cf kv get --namespace CACHE user:123 --remote cfp
is "$out" '{"name":"Alice"}' "a JSON value as it is"
run_chitty cf kv get --namespace CACHE missing --remote cfp
is "$rc:$err" "1:chitty: Cloudflare: get: 'key not found' (10009) (HTTP 404)" \
	"a missing key: the error envelope of a raw request"
run_chitty cf kv get session:abc123 --remote cfp
is "$rc" 2 "kv get without --namespace is a usage error"

fixture_clear_log
run_chitty cf kv put --namespace CACHE user:124 '{"name":"Bob"}' --remote cfp
is "$rc:$out" "0:Stored user:124 in CACHE (14 bytes)" "cf kv put"
is "$(fixture_query '(reqs[-1]["method"], reqs[-1]["body"], reqs[-1]["headers"]["content-type"])')" \
	"('PUT', '{\"name\":\"Bob\"}', 'application/octet-stream')" "the raw value as the body"
"$CHITTY_BIN" cf kv put --namespace CACHE blob --file - --remote cfp <"$expected" >/dev/null 2>&1
"$CHITTY_BIN" cf kv get --namespace CACHE blob --remote cfp >"$SANDBOX/got" 2>/dev/null
ok "--file - stores stdin's bytes, and they come back the same" cmp -s "$expected" "$SANDBOX/got"
run_chitty cf kv put --namespace CACHE k v --file x --remote cfp
is "$rc" 2 "a value and --file is a usage error"
run_chitty cf kv delete --namespace CACHE user:124 --remote cfp
is "$rc:$out" "0:Deleted user:124 from CACHE" "cf kv delete"
fixture_clear_log
run_chitty cf kv delete --namespace CACHE .. --remote cfp
is "$rc:$err" "2:chitty: '..' cannot be a KV key (it would name another path)
usage: chitty cloudflare kv delete --namespace NAME KEY [--remote NAME] [--json]" \
	"cf kv delete ..: refused (URL normalisation would DELETE the namespace itself)"
run_chitty cf kv get --namespace CACHE . --remote cfp
is "$rc" 2 "cf kv get ."
run_chitty cf kv put --namespace CACHE .. v --remote cfp
is "$rc" 2 "cf kv put .."
run_chitty cf dns delete chitty.cc .. --remote cfp
is "$rc" 2 "cf dns delete ZONE ..: a record id cannot be a dot segment"
run_chitty cf dns delete "$zone/." --remote cfp
is "$rc" 2 "nor in ZONE_ID/RECORD_ID"
is "$(fixture_query '[r["method"] + " " + r["api_path"] for r in reqs if r["method"] != "GET" or "/values" in r["api_path"] or "/dns_records" in r["api_path"]]')" \
	"[]" "and none of them sends a request for a value or a record"

# R2: the result is an object
fixture_clear_log
run_chitty cf r2 list --json --remote cfp
is "$(json_of '[(r["id"], r["location"], r["url"]) for r in j]')" \
	"[('documents', 'ENAM', 'https://dash.cloudflare.com/$acct/r2/default/buckets/documents'), ('backups', 'WEUR', 'https://dash.cloudflare.com/$acct/r2/default/buckets/backups')]" \
	"cf r2 list: buckets from result.buckets"
run_chitty cf r2 list --bucket documents --remote cfp
is "$rc" 1 "cf r2 list --bucket"
like "$err" "^chitty: Cloudflare's API lists buckets, not the objects in them .*https://dash.cloudflare.com/$acct/r2/default/buckets/documents$" \
	"says objects need the S3 API, and where to look"

# Pages, D1
run_chitty cf pages list --remote cfp
like "$out" '^chitty-web +https://chitty-web.pages.dev +main +chitty-web.pages.dev, chitty.cc$' "cf pages list"
run_chitty cf d1 list --json --remote cfp
is "$(json_of '[(r["title"], r["id"]) for r in j]')" \
	"[('chitty-db', 'c4f8a0e2-1b3d-4e5f-8a9b-0c1d2e3f4a5b'), ('analytics', 'd5a9b1f3-2c4e-4f6a-9b0c-1d2e3f4a5b6c')]" "cf d1 list"
fixture_clear_log
run_chitty cf d1 query chitty-db "SELECT * FROM users WHERE id = ?" --param 3 --remote cfp
is "$rc" 0 "cf d1 query DB SQL --param"
is "$out" "id  name       email
3   Ünïcode ✓  u@example.com
(1 row)" "the rows as a table"
is "$(fixture_query 'json.loads(reqs[-1]["body"])')" \
	"{'sql': 'SELECT * FROM users WHERE id = ?', 'params': ['3']}" "the SQL and its parameters"
run_chitty cf d1 query c4f8a0e2-1b3d-4e5f-8a9b-0c1d2e3f4a5b "SELECT * FROM users LIMIT 2" --json --remote cfp
is "$(json_of 'j')" "[{'id': 1, 'name': 'Alice', 'email': 'alice@example.com'}, {'id': 2, 'name': 'Bob', 'email': None}]" \
	"a database by uuid; --json: the rows"
run_chitty cf d1 query chitty-db "UPDATE users SET x = 1" --remote cfp
is "$out" "OK: 2 rows changed" "a statement without rows"
run_chitty cf d1 query chitty-db "SELECT * FROM nope" --remote cfp
is "$rc:$err" "1:chitty: Cloudflare: no such table: nope: SQLITE_ERROR (7500) (HTTP 400)" "an SQL error"
run_chitty cf d1 query nodb "SELECT 1" --remote cfp
is "$rc:$err" "1:chitty: Cloudflare: no D1 database 'nodb' (databases: chitty-db, analytics)" "an unknown database"

# auth and errors
add_remote cloudflare-account legacy cloudflare "" --set "apiToken=0123456789abcdef0123456789abcdef01234" \
	--set "accountId=$acct" --set email=ops@example.com
fixture_clear_log
run_chitty cf worker list --remote legacy
is "$rc" 0 "a Global API Key with email"
is "$(fixture_query '(reqs[0]["headers"].get("x-auth-email"), reqs[0]["headers"].get("x-auth-key"), reqs[0]["headers"].get("authorization"))')" \
	"('ops@example.com', '0123456789abcdef0123456789abcdef01234', None)" "is sent as X-Auth-Email and X-Auth-Key"
add_remote cloudflare-account tokmail cloudflare "" --set "apiToken=$tok" --set "accountId=$acct" \
	--set email=ops@example.com
fixture_clear_log
run_chitty cf worker list --remote tokmail
is "$(fixture_query 'reqs[0]["headers"].get("authorization")')" "Bearer $tok" \
	"an API token stays Bearer even with an email"
add_remote cloudflare-account badtok cloudflare "" --set apiToken=bad-token-1234 --set "accountId=$acct"
run_chitty cf worker list --remote badtok
is "$rc:$err" "1:chitty: Cloudflare: Authentication error (10000) (HTTP 403)" "a wrong token"
add_cloudflare env200 envelope
run_chitty cf worker list --remote env200
is "$rc:$err" "1:chitty: Cloudflare: Authentication error (10000)" "success false inside HTTP 200 is an error"
add_cloudflare limited ratelimit=1,retry=1
fixture_clear_log
run_chitty cf worker list --remote limited
is "$(fixture_query '[r["status"] for r in reqs]')" "[429, 200]" "HTTP 429: waited, then success"
unlike "$out$err" "$tok" "the token never shows"
run_chitty open --print cfp
is "$out" "https://dash.cloudflare.com/$acct" "chitty open: the account's dashboard"

done_testing
