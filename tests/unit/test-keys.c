/* Terminal input decoding: every sequence chitty understands, and junk. */
#include "build-config.h"

#include <locale.h>

#include "extension.h"
#include "keys.h"
#include "tap.h"

/* Decode all of s (final), describing each key; keys separated by spaces. */
static char *
decode_all(const char *s, size_t len)
{
	static char out[1024];
	out[0] = '\0';
	size_t pos = 0;
	while (pos < len) {
		struct tkey k;
		size_t used = keys_decode(s + pos, len - pos, 1, &k);
		if (used == 0) {
			strcat(out, "<stall>");
			break;
		}
		char *d = keys_describe(&k);
		if (out[0] != '\0')
			strcat(out, " ");
		if (k.kind == TK_PASTE) {
			strcat(out, "paste[");
			strncat(out, k.text, k.text_len);
			strcat(out, "]");
		} else if (k.kind == TK_MOUSE) {
			char m[64];
			snprintf(m, sizeof m, "mouse(%d,%d,%d,%s)", k.button, k.x, k.y,
				 k.press ? "press" : "release");
			strcat(out, m);
		} else
			strcat(out, d);
		free(d);
		pos += used;
	}
	return out;
}

#define KEYS(bytes, want, name) is_str(decode_all(bytes, sizeof(bytes) - 1), want, name)

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");

	KEYS("ab", "a b", "plain letters");
	KEYS("é日", "é 日", "UTF-8 characters");
	KEYS("\x01\x05\x0b\x15\x17", "ctrl+a ctrl+e ctrl+k ctrl+u ctrl+w",
	     "C0 controls as ctrl+letter");
	KEYS("\r\t\x7f\x08", "enter tab bspace ctrl+bspace", "enter, tab, backspace and ctrl+h");
	KEYS("\x1b", "esc", "a lone ESC is Escape once input pauses");
	KEYS("\x1b"
	     "b"
	     "\x1b"
	     "f",
	     "alt+b alt+f", "alt+letter");
	KEYS("\x1b"
	     "B",
	     "alt+shift+b", "alt+uppercase is alt+shift+letter");
	KEYS("\x1b\r", "alt+enter", "alt+enter");
	KEYS("\x1b\x7f", "alt+bspace", "alt+backspace");
	KEYS("\x1b\x1b", "esc esc", "two Escapes");
	KEYS("\x1b\x15", "esc ctrl+u", "Esc then a control key is two keys");
	KEYS("\x1b[A\x1b[B\x1b[C\x1b[D", "up down right left", "CSI arrows");
	KEYS("\x1bOA\x1bOD\x1bOH\x1bOF", "up left home end", "SS3 (application mode) keys");
	KEYS("\x1b[1;5C\x1b[1;3D\x1b[1;2A", "ctrl+right alt+left shift+up", "modified arrows");
	KEYS("\x1b[H\x1b[F\x1b[1~\x1b[4~\x1b[7~\x1b[8~", "home end home end home end",
	     "every spelling of home and end");
	KEYS("\x1b[5~\x1b[6~\x1b[3~\x1b[2~", "pgup pgdn delete insert", "editing keys");
	KEYS("\x1b[5;5~", "ctrl+pgup", "modified editing key");
	KEYS("\x1b[Z", "shift+tab", "back tab");
	KEYS("\x1bOP\x1b[15~\x1b[24~", "f1 f5 f12", "function keys");
	KEYS("\x1b[13;5u\x1b[13;3u", "ctrl+enter alt+enter", "CSI u enter with modifiers");
	KEYS("\x1b[99;6u", "ctrl+shift+c", "CSI u ctrl+shift+letter");
	KEYS("\x1b[99;5u\x1b[27u", "ctrl+c esc", "kitty's disambiguated ctrl+c and Escape");
	KEYS("\x1b[27;5;13~", "ctrl+enter", "xterm modifyOtherKeys ctrl+enter");
	KEYS("\x1b[97:65;2u", "A", "CSI u shift+letter is the uppercase letter");
	KEYS("\x1b[57441;2u", "shift+unknown", "kitty private-use keys are unknown");
	KEYS("\x1b[200~hello\nworld\x1b[201~x", "paste[hello\nworld] x", "bracketed paste");
	KEYS("\x1b[200~\x1b[A\x1b[201~", "paste[\x1b[A]",
	     "escape sequences inside a paste are text");
	KEYS("\x1b[201~", "none", "a stray paste end is ignored");
	KEYS("\x1b[<0;10;5M\x1b[<0;10;5m", "mouse(0,9,4,press) mouse(0,9,4,release)",
	     "SGR mouse click");
	KEYS("\x1b[<64;1;1M\x1b[<65;3;2M", "mouse(3,0,0,press) mouse(4,2,1,press)",
	     "SGR mouse wheel");
	KEYS("\x1b[M !!", "mouse(0,0,0,press)", "X10 mouse");
	KEYS("\x1b[I\x1b[O", "none none", "focus events are consumed");
	KEYS("\x1b[?1;2c", "none", "terminal replies are consumed");
	KEYS("\x1b[1;5", "unknown", "a cut-off CSI at the end of input is unknown");
	KEYS("\x1b[12\x01", "unknown ctrl+a", "a malformed CSI is dropped, the next key survives");
	KEYS("\x1b[12\x1b[A", "unknown up", "a CSI broken by ESC keeps the next sequence");
	KEYS("\xff\xfe", "\xef\xbf\xbd \xef\xbf\xbd", "invalid bytes are U+FFFD, one at a time");
	KEYS("\x00\x1c\x1d", "ctrl+space ctrl+\\ ctrl+]", "other C0 controls");

	/* Partial input: wait for more rather than guess. */
	struct tkey k;
	ok(keys_decode("\x1b", 1, 0, &k) == 0, "a lone ESC waits for more");
	ok(keys_decode("\x1b[", 2, 0, &k) == 0, "ESC [ waits for more");
	ok(keys_decode("\x1b[1;5", 5, 0, &k) == 0, "a partial CSI waits for more");
	ok(keys_decode("\xe6\x97", 2, 0, &k) == 0, "a partial UTF-8 character waits");
	ok(keys_decode("\x1b[200~abc", 9, 0, &k) == 0, "an unfinished paste waits");
	size_t used = keys_decode("\x1b[200~abc", 9, 1, &k);
	ok(used == 9 && k.kind == TK_PASTE && k.text_len == 3,
	   "an unfinished paste is delivered when input pauses");
	ok(keys_decode("\x1b[<0;1", 6, 0, &k) == 0, "a partial mouse report waits");
	used = keys_decode("\x1b[M !", 5, 0, &k);
	ok(used == 0, "a partial X10 mouse report waits");

	/* A paste over the limit comes in pieces. */
	size_t big = KEYS_PASTE_MAX + 100;
	char *buf = malloc(big + 20);
	memcpy(buf, "\x1b[200~", 6);
	memset(buf + 6, 'x', big);
	used = keys_decode(buf, big + 6, 0, &k);
	ok(used > 0 && k.kind == TK_PASTE && k.text_len == KEYS_PASTE_MAX,
	   "a paste larger than KEYS_PASTE_MAX is cut");
	free(buf);

	/* Random bytes never stall or overrun. */
	unsigned seed = 7;
	int stalled = 0;
	for (int round = 0; round < 2000; round++) {
		unsigned char junk[32];
		for (size_t i = 0; i < sizeof junk; i++) {
			seed = seed * 1103515245u + 12345u;
			junk[i] = (unsigned char)(seed >> 16);
			if (i % 5 == 0)
				junk[i] = 0x1b;
		}
		size_t pos = 0;
		while (pos < sizeof junk) {
			size_t n = keys_decode((const char *)junk + pos, sizeof junk - pos, 1, &k);
			if (n == 0 || n > sizeof junk - pos) {
				stalled = 1;
				break;
			}
			pos += n;
		}
	}
	ok(!stalled, "random input always decodes to the end");
	return done_testing();
}
