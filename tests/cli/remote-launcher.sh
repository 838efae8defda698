#!/bin/sh
# remote.h as the launcher uses it (through tests/unit/remote-driver):
# background refresh waking a poll loop, pending counts, cancelling,
# cached items loaded as catalog items, provider verbs as item actions.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
driver="$CHITTY_BUILDDIR/tests/unit/remote-driver"
[ -x "$driver" ] || { echo "Bail out! tests/unit/remote-driver is not built (make check builds it)"; exit 1; }
run_driver() {
	out=$("$driver" "$@" 2>"$SANDBOX/driver.err")
	rc=$?
	err=$(cat "$SANDBOX/driver.err")
}

run_driver refresh
is "$rc:$out" "0:pending 0
pending 0" "no remotes: finished at once"

add_github tracker
add_github second slow=300
"$CHITTY_BIN" config add github-repo broken --no-test --set token=bad --set owner=octo \
	--set repo=hello --set "apiUrl=$FIXTURE_URL/github" >/dev/null 2>&1
run_driver refresh
is "$rc" 0 "refresh with a wake pipe"
like "$out" '^pending 3$' "three remotes pending at first"
like "$out" '^woken [1-9]' "the wake fd is written"
like "$out" '^update tracker remote:tracker 31 -$' "a finished remote's items come through remote_refresh_next"
like "$out" '^update second remote:second 31 -$' "every remote's"
like "$out" '^update broken remote:broken 0 GitHub: Bad credentials \(HTTP 401\)$' \
	"a failure is an update with an error, not a crash"
like "$out" '^item tracker/issue/44$' "items are the provider's"
is "$(printf '%s\n' "$out" | tail -n 1)" "pending 0" "nothing pending at the end"
is "$err" "" "refresh threads print nothing"

fixture_clear_log
run_driver refresh
is "$(printf '%s\n' "$out" | head -n 1)" "pending 1" "only stale remotes refresh (the failed one)"
is "$(fixture_query 'len(reqs)')" 1 "one request"
run_driver refresh force
is "$(printf '%s\n' "$out" | head -n 1)" "pending 3" "force refreshes every remote"

run_driver load
is "$rc" 0 "remote_source_load"
is "$(printf '%s\n' "$out" | cut -f 2 | sort | uniq -c | sed 's/^ *//')" "31 remote:second
31 remote:tracker" "cached items land in the catalog under remote:<name>"
like "$out" "$(printf '^tracker/issue/44\tremote:tracker\tissue\topen:open\tcopy-url:copy\tcopy-number:copy\tcomment:remote:input=Comment\tclose:remote:confirm$')" \
	"with their actions"
"$CHITTY_BIN" config add github-repo second --force --no-test --set token=x --set owner=octo \
	--set repo=other --set "apiUrl=$FIXTURE_URL/github" >/dev/null 2>&1
run_driver load
unlike "$out" 'remote:second' "a remote edited since its fetch contributes nothing until refreshed"
printf 'garbage' >"$XDG_CACHE_HOME/chitty/remotes/tracker.json"
run_driver load
is "$out" "" "a corrupt cache contributes nothing"
like "$err" "warning: remote 'tracker': discarded an unusable cache file" "is warned about"
ok "and is removed" test ! -e "$XDG_CACHE_HOME/chitty/remotes/tracker.json"

# cancelling: freeing a refresh stuck on a slow server returns at once
add_github sloth slow=8000
run_driver cancel
like "$out" '^pending [1-9]' "a slow refresh is pending"
ms=$(printf '%s\n' "$out" | sed -n 's/^freed in \([0-9]*\) ms$/\1/p')
ok "remote_refresh_free cancels it (${ms} ms)" test "${ms:-99999}" -lt 3000

# one-shot commands (chitty search): refresh what is stale, briefly, then use the cache
rm -f "$XDG_CACHE_HOME/chitty/remotes/"*.json
"$CHITTY_BIN" config remove sloth >/dev/null 2>&1
"$CHITTY_BIN" config remove broken >/dev/null 2>&1
"$CHITTY_BIN" config add github-repo second --force --no-test --set "token=$GITHUB_TOKEN_VALUE" \
	--set owner=octo --set repo=hello --set "apiUrl=$FIXTURE_URL/github" >/dev/null 2>&1
run_driver sync 10000
is "$out:$err" "failed 0, 62 items, $(printf '%s' "$out" | sed 's/.* \([0-9]*\) ms$/\1/') ms:" \
	"remote_refresh_sync fetches stale remotes, silently"
fixture_clear_log
run_driver sync 10000
is "$(fixture_query 'len(reqs)')" 0 "fresh caches are used as they are"
run_driver sync 10000 force
is "$(fixture_query 'len(reqs)')" 2 "force refreshes them"
# offline: the server is unreachable, the cache still serves
"$CHITTY_BIN" config add github-repo second --force --no-test --set "token=$GITHUB_TOKEN_VALUE" \
	--set owner=octo --set repo=hello --set "apiUrl=http://127.0.0.1:9/github" >/dev/null 2>&1
run_driver sync 10000
like "$out" '^failed 1, 31 items' "a failed refresh: the other remote's items remain"
like "$err" "warning: remote 'second': GitHub: cannot reach 127.0.0.1: .* \(using its cached items\)" \
	"and a warning says so"
"$CHITTY_BIN" config add github-repo second --force --no-test --set "token=$GITHUB_TOKEN_VALUE" \
	--set owner=octo --set repo=hello --set "apiUrl=$FIXTURE_URL/github" >/dev/null 2>&1
add_github sloth slow=8000
run_driver sync 1500 force
like "$out" '^failed 1, ' "a remote too slow to wait for"
ms=$(printf '%s\n' "$out" | sed -n 's/.* \([0-9]*\) ms$/\1/p')
ok "is given up after the timeout (${ms} ms)" test "${ms:-99999}" -lt 4000
like "$err" "warning: 1 remote still refreshing after 1.5 s \(using cached items\)" "with a warning"
like "$out" ', 62 items' "cached items are still used"
"$CHITTY_BIN" config remove sloth >/dev/null 2>&1
"$CHITTY_BIN" config add github-repo broken --no-test --set token=bad --set owner=octo \
	--set repo=hello --set "apiUrl=$FIXTURE_URL/github" >/dev/null 2>&1

# provider verbs as item actions
fixture_clear_log
run_driver action tracker "issues close" 12
is "$out" "ok: Closed #12: Issue number 12" "remote_action_run closes an issue, with a toast line"
is "$(fixture_query '[(r["method"], r["api_path"]) for r in reqs]')" \
	"[('PATCH', '/repos/octo/hello/issues/12')]" "through the provider's verb"
fixture_clear_log
hostile='--state=closed; $(touch /tmp/pwned) ✓ 漢字'
run_driver action tracker "issues comment" 12 "$hostile"
like "$out" "^ok: Commented on #12: " "an action's input goes to the verb (Add Comment)"
is "$(fixture_query '[(r["method"], r["api_path"], json.loads(r["body"])["body"]) for r in reqs]')" \
	"[('POST', '/repos/octo/hello/issues/12/comments', '$hostile')]" \
	"as the comment's text, even when it looks like an option"
run_driver action tracker "issues explode" 12
is "$out" "error: remote 'tracker': GitHub has no action 'issues explode'" "an unknown verb"
run_driver action nope "issues close" 1
like "$out" "^error: no remote 'nope'" "an unknown remote"
run_driver action broken "issues close" 1
is "$out" "error: GitHub: Bad credentials (HTTP 401)" "a failing verb: the API's error"

done_testing
