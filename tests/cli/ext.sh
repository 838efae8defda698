#!/bin/sh
# chitty ext: list, validate (every fixture's exact messages), install from a
# path and over HTTP, uninstall, enable/disable, new; the legacy migration and
# the parse cache as the CLI sees them.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox

fixtures="$CHITTY_SRCDIR/tests/fixtures/extensions"
shipped="$CHITTY_SRCDIR/extensions"
export CHITTY_DATA_DIR="$CHITTY_SRCDIR"
userdir="$XDG_CONFIG_HOME/chitty/extensions"
version=$("$CHITTY_BIN" --version | sed 's/^chitty //')

# --- list ---------------------------------------------------------------
run_chitty ext list
is "$rc" 0 "ext list exits 0"
like "$out" '^NAME +TITLE +COMMANDS +STATUS +PATH' "ext list prints a table with headers"
for name in cleanshot chrome tmux system git-repos; do
	like "$out" "^$name " "ext list shows the shipped '$name'"
done
unlike "$out" 'README' "the shipped README is not an extension"

run_chitty ext list --json
is "$rc" 0 "ext list --json exits 0"
is "$(json 'len(j) >= 5 and all("id" in e and "title" in e for e in j)')" True \
	"--json: an array of objects with id and title"
is "$(json '[len(e["commands"]) for e in j if e["name"] == "cleanshot"][0]')" 15 \
	"--json: cleanshot has its 15 commands"
is "$(json 'all(set(c) >= {"alias", "description", "id", "mode", "shortcut", "title", "tool"} for e in j for c in e["commands"])')" True \
	"--json: commands carry id, title, tool, description, shortcut, alias, mode"
is "$(json 'next(c for e in j for c in e["commands"] if c["id"] == "cleanshot/capture-area")["shortcut"]')" "shift+cmd+4" \
	"--json: the seed's shortcut for Capture Area"
is "$(json 'next(c for e in j for c in e["commands"] if c["id"] == "chrome/search-bookmarks")["tool"]')" ts \
	"--json: Search Bookmarks is a ts command"
is "$(json 'all(e["enabled"] and e["problems"] == [] and e["path"].startswith("/") for e in j)')" True \
	"--json: shipped extensions are enabled, with no problems and absolute paths"
case "$(uname)" in
Darwin) skip "--json: cleanshot is disabled off macOS" "this is macOS" ;;
*) is "$(json 'next(c for e in j for c in e["commands"] if c["id"] == "cleanshot/capture-area").get("disabledReason")')" "needs macOS" \
	"--json: CleanShot (platforms: macOS) is listed with the reason off macOS" ;;
esac

# --- validate -------------------------------------------------------------
run_chitty ext validate
is "$rc" 0 "ext validate (everything loaded) exits 0 when all is well"
like "$err" 'checked: no problems' "and says so on stderr"
is "$out" "" "with nothing on stdout"

for f in "$shipped"/*.md; do
	case $f in */README.md) continue ;; esac
	run_chitty ext validate "$f"
	is "$rc:$out" "0:" "shipped $(basename "$f") validates with no errors and no warnings"
done

run_chitty ext validate "$shipped"
is "$rc" 0 "ext validate FOLDER checks its extension files"
like "$err" '^5 files checked: no problems' "five shipped files (README.md skipped)"

for f in "$fixtures"/invalid/*.md; do
	base=$(basename "$f" .md)
	want=$(sed "s|^|$f:|; s|@VERSION@|$version|" "$fixtures/invalid/$base.expect")
	run_chitty ext validate "$f"
	is "$out" "$want" "validate invalid/$base.md: FILE:LINE: error|warning: message"
	if grep -q ': error: ' "$fixtures/invalid/$base.expect"; then
		is "$rc" 1 "validate invalid/$base.md exits 1 on errors"
	else
		is "$rc" 0 "validate invalid/$base.md exits 0 on warnings only"
	fi
done

run_chitty ext validate "$fixtures/invalid-yaml.md"
is "$rc" 1 "invalid YAML is an error"
like "$out" 'invalid-yaml.md:4: error: invalid YAML: .*commands still load' "on its line, saying the commands still load"

run_chitty ext validate "$fixtures/old-style.md"
is "$rc" 0 "old frontmatter is only a warning"
like "$out" 'old-style.md:1: warning: old-style manifest .*add title, categories' "naming the fields to add"

run_chitty ext validate "$SANDBOX/nope.md"
is "$rc" 1 "validating a missing file exits 1"
like "$err" 'cannot read .*nope.md' "and names it"

run_chitty ext validate "$shipped/tmux.md" "$fixtures/invalid/no-code.md"
is "$rc" 1 "one bad file among good ones: exit 1"
like "$err" '^2 files checked: 1 error, 0 warnings' "with a count of what was found"

printf -- '---\nname: evil\ntitle: E\ndescription: d\nicon: x\nauthor: a\ncategories: ["\033[31mred\033]0;pwned\007"]\n---\n## X\n<!-- description: d -->\n```bash\nx\n```\n' >"$SANDBOX/evil.md"
run_chitty ext validate "$SANDBOX/evil.md"
is "$rc" 1 "control characters in a value: an error"
if printf '%s' "$out" | grep -q "$(printf '\033')"; then fail "no escape sequence reaches the terminal"; else pass "no escape sequence reaches the terminal"; fi

# --- new ----------------------------------------------------------------
run_chitty ext new my-tools
is "$rc" 0 "ext new NAME exits 0"
is "$out" "$userdir/my-tools.md" "and prints the new file"
run_chitty ext validate "$userdir/my-tools.md"
is "$rc:$out" "0:" "the scaffold validates with no errors and no warnings"
run_chitty ext list --json
is "$(json 'len(next(e for e in j if e["name"] == "my-tools")["commands"])')" 3 "the scaffold's three commands load"
run_chitty ext new my-tools
is "$rc" 1 "ext new refuses an existing name"
run_chitty ext new cleanshot
is "$rc" 1 "ext new refuses a shipped extension's name"
like "$err" "already exists" "saying it exists"
run_chitty ext new '../escape'
is "$rc" 2 "ext new refuses a name that is not URL-safe"
ok "nothing is written outside the folder" test ! -e "$XDG_CONFIG_HOME/chitty/escape.md"

# --- install from a path ---------------------------------------------------
run_chitty ext install "$fixtures/manifest.md"
is "$rc" 0 "ext install PATH exits 0"
like "$out" "^installed full-manifest \\(3 commands\\) to $userdir/full-manifest.md" "and says where"
ok "the file is in the user's extensions folder" test -f "$userdir/full-manifest.md"
run_chitty ext install "$fixtures/manifest.md"
is "$rc" 1 "installing it again is refused"
like "$err" "already installed .*--force" "pointing at --force"
run_chitty ext install --force "$fixtures/manifest.md"
is "$rc" 0 "--force replaces it"

run_chitty ext install "$fixtures/invalid/unknown-category.md"
is "$rc" 1 "a file with errors is not installed"
like "$out" "unknown-category.md:8: error: unknown category" "its problems are printed"
like "$err" "not installed" "and the refusal is said"
ok "nothing was written" test ! -e "$userdir/unknown-category.md"

run_chitty ext install "$SANDBOX/missing.md"
is "$rc" 1 "installing a missing file fails"

sed 's/^title: CleanShot X$/title: My CleanShot/' "$shipped/cleanshot.md" >"$SANDBOX/cleanshot.md"
run_chitty ext install "$SANDBOX/cleanshot.md"
is "$rc" 0 "a copy of a shipped extension installs"
like "$err" "overrides 'cleanshot'" "saying it overrides the shipped one"
run_chitty ext list --json
is "$(json 'next(e["title"] for e in j if e["name"] == "cleanshot")')" "My CleanShot" "the user's copy wins"
like "$(json 'next(e["problems"][0]["message"] for e in j if e["name"] == "cleanshot")')" "also in .*extensions/cleanshot.md" \
	"with a warning naming the other copy"

# --- uninstall --------------------------------------------------------------
run_chitty ext uninstall cleanshot
is "$rc" 0 "uninstalling the user's copy"
run_chitty ext list --json
is "$(json 'next(e["title"] for e in j if e["name"] == "cleanshot")')" "CleanShot X" "brings the shipped one back"
run_chitty ext uninstall cleanshot
is "$rc" 1 "a shipped extension cannot be uninstalled"
like "$err" "ext disable cleanshot" "the error says to disable it instead"
run_chitty ext uninstall full-manifst
is "$rc" 1 "an unknown extension cannot be uninstalled"
like "$err" "did you mean 'full-manifest'" "and the nearest name is suggested"
run_chitty ext uninstall full-manifest
is "$rc" 0 "ext uninstall NAME"
ok "removes the file" test ! -e "$userdir/full-manifest.md"

# --- enable / disable -----------------------------------------------------
run_chitty ext disable tmux
is "$rc:$out" "0:disabled tmux" "ext disable NAME"
is "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["extensions"]["tmux"]["enabled"])' "$XDG_CONFIG_HOME/chitty/config.json")" False \
	"writes {\"enabled\": false} in the config's extensions map"
run_chitty ext list
like "$out" '^tmux .* disabled' "ext list shows it disabled"
run_chitty ext enable tmux
is "$rc:$out" "0:enabled tmux" "ext enable NAME"
run_chitty ext list --json
is "$(json 'next(e["enabled"] for e in j if e["name"] == "tmux")')" True "enabled again"
run_chitty ext disable tmux/detach
is "$rc" 0 "ext disable NAME/COMMAND"
run_chitty ext list --json
is "$(json 'next(c["enabled"] for e in j for c in e["commands"] if c["id"] == "tmux/detach")')" False "disables one command"
run_chitty ext disable tmx
is "$rc" 1 "disabling an unknown extension fails"
like "$err" "did you mean 'tmux'" "with a suggestion"
run_chitty ext disable tmux/nope
is "$rc" 1 "disabling an unknown command fails"
ok "config.json is private" test "$(stat -c %a "$XDG_CONFIG_HOME/chitty/config.json" 2>/dev/null || stat -f %Lp "$XDG_CONFIG_HOME/chitty/config.json")" = 600

cp "$XDG_CONFIG_HOME/chitty/config.json" "$SANDBOX/good-config.json"
printf '{\n  "extensions": {,}\n}\n' >"$XDG_CONFIG_HOME/chitty/config.json"
run_chitty ext disable tmux
is "$rc" 1 "an invalid config.json is not overwritten by ext disable"
like "$err" 'config.json:2:' "the error gives its line"
is "$(cat "$XDG_CONFIG_HOME/chitty/config.json")" "$(printf '{\n  "extensions": {,}\n}')" "and the file is untouched"
run_chitty ext list
is "$rc" 0 "ext list still works with an invalid config"
like "$err" 'warning: .*config.json:2:' "with a warning"
cp "$SANDBOX/good-config.json" "$XDG_CONFIG_HOME/chitty/config.json"

# --- legacy snippets/ -------------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/chitty/snippets"
cp "$fixtures/scriptkit.md" "$XDG_CONFIG_HOME/chitty/snippets/"
run_chitty ext list
like "$err" 'moved 1 extension file from .*snippets to .*extensions' "a legacy snippets/ file is moved, and it is said"
ok "into extensions/" test -f "$userdir/scriptkit.md"
ok "and the empty snippets/ folder is removed" test ! -e "$XDG_CONFIG_HOME/chitty/snippets"
like "$out" '^scriptkit-cases ' "the moved extension is listed"
run_chitty ext list
unlike "$err" 'moved' "the next run says nothing"

# --- the parse cache --------------------------------------------------------
cache="$XDG_CACHE_HOME/chitty/extensions.cache"
ok "the parse cache exists" test -f "$cache"
ok "and is private" test "$(stat -c %a "$cache" 2>/dev/null || stat -f %Lp "$cache")" = 600
printf 'not a cache' >"$cache"
run_chitty ext list --json
is "$rc" 0 "a corrupt cache is ignored"
is "$(json 'len([e for e in j if e["name"] == "scriptkit-cases"][0]["commands"])')" 19 "and everything is read again"

# --- install over HTTP (a loopback server) ----------------------------------
cat >"$SANDBOX/server.py" <<'EOF'
import http.server, sys
root = sys.argv[1]
class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path.startswith("/status/"):
            code = int(self.path.split("/")[2])
            body = b"no"
        else:
            try:
                body = open(root + self.path.split("?")[0], "rb").read()
                code = 200
            except OSError:
                body, code = b"not found", 404
        self.send_response(code)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print(server.server_address[1], flush=True)
server.serve_forever()
EOF
mkdir -p "$SANDBOX/www"
cp "$shipped/tmux.md" "$SANDBOX/www/remote-tmux.md"
sed -i.bak 's/^name: tmux$/name: remote-tmux/' "$SANDBOX/www/remote-tmux.md"
cp "$fixtures/invalid/no-code.md" "$SANDBOX/www/broken.md"
python3 "$SANDBOX/server.py" "$SANDBOX/www" >"$SANDBOX/port" 2>/dev/null &
server=$!
for _ in 1 2 3 4 5 6 7 8 9 10; do [ -s "$SANDBOX/port" ] && break; sleep 0.2; done
port=$(cat "$SANDBOX/port")
if [ -n "$port" ]; then
	run_chitty ext install "http://127.0.0.1:$port/remote-tmux.md?raw=1"
	is "$rc" 0 "ext install URL downloads, validates and installs"
	ok "the file is named after the extension" test -f "$userdir/remote-tmux.md"
	run_chitty ext install "http://127.0.0.1:$port/broken.md"
	is "$rc" 1 "a downloaded file with errors is refused"
	like "$out" "http://127.0.0.1:$port/broken.md:11: error: " "its problems name the URL"
	run_chitty ext install "http://127.0.0.1:$port/absent.md"
	is "$rc" 1 "HTTP 404 fails"
	like "$err" "HTTP 404" "and says so"
	run_chitty ext install "http://127.0.0.1:$port/status/429"
	is "$rc" 1 "HTTP 429 fails"
	like "$err" "HTTP 429" "and says so"
else
	for _ in 1 2 3 4 5 6 7 8; do skip "ext install URL" "the loopback server did not start"; done
fi
kill "$server" 2>/dev/null
wait "$server" 2>/dev/null
run_chitty ext install "http://127.0.0.1:$port/remote-tmux.md"
is "$rc" 1 "a refused connection fails"
like "$err" "127.0.0.1" "naming the host"
run_chitty ext install "ftp://example.com/x.md"
is "$rc" 1 "an ftp:// source is read as a (missing) path, not fetched"

# --- usage errors -----------------------------------------------------------
run_chitty ext install
is "$rc" 2 "ext install without a source is a usage error"
run_chitty ext list extra
is "$rc" 2 "ext list takes no arguments"

done_testing
