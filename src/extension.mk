# Extensions: loader, manifest, validation, cache, preferences (issue 3).
libchitty_a_SOURCES += \
	src/extension.c src/extension.h \
	src/ext-text.c src/ext-text.h \
	src/ext-node.c src/ext-node.h \
	src/ext-manifest.c src/ext-loader.h \
	src/ext-load.c src/ext-load.h \
	src/ext-cache.c src/ext-cache.h \
	src/registry.c \
	src/prefs.c \
	src/extension-source.c
noinst_HEADERS += src/registry.h src/prefs.h

extension_unit_tests = \
	tests/unit/test-extension \
	tests/unit/test-registry \
	tests/unit/test-prefs
check_PROGRAMS += $(extension_unit_tests)
TESTS += $(extension_unit_tests)
UNIT_TESTS += $(extension_unit_tests)
EXTRA_DIST += tests/fixtures/extensions

extension_cli_tests = \
	tests/cli/ext.sh \
	tests/cli/prefs.sh
TESTS += $(extension_cli_tests)
CLI_TESTS += $(extension_cli_tests)
EXTRA_DIST += $(extension_cli_tests)

# Benchmark (run by hand; see the README): loading 500 bundles, cold and cached.
noinst_PROGRAMS += tests/bench/bench-ext-load
