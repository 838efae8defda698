# Extensions: loader, manifest, validation, cache, preferences (issue 3).
