/* Runtimes: interpreters on PATH, the TypeScript runtime choice (exec-runtime.h). */
#include "build-config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "exec-proc.h"
#include "exec-runtime.h"
#include "exec.h"
#include "strbuf.h"
#include "tools.h"
#include "xmalloc.h"

/*
 * Memoised answers, kept for the life of the process (callers borrow the
 * strings), keyed by what they depend on (PATH, a program's path).
 */
struct memo {
	char *key;
	char *value; /* may be NULL: "not found" is an answer too */
	struct memo *next;
};

static pthread_mutex_t memo_lock = PTHREAD_MUTEX_INITIALIZER;
static struct memo *memos;

static const char *
memo_get(const char *key, int *found)
{
	pthread_mutex_lock(&memo_lock);
	*found = 0;
	const char *value = NULL;
	for (struct memo *m = memos; m != NULL; m = m->next)
		if (strcmp(m->key, key) == 0) {
			*found = 1;
			value = m->value;
			break;
		}
	pthread_mutex_unlock(&memo_lock);
	return value;
}

/* Store value (taken) under key unless another thread did first; the stored value. */
static const char *
memo_put(const char *key, char *value)
{
	pthread_mutex_lock(&memo_lock);
	for (struct memo *m = memos; m != NULL; m = m->next)
		if (strcmp(m->key, key) == 0) {
			pthread_mutex_unlock(&memo_lock);
			free(value);
			return m->value;
		}
	struct memo *m = xmalloc(sizeof *m);
	m->key = xstrdup(key);
	m->value = value;
	m->next = memos;
	memos = m;
	pthread_mutex_unlock(&memo_lock);
	return value;
}

static const char *
path_env(void)
{
	const char *path = getenv("PATH");
	return path != NULL ? path : "/usr/local/bin:/usr/bin:/bin";
}

static int
is_executable_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode) && access(path, X_OK) == 0;
}

const char *
runtime_which(const char *program)
{
	char *key = xasprintf("which\n%s\n%s", path_env(), program);
	int found;
	const char *hit = memo_get(key, &found);
	if (found) {
		free(key);
		return hit;
	}
	char *result = NULL;
	if (strchr(program, '/') != NULL) {
		if (is_executable_file(program))
			result = xstrdup(program);
	} else {
		const char *p = path_env();
		while (result == NULL && *p != '\0') {
			size_t n = strcspn(p, ":");
			if (n > 0) {
				char *candidate = xasprintf("%.*s/%s", (int)n, p, program);
				if (is_executable_file(candidate))
					result = candidate;
				else
					free(candidate);
			}
			p += n;
			if (*p == ':')
				p++;
		}
	}
	hit = memo_put(key, result);
	free(key);
	return hit;
}

/* node's version as major*1000+minor (22006 for 22.6), or 0 when unknown. */
static long
node_version(const char *node)
{
	char *key = xasprintf("node-version\n%s", node);
	int found;
	const char *hit = memo_get(key, &found);
	if (!found) {
		const char *argv[] = {node, "--version", NULL};
		hit = memo_put(key, proc_capture(argv, 5000));
	}
	free(key);
	int major = 0, minor = 0;
	if (hit == NULL || sscanf(hit, "v%d.%d", &major, &minor) != 2)
		return 0;
	return major * 1000L + minor;
}

static void
push_all(struct strv *sv, const char *const *items)
{
	for (; *items != NULL; items++)
		strv_push(sv, *items);
}

/* node and its options for code that may use import or require. */
static void
node_argv(struct runtime *rt, const char *node, long version, int strip_types)
{
	strv_push(&rt->argv, node);
	if (strip_types)
		push_all(&rt->argv,
			 (const char *const[]){"--experimental-strip-types",
					       "--disable-warning=ExperimentalWarning", NULL});
	/* From 22.7 node tells ES modules from CommonJS by itself. */
	if (version >= 20010 && version < 22007)
		strv_push(&rt->argv, "--experimental-detect-module");
}

static const struct {
	const char *tool;
	const char *suffix;
} suffixes[] = {
	{"bash", ".sh"},   {"sh", ".sh"},   {"zsh", ".zsh"},          {"fish", ".fish"},
	{"python", ".py"}, {"ruby", ".rb"}, {"perl", ".pl"},          {"php", ".php"},
	{"node", ".js"},   {"js", ".js"},   {"deno", ".ts"},          {"bun", ".ts"},
	{"ts", ".ts"},     {"kit", ".ts"},  {"applescript", ".scpt"}, {"powershell", ".ps1"},
	{"pwsh", ".ps1"},
};

static const char *
suffix_for(const char *tool)
{
	for (size_t i = 0; i < nitems(suffixes); i++)
		if (strcmp(suffixes[i].tool, tool) == 0)
			return suffixes[i].suffix;
	return "";
}

/* "python3 or python" */
static char *
program_list(const struct tool *tool)
{
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; tool->programs[i] != NULL; i++)
		sb_addf(&sb, "%s%s",
			i == 0                          ? ""
			: tool->programs[i + 1] == NULL ? " or "
							: ", ",
			tool->programs[i]);
	return sb_detach(&sb);
}

static int
typescript_runtime(const struct tool *tool, struct runtime *rt, char **cause)
{
	const char *path;
	if ((path = runtime_which("bun")) != NULL) {
		push_all(&rt->argv, (const char *const[]){path, "run", NULL});
		return 0;
	}
	if ((path = runtime_which("deno")) != NULL) {
		push_all(&rt->argv, (const char *const[]){path, "run", "-A", NULL});
		return 0;
	}
	if ((path = runtime_which("tsx")) != NULL) {
		strv_push(&rt->argv, path);
		return 0;
	}
	const char *node = runtime_which("node");
	long version = node != NULL ? node_version(node) : 0;
	if (node != NULL && version >= 22006) {
		node_argv(rt, node, version, 1);
		return 0;
	}
	char *found = node == NULL   ? xstrdup("")
		      : version == 0 ? xstrdup("; node's version is unknown")
				     : xasprintf("; node %ld.%ld is too old", version / 1000,
						 version % 1000);
	set_cause(cause,
		  "%s needs bun, deno, tsx or node 22.6 or newer, and none is on PATH%s "
		  "(install one, e.g. npm install -g tsx)",
		  tool->name, found);
	free(found);
	return -1;
}

int
runtime_for_tool(const struct tool *tool, struct runtime *rt, char **cause)
{
	*rt = (struct runtime)RUNTIME_INIT;
	rt->suffix = suffix_for(tool->name);
	switch (tool->kind) {
	case TOOL_TYPESCRIPT:
		if (typescript_runtime(tool, rt, cause) == 0)
			return 0;
		runtime_clear(rt);
		return -1;
	case TOOL_APPLESCRIPT:
#ifndef __APPLE__
		set_cause(cause, "needs macOS (osascript)");
		return -1;
#endif
		break;
	case TOOL_WINDOWS:
		if (strcmp(tool->name, "cmd") == 0) {
			set_cause(cause, "needs Windows (cmd)");
			return -1;
		}
		break;
	case TOOL_SHELL:
	case TOOL_LANGUAGE:
		break;
	default:
		set_cause(cause, "%s does not run code", tool->name);
		return -1;
	}
	const char *path = NULL;
	for (size_t i = 0; path == NULL && tool->programs[i] != NULL; i++)
		path = runtime_which(tool->programs[i]);
	if (path == NULL) {
		char *list = program_list(tool);
		set_cause(cause, "%s is not installed (no %s on PATH)", tool->name, list);
		free(list);
		return -1;
	}
	const char *base = strrchr(path, '/') + 1;
	if (strcmp(base, "node") == 0)
		node_argv(rt, path, node_version(path), 0);
	else if (strcmp(base, "deno") == 0)
		push_all(&rt->argv, (const char *const[]){path, "run", "-A", NULL});
	else if (strcmp(base, "bun") == 0)
		push_all(&rt->argv, (const char *const[]){path, "run", NULL});
	else if (strcmp(base, "pwsh") == 0 || strcmp(base, "powershell") == 0)
		push_all(&rt->argv, (const char *const[]){path, "-NoProfile", "-NonInteractive",
							  "-File", NULL});
	else
		strv_push(&rt->argv, path);
	if (strcmp(tool->name, "php") == 0)
		rt->prelude = "<?php\n";
	return 0;
}

void
runtime_clear(struct runtime *rt)
{
	strv_free(&rt->argv);
	*rt = (struct runtime)RUNTIME_INIT;
}

/* Why a keystroke tool cannot work here, or NULL. */
static char *
keystrokes_unavailable(void)
{
#ifdef __APPLE__
	return runtime_which("osascript") != NULL ? NULL : xstrdup("needs osascript");
#else
	if (runtime_which("wtype") != NULL || runtime_which("xdotool") != NULL)
		return NULL;
	return xstrdup("needs wtype (Wayland) or xdotool (X11), or macOS");
#endif
}

const char *
exec_tool_unavailable(const char *name)
{
	const struct tool *tool = tool_find(name);
	if (tool == NULL)
		return NULL; /* the loader reports unknown tools */
	char *key = xasprintf("unavailable\n%s\n%s", path_env(), name);
	int found;
	const char *hit = memo_get(key, &found);
	if (found) {
		free(key);
		return hit;
	}
	char *reason = NULL;
	struct runtime rt;
	if (tool_runs_program(tool)) {
		if (runtime_for_tool(tool, &rt, &reason) == 0)
			runtime_clear(&rt);
	} else if (tool->kind == TOOL_KEYSTROKES)
		reason = keystrokes_unavailable();
	hit = memo_put(key, reason);
	free(key);
	return hit;
}
