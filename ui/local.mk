# The launcher UI: everything that includes curses, and the pure modules it
# draws with (key decoding, line editing, markdown, keymap, theme, forms).
libchitty_a_SOURCES += \
	ui/keys.c ui/keys.h \
	ui/lineedit.c ui/lineedit.h \
	ui/markdown.c ui/markdown.h \
	ui/keymap.c ui/keymap.h \
	ui/theme.c ui/theme.h \
	ui/icons.c ui/icons.h \
	ui/trace.c ui/trace.h \
	ui/form.c ui/form.h \
	ui/form-files.c \
	ui/snapshot.c ui/snapshot.h \
	ui/searcher.c ui/searcher.h \
	ui/keyreader.c ui/keyreader.h \
	ui/signals.c ui/signals.h \
	ui/tui.c ui/tui.h \
	ui/ui.h \
	ui/draw.c \
	ui/run.c \
	ui/view-list.c \
	ui/view-actions.c \
	ui/view-confirm.c \
	ui/view-detail.c \
	ui/view-form.c \
	ui/view-output.c \
	ui/view-prompt.c \
	ui/sdk-ui.c \
	ui/picker.c \
	ui/new-remote.c \
	ui/launcher.c ui/launcher.h

ui_unit_tests = \
	tests/unit/test-keys \
	tests/unit/test-lineedit \
	tests/unit/test-markdown \
	tests/unit/test-keymap \
	tests/unit/test-form \
	tests/unit/test-snapshot
check_PROGRAMS += $(ui_unit_tests)
TESTS += $(ui_unit_tests)
UNIT_TESTS += $(ui_unit_tests)
EXTRA_DIST += tests/fixtures/ui tests/bench/launcher.py tests/bench/launcher-bench.sh
