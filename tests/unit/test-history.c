/* Launch history: frecency buckets, bounds, aging, damaged files, atomic writes. */
#include "build-config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "history.h"
#include "tap.h"
#include "xmalloc.h"

#define T0   1700000000
#define HOUR 3600
#define DAY  86400

static void
write_file(const char *path, const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	fwrite(text, 1, len, f);
	fclose(f);
}

static int
count_files(const char *dir)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *de;
	while (d != NULL && (de = readdir(d)) != NULL)
		if (de->d_name[0] != '.')
			n++;
	if (d != NULL)
		closedir(d);
	return n;
}

static void
test_basics(void)
{
	char *cause = NULL;
	char *path = history_default_path();
	ok(strstr(path, "/state/chitty/history") != NULL,
	   "history lives in $XDG_STATE_HOME/chitty");

	struct history *h = history_load(NULL, &cause);
	ok(h != NULL && cause == NULL && history_count(h) == 0,
	   "a missing file is an empty history");
	is_double(history_score(h, "x/y", T0), 0, "an unknown item scores 0");

	ok(history_record(h, "cleanshot/capture-area", T0, &cause) == 0, "record an item");
	struct stat st;
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "the file is written 0600");
	char *dir = xstrdup(path);
	*strrchr(dir, '/') = '\0';
	ok(stat(dir, &st) == 0 && (st.st_mode & 0777) == 0700, "its folder is created 0700");
	is_int(count_files(dir), 2, "no temporary file is left behind (history and its lock)");
	history_free(h);

	h = history_load(NULL, &cause);
	is_int(history_uses(h, "cleanshot/capture-area"), 1, "a reload sees the use");
	is_double(history_score(h, "cleanshot/capture-area", T0 + 30 * 60), 120,
		  "bucket: within an hour weighs 120");
	is_double(history_score(h, "cleanshot/capture-area", T0 + 2 * HOUR), 100,
		  "bucket: within a day weighs 100");
	is_double(history_score(h, "cleanshot/capture-area", T0 + 3 * DAY), 80,
		  "bucket: within 4 days weighs 80");
	is_double(history_score(h, "cleanshot/capture-area", T0 + 10 * DAY), 60,
		  "bucket: within 2 weeks weighs 60");
	is_double(history_score(h, "cleanshot/capture-area", T0 + 20 * DAY), 40,
		  "bucket: within a month weighs 40");
	is_double(history_score(h, "cleanshot/capture-area", T0 + 60 * DAY), 20,
		  "bucket: within 90 days weighs 20");
	is_double(history_score(h, "cleanshot/capture-area", T0 + 200 * DAY), 10,
		  "bucket: older weighs 10");
	is_double(history_score(h, "cleanshot/capture-area", T0 - DAY), 120,
		  "a use in the future (clock skew) counts as just now");

	history_record(h, "cleanshot/capture-area", T0 + 20 * DAY, NULL);
	/* 2 uses, samples aged 0 (120) and 20 days (40): 2 * 80 */
	is_double(history_score(h, "cleanshot/capture-area", T0 + 20 * DAY), 160,
		  "frecency is uses times the mean bucket weight of the recent uses");
	for (int i = 0; i < 20; i++)
		history_record(h, "often/used", T0 + i, NULL);
	is_int(history_uses(h, "often/used"), 20, "every use counts");
	ok(history_score(h, "often/used", T0 + 100) >
		   history_score(h, "cleanshot/capture-area", T0 + 100),
	   "an item used more often scores higher");

	ok(history_record(h, "", T0, &cause) == -1 && cause != NULL, "an empty id is refused");
	free(cause);
	cause = NULL;
	ok(history_record(h, "a\tb", T0, &cause) == -1, "an id with a tab is refused");
	free(cause);
	cause = NULL;
	ok(history_record(h, "a\nb", T0, &cause) == -1, "an id with a newline is refused");
	free(cause);
	cause = NULL;
	history_free(h);
	free(dir);
	free(path);
}

static void
test_samples_file_format(const char *dir)
{
	char *path = xasprintf("%s/hist-samples", dir);
	struct history *h = history_load(path, NULL);
	for (int i = 0; i < 15; i++)
		history_record(h, "x/y", T0 + i, NULL);
	size_t len;
	char *text = file_read_all(path, &len, 0, NULL);
	ok(text != NULL && strncmp(text, "# chitty history 1", 18) == 0, "the file has a header");
	ok(text != NULL && strstr(text, "x/y\t15\t1700000014,1700000013,") != NULL,
	   "a line is id, uses, newest times first");
	int commas = 0;
	char *data = text != NULL ? strchr(text, '\n') : NULL;
	for (char *p = data; p != NULL && *p; p++)
		commas += *p == ',';
	is_int(commas, HISTORY_SAMPLES - 1, "only the last 10 uses are kept as samples");
	free(text);
	history_free(h);
	free(path);
}

/* history_load of the file arg as a tap_unprivileged check: empty, with a cause. */
static int
check_unreadable_history(void *arg, char *msg, size_t size)
{
	char *cause = NULL;
	struct history *h = history_load(arg, &cause);
	snprintf(msg, size, "%s", cause != NULL ? cause : "no cause");
	int passed = h != NULL && history_count(h) == 0 && cause != NULL;
	free(cause);
	history_free(h);
	return passed;
}

/* The control: the same file with its permissions loads without a cause. */
static int
check_readable_history(void *arg, char *msg, size_t size)
{
	char *cause = NULL;
	struct history *h = history_load(arg, &cause);
	snprintf(msg, size, "%zu entries%s%s", h != NULL ? history_count(h) : 0,
		 cause != NULL ? ", " : "", cause != NULL ? cause : "");
	int passed = h != NULL && cause == NULL;
	free(cause);
	history_free(h);
	return passed;
}

static void
test_damaged(const char *dir)
{
	char *path = xasprintf("%s/hist-damaged", dir);
	const char bad[] = "# chitty history 1\n"
			   "good/one\t3\t1700000000,1699990000\n"
			   "no tabs at all\n"
			   "neg/count\t-4\t1700000000\n"
			   "zero/count\t0\t1700000000\n"
			   "huge/count\t99999999999999999999\t1700000000\n"
			   "bad/time\t2\tyesterday\n"
			   "no/times\t2\t\n"
			   "good/one\t9\t1700000000\n"
			   "\x01\x02\xff\xfe garbage\t1\t1\n"
			   "with\0nul\t1\t1700000000\n"
			   "good/two\t1\t1700000000";
	write_file(path, bad, sizeof bad - 1);
	char *cause = NULL;
	struct history *h = history_load(path, &cause);
	ok(cause == NULL, "a damaged file loads without an error");
	is_int(history_count(h), 2, "the valid lines are kept");
	is_int(history_uses(h, "good/one"), 3, "a duplicate line does not replace the first");
	is_int(history_uses(h, "good/two"), 1, "a last line without a newline is read");
	is_int(history_skipped(h), 9, "every damaged line is skipped and counted");
	ok(history_record(h, "good/two", T0, NULL) == 0, "recording over a damaged file works");
	history_free(h);
	h = history_load(path, NULL);
	is_int(history_skipped(h), 0, "the next write leaves a clean file");
	is_int(history_uses(h, "good/two"), 2, "... with the new use");
	history_free(h);

	/* Binary garbage from end to end. */
	char junk[4096];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)(i * 131 + 7);
	write_file(path, junk, sizeof junk);
	h = history_load(path, NULL);
	is_int(history_count(h), 0, "a file of binary garbage is an empty history");
	history_free(h);

	/* As nobody when root: root reads any file. */
	char msg[1024];
	int r = tap_unprivileged(dir, check_readable_history, path, msg, sizeof msg);
	if (r < 0)
		skip("an unreadable file", msg);
	else {
		ok(r == 1, "the file read by its owner: %s", msg);
		chmod(path, 0);
		r = tap_unprivileged(dir, check_unreadable_history, path, msg, sizeof msg);
		ok(r == 1, "an unreadable file: an empty history and a cause for a warning: %s",
		   msg);
		chmod(path, 0600);
	}
	free(path);
}

static void
test_bounds(const char *dir)
{
	char *path = xasprintf("%s/hist-bounds", dir);
	struct history *h = history_load(path, NULL);
	/* A full history of old items with 1 to 5 uses. */
	FILE *f = fopen(path, "w");
	fprintf(f, "# chitty history 1\n");
	for (int i = 0; i < HISTORY_MAX_ENTRIES; i++)
		fprintf(f, "old/%d\t%d\t%d\n", i, 1 + i % 5, T0 - 400 * DAY);
	fclose(f);
	history_free(h);
	h = history_load(path, NULL);
	is_int(history_count(h), HISTORY_MAX_ENTRIES, "a full history loads");
	history_record(h, "new/item", T0, NULL);
	is_int(history_count(h), HISTORY_MAX_ENTRIES,
	       "the history never holds more than 1000 items");
	is_int(history_uses(h, "new/item"), 1, "the item just used is kept");
	int ones = 0;
	for (int i = 0; i < HISTORY_MAX_ENTRIES; i += 5) {
		char id[32];
		snprintf(id, sizeof id, "old/%d", i);
		ones += history_uses(h, id) == 1;
	}
	is_int(ones, HISTORY_MAX_ENTRIES / 5 - 1, "one of the lowest-scored items made room");
	is_int(history_uses(h, "old/4"), 5, "higher-scored items stay");
	history_free(h);

	/* Aging: uses over 10,000 in all are scaled by 0.9; ones reaching 0 go. */
	f = fopen(path, "w");
	fprintf(f, "big/a\t9000\t%d\nbig/b\t1000\t%d\nsmall/c\t1\t%d\n", T0, T0, T0);
	fclose(f);
	h = history_load(path, NULL);
	history_record(h, "big/a", T0, NULL);
	is_int(history_uses(h, "big/a"), 8100, "aging scales counts by 0.9 past 10,000 uses");
	is_int(history_uses(h, "big/b"), 900, "aging applies to every item");
	is_int(history_uses(h, "small/c"), 0, "an item aged to 0 uses is forgotten");
	is_int(history_count(h), 2, "... and leaves the file");
	history_free(h);
	free(path);
}

static void
test_two_writers(const char *dir)
{
	char *path = xasprintf("%s/hist-two", dir);
	struct history *a = history_load(path, NULL), *b = history_load(path, NULL);
	history_record(a, "from/a", T0, NULL);
	history_record(b, "from/b", T0, NULL);
	ok(history_uses(b, "from/a") == 1 && history_uses(b, "from/b") == 1,
	   "a second process's record keeps the first one's (re-read under a lock)");
	history_free(a);
	history_free(b);
	struct history *c = history_load(path, NULL);
	is_int(history_count(c), 2, "both uses are in the file");
	history_free(c);
	free(path);
}

int
main(void)
{
	const char *dir = tap_sandbox();
	test_basics();
	test_samples_file_format(dir);
	test_damaged(dir);
	test_bounds(dir);
	test_two_writers(dir);
	history_free(NULL);
	ok(1, "history_free(NULL) is safe");
	tap_sandbox_remove(dir);
	return done_testing();
}
