/* Keystroke tools: osascript, wtype, xdotool (exec-keys.h). */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "exec-keys.h"
#include "exec-proc.h"
#include "exec-runtime.h"
#include "exec.h"
#include "xmalloc.h"

#define KEYS_TIMEOUT_MS 10000

/* Run one helper to completion: 0, or -1 with *cause. */
static int
run(const char *const *argv, const char *input, char **cause)
{
	int status = proc_run_helper(argv, input, input != NULL ? strlen(input) : 0,
				     KEYS_TIMEOUT_MS, cause);
	if (status == -1)
		return -1;
	if (status != 0) {
		const char *base = strrchr(argv[0], '/');
		set_cause(cause, "%s failed (%s)", base != NULL ? base + 1 : argv[0],
			  status == PROC_STILL_RUNNING ? "it did not finish" : "non-zero status");
		return -1;
	}
	return 0;
}

int
exec_keys(const char *tool, const char *text, const struct config *config, char **cause)
{
	int paste = strcmp(tool, "paste") == 0 || strcmp(tool, "transform") == 0;
	int submit = strcmp(tool, "submit") == 0;
	const char *why = exec_tool_unavailable(tool);
	if (why != NULL) {
		set_cause(cause, "%s %s", tool, why);
		return -1;
	}
	if (paste && exec_copy(text, config, cause) != 0)
		return -1;
#ifdef __APPLE__
	const char *osa = runtime_which("osascript");
	const char *script =
		paste ? "on run argv\ntell application \"System Events\" to keystroke \"v\" using "
			"command down\nend run"
		: submit
			? "on run argv\ntell application \"System Events\"\nkeystroke (item 1 "
			  "of argv)\nkey code 36\nend tell\nend run"
			: "on run argv\ntell application \"System Events\" to keystroke (item 1 of "
			  "argv)\nend run";
	const char *argv[] = {osa, "-e", script, text, NULL};
	return run(argv, NULL, cause);
#else
	const char *wtype = runtime_which("wtype"), *xdotool = runtime_which("xdotool");
	const char *wayland = getenv("WAYLAND_DISPLAY");
	if (wtype != NULL && (xdotool == NULL || (wayland != NULL && *wayland != '\0'))) {
		if (paste) {
			const char *argv[] = {wtype, "-M", "ctrl", "-k", "v", "-m", "ctrl", NULL};
			return run(argv, NULL, cause);
		}
		const char *type[] = {wtype, "-", NULL};
		if (run(type, text, cause) != 0)
			return -1;
		const char *enter[] = {wtype, "-k", "Return", NULL};
		return submit ? run(enter, NULL, cause) : 0;
	}
	if (xdotool != NULL) {
		if (paste) {
			const char *argv[] = {xdotool, "key", "--clearmodifiers", "ctrl+v", NULL};
			return run(argv, NULL, cause);
		}
		const char *type[] = {xdotool, "type", "--clearmodifiers", "--file", "-", NULL};
		if (run(type, text, cause) != 0)
			return -1;
		const char *enter[] = {xdotool, "key", "--clearmodifiers", "Return", NULL};
		return submit ? run(enter, NULL, cause) : 0;
	}
	set_cause(cause, "%s needs wtype or xdotool", tool);
	return -1;
#endif
}
