/* HTML to markdown for the script SDK's div(), md() and previews (html.h). */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "markdown.h"
#include "strbuf.h"
#include "tap.h"
#include "xmalloc.h"

static void
converts(const char *html, const char *want, const char *name)
{
	char *got = html_to_markdown(html, strlen(html));
	/* the blocks, without the final line break */
	size_t n = strlen(got);
	if (n > 0 && got[n - 1] == '\n')
		got[n - 1] = '\0';
	is_str(got, want, "%s", name);
	free(got);
}

/* What the terminal shows for text (HTML or markdown) at width 60. */
static char *
rendered(const char *text)
{
	char *md = html_or_markdown(text);
	struct md_doc *doc = md_render(md, strlen(md), 60);
	char *out = md_doc_text(doc);
	md_doc_free(doc);
	free(md);
	return out;
}

static void
renders_as(const char *html, const char *markdown, const char *name)
{
	char *a = rendered(html), *b = rendered(markdown);
	is_str(a, b, "%s", name);
	free(a);
	free(b);
}

static void
test_blocks(void)
{
	converts("", "", "nothing");
	converts("<p>Hello <b>world</b></p>", "Hello **world**", "a paragraph with bold");
	converts("<p>one</p><p>two</p>", "one\n\ntwo", "paragraphs, a blank line apart");
	converts("<div class=\"p-4\"><div class=\"font-bold\">Title</div><div class=\"text-sm "
		 "text-gray-500\">Sub</div></div>",
		 "Title\n\nSub", "divs are blocks; classes ignored");
	converts("text<div>block</div>tail", "text\n\nblock\n\ntail", "text around a div");
	converts("a<br>b<br/>c", "a\\\nb\\\nc", "br is a hard break");
	converts("<h1>T</h1><h3>Sub <i>x</i></h3>", "# T\n\n### Sub *x*", "headings");
	converts("<h2>a<br>b</h2>", "## a b", "a break in a heading is a space");
	converts("<hr><p>x</p>", "---\n\nx", "a rule");
	converts("<blockquote><p>q</p><p>r</p></blockquote>", "> q\n>\n> r", "a quote of two");
	converts("<blockquote>a<blockquote>b</blockquote></blockquote>", "> a\n> >\n> > b",
		 "nested quotes");
	converts("<pre><code class=\"language-js hljs\">let x = 1;\n&lt;y&gt; *z*</code></pre>",
		 "```js\nlet x = 1;\n<y> *z*\n```", "pre: verbatim, with its language");
	converts("<pre>\na ``` b\n\n</pre>", "````\na ``` b\n````",
		 "a longer fence around backticks");
	converts("<pre><span class=k>if</span> x</pre>", "```\nif x\n```",
		 "tags inside pre dropped");
	converts("<table><tr><th>A</th><th>B</th></tr><tr><td>1</td><td><b>2</b></td></tr>"
		 "<tr><td>3</td></tr></table>",
		 "| A | B |\n| --- | --- |\n| 1 | **2** |\n| 3 |  |", "a table, short rows padded");
	converts("<table><thead><tr><th align=\"left\">L</th><th align=center>C</th>"
		 "<th style=\"color: red; TEXT-ALIGN : right\">R</th><th>N</th></tr></thead>"
		 "<tbody><tr><td align=\"right\">a|b</td><td>漢字</td></tr></tbody></table>",
		 "| L | C | R | N |\n| :--- | :---: | ---: | --- |\n| a\\|b | 漢字 |  |  |",
		 "a table's alignment from its first row (align or style), pipes escaped");
}

static void
test_lists(void)
{
	converts("<ul><li>a</li><li>b</li></ul>", "- a\n- b", "a list");
	converts("<ol start=\"3\"><li>c</li><li>d</li></ol>", "3. c\n4. d",
		 "an ordered list from 3");
	converts("<ul><li>a<ul><li>b</li></ul></li><li>c</li></ul>", "- a\n  - b\n- c",
		 "a nested list");
	converts("<ol><li>x<ol><li>y</li></ol></li></ol>", "1. x\n   1. y", "nested ordered lists");
	converts("<ul><li>a<li>b</ul>", "- a\n- b", "items without </li>");
	converts("<p>intro</p><ul><li>a</li></ul><p>after</p>", "intro\n\n- a\n\nafter",
		 "a list between paragraphs");
	converts("<ul><li><p>a</p><p>b</p></li></ul>", "- a\n\n  b", "an item of two paragraphs");
	converts("<ul><li></li><li>x</li></ul>", "- x", "an empty item is dropped");
	converts("<blockquote><ul><li>q</li></ul></blockquote>", "> - q", "a list in a quote");
}

static void
test_inline(void)
{
	converts("<i>i</i> <em>e</em> <strong>s</strong> <s>x</s> <del>d</del>",
		 "*i* *e* **s** ~~x~~ ~~d~~", "emphasis and strike");
	converts("<b> bold </b>x", "**bold** x", "emphasis never starts or ends on a space");
	converts("<b></b>empty", "empty", "empty emphasis vanishes");
	converts("<b><i>x</b></i> y", "***x*** y", "misnested tags close together");
	converts("<code>a*b</code> and <kbd>ctrl</kbd>", "`a*b` and `ctrl`", "code spans");
	converts("<code>a`b</code>", "``a`b``", "a code span around a backtick");
	converts("<code>`x</code>", "`` `x ``", "a code span starting with a backtick");
	converts("<a href=\"https://x.y/a b(c)\">the <b>link</b></a>",
		 "[the **link**](https://x.y/a%20b%28c%29)", "a link; its URL made safe");
	converts("<a href=\"https://x.y\">https://x.y</a>", "<https://x.y>",
		 "a link whose text is its URL");
	converts("<a>no href</a>", "no href", "a link without href keeps its text");
	converts("<img src=\"p.png\" alt=\"a [pic]\">", "![a \\[pic\\]](p.png)", "an image");
	converts("<img alt=\"just alt\">", "just alt", "an image without src: its alt");
	converts("<p>unclosed <b>bold", "unclosed **bold**", "unclosed tags close at the end");
	converts("<p><b>one</p><p>two</b></p>", "**one**\n\n**two**",
		 "emphasis across paragraphs closes and reopens");
	converts("<span style=\"color:red\">red</span> <font>f</font>", "red f",
		 "unknown inline tags keep their text");
}

static void
test_text(void)
{
	converts("<p>  a \n\t b  </p>", "a b", "whitespace collapses");
	converts("<p>*not* _em_ [x] `c` a < b c&d ~s~ |p| \\</p>",
		 "\\*not\\* \\_em\\_ \\[x\\] \\`c\\` a \\< b c\\&d \\~s\\~ \\|p\\| \\\\",
		 "markdown characters stay text");
	converts("<p># h</p><p>- d</p><p>+ p</p><p>1. one</p><p>2) two</p><p>== x</p>",
		 "\\# h\n\n\\- d\n\n\\+ p\n\n1\\. one\n\n2\\) two\n\n\\== x",
		 "a line that would start a block is escaped");
	converts("<p>a - b 1. c</p>", "a - b 1. c", "the same mid-line is left alone");
	converts("&amp; &lt;&gt; &quot;&apos; &copy; &mdash; &#233; &#xE9; &#x1F600; &#0; "
		 "&#xD800; &#99999999; &bogus; &amp",
		 "\\& \\<\\> \"' © — é é 😀 \xef\xbf\xbd \xef\xbf\xbd \xef\xbf\xbd \\&bogus; \\&amp",
		 "entities decoded; bad ones replaced or kept as text");
	converts("<p>caf\xc3\xa9 \xe6\x97\xa5\xe6\x9c\xac</p>", "café 日本", "UTF-8 text");
	converts("a&nbsp;b",
		 "a\xc2\xa0"
		 "b",
		 "nbsp stays a no-break space");
	converts("<!-- hidden --><p>shown</p><!-- cut", "shown", "comments dropped");
	converts("<!DOCTYPE html><html><head><title>T</title><style>p{color:red}</style></head>"
		 "<body><script>alert('<p>x</p>')</script><p>ok</p></body></html>",
		 "ok", "head, title, style and script dropped");
	converts("a < b > c <3 <", "a \\< b \\> c \\<3 \\<", "a lone < is text");
	converts("<p>x</p junk><p class='a' id=b>y</p>", "x\n\ny", "odd attributes and end tags");
	converts("<P>Upper <B>case</B></P>", "Upper **case**", "tag names in any case");
}

static void
test_hostile(void)
{
	struct strbuf sb = STRBUF_INIT;
	for (int i = 0; i < 200; i++)
		sb_add(&sb, "<blockquote><ul><li><b><a href=\"x\">");
	sb_add(&sb, "deep");
	char *md = html_to_markdown(sb.s, sb.len);
	ok(strstr(md, "deep") != NULL, "200 levels of nesting: no crash, the text stays");
	free(md);
	sb_free(&sb);
	for (int i = 0; i < 100; i++)
		sb_add(&sb, "<table><tr><td>");
	sb_add(&sb, "cell");
	md = html_to_markdown(sb.s, sb.len);
	ok(strstr(md, "cell") != NULL, "nested tables");
	free(md);
	sb_free(&sb);
	const char bin[] = "<p>a\x01\x1b[31mb\0c</p>";
	md = html_to_markdown(bin, sizeof bin - 1);
	ok(strchr(md, 0x1b) == NULL && strchr(md, 0x01) == NULL, "control characters dropped");
	free(md);
	md = html_to_markdown("<a href='", 9);
	ok(md != NULL, "a tag cut off in its attribute");
	free(md);
	md = html_to_markdown("<p>x</p>", 3); /* a length inside the tag */
	ok(md != NULL, "input cut anywhere");
	free(md);
}

static void
test_detect(void)
{
	ok(html_detect("<p>x</p>"), "<p> is HTML");
	ok(html_detect("  \n<div class=\"a\">"), "leading blanks, attributes");
	ok(html_detect("<br/>"), "a self-closing tag");
	ok(html_detect("<!-- c -->x") && html_detect("<!doctype html>"), "a comment, a doctype");
	ok(!html_detect("# Title\n<b>x</b>"), "markdown that has HTML later is markdown");
	ok(!html_detect("<https://example.com>"), "an autolink is markdown");
	ok(!html_detect("<3 you") && !html_detect("") && !html_detect("plain"), "other text");
	char *same = html_or_markdown("**md**");
	is_str(same, "**md**", "markdown passes through");
	free(same);
}

/* What md() (sdk/chitty.mjs) makes of markdown renders as the markdown does. */
static void
test_round_trip(void)
{
	renders_as(
		"<h1>Title</h1>\n<p>Some <strong>bold</strong>, <em>italic</em> and "
		"<code>code</code>.</p>\n<ul>\n<li>one</li>\n<li>two\n<ul>\n<li>deep</li>\n</ul>"
		"</li>\n</ul>\n<blockquote>\n<p>quoted</p>\n</blockquote>\n<pre><code "
		"class=\"language-sh\">echo hi</code></pre>\n<hr>\n<ol start=\"2\">\n<li>b</li>\n"
		"</ol>\n<p><a href=\"https://x.y\">link</a> and <a href=\"https://x.y\">https://"
		"x.y</a><br>\nnext</p>\n",
		"# Title\n\nSome **bold**, *italic* and `code`.\n\n- one\n- two\n  - deep\n\n> "
		"quoted\n\n```sh\necho hi\n```\n\n---\n\n2. b\n\n[link](https://x.y) and "
		"<https://x.y>\\\nnext\n",
		"md()'s HTML renders as its markdown");
	renders_as("<div class=\"p-4\"><div class=\"font-bold\">Example</div><div class=\"text-sm "
		   "text-gray-500\">Bookmarks bar</div><div class=\"text-xs text-blue-500 mt-2 "
		   "break-all\">https://example.com</div></div>",
		   "Example\n\nBookmarks bar\n\nhttps://example.com",
		   "a seed-style Tailwind preview reads as three lines");
}

int
main(void)
{
	test_blocks();
	test_lists();
	test_inline();
	test_text();
	test_hostile();
	test_detect();
	test_round_trip();
	return done_testing();
}
