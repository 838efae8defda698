#!/bin/sh
# The launcher in a real terminal (tmux): it draws, takes UTF-8 input,
# Esc clears then quits, ctrl-c quits with 130, the terminal is restored.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox

e2e_start 80 24 "$CHITTY_BIN"
e2e_expect '^>' "the launcher draws its search bar"
e2e_type 'héllo 日本'
e2e_expect '^> héllo 日本' "typed UTF-8 and wide characters appear in the search bar"
e2e_send BSpace BSpace
e2e_expect '^> héllo$' "backspace removes whole characters"
e2e_send Escape
e2e_expect '^>$' "Esc clears the query"
e2e_send Escape
if e2e_wait_exit 5; then pass "Esc on an empty query quits"; else fail "Esc on an empty query quits"; fi
is "$e2e_status" 0 "quitting with Esc exits 0"
e2e_terminal_restored "the terminal is restored after Esc"

e2e_start 80 24 "$CHITTY_BIN" --query preset
e2e_expect '^> preset' "--query pre-fills the search bar"
e2e_send C-c
e2e_wait_exit 5
is "$e2e_status" 130 "ctrl-c exits 130"
e2e_terminal_restored "the terminal is restored after ctrl-c"

e2e_start 80 24 "$CHITTY_BIN"
e2e_expect '^>' "the launcher starts again"
e2e_tmux run-shell "pkill -TERM -f '^$CHITTY_BIN\$' || true"
e2e_wait_exit 5
is "$e2e_status" 143 "SIGTERM exits 128+15"
e2e_terminal_restored "the terminal is restored after SIGTERM"

done_testing
