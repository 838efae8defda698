# Providers: one file per remote kind, listed in provider_table[].
libchitty_a_SOURCES += \
	providers/provider.h \
	providers/provider.c \
	providers/provider-table.c \
	providers/github.c
