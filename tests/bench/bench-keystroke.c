/*
 * The launcher's typing speed, in process: queries typed one character at
 * a time into a rank_session (a screenful, top-K) and into search_run (the
 * launcher's ranking over catalog items), at 100k and 1M candidates.
 * Prints per-keystroke times (median, p90, max).  A benchmark, not a test:
 * `make` builds it, nothing runs it but you.
 *
 *   tests/bench/bench-keystroke [-r REPS] [-k K] [-j WORKERS] [-s SIZES] [-m rank|search]
 *                               [FILE]
 *
 * FILE holds one candidate per line (tests/bench/filter.py writes a 1M-line
 * path corpus to _build/bench/paths-1m.txt); without it, paths are made up
 * from a fixed seed.  SIZES is a comma-separated list of counts (default
 * 100000,1000000): the first N lines of FILE.
 *
 * Targets (issue 4): median <= 8 ms at 100k, <= 50 ms at 1M, on 2 cores.
 */
#include "build-config.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "catalog.h"
#include "fileio.h"
#include "item.h"
#include "rank.h"
#include "search.h"
#include "strbuf.h"
#include "xmalloc.h"

static const char *const queries[] = {"sharedoc", "pyth3site", "libc", "usrbinpy",
				      "readme",   "zqxj",      "gtk3", "localeutf"};

static double
now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Made-up paths, as `find /usr` under a few prefixes looks. */
static char *
synthetic(size_t n, size_t *len)
{
	static const char *const pre[] = {"", "/home/alice/src", "/srv/mirror", "/opt/tools"};
	static const char *const w[] = {
		"usr",     "share",    "doc",      "lib",       "python3", "dist-packages",
		"bin",     "include",  "local",    "locale",    "man",     "man1",
		"icons",   "hicolor",  "48x48",    "apps",      "gtk-3.0", "x86_64-linux-gnu",
		"perl5",   "zoneinfo", "Europe",   "README",    "LICENSE", "changelog.Debian.gz",
		"libc.so", "site",     "fonts",    "truetype",  "de",      "LC_MESSAGES",
		"utf8.mo", "config",   "__init__", "test_x.py", "core",    "gconv"};
	struct strbuf sb = STRBUF_INIT;
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	for (size_t i = 0; i < n; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		sb_add(&sb, pre[x % nitems(pre)]);
		int depth = 2 + (int)((x >> 8) % 7);
		for (int d = 0; d < depth; d++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			sb_addc(&sb, '/');
			sb_add(&sb, w[x % nitems(w)]);
		}
		sb_addc(&sb, '\n');
	}
	*len = sb.len;
	return sb_detach(&sb);
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

struct stats {
	double *t;
	size_t n, cap;
};

static void
stats_add(struct stats *s, double ms)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 256;
		s->t = xreallocarray(s->t, s->cap, sizeof *s->t);
	}
	s->t[s->n++] = ms;
}

static void
stats_print(const char *what, size_t n, struct stats *s, double target)
{
	qsort(s->t, s->n, sizeof *s->t, cmp_double);
	double med = s->t[s->n / 2], p90 = s->t[s->n * 9 / 10], max = s->t[s->n - 1];
	printf("%-14s %9zu %6zu %9.2f %9.2f %9.2f   %s (median <= %.0f ms)\n", what, n, s->n, med,
	       p90, max, med <= target ? "met" : "MISSED", target);
	s->n = 0;
}

/* Type every query, one character at a time, reps times; one session per query. */
static void
bench_rank(const struct rank_index *ix, int workers, size_t k, int reps, struct stats *st)
{
	struct rank_options opt = {.workers = workers};
	struct rank_result *top = xcalloc(k, sizeof *top);
	for (int r = 0; r < reps; r++)
		for (size_t q = 0; q < nitems(queries); q++) {
			struct rank_session *s = rank_session_create(ix, &opt);
			size_t qlen = strlen(queries[q]), n_top;
			for (size_t i = 1; i <= qlen; i++) {
				double t0 = now_ms();
				rank_session_search(s, queries[q], i, k, top, &n_top);
				stats_add(st, now_ms() - t0);
			}
			rank_session_free(s);
		}
	free(top);
}

static void
bench_search(const struct search_index *ix, size_t k, int reps, struct stats *st)
{
	for (int r = 0; r < reps; r++)
		for (size_t q = 0; q < nitems(queries); q++) {
			struct search_session *s = search_session_create(ix);
			size_t qlen = strlen(queries[q]);
			for (size_t i = 1; i <= qlen; i++) {
				double t0 = now_ms();
				struct search_results *res = search_run(s, queries[q], i, k);
				stats_add(st, now_ms() - t0);
				search_results_free(res);
			}
			search_session_free(s);
		}
}

static void
usage(void)
{
	fprintf(stderr, "usage: bench-keystroke [-r REPS] [-k K] [-j WORKERS] [-s N,N...] "
			"[-m rank|search] [FILE]\n");
	exit(2);
}

int
main(int argc, char **argv)
{
	int reps = 3, workers = 0, opt, do_rank = 1, do_search = 1;
	size_t k = 50, sizes[8] = {100000, 1000000}, nsizes = 2;
	char *cause = NULL;

	while ((opt = getopt(argc, argv, "r:k:j:s:m:")) != -1) {
		switch (opt) {
		case 'r':
			reps = atoi(optarg);
			break;
		case 'k':
			k = (size_t)atol(optarg);
			break;
		case 'j':
			workers = atoi(optarg);
			break;
		case 's':
			nsizes = 0;
			for (char *p = optarg; *p != '\0' && nsizes < nitems(sizes);) {
				sizes[nsizes++] = (size_t)strtoul(p, &p, 10);
				if (*p == ',')
					p++;
			}
			break;
		case 'm':
			do_rank = strcmp(optarg, "rank") == 0;
			do_search = strcmp(optarg, "search") == 0;
			break;
		default:
			usage();
		}
	}
	if (reps < 1 || k < 1 || argc - optind > 1 || (!do_rank && !do_search))
		usage();

	size_t max = 0;
	for (size_t i = 0; i < nsizes; i++)
		if (sizes[i] > max)
			max = sizes[i];
	size_t len;
	char *buf;
	if (optind < argc) {
		buf = file_read_all(argv[optind], &len, (size_t)4 << 30, &cause);
		if (buf == NULL) {
			fprintf(stderr, "bench-keystroke: %s\n", cause);
			return 1;
		}
	} else {
		buf = synthetic(max, &len);
	}
	size_t *offs, *lens, total = rank_split_lines(buf, len, '\n', &offs, &lens);
	for (size_t i = 0; i < total; i++)
		buf[offs[i] + lens[i]] = '\0'; /* items want C strings */
	const char **strs = xcalloc(total + 1, sizeof *strs);
	for (size_t i = 0; i < total; i++)
		strs[i] = buf + offs[i];

	printf("keystrokes: %zu queries typed one character at a time, %d times each; top %zu; "
	       "%d workers\n",
	       nitems(queries), reps, k, rank_workers(workers));
	printf("%-14s %9s %6s %9s %9s %9s\n", "", "items", "keys", "median ms", "p90 ms", "max ms");
	struct stats st = {0};
	for (size_t si = 0; si < nsizes; si++) {
		size_t n = sizes[si] < total ? sizes[si] : total;
		double target = n <= 100000 ? 8 : 50;

		double t0 = now_ms(), build = 0, sbuild = 0;
		if (do_rank) {
			struct rank_index *rix = rank_index_create(n, strs, lens, workers);
			build = now_ms() - t0;
			bench_rank(rix, workers, k, reps, &st);
			stats_print("rank_session", n, &st, target);
			rank_index_free(rix);
		}
		if (!do_search)
			continue;

		/* Launcher items: the file name as title, the path as subtitle. */
		struct catalog *cat = catalog_create();
		for (size_t i = 0; i < n; i++) {
			const char *slash = strrchr(strs[i], '/');
			char id[32];
			snprintf(id, sizeof id, "bench/%zu", i);
			struct item *it =
				item_create(id, "file", slash != NULL ? slash + 1 : strs[i]);
			item_set(&it->subtitle, strs[i]);
			item_set(&it->source, "ext:bench");
			item_set(&it->group, "Bench");
			catalog_add(cat, it);
		}
		t0 = now_ms();
		struct search_index *six = search_index_create(cat, NULL, time(NULL), workers);
		sbuild = now_ms() - t0;
		bench_search(six, k, reps, &st);
		stats_print("search_run", n, &st, target);
		printf("%-14s index build: rank %.0f ms, search %.0f ms\n", "", build, sbuild);
		search_index_free(six);
		catalog_free(cat);
	}
	free(st.t);
	free(strs);
	free(offs);
	free(lens);
	free(buf);
	return 0;
}
