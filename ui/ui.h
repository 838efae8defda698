/*
 * The launcher's insides, shared by its views (ui/view-*.c) and the
 * event loop (launcher.c).  Not for src/: launcher.h is the entry point.
 *
 * Views are panes like htop's: a struct that starts with struct view and
 * an ops table {draw, key, resize, free}.  They sit on a navigation stack
 * (list at the bottom; detail, form, output and the action panel pushed
 * on top); the top one gets the keys, and every view from the last
 * full-screen one up is drawn.  A key handler returns VIEW_HANDLED
 * (nothing to redraw), VIEW_REDRAW or VIEW_QUIT.  Views act on items and
 * actions through ui_* functions (run.c); they never call providers.
 */
#ifndef CHITTY_UI_H
#define CHITTY_UI_H

#include <stddef.h>
#include <time.h>

#include "exec.h"
#include "icons.h"
#include "keymap.h"
#include "keys.h"
#include "lineedit.h"
#include "tui.h"

struct catalog;
struct config;
struct ext_command;
struct ext_registry;
struct form;
struct history;
struct item;
struct action;
struct md_doc;
struct remote_refresh;
struct search_results;
struct searcher;
struct snapshot;
struct sdk_request;
struct cJSON;
struct ui_prompt;

enum view_result { VIEW_HANDLED, VIEW_REDRAW, VIEW_QUIT };

struct ui;
struct view;

struct view_ops {
	const char *name;
	int overlay; /* drawn over the view below it */
	void (*draw)(struct view *v, struct ui *ui);
	/* action: what the keymap says the key is (UA_NONE for text and unbound keys) */
	enum view_result (*key)(struct view *v, struct ui *ui, const struct tkey *key,
				enum ui_action action);
	void (*resize)(struct view *v, struct ui *ui); /* may be NULL */
	void (*free)(struct view *v);
};

struct view {
	const struct view_ops *ops;
};

enum toast_level { TOAST_INFO, TOAST_ERROR };

#define UI_MAX_VIEWS 16

struct ui {
	struct tui tui;
	struct keymap *km;
	struct config *config;
	enum icon_mode icons;
	int keep_open;
	int tty_fd;                /* keys come from here */
	struct exec_terminal term; /* how the executor hands the terminal to an editor */

	/* the catalog: from the search thread once loaded */
	struct searcher *search;
	struct ext_registry *reg;
	struct catalog *cat;
	struct history *hist; /* for recording runs */
	int loaded;
	int history_dirty;     /* a run was recorded: refresh the snapshot at exit */
	struct snapshot *snap; /* the first screen until the catalog is loaded */
	char *load_fp;         /* the snapshot's fingerprint, for the loading thread */
	int load_posted;       /* the search thread was asked to load */
	struct remote_refresh *refresh;
	int reindexing;
	unsigned long index_gen;
	struct item **grave; /* removed by a remote update, freed once unused */
	size_t n_grave;
	unsigned long grave_gen; /* results from this index or later no longer use them */

	/* the current results and the query they answer */
	struct search_results *res;
	char *res_query;           /* the query the results answer */
	char *posted_query;        /* the last query posted */
	unsigned long query_gen;   /* last query posted */
	unsigned long results_gen; /* query the results answer */

	struct view *stack[UI_MAX_VIEWS];
	int depth;
	struct view *dead[UI_MAX_VIEWS]; /* popped, freed after the key that popped them */
	int n_dead;

	char *toast;
	enum toast_level toast_level;
	long long toast_until; /* ns on trace_now_ns's clock */

	/* a command running without the output view (no-view, silent) */
	struct exec_job *job;
	char *job_id;    /* the command id */
	char *job_title; /* for toasts */
	int job_mode;    /* enum cmd_mode */

	/* keys that need the catalog, typed before it was loaded */
	struct tkey pending[32];
	int n_pending;

	int cursor_y, cursor_x; /* where the top view wants the cursor; -1: hidden */
	int need_redraw;

	/* SDK prompts of running scripts, oldest first (sdk-ui.c) */
	struct ui_prompt *prompts;
	struct exec_sdk_frontend sdk;

	int quit;
	int status;
	char *final_message; /* printed on the normal screen after exit */
	int wake_fd;         /* write end of the wake-up pipe */
};

/* Views (ui/view-*.c). */
struct view *list_view_create(struct ui *ui, const char *query);
/* The results changed: rebuild rows; same_query keeps the selected item. */
void list_view_results_changed(struct view *v, struct ui *ui, int same_query);
struct view *actions_view_create(struct ui *ui, const struct item *item);
struct view *detail_view_create(struct ui *ui, const struct item *item);
/*
 * The detail view of a text (markdown) under title, with no actions: Esc or
 * Enter dismisses it and calls dismissed (with arg, freed with arg_free).
 */
typedef void (*detail_dismissed_fn)(struct ui *ui, void *arg);
struct view *detail_view_create_text(struct ui *ui, const char *title, const char *markdown,
				     detail_dismissed_fn dismissed, void *arg,
				     void (*arg_free)(void *arg));
/*
 * A prompt as an SDK script's arg() asks it (sdk.h): a list of choices
 * filtered by the ranking with their previews, or a text prompt; title
 * (may be NULL) on the status line.  Enter calls answered with
 * {"index": N} (a choice) or {"text": …}; Esc on an empty input calls
 * cancelled.  The view pops itself first (at the bottom of the stack it
 * stays); it owns arg (freed with arg_free).
 */
typedef void (*prompt_answered_fn)(struct ui *ui, const struct cJSON *value, void *arg);
typedef void (*prompt_cancelled_fn)(struct ui *ui, void *arg);
typedef void (*form_free_fn)(void *arg);
struct view *prompt_view_create(struct ui *ui, const char *title, const struct sdk_request *req,
				prompt_answered_fn answered, prompt_cancelled_fn cancelled,
				void *arg, form_free_fn arg_free);
struct view *output_view_create(struct ui *ui, struct exec_job *job, const char *command_id,
				const char *title, int mode);
/* The job an output view follows (borrowed), or NULL for any other view. */
struct exec_job *output_view_job(struct view *v);
typedef void (*form_submit_fn)(struct ui *ui, struct form *form, void *arg);
/* The view owns form and arg (arg freed with arg_free). */
struct view *form_view_create(struct ui *ui, struct form *form, form_submit_fn submit, void *arg,
			      form_free_fn arg_free);
typedef void (*form_cancel_fn)(struct ui *ui, void *arg);
/* Call cancel (with the view's arg) when the form is left with Esc. */
void form_view_on_cancel(struct view *v, form_cancel_fn cancel);
/*
 * Submitting leaves the form on the stack, so a callback that finds the
 * values wrong keeps them for the user to fix (field errors, form->error);
 * it pops the view itself when done.
 */
void form_view_keep_on_submit(struct view *v);
typedef void (*confirm_fn)(struct ui *ui, void *arg);
struct view *confirm_view_create(struct ui *ui, const char *question, confirm_fn yes, void *arg,
				 form_free_fn arg_free);

/* Screens (launcher.c). */
/*
 * Run views on the terminal without the launcher's catalog (`chitty
 * config`'s "New remote"): first makes the bottom view; the event loop
 * runs until a view calls ui_quit.  Returns the status given to ui_quit.
 */
int ui_run_views(struct view *(*first)(struct ui *ui, void *arg), void *arg);
/* Draw a frame now (before something that blocks: "Testing…"). */
void ui_draw_now(struct ui *ui);

/* Navigation (launcher.c). */
void ui_push(struct ui *ui, struct view *v);
/* Pop the top view (freed after the current key is handled). */
void ui_pop(struct ui *ui);
struct view *ui_top(struct ui *ui);
void ui_toast(struct ui *ui, enum toast_level level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Post the search bar's text. */
void ui_post_query(struct ui *ui, const char *query);
/* The item with this id (borrowed), or NULL. */
const struct item *ui_find_item(struct ui *ui, const char *id);
/* Quit the launcher with status, printing message (may be NULL) afterwards. */
void ui_quit(struct ui *ui, int status, const char *message);
/* Refresh every remote now (ctrl+r), in the background. */
void ui_refresh_remotes(struct ui *ui);
/* Keep key for when the catalog is loaded (Enter typed during startup). */
void ui_defer_key(struct ui *ui, const struct tkey *key);

/* Running (run.c). */
/* Run an action of an item: the form, confirmation and execution flow. */
void ui_run_action(struct ui *ui, const struct item *item, const struct action *action);
/* The action a key's shortcut names for item, or NULL. */
const struct action *ui_action_for_key(const struct item *item, const struct tkey *key);
/*
 * The extension command whose own shortcut (its "run" action's) is key, in
 * catalog order, with *action set to that action; NULL when none.
 */
const struct item *ui_command_for_key(struct ui *ui, const struct tkey *key,
				      const struct action **action);
/* The output view closed (or a command finished): exit unless keep-open. */
void ui_after_action(struct ui *ui, const char *message);
/* Poll the background job (no-view, silent); called by the loop. */
void ui_job_pump(struct ui *ui);

/* The script SDK's front end (sdk-ui.c): prompts of scripts as views. */
void ui_sdk_init(struct ui *ui);
void ui_sdk_free(struct ui *ui);
/*
 * Answer request id of job, if it is still waiting (else nothing happens:
 * the script is gone), and show the job's next prompt.
 */
void ui_sdk_reply(struct ui *ui, struct exec_job *job, long long id, const struct cJSON *value);
void ui_sdk_env(struct ui *ui, struct exec_job *job, long long id, const char *name,
		const char *value);
/* The user left prompt id of job: the script is stopped. */
void ui_sdk_cancel(struct ui *ui, struct exec_job *job, long long id);
/* Remove a view from anywhere in the stack (freed after the current key). */
void ui_remove(struct ui *ui, struct view *v);

/* Shared drawing (ui/draw.c). */
/* The markdown lines [first, first + h) at (y, x), w columns wide. */
void ui_draw_markdown(struct ui *ui, const struct md_doc *doc, size_t first, int y, int x, int h,
		      int w);
/* The status line: hints "key label" pairs (label NULL ends), or the toast. */
void ui_draw_status(struct ui *ui, const enum ui_action *actions, const char *const *labels,
		    size_t n, const char *right);
/* A view's title row with a rule under it (when there is room); returns the next row. */
int ui_draw_title(struct ui *ui, const char *title, const char *right);
/* The same, the right-hand text in role (an HTTP error status in TR_ERROR). */
int ui_draw_title_role(struct ui *ui, const char *title, const char *right, enum theme_role role);
/*
 * text at (y, x) in at most maxw columns, the characters at byte offsets
 * pos[0..npos) (increasing) in match, the rest in normal, clipped with
 * "…"; returns the columns used.
 */
int ui_draw_highlighted(struct ui *ui, int y, int x, int maxw, const char *text, const size_t *pos,
			size_t npos, attr_t normal, attr_t match);
/* Move a preview's first line for a UA_PREVIEW_* action, the preview h rows tall. */
void ui_scroll_preview(size_t *top, enum ui_action action, int h);
/* A framed box for overlays; returns the inner area. */
void ui_draw_box(struct ui *ui, int y, int x, int h, int w, const char *title);

#endif
