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
#include "fileio.h"
#include "paths.h"
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

/*
 * Versions survive the process in a small file in the cache folder
 * ("runtimes": path, inode, size, mtime, the first line of `PROGRAM
 * --version`), so a start of chitty does not pay 10-40 ms to run node or
 * deno each time; a program changed on disk is asked again.
 */
#define VERSIONS_FILE "runtimes"
#define VERSIONS_MAX  64

static char *
stat_stamp(const char *program)
{
	struct stat st;
	if (stat(program, &st) != 0)
		return NULL;
	return xasprintf("%s\t%llu\t%lld\t%lld.%09ld", program, (unsigned long long)st.st_ino,
			 (long long)st.st_size, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

/* The stored version line for stamp, or NULL. */
static char *
versions_lookup(const char *file, const char *stamp)
{
	char *text = file_read_all(file, NULL, 64 * 1024, NULL);
	char *found = NULL;
	size_t sl = strlen(stamp);
	for (char *line = text, *next; line != NULL && *line != '\0' && found == NULL;
	     line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if (strncmp(line, stamp, sl) == 0 && line[sl] == '\t')
			found = xstrdup(line + sl + 1);
	}
	free(text);
	return found;
}

/* Record stamp's version, replacing the program's older lines; best effort. */
static void
versions_store(const char *dir, const char *file, const char *stamp, const char *program,
	       const char *version)
{
	if (paths_ensure(dir, NULL) != 0)
		return;
	char *text = file_read_all(file, NULL, 64 * 1024, NULL);
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "%s\t%s\n", stamp, version);
	size_t pl = strlen(program), kept = 1;
	for (char *line = text, *next; line != NULL && *line != '\0'; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		if ((strncmp(line, program, pl) == 0 && line[pl] == '\t') || kept >= VERSIONS_MAX)
			continue;
		sb_addf(&sb, "%s\n", line);
		kept++;
	}
	file_write_atomic(file, sb.s, sb.len, 0600, NULL);
	sb_free(&sb);
	free(text);
}

/* The first line of `program --version` (memoised, then from the file), or NULL. */
static const char *
program_version(const char *program, long timeout_ms)
{
	char *key = xasprintf("version\n%s", program);
	int found;
	const char *hit = memo_get(key, &found);
	if (found) {
		free(key);
		return hit;
	}
	char *dir = paths_cache_dir(), *file = paths_join(dir, VERSIONS_FILE);
	char *stamp = stat_stamp(program), *version = NULL;
	if (stamp != NULL)
		version = versions_lookup(file, stamp);
	if (version == NULL) {
		const char *argv[] = {program, "--version", NULL};
		version = proc_capture(argv, timeout_ms);
		if (version != NULL) {
			version[strcspn(version, "\t\r\n")] = '\0';
			if (stamp != NULL && *version != '\0')
				versions_store(dir, file, stamp, program, version);
		}
	}
	hit = memo_put(key, version);
	free(stamp);
	free(file);
	free(dir);
	free(key);
	return hit;
}

/* node's version as major*1000+minor (22006 for 22.6), or 0 when unknown. */
static long
node_version(const char *node)
{
	const char *hit = program_version(node, 5000);
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
		rt->engine = ENGINE_BUN;
		return 0;
	}
	if ((path = runtime_which("deno")) != NULL) {
		push_all(&rt->argv, (const char *const[]){path, "run", "-A", NULL});
		rt->engine = ENGINE_DENO;
		return 0;
	}
	if ((path = runtime_which("tsx")) != NULL) {
		strv_push(&rt->argv, path);
		rt->engine = ENGINE_TSX;
		return 0;
	}
	const char *node = runtime_which("node");
	long version = node != NULL ? node_version(node) : 0;
	if (node != NULL && version >= 22006) {
		node_argv(rt, node, version, 1);
		rt->engine = ENGINE_NODE;
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
	if (strcmp(base, "node") == 0) {
		node_argv(rt, path, node_version(path), 0);
		rt->engine = ENGINE_NODE;
	} else if (strcmp(base, "deno") == 0) {
		push_all(&rt->argv, (const char *const[]){path, "run", "-A", NULL});
		rt->engine = ENGINE_DENO;
	} else if (strcmp(base, "bun") == 0) {
		push_all(&rt->argv, (const char *const[]){path, "run", NULL});
		rt->engine = ENGINE_BUN;
	} else if (strcmp(base, "pwsh") == 0 || strcmp(base, "powershell") == 0)
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

/* A file: URL for an absolute path (what node's --import wants); a new string. */
static char *
file_url(const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p != '\0'; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("/-._~", *p) != NULL)
			sb_addc(&sb, (char)*p);
		else
			sb_addf(&sb, "%%%02X", *p);
	}
	return sb_detach(&sb);
}

/* deno's version as major*1000+minor, or 0 when unknown. */
static long
deno_version(const char *deno)
{
	const char *hit = program_version(deno, 10000);
	int major = 0, minor = 0;
	if (hit == NULL || sscanf(hit, "deno %d.%d", &major, &minor) != 2)
		return 0;
	return major * 1000L + minor;
}

/* tsx's ESM loader (what `node --import tsx` loads) beside its program, or NULL. */
static char *
tsx_loader(const char *tsx)
{
	char *real = realpath(tsx, NULL); /* …/node_modules/tsx/dist/cli.mjs */
	if (real == NULL)
		return NULL;
	char *slash = strrchr(real, '/');
	*slash = '\0';
	char *loader = xasprintf("%s/loader.mjs", real);
	free(real);
	if (access(loader, R_OK) != 0) {
		free(loader);
		return NULL;
	}
	return loader;
}

/* argv[0..at) (and the program) stay; items go in at `at`. */
static void
insert_args(struct strv *argv, size_t at, const char *const *items)
{
	struct strv out = STRV_INIT;
	for (size_t i = 0; i < at && i < argv->n; i++)
		strv_push(&out, argv->v[i]);
	push_all(&out, items);
	for (size_t i = at; i < argv->n; i++)
		strv_push(&out, argv->v[i]);
	strv_free(argv);
	*argv = out;
}

int
runtime_preload(struct runtime *rt, const char *path, char **cause)
{
	switch (rt->engine) {
	case ENGINE_BUN: /* bun run --preload PATH */
		insert_args(&rt->argv, 2, (const char *const[]){"--preload", path, NULL});
		return 0;
	case ENGINE_DENO: {
		long v = deno_version(rt->argv.v[0]);
		if (v < 2004) {
			set_cause(cause,
				  "deno %ld.%ld cannot preload chitty's script SDK (2.4 or newer "
				  "can)",
				  v / 1000, v % 1000);
			return -1;
		}
		insert_args(&rt->argv, 3, (const char *const[]){"--preload", path, NULL});
		return 0;
	}
	case ENGINE_NODE: {
		char *url = file_url(path);
		insert_args(&rt->argv, 1, (const char *const[]){"--import", url, NULL});
		free(url);
		return 0;
	}
	case ENGINE_TSX: {
		const char *node = runtime_which("node");
		char *loader = tsx_loader(rt->argv.v[0]);
		if (node == NULL || loader == NULL) {
			set_cause(cause, "cannot preload chitty's script SDK with tsx: %s",
				  node == NULL ? "no node on PATH" : "tsx's loader.mjs is missing");
			free(loader);
			return -1;
		}
		char *loader_url = file_url(loader), *url = file_url(path);
		strv_free(&rt->argv);
		push_all(&rt->argv, (const char *const[]){node, "--import", loader_url, "--import",
							  url, NULL});
		rt->engine = ENGINE_NODE;
		/* scripts await at top level: .mts is an ES module whatever package.json says */
		if (strcmp(rt->suffix, ".ts") == 0)
			rt->suffix = ".mts";
		free(loader_url);
		free(url);
		free(loader);
		return 0;
	}
	case ENGINE_OTHER:
		break;
	}
	set_cause(cause, "%s cannot preload chitty's script SDK",
		  rt->argv.n > 0 ? rt->argv.v[0] : "?");
	return -1;
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
