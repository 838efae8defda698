/* Colour themes (rules in theme.h). */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "theme.h"
#include "xmalloc.h"

#define D  THEME_DEFAULT_COLOR
#define B  THEME_BOLD
#define DM THEME_DIM
#define U  THEME_UNDERLINE
#define R  THEME_REVERSE
#define I  THEME_ITALIC

/* One role: 256-colour form, 8-colour form, and attributes without colour. */
struct role_def {
	short fg256, bg256;
	unsigned attrs256;
	short fg8, bg8;
	unsigned attrs8;
	unsigned mono;
};

/* 8-colour numbers (curses' COLOR_*), spelled out so this file stays curses-free. */
enum { BLACK, RED, GREEN, YELLOW, BLUE, MAGENTA, CYAN, WHITE };

static const struct role_def dark[TR_COUNT] = {
	[TR_NORMAL] = {D, D, 0, D, D, 0, 0},
	[TR_DIM] = {244, D, 0, D, D, DM, DM},
	[TR_PROMPT] = {39, D, B, CYAN, D, B, B},
	[TR_SELECTED] = {D, 237, 0, WHITE, BLUE, 0, R},
	[TR_MARK] = {39, 237, B, CYAN, BLUE, B, R | B},
	[TR_MATCH] = {214, D, B, YELLOW, D, B, B | U},
	[TR_HEADER] = {110, D, B, BLUE, D, B, B},
	[TR_SUBTITLE] = {246, D, 0, D, D, DM, DM},
	[TR_ACCESSORY] = {244, D, 0, D, D, DM, DM},
	[TR_SHORTCUT] = {109, D, 0, CYAN, D, 0, B},
	[TR_WARNING] = {203, D, 0, RED, D, 0, B},
	[TR_DISABLED] = {241, D, 0, D, D, DM, DM},
	[TR_BORDER] = {239, D, 0, D, D, DM, DM},
	[TR_TITLE] = {255, D, B, D, D, B, B},
	[TR_STATUS] = {245, D, 0, D, D, DM, DM},
	[TR_TOAST] = {114, D, B, GREEN, D, B, B},
	[TR_TOAST_ERROR] = {203, D, B, RED, D, B, B | R},
	[TR_MD_HEADING] = {75, D, B, BLUE, D, B, B | U},
	[TR_MD_CODE] = {180, 236, 0, YELLOW, D, 0, B},
	[TR_MD_LINK] = {75, D, U, BLUE, D, U, U},
	[TR_MD_URL] = {242, D, 0, D, D, DM, DM},
	[TR_MD_QUOTE] = {248, D, I, D, D, DM, DM},
	[TR_MD_MARKER] = {39, D, 0, CYAN, D, 0, B},
	[TR_FIELD] = {252, 236, 0, D, D, U, U},
	[TR_FIELD_FOCUS] = {255, 239, 0, WHITE, BLUE, 0, R},
	[TR_LABEL] = {250, D, 0, D, D, 0, 0},
	[TR_ERROR] = {203, D, 0, RED, D, B, B},
};

static const struct role_def light[TR_COUNT] = {
	[TR_NORMAL] = {D, D, 0, D, D, 0, 0},
	[TR_DIM] = {245, D, 0, D, D, DM, DM},
	[TR_PROMPT] = {25, D, B, BLUE, D, B, B},
	[TR_SELECTED] = {D, 254, 0, BLACK, CYAN, 0, R},
	[TR_MARK] = {25, 254, B, BLUE, CYAN, B, R | B},
	[TR_MATCH] = {166, D, B, RED, D, B, B | U},
	[TR_HEADER] = {24, D, B, BLUE, D, B, B},
	[TR_SUBTITLE] = {243, D, 0, D, D, DM, DM},
	[TR_ACCESSORY] = {244, D, 0, D, D, DM, DM},
	[TR_SHORTCUT] = {30, D, 0, CYAN, D, 0, B},
	[TR_WARNING] = {160, D, 0, RED, D, 0, B},
	[TR_DISABLED] = {249, D, 0, D, D, DM, DM},
	[TR_BORDER] = {250, D, 0, D, D, DM, DM},
	[TR_TITLE] = {232, D, B, D, D, B, B},
	[TR_STATUS] = {243, D, 0, D, D, DM, DM},
	[TR_TOAST] = {28, D, B, GREEN, D, B, B},
	[TR_TOAST_ERROR] = {160, D, B, RED, D, B, B | R},
	[TR_MD_HEADING] = {25, D, B, BLUE, D, B, B | U},
	[TR_MD_CODE] = {94, 255, 0, MAGENTA, D, 0, B},
	[TR_MD_LINK] = {25, D, U, BLUE, D, U, U},
	[TR_MD_URL] = {245, D, 0, D, D, DM, DM},
	[TR_MD_QUOTE] = {241, D, I, D, D, DM, DM},
	[TR_MD_MARKER] = {25, D, 0, BLUE, D, 0, B},
	[TR_FIELD] = {235, 255, 0, D, D, U, U},
	[TR_FIELD_FOCUS] = {232, 253, 0, BLACK, CYAN, 0, R},
	[TR_LABEL] = {238, D, 0, D, D, 0, 0},
	[TR_ERROR] = {160, D, 0, RED, D, B, B},
};

const char *const theme_names[] = {"default", "light", "mono", NULL};

int
theme_no_color_env(void)
{
	const char *v = getenv("NO_COLOR");
	return v != NULL && *v != '\0';
}

int
theme_load(const char *name, int colors, int no_color, struct theme *out, char **cause)
{
	int rc = 0;
	const struct role_def *defs = dark;
	int mono = no_color || colors < 8;
	if (name == NULL || strcmp(name, "default") == 0 || strcmp(name, "dark") == 0)
		out->name = "default";
	else if (strcmp(name, "light") == 0) {
		defs = light;
		out->name = "light";
	} else if (strcmp(name, "mono") == 0) {
		mono = 1;
		out->name = "mono";
	} else {
		set_cause(cause, "unknown theme '%s' (themes: default, light, mono)", name);
		out->name = "default";
		rc = -1;
	}
	out->colors = mono ? 0 : colors >= 256 ? 256 : 8;
	for (int r = 0; r < TR_COUNT; r++) {
		const struct role_def *d = &defs[r];
		struct theme_style *s = &out->role[r];
		if (mono) {
			s->fg = s->bg = THEME_DEFAULT_COLOR;
			s->attrs = d->mono;
		} else if (out->colors == 256) {
			s->fg = d->fg256;
			s->bg = d->bg256;
			s->attrs = d->attrs256;
		} else {
			s->fg = d->fg8;
			s->bg = d->bg8;
			s->attrs = d->attrs8;
		}
	}
	return rc;
}
