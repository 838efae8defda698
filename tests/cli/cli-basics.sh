#!/bin/sh
# The CLI contract: help, version, unknown commands and options, stubs.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox

run_chitty --help
is "$rc" 0 "--help exits 0"
for c in search filter run ext prefs config refresh popup sync checkpoint checkpoints open help; do
	like "$out" "^  $c " "--help lists '$c'"
done
for p in github notion linear cloudflare neon; do
	like "$out" "^  $p" "--help lists the '$p' provider"
done

run_chitty --version
is "$rc" 0 "--version exits 0"
like "$out" '^chitty [0-9]+\.[0-9]+\.[0-9]+$' "--version prints the version"

run_chitty help search
is "$rc" 0 "help COMMAND exits 0"
like "$out" '^usage: chitty search ' "help COMMAND prints its usage"
like "$out" '--limit N' "help COMMAND lists its options"

run_chitty help ext validate
like "$out" '^usage: chitty ext validate' "help COMMAND SUBCOMMAND"

run_chitty ext --help
is "$rc" 0 "COMMAND --help exits 0"
like "$out" '^  validate ' "a command's help lists its subcommands"

run_chitty serch foo
is "$rc" 2 "an unknown command exits 2"
is "$err" "chitty: unknown command 'serch' (did you mean 'search'?)" "an unknown command suggests the nearest"

run_chitty x
is "$rc" 2 "unknown command 'x' exits 2"
like "$err" "^chitty: unknown command 'x'" "unknown command 'x' is named"

run_chitty ext lst
is "$rc" 2 "an unknown subcommand exits 2"
like "$err" "unknown chitty ext command 'lst' \\(did you mean 'list'\\?\\)" "an unknown subcommand suggests the nearest"

run_chitty search --bogus
is "$rc" 2 "an unknown option exits 2"
like "$err" "^chitty: unknown option '--bogus'" "an unknown option is named"
like "$err" "^usage: chitty search" "an unknown option shows the usage"

run_chitty ext uninstall
is "$rc" 2 "a missing argument exits 2"
like "$err" "^chitty: missing argument" "a missing argument is said plainly"

run_chitty help ext a b
is "$rc" 2 "too many arguments exits 2"
like "$err" "too many arguments" "too many arguments is said plainly"

run_chitty sync status
is "$rc" 2 "a command not built yet exits 2"
is "$err" "chitty: 'chitty sync status' is not implemented yet" "a command not built yet says so"

run_chitty ext
is "$rc" 2 "a command group without a subcommand exits 2"
like "$err" "^usage: chitty ext COMMAND" "and prints its usage"

run_chitty --bogus
is "$rc" 2 "an unknown launcher option exits 2"
like "$err" "^chitty: unknown option '--bogus'" "an unknown launcher option is named"

# Without a terminal the launcher refuses clearly instead of drawing garbage.
run_chitty
is "$rc" 1 "the launcher without a terminal exits 1"
like "$err" "needs a terminal" "and says it needs a terminal"

# Hostile input never crashes the parser.
run_chitty "$(printf 'a\001\033[31mb')"
is "$rc" 2 "a command name with control characters is an unknown command"
run_chitty search --limit
is "$rc" 2 "an option without its value exits 2"
like "$err" "needs a value" "and says the option needs a value"

done_testing
