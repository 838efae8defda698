/*
 * The launcher: setup, the event loop and teardown.
 *
 * One thread draws and reads keys; it never waits for anything slow.  It
 * polls the terminal, a wake-up pipe and the running job's output.  The
 * pipe wakes it for: results from the search thread (searcher.h), remote
 * refreshes (remote.h), messages (msg.h, shown as toasts) and signals
 * (SIGWINCH redraws, SIGINT/SIGTERM/SIGHUP quit with 128+N).  The first
 * frame comes from the snapshot (snapshot.h) when there is one, so it is
 * complete before the catalog is loaded; keys that act on items wait for
 * the catalog.
 *
 * The terminal is restored on every way out: normal exit, error, signal,
 * and fatal() (tui.c's hook).
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "catalog.h"
#include "config.h"
#include "history.h"
#include "item.h"
#include "keyreader.h"
#include "launcher.h"
#include "msg.h"
#include "registry.h"
#include "remote.h"
#include "search.h"
#include "searcher.h"
#include "signals.h"
#include "snapshot.h"
#include "strv.h"
#include "trace.h"
#include "ui.h"
#include "xmalloc.h"

#define ESC_TIMEOUT_MS 25
#define TOAST_INFO_NS  (3LL * 1000000000LL)
#define TOAST_ERROR_NS (6LL * 1000000000LL)
#define INPUT_MAX      (KEYS_PASTE_MAX + 65536)
#define MAX_JOB_FDS    8

/* Messages from any thread (the search thread warns while loading) become toasts. */
static pthread_mutex_t msg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct strv msg_texts = STRV_INIT;
static struct strv msg_levels = STRV_INIT;

static void
msg_to_toast(enum msg_level level, const char *text, void *arg)
{
	int fd = *(int *)arg;
	pthread_mutex_lock(&msg_lock);
	strv_push(&msg_texts, text);
	strv_push(&msg_levels, level == MSG_ERROR ? "e" : level == MSG_WARNING ? "w" : "i");
	pthread_mutex_unlock(&msg_lock);
	char b = 'm';
	ssize_t w = write(fd, &b, 1);
	(void)w;
}

static void
take_messages(struct ui *ui)
{
	pthread_mutex_lock(&msg_lock);
	for (size_t i = 0; i < msg_texts.n; i++) {
		int err = msg_levels.v[i][0] != 'i';
		/* an error toast is not replaced by a later information */
		if (err || ui->toast == NULL || ui->toast_level != TOAST_ERROR ||
		    trace_now_ns() >= ui->toast_until)
			ui_toast(ui, err ? TOAST_ERROR : TOAST_INFO, "%s%s",
				 msg_levels.v[i][0] == 'w' ? "warning: " : "", msg_texts.v[i]);
	}
	strv_free(&msg_texts);
	strv_free(&msg_levels);
	pthread_mutex_unlock(&msg_lock);
}

static void
msg_drop(enum msg_level level, const char *text, void *arg)
{
	(void)level, (void)text, (void)arg;
}

void
ui_toast(struct ui *ui, enum toast_level level, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *text = xvasprintf(fmt, ap);
	va_end(ap);
	/* one line */
	for (char *p = text; *p != '\0'; p++)
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	free(ui->toast);
	ui->toast = text;
	ui->toast_level = level;
	ui->toast_until = trace_now_ns() + (level == TOAST_ERROR ? TOAST_ERROR_NS : TOAST_INFO_NS);
}

void
ui_push(struct ui *ui, struct view *v)
{
	if (ui->depth == UI_MAX_VIEWS) {
		v->ops->free(v);
		ui_toast(ui, TOAST_ERROR, "too many views open");
		return;
	}
	ui->stack[ui->depth++] = v;
}

void
ui_pop(struct ui *ui)
{
	if (ui->depth <= 1)
		return; /* the list stays */
	struct view *v = ui->stack[--ui->depth];
	if (ui->n_dead < UI_MAX_VIEWS)
		ui->dead[ui->n_dead++] = v;
	else
		v->ops->free(v);
}

void
ui_remove(struct ui *ui, struct view *v)
{
	for (int i = 1; i < ui->depth; i++) /* the list stays */
		if (ui->stack[i] == v) {
			memmove(&ui->stack[i], &ui->stack[i + 1],
				(size_t)(ui->depth - i - 1) * sizeof ui->stack[0]);
			ui->depth--;
			if (ui->n_dead < UI_MAX_VIEWS)
				ui->dead[ui->n_dead++] = v;
			else
				v->ops->free(v);
			return;
		}
}

struct view *
ui_top(struct ui *ui)
{
	return ui->depth > 0 ? ui->stack[ui->depth - 1] : NULL;
}

static void
bury_dead(struct ui *ui)
{
	for (int i = 0; i < ui->n_dead; i++)
		ui->dead[i]->ops->free(ui->dead[i]);
	ui->n_dead = 0;
}

void
ui_quit(struct ui *ui, int status, const char *message)
{
	ui->quit = 1;
	ui->status = status;
	free(ui->final_message);
	ui->final_message = xstrdup_or_null(message);
}

void
ui_defer_key(struct ui *ui, const struct tkey *key)
{
	if (ui->n_pending < (int)(sizeof ui->pending / sizeof ui->pending[0])) {
		ui->pending[ui->n_pending] = *key;
		ui->pending[ui->n_pending].text = NULL; /* paste text is not kept */
		ui->n_pending++;
	}
}

void
ui_post_query(struct ui *ui, const char *query)
{
	ui->query_gen++;
	free(ui->posted_query);
	ui->posted_query = xstrdup(query);
	searcher_query(ui->search, query, strlen(query), ui->query_gen);
}

const struct item *
ui_find_item(struct ui *ui, const char *id)
{
	return ui->cat != NULL ? catalog_find(ui->cat, id) : NULL;
}

static void
term_suspend(void *arg)
{
	tui_suspend(&((struct ui *)arg)->tui);
}

static void
term_resume(void *arg)
{
	tui_resume(&((struct ui *)arg)->tui);
}

/* Drawing. */

static void
draw(struct ui *ui)
{
	long long t0 = trace_now_ns();
	erase();
	ui->cursor_y = -1;
	int base = ui->depth - 1;
	while (base > 0 && ui->stack[base]->ops->overlay)
		base--;
	for (int i = base; i < ui->depth; i++)
		ui->stack[i]->ops->draw(ui->stack[i], ui);
	if (ui->cursor_y >= 0 && ui->cursor_y < ui->tui.rows && ui->cursor_x >= 0) {
		curs_set(1);
		move(ui->cursor_y, ui->cursor_x < ui->tui.cols ? ui->cursor_x : ui->tui.cols - 1);
	} else
		curs_set(0);
	long long t1 = trace_now_ns();
	tui_flush(&ui->tui);
	int complete = ui->res != NULL && ui->results_gen == ui->query_gen;
	trace_event("frame", "%d %lld %lld", complete, (t1 - t0) / 1000,
		    (trace_now_ns() - t1) / 1000);
}

void
ui_draw_now(struct ui *ui)
{
	draw(ui);
	ui->need_redraw = 0;
}

/* Results and the catalog. */

static void
free_grave(struct ui *ui)
{
	for (size_t i = 0; i < ui->n_grave; i++)
		item_free(ui->grave[i]);
	free(ui->grave);
	ui->grave = NULL;
	ui->n_grave = 0;
}

static void dispatch(struct ui *ui, const struct tkey *key);

static void
take_remote_updates(struct ui *ui)
{
	if (ui->refresh == NULL || !ui->loaded || ui->reindexing)
		return;
	struct remote_update u;
	int changed = 0;
	while (remote_refresh_next(ui->refresh, &u)) {
		if (u.error != NULL)
			ui_toast(ui, TOAST_ERROR, "%s: %s", u.remote != NULL ? u.remote : "remote",
				 u.error);
		if (u.items != NULL && u.source != NULL) {
			struct item **old = NULL;
			size_t n_old = 0;
			catalog_swap_source(ui->cat, u.source, u.items, u.n, &old, &n_old);
			ui->grave = xreallocarray(ui->grave, ui->n_grave + n_old + 1,
						  sizeof *ui->grave);
			memcpy(ui->grave + ui->n_grave, old, n_old * sizeof *old);
			ui->n_grave += n_old;
			free(old);
			u.n = 0; /* the catalog has them; only the array is left to free */
			changed = 1;
		}
		remote_update_clear(&u);
	}
	if (changed) {
		/* old items live until results come from an index without them */
		ui->grave_gen = ui->index_gen + 1;
		ui->reindexing = 1;
		searcher_reindex(ui->search, ui->cat);
	}
}

static void
take_search_output(struct ui *ui)
{
	struct searcher_output out;
	if (ui->search == NULL)
		return; /* a screen without the catalog (ui_run_views) */
	while (searcher_take(ui->search, &out)) {
		if (out.cat != NULL) {
			ui->reg = out.reg;
			ui->cat = out.cat;
			ui->loaded = 1;
			ui->refresh = remote_refresh_start(ui->config, ui->wake_fd, 0);
		}
		if (out.res == NULL)
			continue;
		if (out.query_gen != ui->query_gen) {
			search_results_free(out.res);
			continue;
		}
		int same = ui->res_query != NULL && ui->posted_query != NULL &&
			   strcmp(ui->res_query, ui->posted_query) == 0;
		struct search_results *old = ui->res;
		ui->res = out.res;
		ui->results_gen = out.query_gen;
		free(ui->res_query);
		ui->res_query = xstrdup(ui->posted_query != NULL ? ui->posted_query : "");
		list_view_results_changed(ui->stack[0], ui, same);
		search_results_free(old);
		if (ui->snap != NULL) { /* nothing points into it any more */
			snapshot_free(ui->snap);
			ui->snap = NULL;
		}
		if (out.index_gen > ui->index_gen)
			ui->index_gen = out.index_gen;
		if (ui->n_grave > 0 && out.index_gen >= ui->grave_gen)
			free_grave(ui);
		if (ui->reindexing && out.index_gen >= ui->grave_gen) {
			ui->reindexing = 0;
			take_remote_updates(ui); /* those that arrived meanwhile */
		}
		/* keys typed while loading, now that there is something to act on */
		if (ui->n_pending > 0 && ui->loaded) {
			struct tkey pending[32];
			int n = ui->n_pending;
			memcpy(pending, ui->pending, sizeof pending);
			ui->n_pending = 0;
			for (int i = 0; i < n && !ui->quit; i++)
				dispatch(ui, &pending[i]);
		}
	}
}

void
ui_refresh_remotes(struct ui *ui)
{
	const cJSON *remotes = config_get(ui->config, "remotes");
	if (!ui->loaded) {
		ui_toast(ui, TOAST_INFO, "Still loading…");
		return;
	}
	if (cJSON_GetArraySize(remotes) == 0) {
		ui_toast(ui, TOAST_INFO, "No remotes to refresh (see chitty config)");
		return;
	}
	if (ui->reindexing || (ui->refresh != NULL && remote_refresh_pending(ui->refresh) > 0)) {
		ui_toast(ui, TOAST_INFO, "Already refreshing");
		return;
	}
	/* updates not taken yet still come through the old one first */
	take_remote_updates(ui);
	remote_refresh_free(ui->refresh);
	ui->refresh = remote_refresh_start(ui->config, ui->wake_fd, 1);
	ui_toast(ui, TOAST_INFO, "Refreshing %d remote%s…", cJSON_GetArraySize(remotes),
		 cJSON_GetArraySize(remotes) == 1 ? "" : "s");
}

/* Load the catalog (on the search thread). */
static void
start_loading(struct ui *ui)
{
	searcher_load(ui->search, ui->config, ui->snap != NULL ? ui->load_fp : NULL);
	free(ui->load_fp);
	ui->load_fp = NULL;
	ui->load_posted = 1;
}

/* Keys. */

static int
is_output_running(struct ui *ui)
{
	struct view *top = ui_top(ui);
	struct exec_job *job = top != NULL ? output_view_job(top) : NULL;
	const struct exec_result *r = job != NULL ? exec_job_result(job) : NULL;
	return r != NULL && !r->finished;
}

static void
dispatch(struct ui *ui, const struct tkey *key)
{
	if (key->kind == TK_NONE || key->kind == TK_UNKNOWN)
		return;
	if (key->kind == TK_MOUSE && key->button == TM_MOTION)
		return;
	trace_event("key", NULL);
	enum ui_action action = key->kind == TK_MOUSE ? UA_NONE : keymap_lookup(ui->km, key);
	if (action == UA_QUIT && !is_output_running(ui)) {
		ui_quit(ui, 130, NULL);
		return;
	}
	struct view *top = ui_top(ui);
	enum view_result r = top->ops->key(top, ui, key, action);
	bury_dead(ui);
	if (r != VIEW_HANDLED)
		ui->need_redraw = 1;
}

/* Setup and teardown. */

static void
apply_config(struct ui *ui, const char **theme)
{
	struct strv warnings = STRV_INIT;
	keymap_configure(ui->km, config_get(ui->config, "keys"), &warnings);
	const char *icons = config_string(ui->config, "icons", NULL);
	int mode = icon_mode_from_name(icons);
	if (mode < 0) {
		strv_push_owned(
			&warnings,
			xasprintf("config: unknown icons '%s' (emoji, nerd, ascii, none)", icons));
		mode = ICONS_EMOJI;
	}
	ui->icons = (enum icon_mode)mode;
	ui->keep_open |= config_bool(ui->config, "keepOpen", 0);
	*theme = config_string(ui->config, "theme", NULL);
	for (size_t i = 0; i < warnings.n; i++)
		msg_warn("%s", warnings.v[i]);
	strv_free(&warnings);
}

static long
poll_timeout(struct ui *ui, const struct keyreader *kr)
{
	long long now = trace_now_ns(), wait = -1;
	int keys = keyreader_timeout(kr);
	if (keys >= 0)
		wait = keys * 1000000LL;
	if (ui->toast != NULL && ui->toast_until > now &&
	    (wait < 0 || ui->toast_until - now < wait))
		wait = ui->toast_until - now;
	/* running jobs: when the executor next needs a pump (timeouts, reaping) */
	struct exec_job *jobs[UI_MAX_VIEWS + 1];
	int n = 0;
	if (ui->job != NULL)
		jobs[n++] = ui->job;
	for (int i = 0; i < ui->depth; i++)
		if (output_view_job(ui->stack[i]) != NULL)
			jobs[n++] = output_view_job(ui->stack[i]);
	for (int i = 0; i < n; i++) {
		const struct exec_result *r = exec_job_result(jobs[i]);
		if (r != NULL && r->finished)
			continue; /* over: its output view just shows it (a 0 here spins) */
		long ms = exec_job_timeout_ms(jobs[i]);
		if (ms >= 0 && (wait < 0 || ms * 1000000LL < wait))
			wait = ms * 1000000LL;
	}
	/* the output view counts the seconds a command runs */
	long long second = 1000000000LL;
	if (is_output_running(ui) && (wait < 0 || wait > second))
		wait = second;
	if (ui->refresh != NULL && remote_refresh_pending(ui->refresh) > 0 &&
	    (wait < 0 || wait > 1000000000LL))
		wait = 1000000000LL;
	return wait < 0 ? -1 : (long)((wait + 999999) / 1000000);
}

/*
 * An SDK script that talked through prompts and ended well without
 * output has nothing to show: its output view closes as a Script Kit
 * prompt does, and the launcher goes on as after any success.  1 when it
 * closed.
 */
static int
sdk_script_done(struct ui *ui, struct view *v, struct exec_job *job)
{
	const struct exec_result *r = exec_job_result(job);
	if (!exec_job_sdk_used(job) || r->transcript_len > 0 || r->exit_status != 0 ||
	    r->error != NULL || r->cancelled || ui_top(ui) != v)
		return 0;
	ui_pop(ui);
	ui_after_action(ui, NULL);
	return 1;
}

static int
loop(struct ui *ui, int wake_r)
{
	struct keyreader kr;
	keyreader_init(&kr);
	ui->need_redraw = 1;
	while (!ui->quit) {
		if (ui->need_redraw) {
			draw(ui);
			ui->need_redraw = 0;
		}
		if (!ui->load_posted)
			start_loading(ui);
		struct pollfd fds[2 + MAX_JOB_FDS];
		int n = 0;
		fds[n++] = (struct pollfd){.fd = ui->tty_fd, .events = POLLIN};
		fds[n++] = (struct pollfd){.fd = wake_r, .events = POLLIN};
		if (ui->job != NULL)
			n += exec_job_pollfds(ui->job, fds + n, MAX_JOB_FDS / 2);
		for (int i = 0; i < ui->depth; i++) {
			struct exec_job *job = output_view_job(ui->stack[i]);
			if (job != NULL && n < 2 + MAX_JOB_FDS)
				n += exec_job_pollfds(job, fds + n, 2 + MAX_JOB_FDS - n);
		}
		long timeout = poll_timeout(ui, &kr);
		int ready = poll(fds, (nfds_t)n, (int)timeout);
		if (ready < 0 && errno != EINTR)
			break;
		int sig = signals_fatal();
		if (sig != 0) {
			ui_quit(ui, 128 + sig, NULL);
			break;
		}
		if (signals_winch()) {
			tui_resize(&ui->tui);
			for (int i = 0; i < ui->depth; i++)
				if (ui->stack[i]->ops->resize != NULL)
					ui->stack[i]->ops->resize(ui->stack[i], ui);
			ui->need_redraw = 1;
		}
		if (ready > 0 && (fds[1].revents & POLLIN)) {
			char drain[256];
			while (read(wake_r, drain, sizeof drain) > 0)
				;
			take_messages(ui);
			take_search_output(ui);
			take_remote_updates(ui);
			ui->need_redraw = 1;
		}
		if (ready > 0 && (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    keyreader_fill(&kr, ui->tty_fd) != 0) {
			ui_quit(ui, 1, NULL); /* the terminal went away */
			break;
		}
		struct tkey key;
		while (!ui->quit && keyreader_next(&kr, &key))
			dispatch(ui, &key);
		/* job output: the output view redraws as it streams */
		for (int i = 0; i < ui->depth; i++) {
			struct view *v = ui->stack[i];
			struct exec_job *job = output_view_job(v);
			if (job != NULL) {
				const struct exec_result *r = exec_job_result(job);
				int was = r != NULL && r->finished;
				exec_job_pump(job);
				if (!was)
					ui->need_redraw = 1;
				if (!was && r->finished && sdk_script_done(ui, v, job))
					break;
			}
		}
		if (ui->job != NULL) {
			ui_job_pump(ui);
			ui->need_redraw = 1; /* its toast, or the end of it */
		}
		if (ui->toast != NULL && trace_now_ns() >= ui->toast_until) {
			free(ui->toast);
			ui->toast = NULL;
			ui->need_redraw = 1;
		}
	}
	keyreader_free(&kr);
	return ui->status;
}

static void
ui_free(struct ui *ui)
{
	while (ui->depth > 0) {
		struct view *v = ui->stack[--ui->depth];
		v->ops->free(v);
	}
	bury_dead(ui);
	exec_job_free(ui->job);
	ui_sdk_free(ui);
	free(ui->job_id);
	free(ui->job_title);
	remote_refresh_free(ui->refresh);
	search_results_free(ui->res);
	/* the search thread ranks over the catalog's items: stop it first */
	if (searcher_free(ui->search) == 0) {
		free_grave(ui);
		catalog_free(ui->cat);
		ext_registry_free(ui->reg);
		config_free(ui->config);
	} else {
		/* still loading: what it reads stays (the process is exiting), and
		 * what it may still say goes nowhere */
		msg_set_sink(msg_drop, NULL);
	}
	snapshot_free(ui->snap);
	history_free(ui->hist);
	keymap_free(ui->km);
	free(ui->res_query);
	free(ui->toast);
	free(ui->final_message);
	free(ui->posted_query);
	free(ui->load_fp);
}

/*
 * What every screen needs before curses starts: the config (its keys,
 * icons and theme), the wake-up pipe, messages as toasts, signals.  0, or
 * -1 (reported) with nothing left to undo.
 */
static int
ui_open(struct ui *ui, int wake[2], const char **theme)
{
	memset(ui, 0, sizeof *ui);
	ui->tty_fd = STDIN_FILENO;
	ui->term = (struct exec_terminal){term_suspend, term_resume, ui};
	ui_sdk_init(ui);

	char *cause = NULL;
	ui->config = config_load(NULL, &cause);
	if (ui->config == NULL) {
		/* run with defaults; say why once the screen is up */
		ui->config = config_create_empty(NULL);
	}
	ui->km = keymap_create();
	if (wake_pipe(wake) != 0) {
		msg_error("cannot create a pipe: %s", strerror(errno));
		config_free(ui->config);
		keymap_free(ui->km);
		free(cause);
		return -1;
	}
	ui->wake_fd = wake[1];
	msg_set_sink(msg_to_toast, &ui->wake_fd);
	if (cause != NULL) {
		msg_error("using the defaults: %s", cause);
		free(cause);
	}
	apply_config(ui, theme);
	signals_install(wake[1]);
	return 0;
}

/* Start curses: 0, or -1 (reported). */
static int
ui_start_curses(struct ui *ui, const char *theme)
{
	char *warning = NULL, *cause = NULL;
	if (tui_init(&ui->tui, stdin, stdout, theme, 1, &warning, &cause) != 0) {
		msg_set_sink(NULL, NULL);
		msg_error("%s", cause);
		free(cause);
		return -1;
	}
	if (warning != NULL)
		ui_toast(ui, TOAST_ERROR, "config: %s", warning);
	free(warning);
	return 0;
}

static void
ui_close(struct ui *ui, int wake[2])
{
	signals_restore();
	ui_free(ui);
	close(wake[0]);
	close(wake[1]);
}

int
ui_run_views(struct view *(*first)(struct ui *ui, void *arg), void *arg)
{
	struct ui ui;
	int wake[2];
	const char *theme = NULL;
	if (ui_open(&ui, wake, &theme) != 0)
		return 1;
	ui.load_posted = 1; /* no catalog */
	int status = 1;
	if (ui_start_curses(&ui, theme) == 0) {
		ui_push(&ui, first(&ui, arg));
		take_messages(&ui);
		status = loop(&ui, wake[0]);
		tui_end(&ui.tui);
		msg_set_sink(NULL, NULL);
	}
	ui_close(&ui, wake);
	return status;
}

int
launcher_main(const struct launcher_options *opts)
{
	trace_open();
	trace_event("start", NULL);
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		msg_error("the launcher needs a terminal (try 'chitty search QUERY')");
		return 1;
	}
	struct ui ui;
	int wake[2];
	const char *theme = NULL;
	if (ui_open(&ui, wake, &theme) != 0) {
		trace_close();
		return 1;
	}
	ui.keep_open |= opts->keep_open;

	trace_event("phase", "config");
	char *why = NULL;
	ui.hist = history_load(NULL, &why);
	free(why);
	ui.search = searcher_create(wake[1]);
	const char *query = opts->query != NULL ? opts->query : "";
	char *fp = NULL;
	if (*query == '\0') {
		fp = snapshot_fingerprint(ui.config);
		trace_event("phase", "fingerprint");
		ui.snap = snapshot_load(fp);
	}
	trace_event("phase", "snapshot %d", ui.snap != NULL);
	ui_post_query(&ui, query);
	/*
	 * With a first screen to show, loading waits until it is drawn: on a
	 * busy machine the loading thread would otherwise take the CPU the
	 * first frame needs.
	 */
	ui.load_fp = fp;
	if (ui.snap == NULL)
		start_loading(&ui);
	if (ui.snap != NULL) {
		ui.res = snapshot_results(ui.snap, ui.hist, time(NULL), SEARCHER_LIMIT);
		ui.res_query = xstrdup("");
		ui.results_gen = ui.query_gen;
	}

	int status;
	if (ui_start_curses(&ui, theme) != 0)
		status = 1;
	else {
		trace_event("phase", "curses");
		ui_push(&ui, list_view_create(&ui, query));
		list_view_results_changed(ui.stack[0], &ui, 0);
		take_messages(&ui);
		status = loop(&ui, wake[0]);
		/* the next start's first screen shows what was just used */
		if (ui.history_dirty && ui.loaded)
			searcher_save_snapshot(ui.search);
		tui_end(&ui.tui);
		msg_set_sink(NULL, NULL);
		if (ui.final_message != NULL && status == 0) {
			/* a command's last line: never let it drive the terminal */
			for (unsigned char *p = (unsigned char *)ui.final_message; *p != '\0'; p++)
				if (*p < 0x20 || *p == 0x7f)
					*p = '?';
			printf("%s\n", ui.final_message);
		}
	}
	ui_close(&ui, wake);
	trace_close();
	return status;
}
