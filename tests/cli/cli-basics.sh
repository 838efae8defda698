#!/bin/sh
# The CLI contract: help, version, unknown commands and options, stubs.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox

run_chitty --help
is "$rc" 0 "--help exits 0"
for c in search filter run ext prefs config refresh popup sync checkpoint checkpoints open help; do
	like "$out" "^  $c " "--help lists '$c'"
done
# README: unfinished commands are marked in --help; a group whose every
# subcommand is unfinished (sync) is unfinished too, a built one is not.
like "$out" '^  sync +.*\(not implemented yet\)$' "--help marks the unfinished 'sync'"
unlike "$out" '^  (ext|prefs|run|search) +.*not implemented' "--help does not mark built commands"
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

# Before a command, --version and --help behave as in git.
run_chitty --version extra
is "$rc:$err" "0:" "--version with more arguments exits 0, silently on stderr"
like "$out" '^chitty [0-9]+\.[0-9]+\.[0-9]+$' "  and prints the version"
run_chitty --keep-open -V search x
like "$rc:$out" '^0:chitty [0-9]' "-V after another launcher option prints the version too"
run_chitty --help search
is "$rc" 0 "--help COMMAND is 'help COMMAND': exits 0"
like "$out" '^usage: chitty search ' "  and prints the command's usage"
run_chitty -h ext validate
like "$rc:$out" '^0:usage: chitty ext validate' "-h COMMAND SUBCOMMAND"
run_chitty --help gh issues list
like "$rc:$out" '^0:usage: chitty github issues list' "--help PROVIDER RESOURCE VERB"
run_chitty --help extra
is "$rc:$out" "2:" "--help with an unknown name exits 2"
is "$err" "chitty: unknown command 'extra' (did you mean 'ext'?)" \
	"  with the unknown-command error, not a command line that does not exist"
run_chitty help serach
is "$rc:$err" "2:chitty: unknown command 'serach' (did you mean 'search'?)" \
	"help with an unknown name suggests the nearest"
run_chitty --help ext lst
is "$rc:$err" "2:chitty: unknown chitty ext command 'lst' (did you mean 'list'?)" \
	"--help with an unknown subcommand suggests the nearest"
run_chitty --json serach
is "$rc:$err" "2:chitty: unknown command 'serach' (did you mean 'search'?)" \
	"an option before an unknown command: the unknown-command error"
run_chitty --json search x
is "$rc:$err" "2:chitty: options go after the command: 'chitty search --json'" \
	"an option before a known command: where it goes"

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

run_chitty sync --help
like "$out" '^  status +.*\(not implemented yet\)$' "a group's help marks its unfinished subcommands"

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

# An unreadable config folder: one clear line and exit 1, never a run that
# quietly ignores the user's setup.  Commands that never read it still work.
real_config=$XDG_CONFIG_HOME
export XDG_CONFIG_HOME="$SANDBOX/config-file"
echo "not a folder" >"$XDG_CONFIG_HOME"
for c in "ext list" "search x" "ext validate" "prefs list x"; do
	# shellcheck disable=SC2086
	run_chitty $c
	is "$rc:$out" "1:" "config home is a file: '$c' fails, printing nothing"
	is "$err" "chitty: cannot read the config folder $XDG_CONFIG_HOME/chitty: Not a directory" \
		"config home is a file: '$c' says so in one line"
done
run_chitty_in "$(printf 'abc\nxyz\n')" filter -e a
is "$rc:$out" "0:abc" "filter does not need the config folder"
run_chitty help ext
is "$rc" 0 "help does not need it"
run_chitty --version
is "$rc" 0 "--version does not need it"
export XDG_CONFIG_HOME="$real_config"
mkdir -p "$XDG_CONFIG_HOME/chitty"
echo "not a folder" >"$XDG_CONFIG_HOME/chitty/extensions"
run_chitty ext list
is "$rc" 1 "extensions/ is a file: ext list fails"
is "$err" "chitty: cannot read the folder $XDG_CONFIG_HOME/chitty/extensions: Not a directory" \
	"and names the folder"
rm "$XDG_CONFIG_HOME/chitty/extensions"

# Permissions stop only a user who is not root: run as nobody when we are root.
nobody="setpriv --reuid=65534 --regid=65534 --clear-groups"
can=1 as_user=
if [ "$(id -u)" = 0 ]; then
	as_user=$nobody
	$nobody test -x "$CHITTY_BIN" 2>/dev/null || can=0
fi
if [ "$can" = 1 ]; then
	chmod 755 "$SANDBOX" "$XDG_CONFIG_HOME"
	chmod 000 "$XDG_CONFIG_HOME/chitty"
	# shellcheck disable=SC2086
	err=$($as_user "$CHITTY_BIN" ext list 2>&1 >/dev/null)
	rc=$?
	is "$rc" 1 "a config folder without permissions: ext list fails"
	is "$err" "chitty: cannot read the config folder $XDG_CONFIG_HOME/chitty: Permission denied" \
		"and says why in one line"
	chmod 700 "$XDG_CONFIG_HOME/chitty"
else
	skip "a config folder without permissions" "running as root without setpriv, or the binary is not reachable by nobody"
fi

# Hostile input never crashes the parser.
run_chitty "$(printf 'a\001\033[31mb')"
is "$rc" 2 "a command name with control characters is an unknown command"
run_chitty search --limit
is "$rc" 2 "an option without its value exits 2"
like "$err" "needs a value" "and says the option needs a value"

done_testing
