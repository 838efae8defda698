#!/bin/sh
# `chitty config`: the "New remote" screen driven in tmux — the list of remote
# types filtered by typing, the type's form (secrets masked), the connection
# test against the fixture server: a failure keeps the form and its values,
# fixed and resubmitted it saves; save without testing; an existing name;
# --no-test; an env: reference; Esc paths; a tiny terminal and a resize.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"

tok=$GITHUB_TOKEN_VALUE
bad="bad_SECRETtoken0123456789"
conf="$XDG_CONFIG_HOME/chitty/config.json"
confjson() { python3 -c "import json, sys; c = json.load(open(sys.argv[1])); print($1)" "$conf" 2>&1; }
# Every screen captured, to check no secret was ever shown.
seen="$SANDBOX/screens"
: >"$seen"
snap() { e2e_screen >>"$seen"; }
dots() { printf '%s' "$1" | sed 's/./•/g'; }

# Fill the github-repo form from the Name field: name, token, owner, repo, apiUrl.
fill_repo() {
	e2e_send C-u
	e2e_type "$1"
	e2e_send Tab
	e2e_type "$2"
	e2e_send Tab
	e2e_type octo
	e2e_send Tab
	e2e_type hello
	e2e_send Tab
	e2e_type "$3"
}

e2e_start 100 30 "$CHITTY_BIN" config
e2e_expect 'New remote: type to filter' "the type list opens"
e2e_expect '^. github-repo +GitHub — ' "it lists GitHub's types with the provider"
e2e_expect '^. notion-database +Notion — ' "and Notion's"
e2e_expect 'Token \(required\) \(secret\)' "the preview lists the type's fields"
e2e_type 'gitlab'
e2e_expect 'No matches' "a filter matching no type"
e2e_send Enter
e2e_expect 'Nothing matches' "Enter there chooses nothing"
e2e_send Escape
e2e_expect '^. github-project ' "Esc clears the filter first"
e2e_type 'gh-repo'
e2e_expect '^▌ github-repo ' "typing filters the types"
e2e_send Enter
e2e_expect '^ New GitHub remote · github-repo' "Enter opens the type's form"
e2e_expect '^ +Name \* +github$' "the name is suggested from the provider"
e2e_expect '^ +Token \*' "the token is required"
e2e_expect '^ +Repository \* +hello-world' "fields show their example"
e2e_expect '^ +Cache lifetime +600 \(default\)' "and their default"
e2e_send C-u
e2e_type 'no good'
e2e_send C-s
e2e_expect 'Token \* .*✗ required' "required fields left empty are marked"
snap
# The focus went to the first field marked: the token.
e2e_type "$bad"
e2e_expect "Token \* +$(dots "$bad")( |\$)" "the token shows as one dot per character"
e2e_send BSpace
e2e_expect "Token \* +$(dots "${bad%?}")( |\$)" "backspace removes one"
e2e_type "${bad#"${bad%?}"}"
e2e_expect 'env:NAME or cmd:COMMAND' "the secret field says references work"
snap
e2e_send Tab
e2e_type octo
e2e_send Tab
e2e_type hello
e2e_send Tab
e2e_type "$FIXTURE_URL/s/echo-token/github"
e2e_send Tab
e2e_type 'soon'
e2e_send Enter
e2e_expect 'Name \* +no good +✗ letters, digits' "an invalid remote name is refused"
e2e_expect 'Cache lifetime +soon +✗ "ttl" must be a number' "a bad number is refused at its field"
# The focus is on the name now; up wraps to the last field.
e2e_send C-u
e2e_type 'work'
e2e_send Up C-u
e2e_send Enter
e2e_expect 'Connection test failed: GitHub: Bad credentials' "a wrong token fails the test: the error shows" 10
e2e_expect 'Save without testing\?' "and saving without the test is offered"
snap
if e2e_screen | grep -q "you sent ••••••"; then
	pass "the error is scrubbed of the secret the server echoed"
else
	fail "the error is scrubbed of the secret the server echoed"
	e2e_screen | sed 's/^/# | /'
fi
e2e_send Escape
e2e_wait_gone 'Save without testing' 5
e2e_expect "Token \* +$(dots "$bad")( |\$)" "no: the form is still there with the token"
e2e_expect '^ +Owner \* +octo$' "and the other values"
e2e_expect 'Connection test failed' "the error stays above the form"
is "$(test -e "$conf" && echo exists || echo none)" none "nothing written yet"
# Fix: the token (four fields up) and the API URL without the echo switch.
e2e_send Up
e2e_send C-u
e2e_type "$FIXTURE_URL/github"
e2e_send Up Up Up
e2e_send C-u
e2e_type "$tok"
snap
e2e_send C-s
e2e_wait_exit 10
is "$e2e_status" 0 "fixed and resubmitted: saved, exit 0"
like "$(e2e_screen)" "GitHub: connected to octo/hello" "the test's message is printed"
like "$(e2e_screen)" "added remote 'work' \(github-repo\) to .*config.json" \
	"then the line config add prints"
e2e_terminal_restored "the terminal is restored"
snap
is "$(confjson 'sorted(c["remotes"]["work"].items())')" \
	"[('apiUrl', '$FIXTURE_URL/github'), ('owner', 'octo'), ('repo', 'hello'), ('token', '$tok'), ('type', 'github-repo')]" \
	"config.json has the remote, defaults left out"
is "$(stat -c %a "$conf")" 600 "config.json is 0600"
is "$(fixture_query 'reqs[-1]["headers"].get("authorization")')" "Bearer $tok" \
	"the test used the typed token"

# An existing name is asked about; Esc goes back, and Esc in the list quits.
cp "$conf" "$SANDBOX/before.json"
e2e_start 100 30 "$CHITTY_BIN" config
e2e_type 'github-repo'
e2e_send Enter
e2e_expect '^ +Name \* +github$' "the form again (work is taken, github is not)"
fill_repo work "$tok" "$FIXTURE_URL/github"
e2e_send C-s
e2e_expect "A remote called 'work' exists. Replace it\?" "an existing name is asked about"
e2e_send n
e2e_wait_gone 'Replace it' 5
e2e_expect '^ +Name \* +work$' "no: back in the form"
e2e_send Escape
e2e_expect '^❯ github-repo +1/' "Esc in the form goes back to the type list, its filter kept"
e2e_send Enter
e2e_expect '^ +Name \* +github$' "choosing again starts a fresh form"
e2e_send Escape
e2e_expect '^❯ github-repo' "the list"
e2e_send Escape
e2e_expect 'New remote: type to filter' "Esc clears the filter"
e2e_send Escape
e2e_wait_exit 5
is "$e2e_status" 1 "Esc in the list exits 1"
like "$(e2e_screen)" "Cancelled; nothing saved" "saying nothing was saved"
e2e_terminal_restored "the terminal is restored after Esc"
if cmp -s "$conf" "$SANDBOX/before.json"; then pass "config.json untouched"; else fail "config.json untouched"; fi

# Replace, after a failed test, saving without testing.
e2e_start 100 30 "$CHITTY_BIN" config
e2e_type 'github-repo'
e2e_send Enter
e2e_expect '^ +Name \* +github$' "the form"
fill_repo work "$bad" "$FIXTURE_URL/github"
snap
e2e_send C-s
e2e_expect "A remote called 'work' exists" "asked about the name"
e2e_send y
e2e_expect 'Connection test failed: GitHub: Bad credentials \(HTTP 401\)' "yes: tested, and it fails" 10
e2e_expect 'Save without testing\?' "the choice to save anyway"
e2e_send y
e2e_wait_exit 10
is "$e2e_status" 0 "saved without the test: exit 0"
is "$(confjson 'c["remotes"]["work"]["token"]')" "$bad" "the remote was replaced"

# --no-test: no request at all; an env: reference stored as it is.
fixture_clear_log
export CHITTY_FORM_TOKEN="$tok"
e2e_start 100 30 "$CHITTY_BIN" config --no-test
e2e_type 'github-repo'
e2e_send Enter
fill_repo viaenv 'env:CHITTY_FORM_TOKEN' "$FIXTURE_URL/github"
e2e_send C-s
e2e_wait_exit 10
is "$e2e_status" 0 "--no-test saves at once"
like "$(e2e_screen)" "added remote 'viaenv'" "and says so"
unlike "$(e2e_screen)" "connected to" "without testing"
is "$(fixture_query 'len(reqs)')" 0 "no request was made"
is "$(confjson 'c["remotes"]["viaenv"]["token"]')" "env:CHITTY_FORM_TOKEN" \
	"the reference is stored, not the secret"

# A tiny terminal: the list and the form still work; a resize mid-form keeps the values.
e2e_start 30 8 "$CHITTY_BIN" config
e2e_expect 'github-project' "30x8: the list shows"
e2e_type 'github-repo'
e2e_send Enter
e2e_expect 'Name \*' "30x8: the form shows"
fill_repo tiny "$tok" "$FIXTURE_URL/github"
e2e_expect 'API URL' "30x8: the focused field is scrolled into view"
snap
e2e_resize 80 24
e2e_expect '^ +Owner \* +octo$' "grown to 80x24: earlier values are there"
e2e_expect "Token \* +$(dots "$tok")\$" "the token still masked"
e2e_resize 24 6
e2e_expect 'API' "shrunk to 24x6 mid-form: still drawn"
snap
e2e_send C-s
e2e_wait_exit 10
is "$e2e_status" 0 "submitted from the tiny terminal"
is "$(confjson 'c["remotes"]["tiny"]["owner"]')" octo "the remote saved"

# ctrl+c quits with 130 and writes nothing.
cp "$conf" "$SANDBOX/before.json"
e2e_start 100 30 "$CHITTY_BIN" config
e2e_type 'github-repo'
e2e_send Enter
e2e_expect 'Name \*' "the form"
e2e_send Tab
e2e_type 'abc'
e2e_send C-c
e2e_wait_exit 5
is "$e2e_status" 130 "ctrl+c exits 130"
e2e_terminal_restored "the terminal is restored after ctrl+c"
if cmp -s "$conf" "$SANDBOX/before.json"; then pass "config.json untouched"; else fail "config.json untouched"; fi

if grep -qF -e "$tok" -e "$bad" -e "${bad%?}" "$seen"; then
	fail "no secret was ever on screen"
	grep -nF -e "$tok" -e "$bad" "$seen" | sed 's/^/# /'
else
	pass "no secret was ever on screen"
fi

done_testing
