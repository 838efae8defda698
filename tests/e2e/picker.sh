#!/bin/sh
# chitty filter without -e: the interactive picker.  Lines from stdin,
# keys from the terminal, the chosen line on stdout; fzy's flags -q, -p,
# -l, -s; Esc exits 1, ctrl-c 130; the terminal is restored.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
lines="$SANDBOX/lines"
printf 'apple pie\nbanana split\ncherry tart\n日本語 text\nbanana bread\n' >"$lines"
out="$SANDBOX/chosen"
picker() { # ARGS...: the picker in the pane, output to $out
	local args="" a
	for a in "$@"; do args="$args $(printf '%q' "$a")"; done
	e2e_start 80 20 sh -c "$(printf '%q' "$CHITTY_BIN") filter$args <$(printf '%q' "$lines") >$(printf '%q' "$out")"
}

picker
e2e_expect '^> +5/5$' "the prompt and the count"
e2e_expect '^▌apple pie' "every line, the first selected"
e2e_expect '^ banana bread' "in input order"
e2e_type 'bnbr'
e2e_expect '^> bnbr +1/5' "typing narrows"
e2e_expect '^▌banana bread' "to the matching line"
styled=$(e2e_screen_styled)
like "$styled" '214mb' "the matched characters are highlighted"
e2e_send Enter
e2e_wait_exit 5
is "$e2e_status" 0 "Enter exits 0"
is "$(cat "$out")" "banana bread" "and prints the chosen line"
e2e_terminal_restored "the terminal is restored"

picker -q ban -p 'pick: ' -l 1
e2e_expect '^pick: ban +2/5' "-q pre-fills the query and -p sets the prompt"
screen=$(e2e_screen)
unlike "$screen" 'banana bread' "-l limits the lines shown"
e2e_send Down Enter
e2e_wait_exit 5
is "$(cat "$out")" "banana bread" "Down then Enter picks the second match (ties keep input order)"

picker -s
e2e_type 'tart'
e2e_expect '^▌\( *[0-9.-]+\) cherry tart' "-s shows the scores"
e2e_send Tab
e2e_expect '^> cherry tart' "tab puts the selected line in the query"
e2e_send Escape
e2e_wait_exit 5
is "$e2e_status" 1 "Esc exits 1"
is "$(cat "$out")" "" "and prints nothing"

picker
e2e_type '日本'
e2e_expect '^▌日本語 text' "wide characters match"
e2e_send C-u
e2e_type 'zzz'
e2e_expect '0/5' "no match"
e2e_send Enter
e2e_wait_exit 5
is "$(cat "$out")" "zzz" "Enter with no match prints the query, as fzy does"

picker
e2e_expect '^>' "the picker again"
e2e_send C-c
e2e_wait_exit 5
is "$e2e_status" 130 "ctrl-c exits 130"
e2e_terminal_restored "the terminal is restored after ctrl-c"

run_chitty filter
is "$rc" 2 "without a pipe and without -e it is a usage error"
like "$err" "standard input is a terminal|the picker needs a terminal" "saying why"

done_testing
