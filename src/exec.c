/*
 * The executor (exec.h).  Placeholder until the actions issue lands: the
 * contract compiles and links, and every entry point says it is not built.
 */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "exec.h"
#include "xmalloc.h"

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

size_t
exec_missing_inputs(const struct ext_command *cmd, const struct exec_inputs *in,
		    struct strv *missing)
{
	(void)cmd, (void)in, (void)missing;
	return 0;
}

struct exec_job *
exec_command(const struct ext_command *cmd, const struct exec_inputs *in,
	     const struct exec_options *opt, char **cause)
{
	(void)cmd, (void)in, (void)opt;
	set_cause(cause, "running commands is not implemented yet");
	return NULL;
}

int
exec_job_pollfds(const struct exec_job *job, struct pollfd *fds, int max)
{
	(void)job, (void)fds, (void)max;
	return 0;
}

int
exec_job_pump(struct exec_job *job)
{
	(void)job;
	return 1;
}

int
exec_job_wait(struct exec_job *job)
{
	(void)job;
	return 1;
}

void
exec_job_cancel(struct exec_job *job)
{
	(void)job;
}

const struct exec_result *
exec_job_result(const struct exec_job *job)
{
	(void)job;
	return NULL;
}

pid_t
exec_job_pid(const struct exec_job *job)
{
	(void)job;
	return 0;
}

void
exec_job_free(struct exec_job *job)
{
	(void)job;
}

int
exec_open(const char *target, const struct config *config, char **cause)
{
	(void)target, (void)config;
	set_cause(cause, "opening is not implemented yet");
	return -1;
}

int
exec_copy(const char *text, const struct config *config, char **cause)
{
	(void)text, (void)config;
	set_cause(cause, "copying is not implemented yet");
	return -1;
}

int
exec_item_action(const struct item *item, const struct action *action,
		 const struct config *config, char **message, char **cause)
{
	(void)item, (void)action, (void)config, (void)message;
	set_cause(cause, "actions are not implemented yet");
	return -1;
}
