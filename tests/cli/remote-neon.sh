#!/bin/sh
# chitty neon against the fixture server: branches with the seed's
# argument shapes ([PROJECT] NAME), cursor pagination (pagination.next and
# pagination.cursor), databases, `neon query` through psql (a fake psql on
# PATH records how it was run; a missing psql is a clear error), wrong
# keys, a 429, the connection password never shown.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
key=$NEON_KEY_VALUE
pid=$NEON_PROJECT_ID
password=npg_S3cretPassw0rd

run_chitty neon --help
like "$out" '^  branch create \[PROJECT\] NAME \[--parent BRANCH\]' "chitty neon --help: the seed's shapes"
like "$out" '^  query SQL \[--branch BRANCH\]' "and query"

run_chitty config add neon db-prod --set "apiKey=$key" --set "projectId=$pid" \
	--set "apiUrl=$FIXTURE_URL/s/maxpage=10/neon"
is "$rc" 0 "config add neon"
like "$out" "^Neon: connected to project \"chittyos-core\" \\($pid\\)$" "the test names the project"

# branches: cursor pagination with pagination.next
fixture_clear_log
run_chitty neon branch list --json
is "$rc" 0 "neon branch list"
is "$(json_of 'len(j)')" 25 "every branch over three pages"
is "$(fixture_query '[r["query"].get("cursor") for r in reqs]')" "[None, 'b:10', 'b:20']" \
	"pagination.next sent back as cursor, until there is none"
is "$(fixture_query '(reqs[0]["headers"]["authorization"], reqs[0]["headers"]["accept"])')" \
	"('Bearer $key', 'application/json')" "the key as Bearer, Accept: application/json"
is "$(json_of '(j[0]["id"], j[0]["title"], j[0]["default"], j[0]["url"])')" \
	"('br-main-00000001', 'main', True, 'https://console.neon.tech/app/projects/$pid/branches/br-main-00000001')" \
	"rows: id, name as title, default, the console URL"
run_chitty neon branch list
like "$out" '^NAME +ID +DEFAULT +STATE +CREATED$' "a table"
like "$out" '^main +br-main-00000001 +yes +ready ' "with the default branch"

fixture_clear_log
run_chitty neon branch list chittyos-staging --json
is "$(json_of '[r["title"] for r in j]')" "['main', 'preview']" "branch list PROJECT (by name)"
is "$(fixture_query '[(r["api_path"], r["query"].get("search"), r["query"].get("cursor")) for r in reqs]')" \
	"[('/projects', 'chittyos-staging', None), ('/projects', 'chittyos-staging', 'autumn-sky-40118371'), ('/projects/autumn-sky-40118371/branches', None, None)]" \
	"the project found with ?search=, following pagination.cursor"
run_chitty neon branch list no-such-project
is "$rc:$err" "1:chitty: Neon: no project 'no-such-project' that the key can see" "an unknown project"

fixture_clear_log
run_chitty neon branch create chittyos-core feature-oauth
is "$rc" 0 "neon branch create PROJECT NAME (the seed's form)"
like "$out" "^Created branch feature-oauth \\(br-new-00000025\\): https://console.neon.tech/app/projects/$pid/branches/br-new-00000025$" \
	"prints the branch and its console page"
is "$(fixture_query 'json.loads(reqs[-1]["body"])')" \
	"{'branch': {'name': 'feature-oauth'}, 'endpoints': [{'type': 'read_write'}]}" \
	"POST a branch with a read-write endpoint"
unlike "$out$err" "$password" "the connection URI's password in the response is never printed"
run_chitty neon branch create feature-x --parent dev --json
is "$(json_of '(j[0]["title"], j[0]["parent_id"])')" "('feature-x', 'br-dev-00000002')" \
	"neon branch create NAME --parent BRANCH"
run_chitty neon branch create feature-oauth
is "$rc:$err" "1:chitty: Neon: branch with name feature-oauth already exists (HTTP 409)" \
	"a duplicate: Neon's error"
run_chitty neon branch create chittyos-core a b
is "$rc" 2 "too many arguments"

fixture_clear_log
run_chitty neon branch delete chittyos-core feature-oauth
is "$rc:$out" "0:Deleted branch feature-oauth (br-new-00000025)" "neon branch delete PROJECT NAME"
is "$(fixture_query '[r["method"] + " " + r["api_path"] for r in reqs][-1]')" \
	"DELETE /projects/$pid/branches/br-new-00000025" "deletes by the branch's id"
run_chitty neon branch delete br-new-00000026
is "$rc" 0 "neon branch delete ID"
run_chitty neon branch delete main
is "$rc:$err" "1:chitty: Neon: cannot delete the default branch (HTTP 422)" "the default branch stays"
run_chitty neon branch delete nope
like "$err" "^chitty: Neon: no branch 'nope' in project $pid \(branches: main, dev, feature-01, .*, … \([0-9]+ more\)\)$" \
	"an unknown branch, with a short list of the others"

# databases: on the default branch unless --branch or defaultBranch
run_chitty neon db list --json
is "$(json_of '[(r["id"], r["owner"], r["branch"]) for r in j]')" \
	"[('neondb', 'neondb_owner', 'main'), ('analytics', 'neondb_owner', 'main')]" "neon db list: the default branch's"
run_chitty neon db list --branch dev --json
is "$(json_of '[(r["id"], r["branch"]) for r in j]')" "[('neondb', 'dev')]" "--branch"
add_neon devonly "" --set defaultBranch=dev
run_chitty neon db list --remote devonly --json
is "$(json_of '[r["branch"] for r in j]')" "['dev']" "defaultBranch"
fixture_clear_log
run_chitty neon db create chittyos-staging --remote db-prod
is "$rc:$out" "0:Created database chittyos-staging (owner neondb_owner) on branch main" "neon db create NAME"
is "$(fixture_query 'json.loads(reqs[-1]["body"])')" \
	"{'database': {'name': 'chittyos-staging', 'owner_name': 'neondb_owner'}}" \
	"owned by the branch's databases' owner"
run_chitty neon db create other --owner nobody --remote db-prod
is "$rc:$err" "1:chitty: Neon: role nobody not found (HTTP 404)" "--owner, and Neon's error"
run_chitty neon db delete chittyos-staging --remote db-prod
is "$rc:$out" "0:Deleted database chittyos-staging from branch main" "neon db delete NAME"
run_chitty neon db delete chittyos-staging --remote db-prod
is "$rc:$err" "1:chitty: Neon: database chittyos-staging not found (HTTP 404)" "it is gone"
fixture_clear_log
run_chitty neon db delete .. --remote db-prod
is "$rc:$(fixture_query 'len([r for r in reqs if r["method"] == "DELETE"])')" "2:0" \
	"neon db delete ..: refused (a dot segment would DELETE the branch itself)"

# query: through psql, the password in PGPASSWORD only
mkdir -p "$SANDBOX/bin" "$SANDBOX/empty"
cat >"$SANDBOX/bin/psql" <<EOF
#!/bin/sh
for a in "\$@"; do printf '%s\n' "\$a"; done >"$SANDBOX/psql.args"
printf '%s\n' "\$PGPASSWORD" "\$PGAPPNAME" >"$SANDBOX/psql.env"
echo " ?column? "
echo "----------"
echo "        1"
exit \${FAKE_PSQL_STATUS:-0}
EOF
chmod +x "$SANDBOX/bin/psql"
PATH="$SANDBOX/bin:$PATH"
export PATH
fixture_clear_log
run_chitty neon query "SELECT 1" --remote db-prod
is "$rc" 0 "neon query SQL"
is "$out" " ?column? 
----------
        1" "psql's own output"
is "$(cat "$SANDBOX/psql.args")" "-v
ON_ERROR_STOP=1
-d
postgresql://neondb_owner@ep-cool-darkness-123456.us-east-2.aws.neon.tech/neondb?sslmode=require
-c
SELECT 1" "psql gets the connection URI without its password, and the SQL"
is "$(cat "$SANDBOX/psql.env")" "$password
chitty" "the password goes in PGPASSWORD"
is "$(fixture_query '[(r["api_path"], r["query"]) for r in reqs if "connection_uri" in r["api_path"]]')" \
	"[('/projects/$pid/connection_uri', {'branch_id': 'br-main-00000001', 'database_name': 'neondb', 'role_name': 'neondb_owner'})]" \
	"the URI comes from the API, for the branch's first database and its owner"
run_chitty neon query "SELECT 2" --remote db-prod --branch dev --database neondb --role app
like "$(cat "$SANDBOX/psql.args")" '^postgresql://app@' "--role"
is "$(fixture_query '[r["query"] for r in reqs if "connection_uri" in r["api_path"]][-1]')" \
	"{'branch_id': 'br-dev-00000002', 'database_name': 'neondb', 'role_name': 'app'}" "--branch, --database, --role"
run_chitty neon query "SELECT 1" --remote db-prod --branch dev --database analytics
is "$rc:$err" "1:chitty: branch dev has no database analytics" "an unknown database"
FAKE_PSQL_STATUS=3
export FAKE_PSQL_STATUS
run_chitty neon query "SELECT nope" --remote db-prod
is "$rc:$err" "1:chitty: psql exited with status 3" "psql's failure is chitty's"
unset FAKE_PSQL_STATUS
run_chitty neon query "SELECT 1" --remote db-prod --json
is "$rc" 2 "--json is a usage error for query"
fixture_clear_log
PATH="$SANDBOX/empty" "$CHITTY_BIN" neon query "SELECT 1" --remote db-prod >"$SANDBOX/out" 2>"$SANDBOX/err"
is "$?:$(cat "$SANDBOX/err")" "1:chitty: neon query runs psql, which is not on PATH (Debian, Ubuntu: apt install postgresql-client; macOS: brew install libpq)" \
	"without psql: a clear error"
is "$(fixture_query 'len(reqs)')" 0 "and no request"

# errors
add_remote neon-project badkey neon "" --set apiKey=bad-key-012345 --set "projectId=$pid"
run_chitty neon branch list --remote badkey
is "$rc:$err" "1:chitty: Neon: authentication failed (HTTP 401)" "a wrong key"
add_neon limited ratelimit=1,retry=1
fixture_clear_log
run_chitty neon branch list --remote limited --json
is "$(fixture_query '[r["status"] for r in reqs]')" "[429, 200]" "HTTP 429: waited, then success"
add_remote neon-project lost neon "" --set "apiKey=$key" --set projectId=no-such-project
run_chitty neon db list --remote lost
is "$rc:$err" "1:chitty: Neon: project not found (HTTP 404)" "an unknown project id"
add_neon noid noid=dev
fixture_clear_log
run_chitty neon query "SELECT 1" --remote noid --branch dev --database neondb --role app
is "$rc:$err" "1:chitty: the Neon branch id is missing or empty" \
	"a branch listed without its id: an error, not a crash"
run_chitty neon db list --remote noid --branch dev
is "$rc" 1 "nor a request for /branches/(null)"
run_chitty neon branch create feature-y --parent dev --remote noid
is "$rc" 1 "nor a branch made from another parent"
run_chitty neon branch delete dev --remote noid
is "$rc" 1 "nor a delete of (null)"
is "$(fixture_query '[r["method"] for r in reqs if r["method"] != "GET" or "/branches/" in r["path"]]')" "[]" \
	"no request names the branch"
run_chitty open --print db-prod
is "$out" "https://console.neon.tech/app/projects/$pid" "chitty open: the project's console page"
run_chitty config list
unlike "$out$err" "$key" "the key never shows"

done_testing
