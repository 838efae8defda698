/* The launcher's ranking over catalog items (rules in search.h). */
#include "build-config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "history.h"
#include "item.h"
#include "rank.h"
#include "search.h"
#include "strbuf.h"
#include "xmalloc.h"

struct alias_entry {
	char *lower; /* the alias, ASCII-lowercased */
	uint32_t index;
};

struct search_index {
	size_t n;
	struct item **items; /* borrowed, catalog order */
	struct rank_index *rank;
	unsigned char *kind;         /* per field: enum search_field */
	uint32_t *first;             /* per item: its first field */
	double *frecency;            /* per item */
	double *boost;               /* per item: search_frecency_boost(frecency) */
	struct alias_entry *aliases; /* sorted by lower, then index */
	size_t n_aliases;
	int workers;
	char *text; /* every field's text, one after another (NUL-terminated) */
};

struct search_session {
	const struct search_index *ix;
	struct rank_session *rank;
	/* the last query of several words and its matches, in catalog order: a
	   query that extends it (typing) matches a subset of them (rule 6) */
	char *words_query;
	size_t words_len;
	uint32_t *words_hits;
	size_t n_words_hits;
};

double
search_frecency_boost(double f)
{
	return f > 0 ? f / (f + SEARCH_FRECENCY_HALF) : 0;
}

const char *
search_field_name(enum search_field field)
{
	switch (field) {
	case SEARCH_FIELD_NONE:
		return "none";
	case SEARCH_FIELD_ALIAS_EXACT:
		return "alias-exact";
	case SEARCH_FIELD_TITLE:
		return "title";
	case SEARCH_FIELD_ALIAS:
		return "alias";
	case SEARCH_FIELD_KEYWORD:
		return "keyword";
	case SEARCH_FIELD_SUBTITLE:
		return "subtitle";
	case SEARCH_FIELD_GROUP:
		return "group";
	}
	return "none";
}

static char *
ascii_lower(const char *s, size_t len)
{
	char *l = xmalloc(len + 1);
	for (size_t i = 0; i < len; i++)
		l[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] + 32) : s[i];
	l[len] = '\0';
	return l;
}

static int
cmp_alias(const void *a, const void *b)
{
	const struct alias_entry *x = a, *y = b;
	int c = strcmp(x->lower, y->lower);
	if (c != 0)
		return c;
	return x->index < y->index ? -1 : x->index > y->index;
}

/* Grow-as-needed arrays for the fields. */
struct fields {
	const char **s;
	size_t *len;
	double *w;
	unsigned char *kind;
	size_t n, cap;
	size_t bytes; /* text, NULs included */
};

static void
field_add(struct fields *f, const char *s, double w, enum search_field kind)
{
	if (s == NULL || *s == '\0')
		return;
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 1024;
		f->s = xreallocarray(f->s, f->cap, sizeof *f->s);
		f->len = xreallocarray(f->len, f->cap, sizeof *f->len);
		f->w = xreallocarray(f->w, f->cap, sizeof *f->w);
		f->kind = xreallocarray(f->kind, f->cap, sizeof *f->kind);
	}
	f->s[f->n] = s;
	f->len[f->n] = strlen(s);
	f->bytes += f->len[f->n] + 1;
	f->w[f->n] = w;
	f->kind[f->n] = (unsigned char)kind;
	f->n++;
}

void
search_index_set_history(struct search_index *ix, const struct history *hist, time_t now)
{
	for (size_t i = 0; i < ix->n; i++) {
		ix->frecency[i] = hist != NULL ? history_score(hist, ix->items[i]->id, now) : 0;
		ix->boost[i] = search_frecency_boost(ix->frecency[i]);
	}
}

struct search_index *
search_index_create(const struct catalog *cat, const struct history *hist, time_t now, int workers)
{
	struct search_index *ix = xcalloc(1, sizeof *ix);
	struct fields f = {0};

	ix->n = cat->n;
	ix->workers = workers;
	ix->items = xreallocarray(NULL, ix->n + 1, sizeof *ix->items);
	ix->first = xreallocarray(NULL, ix->n + 1, sizeof *ix->first);
	ix->frecency = xcalloc(ix->n + 1, sizeof *ix->frecency);
	ix->boost = xcalloc(ix->n + 1, sizeof *ix->boost);
	ix->aliases = xcalloc(ix->n + 1, sizeof *ix->aliases);
	for (size_t i = 0; i < cat->n; i++) {
		struct item *it = cat->items[i];
		ix->items[i] = it;
		ix->first[i] = (uint32_t)f.n;
		field_add(&f, it->title, SEARCH_WEIGHT_TITLE, SEARCH_FIELD_TITLE);
		field_add(&f, it->alias, SEARCH_WEIGHT_ALIAS, SEARCH_FIELD_ALIAS);
		for (size_t k = 0; k < it->keywords.n; k++)
			field_add(&f, it->keywords.v[k], SEARCH_WEIGHT_KEYWORD,
				  SEARCH_FIELD_KEYWORD);
		field_add(&f, it->subtitle, SEARCH_WEIGHT_SUBTITLE, SEARCH_FIELD_SUBTITLE);
		field_add(&f, it->group, SEARCH_WEIGHT_GROUP, SEARCH_FIELD_GROUP);
		if (it->alias != NULL && *it->alias != '\0') {
			ix->aliases[ix->n_aliases].lower =
				ascii_lower(it->alias, strlen(it->alias));
			ix->aliases[ix->n_aliases].index = (uint32_t)i;
			ix->n_aliases++;
		}
	}
	ix->first[ix->n] = (uint32_t)f.n;
	qsort(ix->aliases, ix->n_aliases, sizeof *ix->aliases, cmp_alias);
	/*
	 * The ranking reads every field on every keystroke: one block in field
	 * order is read at memory speed, where the items' own strings, scattered
	 * over the heap among everything else an item holds, cost 2-3 times as
	 * much at a million items.
	 */
	ix->text = xmalloc(f.bytes + 1);
	char *at = ix->text;
	for (size_t k = 0; k < f.n; k++) {
		memcpy(at, f.s[k], f.len[k] + 1);
		f.s[k] = at;
		at += f.len[k] + 1;
	}
	ix->rank = rank_index_create_fields(ix->n, ix->first, f.s, f.len, f.w, workers);
	ix->kind = f.kind != NULL ? f.kind : xmalloc(1);
	free(f.s);
	free(f.len);
	free(f.w);
	search_index_set_history(ix, hist, now);
	return ix;
}

void
search_index_free(struct search_index *ix)
{
	if (ix == NULL)
		return;
	rank_index_free(ix->rank);
	free(ix->text);
	for (size_t i = 0; i < ix->n_aliases; i++)
		free(ix->aliases[i].lower);
	free(ix->aliases);
	free(ix->items);
	free(ix->first);
	free(ix->kind);
	free(ix->frecency);
	free(ix->boost);
	free(ix);
}

struct search_session *
search_session_create(const struct search_index *ix)
{
	struct search_session *s = xcalloc(1, sizeof *s);
	struct rank_options opt = {.workers = ix->workers, .finite_exact = 1, .boost = ix->boost};
	s->ix = ix;
	s->rank = rank_session_create(ix->rank, &opt);
	return s;
}

void
search_session_free(struct search_session *s)
{
	if (s == NULL)
		return;
	rank_session_free(s->rank);
	free(s->words_query);
	free(s->words_hits);
	free(s);
}

void
search_cancel(struct search_session *s)
{
	rank_session_cancel(s->rank);
}

void
search_results_free(struct search_results *res)
{
	if (res == NULL)
		return;
	for (size_t i = 0; i < res->n; i++)
		free(res->r[i].positions);
	free(res->r);
	free(res);
}

/* Items used before by frecency (stable), then the rest in catalog order. */
struct by_frecency {
	double f;
	size_t i;
};

static int
cmp_frecency(const void *a, const void *b)
{
	const struct by_frecency *x = a, *y = b;
	if (x->f != y->f)
		return x->f > y->f ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

static struct search_results *
empty_query(const struct search_index *ix, size_t limit)
{
	struct search_results *res = xcalloc(1, sizeof *res);
	size_t want = limit == 0 || limit > ix->n ? ix->n : limit;
	struct by_frecency *used = xcalloc(ix->n + 1, sizeof *used);
	size_t nused = 0;

	for (size_t i = 0; i < ix->n; i++)
		if (ix->frecency[i] > 0) {
			used[nused].f = ix->frecency[i];
			used[nused].i = i;
			nused++;
		}
	qsort(used, nused, sizeof *used, cmp_frecency);
	res->r = xcalloc(want + 1, sizeof *res->r);
	res->matches = ix->n;
	for (size_t k = 0; k < nused && res->n < want; k++) {
		struct search_result *r = &res->r[res->n++];
		r->index = used[k].i;
		r->score = ix->boost[used[k].i];
	}
	for (size_t i = 0; i < ix->n && res->n < want; i++) {
		if (ix->frecency[i] > 0)
			continue;
		res->r[res->n++].index = i;
	}
	for (size_t k = 0; k < res->n; k++) {
		struct search_result *r = &res->r[k];
		r->item = ix->items[r->index];
		r->frecency = ix->frecency[r->index];
		r->field = SEARCH_FIELD_NONE;
	}
	free(used);
	return res;
}

static int
cmp_exact(const void *a, const void *b, const struct search_index *ix)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	if (ix->boost[x] != ix->boost[y])
		return ix->boost[x] > ix->boost[y] ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Items whose alias is the query (rule 1), best first; *n gets how many. */
static uint32_t *
exact_aliases(const struct search_index *ix, const char *query, size_t len, size_t *n)
{
	char *lower = ascii_lower(query, len);
	size_t lo = 0, hi = ix->n_aliases;
	uint32_t *out = NULL;

	*n = 0;
	if (memchr(query, '\0', len) != NULL) {
		free(lower);
		return NULL;
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(ix->aliases[mid].lower, lower) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t k = lo; k < ix->n_aliases && strcmp(ix->aliases[k].lower, lower) == 0; k++) {
		out = xreallocarray(out, *n + 1, sizeof *out);
		out[(*n)++] = ix->aliases[k].index;
	}
	free(lower);
	/* A few items at most: insertion sort by boost, then catalog order. */
	for (size_t a = 1; a < *n; a++)
		for (size_t b = a; b > 0 && cmp_exact(&out[b], &out[b - 1], ix) < 0; b--) {
			uint32_t t = out[b];
			out[b] = out[b - 1];
			out[b - 1] = t;
		}
	return out;
}

/* A query's words: the parts between spaces. */
struct word {
	const char *s;
	size_t len;
};

/* The words of query[0..len), in order; *n gets how many (0: only spaces). */
static struct word *
split_words(const char *query, size_t len, size_t *n)
{
	struct word *w = NULL;
	*n = 0;
	for (size_t i = 0; i < len;) {
		while (i < len && query[i] == ' ')
			i++;
		size_t start = i;
		while (i < len && query[i] != ' ')
			i++;
		if (i > start) {
			w = xreallocarray(w, *n + 1, sizeof *w);
			w[*n].s = query + start;
			w[*n].len = i - start;
			(*n)++;
		}
	}
	return w;
}

static int
cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;
	return x < y ? -1 : x > y;
}

/*
 * r for item index: its score and field, and the title positions of every
 * query in qs[0..nq) that matches the title, merged (one word's letters
 * may fall on another's).
 */
static void
fill_result(const struct search_index *ix, struct match_query *const *qs, size_t nq,
	    struct search_result *r, size_t index, double score, enum search_field field)
{
	const struct item *it = ix->items[index];
	r->item = it;
	r->index = index;
	r->score = score;
	r->frecency = ix->frecency[index];
	r->field = field;
	size_t tl = strlen(it->title);
	for (size_t k = 0; k < nq; k++) {
		const struct match_query *q = qs[k];
		if (q->n == 0 || !match_has(q, it->title, tl))
			continue;
		r->positions =
			xreallocarray(r->positions, r->n_positions + q->n, sizeof *r->positions);
		if (match_positions(q, it->title, tl, r->positions + r->n_positions) == SCORE_MIN) {
			/* Over fzy's length limit: no highlight rather than a wrong one. */
			free(r->positions);
			r->positions = NULL;
			r->n_positions = 0;
			return;
		}
		r->n_positions += q->n;
	}
	if (nq > 1 && r->n_positions > 0) {
		qsort(r->positions, r->n_positions, sizeof *r->positions, cmp_size);
		size_t out = 1;
		for (size_t k = 1; k < r->n_positions; k++)
			if (r->positions[k] != r->positions[out - 1])
				r->positions[out++] = r->positions[k];
		r->n_positions = out;
	}
}

static int
in_list(const uint32_t *list, size_t n, uint32_t v)
{
	for (size_t i = 0; i < n; i++)
		if (list[i] == v)
			return 1;
	return 0;
}

/*
 * Append the ranked top[0..n_top) to res (up to want), skipping items
 * already listed by their exact alias; the field that matched is field_q's.
 */
static void
add_ranked(const struct search_index *ix, struct search_results *res, size_t want,
	   struct match_query *const *qs, size_t nq, const struct match_query *field_q,
	   const struct rank_result *top, size_t n_top, const uint32_t *exact, size_t n_exact)
{
	struct rank_options opt = {.finite_exact = 1};
	for (size_t t = 0; t < n_top && res->n < want; t++) {
		if (in_list(exact, n_exact, top[t].index))
			continue;
		int field = -1, matched;
		rank_candidate_score(ix->rank, field_q, &opt, top[t].index, &matched, &field);
		enum search_field kind =
			field >= 0 ? (enum search_field)ix->kind[ix->first[top[t].index] + field]
				   : SEARCH_FIELD_TITLE;
		fill_result(ix, qs, nq, &res->r[res->n++], top[t].index, top[t].score, kind);
	}
}

/*
 * Several words (rule 6): every word must match some field; the score is
 * the sum over the words of each one's best (field score + weight), plus
 * the boost.  The longest word goes through the session (its prefilter,
 * narrowing and threads); the others are scored on its matches only.
 */
static struct search_results *
search_words(struct search_session *s, const char *raw, size_t raw_len, const char *query,
	     size_t len, const struct word *w, size_t nw, size_t limit)
{
	const struct search_index *ix = s->ix;
	size_t pivot = 0;
	for (size_t i = 1; i < nw; i++)
		if (w[i].len > w[pivot].len)
			pivot = i;
	/* The session finds the pivot's matches (top 1 only: no scoring or sorting
	   of them all); the other words are checked on those, the pivot last. */
	size_t n_base;
	const uint32_t *base;
	if (s->words_query != NULL && s->words_len <= raw_len &&
	    memcmp(s->words_query, raw, s->words_len) == 0) {
		rank_session_clear_cancel(s->rank); /* as a session search does first */
		base = s->words_hits;               /* typing on: only the last matches */
		n_base = s->n_words_hits;
	} else {
		struct rank_result one;
		size_t n_one = 0;
		if (rank_session_search(s->rank, w[pivot].s, w[pivot].len, 1, &one, &n_one) < 0)
			return NULL;
		base = rank_session_matches(s->rank, &n_base);
	}
	struct rank_result *top = xcalloc(n_base + 1, sizeof *top);
	uint32_t *hits = xcalloc(n_base + 1, sizeof *hits);

	size_t n_exact;
	uint32_t *exact = exact_aliases(ix, query, len, &n_exact);
	struct match_query **qs = xcalloc(nw, sizeof *qs);
	for (size_t i = 0; i < nw; i++)
		qs[i] = match_query_create(w[i].s, w[i].len);
	struct rank_options opt = {.finite_exact = 1}; /* the boost is added once, below */
	size_t n_hits = 0, n_all = 0;
	score_t *sc = xcalloc(nw, sizeof *sc);
	for (size_t t = 0; t < n_base; t++) {
		if ((t & 1023) == 0 && rank_session_cancelled(s->rank))
			break;
		uint32_t index = base != NULL ? base[t] : (uint32_t)t;
		int all = 1;
		for (size_t k = 0; k < nw && all; k++) {
			size_t i = k < pivot ? k : k + 1 < nw ? k + 1 : pivot; /* pivot last */
			sc[i] = rank_candidate_score(ix->rank, qs[i], &opt, index, &all, NULL);
		}
		if (!all)
			continue;
		hits[n_all++] = index;
		if (in_list(exact, n_exact, index))
			continue; /* an exact alias is listed (and counted) once, by rule 1 */
		double total = 0;
		for (size_t i = 0; i < nw; i++)
			total += sc[i]; /* in word order, as rule 6 sums them */
		top[n_hits].index = index;
		top[n_hits].score = total + ix->boost[index];
		n_hits++;
	}
	free(sc);
	if (rank_session_cancelled(s->rank)) {
		for (size_t i = 0; i < nw; i++)
			match_query_free(qs[i]);
		free(qs);
		free(top);
		free(hits);
		free(exact);
		return NULL;
	}
	free(s->words_query);
	free(s->words_hits);
	s->words_query = xstrndup(raw, raw_len);
	s->words_len = raw_len;
	s->words_hits = hits;
	s->n_words_hits = n_all;
	rank_sort(top, n_hits);

	struct search_results *res = xcalloc(1, sizeof *res);
	size_t want = limit == 0 ? n_exact + n_hits : limit;
	res->r = xcalloc(want + 1, sizeof *res->r);
	res->matches = n_hits + n_exact;
	for (size_t e = 0; e < n_exact && res->n < want; e++)
		fill_result(ix, qs, nw, &res->r[res->n++], exact[e],
			    SEARCH_ALIAS_SCORE + ix->boost[exact[e]], SEARCH_FIELD_ALIAS_EXACT);
	add_ranked(ix, res, want, qs, nw, qs[pivot], top, n_hits, NULL, 0);
	for (size_t i = 0; i < nw; i++)
		match_query_free(qs[i]);
	free(qs);
	free(top);
	free(exact);
	return res;
}

struct search_results *
search_run(struct search_session *s, const char *query, size_t len, size_t limit)
{
	const struct search_index *ix = s->ix;

	size_t nw;
	struct word *w = split_words(query, len, &nw);
	if (nw == 0) {
		free(w);
		return empty_query(ix, limit);
	}
	if (nw > 1) {
		/* The alias rule sees the words joined by single spaces. */
		struct strbuf joined = STRBUF_INIT;
		for (size_t i = 0; i < nw; i++) {
			if (i > 0)
				sb_addc(&joined, ' ');
			sb_addn(&joined, w[i].s, w[i].len);
		}
		struct search_results *res =
			search_words(s, query, len, sb_str(&joined), joined.len, w, nw, limit);
		sb_free(&joined);
		free(w);
		return res;
	}
	query = w[0].s; /* one word: spaces around it do not count */
	len = w[0].len;
	free(w);

	size_t n_exact;
	uint32_t *exact = exact_aliases(ix, query, len, &n_exact);
	size_t k = limit == 0 ? ix->n : limit + n_exact;
	if (k > ix->n)
		k = ix->n;
	struct rank_result *top = xcalloc(k + 1, sizeof *top);
	size_t n_top = 0;
	long matches = rank_session_search(s->rank, query, len, k, top, &n_top);
	if (matches < 0) {
		free(top);
		free(exact);
		return NULL;
	}

	struct match_query *q = match_query_create(query, len);
	struct rank_options opt = {.finite_exact = 1, .boost = ix->boost};
	struct search_results *res = xcalloc(1, sizeof *res);
	size_t want = limit == 0 ? n_exact + n_top : limit;
	res->r = xcalloc(want + 1, sizeof *res->r);
	res->matches = (size_t)matches;
	for (size_t e = 0; e < n_exact; e++) {
		int matched;
		rank_candidate_score(ix->rank, q, &opt, exact[e], &matched, NULL);
		if (!matched)
			res->matches++; /* found by its alias only */
		if (res->n < want)
			fill_result(ix, &q, 1, &res->r[res->n++], exact[e],
				    SEARCH_ALIAS_SCORE + ix->boost[exact[e]],
				    SEARCH_FIELD_ALIAS_EXACT);
	}
	add_ranked(ix, res, want, &q, 1, q, top, n_top, exact, n_exact);
	match_query_free(q);
	free(top);
	free(exact);
	return res;
}
