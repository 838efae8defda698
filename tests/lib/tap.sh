# TAP helpers for shell tests; source this file.
#
#   . "$CHITTY_SRCDIR/tests/lib/tap.sh"
#   sandbox                       # private HOME and XDG folders, removed on exit
#   run_chitty search foo         # sets $out, $err, $rc
#   ok "search finds foo" test "$rc" = 0
#   like "$out" 'cleanshot/' "lists cleanshot"
#   done_testing
#
# Every check prints one TAP line; done_testing prints the plan and exits
# non-zero when any check failed.

: "${CHITTY_BIN:?run through make check (CHITTY_BIN is not set)}"
: "${CHITTY_SRCDIR:?run through make check (CHITTY_SRCDIR is not set)}"

tap_n=0
tap_failed=0

# ok NAME COMMAND [ARGS]...  — passes when the command succeeds.
ok() {
	local name=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $name"
	else
		echo "not ok $tap_n - $name"
		tap_failed=$((tap_failed + 1))
	fi
}

# pass/fail NAME: record a result computed elsewhere.
pass() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1"; }
fail() {
	tap_n=$((tap_n + 1)); tap_failed=$((tap_failed + 1))
	echo "not ok $tap_n - $1"
	[ $# -gt 1 ] && diag "$2"
	return 0
}

diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

# is GOT WANT NAME
is() {
	if [ "$1" = "$2" ]; then pass "$3"; else fail "$3"; diag "got:  $1" "want: $2"; fi
}

# like TEXT PATTERN NAME  (grep -E pattern on any line)
like() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then pass "$3"; else
		fail "$3"; diag "no line matches /$2/ in:" "$1"; fi
}

# unlike TEXT PATTERN NAME
unlike() {
	if printf '%s\n' "$1" | grep -Eq -- "$2"; then
		fail "$3"; diag "a line matches /$2/ in:" "$1"; else pass "$3"; fi
}

# json EXPR: evaluate a Python expression over the JSON in $out (as j).
json() {
	printf '%s' "$out" | python3 -c "import json, sys; j = json.load(sys.stdin); print($1)" 2>&1
}

# skip NAME REASON: a check that could not run here (counted as skipped).
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n - $1 # SKIP $2"; }

done_testing() {
	echo "1..$tap_n"
	[ "$tap_failed" -eq 0 ]
	exit $?
}

# skip_all REASON: the whole script cannot run here.
skip_all() { echo "1..0 # SKIP $1"; exit 0; }

# sandbox: a private HOME and XDG tree under a new temp folder ($SANDBOX),
# removed when the script exits.
sandbox() {
	SANDBOX=$(mktemp -d "${TMPDIR:-/tmp}/chitty-test.XXXXXX")
	export HOME="$SANDBOX/home"
	export XDG_CONFIG_HOME="$SANDBOX/config"
	export XDG_CACHE_HOME="$SANDBOX/cache"
	export XDG_STATE_HOME="$SANDBOX/state"
	export XDG_DATA_HOME="$SANDBOX/data"
	mkdir -p "$HOME"
	trap 'sandbox_cleanup' EXIT
}

sandbox_cleanup() {
	local rc=$?
	[ -n "${SANDBOX_KEEP:-}" ] || { [ -n "${SANDBOX:-}" ] && chmod -R u+rwx "$SANDBOX" 2>/dev/null; rm -rf "${SANDBOX:-/nonexistent}"; }
	return $rc
}

# run_chitty ARGS...: run the binary; sets $out (stdout), $err (stderr), $rc.
run_chitty() {
	local o e
	o=$(mktemp) e=$(mktemp)
	"$CHITTY_BIN" "$@" >"$o" 2>"$e" </dev/null
	rc=$?
	out=$(cat "$o") err=$(cat "$e")
	rm -f "$o" "$e"
}

# run_chitty_in INPUT ARGS...: the same with INPUT on stdin.
run_chitty_in() {
	local input=$1 o e
	shift
	o=$(mktemp) e=$(mktemp)
	printf '%s' "$input" | "$CHITTY_BIN" "$@" >"$o" 2>"$e"
	rc=$?
	out=$(cat "$o") err=$(cat "$e")
	rm -f "$o" "$e"
}
