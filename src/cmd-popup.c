/*
 * chitty popup: the launcher in a tmux popup.  Inside tmux ($TMUX set) it
 * runs `tmux display-popup -E` with this chitty in it, sized by the
 * options, else the config's "popup" {"width", "height"}, else 80% x 70%,
 * in the current folder and with the environment chitty's files depend
 * on (a popup's shell gets tmux's global environment, not ours).  Outside
 * tmux it runs the launcher in place.
 */
#include "build-config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef __APPLE__
#include <mach-o/dyld.h>
#endif

#include <cjson/cJSON.h>

#include "cmd.h"
#include "config.h"
#include "launcher.h"
#include "msg.h"
#include "strbuf.h"
#include "strv.h"

static const struct cmd_option popup_options[] = {
	{"width", 'w', ARG_REQUIRED, "SIZE",
	 "popup width, in columns or a percentage (default 80%)"},
	{"height", 'H', ARG_REQUIRED, "SIZE",
	 "popup height, in lines or a percentage (default 70%)"},
	{"query", 'q', ARG_REQUIRED, "TEXT", "start with TEXT typed"},
	{NULL, 0, 0, NULL, NULL},
};

/* What the launcher in the popup must see as we do. */
static const char *const passed_env[] = {
	"PATH",
	"HOME",
	"XDG_CONFIG_HOME",
	"XDG_CACHE_HOME",
	"XDG_STATE_HOME",
	"XDG_DATA_HOME",
	"XDG_DATA_DIRS",
	"CHITTY_DATA_DIR",
	"CHITTY_OPENER",
	"CHITTY_TRACE",
	"NO_COLOR",
	"LANG",
	"LC_ALL",
	"LC_CTYPE",
	"EDITOR",
	"VISUAL",
	NULL,
};

/* "80%", "100", 40: a size tmux understands, or NULL when it is not one. */
static char *
popup_size(const cJSON *json, const char *text)
{
	char buf[32];
	if (json != NULL) {
		if (cJSON_IsNumber(json))
			snprintf(buf, sizeof buf, "%d", json->valueint);
		else if (cJSON_IsString(json))
			snprintf(buf, sizeof buf, "%s", json->valuestring);
		else
			return NULL;
		text = buf;
	}
	size_t n = strspn(text, "0123456789");
	if (n == 0 || n > 5 || (text[n] != '\0' && strcmp(text + n, "%") != 0))
		return NULL;
	long v = strtol(text, NULL, 10);
	if (v < 1 || (text[n] == '%' && v > 100))
		return NULL;
	return xstrdup(text);
}

static void
add_quoted(struct strbuf *sb, const char *s)
{
	sb_addc(sb, '\'');
	for (; *s != '\0'; s++) {
		if (*s == '\'')
			sb_add(sb, "'\\''");
		else
			sb_addc(sb, *s);
	}
	sb_addc(sb, '\'');
}

/* This program's path, so the popup runs the same chitty. */
static char *
self_path(void)
{
	char buf[PATH_MAX];
#ifdef __APPLE__
	uint32_t size = sizeof buf;
	if (_NSGetExecutablePath(buf, &size) == 0)
		return xstrdup(buf);
#else
	ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
	if (n > 0) {
		buf[n] = '\0';
		return xstrdup(buf);
	}
#endif
	return xstrdup("chitty");
}

static int
popup_exec(const struct cmd_entry *self, struct args *args)
{
	const char *path = "chitty popup";
	const char *query = args_get(args, "query");
	char *cause = NULL;
	struct config *config = config_load(NULL, &cause);
	if (config == NULL) {
		msg_warn("%s (using the default popup size)", cause);
		free(cause);
	}
	const cJSON *popup = config != NULL ? config_get(config, "popup") : NULL;
	const char *names[2] = {"width", "height"}, *defaults[2] = {"80%", "70%"};
	char *size[2] = {NULL, NULL};
	int rc = 0;
	for (int i = 0; i < 2; i++) {
		const char *given = args_get(args, names[i]);
		if (given != NULL) {
			size[i] = popup_size(NULL, given);
			if (size[i] == NULL)
				rc = cmd_usage_error(
					self, path,
					"--%s '%s': give columns/lines or a percentage "
					"(80%%)",
					names[i], given);
		} else {
			const cJSON *v = cJSON_GetObjectItemCaseSensitive(popup, names[i]);
			size[i] = v != NULL ? popup_size(v, NULL) : NULL;
			if (v != NULL && size[i] == NULL)
				msg_warn("config: popup.%s is not a size (using %s)", names[i],
					 defaults[i]);
			if (size[i] == NULL)
				size[i] = xstrdup(defaults[i]);
		}
	}
	config_free(config);
	const char *tmux = getenv("TMUX");
	if (rc != 0 || tmux == NULL || *tmux == '\0') {
		free(size[0]);
		free(size[1]);
		if (rc != 0)
			return rc;
		struct launcher_options opts = {.query = query};
		return launcher_main(&opts);
	}

	/* the shell command tmux runs in the popup */
	struct strbuf cmd = STRBUF_INIT;
	sb_add(&cmd, "exec env");
	for (size_t i = 0; passed_env[i] != NULL; i++) {
		const char *v = getenv(passed_env[i]);
		if (v == NULL)
			continue;
		char *kv = xasprintf("%s=%s", passed_env[i], v);
		sb_addc(&cmd, ' ');
		add_quoted(&cmd, kv);
		free(kv);
	}
	char *exe = self_path();
	sb_addc(&cmd, ' ');
	add_quoted(&cmd, exe);
	free(exe);
	if (query != NULL) {
		sb_add(&cmd, " --query ");
		add_quoted(&cmd, query);
	}
	char cwd[PATH_MAX];
	const char *dir = getcwd(cwd, sizeof cwd) != NULL ? cwd : NULL;
	struct strv argv = STRV_INIT;
	strv_push(&argv, "tmux");
	strv_push(&argv, "display-popup");
	strv_push(&argv, "-E");
	strv_push(&argv, "-w");
	strv_push(&argv, size[0]);
	strv_push(&argv, "-h");
	strv_push(&argv, size[1]);
	if (dir != NULL) {
		strv_push(&argv, "-d");
		strv_push(&argv, dir);
	}
	strv_push(&argv, sb_str(&cmd));
	fflush(NULL);
	execvp("tmux", argv.v);
	msg_error("cannot run tmux: %s", strerror(errno));
	strv_free(&argv);
	sb_free(&cmd);
	free(size[0]);
	free(size[1]);
	return 1;
}

const struct cmd_entry cmd_popup_entry = {
	.name = "popup",
	.usage = "[--width SIZE] [--height SIZE] [--query TEXT]",
	.summary = "Open the launcher in a tmux popup (in place outside tmux)",
	.options = popup_options,
	.args_max = 0,
	.exec = popup_exec,
};
