/*
 * Human-readable tables for CLI output: columns aligned by display width
 * (UTF-8, wide characters), clipped with "…" to the terminal's width when
 * stdout is a terminal.
 */
#ifndef CHITTY_TABLE_H
#define CHITTY_TABLE_H

#include <stddef.h>
#include <stdio.h>

struct table;

/* A table with n columns; headers (may be NULL for none) are copied. */
struct table *table_create(size_t ncols, const char *const *headers);
/* Add a row of ncols cells (NULL cells print empty); cells are copied. */
void table_add_row(struct table *t, const char *const *cells);
/* Print; max_width 0 means unlimited. */
void table_print(const struct table *t, FILE *fp, size_t max_width);
size_t table_rows(const struct table *t);
void table_free(struct table *t);

/* Columns of the terminal on fd, or 0 when fd is not a terminal. */
size_t terminal_width(int fd);

#endif
