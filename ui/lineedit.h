/*
 * A one-line text editor: the search bar, form fields, the picker's
 * prompt.  Pure (no I/O, no curses): it edits a UTF-8 string and a cursor.
 *
 * The cursor is a byte offset that always sits on a character boundary,
 * and never between a character and the combining marks that follow it
 * (a cluster moves and deletes as one).  Inserted text is cleaned: a line
 * break or tab becomes a space, other control characters and invalid
 * bytes are dropped, so the text can be drawn as it is.
 *
 * Keys (readline's): left/right, ctrl+b/f by character; alt+b/f and
 * ctrl+left/right by word; home/end and ctrl+a/e to the ends; backspace
 * and ctrl+h, delete and ctrl+d; ctrl+w deletes the whitespace-separated
 * word before the cursor, alt+backspace and alt+d the alphanumeric word
 * before/after it; ctrl+u deletes to the start, ctrl+k to the end; ctrl+y
 * pastes what they deleted last.  Callers take the keys they use
 * otherwise (the list uses ctrl+k for its action panel) before passing the
 * rest here.
 */
#ifndef CHITTY_LINEEDIT_H
#define CHITTY_LINEEDIT_H

#include <stddef.h>

#include "strbuf.h"

struct tkey;

struct lineedit {
	struct strbuf text;
	size_t cursor;      /* byte offset into text */
	struct strbuf kill; /* last deleted text, for ctrl+y */
};

#define LINEEDIT_INIT                                                                              \
	{                                                                                          \
		STRBUF_INIT, 0, STRBUF_INIT                                                        \
	}

enum lineedit_result {
	LE_IGNORED, /* not an editing key */
	LE_MOVED,   /* the cursor moved; the text is the same */
	LE_CHANGED, /* the text changed */
};

void lineedit_free(struct lineedit *le);
/* Replace the text (cleaned) and put the cursor at its end. */
void lineedit_set(struct lineedit *le, const char *text);
const char *lineedit_text(const struct lineedit *le);
/* Insert (cleaned) text at the cursor: typing and paste. */
void lineedit_insert(struct lineedit *le, const char *s, size_t len);
/* Apply one key; see the list above. */
enum lineedit_result lineedit_key(struct lineedit *le, const struct tkey *key);

void lineedit_left(struct lineedit *le);
void lineedit_right(struct lineedit *le);
void lineedit_word_left(struct lineedit *le);
void lineedit_word_right(struct lineedit *le);
void lineedit_backspace(struct lineedit *le);
void lineedit_delete(struct lineedit *le);
void lineedit_kill_word_back(struct lineedit *le); /* ctrl+w */
void lineedit_kill_start(struct lineedit *le);     /* ctrl+u */
void lineedit_kill_end(struct lineedit *le);       /* ctrl+k */

/* Display columns of the text before the cursor. */
size_t lineedit_cursor_col(const struct lineedit *le);

/*
 * What to show in width columns so the cursor is visible: the text from
 * byte *start, and the cursor's column relative to it.  *start only moves
 * as much as needed, so pass the previous value back in (0 at first).
 */
void lineedit_window(const struct lineedit *le, size_t width, size_t *start, size_t *cursor_col);

#endif
