/* strbuf, strv, suggestions and the table printer. */
#include "build-config.h"

#include <locale.h>
#include <stdlib.h>

#include "strbuf.h"
#include "strv.h"
#include "suggest.h"
#include "table.h"
#include "tap.h"

static void
test_strbuf(void)
{
	struct strbuf sb = STRBUF_INIT;
	is_str(sb_str(&sb), "", "empty strbuf reads as \"\"");
	sb_add(&sb, "abc");
	sb_addc(&sb, '-');
	sb_addf(&sb, "%d/%s", 42, "x");
	is_str(sb_str(&sb), "abc-42/x", "add, addc and addf append");
	sb_addn(&sb, "\0z", 2);
	is_int(sb.len, 10, "addn keeps embedded NUL bytes");
	sb_truncate(&sb, 3);
	is_str(sb_str(&sb), "abc", "truncate shortens");
	sb_addrep(&sb, ".", 3);
	char *s = sb_detach(&sb);
	is_str(s, "abc...", "detach hands over the string");
	ok(sb.s == NULL && sb.len == 0, "detach resets the buffer");
	free(s);
	s = sb_detach(&sb);
	is_str(s, "", "detach of an empty buffer gives \"\"");
	free(s);
	/* Growth past many doublings keeps content. */
	for (int i = 0; i < 10000; i++)
		sb_addc(&sb, (char)('a' + i % 26));
	ok(sb.len == 10000 && sb.s[9999] == 'a' + 9999 % 26 && sb.s[10000] == '\0',
	   "10,000 appends keep every byte and the terminator");
	sb_free(&sb);
}

static void
test_strv(void)
{
	struct strv sv = STRV_INIT;
	strv_split(&sv, "  a,b,,c  ", " ,");
	is_int(sv.n, 3, "split drops empty pieces");
	is_str(sv.v[2], "c", "split keeps order");
	ok(sv.v[3] == NULL, "vector stays NULL-terminated");
	ok(strv_contains(&sv, "b") && !strv_contains(&sv, "d"), "contains");
	is_int(strv_index(&sv, "c"), 2, "index");
	char *j = strv_join(&sv, "+");
	is_str(j, "a+b+c", "join");
	free(j);
	struct strv copy = STRV_INIT;
	strv_copy(&copy, &sv);
	is_int(copy.n, 3, "copy");
	strv_free(&copy);
	strv_free(&sv);
	ok(sv.v == NULL && sv.n == 0, "free resets");
	j = strv_join(&sv, ",");
	is_str(j, "", "join of nothing is empty");
	free(j);
}

static void
test_suggest(void)
{
	is_int(edit_distance("serch", "search"), 1, "one deletion");
	is_int(edit_distance("saerch", "search"), 1, "a swap counts once");
	is_int(edit_distance("", "abc"), 3, "from empty");
	is_int(edit_distance("ABC", "abc"), 0, "case-insensitive");
	const char *names[] = {"search", "filter", "run", "ext", "prefs", NULL, "config"};
	is_str(suggest_nearest("serch", names, 7), "search", "typo suggests the command");
	is_str(suggest_nearest("conf", names, 7), "config", "a prefix suggests the command");
	is_str(suggest_nearest("x", names, 7), "ext", "a short word finds a near name");
	ok(suggest_nearest("zzzzzzzzzz", names, 7) == NULL, "nothing near: no suggestion");
}

static void
test_table(void)
{
	const char *headers[] = {"ID", "TITLE", "STATE"};
	struct table *t = table_create(3, headers);
	const char *r1[] = {"1", "Fix the 🐞 bug", "open"};
	const char *r2[] = {"22", "Line\nbreak", NULL};
	table_add_row(t, r1);
	table_add_row(t, r2);
	is_int(table_rows(t), 2, "two rows");
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	table_print(t, fp, 0);
	fclose(fp);
	is_str(buf,
	       "ID  TITLE           STATE\n"
	       "1   Fix the 🐞 bug  open\n"
	       "22  Line break\n",
	       "columns align by display width; control characters become spaces");
	free(buf);
	fp = open_memstream(&buf, &len);
	table_print(t, fp, 20);
	fclose(fp);
	ok(strstr(buf, "…") != NULL, "a narrow width clips with an ellipsis");
	int fits = 1;
	for (char *line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		fits &= strlen(line) <= 24; /* 20 columns; the ellipsis is 3 bytes */
	ok(fits, "every line fits the width");
	free(buf);
	table_free(t);
	table_free(NULL);
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_strbuf();
	test_strv();
	test_suggest();
	test_table();
	return done_testing();
}
