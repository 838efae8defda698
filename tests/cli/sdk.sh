#!/bin/sh
# The script SDK without the launcher (chitty run): requests chitty answers
# itself (getPreference, notify, open, exec, md round trip), prompts that
# fail clearly when stdin is not a terminal, protocol errors reported, and
# the SDK preloaded by every TypeScript runtime there is (bun, deno, tsx,
# node).  The prompts on a terminal are tests/e2e/sdk-run.sh.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
export CHITTY_DATA_DIR="$SANDBOX/data-dir"
mkdir -p "$CHITTY_DATA_DIR" "$XDG_CONFIG_HOME/chitty/extensions" "$SANDBOX/bin"
ln -s "$CHITTY_SRCDIR/sdk" "$CHITTY_DATA_DIR/sdk"
cp "$CHITTY_SRCDIR/tests/fixtures/sdk/sdktest.md" "$XDG_CONFIG_HOME/chitty/extensions/"
unset TMUX DISPLAY WAYLAND_DISPLAY VISUAL EDITOR
command -v node >/dev/null 2>&1 || skip_all "node is not installed"
deps="${CHITTY_TEST_DEPS:-$CHITTY_SRCDIR/tests/.deps}/node_modules/.bin"
cat >"$SANDBOX/bin/opener" <<EOS
#!/bin/sh
printf '%s\n' "\$1" >>"$SANDBOX/opened"
EOS
chmod +x "$SANDBOX/bin/opener"
export CHITTY_OPENER="$SANDBOX/bin/opener"

run_chitty run sdktest/greet
is "$rc:$out" "0:greeting=null" "getPreference: null when nothing is stored"
run_chitty prefs set sdktest greeting "good day"
run_chitty run sdktest/greet
is "$rc:$out" "0:greeting=good day" "getPreference: the stored value"

nottyerr='chitty: Pick Fruit: arg() needs a terminal to ask on, and stdin is not one (run the command in the launcher, or with a terminal)'
run_chitty run sdktest/pick-fruit
is "$rc" 1 "arg() with stdin not a terminal fails"
is "$err" "$nottyerr" "  with one clear error from chitty, no stack trace from the runtime"
run_chitty run sdktest/catch-no-terminal
is "$rc:$out" "0:caught: arg() needs a terminal to ask on, and stdin is not one (run the command in the launcher, or with a terminal)" \
	"  a script can catch it"
run_chitty run sdktest/token
like "$rc:$err" "^1:.*env\(\) needs a terminal" "env() with stdin not a terminal fails too"

run_chitty run sdktest/show-markdown
is "$rc:$out" "0:markdown dismissed" "div() without a terminal shows and goes on"
like "$err" "Markdown Title" "  its text on stderr"
like "$err" "• first item" "  rendered"

run_chitty run sdktest/everything-else
is "$rc" 0 "notify, exec, applescript, open"
like "$err" "a note for you" "notify() prints on stderr without the launcher"
like "$out" 'exec \{"stdout":"out\\n","stderr":"err\\n","exitCode":3,"signal":null\}' \
	"exec() resolves stdout, stderr and the exit code"
case "$(uname)" in
Darwin) skip "applescript() fails off macOS" "this is macOS" ;;
*) like "$out" "applescript: applescript\(\) needs macOS \(osascript\)" "applescript() fails clearly off macOS" ;;
esac
like "$out" "opened" "open() resolved"
is "$(cat "$SANDBOX/opened")" "https://example.com/opened" "  and the opener got the target"

cat >"$SANDBOX/bin/append-editor" <<'EOS'
#!/bin/sh
printf ' and more\n' >>"$1"
EOS
chmod +x "$SANDBOX/bin/append-editor"
EDITOR="$SANDBOX/bin/append-editor" run_chitty run sdktest/edit-draft
is "$rc:$out" '0:edited: "first draft\n and more"' "editor() resolves to what the editor saved"

run_chitty run sdktest/round-trip
html=$(printf '%s\n' "$err" | sed -n '/^=== html$/,/^=== markdown$/p' | sed '1d;$d')
markdown=$(printf '%s\n' "$err" | sed -n '/^=== markdown$/,/^=== end$/p' | sed '1d;$d')
is "$rc" 0 "md() then div()"
like "$html" "◦ deep" "  the HTML renders"
if [ -n "$html" ] && [ "$html" = "$markdown" ]; then pass "md()'s HTML renders as its markdown does"; else
	fail "md()'s HTML renders as its markdown does"; diag "html:" "$html" "markdown:" "$markdown"; fi

run_chitty run sdktest/table-round-trip
html=$(printf '%s\n' "$err" | sed -n '/^=== html$/,/^=== markdown$/p' | sed '1d;$d')
markdown=$(printf '%s\n' "$err" | sed -n '/^=== markdown$/,/^=== end$/p' | sed '1d;$d')
is "$rc" 0 "md() with GFM tables then div()"
like "$html" "Name     │ Left  │             Mid │ Right" "  the header row renders as a table, aligned"
like "$html" "a\|b      │ bo\|ld │ x \(https://x.y\) │ 漢字かな" "  escaped pipes, inline markup, wide characters"
like "$html" "漢 │ x" "  a table with a wide header"
if [ -n "$html" ] && [ "$html" = "$markdown" ]; then pass "md()'s tables render as their markdown does"; else
	fail "md()'s tables render as their markdown does"; diag "html:" "$html" "markdown:" "$markdown"; fi
is "$out" '<table><thead><tr><th>a</th><th>b</th></tr></thead><tbody><tr><td><code>x|y</code></td><td>漢字</td></tr></tbody></table>' \
	"md()'s table HTML: thead, tbody, an escaped pipe in a code span"

run_chitty run sdktest/garbage
is "$rc" 0 "a script writing garbage on the channel still ends"
like "$err" "chitty: Garbage: script SDK: protocol error: not JSON: this is not json" \
	"the garbage is reported"
like "$err" "unknown request type 'teleport'" "so is an unknown request"
like "$out" "rejected: chitty: protocol error" "the script's pending prompt fails instead of hanging"

# Every TypeScript runtime preloads the SDK: one PATH per runtime.
only_path() { # NAME PROGRAMS...
	local dir="$SANDBOX/path-$1" p src
	mkdir -p "$dir"
	shift
	for p in sh env "$@"; do
		src=$(command -v "$p" 2>/dev/null) && ln -sf "$src" "$dir/$p"
	done
	echo "$dir"
}
ts_run() { # PATH [COMMAND]
	local o e
	o=$(mktemp) e=$(mktemp)
	env PATH="$1" "$CHITTY_BIN" run "${2:-sdktest/typed}" >"$o" 2>"$e" </dev/null
	rc=$?
	out=$(cat "$o") err=$(cat "$e")
	rm -f "$o" "$e"
}
for rt in bun deno tsx; do
	if [ -x "$deps/$rt" ] && "$deps/$rt" --version >/dev/null 2>&1; then
		p=$(only_path "$rt" node)
		ln -sf "$(readlink -f "$deps/$rt")" "$p/$rt"
		ts_run "$p"
		want=$rt
		[ "$rt" = tsx ] && want=node
		is "$rc:$out" "0:typed <p><strong>x</strong></p> good day on $want" "ts under $rt has the SDK"
		[ -n "$err" ] && diag "$err"
		ts_run "$p" sdktest/ask-no-terminal
		is "$rc:$err" "1:$(printf '%s' "$nottyerr" | sed 's/Pick Fruit/Ask No Terminal/')" \
			"  arg() without a terminal under $rt: one line, no stack trace"
	else
		skip "ts under $rt has the SDK" "$rt is not installed (./dev test installs it in tests/.deps)"
	fi
done
node_version=$(node -p 'process.versions.node.split(".").slice(0, 2).join(".")')
if node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a == 22 && b >= 6) ? 0 : 1)'; then
	ts_run "$(only_path node node)"
	is "$rc:$out" "0:typed <p><strong>x</strong></p> good day on node" "ts under node $node_version has the SDK"
else
	skip "ts under node has the SDK" "node $node_version cannot strip types (22.6 or newer can)"
fi

# Without the SDK module a script still runs, with a warning.
CHITTY_DATA_DIR="$SANDBOX/nowhere" run_chitty run sdktest/greet
like "$err" "script SDK is not installed .*runs without it" "a missing SDK is a warning"
like "$err" "getPreference is not defined" "  and the script fails on its own"
done_testing
