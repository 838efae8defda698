/*
 * Launch history and frecency: $XDG_STATE_HOME/chitty/history.
 *
 * Whoever runs an item (the executor, the launcher) calls history_record
 * with the item's id; the ranking asks history_score.  Frecency is
 * Firefox's: how often an item was used, times how recent its last uses
 * were, by buckets:
 *
 *   score = uses * mean(weight(age) over the last HISTORY_SAMPLES uses)
 *   weight: within an hour 120, a day 100, 4 days 80, 2 weeks 60,
 *           a month 40, 90 days 20, older 10
 *
 * Bounded: at most HISTORY_MAX_ENTRIES items (the lowest scores go first);
 * when the uses of all items add up to more than HISTORY_MAX_USES, every
 * count is multiplied by 0.9 and items that reach 0 are forgotten (aging,
 * as zoxide does), so old habits fade.
 *
 * The file is text, one item per line ("ID<TAB>USES<TAB>T1,T2,..." with
 * Unix times, newest first) under a "# chitty history 1" header.  Lines
 * that do not parse are skipped, so a damaged file loses only those lines;
 * the next history_record rewrites it clean.  Every write is atomic
 * (file_write_atomic, mode 0600), and history_record re-reads the file
 * under a lock first, so two chitty processes recording at once both count.
 *
 * Not thread-safe: one owner (the launcher's UI thread, or a CLI command).
 */
#ifndef CHITTY_HISTORY_H
#define CHITTY_HISTORY_H

#include <stddef.h>
#include <time.h>

#define HISTORY_SAMPLES     10
#define HISTORY_MAX_ENTRIES 1000
#define HISTORY_MAX_USES    10000

struct history;

/* $XDG_STATE_HOME/chitty/history (a new string). */
char *history_default_path(void);

/*
 * Load path (NULL: the default).  Never NULL: a missing file is an empty
 * history; a file that cannot be read gives an empty history and *cause
 * (for a warning; recording will still try to write).  Damaged lines are
 * skipped and counted (history_skipped).
 */
struct history *history_load(const char *path, char **cause);
void history_free(struct history *h);

/*
 * One use of item `id` at time `now`: updates h and the file.  0, or -1
 * with *cause set (h is still updated, so this session ranks as if it had
 * been saved).  An id that is empty or holds a control character is
 * refused (-1).
 */
int history_record(struct history *h, const char *id, time_t now, char **cause);

/* Frecency of id at `now` (0 for an item never used). */
double history_score(const struct history *h, const char *id, time_t now);
/* Recorded uses of id (after aging). */
unsigned long history_uses(const struct history *h, const char *id);

size_t history_count(const struct history *h);
size_t history_skipped(const struct history *h);

#endif
