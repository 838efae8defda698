#!/bin/sh
# chitty refresh and the resource cache: progress lines, failures, concurrency,
# staleness (ttl, edited remotes), corrupt caches, secrets never written;
# chitty open.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
tok=$GITHUB_TOKEN_VALUE
cache="$XDG_CACHE_HOME/chitty/remotes"
mode_of() { stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1"; }

run_chitty refresh
is "$rc" 0 "refresh without remotes exits 0"
like "$err" "no remotes are configured" "and says so"

add_github tracker
"$CHITTY_BIN" config add github-project board --no-test --set "token=$tok" --set owner=octo \
	--set project=2 --set repo=hello --set "apiUrl=$FIXTURE_URL/github" >/dev/null 2>&1
run_chitty refresh
is "$rc" 0 "refresh exits 0"
like "$out" '^tracker: 31 items \([0-9]+\.[0-9] s\)$' "one progress line per remote"
like "$out" '^board: 38 items \([0-9]+\.[0-9] s\)$' "issues and project items together"
ok "the cache folder is 0700" test "$(mode_of "$cache")" = 700
ok "cache files are 0600" test "$(mode_of "$cache/tracker.json")" = 600
cachejson() { python3 -c "import json, sys; c = json.load(open(sys.argv[1])); print($2)" "$cache/$1.json"; }
is "$(cachejson tracker '(c["format"], c["remote"], c["type"], len(c["fingerprint"]), len(c["items"]))')" \
	"(1, 'tracker', 'github-repo', 16, 31)" "the cache: format, remote, type, fingerprint, items"
is "$(cachejson tracker '[i["id"] for i in c["items"]][:2]')" "['tracker/issue/44', 'tracker/issue/43']" \
	"item ids"
is "$(cachejson tracker 'sorted(set(i["source"] for i in c["items"]))')" "['remote:tracker']" \
	"item source"
is "$(cachejson tracker '[(a["id"], a["kind"]) for a in c["items"][0]["actions"]]')" \
	"[('open', 'open'), ('copy-url', 'copy'), ('copy-number', 'copy'), ('comment', 'remote'), ('close', 'remote')]" \
	"actions: open, copy URL, copy number, comment, close"
is "$(cachejson tracker '[(a["remote"], a["verb"], a["target"], a["confirm"], a["destructive"]) for a in c["items"][0]["actions"] if a["id"] == "close"]')" \
	"[('tracker', 'issues close', '44', True, True)]" "close is a confirmed provider verb"
is "$(cachejson tracker '[a["text"] for a in c["items"][1]["accessories"]]')" "['open', '2024-05-16']" \
	"accessories: state and date"
is "$(cachejson tracker 'next(i for i in c["items"] if i["id"] == "tracker/issue/12")["preview"].splitlines()[:3]')" \
	"['# Issue number 12', '', '**octo/hello #12** · open']" "a markdown preview"
like "$(cachejson tracker 'next(i for i in c["items"] if i["id"] == "tracker/issue/12")["preview"]')" \
	'Labels: `bug`, `ui`' "with labels"
is "$(cachejson board 'sorted(set(i["kind"] for i in c["items"]))')" "['issue', 'project-item']" \
	"a project remote caches both"
is "$(cachejson board '[i["subtitle"] for i in c["items"] if i["kind"] == "project-item"][:2]')" \
	"['Personal board · octo/hello #100', 'Personal board · octo/hello #101']" "project items' subtitles"

# --stale: fresh caches are left alone
fixture_clear_log
run_chitty refresh --stale
is "$rc:$out" "0:" "refresh --stale with fresh caches does nothing"
is "$(fixture_query 'len(reqs)')" 0 "no request"
# an edited remote is stale (its fingerprint changed)
"$CHITTY_BIN" config add github-repo tracker --force --no-test --set "token=$tok" --set owner=octo \
	--set repo=hello --set "apiUrl=$FIXTURE_URL/s/edited/github" >/dev/null 2>&1
run_chitty refresh --stale
like "$out" '^tracker: 31 items' "an edited remote is refreshed by --stale"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 1 "and only it"
# ttl
"$CHITTY_BIN" config add github-repo tracker --force --no-test --set "token=$tok" --set owner=octo \
	--set repo=hello --set "apiUrl=$FIXTURE_URL/s/edited/github" --set ttl=60 >/dev/null 2>&1
run_chitty refresh --stale
is "$out" "" "a ttl change alone keeps the cache"
"$CHITTY_BIN" config add github-repo tracker --force --no-test --set "token=$tok" --set owner=octo \
	--set repo=hello --set "apiUrl=$FIXTURE_URL/s/edited/github" --set ttl=1 >/dev/null 2>&1
sleep 1.2
run_chitty refresh --stale tracker
like "$out" '^tracker: 31 items' "past its ttl, it is stale"

# a corrupt cache is discarded and refetched
printf '{"format":1,"items":[{"id":' >"$cache/tracker.json"
run_chitty refresh --stale
like "$out" '^tracker: 31 items' "a truncated cache counts as stale"
is "$(cachejson tracker 'len(c["items"])')" 31 "and is written again"
printf '{"format":99,"remote":"tracker","fingerprint":"x","fetchedAt":1,"items":[]}' >"$cache/tracker.json"
run_chitty refresh --stale tracker
like "$out" '^tracker: 31 items' "a cache of another format too"

# failures are per remote
"$CHITTY_BIN" config add github-repo broken --no-test --set token=bad-token --set owner=octo \
	--set repo=hello --set "apiUrl=$FIXTURE_URL/s/echo-token/github" >/dev/null 2>&1
cp "$cache/tracker.json" "$SANDBOX/tracker-before.json"
run_chitty refresh
is "$rc" 1 "a failed remote makes refresh exit 1"
like "$err" '^chitty: broken: GitHub: Bad credentials \(you sent ••••••\) \(HTTP 401\)$' \
	"with an error line for it"
unlike "$out" 'broken' "stdout keeps only the counts"
like "$out" '^tracker: 31 items' "the others are refreshed anyway"
like "$out" '^board: 38 items' "all of them"
ok "no cache for the failed remote" test ! -e "$cache/broken.json"
run_chitty refresh nope tracker
is "$rc" 1 "an unknown remote fails"
like "$err" "^chitty: nope: no remote 'nope'" "with a line of its own on stderr"
like "$out" '^tracker: 31 items' "the named ones are refreshed"
python3 - "$XDG_CONFIG_HOME/chitty/config.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
c["remotes"]["weird"] = {"type": "gitlab-project"}
del c["remotes"]["broken"]
json.dump(c, open(sys.argv[1], "w"))
EOF
run_chitty refresh
is "$rc" 0 "remotes that cannot refresh are skipped when refreshing all"
like "$out" "^weird: skipped \(unknown type 'gitlab-project'\)$" "saying why"
run_chitty refresh weird
is "$rc" 1 "but named, they fail"
python3 - "$XDG_CONFIG_HOME/chitty/config.json" <<'EOF'
import json, sys
c = json.load(open(sys.argv[1]))
del c["remotes"]["weird"]
json.dump(c, open(sys.argv[1], "w"))
EOF

# a failed refresh keeps the old cache
"$CHITTY_BIN" config add github-repo tracker --force --no-test --set "token=$tok" --set owner=octo \
	--set repo=hello --set "apiUrl=$FIXTURE_URL/s/fail=50/github" >/dev/null 2>&1
cp "$cache/tracker.json" "$SANDBOX/tracker-good.json"
run_chitty refresh tracker
is "$rc" 1 "a remote that keeps failing"
like "$err" '^chitty: tracker: GitHub: Service Unavailable \(HTTP 503\) after 4 attempts$' "its error"
ok "leaves its old cache as it was" cmp -s "$cache/tracker.json" "$SANDBOX/tracker-good.json"

# concurrency: slow remotes refresh in parallel
for n in 1 2 3; do add_github "slow$n" "slow=2000,s$n"; done
start=$(now_ms)
run_chitty refresh slow1 slow2 slow3
took=$(($(now_ms) - start))
is "$rc" 0 "three slow remotes"
is "$(printf '%s\n' "$out" | grep -c '^slow[123]: 31 items')" 3 "all refreshed"
ok "in parallel: ${took} ms, not the 6000 ms of one after another" test "$took" -lt 5000
is "$(fixture_query 'len(set(r["client"] for r in reqs if r["scenario"].startswith("slow")))')" 3 \
	"on three connections"
diag "three remotes of 2 s each refreshed in ${took} ms"

# secrets never reach stdout, stderr, caches or chitty's own files
add_github leaky echo-token
run_chitty refresh leaky
is "$rc" 0 "a server that puts the token into an issue's body"
ok "the cache has it masked" grep -q 'Leaked: ••••••' "$cache/leaky.json"
found=$(grep -rl -- "$tok" "$XDG_CACHE_HOME" "$XDG_STATE_HOME" "$HOME" 2>/dev/null)
is "$found" "" "the token is in no file under the cache, state or home folders"
unlike "$out$err" "$tok" "nor in refresh's output"
is "$(fixture_query 'sum(1 for r in reqs if r["error"] and "'"$tok"'" in r["error"])')" 0 \
	"nor in any error chitty was answered with that it could have repeated"

# chitty open
run_chitty open tracker --print
is "$rc:$out" "0:$FIXTURE_URL/s/fail=50/github/octo/hello" "open --print: the apiUrl's site"
"$CHITTY_BIN" config add github-repo public --no-test --set token=env:NOPE --set owner=octo \
	--set repo=hello >/dev/null 2>&1
run_chitty open public --print
is "$rc:$out" "0:https://github.com/octo/hello" "github.com for api.github.com (no request needed)"
"$CHITTY_BIN" config add github-repo ghe --no-test --set token=env:NOPE --set owner=octo \
	--set repo=hello --set apiUrl=https://ghe.example.com/api/v3 >/dev/null 2>&1
run_chitty open ghe --print
is "$rc:$out" "0:https://ghe.example.com/octo/hello" "an Enterprise host's site"
run_chitty open board --print
is "$rc:$out" "0:https://github.com/users/octo/projects/2" "a project's page, as GitHub gives it"
run_chitty open nope
is "$rc" 1 "open of an unknown remote fails"
cat >"$SANDBOX/opener" <<EOF
#!/bin/sh
printf '%s\n' "\$1" >"$SANDBOX/opened"
EOF
chmod +x "$SANDBOX/opener"
export CHITTY_OPENER="$SANDBOX/opener"
run_chitty open public
unset CHITTY_OPENER
is "$rc:$(cat "$SANDBOX/opened" 2>/dev/null)" "0:https://github.com/octo/hello" \
	"open passes the page to the opener"

done_testing
