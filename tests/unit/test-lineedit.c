/* The one-line editor: UTF-8 and wide-character aware editing. */
#include "build-config.h"

#include <locale.h>

#include "extension.h"
#include "keys.h"
#include "lineedit.h"
#include "tap.h"

static struct tkey
ch(uint32_t cp, unsigned mods)
{
	struct tkey k = {0};
	k.kind = TK_CHAR;
	k.cp = cp;
	k.mods = mods;
	return k;
}

static struct tkey
key(enum tkey_kind kind, unsigned mods)
{
	struct tkey k = {0};
	k.kind = kind;
	k.mods = mods;
	return k;
}

static void
press(struct lineedit *le, struct tkey k)
{
	lineedit_key(le, &k);
}

/* The text with the cursor shown as '|'. */
static const char *
show(const struct lineedit *le)
{
	static char buf[512];
	snprintf(buf, sizeof buf, "%.*s|%s", (int)le->cursor, lineedit_text(le),
		 lineedit_text(le) + le->cursor);
	return buf;
}

static void
type(struct lineedit *le, const char *s)
{
	lineedit_insert(le, s, strlen(s));
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	struct lineedit le = LINEEDIT_INIT;

	type(&le, "héllo");
	is_str(show(&le), "héllo|", "typing inserts at the cursor");
	press(&le, key(TK_LEFT, 0));
	press(&le, key(TK_LEFT, 0));
	press(&le, key(TK_LEFT, 0));
	press(&le, key(TK_LEFT, 0));
	is_str(show(&le), "h|éllo", "left moves over a two-byte character whole");
	press(&le, key(TK_RIGHT, 0));
	is_str(show(&le), "hé|llo", "right moves over it whole");
	press(&le, key(TK_BACKSPACE, 0));
	is_str(show(&le), "h|llo", "backspace deletes the whole character");
	press(&le, key(TK_HOME, 0));
	is_str(show(&le), "|hllo", "home");
	press(&le, key(TK_END, 0));
	is_str(show(&le), "hllo|", "end");
	press(&le, ch('a', MOD_CTRL));
	is_str(show(&le), "|hllo", "ctrl+a");
	press(&le, ch('e', MOD_CTRL));
	is_str(show(&le), "hllo|", "ctrl+e");
	press(&le, key(TK_RIGHT, 0));
	is_str(show(&le), "hllo|", "right at the end stays");
	press(&le, key(TK_HOME, 0));
	press(&le, key(TK_BACKSPACE, 0));
	press(&le, key(TK_LEFT, 0));
	is_str(show(&le), "|hllo", "backspace and left at the start do nothing");
	press(&le, key(TK_DELETE, 0));
	is_str(show(&le), "|llo", "delete removes the character under the cursor");

	/* wide characters and combining marks */
	lineedit_set(&le, "日本語");
	ok(lineedit_cursor_col(&le) == 6, "wide characters take two columns each");
	press(&le, key(TK_LEFT, 0));
	is_str(show(&le), "日本|語", "left over a wide character");
	ok(lineedit_cursor_col(&le) == 4, "the cursor column counts wide characters");
	lineedit_set(&le, "cafe\xcc\x81!");
	press(&le, key(TK_LEFT, 0));
	press(&le, key(TK_LEFT, 0));
	is_str(show(&le), "caf|e\xcc\x81!", "left skips a base letter and its combining accent");
	press(&le, key(TK_RIGHT, 0));
	press(&le, key(TK_BACKSPACE, 0));
	is_str(show(&le), "caf|!", "backspace deletes a letter with its combining accent");
	lineedit_set(&le, "a👍🏽b");
	press(&le, key(TK_LEFT, 0));
	press(&le, key(TK_LEFT, 0));
	ok(le.cursor > 0 && le.cursor < strlen("a👍🏽"),
	   "the cursor stays on character boundaries");

	/* words */
	lineedit_set(&le, "open the  pod-bay doors");
	press(&le, ch('b', MOD_ALT));
	is_str(show(&le), "open the  pod-bay |doors", "alt+b to the start of the word");
	press(&le, ch('b', MOD_ALT));
	press(&le, ch('b', MOD_ALT));
	is_str(show(&le), "open the  |pod-bay doors", "alt+b stops at punctuation");
	press(&le, ch('f', MOD_ALT));
	is_str(show(&le), "open the  pod|-bay doors", "alt+f to the end of the word");
	press(&le, key(TK_LEFT, MOD_CTRL));
	is_str(show(&le), "open the  |pod-bay doors", "ctrl+left is a word left");
	press(&le, key(TK_END, 0));
	press(&le, ch('w', MOD_CTRL));
	is_str(show(&le), "open the  pod-bay |", "ctrl+w deletes the word before the cursor");
	press(&le, ch('w', MOD_CTRL));
	is_str(show(&le), "open the  |", "ctrl+w treats punctuation as part of a word");
	press(&le, ch('y', MOD_CTRL));
	is_str(show(&le), "open the  pod-bay |", "ctrl+y pastes the last deletion");
	press(&le, key(TK_BACKSPACE, MOD_ALT));
	is_str(show(&le), "open the  pod-|", "alt+backspace deletes an alphanumeric word");
	press(&le, ch('a', MOD_CTRL));
	press(&le, ch('d', MOD_ALT));
	is_str(show(&le), "| the  pod-", "alt+d deletes the word after the cursor");
	lineedit_set(&le, "one two three");
	press(&le, ch('b', MOD_ALT));
	press(&le, ch('k', MOD_CTRL));
	is_str(show(&le), "one two |", "ctrl+k deletes to the end");
	press(&le, ch('u', MOD_CTRL));
	is_str(show(&le), "|", "ctrl+u deletes to the start");
	lineedit_set(&le, "日本 語");
	press(&le, ch('w', MOD_CTRL));
	is_str(show(&le), "日本 |", "ctrl+w works on wide characters");

	/* paste and cleaning */
	lineedit_set(&le, "");
	struct tkey paste = key(TK_PASTE, 0);
	paste.text = "line1\nline2\tx\x1b[31m\x07";
	paste.text_len = strlen(paste.text);
	press(&le, paste);
	is_str(lineedit_text(&le), "line1 line2 x[31m",
	       "a paste: breaks and tabs become spaces, controls are dropped");
	lineedit_set(&le, "ab");
	press(&le, key(TK_LEFT, 0));
	type(&le, "\xff\xfe"
		  "é");
	is_str(show(&le), "aé|b", "invalid bytes are dropped; insertion in the middle");
	lineedit_set(&le, "a\xc2\x9b"
			  "b");
	is_str(lineedit_text(&le), "ab", "C1 controls are dropped");
	ok(lineedit_key(&le, &(struct tkey){.kind = TK_UP}) == LE_IGNORED,
	   "keys that are not editing keys are ignored");
	ok(lineedit_key(&le, &(struct tkey){.kind = TK_CHAR, .cp = 'x', .mods = MOD_CTRL}) ==
		   LE_IGNORED,
	   "unbound control keys are ignored");
	ok(lineedit_key(&le, &(struct tkey){.kind = TK_CHAR, .cp = 'X'}) == LE_CHANGED,
	   "uppercase letters are text");

	/* the visible window */
	lineedit_set(&le, "abcdefghij");
	size_t start = 0, col;
	lineedit_window(&le, 5, &start, &col);
	ok(start == 6 && col == 4, "the window scrolls to keep the cursor visible");
	press(&le, key(TK_HOME, 0));
	lineedit_window(&le, 5, &start, &col);
	ok(start == 0 && col == 0, "and back when the cursor goes home");
	press(&le, key(TK_RIGHT, 0));
	lineedit_window(&le, 5, &start, &col);
	ok(start == 0 && col == 1, "moving inside the window does not scroll");
	lineedit_set(&le, "日本語日本語");
	start = 0;
	lineedit_window(&le, 5, &start, &col);
	ok(col <= 4 && col % 2 == 0, "the window never splits a wide character");
	lineedit_set(&le, "abc");
	start = 2;
	lineedit_window(&le, 10, &start, &col);
	ok(start == 0 && col == 3, "a short text is shown whole again");
	lineedit_window(&le, 0, &start, &col);
	ok(col == 0, "a zero-width window does not crash");

	lineedit_free(&le);
	lineedit_free(&le);
	return done_testing();
}
