#!/bin/sh
# configure stops on a missing library with a message that names the
# package to install on Debian and with Homebrew.  Each library in turn is
# hidden from pkg-config (a folder of links to every other .pc file).
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox

configure="$CHITTY_SRCDIR/configure"
[ -x "$configure" ] || skip_all "no configure script in $CHITTY_SRCDIR (run autoreconf -fi)"
[ -f "$CHITTY_SRCDIR/config.status" ] && skip_all "the source folder is configured in place"
command -v pkg-config >/dev/null 2>&1 || skip_all "pkg-config is not installed"

pcdir="$SANDBOX/pc"
mkdir -p "$pcdir"
for d in $(pkg-config --variable pc_path pkg-config | tr ':' ' '); do
	[ -d "$d" ] || continue
	for f in "$d"/*.pc; do
		[ -e "$f" ] && [ ! -e "$pcdir/$(basename "$f")" ] && ln -s "$f" "$pcdir/"
	done
done

# module  Debian package  Homebrew formula
while read -r module deb brew; do
	if [ ! -e "$pcdir/$module.pc" ]; then
		skip "configure without $module" "$module.pc is not installed here"
		continue
	fi
	mv "$pcdir/$module.pc" "$SANDBOX/hidden.pc"
	mkdir -p "$SANDBOX/build-$module"
	(cd "$SANDBOX/build-$module" &&
		PKG_CONFIG_LIBDIR="$pcdir" PKG_CONFIG_PATH= "$configure" --cache-file="$SANDBOX/config.cache" \
			>/dev/null 2>"$SANDBOX/err")
	rc=$?
	err=$(cat "$SANDBOX/err")
	is "$rc" 1 "configure without $module fails"
	like "$err" "chitty needs the '$module' library" "without $module: it names the library"
	like "$err" "Debian/Ubuntu: +apt-get install $deb\$" "without $module: the Debian package ($deb)"
	like "$err" "macOS: +brew install $brew " "without $module: the Homebrew formula ($brew)"
	mv "$SANDBOX/hidden.pc" "$pcdir/$module.pc"
done <<'LIBS'
ncursesw libncurses-dev ncurses
libcurl libcurl4-openssl-dev curl
libcjson libcjson-dev cjson
yaml-0.1 libyaml-dev libyaml
md4c libmd4c-dev md4c
LIBS

done_testing
