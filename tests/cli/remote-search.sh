#!/bin/sh
# chitty search with remotes: cached items are found, stale remotes are
# refreshed first (briefly), offline use, --offline and --refresh, a corrupt
# cache discarded and fetched again.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
export CHITTY_DATA_DIR="$SANDBOX/no-shipped-extensions"
cache="$XDG_CACHE_HOME/chitty/remotes"

add_github tracker
fixture_clear_log
run_chitty search --json "Ünïcode"
is "$rc" 0 "search with a remote never fetched"
is "$(fixture_query 'len(reqs)')" 1 "refreshes it first"
is "$(json_of '[(r["id"], r["source"]) for r in j][:1]')" "[('tracker/issue/1', 'remote:tracker')]" \
	"and finds its items"
fixture_clear_log
run_chitty search --json "issue number 12"
is "$(fixture_query 'len(reqs)')" 0 "a fresh cache is used as it is"
is "$(json_of 'j[0]["id"]')" "tracker/issue/12" "remote items are ranked like any"

# offline: the server is gone, the cache serves, a warning, exit 0
"$CHITTY_BIN" config add github-repo tracker --force --no-test --set "token=$GITHUB_TOKEN_VALUE" \
	--set owner=octo --set repo=hello --set "apiUrl=$FIXTURE_URL/github" --set ttl=1 >/dev/null 2>&1
sleep 1.2
fixture_stop
start=$(now_ms)
run_chitty search --json "issue number 12"
took=$(($(now_ms) - start))
is "$rc" 0 "offline, search still exits 0"
is "$(json_of 'j[0]["id"]')" "tracker/issue/12" "with the cached items"
like "$err" "warning: remote 'tracker': GitHub: cannot reach 127.0.0.1" "the failed refresh is a warning"
unlike "$err" "attempts" "  a refused connection is not retried"
start=$(now_ms)
run_chitty search --offline --json "issue number 12"
took_offline=$(($(now_ms) - start))
is "$rc:$err" "0:" "--offline does not try"
is "$(json_of 'j[0]["id"]')" "tracker/issue/12" "and uses the cache"
# Backoff before 3 retries sleeps 1.75 s at least; a loaded machine slows both runs.
ok "  so search does not wait for backoff (${took} ms; ${took_offline} ms offline)" \
	test "$took" -lt $((took_offline + 1000))
"$CHITTY_BIN" config add github-repo nowhere --no-test --set token=x --set owner=octo --set repo=hello \
	--set "apiUrl=http://chitty-test-host.invalid/github" >/dev/null 2>&1
run_chitty search --json "issue number 12"
like "$err" "warning: remote 'nowhere': GitHub: cannot reach chitty-test-host.invalid: " \
	"a host name that does not resolve is a warning"
unlike "$err" "attempts" "  and is not retried either"
like "$err" "warning: remote 'tracker': .*\(using its cached items\)$" "a remote with a cache says it uses it"
unlike "$err" "remote 'nowhere': .*cached" "  one never fetched says nothing about a cache"
"$CHITTY_BIN" config remove nowhere >/dev/null 2>&1
fixture_start
"$CHITTY_BIN" config add github-repo tracker --force --no-test --set "token=$GITHUB_TOKEN_VALUE" \
	--set owner=octo --set repo=hello --set "apiUrl=$FIXTURE_URL/github" >/dev/null 2>&1

printf 'corrupt' >"$cache/tracker.json"
fixture_clear_log
run_chitty search --json "issue number 12"
is "$(json_of 'j[0]["id"]')" "tracker/issue/12" "a corrupt cache is fetched again"
is "$(fixture_query 'len(reqs)')" 1 "with one request"
fixture_clear_log
run_chitty search --refresh --json "issue"
is "$(fixture_query 'len(reqs)')" 1 "--refresh refreshes fresh remotes too"
add_github slow slow=8000
start=$(now_ms)
run_chitty search --json "issue number 12"
took=$(($(now_ms) - start))
is "$rc" 0 "a remote too slow to wait for"
ok "is not waited for long (${took} ms)" test "$took" -lt 6000
like "$err" "still refreshing" "and said so"
done_testing
