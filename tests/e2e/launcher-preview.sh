#!/bin/sh
# The preview renders the selected item's markdown beside the list (below
# it on a narrow, tall terminal; hidden when small), follows the selection,
# scrolls, toggles, and the detail view shows it whole.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup launcher.md

e2e_start 100 30 "$CHITTY_BIN"
e2e_expect '^  UI Test +│ Write Marker$' "the preview sits beside the list, headed by the title"
e2e_expect '│ Appends a line to \$CHITTY_TEST_OUT' "the description paragraph"
e2e_expect '│ • Extension: UI Test \(uitest\)' "a list with its bullets; bold markers are gone"
e2e_expect '│ • Alias: wm' "inline code without its backticks"
e2e_expect '│   echo ran >> "\$CHITTY_TEST_OUT"' "the code block, indented"
styled=$(e2e_screen_styled)
like "$styled" '1m.*38;5;75mWrite Marker' "the heading is bold and coloured"
like "$styled" '38;5;180m.*echo ran' "code has the code colour"
e2e_send Down
e2e_expect '^  UI Test +│ Say Hello$' "the preview follows the selection"
e2e_expect '│   echo "hello from chitty"' "with the new item's code"
e2e_expect '│ Says hello in the output\.$' "the command's own prose, bold rendered"
e2e_expect '│ │ a quoted line' "a block quote"
e2e_expect '│ 漢字 │ ✓' "a table with wide characters"
e2e_send M-p
e2e_wait_gone '│ Say Hello' 5
screen=$(e2e_screen)
unlike "$screen" '│' "alt-p hides the preview"
like "$screen" '^▌ .*Say Hello +Prints a greeting' "and the list takes the width"
e2e_send M-p
e2e_expect '│ Say Hello' "alt-p shows it again"

e2e_send C-o
e2e_expect '^ Say Hello +Prints a greeting$' "ctrl-o opens the detail view with the title"
e2e_expect '^ • Tool: bash' "the detail view shows the whole markdown"
e2e_expect 'enter Run Command +ctrl\+k Actions +esc Back' "with its keys"
e2e_send Escape
e2e_expect '^❯ Search commands' "Esc goes back to the list"
e2e_expect '^▌ .*Say Hello' "with the selection kept"
e2e_send C-c
e2e_wait_exit 5

# narrow and tall: below the list
e2e_start 60 40 "$CHITTY_BIN"
e2e_expect '^▌ .*Write Marker' "a narrow terminal lists items"
row=$(e2e_screen | grep -n -m1 '^ Write Marker$' | cut -d: -f1)
rule=$(e2e_screen | grep -n '^─\{60\}$' | sed -n 2p | cut -d: -f1)
if [ -n "$row" ] && [ -n "$rule" ] && [ "$row" -gt "$rule" ]; then
	pass "the preview goes below the list"
else
	fail "the preview goes below the list"
	e2e_screen | sed 's/^/# | /'
fi
e2e_send C-c
e2e_wait_exit 5

# small: no preview at all
e2e_start 60 12 "$CHITTY_BIN"
e2e_expect '^▌ .*Write Marker' "a small terminal lists items"
screen=$(e2e_screen)
unlike "$screen" 'Extension: UI Test' "and has no preview"
e2e_send C-c
e2e_wait_exit 5

# a long preview scrolls
e2e_start 100 12 "$CHITTY_BIN" --query 'stream lines'
e2e_expect '│ Stream Lines' "a preview taller than its pane"
e2e_send S-Down S-Down S-Down S-Down
e2e_wait_gone '│ Stream Lines' 5
e2e_expect '│ .*echo "not cancelled"' "shift-down scrolls the preview"
e2e_send S-Up S-Up S-Up S-Up
e2e_expect '│ Stream Lines' "shift-up scrolls it back"
e2e_send C-c
e2e_wait_exit 5

done_testing
