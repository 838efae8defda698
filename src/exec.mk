# Actions: the dispatcher, tools, substitution, processes (issue 5).
