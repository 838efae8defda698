#!/bin/sh
# make install: the binary, the three man pages and the shipped extensions
# land where they belong (into a DESTDIR), and the installed binary runs and
# finds its extensions.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox

: "${CHITTY_BUILDDIR:?run through make check}"
command -v make >/dev/null 2>&1 || skip_all "make is not installed"
dest="$SANDBOX/dest"
prefix=$(sed -n 's/^prefix = //p' "$CHITTY_BUILDDIR/Makefile")
[ -n "$prefix" ] || skip_all "no prefix in $CHITTY_BUILDDIR/Makefile"

# MAKEFLAGS would tie this make to the jobserver of the make running the tests.
env -u MAKEFLAGS -u MFLAGS make -C "$CHITTY_BUILDDIR" install DESTDIR="$dest" \
	>"$SANDBOX/install.log" 2>&1
is "$?" 0 "make install DESTDIR=… succeeds"
root="$dest$prefix"
ok "the binary is in bin/" test -x "$root/bin/chitty"
for m in man1/chitty.1 man5/chitty-extensions.5 man5/chitty-config.5; do
	ok "the man page $m is installed" test -s "$root/share/man/$m"
done
for e in cleanshot chrome git-repos system tmux README; do
	ok "extensions/$e.md is installed" test -s "$root/share/chitty/extensions/$e.md"
done
for f in chitty.mjs sdk.d.ts; do
	ok "the script SDK's sdk/$f is installed" test -s "$root/share/chitty/sdk/$f"
done
is "$(find "$root/share/chitty/extensions" -name '*.md' | wc -l | tr -d ' ')" \
	"$(find "$CHITTY_SRCDIR/extensions" -name '*.md' | wc -l | tr -d ' ')" \
	"every shipped file, no more"

out=$("$root/bin/chitty" --version)
is "$out" "$("$CHITTY_BIN" --version)" "the installed binary runs"
out=$(CHITTY_DATA_DIR="$root/share/chitty" "$root/bin/chitty" ext list)
for e in cleanshot chrome git-repos system tmux; do
	like "$out" "^$e " "the installed binary lists the installed '$e'"
done
if command -v man >/dev/null 2>&1; then
	like "$(MANWIDTH=80 man -l "$root/share/man/man1/chitty.1" 2>/dev/null)" 'chitty search' \
		"the installed chitty(1) renders"
else
	skip "the installed chitty(1) renders" "man is not installed"
fi

done_testing
