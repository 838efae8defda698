#!/bin/sh
# The mouse: a click selects a row, the wheel moves through the list and
# scrolls the preview, a double-click runs the item, a click outside the
# action panel closes it.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup launcher.md

e2e_start 100 12 "$CHITTY_BIN"
e2e_expect '^▌ .*Write Marker' "the first item is selected"
e2e_click 10 6 # the row of Fail Loudly (0-based y 6)
e2e_expect '^▌ .*Fail Loudly' "a click selects the row under it"
e2e_wheel down 10 4
e2e_expect '^▌ .*Snippet Text' "the wheel over the list moves the selection"
e2e_wheel up 10 4
e2e_wheel up 10 4
e2e_expect '^▌ .*Stream Lines' "both ways"
e2e_click 10 2 # the section header: nothing happens
e2e_expect '^▌ .*Stream Lines' "a click on a section header changes nothing"
e2e_expect '│ Stream Lines' "the preview shows the selection"
e2e_wheel down 70 5
e2e_wheel down 70 5
e2e_expect_gone '│ Stream Lines' "the wheel over the preview scrolls it"
e2e_send C-k
e2e_expect '╭─ Actions' "the action panel is open"
e2e_click 2 4
e2e_expect_gone '╭─ Actions' "a click outside the panel closes it"

e2e_click 10 3
e2e_click 10 3
if e2e_wait_exit 5; then pass "a double-click runs the item"; else fail "a double-click runs the item"; fi
is "$(cat "$CHITTY_TEST_OUT")" "ran" "the silent command ran"
e2e_terminal_restored "the terminal is restored, mouse reporting off"
mouse=$(e2e_tmux display-message -p -t "$E2E_TARGET" '#{mouse_any_flag}#{mouse_standard_flag}#{mouse_sgr_flag}')
is "$mouse" "000" "mouse modes are off after exit"

done_testing
