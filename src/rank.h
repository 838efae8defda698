/*
 * Ranking many candidates with the fzy matcher (match.h), fast, with the
 * same result as scoring every candidate and sorting by (score descending,
 * input order ascending).
 *
 * The shortcuts, each proved by tests/unit/test-rank against that plain
 * sort: a per-candidate byte-class mask and SIMD byte searches reject most
 * non-matches near memory speed; the DP is limited to the feasible columns
 * (match.c); the work is split over threads in batches; a screenful is a
 * top-K selection, where a candidate whose score bound (match_score_bound)
 * cannot beat the current K-th result is never scored; a session re-checks
 * only the previous matches when the query grows (every match of "abc" is
 * a match of "ab", with fzy's case rule too).
 *
 * Candidates.  A candidate has one or more fields (the launcher: title,
 * keywords, alias, subtitle, extension title); each field has a weight.  A
 * candidate matches when any field does; its score is the best over its
 * matching fields of (field score + weight), plus the candidate's boost.
 * With one field per candidate, weight 0 and no boost, the score is fzy's.
 *
 * Threads.  A struct rank_index is immutable once created: any number of
 * threads and sessions may use one at the same time.  It borrows the
 * candidate strings; they must outlive it and not change.  A struct
 * rank_session belongs to one thread at a time (the launcher's search
 * thread): it keeps the previous query and its matches.  rank_session_cancel
 * is the one call another thread (the UI) may make on a session.  Functions
 * here start and join their own threads; nothing runs after they return.
 */
#ifndef CHITTY_RANK_H
#define CHITTY_RANK_H

#include <stddef.h>
#include <stdint.h>

#include "match.h"

struct rank_index;
struct rank_session;

struct rank_result {
	uint32_t index; /* the candidate's number, in input order */
	score_t score;
};

struct rank_options {
	int workers; /* threads; 0: every online CPU */
	/*
	 * Replace a field's SCORE_MAX (query as long as the field, i.e. equal
	 * up to case) by n + 1 for an n-byte query: above every finite score
	 * (those are below n), so weights still separate an exact title from
	 * an exact keyword.
	 */
	int finite_exact;
	/* Per-candidate amount added to the score (frecency); NULL: none.
	   Borrowed; read during rank calls only. */
	const double *boost;
};

/* Number of workers `workers` means: itself, or the online CPUs for 0. */
int rank_workers(int workers);

/*
 * An index over n candidates with one field each: strs[i] with lens[i]
 * bytes (lens NULL: strlen).  The arrays are copied, the strings borrowed.
 * workers: threads for building (0: all CPUs).
 */
struct rank_index *rank_index_create(size_t n, const char *const *strs, const size_t *lens,
				     int workers);

/*
 * An index over n candidates with fields: candidate i owns fields
 * first[i] .. first[i + 1] - 1 (first has n + 1 entries, first[0] == 0,
 * non-decreasing; a candidate with no field never matches).  Field f is
 * strs[f] (lens[f] bytes, lens NULL: strlen) with weight weights[f]
 * (NULL: all 0).
 */
struct rank_index *rank_index_create_fields(size_t n, const uint32_t *first,
					    const char *const *strs, const size_t *lens,
					    const double *weights, int workers);
void rank_index_free(struct rank_index *ix);
size_t rank_index_count(const struct rank_index *ix);

/*
 * The score of candidate i for a prepared query, as the ranking computes
 * it; SCORE_MIN with *matched = 0 when no field matches.  *field (may be
 * NULL) gets the index (within the candidate, 0-based) of the field that
 * gave the score.
 */
score_t rank_candidate_score(const struct rank_index *ix, const struct match_query *q,
			     const struct rank_options *opt, size_t i, int *matched, int *field);

/*
 * Every matching candidate, best first: *out (the caller's, free()) gets
 * the results; returns how many.  Per-worker sorted runs, then a merge.
 */
size_t rank_all(const struct rank_index *ix, const char *query, size_t len,
		const struct rank_options *opt, struct rank_result **out);

/*
 * The best k matches, best first, into top[0..*n_top); returns the number
 * of matches.  No full sort: a bounded heap per worker, and candidates
 * whose bound cannot enter the heap are not scored.
 */
size_t rank_top(const struct rank_index *ix, const char *query, size_t len,
		const struct rank_options *opt, size_t k, struct rank_result *top, size_t *n_top);

/*
 * A search session: rank_top with memory.  It keeps the matches of the
 * last queries, so a query that extends an earlier one (typing) only
 * re-checks those, and going back (backspace) reuses them.  opt is copied
 * (the boost array stays borrowed).
 */
struct rank_session *rank_session_create(const struct rank_index *ix,
					 const struct rank_options *opt);
void rank_session_free(struct rank_session *s);

/*
 * Like rank_top.  Returns the number of matches, or -1 when cancelled
 * (top is then unspecified; the session stays usable).
 */
long rank_session_search(struct rank_session *s, const char *query, size_t len, size_t k,
			 struct rank_result *top, size_t *n_top);

/*
 * Every candidate matching the session's last query, in input order
 * (borrowed, valid until the next search); *n gets the count.  All
 * candidates (NULL, *n = count) before the first search.
 */
const uint32_t *rank_session_matches(const struct rank_session *s, size_t *n);

/* Ask a running rank_session_search to stop soon.  Any thread. */
void rank_session_cancel(struct rank_session *s);
/* 1 when a cancel came since the last search began (for work done on its matches). */
int rank_session_cancelled(struct rank_session *s);
/* Forget an earlier cancel, as a search does when it begins (work that skips the search). */
void rank_session_clear_cancel(struct rank_session *s);

/*
 * Lines of a buffer, for `chitty filter -e`: every record of buf[0..len)
 * (records end with delim; empty ones are skipped, as fzy skips empty
 * lines) matching query, best first, with the same order as rank_all.
 * With delim '\n' a NUL byte ends the input, as it does for fzy.  *out
 * (the caller's) gets the results.  No index is built: workers split and
 * match batches of the buffer directly.
 */
struct rank_line {
	score_t score;
	size_t off; /* record offset in buf */
	size_t len; /* record length */
};
size_t rank_lines(const char *buf, size_t len, int delim, const char *query, size_t qlen,
		  int workers, struct rank_line **out);

/*
 * Split buf like rank_lines does (same records, same NUL rule): *offs and
 * *lens (the caller's) get each record; returns the count.  For building a
 * rank_index over piped input (the interactive picker).
 */
size_t rank_split_lines(const char *buf, size_t len, int delim, size_t **offs, size_t **lens);

/* Sort results best first (score descending, index ascending). */
void rank_sort(struct rank_result *r, size_t n);

#endif
