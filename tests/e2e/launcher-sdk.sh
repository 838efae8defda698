#!/bin/sh
# The script SDK in the launcher: arg() with choices (filtering,
# previews, choosing), a text prompt, div() with markdown and with HTML,
# editor() with the terminal handed over,
# getPreference() with a stored value, env() asking once and masking the
# secret, a script that crashes while asking (also by an uncaught exception
# under bun, deno and tsx), garbage on the channel, and
# quitting while a script asks kills it and its children.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup
command -v node >/dev/null 2>&1 || skip_all "node is not installed"
cp "$CHITTY_SRCDIR/tests/fixtures/sdk/sdktest.md" "$XDG_CONFIG_HOME/chitty/extensions/"
ln -s "$CHITTY_SRCDIR/sdk" "$CHITTY_DATA_DIR/sdk"

e2e_start 100 24 "$CHITTY_BIN" --keep-open --query 'pick fruit'
e2e_expect '^▌ .*Pick Fruit' "a command that calls arg() with choices"
e2e_send Enter
e2e_expect '^❯ Pick a fruit ' "its prompt shows the placeholder" 10
e2e_expect '^  a fruit, please' "  and the hint"
e2e_expect '^▌ apple' "  and the choices, the first selected"
e2e_expect 'Banana  yellow and long' "  with their descriptions"
e2e_type 'rry'
e2e_expect '^▌ Cherry  small and red' "typing filters with the ranking"
screen=$(e2e_screen)
unlike "$screen" 'Banana' "  the others are gone"
e2e_expect '│ Cherry$' "the choice's preview (md()'s HTML) shows beside the list"
e2e_expect '│ Red and round' "  rendered as markdown"
e2e_send C-u
e2e_type 'dur'
e2e_expect '│ Durian & friends' "an HTML preview renders, entities decoded, classes ignored"
e2e_send C-u
e2e_type 'fig'
e2e_expect '│ Fruit │ Price$' "an md() table preview renders as a table"
e2e_expect '│ 漢字  │    12$' "  aligned, wide characters counted as two columns"
e2e_send C-u
e2e_type 'nana'
e2e_expect '^▌ Banana' "another filter"
e2e_send Enter
e2e_expect '^ picked \{"kind":"banana"\}' "Enter answers: the script gets the choice's value" 10
e2e_send Escape
e2e_expect '^❯ pick fruit' "Esc goes back to the list"
e2e_send C-u
e2e_type 'your name'
e2e_expect '^▌ .*Your Name' "a command with a text prompt"
e2e_send Enter
e2e_expect '^❯ Your name' "the text prompt shows its placeholder" 10
e2e_type 'Ada Lovelace'
e2e_send Enter
e2e_expect '^ hello, Ada Lovelace!$' "the script gets the text" 10
e2e_send Escape
e2e_send C-u
e2e_type 'show markdown'
e2e_expect '^▌ .*Show Markdown' "div() with markdown"
e2e_send Enter
e2e_expect '^ Markdown Title' "the detail view shows it" 10
e2e_expect '^ • first item' "  rendered"
e2e_expect 'enter Continue' "  waiting to be dismissed"
screen=$(e2e_screen)
unlike "$screen" 'markdown dismissed' "the script waits meanwhile"
e2e_send Enter
e2e_expect '^ markdown dismissed$' "dismissing resolves div()" 10
e2e_send Escape
e2e_send C-u
e2e_type 'show html'
e2e_expect '^▌ .*Show HTML' "div() with HTML"
e2e_send Enter
e2e_expect '^ HTML Title' "the HTML's heading" 10
e2e_expect '^ A bold word & a link \(https://example.com/x\)' "  its paragraph, entity and link"
e2e_expect '^ • beta' "  its list"
screen=$(e2e_screen)
unlike "$screen" '<|class=' "  no tags or classes on screen"
e2e_send Escape
e2e_expect '^ html dismissed$' "Esc dismisses too" 10
e2e_expect '^ Show HTML +exit 0' "  and the script ends" 10
e2e_send C-c
e2e_wait_exit 5
e2e_terminal_restored "the terminal is restored"

# editor(): the terminal goes to the editor and comes back
cat >"$SANDBOX/append-editor" <<'EOS'
#!/bin/sh
printf ' edited in %s\n' "$(tty >/dev/null && echo a-terminal || echo no-terminal)" >>"$1"
EOS
chmod +x "$SANDBOX/append-editor"
e2e_start 100 20 env EDITOR="$SANDBOX/append-editor" "$CHITTY_BIN" --keep-open --query 'edit draft'
e2e_expect '^▌ .*Edit Draft' "a command calling editor()"
e2e_send Enter
e2e_expect '^ edited: "first draft\\n edited in a-terminal"' "the editor gets the terminal and editor() its text" 10
e2e_expect '^ Edit Draft +exit 0' "  the launcher is back"
e2e_send C-c
e2e_wait_exit 5

# getPreference() with a stored value
"$CHITTY_BIN" prefs set sdktest greeting "good evening" </dev/null
e2e_start 100 20 "$CHITTY_BIN" --keep-open --query greet
e2e_expect '^▌ .*Greet' "a command reading a preference"
e2e_send Enter
e2e_expect '^ greeting=good evening$' "getPreference() gets the stored value" 10
e2e_send C-c
e2e_wait_exit 5

# env(): asked once in a form, masked, stored; not asked again
secret='s3cr3t-Valu3'
e2e_start 100 20 "$CHITTY_BIN" --keep-open --query token
e2e_expect '^▌ .*Token' "a command calling env() with a secret"
e2e_send Enter
e2e_expect 'Token needs SDKTEST_TOKEN' "a form asks for it" 10
e2e_type "$secret"
e2e_expect '••••••••••••' "what is typed shows as bullets"
screen=$(e2e_screen)
unlike "$screen" "$secret" "  never as itself"
e2e_send Enter
e2e_expect '^ token has 12 characters$' "the script gets the value" 10
stored=$(cat "$XDG_CONFIG_HOME/chitty/preferences/sdktest.json" 2>/dev/null)
like "$stored" "\"SDKTEST_TOKEN\":[[:space:]]*\"$secret\"" "it is stored with the extension's preferences"
is "$(stat -c %a "$XDG_CONFIG_HOME/chitty/preferences/sdktest.json" 2>/dev/null)" 600 "  privately"
run_chitty prefs list sdktest
unlike "$out$err" "$secret" "chitty prefs list never shows it"
e2e_send Escape
e2e_send Enter
e2e_expect '^ token has 12 characters$' "the second run does not ask" 10
screen=$(e2e_screen)
unlike "$screen" 'needs SDKTEST_TOKEN' "  no form"
e2e_send C-c
e2e_wait_exit 5

# a script that crashes while its prompt shows
e2e_start 100 20 "$CHITTY_BIN" --keep-open --query 'crash while'
e2e_expect '^▌ .*Crash While Asking' "a script that crashes mid-prompt"
e2e_send Enter
e2e_expect '^❯ Waiting for a crash' "its prompt shows" 10
e2e_expect '^ boom: the script crashed$' "when it crashes the prompt closes and its error shows" 10
e2e_expect '^ Crash While Asking +failed' "  the output view says it failed"
e2e_send Escape
e2e_expect '^❯ crash while' "the launcher is still usable"
e2e_send C-u
e2e_type 'greet'
e2e_expect '^▌ .*Greet' "  it searches"
e2e_send C-c
e2e_wait_exit 5

# an uncaught exception or unhandled rejection stops the script like a
# crash, under every runtime (bun would print it and keep running)
deps="${CHITTY_TEST_DEPS:-$CHITTY_SRCDIR/tests/.deps}/node_modules/.bin"
for rt in bun deno tsx; do
	if ! [ -x "$deps/$rt" ] || ! "$deps/$rt" --version >/dev/null 2>&1; then
		skip "an uncaught error under $rt stops the script" "$rt is not installed (./dev test installs it in tests/.deps)"
		continue
	fi
	p="$SANDBOX/path-$rt"
	mkdir -p "$p"
	for prog in sh env node; do ln -sf "$(command -v "$prog")" "$p/$prog"; done
	ln -sf "$(readlink -f "$deps/$rt")" "$p/$rt"
	for what in "throw:boom from a timer" "reject:rejected in a timer"; do
		e2e_start 120 20 env PATH="$p" "$CHITTY_BIN" --keep-open --query "${what%%:*} while"
		e2e_expect '^▌ .*While Asking' "$rt: a script whose ${what%%:*} is not caught mid-prompt"
		e2e_send Enter
		e2e_expect '^❯ Waiting for a' "  its prompt shows" 10
		e2e_expect "^ Uncaught Error: ${what#*:}\$" "  the prompt closes and the error shows, its message last" 10
		e2e_expect 'While Asking +failed' "  the output view says it failed"
		e2e_expect "exit status 1: Uncaught Error: ${what#*:}\$" "  and why"
		e2e_send C-c
		e2e_wait_exit 5
	done
done

# garbage on the channel is reported, and the script does not hang
e2e_start 100 20 "$CHITTY_BIN" --keep-open --query 'garbage'
e2e_expect '^▌ .*Garbage' "a script that writes garbage on the channel"
e2e_send Enter
e2e_expect 'protocol error' "the protocol error is reported" 10
e2e_expect '^ rejected: chitty: protocol error: not JSON' "the script's request fails instead of hanging" 10
e2e_send C-c
e2e_wait_exit 5

# quitting while a script asks kills it and what it started
marker=chitty-sdk-orphan-marker
orphans() { ps -eo pid=,args= | grep -v grep | grep -c -- "$marker"; }
e2e_start 100 20 "$CHITTY_BIN" --query 'hang with child'
e2e_expect '^▌ .*Hang With Child' "a script with a child process"
e2e_send Enter
e2e_expect '^❯ Hanging' "asks" 10
i=0
while [ "$i" -lt 50 ] && [ "$(orphans)" = 0 ]; do sleep 0.1; i=$((i + 1)); done
is "$(orphans)" 1 "its child runs"
e2e_send C-c
e2e_wait_exit 5
is "$e2e_status" 130 "ctrl-c at the prompt quits the launcher"
i=0
while [ "$i" -lt 50 ] && [ "$(orphans)" != 0 ]; do sleep 0.1; i=$((i + 1)); done
is "$(orphans)" 0 "no process of the script is left"
e2e_terminal_restored "the terminal is restored"
done_testing
