# Core: utilities, paths, config, the item model and catalog, the CLI table.
libchitty_a_SOURCES += \
	src/xmalloc.c src/xmalloc.h \
	src/strbuf.c src/strbuf.h \
	src/strv.c src/strv.h \
	src/fileio.c src/fileio.h \
	src/paths.c src/paths.h \
	src/utf8.c src/utf8.h \
	src/msg.c src/msg.h \
	src/suggest.c src/suggest.h \
	src/table.c src/table.h \
	src/jsonutil.c src/jsonutil.h \
	src/config.c src/config.h \
	src/item.c src/item.h \
	src/catalog.c src/catalog.h \
	src/args.c src/args.h \
	src/cmd.c src/cmd.h \
	src/cmd-help.c \
	src/cmd-search.c \
	src/cmd-filter.c \
	src/cmd-run.c \
	src/cmd-ext.c \
	src/cmd-prefs.c \
	src/cmd-config.c \
	src/cmd-refresh.c \
	src/cmd-open.c \
	src/cmd-checkpoint.c \
	src/cmd-sync.c \
	src/cmd-popup.c \
	src/cmd-provider.c

core_unit_tests = \
	tests/unit/test-strings \
	tests/unit/test-utf8 \
	tests/unit/test-fileio \
	tests/unit/test-paths \
	tests/unit/test-item \
	tests/unit/test-config \
	tests/unit/test-cmd
check_PROGRAMS += $(core_unit_tests)
TESTS += $(core_unit_tests)
UNIT_TESTS += $(core_unit_tests)
noinst_HEADERS += tests/unit/tap.h
libchitty_a_SOURCES += src/sources.c src/sources.h
