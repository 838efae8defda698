# Shipped extensions, installed to $(pkgdatadir)/extensions.
shipped_extensionsdir = $(pkgdatadir)/extensions
dist_shipped_extensions_DATA = \
	extensions/README.md \
	extensions/cleanshot.md \
	extensions/chrome.md \
	extensions/git-repos.md \
	extensions/system.md \
	extensions/tmux.md
