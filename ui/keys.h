/*
 * Terminal input decoding: the bytes a terminal sends become key events.
 * Pure (no I/O, no curses), so every sequence is unit-tested.
 *
 * Understood: UTF-8 text; C0 controls as ctrl+letter; ESC-prefixed keys as
 * alt+key; CSI and SS3 cursor, editing and function keys with xterm's
 * modifier parameter; xterm's modifyOtherKeys (CSI 27;m;code~) and the
 * kitty/fixterms form (CSI code;m u), which is how ctrl+enter and
 * ctrl+shift+letter arrive; bracketed paste (CSI 200~ … CSI 201~) as one
 * event; SGR mouse reports (CSI < b;x;y M/m) and legacy X10 ones.
 * Anything else is consumed and reported as TK_UNKNOWN, so hostile input
 * can never stall the decoder.
 *
 * ESC followed by ESC or by a control byte other than Enter and ctrl+h is
 * Escape and then that key: someone typing Esc, ctrl+u quickly means
 * that, not alt+ctrl+u.
 *
 * Normalisation, so a binding matches however the terminal spells a key:
 * an uppercase ASCII letter is its lowercase letter with MOD_SHIFT only
 * when another modifier is held (plain 'K' stays text); ctrl+h and 0x7f
 * are TK_BACKSPACE; ctrl+i is TK_TAB; ctrl+m is TK_ENTER.  Modifiers use
 * extension.h's MOD_* bits (super/meta reports become MOD_CMD).
 */
#ifndef CHITTY_KEYS_H
#define CHITTY_KEYS_H

#include <stddef.h>
#include <stdint.h>

enum tkey_kind {
	TK_NONE, /* consumed, nothing to report (focus events, stray paste end) */
	TK_CHAR, /* cp: a character; with MOD_CTRL/MOD_ALT a control key */
	TK_ENTER,
	TK_TAB, /* shift+tab is TK_TAB with MOD_SHIFT */
	TK_BACKSPACE,
	TK_ESCAPE,
	TK_UP,
	TK_DOWN,
	TK_LEFT,
	TK_RIGHT,
	TK_HOME,
	TK_END,
	TK_PAGE_UP,
	TK_PAGE_DOWN,
	TK_INSERT,
	TK_DELETE,
	TK_FN,    /* fn: 1..24 */
	TK_PASTE, /* text, text_len: the pasted bytes */
	TK_MOUSE,
	TK_UNKNOWN, /* a sequence chitty does not know */
};

enum tmouse_button {
	TM_LEFT,
	TM_MIDDLE,
	TM_RIGHT,
	TM_WHEEL_UP,
	TM_WHEEL_DOWN,
	TM_MOTION,
	TM_RELEASE, /* X10 reports releases without saying which button */
};

struct tkey {
	enum tkey_kind kind;
	uint32_t cp;   /* TK_CHAR */
	unsigned mods; /* MOD_* from extension.h */
	int fn;        /* TK_FN */
	/* TK_MOUSE: 0-based cell, button, press (1) or release (0) */
	int x, y;
	enum tmouse_button button;
	int press;
	/* TK_PASTE: borrowed from the buffer given to keys_decode */
	const char *text;
	size_t text_len;
};

/* Pastes larger than this are cut into several TK_PASTE events. */
#define KEYS_PASTE_MAX (1u << 20)

/*
 * Decode one key from buf[0..len).  Returns the bytes it used (>= 1) with
 * *key filled, or 0 when buf holds only the start of a sequence and more
 * bytes may follow.  With final set (no byte arrived for a while), a
 * partial sequence is resolved: a lone ESC is the Escape key, a partial
 * paste is delivered as it is.
 */
size_t keys_decode(const char *buf, size_t len, int final, struct tkey *key);

/* "ctrl+alt+k", "shift+tab", "pgdn", "é": for hints and tests (a new string). */
char *keys_describe(const struct tkey *key);

#endif
