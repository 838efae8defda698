# Remotes: config and secrets, HTTP and the API client, resource cache,
# background refresh (issue 7).  Providers are in providers/local.mk.
libchitty_a_SOURCES += \
	src/http.c src/http.h \
	src/curl-dl.c src/curl-dl.h \
	src/api.c src/api.h \
	src/secret.c src/secret.h \
	src/remote-conf.c src/remote-conf.h \
	src/remote-cache.c src/remote-cache.h \
	src/remote-refresh.c src/remote-refresh.h \
	src/remote-source.c src/remote.h \
	src/remote-edit.c src/remote-edit.h

remote_unit_tests = \
	tests/unit/test-http \
	tests/unit/test-remote
check_PROGRAMS += $(remote_unit_tests)
TESTS += $(remote_unit_tests)
UNIT_TESTS += $(remote_unit_tests)
# Not a test itself: tests/cli/remote-launcher.sh and remote-api.sh drive
# remote.h and api.h through it.
check_PROGRAMS += tests/unit/remote-driver

# CLI tests against the fixture HTTP server (tests/fixtures/server.py).
remote_cli_tests = \
	tests/cli/remote-config.sh \
	tests/cli/remote-github.sh \
	tests/cli/remote-refresh.sh \
	tests/cli/remote-launcher.sh \
	tests/cli/remote-api.sh \
	tests/cli/remote-search.sh \
	tests/cli/curl-dl.sh
TESTS += $(remote_cli_tests)
CLI_TESTS += $(remote_cli_tests)
EXTRA_DIST += $(remote_cli_tests) tests/lib/fixture.sh tests/fixtures/server.py \
	tests/fixtures/apis/__init__.py tests/fixtures/apis/common.py \
	tests/fixtures/apis/github.py tests/fixtures/apis/paging.py \
	tests/bench/refresh.sh

# The "New remote" form, driven in tmux.
remote_e2e_tests = tests/e2e/config-form.sh
TESTS += $(remote_e2e_tests)
EXTRA_DIST += $(remote_e2e_tests)
