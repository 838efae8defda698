#!/bin/sh
# Forms: a command whose required preferences are missing asks for them
# first (every preference type), with validation messages beside the
# fields, a password that never appears on screen, tab completion of
# paths, a checkbox, a dropdown and an app picker; then its arguments,
# {{inputs}} and flags; the values reach the preferences store and the run;
# a command's own dropdown overriding an extension checkbox saves per command.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup forms.md
mkdir -p "$SANDBOX/p/alpha-dir" "$XDG_DATA_HOME/applications"
: >"$SANDBOX/p/beta.txt"
printf '[Desktop Entry]\nType=Application\nName=Zed Editor\nExec=zed\n' \
	>"$XDG_DATA_HOME/applications/zed.desktop"
export XDG_DATA_DIRS="$SANDBOX/none"
secret=hunter2secret
no_secret() { # NAME: the password is not on the screen
	if e2e_screen | grep -q "$secret"; then fail "$1"; e2e_screen | sed 's/^/# | /'; else pass "$1"; fi
}

e2e_start 100 30 "$CHITTY_BIN"
e2e_type 'greet'
e2e_expect '^▌ .*Greet Someone' "the command is found"
e2e_send Enter
e2e_expect '^ Preferences · Form Test +ctrl\+s submit$' "missing preferences open their form first"
e2e_expect 'Greet Someone needs some preferences first' "saying why"
e2e_expect '^ +API Token \*( |$)' "a required password"
e2e_expect '^ +Output Folder \*( |$)' "a required folder"
e2e_expect '^ +Config File( |$)' "a file"
e2e_expect '^ +Sound +\[ \] Play a sound when done' "a checkbox with its label"
e2e_expect '^ +Format \* +‹ PNG ›' "a dropdown on its default"
e2e_expect '^ +Editor +‹ none ›' "an app picker"
e2e_expect 'The secret token' "the focused field's description"
e2e_expect 'tab Next +ctrl\+s Submit +esc Cancel' "the form's keys"

e2e_send C-s
e2e_expect 'API Token \* .*✗ required' "submitting checks required fields: the message is beside the field"
e2e_expect 'Output Folder \* .*✗ required' "every failing field is marked"
e2e_expect '2 fields need attention' "a toast counts them"

e2e_type "$secret"
e2e_expect '^ +API Token \* +•{13}' "the password shows one bullet per character"
no_secret "the password itself never appears"

e2e_send Tab
e2e_expect 'Where files go' "tab moves to the next field"
e2e_type "$SANDBOX/p/al"
e2e_send Tab
e2e_expect "Output Folder \\* +$SANDBOX/p/alpha-dir/" "tab completes a folder"
e2e_send Tab
e2e_expect 'A settings file' "tab with nothing to complete moves on"
e2e_type "$SANDBOX/p/b"
e2e_send Tab
e2e_expect "Config File +$SANDBOX/p/beta.txt" "tab completes a file"
e2e_send Tab
e2e_expect 'Play a sound$' "on to the checkbox"
e2e_send Space
e2e_expect 'Sound +\[x\] Play a sound when done' "space toggles the checkbox"
e2e_send Tab Right
e2e_expect 'Format \* +‹ JPEG ›' "right chooses the next option"
e2e_send Tab
e2e_type 'zed'
e2e_expect 'Editor +zed +Zed Editor' "typing filters the installed applications"

# a resize in the middle of a form
e2e_resize 24 6
sleep 0.3
e2e_expect '.' "the form survives a resize to 24x6"
e2e_resize 100 30
e2e_expect 'Editor +zed +Zed Editor' "and comes back intact"
e2e_resize 3 2
sleep 0.3
e2e_resize 100 30
e2e_expect '^ +API Token \* +•{13}' "grown back from 3x2, the first field is shown again"
e2e_expect 'Editor +zed +Zed Editor' "with the focused one"
no_secret "the password is still not shown"

e2e_send C-s
e2e_expect '^ Greet Someone +ctrl\+s submit$' "the preferences are saved; the arguments come next"
prefs="$XDG_CONFIG_HOME/chitty/preferences/formtest.json"
v=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["token"], d["folder"], d["format"], d["sound"], d["editor"])' "$prefs" 2>&1)
is "$v" "$secret $SANDBOX/p/alpha-dir/ jpg True zed.desktop" "every value reached the preferences store"
mode=$(stat -c %a "$prefs" 2>/dev/null || stat -f %Lp "$prefs")
is "$mode" 600 "the preferences file is private"

e2e_expect 'Writes a greeting to \$OUT' "the command's description"
e2e_expect '^ +Who \*( |$)' "a required text argument"
e2e_expect '^ +PIN( |$)' "a password argument"
e2e_expect '^ +Tone +‹ Warm ›' "a dropdown argument"
e2e_expect '^ +Greeting( |$)' "an {{input}}"
e2e_expect '^ +Loud +\[ \] Loud' "a {{#if}} flag as a checkbox"
e2e_send Enter
e2e_expect '^ +PIN( |$)' "Enter moves to the next field"
e2e_send C-s
e2e_expect 'Who \* .*✗ required' "a required argument is checked"
e2e_type 'Ada'
e2e_send Tab
e2e_type '4321'
e2e_expect '^ +PIN +••••' "an argument password is masked"
e2e_send Tab Left Tab
e2e_expect 'Tone +‹ Cold ›' "left chooses the previous option"
e2e_type 'Hi'
e2e_send Tab Space

e2e_send Enter
if e2e_wait_exit 5; then pass "Enter on the last field runs the command"; else fail "Enter on the last field runs the command"; fi
is "$(cat "$CHITTY_TEST_OUT")" "Hi Ada cold jpg LOUD" "inputs, flags and preferences reached the command"
no_secret "no secret on the last screen"

# preferences are asked once: the next run goes straight to the arguments
e2e_start 100 30 "$CHITTY_BIN" --query greet
e2e_expect '^▌ .*Greet Someone' "the command again"
e2e_send Enter
e2e_expect '^ Greet Someone +ctrl\+s submit$' "with its preferences stored, the arguments come first"
e2e_send Escape
e2e_expect '^❯ greet' "Esc cancels a form"
e2e_send C-c
e2e_wait_exit 5
e2e_terminal_restored "the terminal is restored"

# a command's own dropdown overriding the extension's checkbox of the same
# name: the form shows the command's, and saves it per command
cp "$CHITTY_SRCDIR/tests/fixtures/ui/prefs-override.md" "$XDG_CONFIG_HOME/chitty/extensions/"
: >"$CHITTY_TEST_OUT"
e2e_start 100 30 "$CHITTY_BIN" --query 'show unit'
e2e_expect '^▌ .*Show Unit' "a command overriding a preference"
e2e_send Enter
e2e_expect '^ Preferences · Override Test' "its required dropdown opens the preferences form"
e2e_expect '^ +Unit \* +‹ Celsius ›' "the command's dropdown, not the extension's checkbox"
e2e_send Right
e2e_expect '^ +Unit \* +‹ Fahrenheit ›' "right chooses Fahrenheit"
e2e_send C-s
if e2e_wait_exit 5; then pass "the form saves and the command runs"; else
	fail "the form saves and the command runs"
	e2e_screen | sed 's/^/# | /'
	e2e_send C-c
	e2e_wait_exit 5
fi
v=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["@commands"]["show-unit"]["unit"], "unit" in d)' \
	"$XDG_CONFIG_HOME/chitty/preferences/override.json" 2>&1)
is "$v" "f False" "the value is stored for the command, the extension's checkbox untouched"
is "$(cat "$CHITTY_TEST_OUT")" "unit=f" "and the command received its own value"

done_testing
