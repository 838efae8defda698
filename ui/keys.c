/* Terminal input decoding (rules in keys.h). */
#include "build-config.h"

#include <string.h>

#include "extension.h"
#include "keys.h"
#include "strbuf.h"
#include "utf8.h"

#define ESC '\033'

static const char paste_end[] = "\033[201~";

/* xterm's modifier parameter: 1 + (shift 1, alt 2, ctrl 4, super 8, meta 32). */
static unsigned
xterm_mods(long p)
{
	unsigned m = 0;
	if (p < 2)
		return 0;
	p -= 1;
	if (p & 1)
		m |= MOD_SHIFT;
	if (p & 2)
		m |= MOD_ALT;
	if (p & 4)
		m |= MOD_CTRL;
	if (p & (8 | 32))
		m |= MOD_CMD;
	return m;
}

/* Uppercase letters with another modifier become lowercase + shift. */
static void
normalise(struct tkey *key)
{
	if (key->kind != TK_CHAR)
		return;
	if (key->cp >= 'A' && key->cp <= 'Z' && (key->mods & ~MOD_SHIFT) != 0) {
		key->cp += 'a' - 'A';
		key->mods |= MOD_SHIFT;
	}
	if (key->mods == MOD_SHIFT && key->cp >= 'a' && key->cp <= 'z') {
		key->cp -= 'a' - 'A';
		key->mods = 0;
	}
}

/* A key from a code point as CSI u and modifyOtherKeys report it. */
static void
key_from_code(struct tkey *key, long code, unsigned mods)
{
	memset(key, 0, sizeof *key);
	key->mods = mods;
	switch (code) {
	case 13:
		key->kind = TK_ENTER;
		break;
	case 9:
		key->kind = TK_TAB;
		break;
	case 27:
		key->kind = TK_ESCAPE;
		break;
	case 8:
	case 127:
		key->kind = TK_BACKSPACE;
		break;
	default:
		if (code >= 32 && code < 0xE000) {
			key->kind = TK_CHAR;
			key->cp = (uint32_t)code;
		} else if (code > 0xF8FF && code <= 0x10FFFF && (code < 0xD800 || code > 0xDFFF)) {
			key->kind = TK_CHAR;
			key->cp = (uint32_t)code;
		} else
			key->kind = TK_UNKNOWN; /* kitty's private-use functional keys */
	}
	normalise(key);
}

/* One byte below 0x20 (or 0x7f) as a key. */
static void
key_from_control(struct tkey *key, unsigned char c)
{
	memset(key, 0, sizeof *key);
	switch (c) {
	case '\r':
		key->kind = TK_ENTER;
		return;
	case '\t':
		key->kind = TK_TAB;
		return;
	case 0x7f:
		key->kind = TK_BACKSPACE;
		return;
	case 0x08:
		key->kind = TK_BACKSPACE;
		key->mods = MOD_CTRL;
		return;
	case 0:
		key->kind = TK_CHAR;
		key->cp = ' ';
		key->mods = MOD_CTRL;
		return;
	}
	key->kind = TK_CHAR;
	key->mods = MOD_CTRL;
	if (c >= 1 && c <= 26)
		key->cp = 'a' + c - 1;
	else /* 0x1c..0x1f: ctrl+\ ] ^ _ */
		key->cp = (uint32_t)("\\]^_"[c - 0x1c]);
}

struct csi {
	char private; /* '<', '?', '>' or 0 */
	long p[8];
	int np;
	char final;
};

/*
 * Parse "ESC [" … final from buf (len bytes, buf[0] == ESC, buf[1] == '[').
 * Returns the length, 0 when incomplete, or -(length) when malformed.
 */
static long
parse_csi(const char *buf, size_t len, struct csi *c)
{
	memset(c, 0, sizeof *c);
	size_t i = 2;
	if (i < len && (buf[i] == '<' || buf[i] == '?' || buf[i] == '>' || buf[i] == '='))
		c->private = buf[i++];
	long cur = -1;
	for (; i < len; i++) {
		unsigned char b = (unsigned char)buf[i];
		if (b >= '0' && b <= '9') {
			if (cur < 0)
				cur = 0;
			if (cur < 1000000)
				cur = cur * 10 + (b - '0');
		} else if (b == ';' || b == ':') {
			/* kitty's sub-parameters (code:shifted:base) keep the first only */
			if (b == ':') {
				while (i + 1 < len && ((buf[i + 1] >= '0' && buf[i + 1] <= '9') ||
						       buf[i + 1] == ':'))
					i++;
				continue;
			}
			if (c->np < 8)
				c->p[c->np++] = cur < 0 ? 0 : cur;
			cur = -1;
		} else if (b >= 0x20 && b <= 0x2f) {
			/* intermediates: tolerated, not used */
		} else if (b >= 0x40 && b <= 0x7e) {
			if (cur >= 0 && c->np < 8)
				c->p[c->np++] = cur;
			c->final = (char)b;
			return (long)(i + 1);
		} else {
			return -(long)
				i; /* broken: drop it; the offending byte starts the next key */
		}
	}
	return 0;
}

static size_t
decode_paste(const char *buf, size_t len, size_t start, int final, struct tkey *key)
{
	size_t body = len - start;
	const char *end = NULL;
	for (size_t i = start; i + sizeof paste_end - 1 <= len; i++)
		if (buf[i] == ESC && memcmp(buf + i, paste_end, sizeof paste_end - 1) == 0) {
			end = buf + i;
			break;
		}
	memset(key, 0, sizeof *key);
	key->kind = TK_PASTE;
	key->text = buf + start;
	if (end != NULL) {
		key->text_len = (size_t)(end - (buf + start));
		return (size_t)(end - buf) + sizeof paste_end - 1;
	}
	if (!final && body < KEYS_PASTE_MAX)
		return 0;
	/* No end yet: deliver what arrived; the stray end marker is dropped later.
	 * Never cut a UTF-8 sequence or a partial end marker in half. */
	size_t take = body > KEYS_PASTE_MAX ? KEYS_PASTE_MAX : body;
	if (!final)
		while (take > 0 && ((unsigned char)buf[start + take] & 0xC0) == 0x80)
			take--;
	key->text_len = take;
	return start + take;
}

static void
key_cursor(struct tkey *key, char final, unsigned mods)
{
	memset(key, 0, sizeof *key);
	key->mods = mods;
	switch (final) {
	case 'A':
		key->kind = TK_UP;
		break;
	case 'B':
		key->kind = TK_DOWN;
		break;
	case 'C':
		key->kind = TK_RIGHT;
		break;
	case 'D':
		key->kind = TK_LEFT;
		break;
	case 'H':
		key->kind = TK_HOME;
		break;
	case 'F':
		key->kind = TK_END;
		break;
	case 'P':
	case 'Q':
	case 'R':
	case 'S':
		key->kind = TK_FN;
		key->fn = final - 'P' + 1;
		break;
	case 'M':
		key->kind = TK_ENTER; /* keypad enter in application mode */
		break;
	case 'Z':
		key->kind = TK_TAB;
		key->mods |= MOD_SHIFT;
		break;
	default:
		key->kind = TK_UNKNOWN;
	}
}

static void
key_tilde(struct tkey *key, long n, unsigned mods)
{
	static const struct {
		int n;
		enum tkey_kind kind;
		int fn;
	} table[] = {
		{1, TK_HOME, 0},   {7, TK_HOME, 0},   {4, TK_END, 0},     {8, TK_END, 0},
		{2, TK_INSERT, 0}, {3, TK_DELETE, 0}, {5, TK_PAGE_UP, 0}, {6, TK_PAGE_DOWN, 0},
		{11, TK_FN, 1},    {12, TK_FN, 2},    {13, TK_FN, 3},     {14, TK_FN, 4},
		{15, TK_FN, 5},    {17, TK_FN, 6},    {18, TK_FN, 7},     {19, TK_FN, 8},
		{20, TK_FN, 9},    {21, TK_FN, 10},   {23, TK_FN, 11},    {24, TK_FN, 12},
	};
	memset(key, 0, sizeof *key);
	key->mods = mods;
	key->kind = TK_UNKNOWN;
	for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
		if (table[i].n == n) {
			key->kind = table[i].kind;
			key->fn = table[i].fn;
		}
}

static void
key_mouse(struct tkey *key, long b, long x, long y, int press)
{
	memset(key, 0, sizeof *key);
	key->kind = TK_MOUSE;
	key->x = x > 0 ? (int)x - 1 : 0;
	key->y = y > 0 ? (int)y - 1 : 0;
	key->press = press;
	if (b & 4)
		key->mods |= MOD_SHIFT;
	if (b & 8)
		key->mods |= MOD_ALT;
	if (b & 16)
		key->mods |= MOD_CTRL;
	if (b & 64)
		key->button = (b & 1) ? TM_WHEEL_DOWN : TM_WHEEL_UP;
	else if (b & 32)
		key->button = TM_MOTION;
	else
		key->button = (enum tmouse_button)(b & 3); /* 3: X10 release */
	if ((b & ~(4 | 8 | 16)) == 3) {
		key->button = TM_RELEASE;
		key->press = 0;
	}
}

static size_t
decode_csi(const char *buf, size_t len, int final, struct tkey *key)
{
	/* X10 mouse: ESC [ M b x y, three raw bytes offset by 32. */
	if (len >= 3 && buf[2] == 'M') {
		if (len < 6)
			return final ? 3 : 0;
		const unsigned char *u = (const unsigned char *)buf;
		key_mouse(key, (long)u[3] - 32, (long)u[4] - 32, (long)u[5] - 32, 1);
		if (key->button == TM_RELEASE)
			key->press = 0;
		return 6;
	}
	struct csi c;
	long n = parse_csi(buf, len, &c);
	if (n == 0) {
		if (!final)
			return 0;
		memset(key, 0, sizeof *key);
		key->kind = TK_UNKNOWN;
		return len;
	}
	if (n < 0) {
		memset(key, 0, sizeof *key);
		key->kind = TK_UNKNOWN;
		return (size_t)-n;
	}
	if (c.private == '<' && (c.final == 'M' || c.final == 'm') && c.np >= 3) {
		key_mouse(key, c.p[0], c.p[1], c.p[2], c.final == 'M');
		return (size_t)n;
	}
	if (c.private != 0) {
		memset(key, 0, sizeof *key);
		key->kind = TK_NONE; /* replies to queries we did not make */
		return (size_t)n;
	}
	unsigned mods = c.np >= 2 ? xterm_mods(c.p[1]) : 0;
	switch (c.final) {
	case '~':
		if (c.np >= 1 && c.p[0] == 200)
			return decode_paste(buf, len, (size_t)n, final, key);
		if (c.np >= 1 && c.p[0] == 201) {
			memset(key, 0, sizeof *key);
			key->kind = TK_NONE;
			return (size_t)n;
		}
		if (c.np >= 3 && c.p[0] == 27) { /* modifyOtherKeys: 27;mods;code~ */
			key_from_code(key, c.p[2], xterm_mods(c.p[1]));
			return (size_t)n;
		}
		key_tilde(key, c.np >= 1 ? c.p[0] : 0, mods);
		return (size_t)n;
	case 'u':
		key_from_code(key, c.np >= 1 ? c.p[0] : 0, mods);
		return (size_t)n;
	case 'I':
	case 'O':
		memset(key, 0, sizeof *key);
		key->kind = TK_NONE; /* focus in/out */
		return (size_t)n;
	default:
		key_cursor(key, c.final, mods);
		return (size_t)n;
	}
}

size_t
keys_decode(const char *buf, size_t len, int final, struct tkey *key)
{
	const unsigned char *u = (const unsigned char *)buf;
	if (len == 0)
		return 0;
	memset(key, 0, sizeof *key);
	if (u[0] == ESC) {
		if (len == 1) {
			if (!final)
				return 0;
			key->kind = TK_ESCAPE;
			return 1;
		}
		if (u[1] == '[') {
			if (len == 2 && !final)
				return 0;
			if (len == 2) { /* alt+[ */
				key->kind = TK_CHAR;
				key->cp = '[';
				key->mods = MOD_ALT;
				return 2;
			}
			return decode_csi(buf, len, final, key);
		}
		if (u[1] == 'O') {
			if (len == 2) {
				if (!final)
					return 0;
				key->kind = TK_CHAR;
				key->cp = 'O';
				key->mods = MOD_ALT;
				normalise(key);
				return 2;
			}
			key_cursor(key, (char)u[2], 0);
			return 3;
		}
		/*
		 * ESC ESC, or ESC and a control key other than Enter and
		 * backspace: Escape typed quickly before another key (alt+ctrl+x
		 * is rarely meant, Esc then ctrl+u often is).
		 */
		if (u[1] == ESC || (u[1] < 0x20 && u[1] != '\r' && u[1] != 0x08)) {
			key->kind = TK_ESCAPE;
			return 1;
		}
		/* alt + whatever key follows */
		size_t used = keys_decode(buf + 1, len - 1, final, key);
		if (used == 0)
			return 0;
		if (key->kind == TK_PASTE || key->kind == TK_MOUSE || key->kind == TK_UNKNOWN) {
			memset(key, 0, sizeof *key);
			key->kind = TK_ESCAPE;
			return 1;
		}
		key->mods |= MOD_ALT;
		normalise(key);
		return used + 1;
	}
	if (u[0] < 0x20 || u[0] == 0x7f) {
		key_from_control(key, u[0]);
		return 1;
	}
	/* UTF-8 text; wait for the rest of a sequence that is cut short */
	size_t need = u[0] >= 0xF0 ? 4 : u[0] >= 0xE0 ? 3 : u[0] >= 0xC0 ? 2 : 1;
	if (len < need && !final) {
		int prefix_ok = 1;
		for (size_t i = 1; i < len; i++)
			prefix_ok &= (u[i] & 0xC0) == 0x80;
		if (prefix_ok)
			return 0;
	}
	uint32_t cp;
	size_t used = utf8_decode(buf, len, &cp);
	key->kind = TK_CHAR;
	key->cp = cp;
	return used;
}

char *
keys_describe(const struct tkey *key)
{
	static const char *const names[] = {
		[TK_NONE] = "none",        [TK_ENTER] = "enter",   [TK_TAB] = "tab",
		[TK_BACKSPACE] = "bspace", [TK_ESCAPE] = "esc",    [TK_UP] = "up",
		[TK_DOWN] = "down",        [TK_LEFT] = "left",     [TK_RIGHT] = "right",
		[TK_HOME] = "home",        [TK_END] = "end",       [TK_PAGE_UP] = "pgup",
		[TK_PAGE_DOWN] = "pgdn",   [TK_INSERT] = "insert", [TK_DELETE] = "delete",
		[TK_PASTE] = "paste",      [TK_MOUSE] = "mouse",   [TK_UNKNOWN] = "unknown",
	};
	struct strbuf sb = STRBUF_INIT;
	if (key->mods & MOD_CTRL)
		sb_add(&sb, "ctrl+");
	if (key->mods & MOD_ALT)
		sb_add(&sb, "alt+");
	if (key->mods & MOD_SHIFT)
		sb_add(&sb, "shift+");
	if (key->mods & MOD_CMD)
		sb_add(&sb, "cmd+");
	if (key->kind == TK_CHAR) {
		char enc[4];
		if (key->cp == ' ')
			sb_add(&sb, "space");
		else
			sb_addn(&sb, enc, utf8_encode(key->cp, enc));
	} else if (key->kind == TK_FN)
		sb_addf(&sb, "f%d", key->fn);
	else
		sb_add(&sb, names[key->kind] != NULL ? names[key->kind] : "unknown");
	return sb_detach(&sb);
}
