/* Ranking an arg() prompt's choices (choices.h). */
#include "build-config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "choices.h"
#include "rank.h"
#include "sdk.h"
#include "search.h"
#include "xmalloc.h"

struct choice_index {
	size_t n;
	struct rank_index *rank;
};

struct choice_index *
choice_index_create(const struct sdk_choice *choices, size_t n)
{
	struct choice_index *ix = xcalloc(1, sizeof *ix);
	ix->n = n;
	uint32_t *first = xcalloc(n + 1, sizeof *first);
	const char **strs = xcalloc(2 * n + 1, sizeof *strs);
	double *weights = xcalloc(2 * n + 1, sizeof *weights);
	size_t f = 0;
	for (size_t i = 0; i < n; i++) {
		first[i] = (uint32_t)f;
		strs[f] = choices[i].name;
		weights[f++] = SEARCH_WEIGHT_TITLE;
		if (choices[i].description != NULL && *choices[i].description != '\0') {
			strs[f] = choices[i].description;
			weights[f++] = SEARCH_WEIGHT_SUBTITLE;
		}
	}
	first[n] = (uint32_t)f;
	ix->rank = rank_index_create_fields(n, first, strs, NULL, weights, 1);
	free(first);
	free(strs);
	free(weights);
	return ix;
}

void
choice_index_free(struct choice_index *ix)
{
	if (ix == NULL)
		return;
	rank_index_free(ix->rank);
	free(ix);
}

size_t
choice_rank(const struct choice_index *ix, const char *query, size_t **out)
{
	if (*query == '\0') {
		*out = xcalloc(ix->n + 1, sizeof **out);
		for (size_t i = 0; i < ix->n; i++)
			(*out)[i] = i;
		return ix->n;
	}
	struct rank_options opt = {.workers = 1, .finite_exact = 1};
	struct rank_result *r = NULL;
	size_t n = rank_all(ix->rank, query, strlen(query), &opt, &r);
	*out = xcalloc(n + 1, sizeof **out);
	for (size_t i = 0; i < n; i++)
		(*out)[i] = r[i].index;
	free(r);
	return n;
}
