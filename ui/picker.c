/*
 * The interactive picker: `chitty filter` without -e on a terminal.
 * Lines come from standard input, keys from /dev/tty, and the chosen line
 * goes to standard output, byte for byte, as fzy does.  Ranking is fzy's
 * (rank.h), with a session so each keystroke only re-checks the previous
 * matches; keys that arrive together are edited first and ranked once.
 *
 * Keys: typing and line editing; up/down (ctrl+p/ctrl+n) and page up/down
 * move; tab puts the selected line in the query (fzy's autocomplete);
 * Enter prints the selected line (the query when nothing matches) and
 * exits 0; Esc exits 1; ctrl+c exits 130.
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "input.h"
#include "keymap.h"
#include "keyreader.h"
#include "launcher.h"
#include "lineedit.h"
#include "match.h"
#include "msg.h"
#include "rank.h"
#include "signals.h"
#include "tui.h"
#include "xmalloc.h"

#define PICKER_RESULTS 1000

struct picker {
	const struct picker_options *opts;
	const char *data;
	size_t n;
	size_t *offs, *lens;
	struct rank_index *ix;
	struct rank_session *session;
	struct rank_result *top;
	size_t n_top, matches;
	size_t sel, first;
	struct lineedit query;
	size_t qstart;
	struct tui tui;
	struct keymap *km;
	char *ranked_for; /* the query top answers */
};

static void
rank(struct picker *p)
{
	const char *q = lineedit_text(&p->query);
	if (p->ranked_for != NULL && strcmp(p->ranked_for, q) == 0)
		return;
	free(p->ranked_for);
	p->ranked_for = xstrdup(q);
	if (*q == '\0') {
		/* every line, in input order, as fzy shows them */
		p->n_top = p->n < PICKER_RESULTS ? p->n : PICKER_RESULTS;
		for (size_t i = 0; i < p->n_top; i++)
			p->top[i] = (struct rank_result){.index = (uint32_t)i, .score = 0};
		p->matches = p->n;
	} else {
		long m = rank_session_search(p->session, q, strlen(q), PICKER_RESULTS, p->top,
					     &p->n_top);
		p->matches = m > 0 ? (size_t)m : 0;
	}
	p->sel = 0;
	p->first = 0;
}

static void
draw(struct picker *p)
{
	struct tui *t = &p->tui;
	erase();
	int cols = t->cols, rows = t->rows;
	const char *prompt = p->opts->prompt != NULL ? p->opts->prompt : "> ";
	int x = tui_puts(t, 0, 0, prompt, cols, tui_attr(t, TR_PROMPT));
	char info[64];
	snprintf(info, sizeof info, "%zu/%zu", p->matches, p->n);
	int iw = (int)strlen(info);
	int room = cols - x - (cols - x > iw + 8 ? iw + 1 : 0);
	size_t col;
	lineedit_window(&p->query, room > 0 ? (size_t)room : 0, &p->qstart, &col);
	tui_puts(t, 0, x, lineedit_text(&p->query) + p->qstart, room, tui_attr(t, TR_NORMAL));
	if (cols - x > iw + 8)
		tui_puts(t, 0, cols - iw, info, iw, tui_attr(t, TR_DIM));
	int h = rows - 1;
	if (p->opts->lines > 0 && p->opts->lines < h)
		h = (int)p->opts->lines;
	if (p->sel < p->first)
		p->first = p->sel;
	if (h > 0 && p->sel >= p->first + (size_t)h)
		p->first = p->sel - (size_t)h + 1;
	const char *q = lineedit_text(&p->query);
	struct match_query *mq = match_query_create(q, strlen(q));
	size_t *pos = xcalloc(strlen(q) + 1, sizeof *pos);
	for (int r = 0; r < h && p->first + (size_t)r < p->n_top; r++) {
		size_t k = p->first + (size_t)r;
		const struct rank_result *res = &p->top[k];
		const char *line = p->data + p->offs[res->index];
		size_t len = p->lens[res->index];
		int selected = k == p->sel, y = r + 1;
		attr_t normal = selected ? tui_attr(t, TR_SELECTED) : tui_attr(t, TR_NORMAL);
		attr_t match =
			selected ? tui_attr_on(t, TR_MATCH, TR_SELECTED) : tui_attr(t, TR_MATCH);
		if (selected)
			tui_fill(t, y, 0, cols, normal);
		int c = tui_puts(t, y, 0, selected ? "▌" : " ", 1,
				 selected ? tui_attr_on(t, TR_MARK, TR_SELECTED) : normal);
		if (p->opts->show_scores && *q != '\0') {
			char s[32];
			snprintf(s, sizeof s, "(%5.2f) ", (double)res->score);
			c += tui_puts(t, y, c, s, cols - c,
				      selected ? normal : tui_attr(t, TR_DIM));
		}
		size_t np = 0;
		if (*q != '\0' && match_positions(mq, line, len, pos) != SCORE_MIN)
			np = mq->n;
		/* the line with its matched characters highlighted */
		size_t i = 0, pi = 0;
		while (i < len && c < cols) {
			size_t j = i + 1;
			while (j < len && ((unsigned char)line[j] & 0xC0) == 0x80)
				j++;
			/* a position anywhere in the character marks it */
			int m = 0;
			while (pi < np && pos[pi] < j) {
				m = 1;
				pi++;
			}
			c += tui_put(t, y, c, line + i, j - i, cols - c, m ? match : normal);
			i = j;
		}
	}
	free(pos);
	match_query_free(mq);
	move(0, x + (int)col < cols ? x + (int)col : cols - 1);
	curs_set(1);
	tui_flush(t);
}

/* 1: keep going; 0: done with *status set (and *chosen for Enter). */
static int
key(struct picker *p, const struct tkey *k, int *status, const char **chosen, size_t *chosen_len)
{
	enum ui_action a = k->kind == TK_MOUSE ? UA_NONE : keymap_lookup(p->km, k);
	int h = p->tui.rows - 1 > 1 ? p->tui.rows - 2 : 1;
	if (k->kind == TK_MOUSE) {
		if (k->button == TM_WHEEL_UP && p->sel > 0)
			p->sel--;
		else if (k->button == TM_WHEEL_DOWN && p->sel + 1 < p->n_top)
			p->sel++;
		else if (k->button == TM_LEFT && k->press && k->y >= 1 &&
			 p->first + (size_t)(k->y - 1) < p->n_top)
			p->sel = p->first + (size_t)(k->y - 1);
		return 1;
	}
	switch (a) {
	case UA_QUIT:
		*status = 130;
		return 0;
	case UA_BACK:
		*status = 1;
		return 0;
	case UA_RUN:
		rank(p);
		if (p->n_top > 0) {
			size_t idx = p->top[p->sel].index;
			*chosen = p->data + p->offs[idx];
			*chosen_len = p->lens[idx];
		} else {
			*chosen = lineedit_text(&p->query);
			*chosen_len = p->query.text.len;
		}
		*status = 0;
		return 0;
	case UA_UP:
	case UA_PREV_FIELD:
		if (p->sel > 0)
			p->sel--;
		return 1;
	case UA_DOWN:
		if (p->sel + 1 < p->n_top)
			p->sel++;
		return 1;
	case UA_PAGE_UP:
		p->sel = p->sel > (size_t)h ? p->sel - (size_t)h : 0;
		return 1;
	case UA_PAGE_DOWN:
		p->sel = p->sel + (size_t)h < p->n_top ? p->sel + (size_t)h
						       : (p->n_top > 0 ? p->n_top - 1 : 0);
		return 1;
	case UA_NEXT_FIELD:
		if (p->n_top > 0) {
			size_t idx = p->top[p->sel].index;
			char *line = xstrndup(p->data + p->offs[idx], p->lens[idx]);
			lineedit_set(&p->query, line);
			free(line);
		}
		return 1;
	default:
		lineedit_key(&p->query, k);
		return 1;
	}
}

int
picker_main(const struct picker_options *opts)
{
	char *cause = NULL;
	struct input in;
	if (input_read_fd(STDIN_FILENO, "standard input", &in, &cause) != 0) {
		msg_error("%s", cause);
		free(cause);
		return 1;
	}
	int tty = open("/dev/tty", O_RDWR | O_CLOEXEC);
	FILE *ttyf = tty != -1 ? fdopen(tty, "r+") : NULL;
	if (ttyf == NULL) {
		msg_error("filter: the picker needs a terminal (/dev/tty: %s); use -e QUERY",
			  strerror(errno));
		if (tty != -1)
			close(tty);
		input_release(&in);
		return 2;
	}
	struct picker p;
	memset(&p, 0, sizeof p);
	p.opts = opts;
	p.data = in.data;
	p.n = rank_split_lines(in.data, in.len, opts->delim, &p.offs, &p.lens);
	const char **strs = xcalloc(p.n + 1, sizeof *strs);
	for (size_t i = 0; i < p.n; i++)
		strs[i] = in.data + p.offs[i];
	p.ix = rank_index_create(p.n, strs, p.lens, opts->workers);
	struct rank_options ro = {.workers = opts->workers};
	p.session = rank_session_create(p.ix, &ro);
	p.top = xcalloc(PICKER_RESULTS + 1, sizeof *p.top);
	lineedit_set(&p.query, opts->query != NULL ? opts->query : "");
	p.km = keymap_create();
	struct config *config = config_load(NULL, NULL);
	if (config != NULL)
		keymap_configure(p.km, config_get(config, "keys"), NULL);

	int status = 1, wake[2] = {-1, -1};
	const char *chosen = NULL;
	size_t chosen_len = 0;
	char *warning = NULL;
	if (wake_pipe(wake) != 0 ||
	    tui_init(&p.tui, ttyf, ttyf,
		     config != NULL ? config_string(config, "theme", NULL) : NULL, 1, &warning,
		     &cause) != 0) {
		msg_error("%s", cause != NULL ? cause : strerror(errno));
		free(cause);
		status = 2;
		goto out;
	}
	free(warning);
	signals_install(wake[1]);
	struct keyreader kr;
	keyreader_init(&kr);
	int going = 1;
	while (going) {
		rank(&p);
		draw(&p);
		struct pollfd fds[2] = {{.fd = tty, .events = POLLIN},
					{.fd = wake[0], .events = POLLIN}};
		if (poll(fds, 2, keyreader_timeout(&kr)) < 0 && errno != EINTR)
			break;
		int sig = signals_fatal();
		if (sig != 0) {
			status = 128 + sig;
			break;
		}
		if (signals_winch())
			tui_resize(&p.tui);
		if (fds[1].revents & POLLIN) {
			char drain[64];
			while (read(wake[0], drain, sizeof drain) > 0)
				;
		}
		if ((fds[0].revents & (POLLIN | POLLHUP | POLLERR)) &&
		    keyreader_fill(&kr, tty) != 0)
			break;
		struct tkey k;
		while (going && keyreader_next(&kr, &k))
			going = key(&p, &k, &status, &chosen, &chosen_len);
	}
	keyreader_free(&kr);
	tui_end(&p.tui);
	signals_restore();
	if (status == 0 && chosen != NULL) {
		fwrite(chosen, 1, chosen_len, stdout);
		fputc(opts->delim == '\0' ? '\0' : '\n', stdout);
		if (fflush(stdout) != 0) {
			msg_error("cannot write standard output: %s", strerror(errno));
			status = 1;
		}
	}
out:
	if (wake[0] != -1) {
		close(wake[0]);
		close(wake[1]);
	}
	config_free(config);
	keymap_free(p.km);
	lineedit_free(&p.query);
	free(p.ranked_for);
	free(p.top);
	rank_session_free(p.session);
	rank_index_free(p.ix);
	free(strs);
	free(p.offs);
	free(p.lens);
	fclose(ttyf);
	input_release(&in);
	return status;
}
