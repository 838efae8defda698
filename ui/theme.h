/*
 * Colour themes: what each role on screen looks like.  Pure: a theme is a
 * table of colours and attributes; tui.c turns it into curses pairs.
 *
 * Themes (the config's "theme"): "default" (for dark backgrounds),
 * "light" and "mono" (attributes only).  Each has a 256-colour and an
 * 8-colour form, picked by what the terminal supports; a terminal without
 * colour, or NO_COLOR set to anything non-empty (no-color.org), gets mono
 * whatever the config says.
 */
#ifndef CHITTY_THEME_H
#define CHITTY_THEME_H

enum theme_role {
	TR_NORMAL,
	TR_DIM,      /* secondary text: counts, hints */
	TR_PROMPT,   /* the search bar's prompt */
	TR_SELECTED, /* the selected row (its background) */
	TR_MARK,     /* the bar before the selected row */
	TR_MATCH,    /* matched characters */
	TR_HEADER,   /* section headers in lists */
	TR_SUBTITLE,
	TR_ACCESSORY,
	TR_SHORTCUT,    /* shortcut and alias accessories, key hints */
	TR_WARNING,     /* warning accessories, destructive actions */
	TR_DISABLED,    /* items that cannot run */
	TR_BORDER,      /* pane separators, panel frames */
	TR_TITLE,       /* a view's title */
	TR_STATUS,      /* the status line */
	TR_TOAST,       /* an information toast */
	TR_TOAST_ERROR, /* a failure toast */
	TR_MD_HEADING,
	TR_MD_CODE,
	TR_MD_LINK,
	TR_MD_URL,
	TR_MD_QUOTE,
	TR_MD_MARKER,
	TR_FIELD,       /* a form field's input */
	TR_FIELD_FOCUS, /* the focused field's input */
	TR_LABEL,       /* a form field's label */
	TR_ERROR,       /* a validation message */
	TR_COUNT
};

#define THEME_BOLD      0x01
#define THEME_DIM       0x02
#define THEME_UNDERLINE 0x04
#define THEME_REVERSE   0x08
#define THEME_ITALIC    0x10

#define THEME_DEFAULT_COLOR (-1)

struct theme_style {
	short fg, bg; /* colour numbers, or THEME_DEFAULT_COLOR */
	unsigned attrs;
};

struct theme {
	const char *name;
	int colors; /* 256, 8 or 0 */
	struct theme_style role[TR_COUNT];
};

/*
 * The theme `name` (NULL: "default") for a terminal with `colors` colours
 * (>= 256, >= 8, else none); no_color forces mono.  0, or -1 with *cause
 * set for an unknown name (the default theme is filled in anyway).
 */
int theme_load(const char *name, int colors, int no_color, struct theme *out, char **cause);

/* The theme names, NULL-terminated. */
extern const char *const theme_names[];

/* 1 when NO_COLOR asks for no colour (set and not empty). */
int theme_no_color_env(void);

#endif
