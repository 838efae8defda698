/* The one-line editor (rules in lineedit.h). */
#include "build-config.h"

#include <string.h>

#include "extension.h"
#include "keys.h"
#include "lineedit.h"
#include "utf8.h"

static int
is_combining_at(const char *s, size_t len, size_t pos)
{
	uint32_t cp;
	if (pos >= len)
		return 0;
	utf8_decode(s + pos, len - pos, &cp);
	return utf8_cp_width(cp) == 0 && cp >= 0x300;
}

/* Start of the cluster before pos. */
static size_t
cluster_prev(const char *s, size_t len, size_t pos)
{
	if (pos == 0)
		return 0;
	size_t p = utf8_prev(s, pos);
	while (p > 0 && is_combining_at(s, len, p))
		p = utf8_prev(s, p);
	return p;
}

/* End of the cluster at pos. */
static size_t
cluster_next(const char *s, size_t len, size_t pos)
{
	if (pos >= len)
		return len;
	uint32_t cp;
	pos += utf8_decode(s + pos, len - pos, &cp);
	while (pos < len && is_combining_at(s, len, pos))
		pos += utf8_decode(s + pos, len - pos, &cp);
	return pos;
}

static int
is_word_cp(uint32_t cp)
{
	if (cp < 0x80)
		return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') ||
		       (cp >= 'A' && cp <= 'Z') || cp == '_';
	return cp != 0x3000 && cp != 0xA0; /* letters of other scripts are word characters */
}

static int
word_at(const char *s, size_t len, size_t pos)
{
	uint32_t cp;
	utf8_decode(s + pos, len - pos, &cp);
	return is_word_cp(cp);
}

static int
space_at(const char *s, size_t len, size_t pos)
{
	uint32_t cp;
	utf8_decode(s + pos, len - pos, &cp);
	return cp == ' ' || cp == 0xA0 || cp == 0x3000;
}

void
lineedit_free(struct lineedit *le)
{
	sb_free(&le->text);
	sb_free(&le->kill);
	le->cursor = 0;
}

const char *
lineedit_text(const struct lineedit *le)
{
	return sb_str(&le->text);
}

/* Clean s for a single line: breaks and tabs to spaces, controls and bad bytes dropped. */
static void
clean_into(struct strbuf *out, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		int bad = cp == UTF8_REPLACEMENT &&
			  !(n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0);
		if (cp == '\n' || cp == '\r' || cp == '\t')
			sb_addc(out, ' ');
		else if (!bad && cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xA0))
			sb_addn(out, s + i, n);
		i += n;
	}
}

void
lineedit_set(struct lineedit *le, const char *text)
{
	sb_truncate(&le->text, 0);
	if (text != NULL)
		clean_into(&le->text, text, strlen(text));
	le->cursor = le->text.len;
}

void
lineedit_insert(struct lineedit *le, const char *s, size_t len)
{
	struct strbuf clean = STRBUF_INIT, rest = STRBUF_INIT;
	clean_into(&clean, s, len);
	if (clean.len == 0) {
		sb_free(&clean);
		return;
	}
	sb_addn(&rest, sb_str(&le->text) + le->cursor, le->text.len - le->cursor);
	sb_truncate(&le->text, le->cursor);
	sb_addn(&le->text, clean.s, clean.len);
	le->cursor = le->text.len;
	sb_addn(&le->text, sb_str(&rest), rest.len);
	sb_free(&clean);
	sb_free(&rest);
}

/* Remove text[from, to) and remember it for ctrl+y when kill is set. */
static void
cut(struct lineedit *le, size_t from, size_t to, int kill)
{
	if (from >= to)
		return;
	if (kill) {
		sb_truncate(&le->kill, 0);
		sb_addn(&le->kill, le->text.s + from, to - from);
	}
	memmove(le->text.s + from, le->text.s + to, le->text.len - to);
	sb_truncate(&le->text, le->text.len - (to - from));
	le->cursor = from;
}

void
lineedit_left(struct lineedit *le)
{
	le->cursor = cluster_prev(sb_str(&le->text), le->text.len, le->cursor);
}

void
lineedit_right(struct lineedit *le)
{
	le->cursor = cluster_next(sb_str(&le->text), le->text.len, le->cursor);
}

static size_t
word_start_before(const struct lineedit *le, size_t pos)
{
	const char *s = sb_str(&le->text);
	size_t len = le->text.len;
	while (pos > 0) {
		size_t p = cluster_prev(s, len, pos);
		if (word_at(s, len, p))
			break;
		pos = p;
	}
	while (pos > 0) {
		size_t p = cluster_prev(s, len, pos);
		if (!word_at(s, len, p))
			break;
		pos = p;
	}
	return pos;
}

static size_t
word_end_after(const struct lineedit *le, size_t pos)
{
	const char *s = sb_str(&le->text);
	size_t len = le->text.len;
	while (pos < len && !word_at(s, len, pos))
		pos = cluster_next(s, len, pos);
	while (pos < len && word_at(s, len, pos))
		pos = cluster_next(s, len, pos);
	return pos;
}

void
lineedit_word_left(struct lineedit *le)
{
	le->cursor = word_start_before(le, le->cursor);
}

void
lineedit_word_right(struct lineedit *le)
{
	le->cursor = word_end_after(le, le->cursor);
}

void
lineedit_backspace(struct lineedit *le)
{
	cut(le, cluster_prev(sb_str(&le->text), le->text.len, le->cursor), le->cursor, 0);
}

void
lineedit_delete(struct lineedit *le)
{
	cut(le, le->cursor, cluster_next(sb_str(&le->text), le->text.len, le->cursor), 0);
}

void
lineedit_kill_word_back(struct lineedit *le)
{
	const char *s = sb_str(&le->text);
	size_t len = le->text.len, pos = le->cursor;
	while (pos > 0 && space_at(s, len, cluster_prev(s, len, pos)))
		pos = cluster_prev(s, len, pos);
	while (pos > 0 && !space_at(s, len, cluster_prev(s, len, pos)))
		pos = cluster_prev(s, len, pos);
	cut(le, pos, le->cursor, 1);
}

void
lineedit_kill_start(struct lineedit *le)
{
	cut(le, 0, le->cursor, 1);
}

void
lineedit_kill_end(struct lineedit *le)
{
	cut(le, le->cursor, le->text.len, 1);
}

enum lineedit_result
lineedit_key(struct lineedit *le, const struct tkey *key)
{
	unsigned mods = key->mods;
	switch (key->kind) {
	case TK_PASTE:
		lineedit_insert(le, key->text, key->text_len);
		break;
	case TK_LEFT:
		if (mods & (MOD_CTRL | MOD_ALT))
			lineedit_word_left(le);
		else
			lineedit_left(le);
		return LE_MOVED;
	case TK_RIGHT:
		if (mods & (MOD_CTRL | MOD_ALT))
			lineedit_word_right(le);
		else
			lineedit_right(le);
		return LE_MOVED;
	case TK_HOME:
		le->cursor = 0;
		return LE_MOVED;
	case TK_END:
		le->cursor = le->text.len;
		return LE_MOVED;
	case TK_BACKSPACE:
		if (mods & MOD_ALT) {
			size_t start = word_start_before(le, le->cursor);
			cut(le, start, le->cursor, 1);
		} else
			lineedit_backspace(le);
		break;
	case TK_DELETE:
		lineedit_delete(le);
		break;
	case TK_CHAR:
		if (mods == 0 || mods == MOD_SHIFT) {
			char buf[4];
			lineedit_insert(le, buf, utf8_encode(key->cp, buf));
			break;
		}
		if (mods == MOD_CTRL) {
			switch (key->cp) {
			case 'a':
				le->cursor = 0;
				return LE_MOVED;
			case 'e':
				le->cursor = le->text.len;
				return LE_MOVED;
			case 'b':
				lineedit_left(le);
				return LE_MOVED;
			case 'f':
				lineedit_right(le);
				return LE_MOVED;
			case 'd':
				lineedit_delete(le);
				break;
			case 'w':
				lineedit_kill_word_back(le);
				break;
			case 'u':
				lineedit_kill_start(le);
				break;
			case 'k':
				lineedit_kill_end(le);
				break;
			case 'y':
				lineedit_insert(le, sb_str(&le->kill), le->kill.len);
				break;
			default:
				return LE_IGNORED;
			}
			break;
		}
		if (mods == MOD_ALT) {
			switch (key->cp) {
			case 'b':
				lineedit_word_left(le);
				return LE_MOVED;
			case 'f':
				lineedit_word_right(le);
				return LE_MOVED;
			case 'd':
				cut(le, le->cursor, word_end_after(le, le->cursor), 1);
				break;
			default:
				return LE_IGNORED;
			}
			break;
		}
		return LE_IGNORED;
	default:
		return LE_IGNORED;
	}
	return LE_CHANGED;
}

size_t
lineedit_cursor_col(const struct lineedit *le)
{
	return utf8_width_n(sb_str(&le->text), le->cursor);
}

void
lineedit_window(const struct lineedit *le, size_t width, size_t *start, size_t *cursor_col)
{
	const char *s = sb_str(&le->text);
	size_t len = le->text.len;
	/* a start left inside a character by an edit goes back to the beginning */
	if (*start > le->cursor ||
	    (*start > 0 && *start < len &&
	     (((unsigned char)s[*start] & 0xC0) == 0x80 || is_combining_at(s, len, *start))))
		*start = *start > le->cursor ? le->cursor : 0;
	/* keep a column for the cursor itself */
	size_t room = width > 1 ? width - 1 : 0;
	while (*start < le->cursor && utf8_width_n(s + *start, le->cursor - *start) > room)
		*start = cluster_next(s, len, *start);
	/* room left at the end (text was deleted): show more of the beginning */
	while (*start > 0) {
		size_t p = cluster_prev(s, len, *start);
		if (utf8_width_n(s + p, len - p) > room)
			break;
		*start = p;
	}
	*cursor_col = utf8_width_n(s + *start, le->cursor - *start);
}
