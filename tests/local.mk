# Test harness: shell libraries, CLI tests and tmux-driven end-to-end tests.
EXTRA_DIST += \
	tests/lib/tap.sh \
	tests/e2e/lib.sh

cli_tests = \
	tests/cli/cli-basics.sh
# Run configure five times, and make install: once in the normal build, not
# again under ASan.
build_tests = \
	tests/cli/configure.sh \
	tests/cli/install.sh
TESTS += $(build_tests)
EXTRA_DIST += $(build_tests)
e2e_tests = \
	tests/e2e/launcher.sh \
	tests/e2e/launcher-preview.sh \
	tests/e2e/launcher-actions.sh \
	tests/e2e/launcher-forms.sh \
	tests/e2e/launcher-resize.sh \
	tests/e2e/launcher-wide.sh \
	tests/e2e/launcher-mouse.sh \
	tests/e2e/picker.sh \
	tests/e2e/popup.sh \
	tests/e2e/launcher-config.sh \
	tests/e2e/launcher-snapshot.sh \
	tests/e2e/launcher-run.sh \
	tests/e2e/launcher-http.sh \
	tests/e2e/launcher-remote.sh \
	tests/e2e/launcher-providers.sh \
	tests/e2e/valgrind.sh
TESTS += $(cli_tests) $(e2e_tests)
CLI_TESTS += $(cli_tests)
EXTRA_DIST += $(cli_tests) $(e2e_tests)
