#!/bin/sh
# Running from the launcher: Enter runs the primary action by the
# command's mode (silent, no-view, view with the output view, template to
# the clipboard), records the use, exits afterwards unless kept open, keeps
# the launcher open with an error toast on failure, and shows why a
# disabled item cannot run.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup launcher.md
out="$CHITTY_TEST_OUT"

e2e_start 100 20 "$CHITTY_BIN" --query 'write marker'
e2e_expect '^▌ .*Write Marker' "a silent command"
e2e_send Enter
if e2e_wait_exit 5; then pass "Enter runs it and the launcher exits"; else fail "Enter runs it and the launcher exits"; fi
is "$e2e_status" 0 "with status 0"
is "$(cat "$out")" "ran" "the command ran"
e2e_terminal_restored "the terminal is restored"
like "$(cat "$XDG_STATE_HOME/chitty/history" 2>/dev/null)" '^uitest/write-marker	1	' "the run is in the history"

e2e_start 100 20 "$CHITTY_BIN"
e2e_expect '^  Recently Used' "the next start lists recent items first"
e2e_expect '^▌ .*Write Marker' "with the one just run selected"
e2e_send C-c
e2e_wait_exit 5

e2e_start 100 20 "$CHITTY_BIN" --query 'say hello'
e2e_expect '^▌ .*Say Hello' "a no-view command"
e2e_send Enter
e2e_wait_exit 5
is "$e2e_status" 0 "runs and exits 0"
e2e_expect '^hello from chitty$' "its result is printed on the normal screen"

e2e_start 100 20 "$CHITTY_BIN" --keep-open --query 'say hello'
e2e_expect '^▌ .*Say Hello' "with --keep-open"
e2e_send Enter
e2e_expect '^ hello from chitty' "the result is a toast"
e2e_expect '^❯ say hello' "and the launcher stays open"
e2e_send C-u
e2e_type 'fail loudly'
e2e_expect '^▌ .*Fail Loudly' "a failing command"
e2e_send Enter
e2e_expect 'Fail Loudly: .*(3|something broke)' "fails with an error toast: its status or stderr"
e2e_send C-u
e2e_type 'swiftly'
e2e_expect '^▌ .*Needs Swiftly .*unavailable' "a disabled command is marked unavailable"
e2e_send Enter
e2e_expect "Needs Swiftly: .*swiftly" "running it says why it cannot run"
e2e_send C-c
e2e_wait_exit 5

: >"$out"
e2e_start 100 20 "$CHITTY_BIN" --query 'stream lines'
e2e_expect '^▌ .*Stream Lines' "a view command"
e2e_send Enter
e2e_expect '^ Stream Lines +running' "opens the output view, running"
e2e_expect '^ line 3$' "its output streams in"
e2e_send Escape
e2e_expect '^ Stream Lines +cancelled' "Esc cancels it"
i=0
while [ $i -lt 30 ] && [ "$(cat "$out")" != "started" ]; do sleep 0.1; i=$((i + 1)); done
is "$(cat "$out")" "started" "the command was killed before it finished"
e2e_send Escape
e2e_expect '^❯ stream lines' "Esc again goes back to the list"
e2e_send C-c
e2e_wait_exit 5

e2e_start 100 20 "$CHITTY_BIN" --query 'progress bar'
e2e_expect '^▌ .*Progress Bar' "a command that redraws a line in colour"
e2e_send Enter
e2e_expect '^ red done$' "the output view shows a line's last state, without escape codes"
e2e_expect '^ tab     here$' "tabs expanded"
screen=$(e2e_screen)
unlike "$screen" 'step' "carriage returns start the line over"
e2e_send C-c
e2e_expect '^ Progress Bar +cancelled' "ctrl-c in the output view stops the command, not the launcher"
# a finished command's output on screen: the launcher sleeps in poll
pane=$(e2e_tmux display-message -p -t "$E2E_TARGET" '#{pane_pid}')
pid=$(pgrep -P "$pane" | head -n 1)
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
if [ -n "$pid" ] && [ -r "/proc/$pid/stat" ]; then
	before=$(cpu_ticks)
	sleep 1
	used=$(($(cpu_ticks) - before))
	ok "idle while it shows a finished command's output ($used ticks of CPU in 1 s)" test "$used" -le 10
else
	fail "idle while it shows a finished command's output (no chitty process found under pane $pane)"
fi
e2e_send Escape
e2e_expect '^❯ progress bar' "then Esc goes back"
e2e_send C-c
e2e_wait_exit 5
is "$e2e_status" 130 "and ctrl-c in the list quits"

e2e_start 100 20 "$CHITTY_BIN" --query 'snippet'
e2e_expect '^▌ .*Snippet Text' "a template"
e2e_send Enter
e2e_wait_exit 5
is "$e2e_status" 0 "is copied and the launcher exits"
e2e_expect '^Copied to clipboard$' "saying so"
buffer=$(e2e_tmux show-buffer 2>/dev/null)
if [ -n "$buffer" ]; then
	is "$buffer" "Hello from the template" "the text is on the clipboard (tmux's buffer)"
else
	skip "the text is on the clipboard" "no tmux buffer was set (the executor used another clipboard)"
fi

# an interactive tool gets the terminal and gives it back
editor="$SANDBOX/editor"
cat >"$editor" <<'EOS'
#!/bin/sh
echo "FAKE EDITOR on $(basename "$1")"
read answer
printf '%s edited\n' "$(cat "$1")" >"$1.new" && mv "$1.new" "$1"
EOS
chmod +x "$editor"
e2e_start 100 20 env VISUAL="$editor" "$CHITTY_BIN" --keep-open --query 'edit note'
e2e_expect '^▌ .*Edit Note' "an edit command"
e2e_send Enter
e2e_expect '^FAKE EDITOR on ' "the editor runs on the normal screen, curses suspended"
is "$(e2e_tmux display-message -p -t "$E2E_TARGET" '#{alternate_on}')" 0 "the launcher left the alternate screen"
e2e_type 'ok'
e2e_send Enter
e2e_expect '^❯ edit note' "when the editor exits the launcher's screen comes back"
e2e_expect 'draft text edited' "with the edited text as the result"
is "$(e2e_tmux display-message -p -t "$E2E_TARGET" '#{alternate_on}')" 1 "on the alternate screen again"
e2e_send Down Up
e2e_expect '^▌ .*Edit Note' "and keys work again"
e2e_send C-c
e2e_wait_exit 5
e2e_terminal_restored "the terminal is restored"

done_testing
