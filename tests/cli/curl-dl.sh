#!/bin/sh
# libcurl is loaded on first use (src/curl-dl.h): the binary does not need
# it to start, commands that never touch the network never load it, and a
# libcurl that cannot be loaded is one clear error, not a crash.
. "$CHITTY_SRCDIR/tests/lib/tap.sh"
sandbox

if grep -q '^#define CHITTY_CURL_SONAME' "$CHITTY_BUILDDIR/build-config.h" 2>/dev/null; then
	needed=$(LC_ALL=C readelf -d "$CHITTY_BIN" 2>/dev/null | grep NEEDED)
	if [ -n "$needed" ]; then
		unlike "$needed" 'libcurl' "the binary is not linked with libcurl"
	else
		skip "the binary is not linked with libcurl" "readelf is not installed"
	fi

	run_chitty --version
	is "$rc" 0 "chitty starts without loading libcurl"

	CHITTY_LIBCURL=/nonexistent/libcurl.so.4 run_chitty ext list
	is "$rc" 0 "a command without network use does not need libcurl"

	CHITTY_LIBCURL=/nonexistent/libcurl.so.4 run_chitty ext install "http://127.0.0.1:9/x.md"
	is "$rc" 1 "an HTTP command fails when libcurl cannot be loaded"
	like "$err" '^chitty: .*cannot load libcurl \(/nonexistent/libcurl\.so\.4' "and says why, naming the library"
	is "$(printf '%s\n' "$err" | wc -l | tr -d ' ')" 1 "in one line"

	CHITTY_LIBCURL=libc.so.6 run_chitty ext install "http://127.0.0.1:9/x.md"
	is "$rc" 1 "a library that is not libcurl fails too"
	like "$err" 'has no curl_' "naming the missing function"
else
	for n in 1 2 3 4 5 6 7 8; do skip "libcurl loaded on first use ($n)" "built with --disable-curl-dlopen"; done
fi

done_testing
