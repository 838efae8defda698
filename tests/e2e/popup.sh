#!/bin/sh
# chitty popup: outside tmux it runs in place; inside tmux it opens the
# launcher in a display-popup (checked with a tmux running inside the test's
# tmux, so the popup is drawn where capture-pane sees it).
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup launcher.md

run_chitty popup --width 0
is "$rc" 2 "a size of 0 is a usage error"
like "$err" "--width '0'" "naming the option"
run_chitty popup --height 120%
is "$rc" 2 "a percentage over 100 is a usage error"

e2e_start 80 24 env -u TMUX "$CHITTY_BIN" popup --query hello
e2e_expect '^❯ hello' "outside tmux the launcher runs in place, with --query"
e2e_expect '^▌ .*Say Hello' "and ranks it"
e2e_send C-c
e2e_wait_exit 5
is "$e2e_status" 130 "and exits as the launcher does"

version=$(tmux -V | sed 's/^tmux \([0-9]*\)\.\([0-9]*\).*/\1 \2/')
set -- $version
if [ "${1:-0}" -lt 3 ] || { [ "${1:-0}" -eq 3 ] && [ "${2:-0}" -lt 2 ]; }; then
	skip "inside tmux the launcher opens in a popup" "tmux $(tmux -V) has no display-popup (3.2+)"
	done_testing
fi

inner="$SANDBOX/inner.sock"
e2e_start 100 30 tmux -S "$inner" -f /dev/null new-session -s inner "PS1='$ ' sh"
trap 'tmux -S "$inner" kill-server 2>/dev/null; e2e_tmux kill-server 2>/dev/null; rm -f "$E2E_SOCKET_BASE".*.sock; sandbox_cleanup' EXIT
e2e_expect '^\$' "a shell in a tmux inside the test's tmux"
tmux -S "$inner" set-option -g status off >/dev/null 2>&1
e2e_type "cd '$SANDBOX' && '$CHITTY_BIN' popup --width 60 --height 15 --query stream"
e2e_send Enter
e2e_expect '^ +│❯ stream +[0-9]+/[0-9]+│' "inside tmux the launcher opens in a popup, with --query"
e2e_expect '^ +│▌ .*Stream Lines.*│' "showing the user's extensions (the environment reached it)"
top=$(e2e_screen | grep -n -m1 '┌─' | cut -d: -f1)
bottom=$(e2e_screen | grep -n -m1 '└─' | cut -d: -f1)
is "$((bottom - top + 1))" 15 "the popup is 15 lines tall"
width=$(e2e_columns '┐' | head -1)
left=$(e2e_columns '┌' | head -1)
is "$((width - left + 1))" 60 "and 60 columns wide"
e2e_send Escape
e2e_expect '│❯ Search' "Esc clears the query in the popup"
e2e_send Escape
e2e_wait_gone '┌─' 5
e2e_expect '^\$' "Esc again quits and closes the popup"
tmux -S "$inner" kill-server 2>/dev/null

done_testing
