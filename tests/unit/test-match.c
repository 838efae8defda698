/* The matcher: fzy's own tests, and src/match.c against a plain transcription. */
#include "build-config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzy-ref.h"
#include "match.h"
#include "tap.h"
#include "xmalloc.h"
#include "test-random.h"

static double
sc(const char *q, const char *s)
{
	return match_str_score(q, s);
}

static void
test_has_match(void)
{
	ok(match_str_has("a", "a"), "has_match: exact match");
	ok(match_str_has("a", "ab") && match_str_has("a", "ba"), "has_match: partial match");
	ok(match_str_has("abc", "a|b|c"), "has_match: delimiters between letters");
	ok(!match_str_has("ass", "tags"), "has_match: non-match ('ass' in 'tags')");
	ok(match_str_has("", "anything") && match_str_has("", ""),
	   "has_match: empty query matches");
	ok(!match_str_has("a", ""), "has_match: nothing matches an empty candidate");
	ok(match_str_has("a", "A") && match_str_has("a", "a"),
	   "has_match: a lowercase query letter matches either case");
	ok(!match_str_has("A", "abc") && match_str_has("A", "xAbc"),
	   "has_match: an uppercase query letter matches only uppercase");
	ok(match_str_has("aB", "xAxB") && !match_str_has("aB", "xAxb"),
	   "has_match: case rules apply per character");
	ok(match_str_has("é", "café") && !match_str_has("é", "cafÉ"),
	   "has_match: UTF-8 bytes match byte for byte");
	ok(!match_str_has("[", "{") && !match_str_has("@", "`"),
	   "has_match: only letters fold ('[' is not '{')");
	ok(!match_str_has("abcd", "abc"), "has_match: a query longer than the candidate fails");
}

static void
test_relative_scores(void)
{
	ok(sc("amor", "app/models/order") > sc("amor", "app/models/zrder"),
	   "ranking: prefers starts of words (app/models/order > app/models/zrder)");
	ok(sc("amo", "app/m/foo") < sc("amo", "app/models/foo"),
	   "ranking: prefers consecutive letters (app/models/foo > app/m/foo)");
	ok(sc("gemfil", "Gemfile.lock") < sc("gemfil", "Gemfile"),
	   "ranking: contiguous over after a period (Gemfile > Gemfile.lock)");
	ok(sc("abce", "abcdef") > sc("abce", "abc de"), "ranking: prefers shorter matches");
	ok(sc("abc", "    a b c ") > sc("abc", " a  b  c "), "ranking: prefers shorter gaps");
	ok(sc("abc", " a b c    ") > sc("abc", " a  b  c "),
	   "ranking: prefers shorter gaps, trailing space");
	ok(sc("test", "tests") > sc("test", "testing"),
	   "ranking: prefers shorter candidates (tests > testing)");
	ok(sc("test", "testing") > sc("test", "/testing"),
	   "ranking: prefers the start of the candidate (testing > /testing)");
}

static void
test_exact_scores(void)
{
	is_double(sc("abc", "abc"), SCORE_MAX, "score: exact match is SCORE_MAX");
	is_double(sc("aBc", "abC"), SCORE_MAX, "score: exact up to case is SCORE_MAX");
	is_double(sc("", ""), SCORE_MIN, "score: empty query on empty candidate is SCORE_MIN");
	is_double(sc("", "abc"), SCORE_MIN, "score: empty query is SCORE_MIN");
	is_double(sc("abcd", "abc"), SCORE_MIN, "score: query longer than candidate is SCORE_MIN");
	is_double(sc("a", "*a"), SCORE_GAP_LEADING, "score: one leading gap");
	is_double(sc("a", "*ba"), SCORE_GAP_LEADING * 2, "score: two leading gaps");
	is_double(sc("a", "**a*"), SCORE_GAP_LEADING * 2 + SCORE_GAP_TRAILING,
		  "score: leading and trailing gaps");
	is_double(sc("a", "**a**"), SCORE_GAP_LEADING * 2 + SCORE_GAP_TRAILING + SCORE_GAP_TRAILING,
		  "score: two trailing gaps");
	is_double(sc("aa", "**aa**"),
		  SCORE_GAP_LEADING * 2 + SCORE_MATCH_CONSECUTIVE + SCORE_GAP_TRAILING +
			  SCORE_GAP_TRAILING,
		  "score: consecutive inside gaps");
	is_double(sc("aa", "**a*a**"),
		  SCORE_GAP_LEADING * 2 + SCORE_GAP_INNER + SCORE_GAP_TRAILING + SCORE_GAP_TRAILING,
		  "score: an inner gap");
	is_double(sc("aa", "*aa"), SCORE_GAP_LEADING + SCORE_MATCH_CONSECUTIVE,
		  "score: consecutive");
	is_double(sc("aaa", "*aaa"),
		  SCORE_GAP_LEADING + SCORE_MATCH_CONSECUTIVE + SCORE_MATCH_CONSECUTIVE,
		  "score: two consecutive");
	is_double(sc("a", "/a"), SCORE_GAP_LEADING + SCORE_MATCH_SLASH, "score: after a slash");
	is_double(sc("a", "*/a"), SCORE_GAP_LEADING * 2 + SCORE_MATCH_SLASH,
		  "score: after a slash, later");
	is_double(sc("aa", "a/aa"),
		  SCORE_GAP_LEADING * 2 + SCORE_MATCH_SLASH + SCORE_MATCH_CONSECUTIVE,
		  "score: slash then consecutive (the bonus does not stack)");
	is_double(sc("a", "bA"), SCORE_GAP_LEADING + SCORE_MATCH_CAPITAL,
		  "score: camelCase capital");
	is_double(sc("a", "baA"), SCORE_GAP_LEADING * 2 + SCORE_MATCH_CAPITAL,
		  "score: capital, later");
	is_double(sc("a", ".a"), SCORE_GAP_LEADING + SCORE_MATCH_DOT, "score: after a dot");
	is_double(sc("a", "-a"), SCORE_GAP_LEADING + SCORE_MATCH_WORD, "score: after a dash");
	is_double(sc("a", "_a"), SCORE_GAP_LEADING + SCORE_MATCH_WORD,
		  "score: after an underscore");
	is_double(sc("a", " a"), SCORE_GAP_LEADING + SCORE_MATCH_WORD, "score: after a space");
	is_double(sc("1", "/1"), SCORE_GAP_LEADING + SCORE_MATCH_SLASH,
		  "score: digits get bonuses");
	is_double(sc("a", "a"), SCORE_MAX, "score: one-letter exact");
	is_double(sc("a", "ab"), SCORE_MATCH_SLASH + SCORE_GAP_TRAILING,
		  "score: the first character counts as after '/'");
	is_double(sc(".", "a.b"), SCORE_GAP_LEADING + SCORE_GAP_TRAILING,
		  "score: punctuation gets no bonus");

	char *big = malloc(4097);
	memset(big, 'a', 4096);
	big[4096] = '\0';
	is_double(sc("aa", big), SCORE_MIN, "score: a candidate over 1024 bytes is SCORE_MIN");
	ok(match_str_has("aa", big), "has_match: ... but it still matches");
	is_double(sc(big, "aa"), SCORE_MIN, "score: a query over 1024 bytes is SCORE_MIN");
	is_double(sc(big, big), SCORE_MIN, "score: both over 1024 bytes is SCORE_MIN");
	big[1024] = '\0';
	ok(isfinite(sc("aa", big)), "score: a candidate of exactly 1024 bytes is scored");
	big[1025] = '\0';
	big[1024] = 'a';
	is_double(sc("aa", big), SCORE_MIN, "score: 1025 bytes is SCORE_MIN");
	free(big);
}

static void
check_positions(const char *q, const char *s, const size_t *want, size_t n, const char *name)
{
	size_t got[16];
	memset(got, 0xff, sizeof got);
	match_str_positions(q, s, got);
	int same = 1;
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i])
			same = 0;
	if (!ok(same, "positions: %s ('%s' in '%s')", name, q, s)) {
		for (size_t i = 0; i < n; i++)
			diag("  [%zu] got %zu want %zu", i, got[i], want[i]);
	}
}

static void
test_positions(void)
{
	check_positions("amo", "app/models/foo", (size_t[]){0, 4, 5}, 3, "consecutive");
	check_positions("amor", "app/models/order", (size_t[]){0, 4, 11, 12}, 4, "start of word");
	check_positions("as", "tags", (size_t[]){1, 3}, 2, "no bonuses");
	check_positions("as", "examples.txt", (size_t[]){2, 7}, 2, "no bonuses, multiple");
	check_positions("abc", "a/a/b/c/c", (size_t[]){2, 4, 6}, 3, "multiple word starts");
	check_positions("foo", "foo", (size_t[]){0, 1, 2}, 3, "exact");
	check_positions("FOO", "foo", (size_t[]){0, 1, 2}, 3, "exact, other case");

	size_t pos[2] = {99, 99};
	is_double(match_str_positions("", "abc", pos), SCORE_MIN,
		  "positions: empty query is SCORE_MIN");
	ok(pos[0] == 99, "positions: untouched for an empty query");
}

/* Random strings over an alphabet rich in what scoring cares about. */
static const char *const alphabet[] = {
	"a", "b", "c", "A", "B", "C", "/", "-", "_", ".", " ", "1", "x", "é", "É", "\xff",
};

static size_t
random_string(struct rng *r, char *buf, size_t max)
{
	size_t len = 0, want = rng_below(r, 5) == 0 ? rng_below(r, max) : rng_below(r, 24);
	while (len < want) {
		const char *piece = alphabet[rng_below(r, nitems(alphabet))];
		size_t pl = strlen(piece);
		if (len + pl > want)
			break;
		memcpy(buf + len, piece, pl);
		len += pl;
	}
	buf[len] = '\0';
	return len;
}

/* A query that often matches: a subsequence of s with some letters' case changed. */
static size_t
random_query(struct rng *r, const char *s, size_t m, char *buf)
{
	size_t n = 0;
	if (m == 0 || rng_below(r, 4) == 0) {
		char tmp[64];
		n = random_string(r, tmp, 8);
		memcpy(buf, tmp, n + 1);
		return n;
	}
	unsigned keep = 1 + rng_below(r, 4);
	for (size_t j = 0; j < m && n < 40; j++) {
		if (rng_below(r, keep + 2) < 2) {
			char c = s[j];
			if (rng_below(r, 6) == 0 && c >= 'a' && c <= 'z')
				c = (char)(c - 32);
			else if (rng_below(r, 6) == 0 && c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			buf[n++] = c;
		}
	}
	buf[n] = '\0';
	return n;
}

static int
same_score(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

static void
test_against_reference(void)
{
	struct rng r = {0x5eed1234u};
	static char s[1200], qbuf[1200];
	size_t pos[64], rpos[64];
	long checked = 0, matched = 0, bad_has = 0, bad_score = 0, bad_pos = 0, bad_prop = 0,
	     bad_bound = 0, bad_eval = 0;

	for (int iter = 0; iter < 200000; iter++) {
		size_t m = random_string(&r, s, 1100);
		size_t n = random_query(&r, s, m, qbuf);
		struct match_query *q = match_query_create(qbuf, n);
		int h = match_has(q, s, m), rh = ref_has_match(qbuf, n, s, m);
		checked++;
		if (h != rh) {
			if (bad_has++ < 3)
				diag("has_match differs: '%s' in '%s': %d vs %d", qbuf, s, h, rh);
		}
		double got = match_score(q, s, m);
		double want = ref_score(qbuf, n, s, m, NULL);
		double ev = 12345;
		if (match_eval(q, s, m, &ev) != rh || (rh && !same_score(ev, want))) {
			if (bad_eval++ < 3)
				diag("match_eval differs: '%s' in '%s'", qbuf, s);
		}
		if (!same_score(got, want)) {
			if (bad_score++ < 3)
				diag("score differs: '%s' in '%s': %.17g vs %.17g", qbuf, s, got,
				     want);
		}
		if (h) {
			matched++;
			/* has_match implies a finite score, save for fzy's documented exceptions.
			 */
			if (n > 0 && m <= MATCH_MAX_LEN && !(got > SCORE_MIN)) {
				if (bad_prop++ < 3)
					diag("matches but scores -inf: '%s' in '%s'", qbuf, s);
			}
			if (got > match_score_bound(q, m)) {
				if (bad_bound++ < 3)
					diag("bound too low: '%s' in '%s'", qbuf, s);
			}
		}
		if (h && n > 0 && n <= 64 && m <= MATCH_MAX_LEN) {
			memset(pos, 0xff, sizeof pos);
			memset(rpos, 0xff, sizeof rpos);
			double pg = match_positions(q, s, m, pos);
			ref_score(qbuf, n, s, m, rpos);
			int okp = same_score(pg, want) && memcmp(pos, rpos, n * sizeof *pos) == 0;
			for (size_t i = 0; i < n && okp; i++) {
				if (i > 0 && pos[i] <= pos[i - 1])
					okp = 0;
				if (pos[i] >= m || ref_lower((unsigned char)s[pos[i]]) !=
							   ref_lower((unsigned char)qbuf[i]))
					okp = 0;
			}
			if (!okp && bad_pos++ < 3)
				diag("positions differ: '%s' in '%s'", qbuf, s);
		}
		match_query_free(q);
	}
	diag("%ld random pairs, %ld matching", checked, matched);
	ok(bad_has == 0, "random: has_match equals the reference (%ld differ)", bad_has);
	ok(bad_score == 0, "random: scores are the reference's doubles, bit for bit (%ld differ)",
	   bad_score);
	ok(bad_eval == 0, "random: match_eval is has_match plus the same score (%ld differ)",
	   bad_eval);
	ok(bad_prop == 0, "random: has_match implies score > -inf (%ld violate)", bad_prop);
	ok(bad_pos == 0,
	   "random: positions equal the reference's, strictly increasing, matching "
	   "case-insensitively (%ld differ)",
	   bad_pos);
	ok(bad_bound == 0, "random: match_score_bound is never below the score (%ld violate)",
	   bad_bound);
	ok(matched > checked / 4, "random: the corpus exercises matches (%ld of %ld)", matched,
	   checked);
}

static void
test_charmask(void)
{
	struct rng r = {77};
	static char s[1200], qbuf[1200];
	long bad = 0;
	for (int iter = 0; iter < 50000; iter++) {
		size_t m = random_string(&r, s, 200);
		size_t n = random_query(&r, s, m, qbuf);
		struct match_query *q = match_query_create(qbuf, n);
		if (match_has(q, s, m) && (match_charmask(s, m) & q->charmask) != q->charmask)
			bad++;
		match_query_free(q);
	}
	ok(bad == 0, "charmask: every match passes the mask prefilter (%ld fail)", bad);
	struct match_query *q = match_query_create("zq", 2);
	ok((match_charmask("abc", 3) & q->charmask) != q->charmask,
	   "charmask: a string without the letters is rejected");
	match_query_free(q);
}

int
main(void)
{
	test_has_match();
	test_relative_scores();
	test_exact_scores();
	test_positions();
	test_against_reference();
	test_charmask();
	return done_testing();
}
