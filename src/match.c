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

/*
 * The bonus as tables, for the column kernel: bonus_tab[cur_class[cur]][prev].
 * cur_class: 0 no bonus, 1 lowercase letter or digit, 2 uppercase letter.
 */
static const unsigned char cur_class[256] = {
	['a' ... 'z'] = 1,
	['0' ... '9'] = 1,
	['A' ... 'Z'] = 2,
};
static const score_t bonus_tab[3][256] = {
	[1] = {['/'] = SCORE_MATCH_SLASH,
	       ['-'] = SCORE_MATCH_WORD,
	       ['_'] = SCORE_MATCH_WORD,
	       [' '] = SCORE_MATCH_WORD,
	       ['.'] = SCORE_MATCH_DOT},
	[2] = {['/'] = SCORE_MATCH_SLASH,
	       ['-'] = SCORE_MATCH_WORD,
	       ['_'] = SCORE_MATCH_WORD,
	       [' '] = SCORE_MATCH_WORD,
	       ['.'] = SCORE_MATCH_DOT,
	       ['a' ... 'z'] = SCORE_MATCH_CAPITAL},
};

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
 * limited to its window.
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

/*
 * The kernel for queries of up to COLS_MAX bytes (measured faster there;
 * longer queries gain more from the windows): columns in the outer loop, the n rows of
 * one column in registers.  Each row's chain (M = max(D, M + gap)) is
 * independent of the others within a column, so the CPU overlaps them
 * instead of waiting on one long chain, and no branch depends on the data:
 * a non-matching cell adds -inf (x + 0.0 is x for every value these tables
 * hold; none is -0.0).  Starts at j0, the first column where query[0]
 * occurs (case-insensitively); every cell before it is -inf.
 */
#define COLS_MAX 4
static const score_t miss_or_hit[2] = {SCORE_MIN, 0.0};

static inline __attribute__((always_inline)) score_t
score_cols(const unsigned char *lower, const unsigned char *s, size_t m, size_t j0, const int n)
{
	score_t M[COLS_MAX], D[COLS_MAX];
	unsigned char qc[COLS_MAX];
	unsigned char prev = j0 ? s[j0 - 1] : '/';

	for (int i = 0; i < n; i++) {
		M[i] = D[i] = SCORE_MIN;
		qc[i] = lower[i];
	}
	for (size_t j = j0; j < m; j++) {
		unsigned char cur = s[j], c = fold(cur);
		score_t bonus = bonus_tab[cur_class[cur]][prev];
		prev = cur;
#pragma GCC unroll 4
		for (int i = n - 1; i >= 1; i--) {
			score_t d = max2(M[i - 1] + bonus, D[i - 1] + SCORE_MATCH_CONSECUTIVE) +
				    miss_or_hit[c == qc[i]];
			M[i] = max2(d, M[i] + (i == n - 1 ? SCORE_GAP_TRAILING : SCORE_GAP_INNER));
			D[i] = d;
		}
		score_t d0 = ((score_t)j * SCORE_GAP_LEADING + bonus) + miss_or_hit[c == qc[0]];
		M[0] = max2(d0, M[0] + (n == 1 ? SCORE_GAP_TRAILING : SCORE_GAP_INNER));
		D[0] = d0;
	}
	return M[n - 1];
}

/* fzy's shortcuts, then the kernel that suits n.  j0: query[0]'s first
 * case-insensitive occurrence (the caller may know it). */
static score_t
score_dp(const struct match_query *q, const unsigned char *s, size_t m, size_t j0)
{
	switch (q->n) {
	case 1:
		return score_cols(q->lower, s, m, j0, 1);
	case 2:
		return score_cols(q->lower, s, m, j0, 2);
	case 3:
		return score_cols(q->lower, s, m, j0, 3);
	case 4:
		return score_cols(q->lower, s, m, j0, 4);
	}
	unsigned short first[MATCH_MAX_LEN], last[MATCH_MAX_LEN];
	if (!windows(q, s, m, first, last))
		return SCORE_MIN;
	return score_rows(q, s, m, first, last);
}

score_t
match_score(const struct match_query *q, const char *str, size_t m)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t n = q->n;

	if (n == 0)
		return SCORE_MIN;
	if (m > MATCH_MAX_LEN || n > m)
		return SCORE_MIN;
	if (n == m)
		return SCORE_MAX;
	const unsigned char *p = find_fwd(s, s + m, q->lower[0], ci_or(q->lower[0]));
	if (p == NULL)
		return SCORE_MIN;
	return score_dp(q, s, m, (size_t)(p - s));
}

int
match_eval(const struct match_query *q, const char *str, size_t m, score_t *score)
{
	const unsigned char *s = (const unsigned char *)str, *p = s, *end = s + m, *hit0 = NULL;
	size_t n = q->n;

	for (size_t i = 0; i < n; i++) {
		p = find_fwd(p, end, q->raw[i], q->ormask[i]);
		if (p == NULL)
			return 0;
		if (i == 0)
			hit0 = p;
		p++;
	}
	if (n == 0 || m > MATCH_MAX_LEN)
		*score = SCORE_MIN;
	else if (n == m)
		*score = SCORE_MAX;
	else {
		/* With an uppercase query[0], a lowercase occurrence may come first. */
		if (is_upper(q->raw[0]))
			hit0 = find_fwd(s, hit0 + 1, q->lower[0], 0x20);
		*score = score_dp(q, s, m, (size_t)(hit0 - s));
	}
	return 1;
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
