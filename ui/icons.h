/*
 * Item icons in a fixed two-column cell, as the config's "icons" asks:
 * "emoji" (the default: an item's own emoji, else one for its kind),
 * "nerd" (Nerd Font glyphs by icon name or kind), "ascii" (one ASCII
 * character by kind) or "none" (no icon column).  Pure.
 *
 * An emoji icon is cut to its first character, so ZWJ sequences and
 * variation selectors, whose widths terminals disagree on, can never
 * shift the columns after it; a one-column character is padded.
 */
#ifndef CHITTY_ICONS_H
#define CHITTY_ICONS_H

enum icon_mode { ICONS_EMOJI, ICONS_NERD, ICONS_ASCII, ICONS_NONE };

/* The mode for a config value (NULL: emoji); -1 when unknown. */
int icon_mode_from_name(const char *name);

#define ICON_BUF 16
/*
 * The two columns to draw for an item's icon (an emoji, a name like
 * "gear", or NULL) and kind ("command", "issue", …): a string in buf or a
 * constant.  "" for ICONS_NONE.
 */
const char *icon_for(const char *icon, const char *kind, enum icon_mode mode, char buf[ICON_BUF]);

#endif
