# Ranking: the fzy matcher, parallel ranking, frecency, search (issue 4).
libchitty_a_SOURCES += \
	src/match.c src/match.h \
	src/rank.c src/rank.h \
	src/input.c src/input.h \
	src/history.c src/history.h \
	src/search.c src/search.h

match_unit_tests = \
	tests/unit/test-match \
	tests/unit/test-rank \
	tests/unit/test-history \
	tests/unit/test-search
check_PROGRAMS += $(match_unit_tests)
TESTS += $(match_unit_tests)
UNIT_TESTS += $(match_unit_tests)
noinst_HEADERS += tests/unit/fzy-ref.h tests/unit/test-random.h

match_cli_tests = \
	tests/cli/search.sh \
	tests/cli/filter-fzy.sh
TESTS += $(match_cli_tests)
CLI_TESTS += $(match_cli_tests)
EXTRA_DIST += $(match_cli_tests)

# Benchmarks (run by hand; see the README): filter -e against fzy, typing.
noinst_PROGRAMS += tests/bench/bench-keystroke
EXTRA_DIST += tests/bench/filter.py
