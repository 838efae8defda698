#!/bin/sh
# The new providers' items in the launcher: a Notion page (its title
# property has a custom name) with its properties in the preview, archived
# from the actions panel after a confirmation; a Cloudflare DNS record
# deleted the same way (and a "no" that sends nothing); Linear issues and
# Neon branches searchable beside them.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
ui_setup launcher.md
add_notion tasks
add_linear lin
add_cloudflare cf
add_neon neon
"$CHITTY_BIN" refresh >/dev/null 2>&1 || { echo "Bail out! refresh failed"; exit 1; }

e2e_start 110 30 "$CHITTY_BIN"
e2e_expect '^▌ ' "the launcher starts"
e2e_type 'login bug'
e2e_expect '^▌ .*Fix the login bug' "a Notion page is found by its title property"
e2e_expect '│ .*Status.*In progress' "its preview shows the status property"
e2e_expect '│ .*Priority.*Medium' "and the select"
e2e_send C-u
e2e_type 'OPS-1'
e2e_expect '^▌ .*Issue OPS-1' "a Linear issue"
e2e_send C-u
e2e_type 'main'
e2e_expect '^▌ .*main' "a Neon branch"
e2e_expect '│ .*Neon branch|│ .*br-main-00000001' "with its preview"

# delete a DNS record: refuse first, then confirm
e2e_send C-u
e2e_type 'www.chitty.cc'
e2e_expect '^▌ .*www\.chitty\.cc' "a Cloudflare DNS record"
e2e_expect '│ .*203\.0\.113\.0' "its preview shows the content"
fixture_clear_log
e2e_send C-k
e2e_expect '╭─ Actions' "the actions panel"
e2e_type 'delete'
e2e_expect 'Delete DNS Record' "lists Delete DNS Record"
e2e_send Enter
e2e_expect 'Confirm' "which asks first"
e2e_send n
e2e_wait_gone 'Confirm' 5
is "$(fixture_query '[r["method"] for r in reqs if r["method"] == "DELETE"]')" "[]" \
	"answering no sends nothing"
e2e_send C-k
e2e_type 'delete'
e2e_send Enter
e2e_expect 'Confirm' "asked again"
e2e_send y
if e2e_wait_exit 10; then pass "yes runs the verb"; else fail "yes runs the verb"; fi
is "$e2e_status" 0 "the launcher exits 0"
is "$(fixture_query '[r["api_path"] for r in reqs if r["method"] == "DELETE"]')" \
	"['/zones/023e105f4ecef8ad9ca31a8372d0c353/dns_records/rec00000000000000000000000000000']" \
	"one DELETE of that record"
e2e_terminal_restored "the terminal is restored"

# archive a Notion page
e2e_start 110 30 "$CHITTY_BIN"
e2e_type 'login bug'
e2e_expect '^▌ .*Fix the login bug' "the page again"
fixture_clear_log
e2e_send C-k
e2e_type 'archive'
e2e_send Enter
e2e_expect 'Confirm' "archiving asks first"
e2e_send y
if e2e_wait_exit 10; then pass "and archives"; else fail "and archives"; fi
is "$(fixture_query '[(r["method"], r["api_path"], json.loads(r["body"])) for r in reqs if r["method"] == "PATCH"]')" \
	"[('PATCH', '/pages/7a000000-0000-4000-8000-000000000001', {'archived': True})]" \
	"PATCH the page with archived: true"
done_testing
