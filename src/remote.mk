# Remotes: config and secrets, HTTP, resource cache (issue 7).
libchitty_a_SOURCES += src/remote-source.c src/remote.h
libchitty_a_SOURCES += src/http.c src/http.h
check_PROGRAMS += tests/unit/test-http
TESTS += tests/unit/test-http
UNIT_TESTS += tests/unit/test-http
