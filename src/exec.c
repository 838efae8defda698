/*
 * The executor (exec.h): inputs, dispatch by tool, jobs.
 *
 * A process job's life: the leader runs in its own process group; its
 * output is pumped without blocking into stdout, stderr and the
 * transcript.  When the leader exits (seen without reaping it, so the
 * group id stays ours), whatever it left in its group gets SIGTERM, then
 * SIGKILL once the output pipes close or a grace period ends, and only then
 * is the leader reaped: a command's background processes end with it.  A
 * timeout or a cancel sends SIGTERM to the group, SIGKILL after the grace.
 * The temp file of the code is removed when the job ends, however it ends.
 */
#include "build-config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "config.h"
#include "exec-http.h"
#include "exec-keys.h"
#include "exec-proc.h"
#include "exec-runtime.h"
#include "exec-sdk.h"
#include "exec-subst.h"
#include "exec.h"
#include "ext-text.h"
#include "extension.h"
#include "fileio.h"
#include "http.h"
#include "item.h"
#include "msg.h"
#include "prefs.h"
#include "remote.h"
#include "sdk.h"
#include "strbuf.h"
#include "tools.h"
#include "utf8.h"
#include "xmalloc.h"

extern char **environ;

#define EXEC_GRACE_MS      1000        /* SIGTERM, then SIGKILL after this */
#define EXEC_MAX_OUTPUT    (16u << 20) /* per stream; the rest is dropped */
#define EXEC_TRUNCATED     "\n[chitty: output truncated]\n"
#define EXEC_MESSAGE_WIDTH 200

/* Inputs */

void
exec_inputs_set(struct exec_inputs *in, const char *name, const char *value)
{
	long i = strv_index(&in->names, name);
	if (i >= 0) {
		free(in->values.v[i]);
		in->values.v[i] = xstrdup(value);
		return;
	}
	strv_push(&in->names, name);
	strv_push(&in->values, value);
}

int
exec_inputs_set_n(struct exec_inputs *in, const char *name, const char *value, size_t len,
		  char **cause)
{
	if (subst_check_value(name, value, len, cause) != 0)
		return -1;
	exec_inputs_set(in, name, value);
	return 0;
}

const char *
exec_inputs_get(const struct exec_inputs *in, const char *name)
{
	long i = strv_index(&in->names, name);
	return i >= 0 ? in->values.v[i] : NULL;
}

void
exec_inputs_clear(struct exec_inputs *in)
{
	strv_free(&in->names);
	strv_free(&in->values);
	strv_free(&in->flags);
	strv_free(&in->args);
}

/* A Raycast argument declared optional: it defaults to "" when not given. */
static int
optional_argument(const struct ext_command *cmd, const char *name)
{
	for (size_t i = 0; i < cmd->n_arguments; i++)
		if (strcmp(cmd->arguments[i].name, name) == 0)
			return !cmd->arguments[i].required;
	return 0;
}

size_t
exec_missing_inputs(const struct ext_command *cmd, const struct exec_inputs *in,
		    struct strv *missing)
{
	/* Only the inputs of the branches the flags choose are needed. */
	char *text = subst_conditionals(cmd->code, &in->flags);
	struct strv used = STRV_INIT;
	ext_scan_placeholders(text, &used, NULL);
	free(text);
	size_t n = 0;
	for (size_t i = 0; i < used.n; i++)
		if (!strv_contains(&in->names, used.v[i]) && !optional_argument(cmd, used.v[i])) {
			strv_push(missing, used.v[i]);
			n++;
		}
	strv_free(&used);
	return n;
}

/* Jobs */

enum job_kind { JOB_DONE, JOB_PROCESS, JOB_HTTP };

struct exec_job {
	enum job_kind kind;
	struct exec_result result;
	struct strbuf out, err, transcript;
	int out_dropped, err_dropped;
	char *id;             /* the command's id, for messages */
	char *title;          /* the command's title, for prompts */
	char *tmpfile;        /* the code's temp file, removed when the job ends */
	struct sdk_link *sdk; /* the script SDK's channel, or NULL */
	struct proc proc;
	struct http_task *http;
	long long deadline;   /* the timeout, or 0 */
	long long kill_at;    /* SIGKILL the group then, or 0 */
	long long give_up_at; /* stop waiting for the pipes then, or 0 */
	long timeout_ms;
	int term_sent, kill_sent;
	const struct exec_terminal *terminal; /* resumed when an inherit job ends */
};

static void
publish(struct exec_job *job)
{
	struct exec_result *r = &job->result;
	r->out = (char *)sb_str(&job->out);
	r->out_len = job->out.len;
	r->err = (char *)sb_str(&job->err);
	r->err_len = job->err.len;
	r->transcript = (char *)sb_str(&job->transcript);
	r->transcript_len = job->transcript.len;
}

static struct exec_job *
job_create(const struct ext_command *cmd)
{
	struct exec_job *job = xcalloc(1, sizeof *job);
	job->id = xstrdup(cmd->id != NULL ? cmd->id : cmd->slug);
	job->title = xstrdup(cmd->title != NULL ? cmd->title : job->id);
	job->proc.out_fd = job->proc.err_fd = job->proc.pidfd = -1;
	publish(job);
	return job;
}

/* The last non-empty line of text[0..len), clipped for a toast; a new string or NULL. */
static char *
last_line(const char *text, size_t len)
{
	while (len > 0 && isspace((unsigned char)text[len - 1]))
		len--;
	if (len == 0)
		return NULL;
	size_t start = len;
	while (start > 0 && text[start - 1] != '\n')
		start--;
	char *line = xstrndup(text + start, len - start);
	for (char *p = line; *p != '\0'; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	char *clipped = utf8_clip(line, EXEC_MESSAGE_WIDTH, NULL);
	free(line);
	return clipped;
}

/* s with every occurrence of from replaced by to (the temp file's path by the command id). */
static char *
replace_all(const char *s, const char *from, const char *to)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(from);
	const char *hit;
	while (n > 0 && (hit = strstr(s, from)) != NULL) {
		sb_addn(&sb, s, (size_t)(hit - s));
		sb_add(&sb, to);
		s = hit + n;
	}
	sb_add(&sb, s);
	return sb_detach(&sb);
}

static void
finish_process(struct exec_job *job)
{
	struct exec_result *r = &job->result;
	if (job->out_dropped)
		sb_add(&job->out, EXEC_TRUNCATED);
	if (job->err_dropped)
		sb_add(&job->err, EXEC_TRUNCATED);
	r->exit_status = job->proc.status;
	r->message = last_line(job->out.s, job->out.len);
	if (r->timed_out) {
		r->error = xasprintf("timed out after %g s", job->timeout_ms / 1000.0);
	} else if (r->cancelled) {
		r->error = xstrdup("cancelled");
	} else if (r->exit_status != 0) {
		char *tail = last_line(job->err.s, job->err.len);
		char *clean = tail != NULL && job->tmpfile != NULL
				      ? replace_all(tail, job->tmpfile, job->id)
				      : NULL;
		const char *why = clean != NULL ? clean : tail;
		if (r->exit_status > 128 && r->exit_status < 128 + NSIG)
			r->error = xasprintf("killed by signal %d (%s)%s%s", r->exit_status - 128,
					     strsignal(r->exit_status - 128), why ? ": " : "",
					     why ? why : "");
		else
			r->error = xasprintf("exit status %d%s%s", r->exit_status, why ? ": " : "",
					     why ? why : "");
		free(tail);
		free(clean);
	}
}

static void
job_finish(struct exec_job *job)
{
	if (job->result.finished)
		return;
	if (job->kind == JOB_PROCESS)
		finish_process(job);
	if (job->tmpfile != NULL) {
		unlink(job->tmpfile);
		free(job->tmpfile);
		job->tmpfile = NULL;
	}
	if (job->terminal != NULL && job->terminal->resume != NULL)
		job->terminal->resume(job->terminal->arg);
	job->terminal = NULL;
	/* a built-in that produced text (an edited note) says its last line too */
	if (job->result.message == NULL && job->result.error == NULL && job->out.len > 0)
		job->result.message = last_line(job->out.s, job->out.len);
	job->result.finished = 1;
	publish(job);
}

/* A built-in that finished at once: exit 0 with out, or exit 1 with error. */
static struct exec_job *
job_done(struct exec_job *job, int failed, char *error, char *message)
{
	job->kind = JOB_DONE;
	job->result.exit_status = failed ? 1 : 0;
	job->result.error = error;
	job->result.message = message;
	job_finish(job);
	return job;
}

/* Read what a pipe has; 0 when it reached its end (and was closed). */
static void
drain(struct exec_job *job, int *fd, struct strbuf *sb, int *dropped)
{
	char buf[16384];
	while (*fd >= 0) {
		ssize_t n = read(*fd, buf, sizeof buf);
		if (n > 0) {
			if (sb->len + (size_t)n > EXEC_MAX_OUTPUT) {
				*dropped = 1;
				continue;
			}
			sb_addn(sb, buf, (size_t)n);
			if (job->transcript.len + (size_t)n <= 2 * EXEC_MAX_OUTPUT)
				sb_addn(&job->transcript, buf, (size_t)n);
			continue;
		}
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0 && errno == EAGAIN)
			return;
		close(*fd);
		*fd = -1;
	}
}

static void
signal_group(struct exec_job *job, int sig, long long now)
{
	proc_signal_group(&job->proc, sig);
	if (sig == SIGTERM && !job->term_sent) {
		job->term_sent = 1;
		if (job->kill_at == 0)
			job->kill_at = now + EXEC_GRACE_MS;
	} else if (sig == SIGKILL) {
		job->kill_sent = 1;
		job->give_up_at = now + EXEC_GRACE_MS;
	}
}

static int
pump_process(struct exec_job *job)
{
	struct proc *p = &job->proc;
	sdk_link_pump(job->sdk, job);
	drain(job, &p->out_fd, &job->out, &job->out_dropped);
	drain(job, &p->err_fd, &job->err, &job->err_dropped);
	long long now = proc_now_ms();
	if (job->deadline != 0 && now >= job->deadline && !p->exited && !job->term_sent) {
		job->result.timed_out = 1;
		signal_group(job, SIGTERM, now);
	}
	int was_exited = p->exited;
	if (proc_exited(p) && !was_exited)
		signal_group(job, SIGTERM, now); /* what it left behind in its group */
	int pipes_open = p->out_fd >= 0 || p->err_fd >= 0;
	if (job->kill_at != 0 && now >= job->kill_at && !job->kill_sent)
		signal_group(job, SIGKILL, now);
	if (p->exited && !pipes_open && !job->kill_sent)
		signal_group(job, SIGKILL, now);
	if (p->exited && job->kill_sent && (!pipes_open || now >= job->give_up_at)) {
		/* Something outside the group (setsid) may hold the pipes: stop waiting. */
		drain(job, &p->out_fd, &job->out, &job->out_dropped);
		drain(job, &p->err_fd, &job->err, &job->err_dropped);
		proc_close_pipes(p);
		proc_reap(p);
		sdk_link_end(job->sdk, job);
		job_finish(job);
		return 1;
	}
	publish(job);
	return 0;
}

static void
finish_http(struct exec_job *job)
{
	struct exec_result *r = &job->result;
	struct http_response resp;
	char *cause = NULL;
	if (http_task_finish(job->http, &resp, &cause) != 0) {
		r->exit_status = 1;
		r->error = cause;
		sb_add(&job->err, cause);
		sb_add(&job->transcript, cause);
	} else {
		r->http_status = resp.status;
		r->http_headers = strv_join(&resp.headers, "\n");
		if (resp.body != NULL)
			sb_addn(&job->out, resp.body, resp.body_len);
		char *shown = http_body_display(&resp);
		sb_add(&job->transcript, shown);
		free(shown);
		r->exit_status = resp.status >= 400 ? 1 : 0;
		if (resp.status >= 400) {
			char *first = last_line(resp.body != NULL ? resp.body : "",
						resp.body != NULL ? strcspn(resp.body, "\n") : 0);
			r->error = xasprintf("HTTP %ld%s%s", resp.status, first ? ": " : "",
					     first ? first : "");
			free(first);
		}
		r->message = xasprintf("HTTP %ld", resp.status);
	}
	http_response_clear(&resp);
	job->http = NULL;
	job_finish(job);
}

static int
pump_http(struct exec_job *job)
{
	if (http_task_done(job->http)) {
		char c;
		ssize_t n = read(http_task_fd(job->http), &c, 1);
		(void)n;
		finish_http(job);
		return 1;
	}
	if (job->deadline != 0 && proc_now_ms() >= job->deadline) {
		http_task_abandon(job->http);
		job->http = NULL;
		job->result.timed_out = 1;
		job->result.exit_status = 1;
		job->result.error = xasprintf("timed out after %g s", job->timeout_ms / 1000.0);
		job_finish(job);
		return 1;
	}
	return 0;
}

int
exec_job_pump(struct exec_job *job)
{
	if (job->result.finished)
		return 1;
	switch (job->kind) {
	case JOB_PROCESS:
		return pump_process(job);
	case JOB_HTTP:
		return pump_http(job);
	case JOB_DONE:
		break;
	}
	job_finish(job);
	return 1;
}

int
exec_job_pollfds(const struct exec_job *job, struct pollfd *fds, int max)
{
	int n = 0;
	if (job->result.finished)
		return 0;
	if (job->sdk != NULL && n < max)
		n += sdk_link_pollfd(job->sdk, &fds[n]);
	int want[3] = {-1, -1, -1};
	if (job->kind == JOB_PROCESS) {
		want[0] = job->proc.out_fd;
		want[1] = job->proc.err_fd;
		if (!job->proc.exited)
			want[2] = job->proc.pidfd;
	} else if (job->kind == JOB_HTTP && job->http != NULL)
		want[0] = http_task_fd(job->http);
	for (int i = 0; i < 3 && n < max; i++)
		if (want[i] >= 0)
			fds[n++] = (struct pollfd){want[i], POLLIN, 0};
	return n;
}

long
exec_job_timeout_ms(const struct exec_job *job)
{
	if (job->result.finished)
		return 0;
	long long now = proc_now_ms(), next = 0;
	long long marks[3] = {job->deadline, job->kill_at, job->give_up_at};
	for (int i = 0; i < 3; i++)
		if (marks[i] != 0 && (next == 0 || marks[i] < next))
			next = marks[i];
	long wait = next != 0 ? (long)(next > now ? next - now : 0) : -1;
	/* Without a pidfd, a process that closed its output is watched by the clock. */
	if (job->kind == JOB_PROCESS && job->proc.pidfd < 0 && (wait < 0 || wait > 50))
		wait = 50;
	if (job->kind == JOB_PROCESS && job->proc.exited && (wait < 0 || wait > 20))
		wait = 20;
	return wait;
}

int
exec_job_wait(struct exec_job *job)
{
	while (!exec_job_pump(job)) {
		struct pollfd fds[4];
		int n = exec_job_pollfds(job, fds, 4);
		long timeout = exec_job_timeout_ms(job);
		if (n == 0 && timeout < 0)
			timeout = 50;
		if (poll(fds, (nfds_t)n, (int)(timeout > 1000 ? 1000 : timeout)) < 0 &&
		    errno != EINTR)
			break;
	}
	return job->result.exit_status;
}

void
exec_job_cancel(struct exec_job *job)
{
	if (job->result.finished)
		return;
	job->result.cancelled = 1;
	if (job->kind == JOB_HTTP && job->http != NULL) {
		http_task_abandon(job->http);
		job->http = NULL;
		job->result.exit_status = 1;
		job->result.error = xstrdup("cancelled");
		job_finish(job);
	} else if (job->kind == JOB_PROCESS && !job->term_sent)
		signal_group(job, SIGTERM, proc_now_ms());
}

const struct exec_result *
exec_job_result(const struct exec_job *job)
{
	return &job->result;
}

pid_t
exec_job_pid(const struct exec_job *job)
{
	return job->kind == JOB_PROCESS ? job->proc.pid : 0;
}

void
exec_job_free(struct exec_job *job)
{
	if (job == NULL)
		return;
	if (!job->result.finished) {
		exec_job_cancel(job);
		exec_job_wait(job);
	}
	sdk_link_free(job->sdk);
	sb_free(&job->out);
	sb_free(&job->err);
	sb_free(&job->transcript);
	free(job->title);
	free(job->result.http_headers);
	free(job->result.message);
	free(job->result.error);
	free(job->id);
	free(job);
}

/* The script SDK */

void
exec_job_sdk_reply(struct exec_job *job, long long id, const cJSON *value)
{
	sdk_link_reply(job->sdk, id, value);
}

void
exec_job_sdk_fail(struct exec_job *job, long long id, const char *message)
{
	sdk_link_fail(job->sdk, id, message);
}

void
exec_job_sdk_refuse(struct exec_job *job, long long id, const char *message)
{
	sdk_link_refuse(job->sdk, job, id, message);
}

void
exec_job_sdk_env(struct exec_job *job, long long id, const char *name, const char *value)
{
	sdk_link_env(job->sdk, id, name, value);
}

int
exec_job_has_sdk(const struct exec_job *job)
{
	return job->sdk != NULL;
}

int
exec_job_sdk_used(const struct exec_job *job)
{
	return sdk_link_used(job->sdk);
}

const char *
exec_job_title(const struct exec_job *job)
{
	return job->title;
}

/* Environment */

static int
env_is_ours(const char *entry)
{
	return strncmp(entry, "CHITTY_INPUT_", 13) == 0 ||
	       strncmp(entry, "CHITTY_SDK_FD=", 14) == 0 ||
	       strncmp(entry, "CHITTY_PREF_", 12) == 0 ||
	       strncmp(entry, "CHITTY_EXTENSION=", 17) == 0 ||
	       strncmp(entry, "CHITTY_COMMAND=", 15) == 0;
}

/* chitty's environment without our variables, then CHITTY_EXTENSION, _COMMAND, _PREF_*, _INPUT_*.
 */
static void
build_env(const struct ext_command *cmd, const struct strv *names, const struct strv *values,
	  const struct strv *vars, struct strv *env)
{
	for (char **e = environ; e != NULL && *e != NULL; e++)
		if (!env_is_ours(*e))
			strv_push(env, *e);
	if (cmd->ext != NULL && cmd->ext->name != NULL)
		strv_push_owned(env, xasprintf("CHITTY_EXTENSION=%s", cmd->ext->name));
	strv_push_owned(env, xasprintf("CHITTY_COMMAND=%s", cmd->slug));
	struct strv pnames = STRV_INIT, pvalues = STRV_INIT;
	if (cmd->ext != NULL)
		prefs_values(cmd, &pnames, &pvalues);
	for (size_t i = 0; i < pnames.n; i++) {
		char *suffix = subst_env_suffix(pnames.v[i]);
		strv_push_owned(env, xasprintf("CHITTY_PREF_%s=%s", suffix, pvalues.v[i]));
		free(suffix);
	}
	strv_free(&pnames);
	strv_free(&pvalues);
	for (size_t i = 0; i < names->n; i++)
		strv_push_owned(env, xasprintf("%s=%s", vars->v[i], values->v[i]));
}

/* Tools */

static int
write_temp(const char *suffix, const char *prelude, const char *code, char **path, char **cause)
{
	const char *dir = getenv("TMPDIR");
	if (dir == NULL || *dir != '/')
		dir = "/tmp";
	*path = xasprintf("%s/chitty-XXXXXX%s", dir, suffix);
	int fd = mkstemps(*path, (int)strlen(suffix)); /* mode 0600 */
	if (fd < 0) {
		set_cause(cause, "cannot create a temp file in %s: %s", dir, strerror(errno));
		free(*path);
		*path = NULL;
		return -1;
	}
	struct strbuf sb = STRBUF_INIT;
	if (prelude != NULL && strncmp(code, "<?", 2) != 0)
		sb_add(&sb, prelude);
	sb_add(&sb, code);
	if (sb.len == 0 || sb.s[sb.len - 1] != '\n')
		sb_addc(&sb, '\n');
	size_t done = 0;
	while (done < sb.len) {
		ssize_t n = write(fd, sb.s + done, sb.len - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			set_cause(cause, "cannot write %s: %s", *path, strerror(errno));
			close(fd);
			unlink(*path);
			free(*path);
			*path = NULL;
			sb_free(&sb);
			return -1;
		}
		done += (size_t)n;
	}
	sb_free(&sb);
	close(fd);
	return 0;
}

/* The values every filled tool needs, gathered once. */
struct run_ctx {
	const struct ext_command *cmd;
	const struct exec_inputs *in;
	const struct exec_options *opt;
	struct strv names, values, vars; /* inputs given, plus optional ones as "" */
	struct subst_values sv;
	char *text; /* the code with its conditionals resolved */
	long timeout_ms;
};

/* A socketpair end at 3 or above, close-on-exec. */
static int
high_fd(int fd)
{
	if (fd >= 0 && fd < 3) {
		int moved = fcntl(fd, F_DUPFD_CLOEXEC, 3);
		close(fd);
		fd = moved;
	}
	if (fd >= 0)
		fcntl(fd, F_SETFD, FD_CLOEXEC);
	return fd;
}

/*
 * The script SDK for a script of rt: the module preloaded and a channel
 * (channel[0] chitty's end, channel[1] the child's), or, when that cannot
 * be, a warning and the script runs without it.
 */
static void
sdk_prepare(struct runtime *rt, int channel[2])
{
	char *why = NULL;
	char *module = exec_sdk_module(&why);
	if (module != NULL && runtime_preload(rt, module, &why) == 0) {
		if (socketpair(AF_UNIX, SOCK_STREAM, 0, channel) == 0) {
			channel[0] = high_fd(channel[0]);
			channel[1] = high_fd(channel[1]);
			if (channel[0] < 0 || channel[1] < 0) {
				if (channel[0] >= 0)
					close(channel[0]);
				if (channel[1] >= 0)
					close(channel[1]);
				channel[0] = channel[1] = -1;
			}
		}
		if (channel[0] < 0)
			why = xasprintf("cannot create the script SDK's channel: %s",
					strerror(errno));
	}
	if (why != NULL)
		msg_warn("%s; the script runs without it", why);
	free(why);
	free(module);
}

static struct exec_job *
run_process(struct run_ctx *c, const struct tool *tool, char **cause)
{
	char *code = subst_fill(c->text, subst_syntax_for_tool(tool->name), &c->sv, cause);
	if (code == NULL)
		return NULL;
	struct runtime rt;
	if (runtime_for_tool(tool, &rt, cause) != 0) {
		free(code);
		return NULL;
	}
	int channel[2] = {-1, -1};
	if (tool_uses_sdk(tool))
		sdk_prepare(&rt, channel);
	struct exec_job *job = job_create(c->cmd);
	if (write_temp(rt.suffix, rt.prelude, code, &job->tmpfile, cause) != 0) {
		free(code);
		runtime_clear(&rt);
		exec_job_free(job);
		if (channel[0] >= 0)
			close(channel[0]), close(channel[1]);
		return NULL;
	}
	free(code);
	struct strv argv = STRV_INIT, env = STRV_INIT;
	strv_copy(&argv, &rt.argv);
	strv_push(&argv, job->tmpfile);
	for (size_t i = 0; i < c->in->args.n; i++)
		strv_push(&argv, c->in->args.v[i]);
	build_env(c->cmd, &c->names, &c->values, &c->vars, &env);
	if (channel[0] >= 0)
		strv_push_owned(&env, xasprintf("CHITTY_SDK_FD=%d", SDK_FD));
	runtime_clear(&rt);

	enum proc_io io = c->opt->io == EXEC_IO_INHERIT ? PROC_INHERIT : PROC_CAPTURE;
	const struct exec_terminal *term = c->opt->terminal;
	if (io == PROC_INHERIT && term != NULL && term->suspend != NULL)
		term->suspend(term->arg);
	int rc = proc_spawn_fd((const char *const *)argv.v, env.v, io, channel[1], &job->proc,
			       cause);
	strv_free(&argv);
	strv_free(&env);
	if (channel[1] >= 0)
		close(channel[1]);
	if (rc == 0 && channel[0] >= 0)
		job->sdk = sdk_link_create(channel[0], c->cmd, c->opt, &job->proc);
	else if (channel[0] >= 0)
		close(channel[0]);
	if (rc != 0) {
		if (io == PROC_INHERIT && term != NULL && term->resume != NULL)
			term->resume(term->arg);
		unlink(job->tmpfile);
		exec_job_free(job);
		return NULL;
	}
	job->kind = JOB_PROCESS;
	if (io == PROC_INHERIT)
		job->terminal = term;
	job->timeout_ms = c->timeout_ms;
	if (c->timeout_ms > 0)
		job->deadline = proc_now_ms() + c->timeout_ms;
	return job;
}

/*
 * The editor's command line: $VISUAL, else $EDITOR, else vi.  NULL with
 * *cause set, as for a missing interpreter, when its program is not
 * installed: vi as the fallback, or the plain program name (no quotes,
 * no variables) a variable gives; other command lines are the shell's.
 */
static const char *
editor_command(char **cause)
{
	static const char *const vars[] = {"VISUAL", "EDITOR"};
	for (size_t i = 0; i < nitems(vars); i++) {
		const char *editor = getenv(vars[i]);
		if (editor == NULL || *editor == '\0')
			continue;
		char *program = xstrndup(editor, strcspn(editor, " \t"));
		int plain = strspn(program, "abcdefghijklmnopqrstuvwxyz"
					    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-+./~") ==
				    strlen(program) &&
			    program[0] != '~';
		if (plain && runtime_which(program) == NULL) {
			set_cause(cause, "the editor %s ($%s) is not installed (no %s on PATH)",
				  program, vars[i], program);
			editor = NULL;
		}
		free(program);
		return editor;
	}
	if (runtime_which("vi") == NULL) {
		set_cause(cause, "no editor: set $EDITOR (vi is not installed)");
		return NULL;
	}
	return "vi";
}

/* The editor on path, with the terminal handed over; its exit status, or -1 with *cause. */
static int
run_editor(const char *path, const struct exec_terminal *term, char **cause)
{
	const char *editor = editor_command(cause);
	if (editor == NULL)
		return -1;
	const char *sh = runtime_which("sh");
	char *line = xasprintf("%s \"$1\"", editor); /* the user's own command line, as git does */
	const char *argv[] = {sh != NULL ? sh : "/bin/sh", "-c", line, "sh", path, NULL};
	if (term != NULL && term->suspend != NULL)
		term->suspend(term->arg);
	int status = proc_run_foreground(argv, environ, cause);
	if (status > 0)
		set_cause(cause, "the editor (%s) exited with status %d", editor, status);
	if (term != NULL && term->resume != NULL)
		term->resume(term->arg);
	free(line);
	return status;
}

int
exec_edit_text(const char *text, const struct exec_terminal *term, char **saved, char **cause)
{
	char *path = NULL;
	*saved = NULL;
	if (write_temp(".txt", NULL, text, &path, cause) != 0)
		return -1;
	char *why = NULL;
	int status = run_editor(path, term, &why);
	if (status == 0) {
		size_t n;
		*saved = file_read_all(path, &n, EXEC_MAX_OUTPUT, cause);
		/* the final line break write_temp added is not the user's */
		size_t len = strlen(text);
		if (*saved != NULL && n > 0 && (*saved)[n - 1] == '\n' &&
		    (len == 0 || text[len - 1] != '\n'))
			(*saved)[n - 1] = '\0';
	} else
		set_cause(cause, "%s", why != NULL ? why : "the editor failed");
	free(why);
	unlink(path);
	free(path);
	return *saved != NULL ? 0 : -1;
}

/*
 * edit: a text that names one file (one line: an existing file, or a path
 * starting with /, ~/ or ./) opens that file, as in Script Kit; any other
 * text opens in a temp file, and what the editor saved becomes the output.
 */
static struct exec_job *
run_edit(struct run_ctx *c, const char *text, char **cause)
{
	struct exec_job *job = job_create(c->cmd);
	char *trimmed = xstrdup(text + strspn(text, " \t\n"));
	size_t len = strlen(trimmed);
	while (len > 0 && isspace((unsigned char)trimmed[len - 1]))
		trimmed[--len] = '\0';
	char *path = expand_tilde(trimmed);
	int is_path = len > 0 && strchr(trimmed, '\n') == NULL &&
		      (file_exists(path) || trimmed[0] == '/' || strncmp(trimmed, "~/", 2) == 0 ||
		       strncmp(trimmed, "./", 2) == 0);
	free(trimmed);
	if (!is_path) {
		free(path);
		if (write_temp(".txt", NULL, text, &job->tmpfile, cause) != 0) {
			exec_job_free(job);
			return NULL;
		}
		path = xstrdup(job->tmpfile);
	}
	char *why = NULL;
	int status = run_editor(path, c->opt->terminal, &why);
	if (status < 0) {
		set_cause(cause, "%s", why);
		free(why);
		free(path);
		exec_job_free(job);
		return NULL;
	}
	if (!is_path) {
		size_t n;
		char *saved = file_read_all(path, &n, EXEC_MAX_OUTPUT, NULL);
		if (saved != NULL)
			sb_addn(&job->out, saved, n);
		free(saved);
	}
	free(path);
	return job_done(job, status != 0, why, NULL);
}

static struct exec_job *
run_open(struct run_ctx *c, const char *text, char **cause)
{
	/* One target per non-empty line. */
	int opened = 0;
	for (const char *p = text; *p != '\0';) {
		size_t n = strcspn(p, "\n");
		char *line = xstrndup(p, n);
		p += n + (p[n] == '\n');
		if (line[strspn(line, " \t\r")] == '\0') {
			free(line);
			continue;
		}
		int rc = exec_open(line, c->opt->config, cause);
		free(line);
		if (rc != 0)
			return NULL;
		opened++;
	}
	if (opened == 0) {
		set_cause(cause, "nothing to open: the command's text is empty");
		return NULL;
	}
	return job_done(job_create(c->cmd), 0, NULL, xstrdup("Opened"));
}

static struct exec_job *
run_builtin(struct run_ctx *c, const struct tool *tool, char **cause)
{
	if (tool->kind == TOOL_HTTP) {
		struct http_fence fence;
		if (http_fence_build(c->text, &c->sv, &fence, cause) != 0)
			return NULL;
		struct exec_job *job = job_create(c->cmd);
		job->http = http_task_start(&fence, c->timeout_ms, cause);
		if (job->http == NULL) {
			exec_job_free(job);
			return NULL;
		}
		job->kind = JOB_HTTP;
		job->timeout_ms = c->timeout_ms;
		if (c->timeout_ms > 0) /* curl's own timeout is the same; this is a backstop */
			job->deadline = proc_now_ms() + c->timeout_ms + EXEC_GRACE_MS;
		return job;
	}
	char *text = subst_fill(c->text, tool->kind == TOOL_OPEN ? SUBST_OPEN : SUBST_TEXT, &c->sv,
				cause);
	if (text == NULL)
		return NULL;
	struct exec_job *job = NULL;
	switch (tool->kind) {
	case TOOL_TEMPLATE:
		job = job_create(c->cmd);
		sb_add(&job->out, text);
		job = job_done(job, 0, NULL, NULL);
		break;
	case TOOL_COPY:
		if (exec_copy(text, c->opt->config, cause) == 0) {
			job = job_create(c->cmd);
			sb_add(&job->out, text);
			job = job_done(job, 0, NULL, xstrdup("Copied to clipboard"));
		}
		break;
	case TOOL_OPEN:
		job = run_open(c, text, cause);
		break;
	case TOOL_EDIT:
		job = run_edit(c, text, cause);
		break;
	case TOOL_KEYSTROKES:
		if (exec_keys(tool->name, text, c->opt->config, cause) == 0)
			job = job_done(job_create(c->cmd), 0, NULL, NULL);
		break;
	default:
		set_cause(cause, "%s: tool '%s' cannot run here", c->cmd->id, tool->name);
	}
	free(text);
	return job;
}

/* The timeout: the option's, else the config's "timeout" (seconds), else none. */
static long
timeout_of(const struct exec_options *opt)
{
	if (opt->timeout_ms != 0)
		return opt->timeout_ms > 0 ? opt->timeout_ms : 0;
	const cJSON *t = opt->config != NULL ? config_get(opt->config, "timeout") : NULL;
	if (cJSON_IsNumber(t) && t->valuedouble > 0)
		return (long)(t->valuedouble * 1000);
	return 0;
}

/* Every input the code needs, given or optional (""), into c; -1 with *cause when one is missing.
 */
static int
gather_inputs(struct run_ctx *c, char **cause)
{
	const struct exec_inputs *in = c->in;
	for (size_t i = 0; i < in->names.n; i++) {
		const char *v = i < in->values.n ? in->values.v[i] : "";
		if (subst_check_value(in->names.v[i], v, strlen(v), cause) != 0)
			return -1;
		strv_push(&c->names, in->names.v[i]);
		strv_push(&c->values, v);
	}
	for (size_t i = 0; i < in->args.n; i++)
		if (subst_check_value("$@", in->args.v[i], strlen(in->args.v[i]), cause) != 0)
			return -1;
	struct strv used = STRV_INIT;
	ext_scan_placeholders(c->text, &used, NULL);
	for (size_t i = 0; i < used.n; i++) {
		if (strv_contains(&c->names, used.v[i]))
			continue;
		if (!optional_argument(c->cmd, used.v[i])) {
			set_cause(cause, "missing input '%s'", used.v[i]);
			strv_free(&used);
			return -1;
		}
		strv_push(&c->names, used.v[i]);
		strv_push(&c->values, "");
	}
	strv_free(&used);
	subst_env_names(&c->names, &c->vars);
	c->sv = (struct subst_values){&c->names, &c->values, &c->vars, &in->args};
	return 0;
}

struct exec_job *
exec_command(const struct ext_command *cmd, const struct exec_inputs *in,
	     const struct exec_options *opt, char **cause)
{
	static const struct exec_options defaults = {.io = EXEC_IO_CAPTURE};
	static const struct exec_inputs none = EXEC_INPUTS_INIT;
	if (opt == NULL)
		opt = &defaults;
	if (in == NULL)
		in = &none;
	if (cmd->disabled_reason != NULL) {
		set_cause(cause, "%s", cmd->disabled_reason);
		return NULL;
	}
	const struct tool *tool = tool_find(cmd->tool);
	if (tool == NULL) {
		set_cause(cause, "unknown tool '%s'", cmd->tool);
		return NULL;
	}
	const char *unavailable = exec_tool_unavailable(cmd->tool);
	if (unavailable != NULL) {
		set_cause(cause, "%s", unavailable);
		return NULL;
	}
	if (cmd->ext != NULL) {
		struct strv missing = STRV_INIT;
		prefs_missing(cmd, &missing);
		if (missing.n > 0) {
			/* a command's own preference is set as EXT/COMMAND */
			struct prefs_slot slot;
			char *target = prefs_resolve(cmd->ext, cmd, missing.v[0], &slot, NULL) == 0
					       ? prefs_slot_target(&slot)
					       : xstrdup(cmd->ext->name);
			set_cause(cause,
				  "%s needs the preference '%s' (set it with: chitty prefs set %s "
				  "%s VALUE)",
				  cmd->id, missing.v[0], target, missing.v[0]);
			free(target);
			strv_free(&missing);
			return NULL;
		}
	}
	struct run_ctx c = {.cmd = cmd, .in = in, .opt = opt};
	c.text = subst_conditionals(cmd->code, &in->flags);
	c.timeout_ms = timeout_of(opt);
	struct exec_job *job = NULL;
	if (gather_inputs(&c, cause) == 0) {
		job = tool_runs_program(tool) ? run_process(&c, tool, cause)
					      : run_builtin(&c, tool, cause);
	}
	free(c.text);
	strv_free(&c.names);
	strv_free(&c.values);
	strv_free(&c.vars);
	return job;
}

int
exec_item_action(const struct item *item, const struct action *action, const char *input,
		 const struct config *config, char **message, char **cause)
{
	(void)item;
	if (message != NULL)
		*message = NULL;
	switch (action->kind) {
	case ACTION_OPEN:
		if (exec_open(action->target, config, cause) != 0)
			return -1;
		if (message != NULL)
			*message = xstrdup("Opened");
		return 0;
	case ACTION_COPY:
		if (exec_copy(action->target, config, cause) != 0)
			return -1;
		if (message != NULL)
			*message = xstrdup("Copied to clipboard");
		return 0;
	case ACTION_REMOTE:
		if (action->input != NULL && input == NULL) {
			set_cause(cause, "'%s' needs a %s", action->title, action->input);
			return -1;
		}
		return remote_action_run(config, action->remote, action->verb, action->target,
					 action->input != NULL ? input : NULL, message, cause);
	case ACTION_RUN:
		break;
	}
	set_cause(cause, "'%s' runs a command: start it with exec_command", action->title);
	return -1;
}
