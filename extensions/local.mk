# Shipped extensions, installed to $(pkgdatadir)/extensions.
shipped_extensionsdir = $(pkgdatadir)/extensions
dist_shipped_extensions_DATA = \
	extensions/README.md
