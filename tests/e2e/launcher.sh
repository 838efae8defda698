#!/bin/sh
# The launcher in a real terminal: the search bar, section headers, typing
# narrows and highlights, aliases, UTF-8 input, Esc and ctrl-c exits with
# their statuses, SIGTERM and SIGHUP, and the terminal restored each time.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup launcher.md wide.md

e2e_start 100 30 "$CHITTY_BIN"
e2e_expect '^❯ Search commands and items' "the search bar shows its placeholder"
e2e_expect '^  UI Test' "items are grouped under their extension"
e2e_expect '^  Wide Characters' "each extension has its header"
e2e_expect '^▌ .*Write Marker' "the first item is selected"
e2e_expect '13/13$' "the count of matches and items"
e2e_expect 'enter Run Command +ctrl\+k Actions +esc Quit' "the status line shows the keys"

e2e_type 'hello'
e2e_expect '^❯ hello' "typing shows in the search bar"
e2e_expect '^▌ .*Say Hello' "the best match is selected"
screen=$(e2e_screen)
unlike "$screen" 'Stream Lines' "items that do not match are gone"
unlike "$screen" '^  UI Test' "a query's results have no section headers"
styled=$(e2e_screen_styled)
like "$styled" '38;5;214mHello' "the matched characters are highlighted"
e2e_expect 'esc Clear' "Esc clears while there is a query"

e2e_send C-r
e2e_expect 'No remotes to refresh' "ctrl-r with no remotes says so"
e2e_send C-u
e2e_type 'wm'
e2e_expect '^▌ .*Write Marker.* wm' "an exact alias comes first"
e2e_send BSpace BSpace
e2e_type 'héllo 日本'
e2e_expect '^❯ héllo 日本' "UTF-8 and wide characters in the search bar"
e2e_send BSpace BSpace
e2e_expect '^❯ héllo +0/13' "backspace removes whole characters"
e2e_send C-w
e2e_expect '^❯ Search commands' "ctrl-w deletes the word"
e2e_type 'say'
e2e_send Escape
e2e_expect '^❯ Search commands' "Esc clears the query"
e2e_expect '^▌ .*Write Marker' "and the full list comes back"
e2e_send Escape
if e2e_wait_exit 5; then pass "Esc on an empty query quits"; else fail "Esc on an empty query quits"; fi
is "$e2e_status" 0 "quitting with Esc exits 0"
e2e_terminal_restored "the terminal is restored after Esc"

e2e_start 80 24 "$CHITTY_BIN" --query lines
e2e_expect '^❯ lines' "--query pre-fills the search bar"
e2e_expect '^▌ .*Stream Lines' "and ranks it"
e2e_send C-c
e2e_wait_exit 5
is "$e2e_status" 130 "ctrl-c exits 130"
e2e_terminal_restored "the terminal is restored after ctrl-c"

e2e_start 80 24 "$CHITTY_BIN"
e2e_expect '^❯' "the launcher starts again"
e2e_send C-k
e2e_expect '╭─ Actions' "with the action panel open"
e2e_send C-c
e2e_wait_exit 5
is "$e2e_status" 130 "ctrl-c quits from a panel too"
e2e_terminal_restored "the terminal is restored after ctrl-c in a panel"

for sig in TERM HUP; do
	e2e_start 80 24 "$CHITTY_BIN"
	e2e_expect '^❯' "the launcher starts for SIG$sig"
	e2e_signal "$sig"
	e2e_wait_exit 5
	want=143
	[ "$sig" = HUP ] && want=129
	is "$e2e_status" "$want" "SIG$sig exits 128+N"
	e2e_terminal_restored "the terminal is restored after SIG$sig"
done

done_testing
