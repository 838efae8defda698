#!/bin/sh
# The script SDK's prompts under `chitty run`, on a terminal (tmux): a
# numbered list filtered by typing, a line read, a secret read without
# echo, and end of input cancelling the script.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup
command -v node >/dev/null 2>&1 || skip_all "node is not installed"
cp "$CHITTY_SRCDIR/tests/fixtures/sdk/sdktest.md" "$XDG_CONFIG_HOME/chitty/extensions/"
ln -s "$CHITTY_SRCDIR/sdk" "$CHITTY_DATA_DIR/sdk"

e2e_start 80 24 "$CHITTY_BIN" run sdktest/pick-fruit
e2e_expect '^Pick a fruit$' "arg() with choices prints the placeholder" 10
e2e_expect '^a fruit, please$' "  the hint"
e2e_expect '^ +1\) apple$' "  a numbered list"
e2e_expect '^ +3\) Cherry  small and red$' "  with descriptions"
e2e_type 'zzz'
e2e_send Enter
e2e_expect '^ +\(no match\)$' "text that matches nothing says so"
e2e_type 'an'
e2e_send Enter
e2e_expect '^ +1\) Banana  yellow and long$' "other text filters with the ranking"
e2e_type '1'
e2e_send Enter
e2e_expect '^picked \{"kind":"banana"\}$' "a number chooses from the filtered list" 10
e2e_wait_exit 10
is "$e2e_status" 0 "the command exits 0"
e2e_terminal_restored "the terminal is as it was"

e2e_start 80 24 "$CHITTY_BIN" run sdktest/pick-fruit
e2e_expect '^ +4\) Durian  smelly$' "the list again" 10
e2e_send Enter
e2e_expect '^picked "apple"$' "an empty line takes the first" 10
e2e_wait_exit 10

e2e_start 80 24 "$CHITTY_BIN" run sdktest/your-name
e2e_expect '^Your name:' "arg() without choices reads a line" 10
e2e_type 'Grace Hopper'
e2e_send Enter
e2e_expect '^hello, Grace Hopper!$' "the script gets it" 10
e2e_wait_exit 10

secret='t0p-s3cret'
e2e_start 80 24 "$CHITTY_BIN" run sdktest/token
e2e_expect 'your API token' "env() asks, with its placeholder" 10
e2e_expect '^SDKTEST_TOKEN:' "  naming the value"
e2e_type "$secret"
sleep 0.3
screen=$(e2e_screen)
unlike "$screen" "$secret" "a secret is not echoed"
e2e_send Enter
e2e_expect '^token has 10 characters$' "the script gets it" 10
e2e_wait_exit 10
e2e_start 80 24 "$CHITTY_BIN" run sdktest/token
e2e_expect '^token has 10 characters$' "the next run does not ask" 10
e2e_wait_exit 10
e2e_terminal_restored "echo is back on"

e2e_start 80 24 "$CHITTY_BIN" run sdktest/pick-fruit
e2e_expect '^ +1\) apple$' "a prompt" 10
e2e_send C-d
e2e_wait_exit 10
is "$e2e_status" 130 "end of input cancels the script (status 130)"
e2e_terminal_restored "the terminal is restored"
done_testing
