/*
 * Substitution (exec-subst): conditionals, every context of every
 * language, positional arguments, refused values.
 *
 * Hostile values are checked two ways: the filled text is compared where
 * the encoding is fixed, and the filled code is run by the real interpreter
 * (when installed) in a scratch folder, where it writes the value to a file
 * that is compared byte for byte, and a canary file that any injected
 * command would create must never appear.
 */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "exec-subst.h"
#include "ext-text.h"
#include "fileio.h"
#include "strbuf.h"
#include "strv.h"
#include "tap.h"

static char scratch[] = "/tmp/chitty-subst-XXXXXX";

/* Fill code with one input v=value (and args) for syntax; NULL + *cause on refusal. */
static char *
fill1(const char *code, enum subst_syntax syntax, const char *value, char **cause)
{
	struct strv names = STRV_INIT, values = STRV_INIT, env = STRV_INIT;
	strv_push(&names, "v");
	strv_push(&values, value);
	subst_env_names(&names, &env);
	struct subst_values v = {&names, &values, &env, NULL};
	char *out = subst_fill(code, syntax, &v, cause);
	strv_free(&names);
	strv_free(&values);
	strv_free(&env);
	return out;
}

static char *
which(const char *prog)
{
	const char *path = getenv("PATH");
	if (path == NULL)
		return NULL;
	struct strv dirs = STRV_INIT;
	strv_split(&dirs, path, ":");
	char *found = NULL;
	for (size_t i = 0; i < dirs.n && found == NULL; i++) {
		char *p = xasprintf("%s/%s", dirs.v[i], prog);
		if (access(p, X_OK) == 0)
			found = p;
		else
			free(p);
	}
	strv_free(&dirs);
	return found;
}

/* Run code with interpreter (argv: prog, flags…; then the file) in the scratch folder. */
static int
run(const char *const *argv, const char *suffix, const char *code)
{
	char *file = xasprintf("%s/code%s", scratch, suffix);
	file_write_atomic(file, code, strlen(code), 0600, NULL);
	pid_t pid = fork();
	if (pid == 0) {
		if (chdir(scratch) != 0)
			_exit(126);
		int devnull = open("/dev/null", O_RDWR);
		dup2(devnull, 0);
		if (getenv("SUBST_DEBUG") == NULL)
			dup2(devnull, 2);
		const char *args[16];
		size_t n = 0;
		for (; argv[n] != NULL; n++)
			args[n] = argv[n];
		args[n++] = file;
		args[n] = NULL;
		execvp(args[0], (char *const *)args);
		_exit(127);
	}
	int status;
	waitpid(pid, &status, 0);
	unlink(file);
	free(file);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int
canary_exists(void)
{
	char *p = xasprintf("%s/CANARY", scratch);
	int e = access(p, F_OK) == 0;
	unlink(p);
	free(p);
	return e;
}

static const char *const hostile[] = {
	"plain",
	"",
	"it's",
	"\"double\" 'single'",
	"back\\slash\\",
	"\\",
	"$(touch CANARY)",
	"`touch CANARY`",
	"'; touch CANARY #",
	"\"; touch CANARY; echo \"",
	"'\"; touch CANARY; #",
	"line1\nline2\n",
	"\ntouch CANARY\n",
	"${IFS}$HOME $0 $1 $@",
	"h\xc3\xa9llo \xe4\xb8\x96\xe7\x95\x8c \xf0\x9f\x8e\x89 \xe2\x80\xa8 sep",
	"#{system('touch CANARY')}",
	"${require('fs').writeFileSync('CANARY','')}",
	"\\x41\\n\\u0041\\'",
	"* ~ ? [a] {a,b}",
	"EOF",
	"-n -e",
	"%s %n %d",
	"}}{{v}}{{#if x}}",
	"__import__('os').system('touch CANARY')",
	"tab\there\r\ncrlf \x01\x1b[31m",
	"?><?php touch('CANARY'); ?>",
	"*/ require('fs').writeFileSync('CANARY','') /*",
	"{braces} {{double}} {0}",
	"\"\"\" ''' ` ${x} #{x} @x $x",
	"' + require('fs').writeFileSync('CANARY','') + '",
	"\\'; touch CANARY; echo \\'",
	"42",
};

struct context {
	const char *name;
	const char *code;   /* writes {{v}} (and what `before`/`after` add) to $OUT */
	const char *before; /* expected before the value */
	const char *after;  /* expected after it */
};

/*
 * How one language sets $OUT for the block that follows, and wraps a block
 * (so the blocks of every hostile value run in one process).
 */
struct lang_runner {
	const char *name;
	const char *const *argv;
	const char *suffix;
	enum subst_syntax syntax;
	const char *set_out; /* printf format taking the output path */
	const char *open, *close;
};

/* Fill ctx for hostile value h, reading its variable from CHITTY_INPUT_V<h>. */
static char *
fill_block(const struct context *ctx, enum subst_syntax syntax, size_t h, char **cause)
{
	struct strv names = STRV_INIT, values = STRV_INIT, env = STRV_INIT;
	strv_push(&names, "v");
	strv_push(&values, hostile[h]);
	strv_push_owned(&env, xasprintf("CHITTY_INPUT_V%zu", h));
	struct subst_values v = {&names, &values, &env, NULL};
	char *out = subst_fill(ctx->code, syntax, &v, cause);
	strv_free(&names);
	strv_free(&values);
	strv_free(&env);
	return out;
}

/* Every context of one language: each hostile value must arrive intact and run nothing. */
static void
roundtrip(const struct lang_runner *L, const struct context *ctx, size_t n_ctx)
{
	char *prog = which(L->argv[0]);
	if (prog == NULL) {
		printf("ok %d - %s round trips # SKIP %s is not installed\n", ++tap_count, L->name,
		       L->argv[0]);
		return;
	}
	free(prog);
	for (size_t h = 0; h < nitems(hostile); h++) {
		char *var = xasprintf("CHITTY_INPUT_V%zu", h);
		setenv(var, hostile[h], 1);
		free(var);
	}
	for (size_t c = 0; c < n_ctx; c++) {
		int all_ok = 1;
		struct strbuf script = STRBUF_INIT;
		for (size_t h = 0; h < nitems(hostile); h++) {
			char *cause = NULL;
			char *code = fill_block(&ctx[c], L->syntax, h, &cause);
			if (code == NULL) {
				diag("%s %s: refused %s: %s", L->name, ctx[c].name, hostile[h],
				     cause);
				free(cause);
				all_ok = 0;
				continue;
			}
			char *out = xasprintf("%s/out.%zu", scratch, h);
			unlink(out);
			sb_addf(&script, L->set_out, out);
			sb_addf(&script, "%s%s%s", L->open, code, L->close);
			free(out);
			free(code);
		}
		int rc = run(L->argv, L->suffix, sb_str(&script));
		if (canary_exists()) {
			diag("%s %s: a value EXECUTED; the code:\n%s", L->name, ctx[c].name,
			     sb_str(&script));
			all_ok = 0;
		}
		for (size_t h = 0; h < nitems(hostile); h++) {
			const char *value = hostile[h];
			/* A context without `after` prints only `before` (comments). */
			char *want = ctx[c].after != NULL ? xasprintf("%s%s%s", ctx[c].before,
								      value, ctx[c].after)
							  : xstrdup(ctx[c].before);
			char *path = xasprintf("%s/out.%zu", scratch, h);
			size_t got_len = 0;
			char *got = file_read_all(path, &got_len, 0, NULL);
			if (got == NULL || got_len != strlen(want) ||
			    memcmp(got, want, got_len) != 0) {
				diag("%s %s: value [%s] arrived as [%s] (exit %d)", L->name,
				     ctx[c].name, value, got ? got : "(nothing)", rc);
				all_ok = 0;
			}
			unlink(path);
			free(path);
			free(want);
			free(got);
		}
		if (!all_ok && getenv("SUBST_DEBUG") != NULL)
			diag("code:\n%s", sb_str(&script));
		sb_free(&script);
		ok(all_ok, "%s %s: %zu hostile values arrive intact, none executes", L->name,
		   ctx[c].name, nitems(hostile));
	}
}

static const struct context sh_contexts[] = {
	{"unquoted", "printf %s {{v}} > \"$OUT\"", "", ""},
	{"in '…'", "printf %s '{{v}}' > \"$OUT\"", "", ""},
	{"in '…' with text", "printf %s 'a {{v}} b' > \"$OUT\"", "a ", " b"},
	{"in \"…\"", "printf %s \"{{v}}\" > \"$OUT\"", "", ""},
	{"in \"…\" with text", "x=1; printf %s \"<$x {{v}} $x>\" > \"$OUT\"", "<1 ", " 1>"},
	{"glued to a word", "printf %s pre{{v}}post > \"$OUT\"", "pre", "post"},
	{"after =", "x={{v}}; printf %s \"$x\" > \"$OUT\"", "", ""},
	{"in $(…)", "x=$(printf '%s.' {{v}}); printf %s \"${x%.}\" > \"$OUT\"", "", ""},
	{"in \"$(…\"…\")\"", "x=\"$(printf '%s.' \"{{v}}\")\"; printf %s \"${x%.}\" > \"$OUT\"", "",
	 ""},
	{"in `…`", "x=`printf '%s.' {{v}}`; printf %s \"${x%.}\" > \"$OUT\"", "", ""},
	{"in `…'…'`", "x=`printf '%s.' '{{v}}'`; printf %s \"${x%.}\" > \"$OUT\"", "", ""},
	{"in ${x:-…}", "unset x; printf %s \"${x:-{{v}}}\" > \"$OUT\"", "", ""},
	{"in a here-document", "cat > \"$OUT\" <<EOF\n{{v}}\nEOF\n", "", "\n"},
	{"in a <<- here-document", "cat > \"$OUT\" <<-EOF\n\t{{v}}\n\tEOF\n", "", "\n"},
	{"after a comment", "# a comment {{v}}\nprintf %s ok > \"$OUT\"", "ok", NULL},
	{"in a case inside $(…)",
	 "x=$(case a in a) printf '%s.' {{v}};; esac); printf %s \"${x%.}\" > \"$OUT\"", "", ""},
};

static const struct context bash_contexts[] = {
	{"in $'…'", "printf %s $'<{{v}}>' > \"$OUT\"", "<", ">"},
	{"in <(…)", "cat <(printf %s {{v}}) > \"$OUT\"", "", ""},
};

static const struct context py_contexts[] = {
	{"bare", "import os\nopen(os.environ['OUT'], 'w').write(str({{v}}))", "", ""},
	{"in '…'", "import os\nopen(os.environ['OUT'], 'w').write('{{v}}')", "", ""},
	{"in \"…\"", "import os\nopen(os.environ['OUT'], 'w').write(\"<{{v}}>\")", "<", ">"},
	{"in '''…'''", "import os\nopen(os.environ['OUT'], 'w').write('''{{v}}''')", "", ""},
	{"in \"\"\"…\"\"\"", "import os\nopen(os.environ['OUT'], 'w').write(\"\"\"a\n{{v}}\"\"\")",
	 "a\n", ""},
	{"in r'…'", "import os\nopen(os.environ['OUT'], 'w').write(r'\\d{{v}}')", "\\d", ""},
	{"in f'…'", "import os\nx=1\nopen(os.environ['OUT'], 'w').write(f'{x}{{v}}{x}')", "1", "1"},
	{"in b'…'", "import os\nopen(os.environ['OUT'], 'wb').write(b'{{v}}')", "", ""},
	{"in rb'…'", "import os\nopen(os.environ['OUT'], 'wb').write(rb'{{v}}')", "", ""},
	{"after a comment", "import os # {{v}}\nopen(os.environ['OUT'], 'w').write('ok')", "ok",
	 NULL},
};

static const struct context js_contexts[] = {
	{"bare", "require('fs').writeFileSync(process.env.OUT, String({{v}}))", "", ""},
	{"in '…'", "require('fs').writeFileSync(process.env.OUT, '{{v}}')", "", ""},
	{"in \"…\"", "require('fs').writeFileSync(process.env.OUT, \"<{{v}}>\")", "<", ">"},
	{"in `…`", "const x = 1; require('fs').writeFileSync(process.env.OUT, `${x}{{v}}${x}`)",
	 "1", "1"},
	{"in ${…} of `…`", "require('fs').writeFileSync(process.env.OUT, `<${ {{v}} }>`)", "<",
	 ">"},
	{"after //", "// {{v}}\nrequire('fs').writeFileSync(process.env.OUT, 'ok')", "ok", NULL},
	{"in /* */", "/* {{v}} */ require('fs').writeFileSync(process.env.OUT, 'ok')", "ok", NULL},
	{"in a regex",
	 "const m = \"{{v}}\".match(/^{{v}}$/u);\n"
	 "require('fs').writeFileSync(process.env.OUT, m ? m[0] : 'no match')",
	 "", ""},
};

static const struct context perl_contexts[] = {
	{"bare", "open(F, '>', $ENV{OUT}); print F {{v}};", "", ""},
	{"in '…'", "open(F, '>', $ENV{OUT}); print F 'a{{v}}b';", "a", "b"},
	{"in \"…\"", "my $x = 1; my @a = (2); open(F, '>', $ENV{OUT}); print F \"$x{{v}}@a\";", "1",
	 "2"},
	{"after #", "# {{v}}\nopen(F, '>', $ENV{OUT}); print F 'ok';", "ok", NULL},
};

static const struct context ruby_contexts[] = {
	{"bare", "File.write(ENV['OUT'], {{v}}.to_s)", "", ""},
	{"in '…'", "File.write(ENV['OUT'], 'a{{v}}b')", "a", "b"},
	{"in \"…\"", "x = 1; File.write(ENV['OUT'], \"#{x}{{v}}#{x}\")", "1", "1"},
	{"after #", "# {{v}}\nFile.write(ENV['OUT'], 'ok')", "ok", NULL},
};

static const struct context php_contexts[] = {
	{"bare", "<?php file_put_contents(getenv('OUT'), (string){{v}});", "", ""},
	{"in '…'", "<?php file_put_contents(getenv('OUT'), 'a{{v}}b');", "a", "b"},
	{"in \"…\"", "<?php $x = 1; file_put_contents(getenv('OUT'), \"$x{{v}}{$x}\");", "1", "1"},
	{"after //", "<?php // {{v}}\nfile_put_contents(getenv('OUT'), 'ok');", "ok", NULL},
};

static const struct context fish_contexts[] = {
	{"unquoted", "printf %s {{v}} > $OUT", "", ""},
	{"in '…'", "printf %s 'a{{v}}b' > $OUT", "a", "b"},
	{"in \"…\"", "set x 1; printf %s \"$x{{v}}$x\" > $OUT", "1", "1"},
	{"in (…)", "printf %s (printf %s {{v}} | string collect --no-trim-newlines) > $OUT", "",
	 ""},
};

static void
test_conditionals(void)
{
	struct strv flags = STRV_INIT;
	char *s = subst_conditionals("Dear {{#if formal}}Sir{{else}}{{name}}{{/if}},", &flags);
	is_str(s, "Dear {{name}},", "no flag: the else branch");
	free(s);
	strv_push(&flags, "formal");
	s = subst_conditionals("Dear {{#if formal}}Sir{{else}}{{name}}{{/if}},", &flags);
	is_str(s, "Dear Sir,", "flag set: the if branch");
	free(s);

	const char *multi = "{{#if formal}}\nGood day, {{name}}.\n{{else if casual}}\nHey "
			    "{{name}}!\n{{else}}\nHello {{name}}.\n{{/if}}\n";
	s = subst_conditionals(multi, &flags);
	is_str(s, "Good day, {{name}}.\n", "multi-line: standalone tags take their lines");
	free(s);
	strv_free(&flags);
	strv_push(&flags, "casual");
	s = subst_conditionals(multi, &flags);
	is_str(s, "Hey {{name}}!\n", "else if: the first true branch");
	free(s);
	strv_free(&flags);
	s = subst_conditionals(multi, NULL);
	is_str(s, "Hello {{name}}.\n", "no flags: else");
	free(s);
	strv_push(&flags, "formal");
	strv_push(&flags, "casual");
	s = subst_conditionals(multi, &flags);
	is_str(s, "Good day, {{name}}.\n", "two true branches: only the first");
	free(s);
	strv_free(&flags);

	const char *nested =
		"a{{#if x}}b{{#if y}}c{{else}}d{{/if}}e{{else}}f{{#if y}}g{{/if}}{{/if}}h";
	strv_push(&flags, "x");
	s = subst_conditionals(nested, &flags);
	is_str(s, "abdeh", "nested: x without y");
	free(s);
	strv_push(&flags, "y");
	s = subst_conditionals(nested, &flags);
	is_str(s, "abceh", "nested: x and y");
	free(s);
	strv_free(&flags);
	strv_push(&flags, "y");
	s = subst_conditionals(nested, &flags);
	is_str(s, "afgh", "nested: y inside a false branch's else");
	free(s);
	strv_free(&flags);
	s = subst_conditionals(nested, NULL);
	is_str(s, "afh", "nested: nothing set");
	free(s);

	s = subst_conditionals("{{#if a}}A{{else if b}}B{{else if c}}C{{else}}D{{/if}}", NULL);
	is_str(s, "D", "a chain of else if: missing flags are false");
	free(s);
	strv_push(&flags, "c");
	s = subst_conditionals("{{#if a}}A{{else if b}}B{{else if c}}C{{else}}D{{/if}}", &flags);
	is_str(s, "C", "a chain of else if: the one set");
	free(s);
	strv_free(&flags);

	s = subst_conditionals("x {{/if}} {{else}} y", NULL);
	is_str(s, "x {{/if}} {{else}} y", "stray closing tags stay text");
	free(s);
	s = subst_conditionals("a{{#if on}}b", NULL);
	is_str(s, "a", "an unclosed block runs to the end");
	free(s);
	s = subst_conditionals("  {{#if x}}  \nin\n  {{/if}}  \nout", NULL);
	is_str(s, "out", "standalone tags with blanks around take the whole line");
	free(s);
	s = subst_conditionals("for i in 1 2; do echo ${i}; done {{#each x}}{{/each}}", NULL);
	is_str(s, "for i in 1 2; do echo ${i}; done {{#each x}}{{/each}}",
	       "text that is not a conditional stays");
	free(s);
}

static void
test_checks(void)
{
	char *cause = NULL;
	ok(subst_check_value("v", "ok", 2, &cause) == 0, "a plain value passes");
	ok(subst_check_value("v", "a\0b", 3, &cause) == -1 && cause != NULL &&
		   strstr(cause, "input 'v' holds a NUL byte") != NULL,
	   "a NUL byte is refused: %s", cause ? cause : "");
	free(cause), cause = NULL;
	ok(subst_check_value("v", "\xff\xfe", 2, &cause) == -1 && cause != NULL &&
		   strstr(cause, "not valid UTF-8") != NULL,
	   "invalid UTF-8 is refused: %s", cause ? cause : "");
	free(cause), cause = NULL;
	ok(subst_check_value("v", "\xc3\xa9\xf0\x9f\x8e\x89", 6, &cause) == 0, "UTF-8 passes");

	struct strv names = STRV_INIT, env = STRV_INIT;
	strv_push(&names, "file name");
	strv_push(&names, "file-name");
	strv_push(&names, "x.y");
	subst_env_names(&names, &env);
	is_str(env.v[0], "CHITTY_INPUT_FILE_NAME", "env: spaces become _");
	is_str(env.v[1], "CHITTY_INPUT_FILE_NAME_2", "env: a name that would repeat gets _2");
	is_str(env.v[2], "CHITTY_INPUT_X_Y", "env: dots become _");
	strv_free(&names);
	strv_free(&env);

	ok(subst_is_plain_integer("0") && subst_is_plain_integer("42") &&
		   !subst_is_plain_integer("042") && !subst_is_plain_integer("-1") &&
		   !subst_is_plain_integer("1e3") && !subst_is_plain_integer("") &&
		   !subst_is_plain_integer("4 2"),
	   "plain integers: digits, no sign, no leading zero");
	is_int(subst_syntax_for_tool("bash"), SUBST_SH, "bash is a POSIX shell");
	is_int(subst_syntax_for_tool("kit"), SUBST_JS, "kit is JavaScript");
	is_int(subst_syntax_for_tool("template"), SUBST_TEXT, "template is text");
}

/* Expect code filled with value v to be exactly want. */
static void
fills(const char *code, enum subst_syntax sx, const char *v, const char *want, const char *what)
{
	char *cause = NULL;
	char *got = fill1(code, sx, v, &cause);
	is_str(got, want, "%s", what);
	if (got == NULL)
		diag("cause: %s", cause);
	free(got);
	free(cause);
}

static void
refuses(const char *code, enum subst_syntax sx, const char *v, const char *why, const char *what)
{
	char *cause = NULL;
	char *got = fill1(code, sx, v, &cause);
	ok(got == NULL && cause != NULL && strstr(cause, why) != NULL, "%s: %s", what,
	   cause ? cause : got);
	free(got);
	free(cause);
}

static void
test_encodings(void)
{
	fills("echo {{v}}", SUBST_SH, "it's", "echo 'it'\\''s'",
	      "sh unquoted: one single-quoted word");
	fills("echo '{{v}}'", SUBST_SH, "it's", "echo '''it'\\''s'''",
	      "sh in '…': closed, quoted, reopened");
	fills("echo \"{{v}}\"", SUBST_SH, "$x", "echo \"\"'$x'\"\"",
	      "sh in \"…\": closed, quoted, reopened");
	fills("echo ${x:-{{v}}}", SUBST_SH, "a b", "echo ${x:-${CHITTY_INPUT_V}}",
	      "sh in ${…}: the environment variable");
	fills("cat <<E\n{{v}}\nE\n", SUBST_SH, "$(x)", "cat <<E\n${CHITTY_INPUT_V}\nE\n",
	      "sh here-document: the environment variable");
	fills("cat <<'E'\n{{v}}\nE\n", SUBST_SH, "$(x)", "cat <<'E'\n$(x)\nE\n",
	      "sh quoted here-document: the value as data");
	fills("exit {{v}}", SUBST_SH, "3", "exit '3'", "sh: exit with a number still quoted");
	fills("echo $(( {{v}} + 1 ))", SUBST_SH, "41", "echo $(( 41 + 1 ))",
	      "sh arithmetic: a number");
	refuses("echo $(( {{v}} + 1 ))", SUBST_SH, "a[$(id)]", "whole number",
		"sh arithmetic refuses text");
	refuses("(( n = {{v}} ))", SUBST_SH, "1; id", "whole number", "sh (( )) refuses text");
	refuses("cat <<'E'\n{{v}}\nE\necho after\n", SUBST_SH, "x\nE\nid",
		"here-document 'E' early",
		"a value that would end a quoted here-document is refused");
	refuses("echo \\{{v}}", SUBST_SH, "x", "backslash",
		"a placeholder after a backslash is refused");
	fills("echo \\\\{{v}}", SUBST_SH, "x", "echo \\\\'x'",
	      "an escaped backslash before is fine");
	fills("echo ${{v}}", SUBST_SH, "a'b", "echo $\"\"'a'\\''b'",
	      "sh after $: never $'…' (ANSI-C quoting)");
	fills("# {{v}}\necho", SUBST_SH, "a\nb", "# 'a b'\necho", "sh comment: no line breaks");
	fills("echo `echo {{v}}`", SUBST_SH, "a`b$c\\", "echo `echo 'a\\`b\\$c\\\\'`",
	      "sh in `…`: one more level of escapes");
	fills("echo {{v}}", SUBST_FISH, "it's \\", "echo 'it\\'s \\\\'",
	      "fish: \\' and \\\\ in quotes");
	fills("echo 'a{{v}}'", SUBST_FISH, "it's", "echo 'ait\\'s'", "fish in '…': in place");

	fills("print({{v}})", SUBST_PYTHON, "42", "print(42)",
	      "python: a plain integer goes in raw");
	fills("print({{v}})", SUBST_PYTHON, "042", "print(\"042\")",
	      "python: anything else is a string");
	fills("print('{{v}}')", SUBST_PYTHON, "a'b c", "print('a\\x27b\\x20c')",
	      "python in '…': \\xNN escapes");
	fills("print(r'{{v}}')", SUBST_PYTHON, "a'b", "print(r'' \"a\\x27b\" r'')",
	      "python in r'…': closed and joined");
	fills("print(\"h{{v}}\")", SUBST_PYTHON, "\xc3\xa9", "print(\"h\xc3\xa9\")",
	      "python keeps UTF-8 text as it is");
	fills("print(b'{{v}}')", SUBST_PYTHON, "\xc3\xa9", "print(b'\\xc3\\xa9')",
	      "python bytes get \\xNN for UTF-8 too");
	fills("x = `{{v}}`", SUBST_JS, "${a}", "x = `\\x24\\x7ba\\x7d`",
	      "js template: ${ cannot form");
	fills("x = '{{v}}'", SUBST_JS, "\xe2\x80\xa8", "x = '\\u2028'", "js: U+2028 escaped");
	fills("puts '{{v}}'", SUBST_RUBY, "a'b", "puts ''\"a\\x27b\"''",
	      "ruby in '…': closed and joined");
	fills("print '{{v}}';", SUBST_PERL, "a", "print ''.\"\\x61\".'';",
	      "perl in '…': joined with .");
	fills("?>{{v}}", SUBST_PHP, "<?php x", "?><?php echo \"\\x3c\\x3fphp\\x20x\"; ?>",
	      "php outside <?php: printed from code");
	fills("display dialog \"{{v}}\"", SUBST_APPLESCRIPT, "a\"b\\c",
	      "display dialog \"a\\\"b\\\\c\"", "applescript in \"…\": \\\" and \\\\");
	fills("Write-Output '{{v}}'", SUBST_POWERSHELL, "it's", "Write-Output 'it''s'",
	      "powershell in '…': doubled");
	fills("Write-Output \"{{v}}\"", SUBST_POWERSHELL, "$x`\"", "Write-Output \"`$x```\"\"",
	      "powershell in \"…\": backtick escapes");

	fills("Hello {{v}}!", SUBST_TEXT, "$(x) 'y'", "Hello $(x) 'y'!", "text: as it is");
	fills("https://x.test/?q={{v}}", SUBST_OPEN, "a b&c", "https://x.test/?q=a%20b%26c",
	      "open: percent-encoded inside a URL");
	fills("{{v}}", SUBST_OPEN, "https://a.test/x?y=1", "https://a.test/x?y=1",
	      "open: a whole-URL placeholder stays whole");
	fills("~/notes/{{v}}.md", SUBST_OPEN, "a b", "~/notes/a b.md",
	      "open: a file path as it is");
	fills("https://api.test/items/{{v}}", SUBST_URL, "../x?y",
	      "https://api.test/items/..%2Fx%3Fy",
	      "url: a path segment cannot climb or add a query");
	fills("{{v}}/items", SUBST_URL, "https://api.test", "https://api.test/items",
	      "url: a placeholder that starts the URL is the URL");
	refuses("{{v}}/items", SUBST_URL, "https://a.test x", "blanks",
		"url: a whole URL with a blank is refused");
	fills("Authorization: Bearer {{v}}", SUBST_HEADER, "abc", "Authorization: Bearer abc",
	      "header: as it is");
	refuses("X-A: {{v}}", SUBST_HEADER, "a\r\nX-Injected: 1", "line break",
		"header: CR/LF refused");
	fills("{\"a\": \"{{v}}\", \"n\": {{v}}}", SUBST_JSON, "q\"\\\n",
	      "{\"a\": \"q\\\"\\\\\\n\", \"n\": \"q\\\"\\\\\\n\"}",
	      "json: escaped in a string, a string outside");
	fills("{\"n\": {{v}}}", SUBST_JSON, "7", "{\"n\": 7}", "json: a number outside strings");
	fills("a={{v}}&b=1", SUBST_FORM, "x&y=z", "a=x%26y%3Dz&b=1", "form: percent-encoded");
	refuses("echo {{w}}", SUBST_SH, "x", "missing input 'w'", "a missing input is named");
}

static void
test_positional(void)
{
	struct strv args = STRV_INIT;
	strv_push(&args, "one");
	strv_push(&args, "two words");
	struct subst_values v = {NULL, NULL, NULL, &args};
	char *s = subst_fill("first=$1 second=${2} all=$@ none=$3 literal=\\$1 pid=$$1", SUBST_TEXT,
			     &v, NULL);
	is_str(s, "first=one second=two words all=one two words none= literal=$1 pid=$$1",
	       "text: $1, ${2}, $@, a missing $3, \\$1 and $$");
	free(s);
	s = subst_fill("https://x.test/$1?q=$2", SUBST_URL, &v, NULL);
	is_str(s, "https://x.test/one?q=two%20words", "url: positional values are encoded too");
	free(s);
	s = subst_fill("echo $1 \"$@\"", SUBST_SH, &v, NULL);
	is_str(s, "echo $1 \"$@\"", "shells: positional references stay (they are real arguments)");
	free(s);
	strv_free(&args);

	struct strv names = STRV_INIT, values = STRV_INIT;
	strv_push(&names, "v");
	strv_push(&values, "$1");
	struct strv one = STRV_INIT;
	strv_push(&one, "ARG");
	struct subst_values w = {&names, &values, NULL, &one};
	s = subst_fill("{{v}} $1", SUBST_TEXT, &w, NULL);
	is_str(s, "$1 ARG", "a value is never scanned again: its $1 stays");
	free(s);
	strv_free(&names);
	strv_free(&values);
	strv_free(&one);
}

int
main(void)
{
	if (mkdtemp(scratch) == NULL)
		return skip_all("cannot create a scratch folder");
	test_conditionals();
	test_checks();
	test_encodings();
	test_positional();

	static const char *const bash[] = {"bash", NULL}, *const sh[] = {"sh", NULL},
				 *const zsh[] = {"zsh", NULL}, *const fish[] = {"fish", NULL},
				 *const python[] = {"python3", NULL},
				 *const node[] = {"node", NULL}, *const perl[] = {"perl", NULL},
				 *const ruby[] = {"ruby", NULL}, *const php[] = {"php", NULL};
	static const struct lang_runner
		r_bash = {"bash", bash, ".sh", SUBST_SH, "OUT=%s\n", "", "\n"},
		r_sh = {"sh", sh, ".sh", SUBST_SH, "OUT=%s\n", "", "\n"},
		r_zsh = {"zsh", zsh, ".zsh", SUBST_SH, "OUT=%s\n", "", "\n"},
		r_fish = {"fish", fish, ".fish", SUBST_FISH, "set OUT %s\n", "", "\n"},
		r_python = {"python",
			    python,
			    ".py",
			    SUBST_PYTHON,
			    "import os\nos.environ['OUT'] = '%s'\n",
			    "",
			    "\n"},
		r_node = {"node", node,   ".js", SUBST_JS, "process.env.OUT = '%s';\n",
			  "{\n",  "\n}\n"},
		r_perl = {"perl", perl, ".pl", SUBST_PERL, "$ENV{OUT} = '%s';\n", "{\n", "\n}\n"},
		r_ruby = {"ruby", ruby, ".rb", SUBST_RUBY, "ENV['OUT'] = '%s'\n", "", "\n"},
		r_php = {"php", php,     ".php", SUBST_PHP, "<?php putenv('OUT=%s'); ?>\n",
			 "",    "\n?>\n"};
	roundtrip(&r_bash, sh_contexts, nitems(sh_contexts));
	roundtrip(&r_bash, bash_contexts, nitems(bash_contexts));
	roundtrip(&r_sh, sh_contexts, nitems(sh_contexts));
	roundtrip(&r_zsh, sh_contexts, nitems(sh_contexts));
	roundtrip(&r_fish, fish_contexts, nitems(fish_contexts));
	roundtrip(&r_python, py_contexts, nitems(py_contexts));
	roundtrip(&r_node, js_contexts, nitems(js_contexts));
	roundtrip(&r_perl, perl_contexts, nitems(perl_contexts));
	roundtrip(&r_ruby, ruby_contexts, nitems(ruby_contexts));
	roundtrip(&r_php, php_contexts, nitems(php_contexts));

	rmdir(scratch);
	return done_testing();
}
