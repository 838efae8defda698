#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "secret.h"
#include "strbuf.h"
#include "strv.h"
#include "xmalloc.h"

#define SECRET_CMD_MAX_OUTPUT (64u << 10)
#define SECRET_MIN_SCRUB      3

extern char **environ;

enum secret_kind
secret_ref_parse(const char *value, const char **arg)
{
	enum secret_kind kind = SECRET_LITERAL;
	const char *rest = value;
	if (strncmp(value, "env:", 4) == 0)
		kind = SECRET_ENV, rest = value + 4;
	else if (strncmp(value, "cmd:", 4) == 0)
		kind = SECRET_CMD, rest = value + 4;
	if (arg != NULL)
		*arg = rest;
	return kind;
}

int
secret_is_reference(const char *value)
{
	return value != NULL && secret_ref_parse(value, NULL) != SECRET_LITERAL;
}

static int
valid_env_name(const char *name)
{
	if (*name == '\0' || (*name >= '0' && *name <= '9'))
		return 0;
	for (const char *p = name; *p != '\0'; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '_'))
			return 0;
	return 1;
}

static char *
trimmed(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r'))
		s++, len--;
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' ||
			   s[len - 1] == '\r'))
		len--;
	return xstrndup(s, len);
}

static long
elapsed_ms(const struct timespec *start)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - start->tv_sec) * 1000L + (now.tv_nsec - start->tv_nsec) / 1000000L;
}

/* Kill the command's process group and reap it. */
static void
kill_and_reap(pid_t pid)
{
	kill(-pid, SIGKILL);
	while (waitpid(pid, NULL, 0) == -1 && errno == EINTR)
		;
}

static char *
run_command(const char *command, const char *what, long timeout_ms, char **cause)
{
	int fds[2];
	if (pipe(fds) == -1) {
		set_cause(cause, "%s: cannot run the cmd: reference: %s", what, strerror(errno));
		return NULL;
	}
	fcntl(fds[0], F_SETFD, FD_CLOEXEC);
	fcntl(fds[1], F_SETFD, FD_CLOEXEC);

	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, fds[1], 1);
	posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", O_WRONLY, 0);
	posix_spawnattr_init(&attr);
	/* Its own process group, so a timeout kills whatever it started too. */
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK);
	posix_spawnattr_setpgroup(&attr, 0);
	sigset_t none;
	sigemptyset(&none);
	posix_spawnattr_setsigmask(&attr, &none);

	char *argv[] = {"sh", "-c", (char *)command, NULL};
	pid_t pid;
	int err = posix_spawn(&pid, "/bin/sh", &fa, &attr, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	posix_spawnattr_destroy(&attr);
	close(fds[1]);
	if (err != 0) {
		close(fds[0]);
		set_cause(cause, "%s: cannot run the cmd: reference: %s", what, strerror(err));
		return NULL;
	}

	struct strbuf out = STRBUF_INIT;
	struct timespec start;
	clock_gettime(CLOCK_MONOTONIC, &start);
	const char *failure = NULL;
	for (;;) {
		long left = timeout_ms - elapsed_ms(&start);
		if (left <= 0) {
			failure = "timed out";
			break;
		}
		struct pollfd pfd = {.fd = fds[0], .events = POLLIN};
		int n = poll(&pfd, 1, (int)(left > 1000 ? 1000 : left));
		if (n == -1 && errno != EINTR) {
			failure = "cannot read its output";
			break;
		}
		if (n <= 0)
			continue;
		char buf[4096];
		ssize_t got = read(fds[0], buf, sizeof buf);
		if (got == -1 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (got <= 0)
			break;
		if (out.len + (size_t)got > SECRET_CMD_MAX_OUTPUT) {
			failure = "printed too much";
			break;
		}
		sb_addn(&out, buf, (size_t)got);
	}
	close(fds[0]);
	if (failure != NULL) {
		kill_and_reap(pid);
		if (strcmp(failure, "timed out") == 0)
			set_cause(cause, "%s: the cmd: reference timed out after %ld s", what,
				  (timeout_ms + 999) / 1000);
		else
			set_cause(cause, "%s: the cmd: reference %s", what, failure);
		sb_free(&out);
		return NULL;
	}
	/* Output is over; the command gets what is left of its time to exit. */
	int status = 0;
	for (;;) {
		pid_t got = waitpid(pid, &status, WNOHANG);
		if (got == pid || (got == -1 && errno != EINTR))
			break;
		if (elapsed_ms(&start) >= timeout_ms) {
			kill_and_reap(pid);
			set_cause(cause, "%s: the cmd: reference timed out after %ld s", what,
				  (timeout_ms + 999) / 1000);
			sb_free(&out);
			return NULL;
		}
		struct timespec tick = {0, 10 * 1000 * 1000};
		nanosleep(&tick, NULL);
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		if (WIFEXITED(status))
			set_cause(cause, "%s: the cmd: reference failed (exit status %d)", what,
				  WEXITSTATUS(status));
		else
			set_cause(cause, "%s: the cmd: reference was killed by signal %d", what,
				  WIFSIGNALED(status) ? WTERMSIG(status) : 0);
		sb_free(&out);
		return NULL;
	}
	char *value = trimmed(sb_str(&out), out.len);
	sb_free(&out);
	if (*value == '\0' || memchr(value, '\n', strlen(value)) != NULL) {
		set_cause(cause, "%s: the cmd: reference printed %s", what,
			  *value == '\0' ? "nothing" : "more than one line");
		free(value);
		return NULL;
	}
	return value;
}

char *
secret_resolve(const char *value, const char *what, long timeout_ms, char **cause)
{
	const char *arg;
	switch (secret_ref_parse(value, &arg)) {
	case SECRET_ENV: {
		if (!valid_env_name(arg)) {
			set_cause(cause, "%s: '%s' is not a valid env: reference", what, value);
			return NULL;
		}
		const char *v = getenv(arg);
		if (v == NULL || *v == '\0') {
			set_cause(cause, "%s: environment variable %s is %s", what, arg,
				  v == NULL ? "not set" : "empty");
			return NULL;
		}
		return xstrdup(v);
	}
	case SECRET_CMD:
		if (*arg == '\0') {
			set_cause(cause, "%s: the cmd: reference has no command", what);
			return NULL;
		}
		return run_command(arg, what, timeout_ms > 0 ? timeout_ms : SECRET_CMD_TIMEOUT_MS,
				   cause);
	case SECRET_LITERAL:
		break;
	}
	return xstrdup(value);
}

char *
secret_scrub_bytes(const char *data, size_t len, const struct strv *secrets, size_t *out_len)
{
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;
	while (i < len) {
		size_t hit = 0;
		for (size_t k = 0; secrets != NULL && k < secrets->n; k++) {
			size_t slen = strlen(secrets->v[k]);
			if (slen >= SECRET_MIN_SCRUB && slen <= len - i &&
			    memcmp(data + i, secrets->v[k], slen) == 0 && slen > hit)
				hit = slen;
		}
		if (hit > 0) {
			sb_add(&sb, SECRET_MASK);
			i += hit;
		} else
			sb_addc(&sb, data[i++]);
	}
	if (out_len != NULL)
		*out_len = sb.len;
	return sb_detach(&sb);
}

char *
secret_scrub(const char *text, const struct strv *secrets)
{
	if (text == NULL)
		return NULL;
	return secret_scrub_bytes(text, strlen(text), secrets, NULL);
}

static void
scrub_node(cJSON *node, const struct strv *secrets)
{
	if (cJSON_IsString(node) && node->valuestring != NULL) {
		char *masked = secret_scrub(node->valuestring, secrets);
		if (strcmp(masked, node->valuestring) != 0)
			cJSON_SetValuestring(node, masked);
		free(masked);
	}
	if (node->string != NULL && !(node->type & cJSON_StringIsConst)) {
		char *masked = secret_scrub(node->string, secrets);
		if (strcmp(masked, node->string) != 0) {
			cJSON_free(node->string);
			node->string = masked; /* cJSON's allocator is malloc */
		} else
			free(masked);
	}
	for (cJSON *child = node->child; child != NULL; child = child->next)
		scrub_node(child, secrets);
}

void
secret_scrub_json(cJSON *json, const struct strv *secrets)
{
	if (json != NULL && secrets != NULL && secrets->n > 0)
		scrub_node(json, secrets);
}
