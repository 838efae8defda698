#!/bin/sh
# `chitty config`: the "New remote" form driven in tmux — choose GitHub, type
# the fields, the token masked on screen, the connection test against the
# fixture server, the saved config; a failed test; an env: reference.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox
. "$CHITTY_SRCDIR/tests/lib/fixture.sh"
fixture_start
. "$CHITTY_SRCDIR/tests/e2e/lib.sh"

tok=$GITHUB_TOKEN_VALUE
conf="$XDG_CONFIG_HOME/chitty/config.json"
confjson() { python3 -c "import json, sys; c = json.load(open(sys.argv[1])); print($1)" "$conf" 2>&1; }

e2e_start 100 45 "$CHITTY_BIN" config
e2e_expect '^New remote$' "the form opens"
e2e_expect '^ +[0-9]+\) github-repo +GitHub$' "it lists the remote types"
e2e_expect '^ +[0-9]+\) notion-database +Notion$' "Notion's types too"
e2e_expect '^Type \[1-[0-9]+ or a name\]:' "and asks for one"
e2e_type 'gitlab-project'
e2e_send Enter
e2e_expect 'Choose a number from the list' "an unknown type is refused"
e2e_type 'github-repo'
e2e_send Enter
e2e_expect '^Name \[github\]:' "the name defaults to the provider's"
e2e_type 'work'
e2e_send Enter
e2e_expect '^Token: a personal access token' "each field comes with its description"
e2e_expect 'Typed text is hidden' "a secret says it is hidden"
e2e_type "${tok}x"
e2e_send BSpace
dots=$(printf '%s' "$tok" | sed 's/./•/g')
e2e_expect "^token: ${dots}\$" "the token shows as one dot per character (backspace removes one)"
if e2e_screen | grep -q "$tok"; then fail "the token is never on screen"; else pass "the token is never on screen"; fi
e2e_send Enter
e2e_expect '^owner:' "the next field"
e2e_send Enter
e2e_expect '^  Owner is required\.$' "a required field cannot be skipped"
e2e_type 'octo'
e2e_send Enter
e2e_expect '^repo:' "repo"
e2e_type 'hello'
e2e_send Enter
e2e_expect '^apiUrl \[https://api.github.com\]:' "apiUrl shows the API's default"
e2e_type "$FIXTURE_URL/github"
e2e_send Enter
e2e_expect '^ttl \[600\]:' "ttl shows its default"
e2e_type 'soon'
e2e_send Enter
e2e_expect '"ttl" must be a number' "a bad number is refused"
e2e_send Enter
e2e_expect 'Testing the connection… GitHub: connected to octo/hello \(private\)' \
	"the connection is tested against the server" 10
e2e_expect "^Saved remote 'work' \(github-repo\) to .*config.json" "and the remote saved"
e2e_wait_exit 10
is "$e2e_status" 0 "the form exits 0"
e2e_terminal_restored "the terminal is restored (echo back on)"
is "$(confjson 'sorted(c["remotes"]["work"].items())')" \
	"[('apiUrl', '$FIXTURE_URL/github'), ('owner', 'octo'), ('repo', 'hello'), ('token', '$tok'), ('type', 'github-repo')]" \
	"config.json has the remote, defaults left out"
is "$(fixture_query 'reqs[-1]["headers"].get("authorization")')" "Bearer $tok" \
	"the test used the typed token"

# A failed test: not saved unless asked; an existing name is asked about.
e2e_start 100 45 "$CHITTY_BIN" config
e2e_expect '^Type ' "the form again"
e2e_type 'gh'
e2e_send Enter
e2e_expect '^Name \[github\]:' "an alias picks the provider's first type"
e2e_type 'work'
e2e_send Enter
e2e_expect "A remote called 'work' exists. Replace it\? \[y/N\]:" "an existing name is asked about"
e2e_type 'n'
e2e_send Enter
e2e_expect '^Name \[github\]:' "no: another name"
e2e_send Enter
e2e_expect '^token:' "token"
e2e_type 'bad-token'
e2e_send Enter
e2e_type 'octo'
e2e_send Enter
e2e_expect '^repo \(optional|^Repository \(optional' "repo is optional for a project remote"
e2e_type 'hello'
e2e_send Enter
e2e_expect '^project:' "project"
e2e_send Enter
e2e_expect '^apiUrl ' "apiUrl"
e2e_type "$FIXTURE_URL/github"
e2e_send Enter
e2e_send Enter
e2e_expect 'failed' "a wrong token fails the test" 10
e2e_expect 'GitHub: Bad credentials \(HTTP 401\)' "with the API's message"
e2e_expect 'Save anyway\? \[y/N\]:' "and the form asks"
e2e_send Enter
e2e_expect '^Not saved\.$' "no: nothing saved"
e2e_wait_exit 10
is "$e2e_status" 1 "exit 1"
is "$(confjson 'sorted(c["remotes"])')" "['work']" "config.json unchanged"

# An env: reference, ctrl-c in a secret cancels cleanly.
export CHITTY_FORM_TOKEN="$tok"
e2e_start 100 45 "$CHITTY_BIN" config
e2e_expect '^Type ' "the form once more"
e2e_type 'github-repo'
e2e_send Enter
e2e_type 'viaenv'
e2e_send Enter
e2e_expect '^token:' "token"
e2e_type 'env:CHITTY_FORM_TOKEN'
e2e_send Enter
e2e_expect '\(a reference: env:CHITTY_FORM_TOKEN, read when the remote is used\)' \
	"an env: reference is accepted and named"
for v in octo hello "$FIXTURE_URL/github" ''; do
	e2e_type "$v"
	e2e_send Enter
done
e2e_expect "^Saved remote 'viaenv'" "saved after its test" 10
e2e_wait_exit 10
is "$(confjson 'c["remotes"]["viaenv"]["token"]')" "env:CHITTY_FORM_TOKEN" "the reference is stored, not the secret"

e2e_start 100 45 "$CHITTY_BIN" config
e2e_expect '^Type ' "and once more"
e2e_type 'github-repo'
e2e_send Enter
e2e_type 'cancelled'
e2e_send Enter
e2e_expect '^token:' "token"
e2e_type 'abc'
e2e_send C-c
e2e_expect '^Cancelled; nothing saved\.$' "ctrl-c in a secret cancels"
e2e_wait_exit 10
is "$e2e_status" 1 "exit 1"
e2e_terminal_restored "the terminal is restored after ctrl-c in a secret"

done_testing
