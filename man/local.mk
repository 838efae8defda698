dist_man_MANS += \
	man/chitty.1 \
	man/chitty-extensions.5 \
	man/chitty-config.5
