# Actions: the dispatcher, tools, substitution, processes (issue 5).
libchitty_a_SOURCES += src/tools.c src/tools.h src/exec.c src/exec.h \
	src/exec-subst.c src/exec-subst.h

exec_unit_tests = \
	tests/unit/test-exec-subst
check_PROGRAMS += $(exec_unit_tests)
TESTS += $(exec_unit_tests)
UNIT_TESTS += $(exec_unit_tests)
