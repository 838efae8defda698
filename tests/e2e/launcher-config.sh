#!/bin/sh
# The config's launcher keys: "keys" remaps actions, "theme" (default,
# light, mono) and NO_COLOR, "icons" (emoji, nerd, ascii, none); a bad
# value or a broken config.json is reported in a toast and the defaults
# apply.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup launcher.md
config="$XDG_CONFIG_HOME/chitty/config.json"

cat >"$config" <<'EOS'
{"keys": {"actions": "ctrl+l", "back": ["esc", "ctrl+g"], "run": "bogus+x"},
 "theme": "mono", "icons": "ascii"}
EOS
e2e_start 100 20 "$CHITTY_BIN"
e2e_expect "keys: run: unknown modifier 'bogus'" "a bad key in the config is reported"
e2e_expect '^> Search commands' "icons ascii: an ASCII prompt"
e2e_expect '^▌ > +Write Marker' "icons ascii: ASCII icons"
styled=$(e2e_screen_styled)
unlike "$styled" '38;5;' "theme mono: no colours"
like "$styled" '7m' "theme mono: the selection is reverse video"
e2e_send C-k
sleep 0.3
screen=$(e2e_screen)
unlike "$screen" 'Actions' "ctrl-k no longer opens the panel"
e2e_send C-l
e2e_expect '╭─ Actions' "ctrl-l does, as configured"
e2e_send C-g
e2e_expect_gone '╭─ Actions' "a second key for back closes it"
e2e_send C-c
e2e_wait_exit 5

echo '{"theme": "light", "icons": "none"}' >"$config"
e2e_start 100 20 "$CHITTY_BIN"
e2e_expect '^▌ Write Marker' "icons none: no icon column"
e2e_type 'hello'
e2e_expect '^▌ Say Hello' "the query ranks"
styled=$(e2e_screen_styled)
like "$styled" '38;5;166mHello' "theme light: its match colour"
e2e_send C-c
e2e_wait_exit 5

echo '{"theme": "default"}' >"$config"
NO_COLOR=1 e2e_start 100 20 env NO_COLOR=1 "$CHITTY_BIN"
e2e_expect '^▌' "with NO_COLOR set"
styled=$(e2e_screen_styled)
unlike "$styled" '38;5;|3[0-7]m' "NO_COLOR: no colours at all"
e2e_send C-c
e2e_wait_exit 5

echo '{"theme": "neon", "icons": "hieroglyphs"}' >"$config"
e2e_start 100 20 "$CHITTY_BIN"
e2e_expect "unknown theme 'neon'|unknown icons 'hieroglyphs'" "unknown names are reported"
e2e_expect '^▌ 🧪 Write Marker' "and the defaults used"
e2e_send C-c
e2e_wait_exit 5

printf '{"theme": "mono",\n  oops}\n' >"$config"
e2e_start 100 20 "$CHITTY_BIN"
e2e_expect 'using the defaults: .*config.json:2:' "a broken config.json is reported with its line"
e2e_expect '^▌ 🧪 Write Marker' "and the launcher works with defaults"
e2e_send C-c
e2e_wait_exit 5
e2e_terminal_restored "the terminal is restored"

done_testing
