# Actions: the dispatcher, tools, substitution, processes (issue 5).
libchitty_a_SOURCES += src/tools.c src/tools.h src/exec.c src/exec.h
