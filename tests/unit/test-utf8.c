/* UTF-8 decoding, widths, clipping. */
#include "build-config.h"

#include <locale.h>
#include <stdlib.h>

#include "tap.h"
#include "utf8.h"

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	uint32_t cp;
	is_int(utf8_decode("A", 1, &cp), 1, "ASCII is one byte");
	is_int(cp, 'A', "ASCII code point");
	is_int(utf8_decode("é", 2, &cp), 2, "two-byte sequence");
	is_int(cp, 0xE9, "é");
	is_int(utf8_decode("🐞", 4, &cp), 4, "four-byte sequence");
	is_int(cp, 0x1F41E, "lady beetle");
	is_int(utf8_decode("\xC3", 1, &cp), 1, "truncated sequence consumes one byte");
	is_int(cp, UTF8_REPLACEMENT, "truncated sequence is U+FFFD");
	utf8_decode("\xC0\xAF", 2, &cp);
	is_int(cp, UTF8_REPLACEMENT, "overlong encoding is rejected");
	utf8_decode("\xED\xA0\x80", 3, &cp);
	is_int(cp, UTF8_REPLACEMENT, "surrogates are rejected");
	utf8_decode("\xFF", 1, &cp);
	is_int(cp, UTF8_REPLACEMENT, "0xFF is invalid");

	char buf[4];
	is_int(utf8_encode(0x1F41E, buf), 4, "encode four bytes");
	ok(memcmp(buf, "🐞", 4) == 0, "encode round-trips");

	is_int(utf8_width("abc"), 3, "ASCII width");
	is_int(utf8_width("日本"), 4, "CJK is two columns each");
	is_int(utf8_width("e\xCC\x81"), 1, "a combining accent takes no column");
	is_int(utf8_width("🐞"), 2, "emoji is two columns");
	is_int(utf8_width("a\tb"), 2, "controls take no column");
	ok(utf8_valid("héllo 🐞", strlen("héllo 🐞")), "valid text");
	ok(!utf8_valid("a\xFF", 2), "invalid text");
	ok(utf8_valid("\xEF\xBF\xBD", 3), "an encoded U+FFFD is valid");

	const char *s = "aé🐞";
	is_int(utf8_prev(s, strlen(s)), 3, "prev steps over a 4-byte char");
	is_int(utf8_prev(s, 3), 1, "prev steps over a 2-byte char");
	is_int(utf8_prev(s, 1), 0, "prev to start");

	size_t used;
	char *c = utf8_clip("hello world", 5, &used);
	is_str(c, "hell…", "clip adds an ellipsis");
	is_int(used, 5, "clip uses the width");
	free(c);
	c = utf8_clip("日本語", 4, &used);
	is_str(c, "日…", "clip never splits a wide char");
	is_int(used, 3, "wide clip width");
	free(c);
	c = utf8_clip("short", 10, &used);
	is_str(c, "short", "no clip when it fits");
	free(c);
	c = utf8_clip("abc", 0, &used);
	is_str(c, "", "zero width");
	free(c);
	return done_testing();
}
