# Ranking: the fzy matcher, parallel ranking, frecency, search (issue 4).
