# The launcher UI: everything that includes curses.
libchitty_a_SOURCES += \
	ui/launcher.c ui/launcher.h
