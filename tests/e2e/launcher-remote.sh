#!/bin/sh
# Remote items in the launcher (with the remotes module and its fixture
# server): a stale remote refreshes in the background while the launcher is
# in use; its items merge in without losing the typed query or the
# selection; a refresh failure is a toast; a remote item's preview and its
# provider verb (with a confirmation) work from the launcher.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
ui_setup launcher.md
add_github tracker slow=1500

e2e_start 100 24 "$CHITTY_BIN"
e2e_expect '^▌ .*Write Marker' "the launcher starts with its extension commands"
e2e_expect '⟳ 1' "a stale remote refreshes in the background (the indicator)"
e2e_type 'marker'
e2e_expect '^▌ .*Write Marker' "typing while it refreshes"
e2e_expect_gone '⟳ 1' "the background refresh finishes" 10
e2e_expect '^❯ marker' "the query survives the merge"
e2e_expect '^▌ .*Write Marker' "and so does the selection"
e2e_send C-u
e2e_type 'issue number 44'
e2e_expect '^▌ .*Issue number 44' "the remote's items are searchable"
e2e_expect '│ .*Issue number 44' "with their preview"
e2e_send C-k
e2e_expect '╭─ Actions' "their actions"
e2e_type 'close'
e2e_send Enter
e2e_expect 'Confirm' "a confirming action asks first"
e2e_send y
if e2e_wait_exit 10; then pass "and then runs the provider verb"; else fail "and then runs the provider verb"; fi
is "$e2e_status" 0 "the launcher exits 0 after it"
e2e_expect '^Closed' "printing the verb's result line"
e2e_terminal_restored "the terminal is restored"

# Add Comment: an action that asks for its text first
e2e_start 100 24 "$CHITTY_BIN"
e2e_type 'issue number 44'
e2e_expect '^▌ .*Issue number 44' "an issue again"
fixture_clear_log
e2e_send C-k
e2e_type 'comment'
e2e_expect 'Add Comment' "the actions offer Add Comment"
e2e_send Enter
e2e_expect 'Comment' "which asks for the comment in a form"
e2e_send Enter
e2e_expect 'need.? attention' "an empty comment is refused"
e2e_send Escape
e2e_wait_gone 'need.? attention' 5
is "$(fixture_query 'len([r for r in reqs if r["method"] == "POST"])')" 0 "Esc sends nothing"
e2e_send C-k
e2e_type 'comment'
e2e_send Enter
e2e_expect 'Comment' "the form again"
e2e_type 'Looks good ✓ 漢字'
e2e_send Enter
if e2e_wait_exit 10; then pass "Enter posts it"; else fail "Enter posts it"; fi
is "$(fixture_query '[(r["api_path"], json.loads(r["body"])["body"]) for r in reqs if r["method"] == "POST"]')" \
	"[('/repos/octo/hello/issues/44/comments', 'Looks good ✓ 漢字')]" "the comment, as typed"
e2e_expect '^Commented on #44' "and says so"

"$CHITTY_BIN" config add github-repo broken --no-test --set token=bad --set owner=octo \
	--set repo=hello --set "apiUrl=$FIXTURE_URL/github" >/dev/null 2>&1
e2e_start 100 24 "$CHITTY_BIN" --keep-open
e2e_expect 'broken: .*401|Bad credentials' "a failing refresh is a toast" 10
e2e_expect '^▌ ' "and the launcher keeps working"
e2e_send C-c
e2e_wait_exit 5

done_testing
