# Remotes: config and secrets, HTTP, resource cache (issue 7).
