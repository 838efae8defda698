/*
 * Simple HTML to markdown, so what scripts write for Script Kit's div(),
 * md() and choice previews renders in a terminal through the markdown
 * renderer.  Pure: no I/O, no globals.
 *
 * Understood: p div (and the other block elements: section, article,
 * header, …) br, b strong, i em, s del strike, code kbd samp, pre (with
 * <code class="language-X">), a href, img alt, h1–h6, ul ol (start) li,
 * blockquote, hr, table tr th td; everything else keeps its text.
 * Classes, styles and other attributes are ignored; head, script, style,
 * title and template are dropped with their content; comments too.
 * Entities (named ones in common use, &#N; and &#xN;) are decoded; an
 * invalid number becomes U+FFFD.  Whitespace collapses as a browser
 * collapses it (outside pre).  Text is escaped so it stays text: a '*'
 * or '#' in HTML never becomes emphasis or a heading.  Tags may be
 * unclosed, misnested or broken: the converter never fails.
 */
#ifndef CHITTY_HTML_H
#define CHITTY_HTML_H

#include <stddef.h>

/* Markdown for len bytes of HTML; a new string. */
char *html_to_markdown(const char *html, size_t len);

/*
 * 1 when text reads as HTML: its first non-blank character starts a tag
 * ("<p", "<div class=…>", "</…", "<!--", "<!DOCTYPE"), not an autolink.
 */
int html_detect(const char *text);

/* text as markdown: converted when html_detect says HTML, else a copy; a new string. */
char *html_or_markdown(const char *text);

#endif
