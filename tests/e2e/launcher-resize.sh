#!/bin/sh
# Resizing at any moment: to 24x6 and back, smaller still, inside the
# action panel and a form; starting tiny.  The launcher keeps working and
# never crashes; the preview and accessories give way first.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup launcher.md wide.md forms.md

e2e_start 100 30 "$CHITTY_BIN"
e2e_expect '│ Greet Someone' "the launcher starts at 100x30 with a preview"
e2e_resize 24 6
e2e_wait_gone '│' 5
screen=$(e2e_screen)
like "$screen" '^❯ Search' "at 24x6: the search bar"
like "$screen" '^▌' "at 24x6: the selected item"
like "$screen" 'enter Run' "at 24x6: the status line"
unlike "$screen" '│' "at 24x6: no preview"
is "$(e2e_screen | wc -l | tr -d ' ')" 6 "at 24x6: six lines"
e2e_type 'wm'
e2e_expect '^▌.*Write Marker' "typing still works at 24x6"
e2e_send C-u
for size in "10 3" "5 2" "1 1" "2 8"; do
	e2e_resize $size
	sleep 0.2
done
e2e_resize 24 6
e2e_expect '^❯ Search' "tiny sizes (10x3, 5x2, 1x1, 2x8) do not crash it"
e2e_resize 100 30
e2e_expect '│ Greet Someone' "back at 100x30 the preview returns"
e2e_send Down
e2e_expect '^▌ .*Write Marker' "and the list works"

e2e_send C-k
e2e_expect '╭─ Actions' "the action panel is open"
e2e_resize 24 6
sleep 0.3
e2e_resize 30 8
e2e_expect 'Run Command' "the panel survives resizes"
e2e_resize 100 30
e2e_expect '╭─ Actions' "and is whole again"
e2e_send Escape

e2e_send C-u
e2e_type 'greet'
e2e_send Enter
e2e_expect 'Preferences' "a form is open"
e2e_resize 24 6
sleep 0.3
e2e_resize 40 10
sleep 0.3
e2e_type 'x'
e2e_resize 100 30
e2e_expect 'API Token \* +•' "the form survives resizes and keeps its input"
e2e_send Escape
e2e_expect '^❯ greet' "back to the list"
e2e_send C-c
e2e_wait_exit 5
is "$e2e_status" 130 "it exits normally after all that"
e2e_terminal_restored "the terminal is restored"

for size in "24 6" "8 3" "1 1"; do
	e2e_start $size "$CHITTY_BIN"
	sleep 0.5
	e2e_send Down Up
	e2e_type 'a'
	e2e_resize 80 24 # so the exit line is not wrapped
	e2e_send Escape Escape
	if e2e_wait_exit 5 && [ "$e2e_status" = 0 ]; then
		pass "starting at ${size% *}x${size#* } works and Esc quits"
	else
		fail "starting at ${size% *}x${size#* } works and Esc quits"
		e2e_screen | sed 's/^/# | /'
	fi
done

done_testing
