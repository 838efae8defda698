/* The markdown renderer on tricky markdown: text, wrapping and styles. */
#include "build-config.h"

#include <locale.h>

#include "markdown.h"
#include "tap.h"
#include "utf8.h"

static char *
render(const char *md, size_t width)
{
	struct md_doc *doc = md_render(md, strlen(md), width);
	char *text = md_doc_text(doc);
	md_doc_free(doc);
	return text;
}

#define RENDERS(md, width, want, name)                                                             \
	do {                                                                                       \
		char *got_ = render(md, width);                                                    \
		is_str(got_, want, name);                                                          \
		free(got_);                                                                        \
	} while (0)

/* The style of the first occurrence of needle in the document, or -1. */
static long
style_of(const struct md_doc *doc, const char *needle)
{
	for (size_t i = 0; i < doc->n; i++) {
		const char *hit = strstr(doc->lines[i].text, needle);
		if (hit == NULL)
			continue;
		size_t off = (size_t)(hit - doc->lines[i].text);
		for (size_t s = 0; s < doc->lines[i].n_spans; s++) {
			const struct md_span *sp = &doc->lines[i].spans[s];
			if (off >= sp->off && off < sp->off + sp->len)
				return (long)sp->style;
		}
	}
	return -1;
}

static int
has_style(const char *md, size_t width, const char *needle, unsigned style)
{
	struct md_doc *doc = md_render(md, strlen(md), width);
	long s = style_of(doc, needle);
	md_doc_free(doc);
	return s >= 0 && ((unsigned)s & style) == style;
}

/* Every line within width, spans covering the text exactly, and nothing unsafe. */
static int
well_formed(const char *md, size_t width)
{
	struct md_doc *doc = md_render(md, strlen(md), width);
	int good = 1;
	for (size_t i = 0; i < doc->n && good; i++) {
		const struct md_line *l = &doc->lines[i];
		if (utf8_width_n(l->text, l->len) != l->width || l->width > (width ? width : 1))
			good = 0;
		size_t off = 0;
		for (size_t s = 0; s < l->n_spans; s++) {
			if (l->spans[s].off != off || l->spans[s].len == 0)
				good = 0;
			off += l->spans[s].len;
		}
		if (off != l->len)
			good = 0;
		for (size_t k = 0; k < l->len; k++)
			if ((unsigned char)l->text[k] < 0x20 || l->text[k] == 0x7f)
				good = 0;
		if (!utf8_valid(l->text, l->len))
			good = 0;
	}
	if (!good)
		diag("not well formed at width %zu: %s", width, md);
	md_doc_free(doc);
	return good;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");

	RENDERS("", 40, "", "empty input, no lines");
	RENDERS("Hello *world*", 40, "Hello world\n", "a paragraph");
	RENDERS("one two three four five", 10, "one two\nthree four\nfive\n",
		"paragraphs wrap at spaces");
	RENDERS("abcdefghijklmnop", 6, "abcdef\nghijkl\nmnop\n", "a long word breaks anywhere");
	RENDERS("first\nsecond", 40, "first second\n", "a soft break is a space");
	RENDERS("first  \nsecond", 40, "first\nsecond\n", "a hard break starts a line");
	RENDERS("para one\n\npara two", 40, "para one\n\npara two\n",
		"blocks are separated by one blank line");

	RENDERS("# Title\n\ntext\n\n## Sub", 40, "Title\n\ntext\n\nSub\n", "headings");
	ok(has_style("# Title", 40, "Title", MDS_HEADING), "a heading has the heading style");
	{
		struct md_doc *doc = md_render("### Third", 9, 40);
		ok(doc->n == 1 && doc->lines[0].heading == 3, "a heading line knows its level");
		md_doc_free(doc);
	}

	ok(has_style("a **bold** b", 40, "bold", MDS_BOLD), "strong is bold");
	ok(has_style("a *it* b", 40, "it", MDS_ITALIC), "emphasis is italic");
	ok(has_style("a ***both*** b", 40, "both", MDS_BOLD | MDS_ITALIC), "nested emphasis");
	ok(has_style("a ~~gone~~ b", 40, "gone", MDS_STRIKE), "strikethrough");
	ok(has_style("run `make` now", 40, "make", MDS_CODE), "inline code");
	ok(!has_style("a **bold** b", 40, " b", MDS_BOLD), "a style ends with its span");
	ok(has_style("**one two three four**", 8, "four", MDS_BOLD),
	   "a style continues across a wrap");

	RENDERS("see [the docs](https://example.com/d)", 60,
		"see the docs (https://example.com/d)\n", "a link: its text then its URL");
	ok(has_style("see [the docs](https://example.com/d)", 60, "docs", MDS_LINK),
	   "link text has the link style");
	ok(has_style("see [the docs](https://example.com/d)", 60, "https", MDS_URL),
	   "the URL is dimmed");
	RENDERS("<https://example.com>", 60, "https://example.com\n",
		"an autolink shows its URL once");
	RENDERS("mail <me@example.com>", 60, "mail me@example.com\n",
		"a mail autolink shows the address once");
	RENDERS("go to https://example.com/x now", 60, "go to https://example.com/x now\n",
		"a bare URL is shown once");
	RENDERS("![a cat](cat.png)", 60, "[image: a cat] (cat.png)\n", "an image");
	RENDERS("[x](<a&amp;b>)", 60, "x (a&b)\n", "entities in a link target are decoded");

	RENDERS("- one\n- two\n- three", 40, "• one\n• two\n• three\n", "a tight bullet list");
	RENDERS("- one\n\n- two", 40, "• one\n\n• two\n", "a loose list keeps blank lines");
	RENDERS("3. three\n4. four", 40, "3. three\n4. four\n", "an ordered list keeps its start");
	RENDERS("1) a\n2) b", 40, "1) a\n2) b\n", "an ordered list keeps its delimiter");
	RENDERS("- a\n  - b\n    - c\n- d", 40, "• a\n  ◦ b\n    ▪ c\n• d\n",
		"nested lists indent and change bullets");
	RENDERS("1. a\n   - b\n2. c", 40, "1. a\n   • b\n2. c\n",
		"a bullet list nested in an ordered one");
	RENDERS("- alpha beta gamma delta", 13, "• alpha beta\n  gamma delta\n",
		"a wrapped item continues under its text");
	RENDERS("- para one\n\n  para two", 40, "• para one\n\n  para two\n",
		"an item with two paragraphs");
	RENDERS("- [x] done\n- [ ] todo", 40, "• [x] done\n• [ ] todo\n", "task items");
	RENDERS("-\n- b", 40, "•\n• b\n", "an empty item still shows its marker");
	ok(has_style("- one", 40, "•", MDS_MARKER), "the bullet has the marker style");
	RENDERS("10. ten\n11. eleven words here", 14, "10. ten\n11. eleven\n    words here\n",
		"wide markers indent continuation lines to the text");

	RENDERS("> quoted text", 40, "│ quoted text\n", "a block quote");
	RENDERS("> one\n>\n> two", 40, "│ one\n│\n│ two\n", "quote paragraphs keep the bar");
	RENDERS("> outer\n>> inner", 40, "│ outer\n│\n│ │ inner\n", "nested quotes");
	RENDERS("> - a\n> - b", 40, "│ • a\n│ • b\n", "a list in a quote");
	RENDERS("> quoted words wrap here", 12, "│ quoted\n│ words wrap\n│ here\n",
		"quoted text wraps inside the bar");
	ok(has_style("> q", 40, "q", MDS_QUOTE), "quoted text has the quote style");

	RENDERS("```sh\necho hi\n\tindented\n```", 40, "  echo hi\n      indented\n",
		"a code block: indented, tabs expanded");
	ok(has_style("```\nx = 1\n```", 40, "x = 1", MDS_CODEBLOCK), "code has the code style");
	RENDERS("```\nabcdefghij\n```", 6, "  abcd\n  efgh\n  ij\n",
		"long code lines wrap at any character");
	RENDERS("```\na\n\nb\n```", 40, "  a\n\n  b\n", "blank lines in code are kept");
	RENDERS("    indented code", 40, "  indented code\n", "an indented code block");
	RENDERS("- item\n\n  ```\n  code\n  ```", 40, "• item\n\n    code\n",
		"a code block in a list item");

	RENDERS("a\n\n---\n\nb", 5, "a\n\n─────\n\nb\n", "a rule spans the width");

	RENDERS("| a | bb |\n|---|---:|\n| ccc | d |", 40, "a   │ bb\n────┼───\nccc │  d\n",
		"a table: aligned columns, right alignment");
	RENDERS("| x |\n|:-:|\n| abc |", 40, " x\n───\nabc\n", "centred column");
	ok(has_style("| head |\n|---|\n| x |", 40, "head", MDS_BOLD), "header cells are bold");
	ok(has_style("| head |\n|---|\n| x |", 40, "│", MDS_TABLE) ||
		   has_style("| head |\n|---|\n| x |", 40, "─", MDS_TABLE),
	   "table borders have the table style");
	RENDERS("| aaaaaaaaaa | bbbbbbbbbb |\n|---|---|\n| 1 | 2 |", 15,
		"aaaaa… │ bbbbb…\n───────┼───────\n1      │ 2\n",
		"a table wider than the width clips its cells");
	ok(well_formed("| a | b | c | d | e | f | g |\n|-|-|-|-|-|-|-|\n|1|2|3|4|5|6|7|", 5),
	   "a table with more columns than fit is cut to the width");
	RENDERS("| 日本 | x |\n|---|---|\n| a | 語 |", 40, "日本 │ x\n─────┼───\na    │ 語\n",
		"wide characters in tables align");

	RENDERS("日本語のテキストです", 8, "日本語の\nテキスト\nです\n",
		"CJK text wraps between characters");
	RENDERS("e\xcc\x81"
		"e\xcc\x81"
		"e\xcc\x81"
		"e\xcc\x81",
		2,
		"e\xcc\x81"
		"e\xcc\x81\n"
		"e\xcc\x81"
		"e\xcc\x81\n",
		"combining marks stay with their letter");
	RENDERS("日本", 1, "?\n?\n", "a wide character in one column becomes '?'");
	RENDERS("a &amp; b &lt;c&gt; &#233; &#x1F600;", 40, "a & b <c> é 😀\n", "entities");
	RENDERS("bad\x1b[31mred\x07", 40, "bad\xef\xbf\xbd[31mred\xef\xbf\xbd\n",
		"control characters never reach a line");
	RENDERS("x\xe2\x80\xaey", 40, "x\xef\xbf\xbdy\n", "bidi overrides are replaced");
	RENDERS("<!-- hidden -->\n\nshown", 40, "shown\n", "HTML comments are dropped");
	RENDERS("<div>\nraw\n</div>", 40, "<div>\nraw\n</div>\n", "HTML blocks are shown");
	ok(has_style("<div>\nraw\n</div>", 40, "raw", MDS_HTML), "HTML blocks are dimmed");
	RENDERS("a<br>b", 40, "a\nb\n", "<br> breaks the line");

	/* well-formedness over hostile and deep input at many widths */
	const char *tricky[] = {
		"# Heading with a very long title that must wrap somewhere\n\n"
		"> - quote with list\n>   1. ordered inside\n>      > and a quote\n\n"
		"| a | b |\n|---|---|\n| 日本語テキスト | e\xcc\x81\xcc\x81 |\n\n"
		"```\n\tcode\x1b with\ttabs 日本\n```\n\n- [link](http://x.y/z) **b** `c`",
		"- a\n  - b\n    - c\n      - d\n        - e\n          - f\n            - g\n"
		"              - h\n                - i\n                  - j deep text",
		"> > > > > > > > > > > > > > > > > > > > deep quotes",
		"\xff\xfe\xc3 invalid bytes \xe6\x97",
		"a\0b",
	};
	int all_good = 1;
	for (size_t t = 0; t < sizeof tricky / sizeof tricky[0]; t++)
		for (size_t w = 0; w <= 50; w++)
			all_good &= well_formed(tricky[t], w);
	ok(all_good, "every line fits its width, spans cover it, no control characters");

	{
		char *deep = malloc(300 * 3 + 10);
		size_t n = 0;
		for (int i = 0; i < 300; i++) {
			memcpy(deep + n, "> ", 2);
			n += 2;
		}
		memcpy(deep + n, "x", 2);
		ok(well_formed(deep, 20), "300 nested quotes render within the width");
		free(deep);
	}
	return done_testing();
}
