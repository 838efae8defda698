/*
 * Markdown to styled, width-wrapped lines: what the preview, the detail
 * view and the form descriptions draw.  Pure (md4c in, lines out; no
 * curses, no I/O), so tricky markdown is unit-tested as text and styles.
 *
 * Rendering rules:
 *   headings         their own line, MDS_HEADING (level on the line)
 *   emphasis         MDS_BOLD, MDS_ITALIC, MDS_STRIKE
 *   inline code      MDS_CODE
 *   code blocks      every line indented by 2, MDS_CODEBLOCK; tabs expand
 *                    to 4-column stops; long lines wrap at any character
 *   lists            "• " (then "◦ ", "▪ " deeper) or "N. " markers
 *                    (MDS_MARKER); continuation lines and nested blocks are
 *                    indented under the item's text; task items "[x] "
 *   block quotes     "│ " (MDS_QUOTE) before every line, nested ones too
 *   links            the text (MDS_LINK) then " (URL)" dimmed (MDS_URL);
 *                    the URL alone when it is the text (autolinks);
 *                    images as "[image: ALT]" plus the URL
 *   tables           columns aligned by display width as declared
 *                    (left, centre, right), "│" between cells and "─┼─"
 *                    under the header (MDS_TABLE); cells clipped with "…"
 *                    when the table is wider than the width
 *   rules            "─" across the width (MDS_RULE)
 *   html             blocks shown dimmed (MDS_HTML); comments dropped
 *   blocks           separated by one blank line; tight list items are not
 *
 * Text wraps at spaces; a word longer than the width breaks anywhere;
 * wide (CJK, emoji) characters take two columns and may break anywhere;
 * a combining mark stays with its base character.  Control characters
 * (ESC included) never reach a line: they become U+FFFD, so a line is
 * always safe to draw.  Every line is at most width columns (width 0 is
 * taken as 1).
 */
#ifndef CHITTY_MARKDOWN_H
#define CHITTY_MARKDOWN_H

#include <stddef.h>

#define MDS_BOLD      0x0001
#define MDS_ITALIC    0x0002
#define MDS_CODE      0x0004
#define MDS_LINK      0x0008
#define MDS_URL       0x0010
#define MDS_STRIKE    0x0020
#define MDS_HEADING   0x0040
#define MDS_QUOTE     0x0080
#define MDS_CODEBLOCK 0x0100
#define MDS_RULE      0x0200
#define MDS_MARKER    0x0400
#define MDS_TABLE     0x0800
#define MDS_HTML      0x1000

/* A run of bytes of a line with one style. */
struct md_span {
	size_t off, len;
	unsigned style; /* MDS_* bits */
};

struct md_line {
	char *text; /* NUL-terminated UTF-8, safe to draw */
	size_t len;
	size_t width;          /* display columns */
	struct md_span *spans; /* cover text in order, no gaps */
	size_t n_spans;
	int heading; /* 1..6 when the line is (part of) a heading, else 0 */
};

struct md_doc {
	struct md_line *lines;
	size_t n;
	size_t width; /* the width it was rendered for */
};

/* Render len bytes of markdown for width columns.  Never NULL. */
struct md_doc *md_render(const char *markdown, size_t len, size_t width);
void md_doc_free(struct md_doc *doc);

/* The lines as plain text, one per line with '\n' (tests, debugging); a new string. */
char *md_doc_text(const struct md_doc *doc);

#endif
