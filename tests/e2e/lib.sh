# Drive the real chitty binary inside tmux and read the screen.  Source after
# tests/lib/tap.sh.
#
#   e2e_start 80 24 "$CHITTY_BIN"      # a detached session of 80x24 running the command
#   e2e_send 'h' 'e' Enter            # tmux send-keys arguments
#   e2e_type 'hello'                  # literal text
#   e2e_wait_for 'pattern' [seconds]  # until the screen has a line matching (grep -E)
#   screen=$(e2e_screen)              # the visible screen
#   e2e_wait_exit [seconds]           # until the program exits; sets $e2e_status
#   e2e_resize 24 6
#
# Each test gets its own tmux server (a private socket), killed on exit.

command -v tmux >/dev/null 2>&1 || skip_all "tmux is not installed"

E2E_SOCKET_BASE="${TMPDIR:-/tmp}/chitty-e2e.$$"
E2E_SOCKET="$E2E_SOCKET_BASE.0.sock"
e2e_sessions=0
E2E_TARGET="chitty-e2e:0.0"
# After the program exits, report whether it left the tty in a sane state
# (canonical mode and echo back on).
E2E_TTY_CHECK='if stty -a | grep -q " icanon" && stty -a | grep -q " echo "; then echo "[tty sane]"; else echo "[tty broken]"; fi'

e2e_tmux() { tmux -S "$E2E_SOCKET" -f /dev/null "$@"; }

# e2e_start COLS ROWS COMMAND...
e2e_start() {
	local cols=$1 rows=$2
	shift 2
	# A fresh server per start: a killed server may still hold its socket.
	e2e_tmux kill-server 2>/dev/null
	rm -f "$E2E_SOCKET"
	e2e_sessions=$((e2e_sessions + 1))
	E2E_SOCKET="$E2E_SOCKET_BASE.$e2e_sessions.sock"
	# A shell line keeps the environment (XDG sandbox) and the exact argv.
	local cmd="" a
	for a in "$@"; do cmd="$cmd $(printf '%q' "$a")"; done
	e2e_tmux new-session -d -s chitty-e2e -x "$cols" -y "$rows" \
		"env TERM=tmux-256color LANG=C.UTF-8 LC_ALL=C.UTF-8 $cmd; echo \"[exit \$?]\"; $E2E_TTY_CHECK; sleep 30" \
		|| { fail "tmux new-session"; return 1; }
	e2e_tmux set-option -t chitty-e2e status off >/dev/null
	trap 'e2e_tmux kill-server 2>/dev/null; rm -f "$E2E_SOCKET_BASE".*.sock; sandbox_cleanup' EXIT
}

e2e_send() { e2e_tmux send-keys -t "$E2E_TARGET" "$@"; }
e2e_type() { e2e_tmux send-keys -t "$E2E_TARGET" -l -- "$1"; }
e2e_screen() { e2e_tmux capture-pane -p -t "$E2E_TARGET"; }
# The screen with colour and attribute escapes, for checking highlights.
e2e_screen_styled() { e2e_tmux capture-pane -p -e -t "$E2E_TARGET"; }
e2e_resize() { e2e_tmux resize-window -t chitty-e2e -x "$1" -y "$2"; }

# e2e_wait_for PATTERN [SECONDS]: 0 when a screen line matches, else 1.
e2e_wait_for() {
	local pattern=$1 limit=${2:-5} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		e2e_screen | grep -Eq -- "$pattern" && return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# e2e_wait_gone PATTERN [SECONDS]: until no line matches.
e2e_wait_gone() {
	local pattern=$1 limit=${2:-5} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		e2e_screen | grep -Eq -- "$pattern" || return 0
		sleep 0.05
		i=$((i + 1))
	done
	return 1
}

# e2e_wait_exit [SECONDS]: wait for the "[exit N]" line; sets e2e_status.
e2e_wait_exit() {
	e2e_status=
	if e2e_wait_for '^\[exit [0-9]+\]' "${1:-5}"; then
		e2e_status=$(e2e_screen | sed -n 's/^\[exit \([0-9]*\)\].*/\1/p' | tail -n 1)
		return 0
	fi
	return 1
}

# e2e_expect PATTERN NAME [SECONDS]: a TAP check that the screen shows PATTERN.
e2e_expect() {
	if e2e_wait_for "$1" "${3:-5}"; then pass "$2"; else
		fail "$2"; diag "screen never matched /$1/; it shows:"; e2e_screen | sed 's/^/# | /'; fi
}

# e2e_expect_gone PATTERN NAME [SECONDS]: a TAP check that no screen line
# matches PATTERN any more.
e2e_expect_gone() {
	if e2e_wait_gone "$1" "${3:-5}"; then pass "$2"; else
		fail "$2"; diag "the screen still matches /$1/; it shows:"; e2e_screen | sed 's/^/# | /'; fi
}

# e2e_terminal_restored NAME: after exit, the pane left the alternate screen,
# shows the cursor and the tty is back in canonical mode with echo.
e2e_terminal_restored() {
	local alt cursor
	e2e_wait_for '^\[tty (sane|broken)\]' 5
	alt=$(e2e_tmux display-message -p -t "$E2E_TARGET" '#{alternate_on}')
	cursor=$(e2e_tmux display-message -p -t "$E2E_TARGET" '#{cursor_flag}')
	if [ "$alt" = 0 ] && [ "$cursor" = 1 ] && e2e_screen | grep -q '^\[tty sane\]'; then
		pass "$1"
	else
		fail "$1"; diag "alternate_on=$alt cursor_flag=$cursor"; e2e_screen | sed 's/^/# | /'
	fi
}

# --- Launcher tests -------------------------------------------------------

# ui_setup FIXTURE...: no shipped extensions, the named files of
# tests/fixtures/ui/ as the user's extensions, and $CHITTY_TEST_OUT (the
# fixtures' commands append to it).  Call after sandbox.
ui_setup() {
	export CHITTY_DATA_DIR="$SANDBOX/no-shipped"
	export CHITTY_TEST_OUT="$SANDBOX/out"
	mkdir -p "$CHITTY_DATA_DIR" "$XDG_CONFIG_HOME/chitty/extensions"
	: >"$CHITTY_TEST_OUT"
	local f
	for f in "$@"; do
		cp "$CHITTY_SRCDIR/tests/fixtures/ui/$f" "$XDG_CONFIG_HOME/chitty/extensions/" || return 1
	done
}

# e2e_row PATTERN: the first screen line matching PATTERN (grep -E).
e2e_row() { e2e_screen | grep -E -m1 -- "$1"; }

# e2e_click X Y [BUTTON]: an SGR mouse press and release at 0-based cell (X, Y).
e2e_click() {
	local b=${3:-0}
	e2e_type "$(printf '\033[<%d;%d;%dM\033[<%d;%d;%dm' "$b" $(($1 + 1)) $(($2 + 1)) "$b" $(($1 + 1)) $(($2 + 1)))"
}

# e2e_wheel up|down X Y: one mouse wheel step at cell (X, Y).
e2e_wheel() {
	local b=64
	[ "$1" = down ] && b=65
	e2e_type "$(printf '\033[<%d;%d;%dM' "$b" $(($2 + 1)) $(($3 + 1)))"
}

# e2e_columns TEXT: the display column (0-based) where TEXT starts on each
# screen line that has it, one per line (wide characters count two).
e2e_columns() {
	e2e_screen | python3 -c '
import sys, unicodedata
needle = sys.argv[1]
def width(s):
    w = 0
    for c in s:
        if unicodedata.combining(c) or c in "\u200d\ufe0f":
            continue
        w += 2 if unicodedata.east_asian_width(c) in "WF" else 1
    return w
for line in sys.stdin.read().splitlines():
    i = line.find(needle)
    if i >= 0:
        print(width(line[:i]))
' "$1"
}

# e2e_signal SIG: send SIG to the launcher started as plain "$CHITTY_BIN"
# (pkill where there is one; /proc otherwise, as on a minimal Debian).
e2e_signal() {
	if command -v pkill >/dev/null 2>&1; then
		pkill "-$1" -f "^$CHITTY_BIN\$"
		return
	fi
	local d cmd
	for d in /proc/[0-9]*; do
		cmd=$(tr '\000' ' ' 2>/dev/null <"$d/cmdline") || continue
		[ "$cmd" = "$CHITTY_BIN " ] && kill "-$1" "${d#/proc/}" 2>/dev/null
	done
}
