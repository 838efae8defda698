/*
 * fzy's matcher, exactly, and faster: the dynamic programming only visits
 * the columns where each query character can take part in a match, and it
 * walks columns in the outer loop so the rows' dependency chains overlap.
 * Every value it computes is the value fzy computes for that cell, with the
 * same floating-point operations in the same order, so the scores are the
 * same doubles (tests/unit/test-match compares with a plain transcription of
 * the algorithm; tests/cli/filter-fzy.sh with the fzy program).
 */
#include "build-config.h"

/* x * y + z must round twice, as fzy's binary (built without FMA) does. */
#if defined(__clang__)
#pragma STDC FP_CONTRACT OFF
#elif defined(__GNUC__)
#pragma GCC optimize("fp-contract=off")
#endif

#include <stdlib.h>
#include <string.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "match.h"
#include "xmalloc.h"

static inline unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static inline int
is_lower(unsigned char c)
{
	return c >= 'a' && c <= 'z';
}

static inline int
is_upper(unsigned char c)
{
	return c >= 'A' && c <= 'Z';
}

score_t
match_bonus(unsigned char prev, unsigned char cur)
{
	int word = is_lower(cur) || (cur >= '0' && cur <= '9');
	int upper = is_upper(cur);

	if (!word && !upper)
		return 0;
	switch (prev) {
	case '/':
		return SCORE_MATCH_SLASH;
	case '-':
	case '_':
	case ' ':
		return SCORE_MATCH_WORD;
	case '.':
		return SCORE_MATCH_DOT;
	}
	if (upper && is_lower(prev))
		return SCORE_MATCH_CAPITAL;
	return 0;
}

/*
 * Byte classes for the prefilter mask: letters (folded), digits and the
 * common separators get a bit each; every other byte shares one of the
 * remaining bits by its value.
 */
static inline unsigned
char_class(unsigned char c)
{
	c = fold(c);
	if (is_lower(c))
		return c - 'a'; /* 0..25 */
	if (c >= '0' && c <= '9')
		return 26 + (c - '0'); /* 26..35 */
	switch (c) {
	case '/':
		return 36;
	case '.':
		return 37;
	case '-':
		return 38;
	case '_':
		return 39;
	case ' ':
		return 40;
	}
	return 41 + c % 23; /* 41..63 */
}

uint64_t
match_charmask(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;
	uint64_t mask = 0;

	for (size_t i = 0; i < len; i++)
		mask |= (uint64_t)1 << char_class(p[i]);
	return mask;
}

struct match_query *
match_query_create(const char *query, size_t len)
{
	struct match_query *q = xcalloc(1, sizeof *q);

	q->n = len;
	q->raw = xmalloc(3 * len + 3);
	q->lower = q->raw + len + 1;
	q->ormask = q->lower + len + 1;
	memcpy(q->raw, query, len);
	q->raw[len] = '\0';
	for (size_t i = 0; i < len; i++) {
		unsigned char c = q->raw[i];
		q->lower[i] = fold(c);
		q->ormask[i] = is_lower(c) ? 0x20 : 0;
		q->charmask |= (uint64_t)1 << char_class(c);
		if (is_upper(c))
			q->has_upper = 1;
	}
	q->lower[len] = '\0';
	return q;
}

void
match_query_free(struct match_query *q)
{
	if (q == NULL)
		return;
	free(q->raw);
	free(q);
}

/* First p in [p, end) with (*p | or) == c, or NULL. */
static inline const unsigned char *
find_fwd(const unsigned char *p, const unsigned char *end, unsigned char c, unsigned char or)
{
#ifdef __SSE2__
	if (end - p >= 16) {
		const __m128i vc = _mm_set1_epi8((char)c), vo = _mm_set1_epi8((char) or);
		for (;;) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
			unsigned bits = (unsigned)_mm_movemask_epi8(
				_mm_cmpeq_epi8(_mm_or_si128(v, vo), vc));
			if (bits != 0)
				return p + __builtin_ctz(bits);
			p += 16;
			if (end - p < 16)
				break;
		}
		if (p == end)
			return NULL;
		/* The last block overlaps what was already searched. */
		const unsigned char *q = end - 16;
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)q);
		unsigned bits =
			(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(v, vo), vc));
		bits &= ~0u << (p - q);
		return bits != 0 ? q + __builtin_ctz(bits) : NULL;
	}
#endif
	for (; p < end; p++)
		if ((*p | or) == c)
			return p;
	return NULL;
}

/* Last p in [start, end) with (*p | or) == c, or NULL. */
static inline const unsigned char *
find_back(const unsigned char *start, const unsigned char *end, unsigned char c, unsigned char or)
{
#ifdef __SSE2__
	if (end - start >= 16) {
		const __m128i vc = _mm_set1_epi8((char)c), vo = _mm_set1_epi8((char) or);
		for (;;) {
			__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(end - 16));
			unsigned bits = (unsigned)_mm_movemask_epi8(
				_mm_cmpeq_epi8(_mm_or_si128(v, vo), vc));
			if (bits != 0)
				return end - 16 + (31 - __builtin_clz(bits));
			end -= 16;
			if (end - start < 16)
				break;
		}
		if (end == start)
			return NULL;
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)start);
		unsigned bits =
			(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_or_si128(v, vo), vc));
		bits &= (1u << (end - start)) - 1;
		return bits != 0 ? start + (31 - __builtin_clz(bits)) : NULL;
	}
#endif
	while (end > start) {
		end--;
		if ((*end | or) == c)
			return end;
	}
	return NULL;
}

int
match_has(const struct match_query *q, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + len;

	for (size_t i = 0; i < q->n; i++) {
		p = find_fwd(p, end, q->raw[i], q->ormask[i]);
		if (p == NULL)
			return 0;
		p++;
	}
	return 1;
}

/* The case-insensitive test the scoring uses: letters match either case. */
static inline unsigned char
ci_or(unsigned char lower)
{
	return is_lower(lower) ? 0x20 : 0;
}

/*
 * The columns where row i can matter.  first[i]: the earliest column where
 * query[0..i] can end (greedy from the left); before it row i is -inf.
 * last[i]: the latest column where query[i] can sit with query[i+1..] still
 * fitting after it (greedy from the right).  Row i's values are needed up
 * to end(i) = last[i+1] - 1 (m - 1 for the last row), and between last[i]
 * and end(i) query[i] does not occur, so no cell there reads the row above
 * outside its own window.  Returns 0 when the query cannot be placed even
 * case-insensitively (fzy's score is then SCORE_MIN).
 */
static int
windows(const struct match_query *q, const unsigned char *s, size_t m, unsigned short *first,
	unsigned short *last)
{
	const unsigned char *p = s, *end = s + m;
	size_t n = q->n;

	for (size_t i = 0; i < n; i++) {
		p = find_fwd(p, end, q->lower[i], ci_or(q->lower[i]));
		if (p == NULL)
			return 0;
		first[i] = (unsigned short)(p - s);
		p++;
	}
	end = s + m;
	for (size_t i = n; i-- > 0;) {
		end = find_back(s + first[i], end, q->lower[i], ci_or(q->lower[i]));
		last[i] = (unsigned short)(end - s);
	}
	return 1;
}

static inline score_t
max2(score_t a, score_t b)
{
	return a > b ? a : b;
}

/*
 * The general kernel: rows in the outer loop, two rows of storage, each row
 * limited to its window.  Used for long queries; short ones take the
 * column kernels below.
 */
static score_t
score_rows(const struct match_query *q, const unsigned char *s, size_t m,
	   const unsigned short *first, const unsigned short *last)
{
	score_t Dbuf[2][MATCH_MAX_LEN], Mbuf[2][MATCH_MAX_LEN];
	score_t *lastD = Dbuf[0], *lastM = Mbuf[0], *curD = Dbuf[1], *curM = Mbuf[1];
	size_t n = q->n;

	for (size_t i = 0; i < n; i++) {
		unsigned char qc = q->lower[i];
		score_t g = i == n - 1 ? SCORE_GAP_TRAILING : SCORE_GAP_INNER;
		score_t prev = SCORE_MIN;
		size_t hi = i == n - 1 ? m - 1 : (size_t)last[i + 1] - 1;

		for (size_t j = first[i]; j <= hi; j++) {
			if (fold(s[j]) == qc) {
				score_t bonus = match_bonus(j ? s[j - 1] : '/', s[j]);
				score_t sc;
				if (i == 0)
					sc = (score_t)j * SCORE_GAP_LEADING + bonus;
				else
					sc = max2(lastM[j - 1] + bonus,
						  lastD[j - 1] + SCORE_MATCH_CONSECUTIVE);
				curD[j] = sc;
				curM[j] = prev = max2(sc, prev + g);
			} else {
				curD[j] = SCORE_MIN;
				curM[j] = prev = prev + g;
			}
		}
		score_t *t = lastD;
		lastD = curD;
		curD = t;
		t = lastM;
		lastM = curM;
		curM = t;
	}
	return lastM[m - 1];
}

score_t
match_score(const struct match_query *q, const char *str, size_t m)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned short first[MATCH_MAX_LEN], last[MATCH_MAX_LEN];
	size_t n = q->n;

	if (n == 0)
		return SCORE_MIN;
	if (m > MATCH_MAX_LEN || n > m)
		return SCORE_MIN;
	if (n == m)
		return SCORE_MAX;
	if (!windows(q, s, m, first, last))
		return SCORE_MIN;
	return score_rows(q, s, m, first, last);
}

score_t
match_score_bound(const struct match_query *q, size_t m)
{
	size_t n = q->n;

	if (n == 0 || m > MATCH_MAX_LEN || n > m)
		return SCORE_MIN;
	if (n == m)
		return SCORE_MAX;
	return (score_t)n - 0.1 + SCORE_GAP_LEADING * (score_t)(m - n) + 1e-6;
}

score_t
match_positions(const struct match_query *q, const char *str, size_t m, size_t *positions)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned short first[MATCH_MAX_LEN], last[MATCH_MAX_LEN];
	size_t n = q->n;

	if (n == 0 || m > MATCH_MAX_LEN || n > m)
		return SCORE_MIN;
	if (n == m) {
		for (size_t i = 0; i < n; i++)
			positions[i] = i;
		return SCORE_MAX;
	}
	if (!windows(q, s, m, first, last))
		return SCORE_MIN;

	/* Each row keeps its window only: row i holds columns first[i]..hi(i). */
	size_t off[MATCH_MAX_LEN + 1], total = 0;
	for (size_t i = 0; i < n; i++) {
		size_t hi = i == n - 1 ? m - 1 : (size_t)last[i + 1] - 1;
		off[i] = total;
		total += hi - first[i] + 1;
	}
	off[n] = total;
	score_t *Dall = xreallocarray(NULL, total, 2 * sizeof *Dall), *Mall = Dall + total;
#define CELL(a, i, j) ((a)[off[i] + (j)-first[i]])

	for (size_t i = 0; i < n; i++) {
		unsigned char qc = q->lower[i];
		score_t g = i == n - 1 ? SCORE_GAP_TRAILING : SCORE_GAP_INNER;
		score_t prev = SCORE_MIN;
		size_t hi = off[i + 1] - off[i] + first[i] - 1;

		for (size_t j = first[i]; j <= hi; j++) {
			score_t sc = SCORE_MIN;
			if (fold(s[j]) == qc) {
				score_t bonus = match_bonus(j ? s[j - 1] : '/', s[j]);
				if (i == 0)
					sc = (score_t)j * SCORE_GAP_LEADING + bonus;
				else
					sc = max2(CELL(Mall, i - 1, j - 1) + bonus,
						  CELL(Dall, i - 1, j - 1) +
							  SCORE_MATCH_CONSECUTIVE);
				prev = max2(sc, prev + g);
			} else {
				prev = prev + g;
			}
			CELL(Dall, i, j) = sc;
			CELL(Mall, i, j) = prev;
		}
	}

	/*
	 * fzy's walk back: in each row take the latest column whose match is
	 * the row's best so far (D == M), or the forced one when the step
	 * after it was a consecutive match.
	 */
	int match_required = 0;
	long j = (long)m - 1;
	for (long i = (long)n - 1; i >= 0; i--) {
		int found = 0;
		for (; j >= (long)first[i]; j--) {
			score_t d = CELL(Dall, i, j), mm = CELL(Mall, i, j);
			if (d != SCORE_MIN && (match_required || d == mm)) {
				match_required =
					i && j &&
					mm == CELL(Dall, i - 1, j - 1) + SCORE_MATCH_CONSECUTIVE;
				positions[i] = (size_t)j--;
				found = 1;
				break;
			}
		}
		if (!found)
			j = -1;
	}
	score_t result = CELL(Mall, n - 1, m - 1);
#undef CELL
	free(Dall);
	return result;
}

int
match_str_has(const char *query, const char *s)
{
	struct match_query *q = match_query_create(query, strlen(query));
	int r = match_has(q, s, strlen(s));
	match_query_free(q);
	return r;
}

score_t
match_str_score(const char *query, const char *s)
{
	struct match_query *q = match_query_create(query, strlen(query));
	score_t r = match_score(q, s, strlen(s));
	match_query_free(q);
	return r;
}

score_t
match_str_positions(const char *query, const char *s, size_t *positions)
{
	struct match_query *q = match_query_create(query, strlen(query));
	score_t r = match_positions(q, s, strlen(s), positions);
	match_query_free(q);
	return r;
}
