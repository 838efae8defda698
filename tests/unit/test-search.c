/*
 * The launcher's ranking: one named test per rule of search.h, then random
 * catalogs against a brute-force transcription of the rules.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "fzy-ref.h"
#include "history.h"
#include "item.h"
#include "search.h"
#include "tap.h"
#include "test-random.h"
#include "xmalloc.h"

#define NOW 1700000000

static struct item *
add(struct catalog *cat, const char *id, const char *title, const char *source, const char *group)
{
	struct item *it = item_create(id, "command", title);
	item_set(&it->source, source);
	item_set(&it->group, group);
	catalog_add(cat, it);
	return it;
}

/* Run one query on a fresh index; the caller frees. */
static struct search_results *
run(const struct catalog *cat, const struct history *h, const char *q, size_t limit)
{
	struct search_index *ix = search_index_create(cat, h, NOW, 1);
	struct search_session *s = search_session_create(ix);
	struct search_results *res = search_run(s, q, strlen(q), limit);
	search_session_free(s);
	search_index_free(ix);
	return res;
}

static const char *
nth_id(const struct search_results *res, size_t i)
{
	return res != NULL && i < res->n ? res->r[i].item->id : "(none)";
}

static void
test_rule_exact_alias_first(void)
{
	struct catalog *cat = catalog_create();
	add(cat, "git/log", "gl", "ext:git", "Git");
	struct item *it =
		add(cat, "cleanshot/capture", "Capture Area", "ext:cleanshot", "CleanShot");
	item_set(&it->alias, "gl");
	add(cat, "git/glog", "glog", "ext:git", "Git");
	struct search_results *res = run(cat, NULL, "gl", 10);
	is_str(nth_id(res, 0), "cleanshot/capture",
	       "rule 1 (exact alias first): alias 'gl' beats a title equal to 'gl'");
	ok(res->r[0].field == SEARCH_FIELD_ALIAS_EXACT && res->r[0].score == SEARCH_ALIAS_SCORE,
	   "rule 1: the exact alias scores SEARCH_ALIAS_SCORE and says so");
	is_str(nth_id(res, 1), "git/log", "rule 1: then the ranking as usual");
	is_int(res->n, 3, "rule 1: the alias item is listed once");
	search_results_free(res);

	res = run(cat, NULL, "GL", 10);
	is_str(nth_id(res, 0), "cleanshot/capture", "rule 1: the alias match ignores case");
	is_int(res->matches, 1, "rule 1: an item found by its exact alias only still counts");
	search_results_free(res);

	res = run(cat, NULL, "g", 10);
	ok(strcmp(nth_id(res, 0), "cleanshot/capture") != 0,
	   "rule 1: a prefix of the alias is not an exact alias match");
	search_results_free(res);
	catalog_free(cat);
}

static void
test_rule_fields(void)
{
	struct catalog *cat = catalog_create();
	struct item *kw = add(cat, "x/area", "Capture Area", "ext:x", "X");
	item_add_keyword(kw, "screenshot");
	add(cat, "x/shot", "Screenshot", "ext:x", "X");
	struct search_results *res = run(cat, NULL, "screenshot", 10);
	is_str(nth_id(res, 0), "x/shot", "rule 2 (fields): an exact title beats an exact keyword");
	is_str(nth_id(res, 1), "x/area", "rule 2: the keyword match is listed");
	ok(res->n == 2 && res->r[1].field == SEARCH_FIELD_KEYWORD,
	   "rule 2: the result says a keyword matched");
	is_double(res->r[0].score, 11.0, "rule 2: an exact title scores n + 1");
	is_double(res->r[1].score, 10.0, "rule 2: an exact keyword scores n + 1 - 1");
	search_results_free(res);
	catalog_free(cat);

	cat = catalog_create();
	struct item *sub = add(cat, "d/app", "Open App", "ext:d", "D");
	item_set(&sub->subtitle, "deploy the app");
	add(cat, "d/deploy", "Deploy Preview", "ext:d", "D");
	res = run(cat, NULL, "deploy", 10);
	is_str(nth_id(res, 0), "d/deploy", "rule 2: a title match beats a subtitle match");
	ok(res->n == 2 && res->r[1].field == SEARCH_FIELD_SUBTITLE, "rule 2: subtitles match too");
	search_results_free(res);
	catalog_free(cat);

	cat = catalog_create();
	add(cat, "cleanshot/area", "Capture Area", "ext:cleanshot", "CleanShot X");
	add(cat, "cleanshot/history", "Open History", "ext:cleanshot", "CleanShot X");
	add(cat, "chrome/tabs", "Search Tabs", "ext:chrome", "Chrome");
	res = run(cat, NULL, "cleanshot", 10);
	ok(res->n == 2 && res->r[0].field == SEARCH_FIELD_GROUP,
	   "rule 2: the group (extension title) finds every command of an extension");
	is_str(nth_id(res, 0), "cleanshot/area", "rule 2: group matches keep catalog order");
	search_results_free(res);

	struct item *al = add(cat, "x/alias", "Something", "ext:x", "X");
	item_set(&al->alias, "cshot");
	res = run(cat, NULL, "csht", 10);
	is_str(nth_id(res, 0), "x/alias", "rule 2: a fuzzy alias match counts, above the group");
	ok(res->r[0].field == SEARCH_FIELD_ALIAS, "rule 2: ... and says it was the alias");
	search_results_free(res);

	res = run(cat, NULL, "CS", 10);
	is_int(res->matches, 2, "rule 2: an uppercase query letter matches only uppercase");
	search_results_free(res);
	res = run(cat, NULL, "zzz", 10);
	ok(res != NULL && res->n == 0 && res->matches == 0, "rule 2: no match, no results");
	search_results_free(res);
	catalog_free(cat);
}

static void
test_rule_frecency(const char *dir)
{
	char *path = xasprintf("%s/history-search", dir);
	struct history *h = history_load(path, NULL);
	struct catalog *cat = catalog_create();
	add(cat, "a/calendar", "Open Calendar", "ext:a", "A");
	add(cat, "a/chrome", "Open Chromium", "ext:a", "A");
	add(cat, "a/cal", "Calculator", "ext:a", "A");
	add(cat, "a/scatter", "Camera Archive Log", "ext:a", "A");
	for (int i = 0; i < 5; i++)
		history_record(h, "a/chrome", NOW - 60, NULL);
	for (int i = 0; i < 50; i++)
		history_record(h, "a/scatter", NOW - 60, NULL);

	struct search_results *res = run(cat, NULL, "o", 10);
	is_str(nth_id(res, 0), "a/calendar", "rule 3 (frecency): without history, catalog order");
	search_results_free(res);
	res = run(cat, h, "o", 10);
	is_str(nth_id(res, 0), "a/chrome",
	       "rule 3: frecency lifts the item used often among similar matches");
	ok(res->r[0].frecency > 0 && res->r[0].score > res->r[1].score,
	   "rule 3: the boost shows in the score");
	search_results_free(res);
	res = run(cat, h, "calc", 10);
	is_str(nth_id(res, 0), "a/cal",
	       "rule 3: frecency does not lift a poor match over a much better one");
	search_results_free(res);
	ok(search_frecency_boost(1e12) < 1 && search_frecency_boost(0) == 0 &&
		   search_frecency_boost(SEARCH_FRECENCY_HALF) == 0.5,
	   "rule 3: the boost is below 1, half at SEARCH_FRECENCY_HALF");
	history_free(h);
	free(path);
	catalog_free(cat);
}

static void
test_rule_ties(void)
{
	struct catalog *cat = catalog_create();
	add(cat, "one/a", "Open", "ext:one", "One");
	add(cat, "two/a", "Open", "ext:two", "Two");
	add(cat, "three/a", "Open", "ext:three", "Three");
	struct search_results *res = run(cat, NULL, "op", 10);
	ok(res->n == 3 && strcmp(nth_id(res, 0), "one/a") == 0 &&
		   strcmp(nth_id(res, 1), "two/a") == 0 && strcmp(nth_id(res, 2), "three/a") == 0,
	   "rule 4 (ties): equal scores keep catalog order");
	search_results_free(res);
	catalog_free(cat);
}

static void
test_rule_empty_query(const char *dir)
{
	char *path = xasprintf("%s/history-empty", dir);
	struct history *h = history_load(path, NULL);
	struct catalog *cat = catalog_create();
	add(cat, "ext1/a", "A1", "ext:one", "One");
	add(cat, "ext1/b", "B1", "ext:one", "One");
	add(cat, "ext2/a", "A2", "ext:two", "Two");
	add(cat, "rem/a", "R1", "remote:r", "R");
	history_record(h, "rem/a", NOW - 10, NULL);
	history_record(h, "ext2/a", NOW - 10, NULL);
	history_record(h, "ext2/a", NOW - 10, NULL);

	struct search_results *res = run(cat, h, "", 0);
	ok(res->n == 4 && strcmp(nth_id(res, 0), "ext2/a") == 0 &&
		   strcmp(nth_id(res, 1), "rem/a") == 0,
	   "rule 5 (empty query): frecent items first, most frecent first");
	ok(res->n == 4 && strcmp(nth_id(res, 2), "ext1/a") == 0 &&
		   strcmp(nth_id(res, 3), "ext1/b") == 0,
	   "rule 5: then the rest in catalog order (grouped by source)");
	ok(res->r[0].score > res->r[1].score && res->r[3].score == 0,
	   "rule 5: scores are the boost, 0 for never used");
	is_int(res->matches, 4, "rule 5: every item counts as a match");
	search_results_free(res);
	res = run(cat, h, "", 3);
	is_int(res->n, 3, "rule 5: the limit applies");
	search_results_free(res);
	res = run(cat, NULL, "", 0);
	is_str(nth_id(res, 0), "ext1/a", "rule 5: no history: catalog order");
	search_results_free(res);
	history_free(h);
	free(path);
	catalog_free(cat);
}

static void
test_rule_words(void)
{
	struct catalog *cat = catalog_create();
	add(cat, "chrome/history", "Search History", "ext:chrome", "Chrome");
	add(cat, "cleanshot/history", "Open History", "ext:cleanshot", "CleanShot X");
	add(cat, "chrome/tabs", "Search Tabs", "ext:chrome", "Chrome");
	struct item *al = add(cat, "git/log", "Show Log", "ext:git", "Git");
	item_set(&al->alias, "g l");
	struct search_results *res = run(cat, NULL, "chrome history", 10);
	ok(res->n == 1 && strcmp(nth_id(res, 0), "chrome/history") == 0,
	   "rule 6 (words): every word must match, each in any field (group + title)");
	double one = 0;
	struct search_results *a = run(cat, NULL, "chrome", 10), *b = run(cat, NULL, "history", 10);
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->r[i].item->id, "chrome/history") == 0)
			one += a->r[i].score;
	for (size_t i = 0; i < b->n; i++)
		if (strcmp(b->r[i].item->id, "chrome/history") == 0)
			one += b->r[i].score;
	is_double(res->r[0].score, one, "rule 6: the score is the sum of the words' scores");
	ok(res->r[0].n_positions == 7 && res->r[0].positions[0] == 7,
	   "rule 6: positions highlight the words found in the title");
	search_results_free(a);
	search_results_free(b);
	search_results_free(res);
	res = run(cat, NULL, "history chrome", 10);
	ok(res->n == 1 && strcmp(nth_id(res, 0), "chrome/history") == 0,
	   "rule 6: word order does not matter");
	search_results_free(res);
	res = run(cat, NULL, "  history  ", 10);
	is_int(res->matches, 2, "rule 6: spaces around one word do not count");
	search_results_free(res);
	res = run(cat, NULL, "   ", 10);
	is_int(res->matches, 4, "rule 6: only spaces is the empty query");
	search_results_free(res);
	res = run(cat, NULL, "history zzz", 10);
	ok(res->n == 0 && res->matches == 0, "rule 6: one word matching nowhere, no results");
	search_results_free(res);
	res = run(cat, NULL, "G  L", 10);
	ok(res->n >= 1 && strcmp(nth_id(res, 0), "git/log") == 0 &&
		   res->r[0].field == SEARCH_FIELD_ALIAS_EXACT,
	   "rule 6: an alias with a space is exact against the words joined by one space");
	search_results_free(res);
	catalog_free(cat);
}

static void
test_positions_and_limits(void)
{
	struct catalog *cat = catalog_create();
	struct item *it = add(cat, "x/app", "app/models/order", "ext:x", "X");
	item_add_keyword(it, "amor");
	add(cat, "x/other", "nothing here", "ext:x", "X");
	struct item *kw = add(cat, "x/kw", "Unrelated", "ext:x", "X");
	item_add_keyword(kw, "amor fati");
	struct search_results *res = run(cat, NULL, "amor", 10);
	ok(res->n >= 1 && res->r[0].n_positions == 4 && res->r[0].positions[0] == 0 &&
		   res->r[0].positions[1] == 4 && res->r[0].positions[2] == 11 &&
		   res->r[0].positions[3] == 12,
	   "positions: the title's match positions, as fzy highlights them");
	ok(res->n == 2 && res->r[1].positions == NULL && res->r[1].n_positions == 0,
	   "positions: none when only another field matched");
	search_results_free(res);
	res = run(cat, NULL, "a", 1);
	ok(res->n == 1 && res->matches == 2, "limit: results are cut, the match count is not");
	search_results_free(res);

	/* A title over fzy's 1024-byte limit matches but has no positions. */
	char *big = xmalloc(2001);
	memset(big, 'b', 2000);
	big[0] = 'q';
	big[2000] = '\0';
	add(cat, "x/big", big, "ext:x", "X");
	res = run(cat, NULL, "qb", 10);
	ok(res->n == 1 && res->r[0].positions == NULL, "positions: none past 1024 bytes");
	search_results_free(res);
	free(big);
	catalog_free(cat);
}

/* ---- random catalogs against the rules, brute force ---- */

static const char *const words[] = {"open", "Capture", "area", "git", "Log",    "cal",
				    "x",    "a-b",     "c_d",  "é",   "Deploy", "tabs"};

static char *
random_text(struct rng *r, int max_words)
{
	int n = 1 + (int)rng_below(r, (uint32_t)max_words);
	char buf[256] = "";
	for (int i = 0; i < n; i++) {
		if (i)
			strcat(buf, rng_below(r, 2) ? " " : "/");
		strcat(buf, words[rng_below(r, nitems(words))]);
	}
	return xstrdup(buf);
}

struct ref_row {
	int tier;
	double score;
	size_t index;
};

static int
cmp_ref(const void *a, const void *b)
{
	const struct ref_row *x = a, *y = b;
	if (x->tier != y->tier)
		return x->tier > y->tier ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->index < y->index ? -1 : x->index > y->index;
}

static double
ref_field(const char *q, size_t ql, const char *s, double w, int *any)
{
	if (s == NULL || *s == '\0' || !ref_has_match(q, ql, s, strlen(s)))
		return SCORE_MIN;
	double sc = ref_score(q, ql, s, strlen(s), NULL);
	if (sc == SCORE_MAX)
		sc = (double)ql + 1.0;
	*any = 1;
	return sc + w;
}

static void
test_random_catalogs(const char *dir)
{
	struct rng r = {2024};
	char *path = xasprintf("%s/history-random", dir);
	struct history *h = history_load(path, NULL);
	struct catalog *cat = catalog_create();
	for (int i = 0; i < 1500; i++) {
		char id[32];
		snprintf(id, sizeof id, "e%d/i%d", i % 7, i);
		char *title = random_text(&r, 3);
		struct item *it = add(cat, id, title, "ext:e", "E");
		free(title);
		if (rng_below(&r, 4) == 0) {
			char *t = random_text(&r, 1);
			item_set(&it->alias, t);
			free(t);
		}
		for (int k = (int)rng_below(&r, 3); k > 0; k--) {
			char *t = random_text(&r, 2);
			item_add_keyword(it, t);
			free(t);
		}
		if (rng_below(&r, 2)) {
			char *t = random_text(&r, 4);
			item_set(&it->subtitle, t);
			free(t);
		}
		char *g = random_text(&r, 1);
		item_set(&it->group, g);
		free(g);
		if (rng_below(&r, 10) == 0)
			for (int k = (int)rng_below(&r, 4); k >= 0; k--)
				history_record(h, id, NOW - (time_t)rng_below(&r, 100 * 86400),
					       NULL);
	}
	struct search_index *ix = search_index_create(cat, h, NOW, 2);
	struct search_session *s = search_session_create(ix);
	int bad = 0, runs = 0, multi = 0;
	char typed[32] = "";
	for (int t = 0; t < 400; t++) {
		/* type, backspace or start over */
		size_t tl = strlen(typed);
		unsigned what = rng_below(&r, 6);
		if (what < 3 && tl < 8) {
			const char *w = words[rng_below(&r, nitems(words))];
			/* now and then a space: several words (rule 6) */
			typed[tl] =
				rng_below(&r, 5) == 0 ? ' ' : w[rng_below(&r, (uint32_t)strlen(w))];
			typed[tl + 1] = '\0';
		} else if (what < 5 && tl > 0) {
			typed[tl - 1] = '\0';
		} else {
			typed[0] = '\0';
		}
		/* the words, and the query as the alias rule sees them */
		char joined[32] = "", wordv[8][32];
		size_t nw = 0;
		for (const char *p = typed; *p;) {
			while (*p == ' ')
				p++;
			size_t wl = strcspn(p, " ");
			if (wl > 0) {
				memcpy(wordv[nw], p, wl);
				wordv[nw][wl] = '\0';
				if (nw > 0)
					strcat(joined, " ");
				strcat(joined, wordv[nw]);
				nw++;
			}
			p += wl;
		}
		const char *q = joined;
		size_t ql = strlen(q);
		if (ql == 0)
			continue;
		struct ref_row *rows = xcalloc(cat->n, sizeof *rows);
		size_t nr = 0;
		char *lower = xstrdup(q);
		for (char *p = lower; *p; p++)
			if (*p >= 'A' && *p <= 'Z')
				*p = (char)(*p + 32);
		for (size_t i = 0; i < cat->n; i++) {
			const struct item *it = cat->items[i];
			double boost = search_frecency_boost(history_score(h, it->id, NOW));
			char *al = it->alias != NULL ? xstrdup(it->alias) : NULL;
			for (char *p = al; p != NULL && *p; p++)
				if (*p >= 'A' && *p <= 'Z')
					*p = (char)(*p + 32);
			if (al != NULL && strcmp(al, lower) == 0) {
				rows[nr++] = (struct ref_row){1, boost, i};
				free(al);
				continue;
			}
			free(al);
			double total = 0;
			int all = 1;
			for (size_t wi = 0; wi < nw && all; wi++) {
				const char *wq = wordv[wi];
				size_t wl = strlen(wq);
				int any = 0;
				double best = ref_field(wq, wl, it->title, 0, &any), v;
				if ((v = ref_field(wq, wl, it->alias, -1, &any)) > best)
					best = v;
				for (size_t k = 0; k < it->keywords.n; k++)
					if ((v = ref_field(wq, wl, it->keywords.v[k], -1, &any)) >
					    best)
						best = v;
				if ((v = ref_field(wq, wl, it->subtitle, -2, &any)) > best)
					best = v;
				if ((v = ref_field(wq, wl, it->group, -2, &any)) > best)
					best = v;
				all = any;
				total += best;
			}
			if (all)
				rows[nr++] = (struct ref_row){0, total + boost, i};
		}
		free(lower);
		qsort(rows, nr, sizeof *rows, cmp_ref);
		struct search_results *res = search_run(s, typed, strlen(typed), 15);
		runs++;
		multi += nw > 1;
		int same = res != NULL && res->matches == nr && res->n == (nr < 15 ? nr : 15);
		for (size_t k = 0; same && k < res->n; k++)
			if (res->r[k].index != rows[k].index ||
			    (rows[k].tier == 0 && res->r[k].score != rows[k].score))
				same = 0;
		if (!same && bad++ < 3)
			diag("search differs from the rules for '%s'", typed);
		search_results_free(res);
		free(rows);
	}
	ok(bad == 0,
	   "random catalogs: a typing session equals the rules computed by brute force "
	   "(%d queries, %d differ)",
	   runs, bad);
	ok(multi >= 10, "random catalogs: %d of them had several words", multi);
	search_session_free(s);
	search_index_free(ix);
	history_free(h);
	free(path);
	catalog_free(cat);
}

int
main(void)
{
	const char *dir = tap_sandbox();
	test_rule_exact_alias_first();
	test_rule_fields();
	test_rule_frecency(dir);
	test_rule_ties();
	test_rule_empty_query(dir);
	test_rule_words();
	test_positions_and_limits();
	test_random_catalogs(dir);
	tap_sandbox_remove(dir);
	return done_testing();
}
