/* Item icons (rules in icons.h). */
#include "build-config.h"

#include <string.h>
#include <strings.h>

#include "icons.h"
#include "utf8.h"
#include "xmalloc.h"

/* name (an icon name or an item kind) -> emoji, Nerd Font glyph, ASCII */
static const struct {
	const char *name, *emoji, *nerd, *ascii;
} icons[] = {
	{"command", "⚡", "\xef\x84\xa0", ">"}, /* nf-fa-terminal */
	{"terminal", "💻", "\xef\x84\xa0", "$"},
	{"issue", "🐞", "\xef\x86\x88", "#"}, /* nf-fa-bug */
	{"bug", "🐞", "\xef\x86\x88", "#"},
	{"pull", "🔀", "\xee\x9c\xa6", "%"}, /* nf-dev-git_pull_request */
	{"page", "📄", "\xef\x85\x9c", "="}, /* nf-fa-file_text */
	{"document", "📄", "\xef\x85\x9c", "="},
	{"file", "📄", "\xef\x85\x9b", "-"},   /* nf-fa-file */
	{"folder", "📁", "\xef\x81\xbb", "/"}, /* nf-fa-folder */
	{"directory", "📁", "\xef\x81\xbb", "/"},
	{"database", "📚", "\xef\x87\x80", "&"}, /* nf-fa-database */
	{"link", "🔗", "\xef\x83\x81", "@"},     /* nf-fa-link */
	{"gear", "🔧", "\xef\x80\x93", "*"},     /* nf-fa-gear */
	{"settings", "🔧", "\xef\x80\x93", "*"},
	{"branch", "🌿", "\xee\x9c\xa5", "~"},  /* nf-dev-git_branch */
	{"project", "📋", "\xef\x80\xba", "+"}, /* nf-fa-list */
	{"item", "📋", "\xef\x80\xba", "+"},
	{"worker", "🔨", "\xef\x82\xad", "!"}, /* nf-fa-wrench */
	{"dns", "🌐", "\xef\x82\xac", "@"},    /* nf-fa-globe */
	{"record", "🌐", "\xef\x82\xac", "@"},
	{"dns-record", "🌐", "\xef\x82\xac", "@"},
	{"d1-database", "📚", "\xef\x87\x80", "&"},
	{"kv-namespace", "🗝", "\xef\x82\x84", "k"}, /* nf-fa-key */
	{"r2-bucket", "🪣", "\xef\x87\x86", "b"},    /* nf-fa-archive */
	{"pages-project", "🌐", "\xef\x82\xac", "@"},
	{"project-item", "📋", "\xef\x80\xba", "+"},
	{"run", "▶", "\xef\x81\x8b", ">"}, /* nf-fa-play */
};

static const char *const fallback_emoji = "🔹";
static const char *const fallback_nerd = "\xef\x84\x91"; /* nf-fa-circle */

int
icon_mode_from_name(const char *name)
{
	if (name == NULL || strcmp(name, "emoji") == 0)
		return ICONS_EMOJI;
	if (strcmp(name, "nerd") == 0 || strcmp(name, "nerdfont") == 0)
		return ICONS_NERD;
	if (strcmp(name, "ascii") == 0)
		return ICONS_ASCII;
	if (strcmp(name, "none") == 0)
		return ICONS_NONE;
	return -1;
}

static int
find(const char *name)
{
	if (name == NULL)
		return -1;
	for (size_t i = 0; i < nitems(icons); i++)
		if (strcasecmp(icons[i].name, name) == 0)
			return (int)i;
	return -1;
}

/* s padded to two columns in buf. */
static const char *
padded(const char *s, size_t len, char buf[ICON_BUF])
{
	if (len > ICON_BUF - 3)
		len = ICON_BUF - 3;
	memcpy(buf, s, len);
	size_t w = utf8_width_n(s, len);
	buf[len] = '\0';
	if (w < 2)
		strcat(buf, w == 0 ? "  " : " ");
	return buf;
}

const char *
icon_for(const char *icon, const char *kind, enum icon_mode mode, char buf[ICON_BUF])
{
	if (mode == ICONS_NONE)
		return "";
	int named = find(icon), by_kind = find(kind);
	int idx = named >= 0 ? named : by_kind;
	int is_emoji = icon != NULL && (unsigned char)icon[0] >= 0x80;
	switch (mode) {
	case ICONS_ASCII:
		return padded(idx >= 0 ? icons[idx].ascii : "-", 1, buf);
	case ICONS_NERD:
		return padded(idx >= 0 ? icons[idx].nerd : fallback_nerd, 3, buf);
	default:
		break;
	}
	if (is_emoji) {
		uint32_t cp;
		size_t n = utf8_decode(icon, strlen(icon), &cp);
		int w = utf8_cp_width(cp);
		if (cp != UTF8_REPLACEMENT && w > 0 && !(cp >= 0x80 && cp < 0xA0))
			return padded(icon, n, buf);
	}
	const char *e = idx >= 0 ? icons[idx].emoji : fallback_emoji;
	return padded(e, strlen(e), buf);
}
