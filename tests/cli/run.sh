#!/bin/sh
# chitty run end to end: every tool, the Script Kit fixture cases, hostile
# values in every substitution context (the value arrives byte for byte and
# a canary file never appears), missing interpreters, the TypeScript runtime
# choice, http against a fixture server, the opener, the editor, the
# clipboard (OSC 52 and a fake xclip), keystroke tools, timeouts, signals,
# usage errors and the history.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox

fixtures="$CHITTY_SRCDIR/tests/fixtures"
exts="$XDG_CONFIG_HOME/chitty/extensions"
mkdir -p "$exts" "$SANDBOX/bin" "$SANDBOX/work"
cp "$fixtures/run/run-tools.md" "$fixtures/run/run-hostile.md" "$fixtures/extensions/scriptkit.md" "$exts/"
bin="$SANDBOX/bin"
# Nothing here may touch the real clipboard, tmux or display.
unset TMUX DISPLAY WAYLAND_DISPLAY CHITTY_OPENER VISUAL EDITOR
deps="${CHITTY_TEST_DEPS:-$CHITTY_SRCDIR/tests/.deps}/node_modules/.bin"
cd "$SANDBOX/work" || exit 1

json() {
	printf '%s' "$out" | python3 -c "import json, sys; j = json.load(sys.stdin); print($1)" 2>&1
}
# A script in $bin: mkscript NAME BODY
mkscript() { printf '#!/bin/sh\n%s\n' "$2" >"$bin/$1"; chmod +x "$bin/$1"; }
# A PATH holding only the named programs (and what every test needs).
only_path() {
	dir="$SANDBOX/path-$1"
	mkdir -p "$dir"
	shift
	for p in sh bash cat env "$@"; do
		src=$(command -v "$p" 2>/dev/null) && ln -sf "$src" "$dir/$p"
	done
	echo "$dir"
}
# run_path PATH ARGS...: run_chitty with PATH set for chitty alone.
run_path() {
	local p=$1 o e
	shift
	o=$(mktemp) e=$(mktemp)
	env PATH="$p" "$CHITTY_BIN" "$@" >"$o" 2>"$e" </dev/null
	rc=$?
	out=$(cat "$o") err=$(cat "$e")
	rm -f "$o" "$e"
}
# Run without a controlling terminal (no OSC 52 to the real terminal).
have_setsid=0
command -v setsid >/dev/null 2>&1 && setsid -w true 2>/dev/null && have_setsid=1
run_notty() {
	local o e
	o=$(mktemp) e=$(mktemp)
	setsid -w env PATH="${notty_path:-$PATH}" "$CHITTY_BIN" "$@" >"$o" 2>"$e" </dev/null
	rc=$?
	out=$(cat "$o") err=$(cat "$e")
	rm -f "$o" "$e"
}

# The HTTP fixture.
python3 "$fixtures/run/httpd.py" >"$SANDBOX/port" 2>/dev/null &
httpd=$!
cleanup() { kill "$httpd" 2>/dev/null; sandbox_cleanup; }
trap cleanup EXIT
for _ in $(seq 50); do [ -s "$SANDBOX/port" ] && break; sleep 0.1; done
port=$(cat "$SANDBOX/port")

# --- The Script Kit fixture cases ------------------------------------------

run_chitty run scriptkit-cases/plain-bash
is "$rc:$out" "0:hello from bash" "plain bash"
run_chitty run scriptkit-cases/one-input --arg name=World
is "$out" "Hello World" "one input"
run_chitty run scriptkit-cases/two-inputs --arg first=Ada --arg last=Lovelace
is "$out" "Ada Lovelace, or Ada again" "two inputs, one used twice"
run_chitty run scriptkit-cases/python-input --arg message='said "hi"' --arg code=3
is "$rc:$out" '3:said "hi"' "python: an input in a string, another as the exit code"
run_chitty run --json scriptkit-cases/node-output
is "$(json '(j["stdout"], j["stderr"], j["exit"], j["id"])')" \
	"('to stdout\\n', 'to stderr\\n', 0, 'scriptkit-cases/node-output')" "node: stdout and stderr apart in --json"
run_chitty run scriptkit-cases/js-output
is "$out" "js says hi" "js"
run_chitty run scriptkit-cases/template-inline --arg name=Bob
is "$out" "Dear Bob," "template inline: else branch"
run_chitty run scriptkit-cases/template-inline --flag formal
is "$out" "Dear Sir or Madam," "template inline: --flag takes the if branch (and its inputs only)"
run_chitty run scriptkit-cases/template-multi-line --arg name=Bob --flag casual
is "$out" "Hey Bob!" "template multi-line: else if"
run_chitty run scriptkit-cases/template-multi-line --arg name=Bob
is "$out" "Hello Bob." "template multi-line: else"
run_chitty run scriptkit-cases/positional -- one "two words" '$(touch CANARY)'
is "$out" "first=one second=two words
all: one two words \$(touch CANARY)" 'positional $1 $2 $@ are real arguments'
ok "  and an argument is never code" test ! -e CANARY
run_chitty run scriptkit-cases/exit-zero
is "$rc" 0 "exit 0"
run_chitty run scriptkit-cases/exit-one
is "$rc" 1 "exit 1"
run_chitty run scriptkit-cases/exit-from-input --arg code=42
is "$rc" 42 "exit code from an input"
run_chitty run scriptkit-cases/for-loop
is "$out" "item 1
item 2
item 3" 'a bash for loop using $i'
run_chitty run scriptkit-cases/missing-program
is "$rc" 127 "a missing program: 127"
like "$err" "chitty-no-such-program-here: command not found" "  with the shell's message"
run_chitty run scriptkit-cases/python-syntax-error
is "$rc" 1 "a python syntax error: 1"
like "$err" "SyntaxError" "  with python's message"
run_chitty run --json scriptkit-cases/python-syntax-error
like "$(json 'j["error"]')" "^exit status 1: SyntaxError" "  --json adds a one-line error"

# --- Tools ------------------------------------------------------------------

for t in bash sh python node js; do
	run_chitty run "run-tools/$t" --arg word="it's \$(touch CANARY)"
	is "$rc:$out" "0:$t says it's \$(touch CANARY)" "$t runs, a hostile word intact"
done
for t in zsh fish ruby perl php; do
	if command -v "$t" >/dev/null 2>&1; then
		run_chitty run "run-tools/$t" --arg word="it's \$(touch CANARY) \`touch CANARY\` #{1}"
		is "$rc:$out" "0:$t says it's \$(touch CANARY) \`touch CANARY\` #{1}" "$t runs, a hostile word intact"
	else
		skip "$t runs" "$t is not installed"
	fi
done
ok "no canary from any of them" test ! -e CANARY

# TypeScript: bun, deno, tsx, else node >= 22.6.
# Each runtime in a folder of its own, so a PATH can hold one and not another.
tsx_dir= bun_dir=
if [ -x "$deps/tsx" ]; then
	tsx_dir="$SANDBOX/tsx-bin"
	mkdir -p "$tsx_dir"
	ln -sf "$(readlink -f "$deps/tsx")" "$tsx_dir/tsx"
fi
if [ -x "$deps/bun" ] && "$deps/bun" --version >/dev/null 2>&1; then
	bun_dir="$SANDBOX/bun-bin"
	mkdir -p "$bun_dir"
	ln -sf "$(readlink -f "$deps/bun")" "$bun_dir/bun"
fi
if [ -n "$tsx_dir" ]; then
	tsx_path="$(only_path tsx node):$tsx_dir"
	run_path "$tsx_path" run run-tools/ts --arg word=typed
	is "$rc:$out" "0:ts says typed (node)" "ts runs with tsx when there is no bun or deno"
	run_path "$tsx_path" run scriptkit-cases/ts-with-import
	is "$out" "x.txt" "ts: the group's import is prepended"
else
	skip "ts runs with tsx" "tsx is not installed (./dev test installs it in tests/.deps)"
	skip "ts: the group's import is prepended" "no tsx"
fi
if [ -n "$bun_dir" ] && [ -n "$tsx_dir" ]; then
	run_path "$(only_path bun node):$bun_dir:$tsx_dir" run run-tools/ts --arg word=fast
	is "$rc:$out" "0:ts says fast (bun)" "ts prefers bun over tsx"
else
	skip "ts prefers bun" "bun is not installed"
fi
node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 22 ]; then
	run_path $(only_path node-only node) run run-tools/ts --arg word=x
	is "$rc" 1 "ts with only an old node fails"
	like "$err" "ts needs bun, deno, tsx or node 22.6 or newer.*node $node_major\.[0-9]+ is too old" \
		"  naming what to install"
else
	skip "ts with only an old node" "node here is $node_major (new enough to strip types)"
fi

# node's version is asked once, then read from the cache until node changes
fake=$(only_path fakenode)
printf '#!/bin/sh\necho asked >>"%s/node-asked"\necho v20.1.0\n' "$SANDBOX" >"$fake/node"
chmod +x "$fake/node"
run_path "$fake" run run-tools/ts --arg word=x
first="$rc:$err"
like "$err" "node 20\.1 is too old" "a fake old node: its version is asked"
run_path "$fake" run run-tools/ts --arg word=x
is "$rc:$err" "$first" "the next start gives the same answer"
is "$(wc -l <"$SANDBOX/node-asked")" 1 "without running node again (the cache folder's runtimes file)"
like "$(cat "$XDG_CACHE_HOME/chitty/runtimes")" "^$fake/node	.*	v20\.1\.0\$" "which holds the program's stamp and version"
printf '#!/bin/sh\necho asked >>"%s/node-asked"\necho v21.7.3\n' "$SANDBOX" >"$fake/node"
touch -d '+1 minute' "$fake/node"
run_path "$fake" run run-tools/ts --arg word=x
like "$err" "node 21\.7 is too old" "a changed node is asked again"
is "$(wc -l <"$SANDBOX/node-asked")" 2 "once"

# Missing interpreters.
nopy=$(only_path nopython)
run_path $nopy run run-tools/python --arg word=x
is "$rc" 1 "python without an interpreter fails"
is "$err" "chitty: python is not installed (no python3 or python on PATH)" "  naming it"
run_path $nopy run run-tools/node --arg word=x
is "$err" "chitty: node is not installed (no node on PATH)" "node without node"
run_path $nopy run run-tools/fish --arg word=x
is "$rc:$err" "1:chitty: fish is not installed (no fish on PATH)" "fish without fish"
run_chitty run run-tools/applescript
case "$(uname)" in
Darwin) skip "applescript off macOS" "this is macOS" ;;
*) is "$rc:$err" "1:chitty: needs macOS (osascript)" "applescript on Linux: needs macOS (osascript)" ;;
esac

# Template, optional arguments, environment and preferences.
run_chitty run run-tools/template --arg name='$(touch CANARY)' --flag excited
is "$out" "Hello \$(touch CANARY)!" "template prints its filled text"
run_chitty run run-tools/optional-argument
is "$rc:$out" "0:base" "an optional Raycast argument may be left out"
run_chitty run run-tools/optional-argument --arg suffix=-x
is "$out" "base-x" "  or given"
run_chitty run run-tools/env
is "$out" "run-tools|env|hello there|none" "CHITTY_EXTENSION, CHITTY_COMMAND, CHITTY_PREF_<NAME> (default)"
"$CHITTY_BIN" prefs set run-tools apiToken 'pa$$word' >/dev/null 2>&1
run_chitty run run-tools/env
is "$out" 'run-tools|env|hello there|pa$$word' "  a stored password reaches the command"
run_chitty run run-tools/needs-token
is "$rc" 1 "a missing required preference fails"
is "$err" "chitty: run-tools/needs-token needs the preference 'serviceToken' (set it with: chitty prefs set run-tools/needs-token serviceToken VALUE)" \
	"  naming it and the command that sets it"
"$CHITTY_BIN" prefs set run-tools serviceToken 'tok-123456' >/dev/null 2>&1
run_chitty run run-tools/needs-token
is "$rc:$out" "0:token is 10 long" "  and runs once it is set"
unlike "$out$err" "tok-123456" "  chitty never shows the password"

# Streams, exit statuses, stdin.
run_chitty run run-tools/both-streams
is "$rc:$out:$err" "4:out:err" "stdout and stderr go through, the status is the command's"
run_chitty run --json run-tools/both-streams
is "$(json '(j["exit"], j["stdout"], j["stderr"])')" "(4, 'out\\n', 'err\\n')" "  --json captures both"
run_chitty_in "hello from stdin
" run run-tools/stdin
is "$out" "got hello from stdin" "the command reads chitty's stdin"

# Open.
mkscript opener 'printf "%s\n" "$1" >> "$OPENED"'
export OPENED="$SANDBOX/opened"
CHITTY_OPENER="$bin/opener" run_chitty run run-tools/open --arg query='a b&c=d'
is "$rc" 0 "open with \$CHITTY_OPENER"
is "$(cat "$OPENED")" "https://example.test/search?q=a%20b%26c%3Dd" "  the opener got the URL, the value percent-encoded"
CHITTY_OPENER="$bin/opener" run_chitty run run-tools/open-home --arg file='notes/my file.md'
is "$(tail -n 1 "$OPENED")" "$HOME/notes/my file.md" "  ~ is expanded"
CHITTY_OPENER="$bin/opener" run_chitty run scriptkit-cases/open-with-input --arg query=chitty
is "$(tail -n 1 "$OPENED")" "https://duckduckgo.com/?q=chitty" "Script Kit's open with an input"
printf '{"opener": "%s --from-config"}\n' "$bin/opener" >"$XDG_CONFIG_HOME/chitty/config.json"
mkscript opener 'printf "%s|%s\n" "$1" "$2" >> "$OPENED"'
run_chitty run run-tools/open-scheme
is "$(tail -n 1 "$OPENED")" "--from-config|cleanshot://capture-area" "the config's opener (a command line) gets the target last"
rm "$XDG_CONFIG_HOME/chitty/config.json"
mkscript xdg-open 'case "$1" in cleanshot:*) echo "xdg-open: no method available for opening $1" >&2; exit 3;; esac'
run_path "$bin:$PATH" run run-tools/open-scheme
is "$rc:$err" "1:chitty: no application handles cleanshot:// links" "xdg-open without a handler: a clear error"
rm "$bin/xdg-open"
run_path $(only_path noopener) run run-tools/open-scheme
is "$rc" 1 "no opener at all fails"
like "$err" "no xdg-open on PATH .*CHITTY_OPENER" "  saying what to do"

# Edit.
mkscript fake-editor 'printf "%s\n" "$1" >> "$EDITED"; sed "s/Draft/Final/" "$1" > "$1.new" && cat "$1.new" > "$1" && rm "$1.new"'
export EDITED="$SANDBOX/edited"
printf 'note\n' >"$SANDBOX/note.txt"
EDITOR="$bin/fake-editor" run_chitty run scriptkit-cases/edit-with-input --arg file="$SANDBOX/note.txt"
is "$rc:$(cat "$EDITED")" "0:$SANDBOX/note.txt" "edit opens the file named by its text in \$EDITOR"
EDITOR="$bin/fake-editor" run_chitty run run-tools/edit-text --arg topic=chitty
is "$rc:$out" "0:Final about chitty" "edit of other text: a temp file, and what was saved is printed"
temp=$(tail -n 1 "$EDITED")
ok "  the temp file is gone afterwards" test ! -e "$temp"
mkscript visual 'echo visual >> "$EDITED"'
VISUAL="$bin/visual" EDITOR="$bin/fake-editor" run_chitty run run-tools/edit-text --arg topic=x
is "$(tail -n 1 "$EDITED")" "visual" "\$VISUAL wins over \$EDITOR"
run_path $(only_path novi) run run-tools/edit-text --arg topic=x
is "$rc" 1 "no \$VISUAL, no \$EDITOR and no vi: edit fails"
is "$err" "chitty: no editor: set \$EDITOR (vi is not installed)" \
	"  with one line saying what to do, not the shell's 'not found'"
EDITOR=no-such-editor run_path $(only_path novi) run run-tools/edit-text --arg topic=x
is "$rc:$err" "1:chitty: the editor no-such-editor (\$EDITOR) is not installed (no no-such-editor on PATH)" \
	"an \$EDITOR that is not installed is named, like a missing interpreter"
mkscript wait-editor "[ \"\$1\" = --wait ] || exit 9; shift; exec \"$bin/fake-editor\" \"\$@\""
VISUAL="$bin/wait-editor --wait" run_path $(only_path novi sed rm) run run-tools/edit-text --arg topic=args
is "$rc:$out" "0:Final about args" "an editor command line with arguments still runs"

# Copy: OSC 52 on the terminal, and clipboard tools.
mkscript xclip 'cat > "$CLIP"'
export CLIP="$SANDBOX/clip"
if [ "$have_setsid" = 1 ]; then
	DISPLAY=:99 PATH="$bin:$PATH" run_notty run run-tools/copy --arg word="x'y \$(z)"
	is "$rc" 0 "copy with xclip"
	is "$(cat "$CLIP")" "copied x'y \$(z)" "  xclip got the text on stdin, intact"
	mkscript wl-copy 'cat > "$CLIP.wayland"'
	WAYLAND_DISPLAY=wayland-0 PATH="$bin:$PATH" run_notty run run-tools/copy --arg word=wl
	is "$rc:$(cat "$CLIP.wayland")" "0:copied wl" "copy with wl-copy on Wayland"
	rm "$bin/wl-copy"
	notty_path=$(only_path noclip)
	run_notty run run-tools/copy --arg word=x
	notty_path=
	is "$rc" 1 "copy with no terminal and no clipboard tool fails"
	like "$err" "cannot copy: no terminal for OSC 52" "  saying so"
else
	skip "copy with xclip" "no setsid -w to run without a terminal"
fi
if script --version 2>/dev/null | grep -q util-linux; then
	script -qec "\"$CHITTY_BIN\" run run-tools/copy --arg word=osc52" "$SANDBOX/typescript" >/dev/null 2>&1
	want=$(printf 'copied osc52' | base64)
	if grep -q "]52;c;$want" "$SANDBOX/typescript"; then pass "copy writes OSC 52 to the terminal"; else
		fail "copy writes OSC 52 to the terminal" "$(od -c "$SANDBOX/typescript" | head)"; fi
else
	skip "copy writes OSC 52" "no util-linux script(1) to give it a terminal"
fi

# Keystroke tools.
case "$(uname)" in
Darwin) skip "paste without wtype or xdotool" "macOS uses osascript" ;;
*)
	run_path $(only_path nokeys) run run-tools/paste --arg word=x
	is "$rc:$err" "1:chitty: needs wtype (Wayland) or xdotool (X11), or macOS" \
		"paste without wtype or xdotool: a clear error"
	run_path $(only_path nokeys2) run run-tools/type --arg word=x
	is "$rc" 1 "type without them fails too"
	mkscript xdotool 'printf "%s\n" "$*" >> "$KEYS"; [ "$3" = "--file" ] && cat >> "$KEYS"; exit 0'
	export KEYS="$SANDBOX/keys"
	run_path "$bin:$PATH" run run-tools/type --arg word="a'b"
	is "$rc:$(cat "$KEYS")" "0:type --clearmodifiers --file -
typed a'b" "type hands the text to xdotool on stdin"
	;;
esac

# HTTP.
if [ -n "$port" ]; then
	run_chitty run run-tools/http-get --arg port="$port" --arg q='a b&c=d/é' --arg header='v "1"'
	is "$rc" 0 "http GET exits 0"
	is "$(json '(j["method"], j["query"], j["headers"]["x-test"], j["headers"]["user-agent"].split("/")[0])')" \
		"('GET', {'q': 'a b&c=d/é'}, 'v \"1\"', 'chitty')" "  query decoded intact, header sent, chitty's user agent"
	run_chitty run run-tools/http-post-json --arg port="$port" --arg name='say "hi"
\ and go' --arg count=7
	is "$(json '(j["method"], j["json"])')" "('POST', {'name': 'say \"hi\"\\n\\\\ and go', 'count': 7})" \
		"http POST: a JSON body, the string escaped, the number a number"
	run_chitty run run-tools/http-json --arg port="$port"
	is "$out" '{"name":"chitty","list":[1,2,3],"nested":{"ok":true}}' "chitty run prints the body as it came"
	run_chitty run --json run-tools/http-json --arg port="$port"
	is "$(json '(j["exit"], j["http_status"])')" "(0, 200)" "  --json adds http_status"
	for code in 404 500 429; do
		run_chitty run run-tools/http-status --arg port="$port" --arg code=$code
		is "$rc" 1 "HTTP $code exits 1"
		is "$out" "status $code
second line" "  the body is still printed"
		like "$err" "^chitty: run-tools/http-status: HTTP $code: status $code$" "  and the status said on stderr"
	done
	run_chitty run --json run-tools/http-status --arg port="$port" --arg code=429
	is "$(json '(j["exit"], j["http_status"])')" "(1, 429)" "  --json: exit 1, http_status 429"
	run_chitty run run-tools/http-get --arg port="$port" --arg q=x --arg header='a
X-Injected: yes'
	is "$rc" 1 "a header value with a line break is refused"
	like "$err" "line break" "  saying why"
	run_chitty run run-tools/http-json --arg port=1
	is "$rc" 1 "a refused connection fails"
	like "$err" "cannot reach 127.0.0.1" "  naming the host"
else
	skip "http" "the fixture server did not start"
fi

# Timeouts and signals.
start=$(date +%s)
run_chitty run run-tools/sleep --timeout 0.5
is "$rc" 124 "--timeout kills the command: exit 124"
is "$out" "sleeping" "  its output up to then went through"
is "$err" "chitty: run-tools/sleep: timed out after 0.5 s" "  and it says so"
ok "  promptly" test $(($(date +%s) - start)) -lt 10
printf '{"timeout": 0.5}\n' >"$XDG_CONFIG_HOME/chitty/config.json"
run_chitty run --json run-tools/sleep
is "$(json '(j["exit"], j["error"])')" "(124, 'timed out after 0.5 s')" "the config's timeout applies too"
rm "$XDG_CONFIG_HOME/chitty/config.json"

export PIDFILE="$SANDBOX/background.pid"
"$CHITTY_BIN" run --json run-tools/background >"$SANDBOX/bg.out" 2>&1 &
chitty_pid=$!
for _ in $(seq 100); do [ -s "$PIDFILE" ] && break; sleep 0.05; done
grandchild=$(cat "$PIDFILE" 2>/dev/null)
kill -TERM "$chitty_pid"
wait "$chitty_pid"
is "$?" 143 "SIGTERM to chitty run cancels the command: exit 143"
gone=0
for _ in $(seq 40); do
	if [ -n "$grandchild" ] && { ! kill -0 "$grandchild" 2>/dev/null ||
		grep -q '^State:.*Z' "/proc/$grandchild/status" 2>/dev/null; }; then
		gone=1
		break
	fi
	sleep 0.05
done
ok "  the command's background child is gone too" test -n "$grandchild" -a "$gone" = 1

# Usage errors.
run_chitty run scriptkit-cases/one-input
is "$rc:$err" "2:chitty: missing input 'name' (give it with --arg name=VALUE)" "a missing input: exit 2, named"
run_chitty run scriptkit-cases/one-inptu
is "$rc:$err" "1:chitty: no command 'scriptkit-cases/one-inptu' (did you mean 'scriptkit-cases/one-input'?)" \
	"an unknown id: did you mean"
run_chitty run nothing-like-it
like "$err" "no command 'nothing-like-it' \(see 'chitty ext list'" "  with nothing near: where to look"
run_chitty run scriptkit-cases/one-input --arg nmae=x
is "$rc:$err" "2:chitty: scriptkit-cases/one-input has no input 'nmae' (its inputs: name)" "an unknown input: exit 2"
run_chitty run scriptkit-cases/one-input --arg name
is "$rc" 2 "--arg without = is a usage error"
run_chitty run scriptkit-cases/one-input --arg "name=$(printf '\377\376')"
is "$rc:$err" "2:chitty: input 'name' is not valid UTF-8" "a value that is not UTF-8: exit 2"
printf 'a\000b' >"$SANDBOX/nul"
"$CHITTY_BIN" run scriptkit-cases/one-input --arg name=- <"$SANDBOX/nul" >/dev/null 2>"$SANDBOX/err"
is "$?:$(cat "$SANDBOX/err")" "2:chitty: input 'name' holds a NUL byte" "a value with a NUL byte (from stdin): exit 2"
printf 'two\nlines\n' | "$CHITTY_BIN" run run-tools/template --arg name=- >"$SANDBOX/o" 2>&1
is "$(cat "$SANDBOX/o")" "Hello two
lines" "--arg NAME=- reads the value from stdin"
run_chitty run scriptkit-cases/template-inline --flag formall
is "$rc:$err" "2:chitty: scriptkit-cases/template-inline has no flag 'formall' (its flags: formal)" "an unknown flag: exit 2"
run_chitty run run-tools/sleep --timeout soon
is "$rc" 2 "a bad --timeout is a usage error"
"$CHITTY_BIN" ext disable run-tools >/dev/null 2>&1
run_chitty run run-tools/bash --arg word=x
is "$rc" 1 "a disabled extension does not run"
like "$err" "disabled \(enable it with 'chitty ext enable run-tools'\)" "  saying how to enable it"
"$CHITTY_BIN" ext enable run-tools >/dev/null 2>&1

like "$(cat "$XDG_STATE_HOME/chitty/history" 2>/dev/null)" "^scriptkit-cases/plain-bash	1	" "each run is recorded in the history"

# --- Hostile values in every context -----------------------------------------
# Each value is in a file (printf escapes), so trailing newlines survive.
hv="$SANDBOX/hostile"
mkdir -p "$hv"
n=0
for v in "it's" '$(touch CANARY)' '`touch CANARY`' "'; touch CANARY #" '"; touch CANARY; echo "' \
	'\ntouch CANARY\n' '${IFS}$HOME \\ back\\\\slash' 'h\303\251llo \344\270\226\347\225\214 \360\237\216\211' \
	'#{system("touch CANARY")} ${require("fs").writeFileSync("CANARY","")}' \
	"' + require('fs').writeFileSync('CANARY','') + '" 'x\nEND\ntouch CANARY' 'a&b=c?d#e/f%%20g+h' \
	'42' '{"x": "y"}\\"' '*'; do
	n=$((n + 1))
	printf "$v" >"$hv/$n"
done
value() { v=$(cat "$hv/$1"; printf x); v=${v%x}; }
# hostile CONTEXT BEFORE AFTER VALUE-NUMBERS...: run run-hostile/CONTEXT with
# each value; it must write BEFORE, the value, AFTER.
hostile() {
	ctx=$1 prefix=$2 suffix=$3
	shift 3
	all_ok=1
	for i in "$@"; do
		value "$i"
		rm -f "$SANDBOX/out" "$SANDBOX/stdout" CANARY
		case $ctx in http-*) port_arg="--arg port=$port" ;; *) port_arg= ;; esac
		# shellcheck disable=SC2086
		env PATH="${hostile_path:-$PATH}" OUT="$SANDBOX/out" "$CHITTY_BIN" run "run-hostile/$ctx" \
			--arg v="$v" $port_arg \
			>"$SANDBOX/stdout" 2>"$SANDBOX/stderr"
		r=$?
		case $ctx in template | http-*) got="$SANDBOX/stdout" ;; *) got="$SANDBOX/out" ;; esac
		want="$prefix$v$suffix"
		[ "$ctx" = template ] && case $v in *'
') want=$v ;; esac
		printf '%s' "$want" >"$SANDBOX/want"
		if [ -e CANARY ]; then
			all_ok=0
			diag "$ctx: value $i EXECUTED"
		elif [ "$r" != 0 ] || ! cmp -s "$got" "$SANDBOX/want"; then
			all_ok=0
			diag "$ctx: value $i [$v] arrived as [$(cat "$got" 2>/dev/null)] (exit $r: $(cat "$SANDBOX/stderr"))"
		fi
	done
	ok "$ctx: $# hostile values arrive intact, none executes" test "$all_ok" = 1
}
all=$(seq 1 $n)
single_line="1 2 3 4 5 7 8 9 10 12 13 14 15"
nl='
'
hostile bash-unquoted "" "" $all
hostile bash-single "" "" $all
hostile bash-double "" "" $all
hostile bash-heredoc "" "$nl" $all
hostile sh-double "<" ">" $all
hostile python-bare "" "" $all
hostile python-string "" "" $all
hostile node-template "" "" $all
hostile node-single "" "" $all
hostile template "" "$nl" $all
if [ -n "$port" ]; then
	hostile http-url "" "" $all
	hostile http-json-body "" "" $all
	hostile http-header "" "" $single_line
else
	skip "http hostile values" "the fixture server did not start"
fi
if [ -n "$tsx_dir" ]; then
	hostile_path="$(only_path tsx2 node):$tsx_dir"
	hostile ts-string "" "" 1 2 4 6 9 10
	hostile_path=
else
	skip "ts-string hostile values" "no tsx"
fi
done_testing
