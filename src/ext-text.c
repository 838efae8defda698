/* Text rules of the extension format: slugs, placeholders, intervals, versions. */
#include "build-config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ext-text.h"
#include "strbuf.h"
#include "strv.h"
#include "utf8.h"
#include "xmalloc.h"

/*
 * Non-ASCII code points that separate words in a slug: punctuation, symbols,
 * emoji, spaces and joiners.  Everything else outside ASCII is taken to be a
 * letter (Latin accents, Greek, Cyrillic, CJK, …), so titles in any script
 * keep a readable id.  Ranges, not a Unicode database: good enough for ids.
 */
static int
is_separator_cp(uint32_t cp)
{
	static const uint32_t ranges[][2] = {
		{0x0080, 0x00BF},   {0x00D7, 0x00D7}, {0x00F7, 0x00F7},   {0x2000, 0x2BFF},
		{0x2E00, 0x2E7F},   {0x3000, 0x303F}, {0xFE00, 0xFE1F},   {0xFE30, 0xFE6F},
		{0xFEFF, 0xFEFF},   {0xFF00, 0xFF0F}, {0xFF1A, 0xFF20},   {0xFF3B, 0xFF40},
		{0xFF5B, 0xFF65},   {0xFFF0, 0xFFFF}, {0x1F000, 0x1FAFF}, {0xE0000, 0xE007F},
		{0xE0100, 0xE01EF},
	};
	for (size_t i = 0; i < nitems(ranges); i++)
		if (cp >= ranges[i][0] && cp <= ranges[i][1])
			return 1;
	return 0;
}

char *
ext_slugify(const char *text)
{
	struct strbuf sb = STRBUF_INIT;
	int pending_dash = 0;
	size_t len = strlen(text);
	for (size_t i = 0; i < len;) {
		unsigned char c = (unsigned char)text[i];
		if (c < 0x80) {
			i++;
			if (isalnum(c)) {
				if (pending_dash && sb.len > 0)
					sb_addc(&sb, '-');
				pending_dash = 0;
				sb_addc(&sb, (char)tolower(c));
			} else
				pending_dash = 1;
			continue;
		}
		uint32_t cp;
		size_t n = utf8_decode(text + i, len - i, &cp);
		if (cp == UTF8_REPLACEMENT || is_separator_cp(cp)) {
			pending_dash = 1;
		} else {
			if (pending_dash && sb.len > 0)
				sb_addc(&sb, '-');
			pending_dash = 0;
			if (cp >= 0xC0 && cp <= 0xDE) /* Latin-1 capitals: À -> à */
				cp += 0x20;
			char buf[4];
			sb_addn(&sb, buf, utf8_encode(cp, buf));
		}
		i += n;
	}
	return sb_detach(&sb);
}

int
ext_name_valid(const char *name)
{
	if (name == NULL || *name == '\0' || *name == '.' || *name == '-')
		return 0;
	for (const char *p = name; *p != '\0'; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' && *p != '-')
			return 0;
	return 1;
}

static int
is_input_name(const char *s, size_t len)
{
	if (len == 0)
		return 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!isalnum(c) && c != '_' && c != '-' && c != '.' && c != ' ' && c < 0x80)
			return 0;
	}
	return 1;
}

static void
push_unique(struct strv *sv, const char *s, size_t len)
{
	if (sv == NULL)
		return;
	char *name = xstrndup(s, len);
	if (strv_contains(sv, name))
		free(name);
	else
		strv_push_owned(sv, name);
}

/* The first word of s[0..len) after skipping blanks: *word, returns its length. */
static size_t
first_word(const char *s, size_t len, const char **word)
{
	size_t i = 0;
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	size_t start = i;
	while (i < len && s[i] != ' ' && s[i] != '\t')
		i++;
	*word = s + start;
	return i - start;
}

int
ext_next_placeholder(const char *code, size_t *pos, struct ext_placeholder *ph)
{
	const char *p = code + *pos;
	while ((p = strstr(p, "{{")) != NULL) {
		const char *open = p;
		const char *start = p + 2;
		const char *end = strstr(start, "}}");
		if (end == NULL)
			break;
		/* "{{{x}}}" and "{{a{{b}}": restart at the innermost "{{". */
		const char *inner = start;
		while (inner < end && *inner == '{')
			inner++;
		const char *nested = strstr(inner, "{{");
		if (nested != NULL && nested < end) {
			p = nested;
			continue;
		}
		const char *s = inner; /* "{{{raw}}}" is Handlebars' unescaped form of raw */
		size_t len = (size_t)(end - inner);
		while (len > 0 && (*s == ' ' || *s == '\t')) {
			s++;
			len--;
		}
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		p = end + 2;
		/* The closing braces of "{{{raw}}}" that match the extra opening ones. */
		for (const char *b = start; b < inner && *p == '}'; b++)
			p++;
		if (len == 0 || memchr(s, '\n', len) != NULL)
			continue;
		const char *word;
		size_t wlen;
		ph->kind = PH_INPUT;
		if (len > 3 && strncmp(s, "#if", 3) == 0 && (s[3] == ' ' || s[3] == '\t')) {
			wlen = first_word(s + 3, len - 3, &word);
			if (wlen == 0)
				continue;
			ph->kind = PH_IF;
		} else if (len >= 4 && strncmp(s, "else", 4) == 0 &&
			   (len == 4 || s[4] == ' ' || s[4] == '\t')) {
			wlen = first_word(s + 4, len - 4, &word);
			if (wlen == 0) {
				ph->kind = PH_ELSE;
			} else if (wlen == 2 && strncmp(word, "if", 2) == 0) {
				const char *after = word + 2;
				wlen = first_word(after, len - (size_t)(after - s), &word);
				if (wlen == 0)
					continue;
				ph->kind = PH_ELSE_IF;
			} else
				continue;
		} else if (len == 3 && strncmp(s, "/if", 3) == 0) {
			ph->kind = PH_END_IF;
			word = s, wlen = 0;
		} else if (*s == '#' || *s == '/' || *s == '!' || *s == '>') {
			continue; /* other block helpers, closers, comments, partials */
		} else if (is_input_name(s, len)) {
			word = s, wlen = len;
		} else
			continue;
		ph->start = (size_t)(open - code);
		ph->end = (size_t)(p - code);
		ph->name = word;
		ph->name_len = wlen;
		*pos = ph->end;
		return 1;
	}
	*pos = strlen(code);
	return 0;
}

void
ext_scan_placeholders(const char *code, struct strv *inputs, struct strv *flags)
{
	struct ext_placeholder ph;
	size_t pos = 0;
	while (ext_next_placeholder(code, &pos, &ph)) {
		if (ph.kind == PH_INPUT)
			push_unique(inputs, ph.name, ph.name_len);
		else if (ph.kind == PH_IF || ph.kind == PH_ELSE_IF)
			push_unique(flags, ph.name, ph.name_len);
	}
}

int
ext_scan_positional(const char *code)
{
	for (const char *p = code; (p = strchr(p, '$')) != NULL; p++) {
		if (p > code && p[-1] == '\\')
			continue;
		if (p[1] == '$') {
			p++; /* $$ is the shell's pid */
			continue;
		}
		const char *q = p + 1;
		if (*q == '{')
			q++;
		if ((*q >= '1' && *q <= '9') || *q == '@')
			return 1;
	}
	return 0;
}

long
ext_interval_seconds(const char *interval)
{
	if (interval == NULL || !isdigit((unsigned char)interval[0]))
		return -1;
	char *end;
	long n = strtol(interval, &end, 10);
	if (n <= 0 || n > 100000000 || end[0] == '\0' || end[1] != '\0')
		return -1;
	switch (*end) {
	case 's':
		return n;
	case 'm':
		return n * 60;
	case 'h':
		return n * 3600;
	case 'd':
		return n * 86400;
	}
	return -1;
}

/* Parse one numeric part; returns the position after it, or NULL. */
static const char *
version_part(const char *s, long *out)
{
	if (!isdigit((unsigned char)*s))
		return NULL;
	long n = 0;
	while (isdigit((unsigned char)*s)) {
		if (n < 100000000)
			n = n * 10 + (*s - '0');
		s++;
	}
	*out = n;
	return s;
}

static int
version_parts(const char *v, long parts[4])
{
	memset(parts, 0, 4 * sizeof *parts);
	if (v == NULL)
		return 0;
	if (*v == 'v' || *v == 'V')
		v++;
	for (int i = 0; i < 4; i++) {
		v = version_part(v, &parts[i]);
		if (v == NULL)
			return 0;
		if (*v == '\0' || *v == '-' || *v == '+')
			return 1;
		if (*v != '.')
			return 0;
		v++;
	}
	return 0;
}

int
ext_version_compare(const char *a, const char *b, int *valid)
{
	long pa[4], pb[4];
	int ok = version_parts(a, pa) & version_parts(b, pb);
	if (valid != NULL)
		*valid = ok;
	for (int i = 0; i < 4; i++)
		if (pa[i] != pb[i])
			return pa[i] < pb[i] ? -1 : 1;
	return 0;
}

void
ext_append_entity(struct strbuf *sb, const char *text, size_t size)
{
	static const struct {
		const char *name, *value;
	} named[] = {{"&amp;", "&"},   {"&lt;", "<"},   {"&gt;", ">"},
		     {"&quot;", "\""}, {"&apos;", "'"}, {"&nbsp;", " "}};
	for (size_t i = 0; i < nitems(named); i++) {
		if (strlen(named[i].name) == size && memcmp(text, named[i].name, size) == 0) {
			sb_add(sb, named[i].value);
			return;
		}
	}
	if (size > 3 && text[1] == '#') {
		char buf[16];
		int hex = text[2] == 'x' || text[2] == 'X';
		size_t n = size - (size_t)(hex ? 4 : 3);
		if (n > 0 && n < sizeof buf) {
			memcpy(buf, text + (hex ? 3 : 2), n);
			buf[n] = '\0';
			unsigned long cp = strtoul(buf, NULL, hex ? 16 : 10);
			if (cp > 0 && cp <= 0x10FFFF) {
				char out[4];
				sb_addn(sb, out, utf8_encode((uint32_t)cp, out));
				return;
			}
		}
	}
	sb_addn(sb, text, size);
}

/* The fence a line opens (``` or ~~~, 3 or more, at most 3 spaces in): its length, or 0. */
static size_t
fence_open(const char *line, size_t len, char *ch)
{
	size_t i = 0;
	while (i < len && i < 3 && line[i] == ' ')
		i++;
	if (i >= len || (line[i] != '`' && line[i] != '~'))
		return 0;
	size_t n = 0;
	while (i + n < len && line[i + n] == line[i])
		n++;
	if (n < 3)
		return 0;
	/* a backtick fence's info string has no backticks */
	if (line[i] == '`' && memchr(line + i + n, '`', len - i - n) != NULL)
		return 0;
	*ch = line[i];
	return n;
}

static int
fence_closes(const char *line, size_t len, char ch, size_t open_len)
{
	size_t i = 0, n = 0;
	while (i < len && i < 3 && line[i] == ' ')
		i++;
	while (i + n < len && line[i + n] == ch)
		n++;
	if (n < open_len)
		return 0;
	for (i += n; i < len; i++)
		if (line[i] != ' ' && line[i] != '\t')
			return 0;
	return 1;
}

char *
ext_prose(const char *md, size_t len)
{
	struct strbuf sb = STRBUF_INIT, kept = STRBUF_INIT;
	size_t pos = 0, fence_len = 0;
	char fence_ch = 0;
	int in_comment = 0, blank_run = 1; /* 1: drop leading blank lines */
	while (pos < len) {
		const char *nl = memchr(md + pos, '\n', len - pos);
		size_t end = nl != NULL ? (size_t)(nl - md) : len;
		const char *line = md + pos;
		size_t n = end - pos;
		pos = nl != NULL ? end + 1 : len;
		if (fence_len > 0) {
			if (fence_closes(line, n, fence_ch, fence_len))
				fence_len = 0;
			continue;
		}
		if (!in_comment && (fence_len = fence_open(line, n, &fence_ch)) > 0)
			continue;
		/* the line without its comments (a comment may span lines) */
		sb_truncate(&kept, 0);
		int had_comment = in_comment;
		for (size_t i = 0; i < n;) {
			if (in_comment) {
				if (i + 3 <= n && memcmp(line + i, "-->", 3) == 0) {
					in_comment = 0;
					i += 3;
				} else
					i++;
			} else if (i + 4 <= n && memcmp(line + i, "<!--", 4) == 0) {
				in_comment = had_comment = 1;
				i += 4;
			} else
				sb_addc(&kept, line[i++]);
		}
		size_t k = 0;
		while (k < kept.len && (kept.s[k] == ' ' || kept.s[k] == '\t'))
			k++;
		if (k == kept.len) {
			/* blank, or only comments: a comment line leaves no gap */
			if (!had_comment && !blank_run) {
				sb_addc(&sb, '\n');
				blank_run = 1;
			}
		} else {
			sb_addn(&sb, kept.s, kept.len);
			sb_addc(&sb, '\n');
			blank_run = 0;
		}
	}
	sb_free(&kept);
	while (sb.len > 0 && sb.s[sb.len - 1] == '\n')
		sb_truncate(&sb, sb.len - 1);
	if (sb.len == 0) {
		sb_free(&sb);
		return NULL;
	}
	return sb_detach(&sb);
}
