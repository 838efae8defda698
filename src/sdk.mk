# The script SDK (issue 9): the channel and its protocol, the executor's
# side, the HTML converter, choice ranking, the terminal front end, and the
# JavaScript module scripts preload ($(pkgdatadir)/sdk).
libchitty_a_SOURCES += \
	src/sdk.c src/sdk.h \
	src/exec-sdk.c src/exec-sdk.h \
	src/html.c src/html.h \
	src/choices.c src/choices.h \
	src/sdk-tty.c src/sdk-tty.h

sdkdir = $(pkgdatadir)/sdk
dist_sdk_DATA = \
	sdk/chitty.mjs \
	sdk/sdk.d.ts

sdk_unit_tests = \
	tests/unit/test-sdk \
	tests/unit/test-html
check_PROGRAMS += $(sdk_unit_tests)
TESTS += $(sdk_unit_tests)
UNIT_TESTS += $(sdk_unit_tests)

sdk_cli_tests = tests/cli/sdk.sh
TESTS += $(sdk_cli_tests)
CLI_TESTS += $(sdk_cli_tests)
EXTRA_DIST += $(sdk_cli_tests) tests/fixtures/sdk

# tmux-driven: the launcher's prompts, chitty run's prompts on a terminal,
# the shipped chrome.md against a made-up Chrome profile.
sdk_e2e_tests = \
	tests/e2e/launcher-sdk.sh \
	tests/e2e/sdk-run.sh \
	tests/e2e/chrome.sh
TESTS += $(sdk_e2e_tests)
EXTRA_DIST += $(sdk_e2e_tests)
