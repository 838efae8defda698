/*
 * The fuzzy matcher: fzy's scoring, exactly (same doubles, same has_match
 * rule, same positions), written from the description in the matcher
 * reference.
 *
 *   has_match   every query byte appears in order.  A lowercase ASCII letter
 *               matches either case; any other byte (an uppercase letter
 *               included) matches only itself.  The empty query matches.
 *   score       case-insensitive (ASCII) dynamic programming over gaps and
 *               position bonuses.  Empty query: SCORE_MIN.  Query longer
 *               than the candidate, or candidate over MATCH_MAX_LEN bytes:
 *               SCORE_MIN (such a candidate still matches; it is listed
 *               last).  Query as long as the candidate: SCORE_MAX.
 *   positions   the byte offsets fzy highlights: the optimal path walked back
 *               from the end, latest column first.
 *
 * Bytes >= 0x80 are compared as they are (UTF-8 text matches byte by byte,
 * as fzy does in a UTF-8 or C locale).
 *
 * Pure: no I/O, no mutable globals.  A prepared query (struct match_query)
 * is immutable after match_query_create, so any number of threads may use
 * one query at once.  match_has and match_score never allocate;
 * match_positions allocates its tables (it runs only for the rows a screen
 * shows).
 */
#ifndef CHITTY_MATCH_H
#define CHITTY_MATCH_H

#include <math.h>
#include <stddef.h>
#include <stdint.h>

typedef double score_t;

#define SCORE_MIN     (-INFINITY)
#define SCORE_MAX     INFINITY
#define MATCH_MAX_LEN 1024

/* fzy's constants (config.def.h); scores are sums of these. */
#define SCORE_GAP_LEADING       (-0.005)
#define SCORE_GAP_TRAILING      (-0.005)
#define SCORE_GAP_INNER         (-0.01)
#define SCORE_MATCH_CONSECUTIVE 1.0
#define SCORE_MATCH_SLASH       0.9
#define SCORE_MATCH_WORD        0.8
#define SCORE_MATCH_CAPITAL     0.7
#define SCORE_MATCH_DOT         0.6

struct match_query {
	size_t n;              /* query length in bytes */
	unsigned char *raw;    /* the query as given (NUL-terminated copy) */
	unsigned char *lower;  /* ASCII-lowercased: what the scoring compares */
	unsigned char *ormask; /* 0x20 where raw is a lowercase letter, else 0:
				  (byte | ormask) == raw is has_match's test */
	uint64_t charmask;     /* match_charmask classes every match contains */
	int has_upper;         /* an uppercase letter: has_match is stricter than
				  the scoring's case-insensitive feasibility */
};

/* Prepare a query (len bytes, may contain any byte).  Never NULL. */
struct match_query *match_query_create(const char *query, size_t len);
void match_query_free(struct match_query *q);

/* fzy's has_match. */
int match_has(const struct match_query *q, const char *s, size_t len);

/*
 * fzy's score of s.  Meant for candidates that pass match_has (as fzy only
 * scores those); for others it returns what fzy's match() would.
 */
score_t match_score(const struct match_query *q, const char *s, size_t len);

/*
 * has_match and, when it holds, the score in *score: one pass that shares
 * the search.  Returns 1 for a match, 0 (score untouched) otherwise.
 */
int match_eval(const struct match_query *q, const char *s, size_t len, score_t *score);

/*
 * The score and, in positions[0..q->n), the byte offsets of the matched
 * characters (strictly increasing).  Positions are filled only when the
 * score is not SCORE_MIN: an empty query, a candidate over MATCH_MAX_LEN or
 * one that does not match leaves them untouched.  A candidate as long as
 * the query gets 0..n-1.
 */
score_t match_positions(const struct match_query *q, const char *s, size_t len, size_t *positions);

/*
 * An upper bound of match_score for any candidate of len bytes that passes
 * match_has: every query byte earns at most 1.0 (0.9 for the first), and
 * each of the len - n unmatched bytes costs at least 0.005.  Slightly
 * generous to cover rounding, so "bound < x" proves "score < x".
 */
score_t match_score_bound(const struct match_query *q, size_t len);

/*
 * A 64-bit summary of which byte classes s contains (letters folded to
 * lowercase).  A string can only match q when
 * (match_charmask(s) & q->charmask) == q->charmask.
 */
uint64_t match_charmask(const char *s, size_t len);

/* The bonus fzy gives a match at `cur` when the byte before it is `prev`. */
score_t match_bonus(unsigned char prev, unsigned char cur);

/* NUL-terminated conveniences (tests, small callers); they allocate. */
int match_str_has(const char *query, const char *s);
score_t match_str_score(const char *query, const char *s);
score_t match_str_positions(const char *query, const char *s, size_t *positions);

#endif
