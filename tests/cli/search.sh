#!/bin/sh
# chitty search: each ranking rule of search.h through the CLI (exact alias
# first; title beats keyword beats subtitle; frecency lifts; ties keep
# catalog order; the empty query), the output (table, --json, --limit), no
# match, UTF-8 and hostile queries, and what happens around a broken config
# or history.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox

# Only the extensions written here (no shipped ones), so the order is known.
export CHITTY_DATA_DIR="$SANDBOX/no-data"
userdir="$XDG_CONFIG_HOME/chitty/extensions"
hist="$XDG_STATE_HOME/chitty/history"
mkdir -p "$userdir" "$XDG_STATE_HOME/chitty"
now=$(date +%s)

# Extension titles ("Kit A", "Kit B") are the group field: chosen so they
# match none of the queries below.
cat >"$userdir/rank-a.md" <<'EOF'
---
name: rank-a
title: Kit A
description: Ranking fixtures
icon: 🧪
author: chitty
categories: [Developer Tools]
---

## Push Out
<!-- description: deploy the site -->
```bash
echo push
```

## Ship It
<!-- keywords: deploy -->
```bash
echo ship
```

## Deploy
```bash
echo deploy
```

## Zebra Tool
<!-- alias: gg -->
```bash
echo zebra
```

## gg
```bash
echo gg
```

## Open Notes
```bash
echo notes
```

## Open Nodes
```bash
echo nodes
```

## Café Crème
```bash
echo cafe
```

## 日本語のコマンド
```bash
echo nihongo
```

## 🚀 Launch Rocket
```bash
echo rocket
```
EOF
cat >"$userdir/rank-b.md" <<'EOF'
---
name: rank-b
title: Kit B
description: More ranking fixtures
icon: 🧪
author: chitty
categories: [Developer Tools]
keywords: [deploy]
---

## Beta One
```bash
echo one
```

## Beta Two
```bash
echo two
```
EOF

# ids [ARGS...]: the ids `chitty search --json ARGS` prints, one per line.
ids() {
	run_chitty search --json "$@"
	json '"\n".join(r["id"] for r in j)'
}
# write_history LINE...: a history file in the documented format.
write_history() {
	{
		echo "# chitty history 1: id, uses, last use times (newest first)"
		for l in "$@"; do printf '%s\n' "$l"; done
	} >"$hist"
}
nl='
'

# --- rule 2: fields, best one counts ---------------------------------------
got=$(ids deploy)
is "$got" "rank-a/deploy${nl}rank-a/ship-it${nl}rank-a/push-out" \
	"title beats keyword beats subtitle (catalog order is the reverse)"
run_chitty search --json deploy
is "$(json '",".join(r["match"] for r in j)')" "title,keyword,subtitle" \
	"each result names the field that matched"
is "$(json 'j[0]["score"] > j[1]["score"] > j[2]["score"]')" True "scores are strictly ordered"
unlike "$got" 'rank-b/' "an extension's keywords are not its commands' keywords"

# --- rule 1: exact alias first ---------------------------------------------
got=$(ids gg)
is "$got" "rank-a/zebra-tool${nl}rank-a/gg" "an exact alias beats an exact title"
run_chitty search --json gg
is "$(json 'j[0]["match"] + " " + str(j[0]["score"])')" "alias-exact 1000" \
	"the alias result says so, with SEARCH_ALIAS_SCORE"
is "$(ids GG)" "rank-a/zebra-tool" \
	"the alias ignores ASCII case; the uppercase query does not match the title 'gg'"
is "$(ids g)" "rank-a/gg${nl}rank-a/zebra-tool" \
	"one letter of an alias is not the alias: a title match beats an alias match"

# --- rule 4: ties keep catalog order ----------------------------------------
got=$(ids open no)
is "$got" "rank-a/open-notes${nl}rank-a/open-nodes" "equal scores keep catalog order"
is "$(ids 'open no')" "$got" "arguments are joined with spaces: the same words"

# --- rule 3: frecency lifts ----------------------------------------------------
write_history "rank-a/open-nodes	5	$now,$((now - 60)),$((now - 3600))"
got=$(ids open no)
is "$got" "rank-a/open-nodes${nl}rank-a/open-notes" "a used item goes before its equal"
run_chitty search --json open no
is "$(json 'j[0]["frecency"] > 0 and j[1]["frecency"] == 0')" True "--json reports the frecency"
is "$(json '0 < j[0]["score"] - j[1]["score"] < 1')" True "the boost is under one point"

write_history "rank-a/push-out	900	$now,$now,$now,$now,$now"
is "$(ids deploy)" "rank-a/deploy${nl}rank-a/ship-it${nl}rank-a/push-out" \
	"frecency does not lift a subtitle match over better ones"

write_history "rank-a/push-out	1	$((now - 200 * 86400))" "rank-a/ship-it	1	$((now - 60))"
run_chitty search --json ship
is "$(json 'j[0]["id"]')" "rank-a/ship-it" "a recent use counts"
run_chitty search --json push
is "$(json 'round(j[0]["frecency"])')" 10 "a use 200 days ago weighs 10 (the oldest bucket)"

# chitty run records the use; search ranks with it.
rm -f "$hist"
run_chitty run rank-a/open-nodes
is "$rc:$out" "0:nodes" "chitty run runs the command"
is "$(ids open no)" "rank-a/open-nodes${nl}rank-a/open-notes" \
	"a command run with chitty run goes before its equal"

# --- rule 5: the empty query ------------------------------------------------
rm -f "$hist"
all_ids="rank-a/push-out rank-a/ship-it rank-a/deploy rank-a/zebra-tool rank-a/gg rank-a/open-notes rank-a/open-nodes rank-a/café-crème rank-a/日本語のコマンド rank-a/launch-rocket rank-b/beta-one rank-b/beta-two"
is "$(ids | tr '\n' ' ')" "$all_ids " "no query, no history: every item in catalog order"

write_history "rank-b/beta-two	3	$now" "rank-a/gg	1	$((now - 3 * 86400))"
got=$(ids)
is "$(printf '%s\n' "$got" | head -n 2 | tr '\n' ' ')" "rank-b/beta-two rank-a/gg " \
	"no query: the most frecent first"
is "$(printf '%s\n' "$got" | sed 1,2d | tr '\n' ' ')" \
	"rank-a/push-out rank-a/ship-it rank-a/deploy rank-a/zebra-tool rank-a/open-notes rank-a/open-nodes rank-a/café-crème rank-a/日本語のコマンド rank-a/launch-rocket rank-b/beta-one " \
	"then the rest grouped by source, in catalog order"
run_chitty search --json
is "$(json '[r["match"] for r in j[:3]]')" "['none', 'none', 'none']" "no query matches no field"
is "$(json 'j[0]["score"] > j[1]["score"] > j[2]["score"] == 0')" True \
	"frecent items score their boost, the rest 0"
run_chitty search ""
is "$rc:$(printf '%s\n' "$out" | sed -n 2p | awk '{print $1, $2}')" "0:Beta Two" \
	"an empty argument is the empty query"
rm -f "$hist"

# --- output -------------------------------------------------------------------
run_chitty search deploy
is "$rc" 0 "search exits 0"
like "$(printf '%s\n' "$out" | head -n 1)" '^TITLE +SUBTITLE +KIND +SOURCE +ID$' "a table with headers"
like "$out" '^Push Out +deploy the site +command +ext:rank-a +rank-a/push-out$' \
	"rows show title, subtitle, kind, source and id"
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 4 "a header and three rows"
is "$err" "" "nothing on stderr"

run_chitty search --scores deploy
like "$(printf '%s\n' "$out" | head -n 1)" '^SCORE +MATCH +TITLE ' "--scores adds SCORE and MATCH"
like "$out" '^7\.000 +title +Deploy ' "an exact title scores n + 1"
like "$out" '^6\.000 +keyword +Ship It ' "an exact keyword n (weight -1)"

run_chitty search --limit 2 deploy
is "$(printf '%s\n' "$out" | wc -l | tr -d ' ')" 3 "--limit 2: the header and two rows"
is "$(ids -n 1 deploy)" "rank-a/deploy" "-n 1 keeps the best"
is "$(ids --limit 100 deploy | wc -l | tr -d ' ')" 3 "a limit above the matches prints them all"
is "$(ids --limit 3 | wc -l | tr -d ' ')" 3 "--limit applies to the empty query too"
for bad in 0 -1 abc 1x ''; do
	run_chitty search --limit "$bad" x
	is "$rc" 2 "--limit '$bad' is a usage error"
done
like "$err" "^usage: chitty search" "with the usage"

run_chitty search --json deploy
is "$(json 'type(j).__name__ + " " + str(len(j))')" "list 3" "--json prints an array"
is "$(json 'all(isinstance(r["id"], str) and isinstance(r["title"], str) and isinstance(r["source"], str) and isinstance(r["kind"], str) and isinstance(r["score"], (int, float)) for r in j)')" True \
	"each result has id, title, source, kind and a numeric score"
is "$(json 'j[2]["subtitle"] + "|" + j[2]["group"] + "|" + j[2]["icon"]')" "deploy the site|Kit A|🧪" \
	"and subtitle, group and icon"
is "$(json 'sorted(set(j[0]) - {"keywords", "subtitle", "alias", "url", "accessories", "disabled"})')" \
	"['actions', 'frecency', 'group', 'icon', 'id', 'kind', 'match', 'positions', 'score', 'source', 'title']" \
	"the keys of a result (no preview)"
is "$(json 'j[0]["positions"]')" "[0, 1, 2, 3, 4, 5]" "title positions for highlighting"
is "$(json 'j[0]["actions"][0]["kind"] + " " + j[0]["actions"][0]["target"]')" "run rank-a/deploy" \
	"the primary action runs the command"
run_chitty search --json gg
is "$(json 'j[0]["alias"]')" gg "the alias is in the JSON"

# --- no match -----------------------------------------------------------------
run_chitty search zzqqxx
is "$rc:$out:$err" "0::" "no match: exit 0, nothing printed (like fzy -e)"
run_chitty search --json zzqqxx
is "$rc:$out" "0:[]" "no match with --json: an empty array"

# --- UTF-8 --------------------------------------------------------------------
is "$(ids crème)" "rank-a/café-crème" "an accented query finds the accented title"
is "$(ids 日本)" "rank-a/日本語のコマンド" "a CJK query"
is "$(ids 🚀 | head -n 1)" "rank-a/launch-rocket" "an emoji query"
run_chitty search --json café
is "$(json 'j[0]["positions"]')" "[0, 1, 2, 3, 4]" "positions are byte offsets (é is two bytes: 3 and 4)"
run_chitty search crème
like "$out" '^Café Crème +command ' "the table aligns accented titles"

# --- hostile queries ------------------------------------------------------------
long=$(head -c 100000 /dev/zero | tr '\0' a)
run_chitty search "$long"
is "$rc:$out" "0:" "a 100,000-byte query: no match, no crash"
run_chitty search --json "$(printf 'de\001p\033[31mloy')"
is "$rc:$out" "0:[]" "control characters are query bytes like any other"
run_chitty search "$(printf 'deploy\n')x"
is "$rc" 0 "a newline in the query"
run_chitty search "$(printf '\377\376de')"
is "$rc:$out" "0:" "invalid UTF-8 in the query"
run_chitty search -- --json
is "$rc:$out" "0:" "after --, --json is a query"
run_chitty search '%s%n%s'
is "$rc" 0 "printf directives are just text"

# --- around the ranking ------------------------------------------------------------
mkdir -p "$XDG_CONFIG_HOME/chitty"
"$CHITTY_BIN" ext disable rank-b >/dev/null 2>&1
is "$(ids beta)" "" "a disabled extension's commands are not searched"
"$CHITTY_BIN" ext enable rank-b >/dev/null 2>&1
is "$(ids beta | wc -l | tr -d ' ')" 2 "enabled again, they are"

cp "$XDG_CONFIG_HOME/chitty/config.json" "$SANDBOX/config.json.bak"
printf '{"extensions": ' >"$XDG_CONFIG_HOME/chitty/config.json"
run_chitty search deploy
is "$rc" 0 "an invalid config.json does not stop the search"
like "$err" '^chitty: warning: .*config.json:1:.*invalid JSON.*searching without it' \
	"a one-line warning names the file"
like "$out" 'rank-a/deploy' "and extensions are still searched"
mv "$SANDBOX/config.json.bak" "$XDG_CONFIG_HOME/chitty/config.json"

write_history "rank-a/open-nodes	5	$now" "garbage line" "rank-a/open-notes	-3	$now"
is "$(ids open no)" "rank-a/open-nodes${nl}rank-a/open-notes" "damaged history lines are skipped"
rm -f "$hist"
mkdir "$hist"
run_chitty search deploy
is "$rc" 0 "an unreadable history does not stop the search"
like "$err" '^chitty: warning: .*history.*ranking without the launch history' "it is a warning"
rmdir "$hist"

# The shipped extensions, as a user sees them.
export CHITTY_DATA_DIR="$CHITTY_SRCDIR"
rm -rf "$userdir"
is "$(ids capture area | head -n 1)" "cleanshot/capture-area" "shipped: 'capture area' finds CleanShot's Capture Area"
is "$(ids tmux | head -n 1 | cut -d/ -f1)" "tmux" "shipped: 'tmux' finds the tmux extension by its title"
# --- rule 6: several words, each anywhere ---------------------------------------
is "$(ids chrome history)" "chrome/search-history" "rule 6: 'chrome history': the extension's title and the command's"
is "$(ids history chrome)" "chrome/search-history" "rule 6: in any order"
is "$(ids 'tmux split' | head -n 2 | cut -d/ -f1 | sort -u)" "tmux" "rule 6: 'tmux split': tmux's Split commands first"
is "$(ids chrome zzzz)" "" "rule 6: a word matching nowhere: nothing"

done_testing
