#include "build-config.h"

#include <string.h>
#include <wchar.h>

#include "strbuf.h"
#include "utf8.h"
#include "xmalloc.h"

size_t
utf8_decode(const char *s, size_t len, uint32_t *cp)
{
	const unsigned char *u = (const unsigned char *)s;
	if (len == 0) {
		*cp = UTF8_REPLACEMENT;
		return 1;
	}
	if (u[0] < 0x80) {
		*cp = u[0];
		return 1;
	}
	size_t need;
	uint32_t c, min;
	if ((u[0] & 0xE0) == 0xC0)
		need = 2, c = u[0] & 0x1F, min = 0x80;
	else if ((u[0] & 0xF0) == 0xE0)
		need = 3, c = u[0] & 0x0F, min = 0x800;
	else if ((u[0] & 0xF8) == 0xF0)
		need = 4, c = u[0] & 0x07, min = 0x10000;
	else
		goto bad;
	if (len < need)
		goto bad;
	for (size_t i = 1; i < need; i++) {
		if ((u[i] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (u[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		goto bad;
	*cp = c;
	return need;
bad:
	*cp = UTF8_REPLACEMENT;
	return 1;
}

size_t
utf8_encode(uint32_t cp, char *out)
{
	unsigned char *o = (unsigned char *)out;
	if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		cp = UTF8_REPLACEMENT;
	if (cp < 0x80) {
		o[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (unsigned char)(0xC0 | (cp >> 6));
		o[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (unsigned char)(0xE0 | (cp >> 12));
		o[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (unsigned char)(0xF0 | (cp >> 18));
	o[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

int
utf8_cp_width(uint32_t cp)
{
	if (cp < 0x20 || cp == 0x7F)
		return 0;
	if (cp < 0x7F)
		return 1;
	int w = wcwidth((wchar_t)cp);
	if (w < 0)
		return cp >= 0x80 && cp < 0xA0 ? 0
					       : 1; /* C1 controls vanish; unknowns take a cell */
	return w;
}

size_t
utf8_width_n(const char *s, size_t len)
{
	size_t width = 0;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		i += utf8_decode(s + i, len - i, &cp);
		width += (size_t)utf8_cp_width(cp);
	}
	return width;
}

size_t
utf8_width(const char *s)
{
	return utf8_width_n(s, strlen(s));
}

int
utf8_valid(const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT && !(n == 3 && memcmp(s + i, "\xEF\xBF\xBD", 3) == 0))
			return 0;
		i += n;
	}
	return 1;
}

size_t
utf8_prev(const char *s, size_t pos)
{
	if (pos == 0)
		return 0;
	size_t p = pos - 1;
	while (p > 0 && pos - p < 4 && ((unsigned char)s[p] & 0xC0) == 0x80)
		p--;
	return p;
}

char *
utf8_clip(const char *s, size_t width, size_t *used)
{
	size_t len = strlen(s);
	size_t total = utf8_width_n(s, len);
	if (total <= width) {
		if (used != NULL)
			*used = total;
		return xstrdup(s);
	}
	struct strbuf sb = STRBUF_INIT;
	size_t cols = 0;
	if (width == 0)
		goto out;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		size_t w = (size_t)utf8_cp_width(cp);
		if (cols + w > width - 1)
			break;
		sb_addn(&sb, s + i, n);
		cols += w;
		i += n;
	}
	sb_add(&sb, "…");
	cols++;
out:
	if (used != NULL)
		*used = cols;
	return sb_detach(&sb);
}
