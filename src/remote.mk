# Remotes: config and secrets, HTTP, resource cache (issue 7).
libchitty_a_SOURCES += src/remote-source.c
