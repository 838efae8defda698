/*
 * Runtimes: which program runs a tool's code, and how.
 *
 *   shells and languages   the tool table's programs, the first on PATH
 *                          (python: python3, else python)
 *   ts, kit                bun, else deno, else tsx, else node 22.6 or newer
 *                          with --experimental-strip-types
 *   node, js               node (with --experimental-detect-module where
 *                          that is needed for import statements)
 *   applescript            osascript (macOS)
 *   powershell, pwsh       pwsh
 *
 * PATH lookups and version checks are memoised per process (and redone
 * when PATH changes), so listing many commands costs one lookup per
 * program.  Thread-safe.
 */
#ifndef CHITTY_EXEC_RUNTIME_H
#define CHITTY_EXEC_RUNTIME_H

#include "strv.h"

struct tool;

struct runtime {
	struct strv argv;    /* the program (absolute path) and its options; the file follows */
	const char *suffix;  /* the temp file's: ".py", ".ts", … */
	const char *prelude; /* put before the code ("<?php\n"), or NULL */
};
#define RUNTIME_INIT                                                                               \
	{                                                                                          \
		STRV_INIT, NULL, NULL                                                              \
	}

/*
 * How to run code of tool (a shell, language, ts or applescript tool).  0
 * with *rt filled, or -1 with *cause saying what to install ("python needs
 * python3 or python, and neither is on PATH").
 */
int runtime_for_tool(const struct tool *tool, struct runtime *rt, char **cause);
void runtime_clear(struct runtime *rt);

/* The absolute path of program: as given when it holds a '/', else found on PATH; or NULL.
 * Borrowed (lives as long as the process). */
const char *runtime_which(const char *program);

#endif
