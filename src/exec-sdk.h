/*
 * The executor's side of the script SDK (sdk.h), internal to the executor:
 * which tools get the SDK, where its module is, and the link between a
 * running script's channel and the front end (exec.h's
 * exec_sdk_frontend).
 *
 * The link answers what needs no user itself (open, copy, getPreference, a
 * stored env value, the editor) and hands prompts to the front end.  When
 * the script shares chitty's terminal (chitty run), chitty takes the
 * terminal back for a prompt or the editor and returns it afterwards.
 */
#ifndef CHITTY_EXEC_SDK_H
#define CHITTY_EXEC_SDK_H

#include "exec.h"

struct ext_command;
struct pollfd;
struct proc;
struct tool;

/* 1 for the tools whose scripts get the SDK: ts, kit, js, bun, deno. */
int tool_uses_sdk(const struct tool *tool);

/*
 * The SDK module's absolute path (a new string), or NULL with *cause set
 * when it is not installed.
 */
char *exec_sdk_module(char **cause);

struct sdk_link;

/*
 * A link over fd (chitty's end of the socketpair, taken).  cmd, opt's
 * config, terminal and front end, and proc are borrowed for the link's life.
 */
struct sdk_link *sdk_link_create(int fd, const struct ext_command *cmd,
				 const struct exec_options *opt, struct proc *proc);
void sdk_link_free(struct sdk_link *l);
/* The channel's descriptor to poll (1 with *pfd filled), or 0 once closed. */
int sdk_link_pollfd(const struct sdk_link *l, struct pollfd *pfd);
/* Read and dispatch requests; answer what the link answers itself. */
void sdk_link_pump(struct sdk_link *l, struct exec_job *job);
/*
 * The script exited: carry out what it asked for last (not prompts), send
 * what is queued, close the channel and tell the front end its prompts are
 * over.
 */
void sdk_link_end(struct sdk_link *l, struct exec_job *job);
int sdk_link_used(const struct sdk_link *l);

void sdk_link_reply(struct sdk_link *l, long long id, const struct cJSON *value);
void sdk_link_fail(struct sdk_link *l, long long id, const char *message);
/* Fail the request and show message (the front end's error), telling the script it was shown. */
void sdk_link_refuse(struct sdk_link *l, struct exec_job *job, long long id, const char *message);
void sdk_link_env(struct sdk_link *l, long long id, const char *name, const char *value);

/*
 * text in $VISUAL/$EDITOR (a temp file), the terminal handed over through
 * term (may be NULL): 0 with *saved (a new string), or -1 with *cause.
 */
int exec_edit_text(const char *text, const struct exec_terminal *term, char **saved, char **cause);

#endif
