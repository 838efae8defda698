#!/bin/sh
# The main paths under valgrind: no invalid reads or writes, no use of
# uninitialised memory, and no leaked memory (definite or indirect) in the
# CLI commands people run every day, a remote round trip over HTTP, and the
# launcher driven in tmux (typing, the action panel, quitting).
#
# The sanitizer build checks the same with ASan/LSan; valgrind checks the
# normal build, the one users run.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
command -v valgrind >/dev/null 2>&1 || skip_all "valgrind is not installed"
[ "${CHITTY_SANITIZERS:-0}" = 1 ] && skip_all "valgrind does not run sanitizer builds"
ui_setup launcher.md

VG_LOGS="$SANDBOX/valgrind"
mkdir -p "$VG_LOGS"
cat >"$SANDBOX/vg" <<EOF
#!/bin/sh
exec valgrind -q --leak-check=full --show-leak-kinds=definite,indirect \\
	--errors-for-leak-kinds=definite,indirect --error-exitcode=99 \\
	--log-file="$VG_LOGS/%p.log" "$CHITTY_BIN" "\$@"
EOF
chmod +x "$SANDBOX/vg"

# vg_check NAME: the logs valgrind wrote since the last check are empty.
vg_check() {
	local reports
	reports=$(cat "$VG_LOGS"/*.log 2>/dev/null | grep -v 'unhandled amd64-linux syscall' |
		grep -v 'README_MISSING_SYSCALL_OR_IOCTL\|write your own handler\|consider this a bug\|valgrind.org/support')
	if [ -z "$reports" ]; then pass "$1"; else fail "$1"; diag "$reports"; fi
	rm -f "$VG_LOGS"/*.log
}

# vg_run NAME WANT_STATUS ARGS...: run chitty under valgrind.
vg_run() {
	local name=$1 want=$2
	shift 2
	"$SANDBOX/vg" "$@" >"$SANDBOX/vg.out" 2>"$SANDBOX/vg.err" </dev/null
	local got=$?
	is "$got" "$want" "$name: exit status $want"
	vg_check "$name: valgrind is clean"
}

vg_run "search" 0 search marker
vg_run "search --json, empty query" 0 search --json
vg_run "ext list --json" 0 ext list --json
vg_run "ext validate (a fixture names an unknown tool)" 1 ext validate
vg_run "run a command" 0 run uitest/say-hello
vg_run "run --json a failing command" 3 run --json uitest/fail-loudly
vg_run "an unknown command id" 1 run uitest/no-such-command
printf 'alpha\nbeta\ngamma\n' >"$SANDBOX/lines"
"$SANDBOX/vg" filter -e am <"$SANDBOX/lines" >/dev/null 2>&1
is "$?" 0 "filter -e: exit status 0"
vg_check "filter -e: valgrind is clean"

fixture_start
add_github gh
vg_run "a remote verb over HTTP" 0 github issues list --remote gh
vg_run "refresh" 0 refresh gh
vg_run "search with remote items" 0 search --offline issue
add_github broken '' --set token=bad-token
vg_run "a failing remote" 1 refresh broken

e2e_start 100 24 "$SANDBOX/vg" --query marker
if e2e_wait_for '^▌ .*Write Marker' 60; then pass "the launcher draws under valgrind"; else
	fail "the launcher draws under valgrind"; e2e_screen | sed 's/^/# | /'; fi
e2e_type ' x'
sleep 1
e2e_send BSpace BSpace
e2e_wait_for '^▌ .*Write Marker' 30
e2e_send Down Up C-k
if e2e_wait_for '╭─ Actions' 30; then pass "the action panel opens"; else fail "the action panel opens"; fi
e2e_send Escape
sleep 1
e2e_send Escape
sleep 1
e2e_send Escape
if e2e_wait_exit 60; then pass "Esc quits"; else fail "Esc quits"; fi
is "$e2e_status" 0 "the launcher exits 0"
vg_check "the launcher: valgrind is clean"

done_testing
