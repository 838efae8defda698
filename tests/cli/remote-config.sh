#!/bin/sh
# chitty config: add, list, show, remove, test; secrets by reference and
# masked; loose permissions; invalid config; unknown keys; atomic writes.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start

conf="$XDG_CONFIG_HOME/chitty/config.json"
tok=$GITHUB_TOKEN_VALUE
mode_of() { stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1"; }
api="$FIXTURE_URL/github"

run_chitty config list
is "$rc" 0 "config list without remotes exits 0"
like "$err" "no remotes are configured" "and says so"
run_chitty config list --json
is "$out" "[]" "config list --json: an empty array"

# add: validation
run_chitty config add github-repo gh --set owner=octo --set repo=hello --no-test
is "$rc" 1 "a missing required field is refused"
like "$err" '"token"' "naming the field"
run_chitty config add githb-repo gh --set token=x
is "$rc" 2 "an unknown type is a usage error"
like "$err" "did you mean 'github-repo'" "with a suggestion"
run_chitty config add github-repo 'bad/name' --set token=x
is "$rc" 2 "a bad remote name is a usage error"
run_chitty config add github-repo gh --set tokn=x
is "$rc" 1 "an unknown field is refused"
like "$err" "did you mean 'token'" "with a suggestion"
run_chitty config add github-repo gh --set token
is "$rc" 2 "--set without = is a usage error"
run_chitty config add github-project gh --set token=x --set owner=octo --no-test
is "$rc" 1 "github-project needs a project or a repo"
like "$err" 'project' "says so"
run_chitty config add github-project gh --set token=x --set owner=octo --set project=three --no-test
is "$rc" 1 "project must be a number"
run_chitty config add notion-database notes --set token=x
is "$rc" 1 "another provider's schema: a Notion database needs its id"
like "$err" 'notion-database needs "databaseId"' "and says so"
ok "nothing was written" test ! -e "$conf"

# add: the connection test
run_chitty config add github-repo gh --set token=bad-token --set owner=octo --set repo=hello \
	--set "apiUrl=$api"
is "$rc" 1 "a failing connection test refuses to save"
like "$err" "connection test failed: GitHub: Bad credentials \(HTTP 401\)" "with the API's one-line error"
ok "nothing was saved" test ! -e "$conf"
run_chitty config add gh tracker --set "token=$tok" --set owner=octo --set repo=hello \
	--set "apiUrl=$api"
is "$rc" 0 "config add TYPE-ALIAS NAME tests the connection and saves"
like "$out" "GitHub: connected to octo/hello \(private\)" "the test's result is shown"
like "$out" "added remote 'tracker' \(github-project\)" "the alias became the type"
ok "config.json is 0600" test "$(mode_of "$conf")" = 600
ok "its folder is 0700" test "$(mode_of "$(dirname "$conf")")" = 700
is "$(fixture_query 'reqs[-1]["headers"].get("authorization")')" "Bearer $tok" \
	"the test sent the token as a Bearer token"
run_chitty config add github-repo tracker --set "token=$tok" --set owner=octo --set repo=hello
is "$rc" 1 "an existing name is refused"
like "$err" "exists \(use --force" "pointing at --force"
run_chitty config add github-repo tracker --set "token=$tok" --set owner=octo --set repo=hello \
	--set "apiUrl=$api" --force --no-test
is "$rc" 0 "--force replaces it"
is "$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["remotes"]["tracker"]["type"])' "$conf")" \
	github-repo "with the new settings"

# secrets: masked, references shown
run_chitty config show tracker
is "$rc" 0 "config show exits 0"
like "$out" '^token +••••••$' "the literal token is masked"
like "$out" '^owner +octo$' "other fields are shown"
like "$out" '^ttl +600 \(default\)$' "defaults are marked"
unlike "$out$err" "$tok" "the token never appears"
run_chitty config show --json tracker
is "$(json_of 'j["fields"]["token"]')" "••••••" "config show --json masks it too"
is "$(json_of 'j["id"] + " " + j["type"]')" "tracker github-repo" "with id and type"
run_chitty config list
like "$out" '^NAME +TYPE +SETTINGS +CACHE' "config list is a table"
like "$out" '^tracker +github-repo +owner=octo repo=hello' "one row per remote"
unlike "$out" "$tok|token=" "without secrets"
run_chitty config list --json
is "$(json_of '[(r["id"], r["title"], r["fields"]["token"]) for r in j]')" \
	"[('tracker', 'tracker', '••••••')]" "config list --json: id, title, masked fields"

# env: and cmd: references
export CHITTY_TEST_GH_TOKEN="ghp_fromENVvariable42"
run_chitty config add github-repo envgh --set token=env:CHITTY_TEST_GH_TOKEN --set owner=octo \
	--set repo=hello --set "apiUrl=$api"
is "$rc" 0 "an env: reference is resolved for the test"
is "$(fixture_query 'reqs[-1]["headers"].get("authorization")')" "Bearer ghp_fromENVvariable42" \
	"and its value is sent"
run_chitty config show envgh
like "$out" '^token +env:CHITTY_TEST_GH_TOKEN$' "a reference is shown as it is"
unset CHITTY_TEST_GH_TOKEN
run_chitty config test envgh
is "$rc" 1 "an unset variable fails the test"
like "$err" "envgh: remote 'envgh': token: environment variable CHITTY_TEST_GH_TOKEN is not set" \
	"naming the variable"
export CHITTY_TEST_GH_TOKEN=
run_chitty config test envgh
unset CHITTY_TEST_GH_TOKEN
is "$rc" 1 "an empty variable fails the test"
like "$err" "envgh: remote 'envgh': token: environment variable CHITTY_TEST_GH_TOKEN is empty$" \
	"  saying it is empty, not unset"
run_chitty config add github-repo cmdgh --set 'token=cmd:printf "%s\n" ghp_fromCOMMAND77' \
	--set owner=octo --set repo=hello --set "apiUrl=$api"
is "$rc" 0 "a cmd: reference runs its command"
is "$(fixture_query 'reqs[-1]["headers"].get("authorization")')" "Bearer ghp_fromCOMMAND77" \
	"and sends its trimmed output"
run_chitty config add github-repo cmdbad --set 'token=cmd:echo ghp_LEAKYoutput; exit 4' \
	--set owner=octo --set repo=hello --set "apiUrl=$api"
is "$rc" 1 "a failing cmd: reference fails"
like "$err" "the cmd: reference failed \(exit status 4\)" "with its status"
unlike "$err" "LEAKY" "and never its output"
printf '%s\n' "ghp_fromSTDIN55" | "$CHITTY_BIN" config add github-repo stdingh --set token=- \
	--set owner=octo --set repo=hello --set "apiUrl=$api" >/dev/null 2>&1
is "$(fixture_query 'reqs[-1]["headers"].get("authorization")')" "Bearer ghp_fromSTDIN55" \
	"--set KEY=- reads the value from stdin"

# config test
run_chitty config test tracker
is "$rc:$out" "0:tracker: GitHub: connected to octo/hello (private)" "config test: one line"
run_chitty config add github-repo badtok --set token=bad-one --set owner=octo --set repo=hello \
	--set "apiUrl=$FIXTURE_URL/s/echo-token/github" --no-test
run_chitty config test badtok
is "$rc" 1 "config test of a wrong token fails"
like "$err" "badtok: GitHub: Bad credentials \(you sent ••••••\) \(HTTP 401\)" \
	"with the API's error, the echoed token masked"
unlike "$err" "bad-one" "the token never appears"
run_chitty config test nope
is "$rc" 1 "config test of an unknown remote fails"
run_chitty config test trackr
like "$err" "did you mean 'tracker'" "with a suggestion"

# literal secrets in a file others can read
chmod 644 "$conf"
run_chitty config test tracker
like "$err" "warning: .*config.json is readable by others and holds the token of remote" \
	"a literal secret in a readable config is warned about"
is "$(printf '%s\n' "$err" | grep -c 'readable by others')" 1 "once"
run_chitty gh issues list --remote tracker --limit 1
like "$err" "readable by others" "provider commands warn too"
chmod 600 "$conf"
run_chitty config test tracker
unlike "$err" "readable" "no warning once the file is private"
python3 - "$conf" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
c["remotes"] = {"envgh": c["remotes"]["envgh"]}
json.dump(c, open(sys.argv[1], "w"))
EOF
chmod 644 "$conf"
run_chitty config list
unlike "$err" "readable" "references only: no warning even when readable"
chmod 600 "$conf"

# unknown keys survive, remove
python3 - "$conf" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
c["theme"] = {"accent": "magenta"}
c["remotes"]["envgh"]["note"] = "kept"
json.dump(c, open(sys.argv[1], "w"))
EOF
add_github second
is "$(python3 -c 'import json,sys; c=json.load(open(sys.argv[1])); print(c["theme"]["accent"], c["remotes"]["envgh"]["note"], sorted(c["remotes"]))' "$conf")" \
	"magenta kept ['envgh', 'second']" "unknown keys survive an edit"
mkdir -p "$XDG_CACHE_HOME/chitty/remotes"
echo '{}' >"$XDG_CACHE_HOME/chitty/remotes/second.json"
run_chitty config remove second
is "$rc:$out" "0:removed remote 'second'" "config remove"
ok "its cache went with it" test ! -e "$XDG_CACHE_HOME/chitty/remotes/second.json"
run_chitty config remove second
is "$rc" 1 "removing it again fails"

# invalid config: reported with line and column, never overwritten
printf '{\n  "remotes": {,\n}\n' >"$conf"
cp "$conf" "$SANDBOX/broken.json"
run_chitty config list
is "$rc" 1 "an invalid config.json fails"
like "$err" 'config.json:2:16: invalid JSON' "with its line and column"
run_chitty config add github-repo x --set token=t --set owner=o --set repo=r --no-test
is "$rc" 1 "config add refuses to write over it"
ok "the file is unchanged" cmp -s "$conf" "$SANDBOX/broken.json"
run_chitty config remove x
ok "config remove too" cmp -s "$conf" "$SANDBOX/broken.json"
run_chitty gh issues list
is "$rc" 1 "provider commands report it"
like "$err" 'invalid JSON' "with the same message"

# atomic write: kill a writer between the temporary file and the rename
printf '{"remotes": {"keep": {"type": "github-repo", "token": "env:X", "owner": "o", "repo": "r"}}}\n' >"$conf"
cp "$conf" "$SANDBOX/good.json"
killed=0
for size in 40000000 100000000; do
	rm -f "$conf".tmp.*
	head -c "$size" /dev/zero | tr '\0' a >"$SANDBOX/big"
	"$CHITTY_BIN" config add github-repo big --no-test --set token=env:X --set owner=o \
		--set repo=- <"$SANDBOX/big" >/dev/null 2>&1 &
	pid=$!
	# Wait for the temporary file to fill, then kill before the rename.
	i=0
	while [ "$i" -lt 6000 ]; do
		tmp=$(ls "$conf".tmp.* 2>/dev/null | head -n 1)
		if [ -n "$tmp" ] && [ "$(stat -c %s "$tmp" 2>/dev/null || echo 0)" -gt 1000 ]; then
			kill -9 "$pid" 2>/dev/null && killed=1
			break
		fi
		kill -0 "$pid" 2>/dev/null || break
		i=$((i + 1))
	done
	wait "$pid" 2>/dev/null
	[ "$killed" = 1 ] && ls "$conf".tmp.* >/dev/null 2>&1 && break
	killed=0
	cp "$SANDBOX/good.json" "$conf"
done
rm -f "$SANDBOX/big"
if [ "$killed" = 1 ]; then
	ok "a writer killed mid-write leaves the old config.json intact" cmp -s "$conf" "$SANDBOX/good.json"
	run_chitty config list
	like "$out" '^keep ' "and it still loads"
else
	skip "a writer killed mid-write leaves the old config.json intact" "the write finished before the kill could land"
	skip "and it still loads" "the write finished before the kill could land"
fi
rm -f "$conf".tmp.*

run_chitty config --no-test </dev/null
is "$rc" 2 "the form without a terminal is a usage error"
like "$err" "needs a terminal; use 'chitty config add" "pointing at config add"

done_testing
