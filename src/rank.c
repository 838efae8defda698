/*
 * Ranking: the matcher applied to many candidates, on every core, without
 * changing a single result (see rank.h for the shortcuts and why each is
 * exact).
 */
#include "build-config.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "rank.h"
#include "xmalloc.h"

struct rank_index {
	size_t n;         /* candidates */
	size_t nf;        /* fields */
	uint32_t *first;  /* n + 1 field ranges; NULL: field i is candidate i */
	const char **str; /* nf, borrowed */
	size_t *len;      /* nf */
	uint64_t *mask;   /* nf: match_charmask of each field */
	uint64_t *cmask;  /* n: OR of the candidate's field masks (mask itself when single) */
	double *weight;   /* nf, or NULL: all 0 */
};

int
rank_workers(int workers)
{
	if (workers > 0)
		return workers > 256 ? 256 : workers;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	if (cpus < 1)
		cpus = 1;
	return cpus > 256 ? 256 : (int)cpus;
}

/*
 * A parallel loop: `workers` threads (the caller is one of them) take
 * batch numbers from a shared counter, in increasing order, so each
 * worker sees its batches in input order.  fn(ctx, worker, batch).
 */
typedef void (*par_fn)(void *ctx, int worker, size_t batch);

struct par {
	par_fn fn;
	void *ctx;
	size_t nbatch;
	atomic_size_t next;
	const atomic_int *cancel;
	void (*done)(void *ctx, int worker); /* after a worker's last batch, or NULL */
};

struct par_thread {
	struct par *par;
	int worker;
	pthread_t thread;
};

static void
par_work(struct par *p, int worker)
{
	for (;;) {
		if (p->cancel != NULL && atomic_load_explicit(p->cancel, memory_order_relaxed))
			break;
		size_t b = atomic_fetch_add_explicit(&p->next, 1, memory_order_relaxed);
		if (b >= p->nbatch)
			break;
		p->fn(p->ctx, worker, b);
	}
	if (p->done != NULL)
		p->done(p->ctx, worker);
}

static void *
par_main(void *arg)
{
	struct par_thread *t = arg;
	par_work(t->par, t->worker);
	return NULL;
}

/* Returns the number of workers actually used (<= workers). */
static int
par_run(int workers, size_t nbatch, par_fn fn, void (*done)(void *, int), void *ctx,
	const atomic_int *cancel)
{
	struct par p = {.fn = fn, .ctx = ctx, .nbatch = nbatch, .cancel = cancel, .done = done};
	atomic_init(&p.next, 0);
	if ((size_t)workers > nbatch)
		workers = nbatch > 0 ? (int)nbatch : 1;
	struct par_thread *t = NULL;
	int started = 1;
	if (workers > 1) {
		t = xcalloc((size_t)workers, sizeof *t);
		for (int w = 1; w < workers; w++) {
			t[w].par = &p;
			t[w].worker = w;
			if (pthread_create(&t[w].thread, NULL, par_main, &t[w]) != 0)
				break; /* fewer threads; the shared counter still covers every batch
					*/
			started++;
		}
	}
	par_work(&p, 0);
	for (int w = 1; w < started; w++)
		pthread_join(t[w].thread, NULL);
	/* Workers that never started still own result slots: mark them done. */
	if (done != NULL)
		for (int w = started; w < workers; w++)
			done(ctx, w);
	free(t);
	return workers;
}

/* ---- the index ---- */

#define BUILD_BATCH 8192

struct build_ctx {
	struct rank_index *ix;
	const char *const *strs;
	const size_t *lens;
};

static void
build_batch(void *arg, int worker, size_t b)
{
	struct build_ctx *c = arg;
	struct rank_index *ix = c->ix;
	size_t lo = b * BUILD_BATCH, hi = lo + BUILD_BATCH;
	(void)worker;

	if (hi > ix->n)
		hi = ix->n;
	for (size_t i = lo; i < hi; i++) {
		size_t f0 = ix->first != NULL ? ix->first[i] : i;
		size_t f1 = ix->first != NULL ? ix->first[i + 1] : i + 1;
		uint64_t cm = 0;
		for (size_t f = f0; f < f1; f++) {
			const char *s = c->strs[f] != NULL ? c->strs[f] : "";
			size_t l = c->lens != NULL ? c->lens[f] : strlen(s);
			ix->str[f] = s;
			ix->len[f] = l;
			ix->mask[f] = match_charmask(s, l);
			cm |= ix->mask[f];
		}
		if (ix->cmask != ix->mask)
			ix->cmask[i] = cm;
	}
}

struct rank_index *
rank_index_create_fields(size_t n, const uint32_t *first, const char *const *strs,
			 const size_t *lens, const double *weights, int workers)
{
	struct rank_index *ix = xcalloc(1, sizeof *ix);
	ix->n = n;
	ix->nf = first != NULL ? first[n] : n;
	if (first != NULL) {
		ix->first = xreallocarray(NULL, n + 1, sizeof *ix->first);
		memcpy(ix->first, first, (n + 1) * sizeof *ix->first);
	}
	ix->str = xreallocarray(NULL, ix->nf ? ix->nf : 1, sizeof *ix->str);
	ix->len = xreallocarray(NULL, ix->nf ? ix->nf : 1, sizeof *ix->len);
	ix->mask = xreallocarray(NULL, ix->nf ? ix->nf : 1, sizeof *ix->mask);
	ix->cmask = first != NULL ? xreallocarray(NULL, n ? n : 1, sizeof *ix->cmask) : ix->mask;
	if (weights != NULL && ix->nf > 0) {
		ix->weight = xreallocarray(NULL, ix->nf, sizeof *ix->weight);
		memcpy(ix->weight, weights, ix->nf * sizeof *ix->weight);
	}
	struct build_ctx c = {ix, strs, lens};
	par_run(rank_workers(workers), (n + BUILD_BATCH - 1) / BUILD_BATCH, build_batch, NULL, &c,
		NULL);
	return ix;
}

struct rank_index *
rank_index_create(size_t n, const char *const *strs, const size_t *lens, int workers)
{
	return rank_index_create_fields(n, NULL, strs, lens, NULL, workers);
}

void
rank_index_free(struct rank_index *ix)
{
	if (ix == NULL)
		return;
	if (ix->cmask != ix->mask)
		free(ix->cmask);
	free(ix->first);
	free(ix->str);
	free(ix->len);
	free(ix->mask);
	free(ix->weight);
	free(ix);
}

size_t
rank_index_count(const struct rank_index *ix)
{
	return ix->n;
}

/* ---- scoring one candidate ---- */

static inline score_t
adjust(const struct match_query *q, const struct rank_options *opt, score_t s)
{
	if (opt->finite_exact && s == SCORE_MAX)
		return (score_t)q->n + 1.0;
	return s;
}

/* Does candidate c match? */
static inline int
cand_matches(const struct rank_index *ix, const struct match_query *q, size_t c)
{
	if ((ix->cmask[c] & q->charmask) != q->charmask)
		return 0;
	if (ix->first == NULL)
		return match_has(q, ix->str[c], ix->len[c]);
	for (size_t f = ix->first[c]; f < ix->first[c + 1]; f++)
		if ((ix->mask[f] & q->charmask) == q->charmask &&
		    match_has(q, ix->str[f], ix->len[f]))
			return 1;
	return 0;
}

/*
 * Candidate c's score, or -1 when it does not match.  When the score
 * provably stays below `floor` (its bound does), *out is left alone and 0
 * returned: the candidate matches but was not scored.  1: *out is exact.
 */
static inline int
cand_score(const struct rank_index *ix, const struct match_query *q, const struct rank_options *opt,
	   size_t c, int bounded, score_t floor, score_t *out, int *field)
{
	double boost = opt->boost != NULL ? opt->boost[c] : 0;

	if ((ix->cmask[c] & q->charmask) != q->charmask)
		return -1;
	if (ix->first == NULL) {
		if (!match_has(q, ix->str[c], ix->len[c]))
			return -1;
		if (bounded) {
			score_t b = adjust(q, opt, match_score_bound(q, ix->len[c]));
			if (ix->weight != NULL)
				b = b + ix->weight[c];
			if (opt->boost != NULL)
				b = b + boost;
			if (b < floor)
				return 0;
		}
		score_t s = adjust(q, opt, match_score(q, ix->str[c], ix->len[c]));
		if (ix->weight != NULL)
			s = s + ix->weight[c];
		if (opt->boost != NULL)
			s = s + boost;
		*out = s;
		if (field != NULL)
			*field = 0;
		return 1;
	}

	/* Several fields: which match, and the best bound among them. */
	size_t f0 = ix->first[c], f1 = ix->first[c + 1];
	score_t bounds[16];
	uint32_t matching = 0; /* bit per field (the first 16; the rest are scored directly) */
	int any = 0;
	score_t best_bound = SCORE_MIN;
	for (size_t f = f0; f < f1; f++) {
		if ((ix->mask[f] & q->charmask) != q->charmask ||
		    !match_has(q, ix->str[f], ix->len[f]))
			continue;
		any = 1;
		score_t b = adjust(q, opt, match_score_bound(q, ix->len[f]));
		if (ix->weight != NULL)
			b = b + ix->weight[f];
		if (f - f0 < 16) {
			matching |= 1u << (f - f0);
			bounds[f - f0] = b;
		}
		if (f - f0 >= 16 || b > best_bound)
			best_bound = f - f0 >= 16 ? SCORE_MAX : b;
	}
	if (!any)
		return -1;
	if (bounded) {
		score_t b = best_bound;
		if (opt->boost != NULL)
			b = b + boost;
		if (b < floor)
			return 0;
	}
	score_t best = SCORE_MIN;
	int best_field = -1;
	for (size_t f = f0; f < f1; f++) {
		if (f - f0 < 16) {
			if (!(matching & (1u << (f - f0))))
				continue;
			/* A field whose bound is below the best so far cannot win. */
			if (best_field >= 0 && bounds[f - f0] < best)
				continue;
		} else if ((ix->mask[f] & q->charmask) != q->charmask ||
			   !match_has(q, ix->str[f], ix->len[f])) {
			continue;
		}
		score_t s = adjust(q, opt, match_score(q, ix->str[f], ix->len[f]));
		if (ix->weight != NULL)
			s = s + ix->weight[f];
		if (best_field < 0 || s > best) {
			best = s;
			best_field = (int)(f - f0);
		}
	}
	if (opt->boost != NULL)
		best = best + boost;
	*out = best;
	if (field != NULL)
		*field = best_field;
	return 1;
}

score_t
rank_candidate_score(const struct rank_index *ix, const struct match_query *q,
		     const struct rank_options *opt, size_t i, int *matched, int *field)
{
	static const struct rank_options none = {0};
	score_t s = SCORE_MIN;
	int r = cand_score(ix, q, opt != NULL ? opt : &none, i, 0, 0, &s, field);
	if (matched != NULL)
		*matched = r > 0;
	return r > 0 ? s : SCORE_MIN;
}

/* ---- ordering ---- */

/* a ranks before b: higher score, then earlier input. */
static inline int
better(score_t sa, size_t ia, score_t sb, size_t ib)
{
	return sa > sb || (sa == sb && ia < ib);
}

static int
cmp_result(const void *a, const void *b)
{
	const struct rank_result *x = a, *y = b;
	if (better(x->score, x->index, y->score, y->index))
		return -1;
	if (better(y->score, y->index, x->score, x->index))
		return 1;
	return 0;
}

void
rank_sort(struct rank_result *r, size_t n)
{
	qsort(r, n, sizeof *r, cmp_result);
}

/* A 64-bit key whose ascending order is the scores' descending order. */
static inline uint64_t
desc_key(score_t s)
{
	uint64_t u;
	memcpy(&u, &s, sizeof u);
	u ^= (u >> 63) ? ~(uint64_t)0 : (uint64_t)1 << 63;
	return ~u;
}

/*
 * Stable LSD radix sort by desc_key(score), 8 bits at a time, skipping the
 * digits every key shares (scores cluster, so most high digits do).  A
 * stable sort of a run already in input order gives (score desc, input asc).
 */
#define DEFINE_RADIX(name, type)                                                                   \
	static void name(type *a, size_t n)                                                        \
	{                                                                                          \
		if (n < 2)                                                                         \
			return;                                                                    \
		size_t(*count)[256] = xcalloc(8, sizeof *count);                                   \
		for (size_t i = 0; i < n; i++) {                                                   \
			uint64_t k = desc_key(a[i].score);                                         \
			for (int d = 0; d < 8; d++)                                                \
				count[d][(k >> (8 * d)) & 0xff]++;                                 \
		}                                                                                  \
		type *tmp = xreallocarray(NULL, n, sizeof *tmp), *src = a, *dst = tmp;             \
		for (int d = 0; d < 8; d++) {                                                      \
			uint64_t k0 = desc_key(a[0].score);                                        \
			if (count[d][(k0 >> (8 * d)) & 0xff] == n)                                 \
				continue;                                                          \
			size_t pos[256], sum = 0;                                                  \
			for (int v = 0; v < 256; v++) {                                            \
				pos[v] = sum;                                                      \
				sum += count[d][v];                                                \
			}                                                                          \
			for (size_t i = 0; i < n; i++) {                                           \
				uint64_t k = desc_key(src[i].score);                               \
				dst[pos[(k >> (8 * d)) & 0xff]++] = src[i];                        \
			}                                                                          \
			type *t = src;                                                             \
			src = dst;                                                                 \
			dst = t;                                                                   \
		}                                                                                  \
		if (src != a)                                                                      \
			memcpy(a, src, n * sizeof *a);                                             \
		free(tmp);                                                                         \
		free(count);                                                                       \
	}

DEFINE_RADIX(radix_results, struct rank_result)
DEFINE_RADIX(radix_lines, struct rank_line)

/*
 * Merge sorted runs into one array (the caller's): pairwise rounds, as fzy
 * merges its workers' lists, so any number of runs costs O(total log runs).
 * The runs' arrays are freed.
 */
#define DEFINE_MERGE(name, type, idx)                                                              \
	static type *name##_two(type *a, size_t na, type *b, size_t nb)                            \
	{                                                                                          \
		type *out = xreallocarray(NULL, na + nb ? na + nb : 1, sizeof *out);               \
		size_t i = 0, j = 0, o = 0;                                                        \
		while (i < na && j < nb) {                                                         \
			if (better(b[j].score, b[j].idx, a[i].score, a[i].idx))                    \
				out[o++] = b[j++];                                                 \
			else                                                                       \
				out[o++] = a[i++];                                                 \
		}                                                                                  \
		if (i < na)                                                                        \
			memcpy(out + o, a + i, (na - i) * sizeof *out);                            \
		o += na - i;                                                                       \
		if (j < nb)                                                                        \
			memcpy(out + o, b + j, (nb - j) * sizeof *out);                            \
		free(a);                                                                           \
		free(b);                                                                           \
		return out;                                                                        \
	}                                                                                          \
	static type *name(type **runs, size_t *lens, int nruns, size_t *total)                     \
	{                                                                                          \
		if (nruns == 0) {                                                                  \
			*total = 0;                                                                \
			return xmalloc(sizeof(type));                                              \
		}                                                                                  \
		while (nruns > 1) {                                                                \
			int out = 0;                                                               \
			for (int r = 0; r < nruns; r += 2) {                                       \
				if (r + 1 < nruns) {                                               \
					runs[out] = name##_two(runs[r], lens[r], runs[r + 1],      \
							       lens[r + 1]);                       \
					lens[out] = lens[r] + lens[r + 1];                         \
				} else {                                                           \
					runs[out] = runs[r];                                       \
					lens[out] = lens[r];                                       \
				}                                                                  \
				out++;                                                             \
			}                                                                          \
			nruns = out;                                                               \
		}                                                                                  \
		*total = lens[0];                                                                  \
		return runs[0] != NULL ? runs[0] : xmalloc(sizeof(type));                          \
	}

DEFINE_MERGE(merge_results, struct rank_result, index)
DEFINE_MERGE(merge_lines, struct rank_line, off)

/* ---- growable per-worker vectors ---- */

struct vec {
	void *v;
	size_t n, cap;
};

static inline void *
vec_push(struct vec *v, size_t size)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 1024;
		v->v = xreallocarray(v->v, v->cap, size);
	}
	return (char *)v->v + size * v->n++;
}

/* ---- top-K heaps ---- */

struct heap {
	struct rank_result *r;
	size_t n, k;
};

/* The root is the worst kept result; "worse" = not better. */
static void
heap_sift_down(struct heap *h, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < h->n && better(h->r[w].score, h->r[w].index, h->r[l].score, h->r[l].index))
			w = l;
		if (r < h->n && better(h->r[w].score, h->r[w].index, h->r[r].score, h->r[r].index))
			w = r;
		if (w == i)
			return;
		struct rank_result t = h->r[i];
		h->r[i] = h->r[w];
		h->r[w] = t;
		i = w;
	}
}

static void
heap_push(struct heap *h, uint32_t index, score_t score)
{
	if (h->k == 0)
		return;
	if (h->n < h->k) {
		size_t i = h->n++;
		h->r[i].index = index;
		h->r[i].score = score;
		while (i > 0) {
			size_t p = (i - 1) / 2;
			if (!better(h->r[p].score, h->r[p].index, h->r[i].score, h->r[i].index))
				break;
			struct rank_result t = h->r[i];
			h->r[i] = h->r[p];
			h->r[p] = t;
			i = p;
		}
		return;
	}
	if (!better(score, index, h->r[0].score, h->r[0].index))
		return;
	h->r[0].index = index;
	h->r[0].score = score;
	heap_sift_down(h, 0);
}

/* Below this, a candidate cannot enter the heap (no floor until it is full). */
static inline score_t
heap_floor(const struct heap *h)
{
	return h->n == h->k && h->k > 0 ? h->r[0].score : SCORE_MIN;
}

/* ---- one pass over a set of candidates ---- */

#define CAND_BATCH 4096

struct pass {
	const struct rank_index *ix;
	const struct match_query *q;
	const struct rank_options *opt;
	const uint32_t *base; /* candidates to look at, or NULL: all */
	size_t nbase;
	/* top-K mode */
	size_t k;
	struct heap *heaps; /* one per worker */
	/* matches, kept per batch (base positions) so they can be compacted in order */
	uint32_t *matches;   /* nbase slots, or NULL */
	uint32_t *batch_cnt; /* per batch */
	/* full mode: every match scored, per-worker runs */
	struct vec *runs;
};

static void
pass_batch(void *arg, int worker, size_t b)
{
	struct pass *p = arg;
	size_t lo = b * CAND_BATCH, hi = lo + CAND_BATCH;
	uint32_t *out = p->matches != NULL ? p->matches + lo : NULL;
	uint32_t cnt = 0;

	if (hi > p->nbase)
		hi = p->nbase;
	if (p->runs != NULL) {
		struct vec *v = &p->runs[worker];
		for (size_t i = lo; i < hi; i++) {
			size_t c = p->base != NULL ? p->base[i] : i;
			score_t s;
			if (cand_score(p->ix, p->q, p->opt, c, 0, 0, &s, NULL) <= 0)
				continue;
			struct rank_result *r = vec_push(v, sizeof *r);
			r->index = (uint32_t)c;
			r->score = s;
		}
		return;
	}
	struct heap *h = &p->heaps[worker];
	if (p->k == 0) {
		for (size_t i = lo; i < hi; i++) {
			size_t c = p->base != NULL ? p->base[i] : i;
			if (cand_matches(p->ix, p->q, c) && out != NULL)
				out[cnt++] = (uint32_t)c;
		}
		if (p->batch_cnt != NULL)
			p->batch_cnt[b] = cnt;
		return;
	}
	for (size_t i = lo; i < hi; i++) {
		size_t c = p->base != NULL ? p->base[i] : i;
		score_t s;
		int r = cand_score(p->ix, p->q, p->opt, c, h->n == h->k, heap_floor(h), &s, NULL);
		if (r < 0)
			continue;
		if (out != NULL)
			out[cnt++] = (uint32_t)c;
		if (r > 0)
			heap_push(h, (uint32_t)c, s);
	}
	if (p->batch_cnt != NULL)
		p->batch_cnt[b] = cnt;
}

static void
pass_done_sort(void *arg, int worker)
{
	struct pass *p = arg;
	if (p->runs != NULL)
		radix_results(p->runs[worker].v, p->runs[worker].n);
}

/*
 * Top-k over base (NULL: all candidates).  matches_out (may be NULL) gets
 * the matching candidates in input order.  Returns the match count (0 when
 * matches_out is NULL: the caller knows it), or -1 when cancelled.
 */
static long
top_pass(const struct rank_index *ix, const struct match_query *q, const struct rank_options *opt,
	 const uint32_t *base, size_t nbase, size_t k, struct rank_result *top, size_t *n_top,
	 uint32_t **matches_out, const atomic_int *cancel)
{
	int workers = rank_workers(opt->workers);
	size_t nbatch = (nbase + CAND_BATCH - 1) / CAND_BATCH;
	struct pass p = {.ix = ix, .q = q, .opt = opt, .base = base, .nbase = nbase, .k = k};

	if (nbatch < (size_t)workers)
		workers = nbatch > 0 ? (int)nbatch : 1;
	p.heaps = xcalloc((size_t)workers, sizeof *p.heaps);
	for (int w = 0; w < workers; w++) {
		p.heaps[w].k = k;
		p.heaps[w].r = xreallocarray(NULL, k ? k : 1, sizeof *p.heaps[w].r);
	}
	if (matches_out != NULL) {
		p.matches = xreallocarray(NULL, nbase ? nbase : 1, sizeof *p.matches);
		p.batch_cnt = xcalloc(nbatch ? nbatch : 1, sizeof *p.batch_cnt);
	}
	par_run(workers, nbatch, pass_batch, NULL, &p, cancel);

	long result = -1;
	if (cancel == NULL || !atomic_load(cancel)) {
		size_t total = 0;
		for (int w = 0; w < workers; w++)
			total += p.heaps[w].n;
		struct rank_result *all = xreallocarray(NULL, total ? total : 1, sizeof *all);
		size_t at = 0;
		for (int w = 0; w < workers; w++) {
			memcpy(all + at, p.heaps[w].r, p.heaps[w].n * sizeof *all);
			at += p.heaps[w].n;
		}
		rank_sort(all, total);
		*n_top = total < k ? total : k;
		memcpy(top, all, *n_top * sizeof *top);
		free(all);

		size_t nm = 0;
		if (p.matches != NULL) {
			for (size_t b = 0; b < nbatch; b++) {
				memmove(p.matches + nm, p.matches + b * CAND_BATCH,
					p.batch_cnt[b] * sizeof *p.matches);
				nm += p.batch_cnt[b];
			}
			*matches_out = xreallocarray(p.matches, nm ? nm : 1, sizeof *p.matches);
			p.matches = NULL;
		}
		result = (long)nm;
	}
	for (int w = 0; w < workers; w++)
		free(p.heaps[w].r);
	free(p.heaps);
	free(p.matches);
	free(p.batch_cnt);
	return result;
}

size_t
rank_top(const struct rank_index *ix, const char *query, size_t len, const struct rank_options *opt,
	 size_t k, struct rank_result *top, size_t *n_top)
{
	static const struct rank_options none = {0};
	struct match_query *q = match_query_create(query, len);
	uint32_t *matches = NULL;
	long n = top_pass(ix, q, opt != NULL ? opt : &none, NULL, ix->n, k, top, n_top, &matches,
			  NULL);
	free(matches);
	match_query_free(q);
	return (size_t)n;
}

size_t
rank_all(const struct rank_index *ix, const char *query, size_t len, const struct rank_options *opt,
	 struct rank_result **out)
{
	static const struct rank_options none = {0};
	struct match_query *q = match_query_create(query, len);
	int workers = rank_workers(opt != NULL ? opt->workers : 0);
	size_t nbatch = (ix->n + CAND_BATCH - 1) / CAND_BATCH;
	struct pass p = {.ix = ix, .q = q, .opt = opt != NULL ? opt : &none, .nbase = ix->n};

	if (nbatch < (size_t)workers)
		workers = nbatch > 0 ? (int)nbatch : 1;
	p.runs = xcalloc((size_t)workers, sizeof *p.runs);
	par_run(workers, nbatch, pass_batch, pass_done_sort, &p, NULL);

	struct rank_result **runs = xcalloc((size_t)workers, sizeof *runs);
	size_t *lens = xcalloc((size_t)workers, sizeof *lens), total;
	for (int w = 0; w < workers; w++) {
		runs[w] = p.runs[w].v;
		lens[w] = p.runs[w].n;
	}
	*out = merge_results(runs, lens, workers, &total);
	free(p.runs);
	free(runs);
	free(lens);
	match_query_free(q);
	return total;
}

/* ---- sessions ---- */

#define SESSION_LEVELS 64

struct level {
	char *query;
	size_t len;
	uint32_t *matches; /* input order */
	size_t n;
};

struct rank_session {
	const struct rank_index *ix;
	struct rank_options opt;
	struct level levels[SESSION_LEVELS];
	int depth;
	atomic_int cancel;
	uint32_t *empty; /* matches of the empty query (candidates with a field) */
	/* what rank_session_matches reports */
	const uint32_t *last;
	size_t nlast;
};

struct rank_session *
rank_session_create(const struct rank_index *ix, const struct rank_options *opt)
{
	struct rank_session *s = xcalloc(1, sizeof *s);
	s->ix = ix;
	if (opt != NULL)
		s->opt = *opt;
	atomic_init(&s->cancel, 0);
	s->nlast = ix->n;
	return s;
}

static void
level_free(struct level *l)
{
	free(l->query);
	free(l->matches);
	memset(l, 0, sizeof *l);
}

void
rank_session_free(struct rank_session *s)
{
	if (s == NULL)
		return;
	for (int i = 0; i < s->depth; i++)
		level_free(&s->levels[i]);
	free(s->empty);
	free(s);
}

void
rank_session_cancel(struct rank_session *s)
{
	atomic_store(&s->cancel, 1);
}

int
rank_session_cancelled(struct rank_session *s)
{
	return atomic_load(&s->cancel);
}

void
rank_session_clear_cancel(struct rank_session *s)
{
	atomic_store(&s->cancel, 0);
}

const uint32_t *
rank_session_matches(const struct rank_session *s, size_t *n)
{
	*n = s->nlast;
	return s->last;
}

static int
is_prefix(const char *p, size_t plen, const char *s, size_t slen)
{
	return plen <= slen && memcmp(p, s, plen) == 0;
}

long
rank_session_search(struct rank_session *s, const char *query, size_t len, size_t k,
		    struct rank_result *top, size_t *n_top)
{
	atomic_store(&s->cancel, 0);

	if (len == 0) {
		/* Everything matches; the levels stay for when typing resumes. */
		struct match_query *q = match_query_create("", 0);
		uint32_t *matches = NULL;
		long n = top_pass(s->ix, q, &s->opt, NULL, s->ix->n, k, top, n_top, &matches,
				  &s->cancel);
		match_query_free(q);
		if (n < 0) {
			free(matches);
			return -1;
		}
		free(s->empty);
		s->empty = matches;
		s->last = matches;
		s->nlast = (size_t)n;
		return n;
	}

	/* Forget levels the new query does not extend. */
	while (s->depth > 0 &&
	       !is_prefix(s->levels[s->depth - 1].query, s->levels[s->depth - 1].len, query, len))
		level_free(&s->levels[--s->depth]);

	const uint32_t *base = NULL;
	size_t nbase = s->ix->n;
	int same = 0;
	if (s->depth > 0) {
		struct level *l = &s->levels[s->depth - 1];
		base = l->matches;
		nbase = l->n;
		same = l->len == len;
	}
	/* Until this search succeeds, report the base (never a freed level). */
	s->last = base;
	s->nlast = base != NULL ? nbase : s->ix->n;

	struct match_query *q = match_query_create(query, len);
	uint32_t *matches = NULL;
	long n = top_pass(s->ix, q, &s->opt, base, nbase, k, top, n_top, same ? NULL : &matches,
			  &s->cancel);
	match_query_free(q);
	if (n < 0) {
		free(matches);
		return -1;
	}
	if (same)
		return (long)nbase;
	if (s->depth == SESSION_LEVELS) {
		/* Drop the oldest: it only served going back that far. */
		level_free(&s->levels[0]);
		memmove(&s->levels[0], &s->levels[1], (SESSION_LEVELS - 1) * sizeof s->levels[0]);
		memset(&s->levels[SESSION_LEVELS - 1], 0, sizeof s->levels[0]);
		s->depth--;
	}
	struct level *l = &s->levels[s->depth++];
	l->query = xmalloc(len + 1);
	memcpy(l->query, query, len);
	l->query[len] = '\0';
	l->len = len;
	l->matches = matches;
	l->n = (size_t)n;
	s->last = l->matches;
	s->nlast = l->n;
	return n;
}

/* ---- lines of a buffer ---- */

#define LINE_BATCH (256 * 1024)

/* First p in [p, end) equal to a or b (a == b is fine), or end. */
static inline const char *
find_either(const char *p, const char *end, char a, char b)
{
#ifdef __SSE2__
	const __m128i va = _mm_set1_epi8(a), vb = _mm_set1_epi8(b);
	while (end - p >= 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
		unsigned bits = (unsigned)_mm_movemask_epi8(
			_mm_or_si128(_mm_cmpeq_epi8(v, va), _mm_cmpeq_epi8(v, vb)));
		if (bits != 0)
			return p + __builtin_ctz(bits);
		p += 16;
	}
#endif
	for (; p < end; p++)
		if (*p == a || *p == b)
			return p;
	return end;
}

struct lines_ctx {
	const char *buf;
	size_t len;
	char delim;
	char stop; /* a second record end: '\0' with delim '\n' (fzy's rule), else delim */
	const struct match_query *q;
	struct vec *runs;
	size_t *first_stop; /* per worker: earliest NUL seen (len: none) */
};

static void
lines_batch(void *arg, int worker, size_t b)
{
	struct lines_ctx *c = arg;
	const char *buf = c->buf, *end = buf + c->len;
	size_t lo = b * LINE_BATCH, hi = lo + LINE_BATCH;
	struct vec *v = &c->runs[worker];

	if (hi > c->len)
		hi = c->len;
	const char *p = buf + lo;
	if (lo > 0 && buf[lo - 1] != c->delim) {
		/* The record in progress belongs to the batch it started in. */
		p = memchr(p, c->delim, (size_t)(end - p));
		if (p == NULL)
			return;
		p++;
	}
	while (p < buf + hi) {
		const char *e = find_either(p, end, c->delim, c->stop);
		if (e < end && *e != c->delim && (size_t)(e - buf) < c->first_stop[worker])
			c->first_stop[worker] = (size_t)(e - buf);
		score_t sc;
		if (e > p && match_eval(c->q, p, (size_t)(e - p), &sc)) {
			struct rank_line *r = vec_push(v, sizeof *r);
			r->off = (size_t)(p - buf);
			r->len = (size_t)(e - p);
			r->score = sc;
		}
		p = e + 1;
	}
}

static void
lines_done(void *arg, int worker)
{
	struct lines_ctx *c = arg;
	radix_lines(c->runs[worker].v, c->runs[worker].n);
}

size_t
rank_lines(const char *buf, size_t len, int delim, const char *query, size_t qlen, int workers,
	   struct rank_line **out)
{
	struct match_query *q = match_query_create(query, qlen);
	size_t nbatch = (len + LINE_BATCH - 1) / LINE_BATCH;
	struct lines_ctx c = {.buf = buf, .len = len, .delim = (char)delim, .q = q};

	c.stop = delim == '\n' ? '\0' : (char)delim;
	workers = rank_workers(workers);
	if (nbatch < (size_t)workers)
		workers = nbatch > 0 ? (int)nbatch : 1;
	c.runs = xcalloc((size_t)workers, sizeof *c.runs);
	c.first_stop = xreallocarray(NULL, (size_t)workers, sizeof *c.first_stop);
	for (int w = 0; w < workers; w++)
		c.first_stop[w] = len;
	par_run(workers, nbatch, lines_batch, lines_done, &c, NULL);

	/* fzy stops reading at the first NUL: drop the records after it. */
	size_t stop = len;
	for (int w = 0; w < workers; w++)
		if (c.first_stop[w] < stop)
			stop = c.first_stop[w];
	struct rank_line **runs = xcalloc((size_t)workers, sizeof *runs);
	size_t *lens = xcalloc((size_t)workers, sizeof *lens), total;
	for (int w = 0; w < workers; w++) {
		runs[w] = c.runs[w].v;
		lens[w] = c.runs[w].n;
		if (stop < len) {
			size_t keep = 0;
			for (size_t i = 0; i < lens[w]; i++)
				if (runs[w][i].off < stop)
					runs[w][keep++] = runs[w][i];
			lens[w] = keep;
		}
	}
	*out = merge_lines(runs, lens, workers, &total);
	free(c.runs);
	free(c.first_stop);
	free(runs);
	free(lens);
	match_query_free(q);
	return total;
}

size_t
rank_split_lines(const char *buf, size_t len, int delim, size_t **offs, size_t **lens)
{
	const char *p = buf, *end = buf + len;
	char stop = delim == '\n' ? '\0' : (char)delim;
	struct vec vo = {0}, vl = {0};

	while (p < end) {
		const char *e = find_either(p, end, (char)delim, stop);
		if (e > p) {
			*(size_t *)vec_push(&vo, sizeof(size_t)) = (size_t)(p - buf);
			*(size_t *)vec_push(&vl, sizeof(size_t)) = (size_t)(e - p);
		}
		if (e < end && *e != (char)delim)
			break; /* fzy's NUL rule */
		p = e + 1;
	}
	*offs = vo.v != NULL ? vo.v : xmalloc(1);
	*lens = vl.v != NULL ? vl.v : xmalloc(1);
	return vo.n;
}
