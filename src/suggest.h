/* "Did you mean …?": the nearest name by edit distance. */
#ifndef CHITTY_SUGGEST_H
#define CHITTY_SUGGEST_H

#include <stddef.h>

/* Optimal-string-alignment distance (insert, delete, substitute, swap), ASCII case-insensitive. */
size_t edit_distance(const char *a, const char *b);

/*
 * The candidate nearest to word, or NULL when none is plausibly meant
 * (distance over max(2, len/2) and no prefix relation).  Borrowed from
 * candidates; NULL entries are skipped.
 */
const char *suggest_nearest(const char *word, const char *const *candidates, size_t n);

#endif
