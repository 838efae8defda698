/* The clipboard: OSC 52 and clipboard tools (clipboard.h, exec_copy). */
#include "build-config.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "clipboard.h"
#include "exec-proc.h"
#include "exec-runtime.h"
#include "exec.h"
#include "strbuf.h"
#include "xmalloc.h"

#define CLIPBOARD_TOOL_TIMEOUT_MS 3000

char *
clipboard_osc52(const char *text, size_t len)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct strbuf sb = STRBUF_INIT;
	sb_add(&sb, "\033]52;c;");
	const unsigned char *p = (const unsigned char *)text;
	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)p[i] << 16;
		if (i + 1 < len)
			v |= (unsigned)p[i + 1] << 8;
		if (i + 2 < len)
			v |= p[i + 2];
		char quad[4] = {b64[(v >> 18) & 63], b64[(v >> 12) & 63],
				i + 1 < len ? b64[(v >> 6) & 63] : '=',
				i + 2 < len ? b64[v & 63] : '='};
		sb_addn(&sb, quad, 4);
	}
	sb_add(&sb, "\a");
	return sb_detach(&sb);
}

/* OSC 52 on the controlling terminal: 1 when it was written. */
static int
copy_osc52(const char *text, size_t len)
{
	int fd = open("/dev/tty", O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	char *seq = clipboard_osc52(text, len);
	size_t n = strlen(seq), done = 0;
	while (done < n) {
		ssize_t w = write(fd, seq + done, n - done);
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	free(seq);
	close(fd);
	return done == n;
}

/* Run a clipboard tool with text on stdin: 1 when it succeeded. */
static int
copy_with(const char *const *argv, const char *text, size_t len)
{
	const char *path = runtime_which(argv[0]);
	if (path == NULL)
		return 0;
	const char *args[8];
	size_t n = 0;
	args[n++] = path;
	for (size_t i = 1; argv[i] != NULL && n + 1 < nitems(args); i++)
		args[n++] = argv[i];
	args[n] = NULL;
	/* xclip and wl-copy stay behind to serve the selection: that is "still running". */
	int rc = proc_run_helper(args, text, len, CLIPBOARD_TOOL_TIMEOUT_MS, NULL);
	return rc == 0 || rc == PROC_STILL_RUNNING;
}

int
exec_copy(const char *text, const struct config *config, char **cause)
{
	(void)config;
	size_t len = strlen(text);
	int copied = copy_osc52(text, len);
	const char *env;
	if ((env = getenv("TMUX")) != NULL && *env != '\0') {
		const char *load[] = {"tmux", "load-buffer", "-w", "-", NULL};
		const char *set[] = {"tmux", "set-buffer", "--", text, NULL};
		if (copy_with(load, text, len) || copy_with(set, NULL, 0))
			copied = 1;
	}
	const char *wayland = getenv("WAYLAND_DISPLAY"), *x11 = getenv("DISPLAY");
	int has_wayland = wayland != NULL && *wayland != '\0';
	int has_x11 = x11 != NULL && *x11 != '\0';
	const char *const wl_copy[] = {"wl-copy", NULL};
	const char *const xclip[] = {"xclip", "-selection", "clipboard", NULL};
	const char *const xsel[] = {"xsel", "--clipboard", "--input", NULL};
	const char *const pbcopy[] = {"pbcopy", NULL};
	if ((has_wayland && copy_with(wl_copy, text, len)) ||
	    (has_x11 && (copy_with(xclip, text, len) || copy_with(xsel, text, len))) ||
	    copy_with(pbcopy, text, len))
		copied = 1;
	if (!copied) {
		set_cause(cause,
			  "cannot copy: no terminal for OSC 52, and no wl-copy, xclip, xsel, "
			  "pbcopy or tmux to use");
		return -1;
	}
	return 0;
}
