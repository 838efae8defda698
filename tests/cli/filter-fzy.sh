#!/bin/sh
# chitty filter -e against the real fzy program (Debian's fzy, installed by
# ./dev test): a generated corpus with paths, uppercase, punctuation, UTF-8,
# lines over fzy's 1024-byte limit, empty lines, duplicates, CRLF, tabs and
# a missing final newline; many queries, with and without -s; the output
# must be the same bytes.  Then -j N and -l N, which need no fzy.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox

corpus="$SANDBOX/corpus"     # everything at once
paths="$SANDBOX/paths"       # only /usr/... paths: "usr" and "/" match every line
python3 - "$corpus" "$paths" <<'EOF'
import random, sys

rnd = random.Random(20240601)
words = ["usr", "share", "doc", "lib", "python3", "site-packages", "bin", "include",
         "local", "src", "tests", "Makefile", "README.md", "LICENSE", "config",
         "x86_64-linux-gnu", "libc.so.6", "zoneinfo", "Europe", "icons", "hicolor",
         "man", "man1", "locale", "de_DE.UTF-8", "fonts", "truetype", "perl5",
         "GObject", "camelCaseName", "snake_case_name", "kebab-case-name", "v1.2.3",
         "__init__.py", "index.html", "main.c", "Main.java", "a.b.c", "node_modules"]
utf8 = ["café", "naïve", "Ærø", "日本語", "ファイル", "résumé", "🚀", "e\u0301", "Ωmega",
        "straße", "ИМЯ", "中文字"]
punct = ["foo (copy).txt", "[x]{y}", "a|b|c", "#!$%&'*", "\"quoted\"", "back\\slash",
         "semi;colon", "tab\there", "  leading spaces", "trailing space ", "a-b_c.d",
         "~/.config/chitty", "100%", "x?y*z", "<html>", "a+b=c", "@scope/pkg", "..."]

def path(prefix="/usr"):
    parts = [rnd.choice(words) for _ in range(rnd.randint(1, 7))]
    return prefix + "/" + "/".join(parts)

lines = []
for i in range(6000):
    r = rnd.random()
    if r < 0.55:
        lines.append(path(rnd.choice(["/usr", "/opt", "", "/home/ann", "/srv/app"])))
    elif r < 0.65:
        lines.append(path() + "/" + rnd.choice(utf8) + rnd.choice(["", ".txt", "/x"]))
    elif r < 0.75:
        lines.append(rnd.choice(punct) + rnd.choice(["", "/" + rnd.choice(words)]))
    elif r < 0.80:
        lines.append(path().upper())
    elif r < 0.84:
        lines.append("")                         # empty lines are skipped
    elif r < 0.88 and lines:
        lines.append(rnd.choice(lines))           # duplicates keep input order
    elif r < 0.92:
        lines.append(path() + "\r")               # CRLF: the \r is part of the line
    elif r < 0.93:
        n = rnd.choice([1023, 1024, 1025, 1500, 4000, 70000])
        base = path() + "/"
        lines.append((base + "abc/" * n)[:n])    # around and over MATCH_MAX_LEN
    else:
        lines.append("".join(rnd.choice("abcdefghijklmnopqrstuvwxyz/._-ABC")
                             for _ in range(rnd.randint(1, 60))))
lines += ["usr", "USR", "abc", "a", "/", "café", "日本語", "Makefile", "makefile"]
with open(sys.argv[1], "wb") as f:
    f.write("\n".join(lines).encode())           # no final newline
with open(sys.argv[2], "wb") as f:
    f.write("".join(path() + "\n" for _ in range(4000)).encode())
EOF

nonempty() { grep -c -v '^$' "$1"; }

# --- -j N and -l N (chitty alone) ----------------------------------------------
full=$("$CHITTY_BIN" filter -e usr -s <"$corpus")
for j in 1 2 3 8; do
	got=$("$CHITTY_BIN" filter -e usr -s -j "$j" <"$corpus")
	is "$(printf '%s' "$got" | cksum)" "$(printf '%s' "$full" | cksum)" "-j $j gives the same output"
done
for l in 1 7 100; do
	got=$("$CHITTY_BIN" filter -e usr -s -l "$l" <"$corpus")
	is "$got" "$(printf '%s\n' "$full" | head -n "$l")" "-l $l prints the first $l matches"
done
is "$("$CHITTY_BIN" filter -e usr -l 1000000 <"$corpus" | wc -l)" \
	"$(printf '%s\n' "$full" | wc -l)" "-l above the matches prints them all"
for bad in "-j 0" "-j x" "-l 0" "-l -2"; do
	# shellcheck disable=SC2086
	"$CHITTY_BIN" filter -e usr $bad <"$corpus" >/dev/null 2>&1
	is "$?" 2 "filter $bad is a usage error"
done
tr '\n' '\0' <"$paths" >"$SANDBOX/paths0"
is "$("$CHITTY_BIN" filter -0 -e lib/man <"$SANDBOX/paths0" | cksum)" \
	"$("$CHITTY_BIN" filter -e lib/man <"$paths" | cksum)" "-0 reads NUL-separated records"

full=$("$CHITTY_BIN" filter -e usr <"$paths")
got=$("$CHITTY_BIN" filter -e usr <"$paths" | { sleep 1; cat; })
is "$(printf '%s' "$got" | cksum)" "$(printf '%s' "$full" | cksum)" "into a pipe read late: the same output"
is "$(cat "$paths" | "$CHITTY_BIN" filter -e usr | cksum)" "$(printf '%s\n' "$full" | cksum)" \
	"from a pipe: the same output as from a file"

# --- against fzy ------------------------------------------------------------------
if ! command -v fzy >/dev/null 2>&1; then
	skip "cross-check with fzy" "fzy is not installed (Debian package fzy; ./dev test installs it)"
	done_testing
fi

# same FILE QUERY NAME: chitty and fzy print the same bytes, without and with -s.
same() {
	for s in "" -s; do
		# shellcheck disable=SC2086
		fzy -e "$2" $s <"$1" >"$SANDBOX/want"
		# shellcheck disable=SC2086
		"$CHITTY_BIN" filter -e "$2" $s <"$1" >"$SANDBOX/got"
		if cmp -s "$SANDBOX/want" "$SANDBOX/got"; then
			pass "$3${s:+ (-s)}: $(wc -l <"$SANDBOX/want" | tr -d ' ') lines, same bytes as fzy"
		else
			fail "$3${s:+ (-s)}: differs from fzy"
			diff "$SANDBOX/want" "$SANDBOX/got" | head -n 10 | cat -A | sed 's/^/# /'
		fi
	done
}

for q in usr / u sr share usrsharedoc sharedoc pyth3site libc site-packages abc a e \
	x86 z zqxj qqqqqqqqqqqqqq abcdefghijklmnopqrstuvwxyz; do
	same "$corpus" "$q" "corpus, query '$q'"
done
# uppercase: an uppercase query letter matches only uppercase
for q in A USR Usr MAKE Makefile R RM GObject cCN ABC; do
	same "$corpus" "$q" "corpus, uppercase query '$q'"
done
# punctuation and spaces
for q in . .. - _ -_ a-b_c.d '(copy)' '[x]' '{' '|' "'" '"' '\' '$' '*' '?' '#!' \
	'a b' ' ' '  ' "$(printf '\t')" '~/.' '%' '<' '@/' '.txt'; do
	same "$corpus" "$q" "corpus, punctuation query '$q'"
done
# UTF-8 (fzy compares bytes; é as one or two code points differs)
for q in é café naïve 日本 日本語 🚀 Ærø æ ß ИМЯ имя "$(printf 'e\314\201')"; do
	same "$corpus" "$q" "corpus, UTF-8 query '$q'"
done
# a query as long as a line, and lines over 1024 bytes (they sort last, at -inf)
same "$corpus" "abc/abc/abc/abc/" "corpus, a query that long lines match"
same "$corpus" "Makefile" "corpus, a query equal to a whole line"
same "$corpus" "" "corpus, the empty query (every line, input order)"

# The path corpus: "usr" and "/" match every line.
for q in usr / lib site sharedoc zqxj; do
	same "$paths" "$q" "paths, query '$q'"
done
is "$("$CHITTY_BIN" filter -e usr <"$paths" | wc -l | tr -d ' ')" "$(nonempty "$paths")" \
	"paths: 'usr' matches every line"
is "$("$CHITTY_BIN" filter -e zqxj <"$paths" | wc -l | tr -d ' ')" 0 "paths: 'zqxj' matches none"

# Equal scores: the output reuses a score's text and is cut into system
# calls every 1024 pieces (two per line), so a cut can fall between a
# reused text and a new one; a first run of 2^k + 1 lines puts it there.
for n in 257 513 1025 2049; do
	awk -v n="$n" 'BEGIN { for (j = 0; j < n; j++) printf "/usr/a/%04d\n", j
		for (j = 0; j < 50; j++) printf "/usr/bb/%04d\n", j }' >"$SANDBOX/runs"
	same "$SANDBOX/runs" usr "a run of $n equal scores, then another"
done

# Input edge cases.
printf 'abc\000abd\nabe\n' >"$SANDBOX/nul"
same "$SANDBOX/nul" ab "a NUL byte ends the input"
printf '' >"$SANDBOX/empty"
same "$SANDBOX/empty" a "empty input"
printf '\n\n\n' >"$SANDBOX/blank"
same "$SANDBOX/blank" a "only empty lines"
printf 'one line without newline' >"$SANDBOX/one"
same "$SANDBOX/one" one "a single line without a final newline"

done_testing
