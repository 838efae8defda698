#!/bin/sh
# The first-screen snapshot: the second start draws a complete first frame
# from it before the catalog is loaded; a changed extension, a damaged
# snapshot or a --query start do without it; CHITTY_TRACE records it all.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
ui_setup launcher.md
trace="$SANDBOX/trace"
snap="$XDG_CACHE_HOME/chitty/launcher/snapshot.json"
start() { rm -f "$trace"; e2e_start 100 20 env CHITTY_TRACE="$trace" "$@"; }

start "$CHITTY_BIN"
e2e_expect '^▌ .*Write Marker' "the first start"
e2e_send C-c
e2e_wait_exit 5
like "$(awk '$1 == "phase" && $3 == "snapshot"' "$trace")" 'snapshot 0' "has no snapshot to draw from"
ok "and saves one" test -s "$snap"
mode=$(stat -c %a "$snap" 2>/dev/null || stat -f %Lp "$snap")
is "$mode" 600 "a private file"

start "$CHITTY_BIN"
e2e_expect '^▌ .*Write Marker' "the second start"
e2e_send C-c
e2e_wait_exit 5
like "$(awk '$1 == "phase" && $3 == "snapshot"' "$trace")" 'snapshot 1' "draws from the snapshot"
order=$(awk '$1 == "frame" { print $1, $3 } $1 == "ready" { print $1 }' "$trace" | head -2 | tr '\n' ' ')
is "$order" "frame 1 ready " "its first frame is complete before the catalog is ready"

cat >>"$XDG_CONFIG_HOME/chitty/extensions/launcher.md" <<'EOS'

## Brand New
<!-- description: added after the snapshot -->

```bash
echo new
```
EOS
start "$CHITTY_BIN"
e2e_expect 'Brand New' "a changed extension shows at once"
e2e_send C-c
e2e_wait_exit 5
like "$(awk '$1 == "phase" && $3 == "snapshot"' "$trace")" 'snapshot 0' "the stale snapshot was not used"

echo '{"format": 1, "fingerprint": "x", "items": [{"index": "no"}]}' >"$snap"
start "$CHITTY_BIN"
e2e_expect '^▌ .*Write Marker' "a damaged snapshot"
e2e_send C-c
e2e_wait_exit 5
like "$(awk '$1 == "phase" && $3 == "snapshot"' "$trace")" 'snapshot 0' "is not used"
printf '\377\376garbage' >"$snap"
start "$CHITTY_BIN"
e2e_expect '^▌ .*Write Marker' "nor is a garbage one"
e2e_send C-c
e2e_wait_exit 5

start "$CHITTY_BIN" --query hello
e2e_expect '^▌ .*Say Hello' "a --query start"
e2e_send C-c
e2e_wait_exit 5
like "$(awk '$1 == "phase" && $3 == "snapshot"' "$trace")" 'snapshot 0' "ranks the catalog instead"
like "$(cat "$trace")" '^key [0-9]+$' "keys are traced"
like "$(cat "$trace")" '^ranked [0-9]+ [0-9]+$' "rankings are traced"

done_testing
