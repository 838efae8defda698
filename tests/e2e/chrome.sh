#!/bin/sh
# The shipped chrome.md on Linux: Search Bookmarks and Search History read
# a Chrome profile (a made-up one: a Chrome-format Bookmarks file and a
# History database with Chrome's urls schema), prompt through the
# launcher, and open the chosen page with the opener.  History is read
# with bun:sqlite under bun, node:sqlite under deno, and the sqlite3
# program under tsx on a node without node:sqlite.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"
sandbox
command -v sqlite3 >/dev/null 2>&1 || skip_all "sqlite3 is not installed (Debian's sqlite3)"
export CHITTY_DATA_DIR="$CHITTY_SRCDIR"
deps="${CHITTY_TEST_DEPS:-$CHITTY_SRCDIR/tests/.deps}/node_modules/.bin"
profile="$XDG_CONFIG_HOME/google-chrome/Default"
mkdir -p "$profile" "$SANDBOX/bin"
cat >"$profile/Bookmarks" <<'JSON'
{
  "checksum": "0",
  "roots": {
    "bookmark_bar": {"children": [
      {"date_added": "13300000000000000", "id": "2", "name": "Chitty Docs", "type": "url", "url": "https://chitty.example/docs"},
      {"children": [
        {"id": "4", "name": "Zebra Facts", "type": "url", "url": "https://zebra.example/facts?a=1&b=2"}
      ], "id": "3", "name": "Animals", "type": "folder"}
    ], "id": "1", "name": "Bookmarks bar", "type": "folder"},
    "other": {"children": [
      {"id": "6", "name": "Other Page", "type": "url", "url": "https://other.example/"}
    ], "id": "5", "name": "Other bookmarks", "type": "folder"},
    "synced": {"children": [], "id": "7", "name": "Mobile bookmarks", "type": "folder"}
  },
  "version": 1
}
JSON
# Chrome's urls table; times are microseconds since 1601-01-01
chrome_time() { echo $((($1 + 11644473600) * 1000000)); }
sqlite3 "$profile/History" <<SQL
CREATE TABLE urls(id INTEGER PRIMARY KEY AUTOINCREMENT,url LONGVARCHAR,title LONGVARCHAR,visit_count INTEGER DEFAULT 0 NOT NULL,typed_count INTEGER DEFAULT 0 NOT NULL,last_visit_time INTEGER NOT NULL,hidden INTEGER DEFAULT 0 NOT NULL);
INSERT INTO urls(url,title,visit_count,last_visit_time) VALUES('https://old.example/page','An Old Page',3,$(chrome_time 1500000000));
INSERT INTO urls(url,title,visit_count,last_visit_time) VALUES('https://recent.example/news','Recent News',12,$(chrome_time 1760000000));
INSERT INTO urls(url,title,visit_count,last_visit_time,hidden) VALUES('https://hidden.example/','Hidden One',1,$(chrome_time 1700000000),1);
SQL
cat >"$SANDBOX/bin/opener" <<EOS
#!/bin/sh
printf '%s\n' "\$1" >>"$SANDBOX/opened"
EOS
chmod +x "$SANDBOX/bin/opener"
export CHITTY_OPENER="$SANDBOX/bin/opener"

# a folder holding one runtime (and node for tsx)
runtime_path() {
	local dir="$SANDBOX/rt-$1"
	mkdir -p "$dir"
	ln -sf "$(readlink -f "$deps/$1")" "$dir/$1"
	echo "$dir:$PATH"
}
runtime_ok() { [ -x "$deps/$1" ] && "$deps/$1" --version >/dev/null 2>&1; }

bookmarks() { # RUNTIME
	: >"$SANDBOX/opened"
	e2e_start 110 24 env PATH="$(runtime_path "$1")" "$CHITTY_BIN" --query 'search bookmarks'
	e2e_expect '^▌ .*Search Bookmarks' "$1: Search Bookmarks is listed"
	e2e_send Enter
	e2e_expect '^❯ Search bookmarks' "$1: its prompt opens" 15
	e2e_expect 'Chitty Docs  Bookmarks bar' "$1: bookmarks with their folders"
	e2e_expect 'Zebra Facts  Bookmarks bar / Animals' "$1: nested folders"
	e2e_expect 'Other Page  Other bookmarks' "$1: every root"
	e2e_type 'zebra'
	e2e_expect '^▌ Zebra Facts' "$1: typing filters"
	e2e_expect '│ https://zebra.example/facts\?a=1&b=2' "$1: the preview shows the URL"
	e2e_send Enter
	e2e_wait_exit 10
	is "$e2e_status" 0 "$1: choosing one ends the command and the launcher"
	is "$(cat "$SANDBOX/opened")" "https://zebra.example/facts?a=1&b=2" "$1: the opener got its URL"
}

history() { # RUNTIME HOW
	: >"$SANDBOX/opened"
	e2e_start 110 24 env PATH="$(runtime_path "$1")" "$CHITTY_BIN" --query 'search history'
	e2e_expect '^▌ .*Search History' "$1: Search History is listed"
	e2e_send Enter
	e2e_expect '^❯ Search history' "$1: its prompt opens ($2)" 15
	e2e_expect '^▌ Recent News  .*12 visits' "$1: the latest visit first, with its count"
	e2e_expect 'An Old Page  .*2017.*3 visits' "$1: Chrome's 1601-based time read right (2017)"
	screen=$(e2e_screen)
	unlike "$screen" 'Hidden One' "$1: hidden rows are left out"
	e2e_type 'old page'
	e2e_expect '^▌ An Old Page' "$1: typing filters"
	e2e_send Enter
	e2e_wait_exit 10
	is "$(cat "$SANDBOX/opened")" "https://old.example/page" "$1: the opener got its URL"
}

if runtime_ok bun; then
	bookmarks bun
	history bun "bun:sqlite"
else
	skip "chrome.md under bun" "bun is not installed (./dev test installs it in tests/.deps)"
fi
if runtime_ok deno; then
	history deno "node:sqlite"
else
	skip "chrome.md under deno" "deno is not installed (./dev test installs it in tests/.deps)"
fi
if runtime_ok tsx; then
	bookmarks tsx
	if node -e 'require("node:sqlite")' 2>/dev/null; then how="node:sqlite"; else how="the sqlite3 program"; fi
	history tsx "$how"
else
	skip "chrome.md under tsx" "tsx is not installed (./dev test installs it in tests/.deps)"
fi

# The History database is locked by a running Chrome: it is read from a copy.
ls "${TMPDIR:-/tmp}" | grep -q '^chitty-chrome-' && fail "the private copies are removed" ||
	pass "the private copies are removed"
done_testing
