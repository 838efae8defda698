#!/bin/sh
# The action panel: ctrl-k lists the selected item's actions with their
# keys, typing filters, Esc clears then closes, Enter runs the selected
# action (observed through CHITTY_OPENER), alt-Enter runs the secondary.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup launcher.md
opener="$SANDBOX/opener"
cat >"$opener" <<'EOS'
#!/bin/sh
printf 'opened %s\n' "$1" >>"$CHITTY_TEST_OUT"
EOS
chmod +x "$opener"
export CHITTY_OPENER="$opener"
ext_file="$XDG_CONFIG_HOME/chitty/extensions/launcher.md"

e2e_start 100 30 "$CHITTY_BIN" --keep-open
e2e_expect '^▌ .*Write Marker' "the launcher is up"
e2e_send C-k
e2e_expect '╭─ Actions ─' "ctrl-k opens the action panel"
e2e_expect '│ ▌Run Command +enter │' "the primary action, selected, with Enter"
e2e_expect '│  Copy Command ID +alt\+enter │' "the secondary action with alt-Enter"
e2e_expect '│  Open Extension File +│' "and the others"
e2e_expect 'enter Run +esc Back' "the status line shows the panel's keys"
e2e_type 'open'
e2e_expect '│ › open' "typing goes to the panel's filter"
e2e_expect '│ ▌Open Extension File' "and filters the actions"
screen=$(e2e_screen)
unlike "$screen" 'Copy Command ID' "actions that do not match are hidden"
e2e_send Escape
e2e_expect '│  Copy Command ID' "Esc clears the filter"
e2e_send Escape
e2e_expect_gone '╭─ Actions' "Esc again closes the panel"
e2e_send C-k
e2e_expect '│ ▌Run Command' "the panel opens again"
e2e_send Down Down
e2e_expect '│ ▌Open Extension File' "arrows move in the panel"
e2e_send C-k
e2e_expect_gone '╭─ Actions' "ctrl-k again closes it"

e2e_send C-k
e2e_type 'open'
e2e_send Enter
e2e_expect_gone '╭─ Actions' "Enter in the panel closes it"
i=0
while [ $i -lt 50 ] && ! grep -q 'opened' "$CHITTY_TEST_OUT"; do sleep 0.1; i=$((i + 1)); done
is "$(cat "$CHITTY_TEST_OUT")" "opened $ext_file" "Enter in the panel runs the action: the opener got the file"
: >"$CHITTY_TEST_OUT"
e2e_send M-Enter
e2e_expect 'Copied|copied' "alt-Enter runs the secondary action (copy the id)"
e2e_send C-c
e2e_wait_exit 5
is "$e2e_status" 130 "ctrl-c quits"
e2e_terminal_restored "the terminal is restored"

# a command's own shortcut runs it from the list, whatever is selected
: >"$CHITTY_TEST_OUT"
e2e_start 100 24 "$CHITTY_BIN"
e2e_type 'say hello'
e2e_expect '^▌ .*Say Hello' "another command is selected"
e2e_send C-a
e2e_type 'x'
e2e_expect '^❯ xsay hello' "ctrl-a still edits the query (editing keys win)"
e2e_send C-a C-d
e2e_send M-M
if e2e_wait_exit 5; then pass "alt+shift+m, Shortcut Marker's own shortcut, runs it"; else fail "alt+shift+m, Shortcut Marker's own shortcut, runs it"; fi
is "$(cat "$CHITTY_TEST_OUT")" "shortcut" "that command, not the selected one"

done_testing
