# Remotes: config and secrets, HTTP and the API client, resource cache,
# background refresh (issue 7).  Providers are in providers/local.mk.
libchitty_a_SOURCES += \
	src/http.c src/http.h \
	src/api.c src/api.h \
	src/secret.c src/secret.h \
	src/remote-conf.c src/remote-conf.h \
	src/remote-cache.c src/remote-cache.h \
	src/remote-refresh.c src/remote-refresh.h \
	src/remote-source.c src/remote.h \
	src/remote-edit.c src/remote-edit.h \
	src/config-form.c src/config-form.h

remote_unit_tests = \
	tests/unit/test-http \
	tests/unit/test-remote
check_PROGRAMS += $(remote_unit_tests)
TESTS += $(remote_unit_tests)
UNIT_TESTS += $(remote_unit_tests)
