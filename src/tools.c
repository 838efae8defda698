#include "build-config.h"

#include <string.h>

#include "tools.h"

#define PROGRAMS(...) ((const char *const[]){__VA_ARGS__, NULL})
#define BUILTIN       ((const char *const[]){NULL})

static const struct tool tools[] = {
	{"bash", TOOL_SHELL, PROGRAMS("bash"), 0},
	{"sh", TOOL_SHELL, PROGRAMS("sh"), 0},
	{"zsh", TOOL_SHELL, PROGRAMS("zsh"), 0},
	{"fish", TOOL_SHELL, PROGRAMS("fish"), 0},
	{"python", TOOL_LANGUAGE, PROGRAMS("python3", "python"), 0},
	{"ruby", TOOL_LANGUAGE, PROGRAMS("ruby"), 0},
	{"perl", TOOL_LANGUAGE, PROGRAMS("perl"), 0},
	{"php", TOOL_LANGUAGE, PROGRAMS("php"), 0},
	{"node", TOOL_LANGUAGE, PROGRAMS("node"), 0},
	{"js", TOOL_LANGUAGE, PROGRAMS("node"), 0},
	{"deno", TOOL_LANGUAGE, PROGRAMS("deno"), 0},
	{"bun", TOOL_LANGUAGE, PROGRAMS("bun"), 0},
	{"ts", TOOL_TYPESCRIPT, PROGRAMS("bun", "deno", "tsx", "node"), 0},
	{"kit", TOOL_TYPESCRIPT, PROGRAMS("bun", "deno", "tsx", "node"), 0},
	{"applescript", TOOL_APPLESCRIPT, PROGRAMS("osascript"), 1},
	{"open", TOOL_OPEN, BUILTIN, 0},
	{"edit", TOOL_EDIT, BUILTIN, 0},
	{"template", TOOL_TEMPLATE, BUILTIN, 0},
	{"paste", TOOL_KEYSTROKES, BUILTIN, 0},
	{"type", TOOL_KEYSTROKES, BUILTIN, 0},
	{"submit", TOOL_KEYSTROKES, BUILTIN, 0},
	{"transform", TOOL_KEYSTROKES, BUILTIN, 0},
	{"http", TOOL_HTTP, BUILTIN, 0},
	{"copy", TOOL_COPY, BUILTIN, 0},
	{"cmd", TOOL_WINDOWS, PROGRAMS("cmd"), 0},
	{"powershell", TOOL_WINDOWS, PROGRAMS("powershell", "pwsh"), 0},
	{"pwsh", TOOL_WINDOWS, PROGRAMS("pwsh"), 0},
};

_Static_assert(sizeof tools / sizeof tools[0] == 27, "tool_table lists every tool");

const struct tool *const tool_table[] = {
	&tools[0],  &tools[1],  &tools[2],  &tools[3],  &tools[4],  &tools[5],  &tools[6],
	&tools[7],  &tools[8],  &tools[9],  &tools[10], &tools[11], &tools[12], &tools[13],
	&tools[14], &tools[15], &tools[16], &tools[17], &tools[18], &tools[19], &tools[20],
	&tools[21], &tools[22], &tools[23], &tools[24], &tools[25], &tools[26], NULL,
};

const struct tool *
tool_find(const char *name)
{
	for (size_t i = 0; name != NULL && i < sizeof tools / sizeof tools[0]; i++)
		if (strcmp(tools[i].name, name) == 0)
			return &tools[i];
	return NULL;
}

int
tool_runs_program(const struct tool *tool)
{
	switch (tool->kind) {
	case TOOL_SHELL:
	case TOOL_LANGUAGE:
	case TOOL_TYPESCRIPT:
	case TOOL_APPLESCRIPT:
	case TOOL_WINDOWS:
		return 1;
	default:
		return 0;
	}
}
