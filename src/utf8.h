/*
 * UTF-8 decoding and terminal display width.  Width comes from wcwidth(), so
 * main() selects a UTF-8 LC_CTYPE first.  Invalid bytes decode as U+FFFD,
 * one byte at a time, so hostile input can never stall a loop.
 */
#ifndef CHITTY_UTF8_H
#define CHITTY_UTF8_H

#include <stddef.h>
#include <stdint.h>

#define UTF8_REPLACEMENT 0xFFFD

/* Decode the code point at s (at most len bytes); returns the bytes used (>= 1). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Encode cp into out (4 bytes room); returns the bytes written. */
size_t utf8_encode(uint32_t cp, char *out);
/* Columns a code point takes: 0 (combining, zero-width), 1 or 2.  Controls count 0. */
int utf8_cp_width(uint32_t cp);
/* Columns a string takes. */
size_t utf8_width(const char *s);
size_t utf8_width_n(const char *s, size_t len);
/* 1 when s[0..len) is well-formed UTF-8. */
int utf8_valid(const char *s, size_t len);
/* Start of the code point before pos (pos > 0), for cursor movement. */
size_t utf8_prev(const char *s, size_t pos);
/*
 * Copy s clipped to at most width columns; when clipped, the last column is
 * "…".  Returns a new string; *used (may be NULL) gets the columns used.
 */
char *utf8_clip(const char *s, size_t width, size_t *used);

#endif
