/*
 * Ranking: every shortcut (prefilter, windows, threads, top-K with bounds,
 * incremental sessions, the line splitter) against the plain definition:
 * score every candidate with the reference transcription of fzy and sort by
 * (score desc, input order asc).
 */
#include "build-config.h"

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fzy-ref.h"
#include "rank.h"
#include "tap.h"
#include "test-random.h"
#include "xmalloc.h"

static const char *const alphabet[] = {
	"a", "b", "c", "d", "A", "B", "C", "/", "-", "_", ".", " ", "1", "2", "é", "\xff",
};

static char *
random_candidate(struct rng *r)
{
	size_t want = rng_below(r, 50) == 0 ? 1000 + rng_below(r, 100) : rng_below(r, 30);
	char *s = xmalloc(want + 8);
	size_t len = 0;
	while (len < want) {
		const char *piece = alphabet[rng_below(r, nitems(alphabet))];
		size_t pl = strlen(piece);
		memcpy(s + len, piece, pl);
		len += pl;
	}
	s[len] = '\0';
	return s;
}

static char *
random_query(struct rng *r, size_t max)
{
	size_t n = rng_below(r, (uint32_t)max + 1);
	char *q = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		const char *piece = alphabet[rng_below(r, 14)]; /* ASCII pieces only */
		q[i] = piece[0];
	}
	q[n] = '\0';
	return q;
}

struct corpus {
	size_t n;
	char **s;
	size_t *len;
};

static struct corpus
make_corpus(struct rng *r, size_t n)
{
	struct corpus c = {n, xcalloc(n, sizeof(char *)), xcalloc(n, sizeof(size_t))};
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && rng_below(r, 10) == 0)
			c.s[i] = xstrdup(c.s[rng_below(r, (uint32_t)i)]); /* duplicates tie */
		else
			c.s[i] = random_candidate(r);
		c.len[i] = strlen(c.s[i]);
	}
	return c;
}

static void
free_corpus(struct corpus *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->s[i]);
	free(c->s);
	free(c->len);
}

/* The definition: reference score of every candidate, sorted. */
static size_t
reference_rank(const struct corpus *c, const char *q, struct rank_result **out)
{
	struct rank_result *r = xcalloc(c->n + 1, sizeof *r);
	size_t n = 0, ql = strlen(q);
	for (size_t i = 0; i < c->n; i++) {
		if (!ref_has_match(q, ql, c->s[i], c->len[i]))
			continue;
		r[n].index = (uint32_t)i;
		r[n].score = ref_score(q, ql, c->s[i], c->len[i], NULL);
		n++;
	}
	rank_sort(r, n);
	*out = r;
	return n;
}

static int
same_results(const struct rank_result *a, const struct rank_result *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i].index != b[i].index ||
		    memcmp(&a[i].score, &b[i].score, sizeof a[i].score) != 0)
			return 0;
	return 1;
}

static void
test_single_field(void)
{
	struct rng r = {12345};
	struct corpus c = make_corpus(&r, 6000);
	struct rank_index *ix = rank_index_create(c.n, (const char *const *)c.s, c.len, 2);
	int bad_all = 0, bad_par = 0, bad_top = 0, bad_count = 0, queries = 0;
	long total_matches = 0;

	for (int t = 0; t < 120; t++) {
		char *q = random_query(&r, t < 10 ? 1 : 5);
		struct rank_result *want, *got;
		size_t nw = reference_rank(&c, q, &want);
		total_matches += (long)nw;
		queries++;

		struct rank_options o1 = {.workers = 1};
		size_t ng = rank_all(ix, q, strlen(q), &o1, &got);
		if (ng != nw || !same_results(got, want, nw))
			if (bad_all++ < 3)
				diag("rank_all differs for '%s' (%zu vs %zu)", q, ng, nw);
		free(got);

		int w = 2 + t % 7;
		struct rank_options ow = {.workers = w};
		ng = rank_all(ix, q, strlen(q), &ow, &got);
		if (ng != nw || !same_results(got, want, nw))
			if (bad_par++ < 3)
				diag("rank_all with %d workers differs for '%s'", w, q);
		free(got);

		size_t ks[] = {1, 7, 50, c.n + 5};
		for (size_t ki = 0; ki < nitems(ks); ki++) {
			size_t k = ks[ki], nt = 0;
			struct rank_result *top = xcalloc(k, sizeof *top);
			struct rank_options ot = {.workers = 1 + (int)(ki % 3)};
			size_t nm = rank_top(ix, q, strlen(q), &ot, k, top, &nt);
			size_t wantn = nw < k ? nw : k;
			if (nm != nw) {
				if (bad_count++ < 3)
					diag("rank_top counts %zu matches for '%s', want %zu", nm,
					     q, nw);
			}
			if (nt != wantn || !same_results(top, want, wantn))
				if (bad_top++ < 3)
					diag("rank_top k=%zu differs for '%s'", k, q);
			free(top);
		}
		free(want);
		free(q);
	}
	diag("%d queries, %ld matches in all", queries, total_matches);
	ok(bad_all == 0, "rank_all (1 worker) equals sorting reference scores (%d differ)",
	   bad_all);
	ok(bad_par == 0, "rank_all with 2..8 workers equals the serial ranking (%d differ)",
	   bad_par);
	ok(bad_top == 0,
	   "rank_top is the prefix of the full sort for k = 1, 7, 50, all (%d differ)", bad_top);
	ok(bad_count == 0, "rank_top counts every match (%d differ)", bad_count);
	rank_index_free(ix);
	free_corpus(&c);
}

/* Typing, backspacing, editing, changing case: a session against from-scratch ranking. */
static void
test_sessions(void)
{
	struct rng r = {999};
	struct corpus c = make_corpus(&r, 5000);
	struct rank_index *ix = rank_index_create(c.n, (const char *const *)c.s, c.len, 2);
	int bad = 0, bad_matches = 0, steps = 0, narrowed = 0;

	for (int round = 0; round < 6; round++) {
		struct rank_options o = {.workers = 1 + round % 3};
		struct rank_session *s = rank_session_create(ix, &o);
		char q[64] = "";
		size_t ql = 0;
		for (int step = 0; step < 60; step++) {
			unsigned what = rng_below(&r, 10);
			if (what < 5 && ql < 8) {
				q[ql++] = alphabet[rng_below(&r, 14)][0]; /* type */
				narrowed++;
			} else if (what < 7 && ql > 0) {
				ql--; /* backspace */
			} else if (what < 8 && ql > 0) {
				/* flip a letter's case in place: not an extension */
				size_t i = rng_below(&r, (uint32_t)ql);
				if (q[i] >= 'a' && q[i] <= 'z')
					q[i] = (char)(q[i] - 32);
				else if (q[i] >= 'A' && q[i] <= 'Z')
					q[i] = (char)(q[i] + 32);
			} else if (what < 9) {
				ql = 0; /* clear */
			}
			q[ql] = '\0';
			struct rank_result want[20], got[20];
			size_t nw = 0, ng = 0;
			size_t mw = rank_top(ix, q, ql, &o, 20, want, &nw);
			long mg = rank_session_search(s, q, ql, 20, got, &ng);
			steps++;
			if (mg != (long)mw || ng != nw || !same_results(got, want, nw)) {
				if (bad++ < 3)
					diag("session differs at '%s'", q);
			}
			/* The match list is the matches, in input order. */
			size_t nm;
			const uint32_t *m = rank_session_matches(s, &nm);
			struct match_query *mq = match_query_create(q, ql);
			size_t j = 0;
			int okm = 1;
			for (size_t i = 0; i < c.n && okm; i++) {
				if (!match_has(mq, c.s[i], c.len[i]))
					continue;
				if (j >= nm || (m != NULL ? m[j] : j) != i)
					okm = 0;
				j++;
			}
			if (j != nm)
				okm = 0;
			if (!okm && bad_matches++ < 3)
				diag("session match list differs at '%s'", q);
			match_query_free(mq);
		}
		rank_session_free(s);
	}
	ok(bad == 0, "incremental session equals from-scratch ranking over %d edits (%d differ)",
	   steps, bad);
	ok(bad_matches == 0, "session match list is every match in input order (%d differ)",
	   bad_matches);
	ok(narrowed > 50, "the edits exercise narrowing (%d keystrokes)", narrowed);
	rank_index_free(ix);
	free_corpus(&c);
}

/* Several fields with weights, finite exact scores and boosts. */
static void
test_fields(void)
{
	struct rng r = {4242};
	size_t n = 3000;
	uint32_t *first = xcalloc(n + 1, sizeof *first);
	struct corpus f = make_corpus(&r, n * 3);
	double *weights = xcalloc(f.n, sizeof *weights), *boost = xcalloc(n, sizeof *boost);
	size_t nf = 0;
	for (size_t i = 0; i < n; i++) {
		first[i] = (uint32_t)nf;
		nf += rng_below(&r, 4); /* 0..3 fields */
		boost[i] = rng_below(&r, 3) == 0 ? rng_below(&r, 100) / 100.0 : 0;
	}
	first[n] = (uint32_t)nf;
	for (size_t i = 0; i < nf; i++)
		weights[i] = -(double)rng_below(&r, 3);
	struct rank_index *ix =
		rank_index_create_fields(n, first, (const char *const *)f.s, f.len, weights, 2);
	struct rank_options o = {.workers = 2, .finite_exact = 1, .boost = boost};
	int bad_all = 0, bad_top = 0, bad_session = 0;
	struct rank_session *s = rank_session_create(ix, &o);
	char typed[16] = "";
	for (int t = 0; t < 80; t++) {
		char *q = random_query(&r, 4);
		size_t ql = strlen(q);
		/* reference */
		struct rank_result *want = xcalloc(n + 1, sizeof *want);
		size_t nw = 0;
		for (size_t i = 0; i < n; i++) {
			int any = 0;
			double best = SCORE_MIN;
			for (size_t k = first[i]; k < first[i + 1]; k++) {
				if (!ref_has_match(q, ql, f.s[k], f.len[k]))
					continue;
				double sc = ref_score(q, ql, f.s[k], f.len[k], NULL);
				if (sc == SCORE_MAX)
					sc = (double)ql + 1.0;
				sc = sc + weights[k];
				if (!any || sc > best)
					best = sc;
				any = 1;
			}
			if (any) {
				want[nw].index = (uint32_t)i;
				want[nw].score = best + boost[i];
				nw++;
			}
		}
		rank_sort(want, nw);
		struct rank_result *got;
		size_t ng = rank_all(ix, q, ql, &o, &got);
		if (ng != nw || !same_results(got, want, nw))
			if (bad_all++ < 3)
				diag("fields: rank_all differs for '%s'", q);
		free(got);
		struct rank_result top[10];
		size_t nt;
		rank_top(ix, q, ql, &o, 10, top, &nt);
		if (nt != (nw < 10 ? nw : 10) || !same_results(top, want, nt))
			if (bad_top++ < 3)
				diag("fields: rank_top differs for '%s'", q);
		/* and a session typing the same text one byte at a time */
		memcpy(typed, q, ql + 1);
		for (size_t k = 1; k <= ql; k++) {
			size_t ns;
			long m = rank_session_search(s, typed, k, 10, top, &ns);
			(void)m;
		}
		size_t ns;
		long m = rank_session_search(s, typed, ql, 10, top, &ns);
		if (m != (long)nw || ns != (nw < 10 ? nw : 10) || !same_results(top, want, ns))
			if (bad_session++ < 3)
				diag("fields: session differs for '%s'", q);
		free(want);
		free(q);
	}
	rank_session_free(s);
	ok(bad_all == 0, "fields: rank_all equals max(field score + weight) + boost, sorted (%d)",
	   bad_all);
	ok(bad_top == 0, "fields: top-K with bounds equals the full sort's prefix (%d)", bad_top);
	ok(bad_session == 0, "fields: sessions equal from-scratch ranking (%d)", bad_session);

	/* A field's exact match stays finite and ordered by weight. */
	const char *strs[] = {"xgit", "git", "git", "other"};
	uint32_t fi[] = {0, 1, 2, 4};
	double w[] = {0, -1.0, 0, -2.0};
	struct rank_index *ix2 = rank_index_create_fields(3, fi, strs, NULL, w, 1);
	struct rank_options oe = {.workers = 1, .finite_exact = 1};
	struct rank_result res[3];
	size_t nres;
	rank_top(ix2, "git", 3, &oe, 3, res, &nres);
	ok(nres == 3 && res[0].index == 2 && res[1].index == 1 && res[2].index == 0,
	   "fields: an exact title beats an exact lower-weight field, which beats a fuzzy title");
	is_double(res[0].score, 4.0, "fields: finite_exact scores an exact match n + 1");
	rank_index_free(ix2);

	rank_index_free(ix);
	free(first);
	free(weights);
	free(boost);
	free_corpus(&f);
}

static void
test_numbers(void)
{
	/* fzy's test: 100,000 numbers, query "12". */
	size_t n = 100000;
	char **s = xcalloc(n, sizeof *s);
	for (size_t i = 0; i < n; i++)
		s[i] = xasprintf("%zu", i);
	struct rank_index *ix = rank_index_create(n, (const char *const *)s, NULL, 0);
	struct rank_result *all;
	size_t m = rank_all(ix, "12", 2, NULL, &all);
	is_int(m, 8146, "100,000 numbers, query '12': exactly 8,146 results");
	ok(m > 0 && strcmp(s[all[0].index], "12") == 0, "100,000 numbers: '12' ranks first");
	free(all);
	struct rank_result top[5];
	size_t nt;
	m = rank_top(ix, "12", 2, NULL, 5, top, &nt);
	is_int(m, 8146, "rank_top counts the same 8,146");
	ok(nt == 5 && strcmp(s[top[0].index], "12") == 0, "rank_top puts '12' first");

	/* empty query: everything, in input order */
	m = rank_top(ix, "", 0, NULL, 5, top, &nt);
	ok(m == n && nt == 5 && top[0].index == 0 && top[4].index == 4,
	   "empty query: every candidate, in input order");
	rank_index_free(ix);
	for (size_t i = 0; i < n; i++)
		free(s[i]);
	free(s);
}

/* rank_lines: fzy's reading rules and the same order as rank_all. */
static void
test_lines(void)
{
	struct rng r = {31337};
	for (int round = 0; round < 3; round++) {
		/* A buffer big enough for several batches, with empty lines. */
		struct strbuf_lite {
			char *s;
			size_t n, cap;
		} b = {xmalloc(1 << 20), 0, 1 << 20};
		size_t count = 0;
		while (b.n < 700000) {
			char *c = rng_below(&r, 8) == 0 ? xstrdup("") : random_candidate(&r);
			size_t l = strlen(c);
			if (b.n + l + 2 > b.cap) {
				b.cap *= 2;
				b.s = xrealloc(b.s, b.cap);
			}
			memcpy(b.s + b.n, c, l);
			b.n += l;
			b.s[b.n++] = round == 2 ? '\0' : '\n';
			free(c);
			count++;
		}
		if (round == 1)
			b.n--; /* no final newline */
		int delim = round == 2 ? '\0' : '\n';
		size_t *offs, *lens;
		size_t nl = rank_split_lines(b.s, b.n, delim, &offs, &lens);
		char **strs = xcalloc(nl + 1, sizeof *strs);
		for (size_t i = 0; i < nl; i++)
			strs[i] = b.s + offs[i];
		struct rank_index *ix = rank_index_create(nl, (const char *const *)strs, lens, 2);
		int bad = 0;
		for (int t = 0; t < 12; t++) {
			char *q = random_query(&r, 3);
			struct rank_result *want;
			size_t nw = rank_all(ix, q, strlen(q), NULL, &want);
			struct rank_line *got;
			size_t ng = rank_lines(b.s, b.n, delim, q, strlen(q), 1 + t % 4, &got);
			int same = ng == nw;
			for (size_t i = 0; i < nw && same; i++)
				if (got[i].off != offs[want[i].index] ||
				    got[i].len != lens[want[i].index] ||
				    memcmp(&got[i].score, &want[i].score, sizeof got[i].score))
					same = 0;
			if (!same && bad++ < 3)
				diag("rank_lines differs for '%s' (%zu vs %zu)", q, ng, nw);
			free(want);
			free(got);
			free(q);
		}
		ok(bad == 0, "rank_lines equals rank_all over the split records (%s)",
		   round == 0   ? "newlines"
		   : round == 1 ? "no final newline"
				: "NUL-separated");
		rank_index_free(ix);
		free(strs);
		free(offs);
		free(lens);
		free(b.s);
	}

	/* fzy's reading: empty lines skipped, a NUL ends the input. */
	const char in[] = "abc\n\nxbc\r\nab\0c\nabd\nlast";
	struct rank_line *got;
	size_t ng = rank_lines(in, sizeof in - 1, '\n', "a", 1, 2, &got);
	ok(ng == 2 && got[0].len == 2 && memcmp(in + got[0].off, "ab", 2) == 0 && got[1].len == 3 &&
		   memcmp(in + got[1].off, "abc", 3) == 0,
	   "rank_lines: a NUL byte ends the input, as in fzy");
	free(got);
	size_t *offs, *lens;
	size_t nl = rank_split_lines(in, sizeof in - 1, '\n', &offs, &lens);
	ok(nl == 3 && lens[0] == 3 && lens[1] == 4 && lens[2] == 2,
	   "rank_split_lines: empty lines skipped, '\\r' kept, stops at NUL");
	free(offs);
	free(lens);
	ng = rank_lines("", 0, '\n', "a", 1, 2, &got);
	ok(ng == 0, "rank_lines: empty input");
	free(got);
	ng = rank_lines("b\na\n", 4, '\n', "", 0, 2, &got);
	ok(ng == 2 && got[0].off == 0 && got[1].off == 2 && got[0].score == SCORE_MIN,
	   "rank_lines: the empty query lists every line in input order");
	free(got);
}

struct cancel_arg {
	struct rank_session *s;
	volatile int stop;
};

static void *
canceller(void *p)
{
	struct cancel_arg *a = p;
	while (!a->stop)
		rank_session_cancel(a->s);
	return NULL;
}

static void
test_cancel(void)
{
	struct rng r = {5};
	struct corpus c = make_corpus(&r, 200000);
	struct rank_index *ix = rank_index_create(c.n, (const char *const *)c.s, c.len, 0);
	struct rank_options o = {.workers = 2};
	struct rank_session *s = rank_session_create(ix, &o);
	struct cancel_arg a = {s, 0};
	pthread_t t;
	pthread_create(&t, NULL, canceller, &a);
	struct rank_result top[10], want[10];
	size_t nt, nw;
	int cancelled = 0, wrong = 0;
	for (int i = 0; i < 20; i++) {
		const char *q = i % 2 ? "ab" : "a";
		long m = rank_session_search(s, q, strlen(q), 10, top, &nt);
		if (m < 0)
			cancelled++;
		else if (m != (long)rank_top(ix, q, strlen(q), &o, 10, want, &nw) ||
			 !same_results(top, want, nt))
			wrong++;
	}
	a.stop = 1;
	pthread_join(t, NULL);
	long m = rank_session_search(s, "ab", 2, 10, top, &nt);
	size_t mw = rank_top(ix, "ab", 2, &o, 10, want, &nw);
	ok(wrong == 0, "cancel: a search that completes is still right (%d cancelled)", cancelled);
	ok(m == (long)mw && nt == nw && same_results(top, want, nt),
	   "cancel: the session is right after cancelled searches");
	rank_session_free(s);
	rank_index_free(ix);
	free_corpus(&c);
}

int
main(void)
{
	test_single_field();
	test_sessions();
	test_fields();
	test_numbers();
	test_lines();
	test_cancel();
	return done_testing();
}
