/*
 * The tools an extension command's fence can name (```bash, ```ts, ```open …):
 * one table, the single source of truth for tool names.  The loader checks
 * names against it; the executor runs commands by the tool's kind.
 */
#ifndef CHITTY_TOOLS_H
#define CHITTY_TOOLS_H

enum tool_kind {
	TOOL_SHELL,       /* bash zsh sh fish: code in a temp file run by the shell */
	TOOL_LANGUAGE,    /* python ruby perl php node js deno bun: the same, by the interpreter */
	TOOL_TYPESCRIPT,  /* ts kit: bun, else deno, else tsx, else node >= 22.6 */
	TOOL_APPLESCRIPT, /* osascript (macOS) */
	TOOL_OPEN,        /* open the trimmed content with the opener */
	TOOL_EDIT,        /* open the content in $VISUAL/$EDITOR */
	TOOL_TEMPLATE,    /* the filled text itself is the result */
	TOOL_KEYSTROKES,  /* paste type submit transform: act on the focused app */
	TOOL_HTTP,        /* a REST request in the .http convention */
	TOOL_COPY,        /* copy the filled text to the clipboard */
	TOOL_WINDOWS,     /* cmd powershell pwsh: Windows shells */
};

struct tool {
	const char *name;
	enum tool_kind kind;
	/* Programs that can run it, tried in order (NULL-terminated); empty for built-ins. */
	const char *const *programs;
	int macos_only;
};

/* 1 when the tool's code runs as a program (shells, languages, ts, applescript, Windows shells). */
int tool_runs_program(const struct tool *tool);
/* The tool with this name (case-sensitive, as Script Kit), or NULL. */
const struct tool *tool_find(const char *name);
/* Every tool, NULL-terminated, in documentation order. */
extern const struct tool *const tool_table[];

#endif
