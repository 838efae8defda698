#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "strbuf.h"
#include "table.h"
#include "utf8.h"
#include "xmalloc.h"

#define TABLE_GAP     2
#define TABLE_MIN_COL 6

struct table {
	size_t ncols;
	char **headers; /* NULL when the table has none */
	char **cells;   /* rows * ncols */
	size_t rows;
};

struct table *
table_create(size_t ncols, const char *const *headers)
{
	struct table *t = xcalloc(1, sizeof *t);
	t->ncols = ncols;
	if (headers != NULL) {
		t->headers = xcalloc(ncols, sizeof *t->headers);
		for (size_t i = 0; i < ncols; i++)
			t->headers[i] = xstrdup(headers[i] != NULL ? headers[i] : "");
	}
	return t;
}

/* Cells are one line: control characters (newlines, escapes) become spaces. */
static char *
cell_copy(const char *s)
{
	char *copy = xstrdup(s != NULL ? s : "");
	for (char *p = copy; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = ' ';
	return copy;
}

void
table_add_row(struct table *t, const char *const *cells)
{
	t->cells = xreallocarray(t->cells, (t->rows + 1) * t->ncols, sizeof *t->cells);
	for (size_t i = 0; i < t->ncols; i++)
		t->cells[t->rows * t->ncols + i] = cell_copy(cells[i]);
	t->rows++;
}

size_t
table_rows(const struct table *t)
{
	return t->rows;
}

static void
print_row(FILE *fp, char *const *row, const size_t *widths, size_t ncols)
{
	struct strbuf line = STRBUF_INIT;
	for (size_t i = 0; i < ncols; i++) {
		size_t used;
		char *clipped = utf8_clip(row[i], widths[i], &used);
		sb_add(&line, clipped);
		free(clipped);
		if (i + 1 < ncols)
			sb_addrep(&line, " ", widths[i] - used + TABLE_GAP);
	}
	/* No trailing blanks when the last cells are empty. */
	while (line.len > 0 && line.s[line.len - 1] == ' ')
		sb_truncate(&line, line.len - 1);
	fprintf(fp, "%s\n", sb_str(&line));
	sb_free(&line);
}

void
table_print(const struct table *t, FILE *fp, size_t max_width)
{
	size_t *widths = xcalloc(t->ncols, sizeof *widths);
	for (size_t c = 0; c < t->ncols; c++) {
		if (t->headers != NULL)
			widths[c] = utf8_width(t->headers[c]);
		for (size_t r = 0; r < t->rows; r++) {
			size_t w = utf8_width(t->cells[r * t->ncols + c]);
			if (w > widths[c])
				widths[c] = w;
		}
	}
	if (max_width != 0) {
		/* Shrink the widest column until the table fits. */
		for (;;) {
			size_t total = 0, widest = 0;
			for (size_t c = 0; c < t->ncols; c++) {
				total += widths[c] + (c + 1 < t->ncols ? TABLE_GAP : 0);
				if (widths[c] > widths[widest])
					widest = c;
			}
			if (total <= max_width || widths[widest] <= TABLE_MIN_COL)
				break;
			size_t excess = total - max_width;
			size_t room = widths[widest] - TABLE_MIN_COL;
			widths[widest] -= excess < room ? excess : room;
		}
	}
	if (t->headers != NULL)
		print_row(fp, t->headers, widths, t->ncols);
	for (size_t r = 0; r < t->rows; r++)
		print_row(fp, &t->cells[r * t->ncols], widths, t->ncols);
	free(widths);
}

void
table_free(struct table *t)
{
	if (t == NULL)
		return;
	if (t->headers != NULL)
		for (size_t i = 0; i < t->ncols; i++)
			free(t->headers[i]);
	free(t->headers);
	for (size_t i = 0; i < t->rows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

size_t
terminal_width(int fd)
{
	struct winsize ws;
	if (!isatty(fd) || ioctl(fd, TIOCGWINSZ, &ws) == -1 || ws.ws_col == 0)
		return 0;
	return ws.ws_col;
}
