/*
 * Ranking an arg() prompt's choices (sdk.h) as the launcher ranks items:
 * fzy's matcher (rank.h) over each choice's name (weight 0) and
 * description (weight -2, a subtitle's), best first, ties in the script's
 * order.  The launcher's list prompt and `chitty run`'s numbered list both
 * filter with it.
 */
#ifndef CHITTY_CHOICES_H
#define CHITTY_CHOICES_H

#include <stddef.h>

struct sdk_choice;
struct choice_index;

/* An index over n choices (borrowed: they must outlive it). */
struct choice_index *choice_index_create(const struct sdk_choice *choices, size_t n);
void choice_index_free(struct choice_index *ix);

/*
 * The choices matching query, best first (every choice in order for an
 * empty query): their positions into *out (the caller's, free()); returns
 * how many.
 */
size_t choice_rank(const struct choice_index *ix, const char *query, size_t **out);

#endif
