#!/bin/sh
# An http command in the launcher's output view: the response status in
# the title (the error colour from 400 on), the response headers collapsed
# to one line until ctrl+o opens them, the JSON body pretty-printed; the
# request's Authorization header never shows.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
ui_setup
sed -e "s|@URL@|$FIXTURE_URL|g" -e "s|@TOKEN@|$GITHUB_TOKEN_VALUE|g" \
	"$CHITTY_SRCDIR/tests/fixtures/ui/http.md" >"$XDG_CONFIG_HOME/chitty/extensions/http.md"

no_token() {
	if e2e_screen | grep -qF "$GITHUB_TOKEN_VALUE"; then fail "$1"; else pass "$1"; fi
}
# title_role STATUS: the escape sequences just before STATUS on the title row.
title_style() { e2e_screen_styled | sed -n "1s/.*\(\x1b\[[0-9;]*m\)$1.*/\1/p"; }

e2e_start 80 24 "$CHITTY_BIN" --keep-open --query 'get repo'
e2e_expect '^▌ .*Get Repo' "an http command"
e2e_send Enter
e2e_expect '^ Get Repo +HTTP 200 OK$' "the title shows the status and its reason"
e2e_expect '^ ▸ Headers \([0-9]+\)  content-type: application/json' \
	"the headers are one line with the content type"
e2e_expect '^ \{$' "the body is pretty-printed: the object opens on its own line"
e2e_expect '^   "full_name": "octo/hello",$' "  members indented, one a line"
screen=$(e2e_screen)
unlike "$screen" 'exit 0' "no process exit status for a request"
unlike "$screen" 'x-ratelimit-limit' "the header block starts collapsed"
like "$screen" 'ctrl\+o Headers' "the status line says how to open it"
no_token "the request's token is not shown"
ok_style=$(title_style 'HTTP 200 OK')
e2e_send C-o
e2e_expect '^ ▾ Headers \([0-9]+\)$' "ctrl+o opens the header block"
e2e_expect '^   x-ratelimit-limit: 5000$' "  with the response's headers, one a line"
e2e_expect '^   content-type: application/json' "  the content type among them"
e2e_expect '^ \{$' "  and the body below"
screen=$(e2e_screen)
unlike "$screen" '[Aa]uthorization' "  the request's Authorization header is not among them"
unlike "$screen" 'Bearer' "  nor its value"
no_token "  the token is not shown"
e2e_send C-o
e2e_expect_gone 'x-ratelimit-limit' "ctrl+o again collapses it"
e2e_send Escape
e2e_expect '^❯ get repo' "Esc goes back to the list"

e2e_send C-u
e2e_type 'missing repo'
e2e_expect '^▌ .*Missing Repo' "a request answered 404"
e2e_send Enter
e2e_expect '^ Missing Repo +HTTP 404 Not Found$' "the title shows 404 Not Found"
e2e_expect '^   "message": "Not Found",$' "the error body, pretty-printed"
err_style=$(title_style 'HTTP 404 Not Found')
if [ -n "$err_style" ] && [ "$err_style" != "$ok_style" ]; then
	pass "the 404 status is in the error colour, not the 200's"
else
	fail "the 404 status is in the error colour, not the 200's" "200: '$ok_style', 404: '$err_style'"
fi
screen=$(e2e_screen)
unlike "$screen" 'chitty: HTTP 404' "the status is not repeated as an error line"
no_token "the token is not shown"
e2e_send Escape
e2e_expect '^❯ missing repo' "Esc goes back to the list"

e2e_send C-u
e2e_type 'broken server'
e2e_expect '^▌ .*Broken Server' "a request answered 503"
e2e_send Enter
e2e_expect '^ Broken Server +HTTP 503 Service Unavailable$' "the title shows 503 Service Unavailable"
e2e_expect '"message": "Service Unavailable"' "with the body"
like "$(title_style 'HTTP 503 Service Unavailable')" "^$(printf '%s' "$err_style" | sed 's/[][\\.^$*]/\\&/g')\$" \
	"in the error colour"
e2e_send Escape
e2e_send C-c
e2e_wait_exit 5

# A small terminal: the title, the one header line and the body's start.
e2e_start 40 8 "$CHITTY_BIN" --query 'get repo'
e2e_expect '^▌ .*Get Repo' "on a 40x8 terminal"
e2e_send Enter
e2e_expect 'HTTP 200 OK$' "the status fits the title"
e2e_expect '^ ▸ Headers \([0-9]+\)' "the header block takes one line"
e2e_expect '^ \{$' "the body starts below it"
e2e_send Escape
e2e_wait_exit 5
is "$e2e_status" 0 "Esc after a 200 exits 0"

done_testing
