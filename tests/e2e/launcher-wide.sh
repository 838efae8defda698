#!/bin/sh
# Wide (CJK, emoji) and combining characters: rows stay aligned (the
# accessories and the preview's border in one column), searching CJK
# text matches and highlights it.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup wide.md

e2e_start 100 20 "$CHITTY_BIN"
e2e_expect '日本語のコマンド' "a CJK title"
e2e_expect 'Emoji 🎉 Party' "an emoji title"
combining=$(printf 'Cafe\314\201 Combining')
e2e_expect "$combining" "a combining accent"
cols=$(e2e_columns '│' | sort -u)
is "$cols" 50 "the preview's border is in one column on every row"
acc=$(for a in ' jp ' ' em ' ' cc ' ' pa '; do e2e_columns "$a"; done | sort -u)
is "$acc" 46 "the aliases are right-aligned to one column"
e2e_type '日本'
e2e_expect '^▌ .*日本語のコマンド' "searching CJK text finds it"
styled=$(e2e_screen_styled)
like "$styled" '214m日本.\[39m語' "and highlights exactly the matched characters"
e2e_send C-u
e2e_type 'cafe'
e2e_expect "^▌ .*$combining" "a query without the accent finds the combining form, accent kept"
e2e_send C-c
e2e_wait_exit 5
e2e_terminal_restored "the terminal is restored"

done_testing
