#!/bin/sh
# chitty prefs: list, get and set, type checks, masked passwords, private
# files, stdin values, bad input.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox

fixtures="$CHITTY_SRCDIR/tests/fixtures/extensions"
export CHITTY_DATA_DIR="$CHITTY_SRCDIR"
prefsfile="$XDG_CONFIG_HOME/chitty/preferences/full-manifest.json"

mode_of() { stat -c %a "$1" 2>/dev/null || stat -f %Lp "$1"; }

run_chitty ext install "$fixtures/manifest.md"
is "$rc" 0 "an extension with every preference type is installed"

run_chitty prefs list full-manifest
is "$rc" 0 "prefs list EXT exits 0"
like "$out" '^NAME +TYPE +REQUIRED +VALUE +FROM +DESCRIPTION' "a table with headers"
like "$out" '^apiToken +password +yes +- +none ' "a required password without value"
like "$out" '^outputFolder +directory +no +~/Desktop +default ' "a default is shown as such"
like "$out" '^format \(search-things\) +dropdown ' "a command's own preference is listed with its command"

run_chitty prefs set full-manifest apiToken 'hunter2-secret'
is "$rc:$out" "0:set full-manifest apiToken" "prefs set stores a password without echoing it"
ok "the file is 0600" test "$(mode_of "$prefsfile")" = 600
ok "its folder is 0700" test "$(mode_of "$(dirname "$prefsfile")")" = 700
run_chitty prefs list full-manifest
unlike "$out" 'hunter2' "prefs list never shows a password"
like "$out" '^apiToken +password +yes +•••••• +set ' "it is masked"
run_chitty prefs list --json full-manifest
is "$rc" 0 "prefs list --json exits 0"
is "$(json 'next(p["value"] for p in j if p["name"] == "apiToken")')" "••••••" "--json masks the password too"
is "$(json 'all("id" in p and "title" in p for p in j)')" True "--json: objects with id and title"
is "$(json 'next(p["values"] for p in j if p["name"] == "format" and "command" not in p)')" "['png', 'jpg']" \
	"--json: a dropdown lists its values"
run_chitty prefs get full-manifest apiToken
is "$out" "••••••" "prefs get masks a password"

run_chitty prefs set full-manifest sound maybe
is "$rc" 1 "a checkbox refuses 'maybe'"
like "$err" "true or false" "and says what it takes"
run_chitty prefs set full-manifest sound yes
is "$rc" 0 "a checkbox takes yes"
run_chitty prefs get full-manifest sound
is "$out" "true" "and stores true"

run_chitty prefs set full-manifest format gif
is "$rc" 1 "a dropdown refuses a value it does not list"
like "$err" "png, jpg" "and lists its values"
run_chitty prefs set full-manifest format JPEG
is "$rc" 0 "a dropdown takes an option's title"
run_chitty prefs get full-manifest format
is "$out" "jpg" "and stores its value"

run_chitty prefs set full-manifest outputFolder "$SANDBOX/does-not-exist"
is "$rc" 0 "a folder that does not exist is stored"
like "$err" "warning: .*does-not-exist does not exist" "with a warning"
run_chitty prefs set full-manifest outputFolder "$SANDBOX"
is "$rc:$err" "0:" "an existing folder: no warning"

printf 'from-stdin\n' | "$CHITTY_BIN" prefs set full-manifest greeting - >/dev/null 2>&1
run_chitty prefs get full-manifest greeting
is "$out" "from-stdin" "prefs set NAME - reads the value from stdin"
run_chitty prefs set full-manifest greeting ''
is "$rc" 0 "an empty value unsets"
run_chitty prefs get full-manifest greeting
case "$(uname)" in Darwin) want=Howdy ;; *) want=Hi ;; esac
is "$out" "$want" "and the (per-platform) default applies again"

run_chitty prefs get full-manifest editor
is "$rc" 1 "get of a preference with no value and no default fails"
like "$err" "no value" "saying so"
run_chitty prefs get full-manifest apiTokn
is "$rc" 1 "an unknown preference fails"
like "$err" "did you mean 'apiToken'" "with a suggestion"
run_chitty prefs set full-manifst x y
is "$rc" 1 "an unknown extension fails"
like "$err" "did you mean 'full-manifest'" "with a suggestion"
run_chitty prefs list tmux
is "$rc" 0 "an extension without preferences"
like "$err" "tmux has no preferences" "says so"
run_chitty prefs get full-manifest
is "$rc" 2 "prefs get without NAME is a usage error"

cp "$prefsfile" "$SANDBOX/good.json"
printf '{ broken' >"$prefsfile"
run_chitty prefs set full-manifest sound no
is "$rc" 1 "a corrupt preferences file is not overwritten"
like "$err" "not a JSON object" "and the error says why"
is "$(cat "$prefsfile")" "{ broken" "the file is left as it was"
run_chitty prefs list full-manifest
is "$rc" 0 "prefs list still works"
like "$err" "warning: " "with a warning"
cp "$SANDBOX/good.json" "$prefsfile"

run_chitty prefs set full-manifest greeting "$(printf 'line\033[31m')"
is "$rc" 0 "a value with control characters is stored"
run_chitty prefs list full-manifest
if printf '%s' "$out" | grep -q "$(printf '\033')"; then fail "but never printed raw"; else pass "but never printed raw"; fi

# --- per-command preferences (Raycast: a command's own are stored per command)
run_chitty ext install "$fixtures/prefs-command.md"
is "$rc" 0 "an extension whose command overrides a preference is installed"
pcfile="$XDG_CONFIG_HOME/chitty/preferences/pc.json"
run_chitty prefs set pc unit zz
is "$rc:$out" "0:set pc unit" "EXT NAME sets the extension's textfield"
run_chitty run pc/show
is "$rc" 1 "the command's own required dropdown is not satisfied by the extension's value"
like "$err" "needs the preference 'unit' \(set it with: chitty prefs set pc/show unit VALUE\)" \
	"and the message names EXT/COMMAND"
run_chitty run pc/other
is "$out" "unit=zz" "a command without the override sees the extension's value"
run_chitty prefs set pc/show unit zz
is "$rc" 1 "EXT/COMMAND is checked against the command's dropdown"
like "$err" "'zz' is not one of the values of 'unit': c, f" "listing its values"
run_chitty prefs set pc/show unit Fahrenheit
is "$rc:$out" "0:set pc/show unit" "EXT/COMMAND stores the command's own value (an option's title)"
run_chitty run pc/show
is "$out" "unit=f" "the command gets its own value"
run_chitty prefs get pc/show unit
is "$out" "f" "prefs get EXT/COMMAND"
run_chitty prefs get pc unit
is "$out" "zz" "prefs get EXT: the extension's value is unchanged"
run_chitty prefs list pc
like "$out" '^unit +textfield +no +zz +set ' "prefs list EXT: the extension's value"
like "$out" '^unit \(show\) +dropdown +yes +f +set ' "and the command's own beside it"
run_chitty prefs list pc/show
like "$out" '^unit \(show\) +dropdown +yes +f +set ' "prefs list EXT/COMMAND: what applies to the command"
unlike "$out" '^unit +textfield' "without the overridden extension preference"
run_chitty prefs list --json pc/show
is "$(json '[(p["name"], p.get("command"), p["value"]) for p in j]')" "[('unit', 'show', 'f')]" \
	"--json: the command's own, with its command"
run_chitty prefs list pc/other
like "$out" '^unit +textfield +no +zz +set ' "a command without the override lists the extension's"
run_chitty prefs set pc/other unit kelvin
is "$rc:$out" "0:set pc unit" "EXT/COMMAND of a preference it does not override sets the extension's, and says so"
is "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["unit"], d["@commands"]["show"]["unit"])' "$pcfile")" \
	"kelvin f" "the file: the extension's at the top level, the command's under @commands"
run_chitty prefs set pc token s3cr3t-tok
is "$rc:$out" "0:set pc/solo token" "EXT NAME of a preference only one command declares: that command"
run_chitty prefs get pc/solo token
is "$out" "••••••" "a command's password is masked too"
run_chitty prefs list pc
unlike "$out" 's3cr3t' "and never listed"
run_chitty run pc/solo
is "$out" "token=s3cr3t-tok" "the command gets it"
run_chitty prefs set pc key x
is "$rc" 1 "a name several commands declare needs EXT/COMMAND"
like "$err" "several commands of 'pc' \(a, b\): give one as EXT/COMMAND, e.g. 'pc/a'" "saying so"
run_chitty prefs set pc/a key x
run_chitty run pc/b
is "$out" "key=" "one command's value is not another's"
run_chitty prefs set pc/shw unit f
is "$rc" 1 "an unknown command fails"
like "$err" "no command 'shw' \(did you mean 'pc/show'\?\)" "with a suggestion"
run_chitty prefs get pc/a unt
like "$err" "command 'pc/a' has no preference 'unt' \(did you mean 'unit'\?\)" \
	"an unknown name for a command suggests what applies to it"
run_chitty prefs set pc/show unit ''
is "$rc:$out" "0:unset pc/show unit" "an empty value unsets the command's own"
run_chitty prefs get pc/show unit
is "$rc" 1 "and it has no value again"
run_chitty prefs get pc unit
is "$out" "kelvin" "the extension's is untouched"

# a file from before per-command values: a command-only value at the top level
printf '{"unit": "u", "token": "old-tok", "key": "shared"}' >"$pcfile"
run_chitty run pc/solo
is "$out" "token=old-tok" "an old file's command-only value is still read"
run_chitty prefs get pc/show unit
is "$rc" 1 "an overridden name's top-level value stays the extension's"
run_chitty prefs set pc/a key ''
run_chitty run pc/b
is "$out" "key=shared" "unsetting one command's keeps the old value for the other"
run_chitty run pc/a
is "$out" "key=" "and unsets it for the one"
is "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(sorted(d), d["@commands"]["solo"]["token"])' "$pcfile")" \
	"['@commands', 'unit'] old-tok" "the write moved command-only values under @commands"

done_testing
