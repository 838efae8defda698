# Providers: one file per remote kind, listed in provider_table[].
libchitty_a_SOURCES += \
	providers/provider.h \
	providers/provider.c \
	providers/provider-table.c \
	providers/github.c \
	providers/notion.c \
	providers/linear.c \
	providers/cloudflare.c \
	providers/neon.c

# Each provider's commands against its API module in the fixture server
# (tests/fixtures/apis/NAME.py); remote-all.sh refreshes and searches them all.
provider_cli_tests = \
	tests/cli/remote-notion.sh \
	tests/cli/remote-linear.sh \
	tests/cli/remote-cloudflare.sh \
	tests/cli/remote-neon.sh \
	tests/cli/checkpoint.sh \
	tests/cli/remote-all.sh
TESTS += $(provider_cli_tests)
CLI_TESTS += $(provider_cli_tests)
EXTRA_DIST += $(provider_cli_tests) \
	tests/fixtures/apis/notion.py \
	tests/fixtures/apis/linear.py \
	tests/fixtures/apis/cloudflare.py \
	tests/fixtures/apis/neon.py
