# The fixture HTTP server (tests/fixtures/server.py) for shell tests.
# Source after tests/lib/tap.sh and call sandbox first.
#
#   fixture_start                 # sets FIXTURE_URL=http://127.0.0.1:PORT, FIXTURE_LOG
#   add_github NAME [SCENARIO] [--set K=V]...   # a github-repo remote on the fixture
#   fixture_query 'len(reqs)'     # a Python expression over the request log
#   fixture_clear_log
#
# The server stops when the test exits (and by itself if the test dies).

command -v python3 >/dev/null 2>&1 || skip_all "python3 is not installed"

fixture_start() {
	FIXTURE_LOG="$SANDBOX/fixture-requests.log"
	: >"$FIXTURE_LOG"
	rm -f "$SANDBOX/fixture.port"
	python3 "$CHITTY_SRCDIR/tests/fixtures/server.py" --port-file "$SANDBOX/fixture.port" \
		--log "$FIXTURE_LOG" --parent-pid $$ >/dev/null 2>"$SANDBOX/fixture.err" &
	FIXTURE_PID=$!
	local i=0
	while [ ! -s "$SANDBOX/fixture.port" ]; do
		if [ "$i" -gt 600 ] || ! kill -0 "$FIXTURE_PID" 2>/dev/null; then
			echo "Bail out! the fixture server did not start"
			sed 's/^/# /' "$SANDBOX/fixture.err"
			exit 1
		fi
		sleep 0.05
		i=$((i + 1))
	done
	FIXTURE_PORT=$(cat "$SANDBOX/fixture.port")
	FIXTURE_URL="http://127.0.0.1:$FIXTURE_PORT"
	trap 'fixture_stop; sandbox_cleanup' EXIT
}

fixture_stop() {
	if [ -n "${FIXTURE_PID:-}" ]; then
		kill "$FIXTURE_PID" 2>/dev/null
		wait "$FIXTURE_PID" 2>/dev/null
		FIXTURE_PID=
	fi
}

# fixture_query EXPR: print a Python expression over `reqs`, the logged requests.
fixture_query() {
	python3 -c 'import json, sys
reqs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
print(eval(sys.argv[2]))' "$FIXTURE_LOG" "$1"
}

fixture_clear_log() { : >"$FIXTURE_LOG"; }

# The token the GitHub remotes of a test use: tests grep for it everywhere.
GITHUB_TOKEN_VALUE="ghp_fixtureSECRET0123456789"

# add_github NAME [SCENARIO] [ARGS]...: add a github-repo remote for octo/hello
# on the fixture server (no connection test), with a scenario prefix.
add_github() {
	local name=$1 scenario=${2:-}
	shift
	[ $# -gt 0 ] && shift
	local url="$FIXTURE_URL/github"
	[ -n "$scenario" ] && url="$FIXTURE_URL/s/$scenario/github"
	"$CHITTY_BIN" config add github-repo "$name" --no-test --set "token=$GITHUB_TOKEN_VALUE" \
		--set owner=octo --set repo=hello --set "apiUrl=$url" "$@" >/dev/null 2>&1 </dev/null ||
		{ echo "Bail out! could not add remote $name"; exit 1; }
}

# json_of EXPR: a Python expression over $out parsed as JSON (`j`).
json_of() {
	printf '%s' "$out" | python3 -c "import json, sys; j = json.load(sys.stdin); print($1)" 2>&1
}

# now_ms: milliseconds since the epoch.
now_ms() { python3 -c 'import time; print(int(time.time() * 1000))'; }

# The secrets of the other providers' remotes (tests grep for them too).
NOTION_TOKEN_VALUE="secret_notionFIXTURE0123456789"
LINEAR_KEY_VALUE="lin_api_linearFIXTURE0123456789"
LINEAR_OAUTH_VALUE="lin_oauth_linearFIXTURE0123456789"
CF_TOKEN_VALUE="cfTokenFIXTURE0123456789abcdef0123"
NEON_KEY_VALUE="napi_neonFIXTURE0123456789"
NOTION_TASKS_ID="8a3c0d6e1f2b4c5d9e8f7a6b5c4d3e2f"
NOTION_LOG_ID="5b6c7d8e9f0a4b1c8d2e3f4a5b6c7d8e"
NOTION_PAGE_ID="1f0e2d3c4b5a49788796a5b4c3d2e1f0"
CF_ACCOUNT_ID="0bc21e3a5a9de1a4cc843be9c3e98121"
NEON_PROJECT_ID="winter-frost-26518790"

# fixture_api_url API [SCENARIO]: the fixture's URL for an API module.
fixture_api_url() {
	if [ -n "${2:-}" ]; then printf '%s/s/%s/%s' "$FIXTURE_URL" "$2" "$1"
	else printf '%s/%s' "$FIXTURE_URL" "$1"; fi
}

# add_remote TYPE NAME API [SCENARIO] [--set K=V]...: a remote on the fixture (no test).
add_remote() {
	local type=$1 name=$2 api=$3 scenario=${4:-}
	shift 3
	[ $# -gt 0 ] && shift
	"$CHITTY_BIN" config add "$type" "$name" --no-test --set "apiUrl=$(fixture_api_url "$api" "$scenario")" \
		"$@" >/dev/null 2>&1 </dev/null || { echo "Bail out! could not add remote $name"; exit 1; }
}

# add_notion NAME [SCENARIO] [ARGS]...: a notion-database remote for the Tasks database.
add_notion() {
	local name=$1 scenario=${2:-}
	shift
	[ $# -gt 0 ] && shift
	add_remote notion-database "$name" notion "$scenario" --set "token=$NOTION_TOKEN_VALUE" \
		--set "databaseId=$NOTION_TASKS_ID" "$@"
}

# add_linear NAME [SCENARIO] [ARGS]...: a linear-workspace remote with a personal key.
add_linear() {
	local name=$1 scenario=${2:-}
	shift
	[ $# -gt 0 ] && shift
	add_remote linear-workspace "$name" linear "$scenario" --set "apiKey=$LINEAR_KEY_VALUE" "$@"
}

# add_cloudflare NAME [SCENARIO] [ARGS]...: a cloudflare-account remote with an API token.
add_cloudflare() {
	local name=$1 scenario=${2:-}
	shift
	[ $# -gt 0 ] && shift
	add_remote cloudflare-account "$name" cloudflare "$scenario" --set "apiToken=$CF_TOKEN_VALUE" \
		--set "accountId=$CF_ACCOUNT_ID" "$@"
}

# add_neon NAME [SCENARIO] [ARGS]...: a neon-project remote for chittyos-core.
add_neon() {
	local name=$1 scenario=${2:-}
	shift
	[ $# -gt 0 ] && shift
	add_remote neon-project "$name" neon "$scenario" --set "apiKey=$NEON_KEY_VALUE" \
		--set "projectId=$NEON_PROJECT_ID" "$@"
}
