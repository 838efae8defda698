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

/* The JavaScript engines, for preloading the script SDK. */
enum runtime_engine { ENGINE_OTHER, ENGINE_NODE, ENGINE_BUN, ENGINE_DENO, ENGINE_TSX };

struct runtime {
	struct strv argv;    /* the program (absolute path) and its options; the file follows */
	const char *suffix;  /* the temp file's: ".py", ".ts", … */
	const char *prelude; /* put before the code ("<?php\n"), or NULL */
	enum runtime_engine engine;
};
#define RUNTIME_INIT                                                                               \
	{                                                                                          \
		STRV_INIT, NULL, NULL, ENGINE_OTHER                                                \
	}

/*
 * How to run code of tool (a shell, language, ts or applescript tool).  0
 * with *rt filled, or -1 with *cause saying what to install ("python needs
 * python3 or python, and neither is on PATH").
 */
int runtime_for_tool(const struct tool *tool, struct runtime *rt, char **cause);
void runtime_clear(struct runtime *rt);

/*
 * Load the ES module at path (absolute) before the script, the engine's
 * way: bun --preload, node --import, deno --preload (2.4 or newer); tsx
 * runs as node with tsx's loader and the module imported, since the tsx
 * program runs the script in a child of its own that would not inherit
 * the SDK's descriptor.  0, or -1 with *cause set (and rt unchanged) when
 * the engine cannot.
 */
int runtime_preload(struct runtime *rt, const char *path, char **cause);

/* The absolute path of program: as given when it holds a '/', else found on PATH; or NULL.
 * Borrowed (lives as long as the process). */
const char *runtime_which(const char *program);

#endif
