# Actions: the dispatcher, tools, substitution, processes (issue 5).
libchitty_a_SOURCES += src/tools.c src/tools.h \
	src/exec.c src/exec.h \
	src/exec-subst.c src/exec-subst.h \
	src/exec-proc.c src/exec-proc.h \
	src/exec-runtime.c src/exec-runtime.h \
	src/exec-http.c src/exec-http.h \
	src/exec-open.c \
	src/exec-keys.c src/exec-keys.h \
	src/clipboard.c src/clipboard.h

exec_unit_tests = \
	tests/unit/test-exec-subst \
	tests/unit/test-exec
check_PROGRAMS += $(exec_unit_tests)
TESTS += $(exec_unit_tests)
UNIT_TESTS += $(exec_unit_tests)

exec_cli_tests = tests/cli/run.sh
TESTS += $(exec_cli_tests)
CLI_TESTS += $(exec_cli_tests)
EXTRA_DIST += $(exec_cli_tests) tests/fixtures/run
