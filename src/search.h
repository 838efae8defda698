/*
 * The launcher's ranking over catalog items (what the launcher lists and
 * `chitty search` prints).
 *
 * Rules, in order (each has a named test in tests/unit/test-search.c):
 *
 *  1. Exact alias first.  An item whose alias equals the whole query
 *     (ASCII case ignored) comes before everything else; its score is
 *     SEARCH_ALIAS_SCORE plus its frecency boost.
 *  2. Fields, best one counts.  Every other item is scored with fzy's
 *     matcher against each field; the item's relevance is the best
 *     (field score + field weight):
 *        title 0, alias -1, each keyword -1, subtitle -2, group -2
 *     (group: the extension's title or the remote's name).  A field equal
 *     to the query (up to case) scores n + 1 for an n-byte query instead of
 *     fzy's +inf, above any partial match (those score below n), so an
 *     exact title (n + 1) beats an exact keyword (n) beats a fuzzy title.
 *     An item matches when any field does (fzy's has_match: a lowercase
 *     query letter matches either case, an uppercase one only itself).
 *  3. Frecency lifts.  score = relevance + boost, boost =
 *     f / (f + SEARCH_FRECENCY_HALF) from the item's frecency f
 *     (history.h): under 1, so use reorders items of similar relevance
 *     (one-letter queries, equal titles) but cannot lift a poor match over
 *     a much better one.
 *  4. Ties keep catalog order (sources in load order, items as produced).
 *  5. Empty query: items used before, most frecent first (score = boost),
 *     then every other item in catalog order, i.e. grouped by source
 *     (score 0).  A query of spaces only is empty.
 *  6. Several words (split at spaces, as fzf and Raycast do): an item
 *     matches when every word matches one of its fields, any field, in any
 *     order ("chrome history": the extension's title and the command's);
 *     its relevance is the sum over the words of each word's best (field
 *     score + weight).  Rule 1 compares the alias with the words joined by
 *     single spaces.  One word with spaces around it is that word.
 *
 * Scores are finite numbers.  Title positions (byte offsets of the
 * matched characters, fzy's choice) come with every result whose title
 * matches the query (with several words: each word matching the title,
 * merged), whichever field won, for highlighting.
 *
 * Threads: a search_index is built once per catalog generation and is
 * immutable; it borrows the catalog's items (results point at them; the
 * matching reads the index's own copy of their text), so the catalog must
 * not change (nor items be freed) while an index over it is in use.
 * A search_session belongs to one thread (the launcher's search thread);
 * search_cancel may be called from any thread.  Results are the caller's.
 */
#ifndef CHITTY_SEARCH_H
#define CHITTY_SEARCH_H

#include <stddef.h>
#include <time.h>

#include "match.h"

struct catalog;
struct history;
struct item;

#define SEARCH_WEIGHT_TITLE    0.0
#define SEARCH_WEIGHT_ALIAS    -1.0
#define SEARCH_WEIGHT_KEYWORD  -1.0
#define SEARCH_WEIGHT_SUBTITLE -2.0
#define SEARCH_WEIGHT_GROUP    -2.0
#define SEARCH_ALIAS_SCORE     1000.0
#define SEARCH_FRECENCY_HALF   200.0

enum search_field {
	SEARCH_FIELD_NONE,        /* empty query: not matched, just listed */
	SEARCH_FIELD_ALIAS_EXACT, /* rule 1 */
	SEARCH_FIELD_TITLE,
	SEARCH_FIELD_ALIAS,
	SEARCH_FIELD_KEYWORD,
	SEARCH_FIELD_SUBTITLE,
	SEARCH_FIELD_GROUP,
};

struct search_result {
	const struct item *item; /* borrowed from the catalog */
	size_t index;            /* the item's position in the catalog */
	double score;
	double frecency;         /* the item's frecency f (0: never used) */
	enum search_field field; /* what matched best */
	size_t *positions;       /* title byte offsets, n_positions of them, or NULL */
	size_t n_positions;
};

struct search_results {
	struct search_result *r; /* best first */
	size_t n;
	size_t matches; /* matching items in all (n is at most the limit) */
};

struct search_index;
struct search_session;

/*
 * Index every item of cat.  hist (may be NULL) and now give the frecency
 * boosts, taken once here: rebuild the index (or call
 * search_index_set_history) after recording a use.  workers: 0 for all CPUs.
 */
struct search_index *search_index_create(const struct catalog *cat, const struct history *hist,
					 time_t now, int workers);
void search_index_set_history(struct search_index *ix, const struct history *hist, time_t now);
void search_index_free(struct search_index *ix);

struct search_session *search_session_create(const struct search_index *ix);
void search_session_free(struct search_session *s);

/*
 * Rank for query (len bytes): at most limit results (0: all).  A query
 * that extends the session's previous one re-checks only its matches.
 * Returns the results (the caller's: search_results_free), or NULL when
 * cancelled.
 */
struct search_results *search_run(struct search_session *s, const char *query, size_t len,
				  size_t limit);
void search_cancel(struct search_session *s);
void search_results_free(struct search_results *res);

/* The boost frecency f gives (rule 3). */
double search_frecency_boost(double f);
const char *search_field_name(enum search_field field);

#endif
