# Extensions: loader, manifest, validation, cache, preferences (issue 3).
libchitty_a_SOURCES += \
	src/extension.c src/extension.h
libchitty_a_SOURCES += src/extension-source.c
noinst_HEADERS += src/registry.h src/prefs.h
