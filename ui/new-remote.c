/*
 * `chitty config`: the "New remote" screen, on the launcher's views.
 *
 * Step one is the list of remote types (the prompt view: typing filters,
 * each type's provider title and summary beside it, its fields in the
 * preview).  Step two is a form made from the type's field schema: the
 * remote's name (suggested from the provider), then each field (secrets as
 * password fields, env:NAME and cmd:COMMAND references accepted as
 * `config add` takes them; defaults shown, left out of the file when not
 * typed).  Submitting checks the values as `config add` does (remote-edit.h,
 * remote_conf_validate), asks before replacing a remote of that name, tests
 * the connection (unless --no-test) and saves.  A failed test keeps the form
 * and its values, shows why (secrets masked) and offers to save without
 * testing.  Esc in the form goes back to the list; Esc in the list leaves,
 * status 1, nothing written.
 */
#include "build-config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "form.h"
#include "launcher.h"
#include "msg.h"
#include "provider.h"
#include "remote-conf.h"
#include "remote-edit.h"
#include "sdk.h"
#include "strbuf.h"
#include "strv.h"
#include "ui.h"
#include "xmalloc.h"

#define MAX_FIELDS 32
#define NAME_FIELD "name" /* not a schema key: every schema field is a config key */

/* The whole screen's state (config_ui_main's; views borrow it). */
struct new_remote {
	int test;
	struct strv types; /* the list's types, in its order */
	char *result;      /* printed after the screen ends: the test's message, the saved line */
	int cancelled;     /* left with Esc */
};

/* One submit in flight: what a confirmation goes on with. */
struct pending_save {
	struct new_remote *nr;
	struct view *form_view; /* kept on the stack while the user may fix values */
	struct form *form;      /* the view's */
	char *name;
	char *type;
	cJSON *obj;
	int replace;
};

static void
pending_free(void *arg)
{
	struct pending_save *ps = arg;
	if (ps == NULL)
		return;
	free(ps->name);
	free(ps->type);
	cJSON_Delete(ps->obj);
	free(ps);
}

/* A name no remote has yet: the provider's, then name-2, name-3… */
static char *
suggested_name(const struct provider *p)
{
	if (!remote_edit_exists(p->name))
		return xstrdup(p->name);
	for (int i = 2;; i++) {
		char *name = xasprintf("%s-%d", p->name, i);
		if (!remote_edit_exists(name))
			return name;
		free(name);
	}
}

static struct form *
form_for_type(const char *type)
{
	const struct provider *p = provider_for_type(type);
	char *title = xasprintf("New %s remote · %s", p->title, type);
	struct form *form = form_create(title);
	free(title);
	form->intro = xstrdup(p->summary);
	struct form_field *nf = form_add(form, FIELD_TEXT, NAME_FIELD, "Name");
	nf->required = 1;
	nf->description = xstrdup("what commands call it: letters, digits, '.', '_' and '-'");
	char *name = suggested_name(p);
	lineedit_set(&nf->edit, name);
	free(name);

	const struct provider_field *fields[MAX_FIELDS];
	size_t n = provider_fields(p, type, fields, nitems(fields));
	for (size_t i = 0; i < n; i++) {
		const struct provider_field *pf = fields[i];
		struct form_field *f =
			form_add(form, pf->flags & FIELD_SECRET ? FIELD_PASSWORD : FIELD_TEXT,
				 pf->name, pf->title);
		f->required = (pf->flags & FIELD_REQUIRED) && pf->default_value == NULL;
		f->description = xstrdup_or_null(pf->description);
		const char *fallback = strcmp(pf->name, "apiUrl") == 0 && p->api_url != NULL
					       ? p->api_url
					       : pf->default_value;
		if (fallback != NULL)
			f->placeholder = xasprintf("%s (default)", fallback);
		else
			f->placeholder = xstrdup_or_null(pf->placeholder);
	}
	return form;
}

static struct form_field *
field_named(struct form *form, const char *name)
{
	for (size_t i = 0; i < form->n; i++)
		if (strcmp(form->fields[i].name, name) == 0)
			return &form->fields[i];
	return NULL;
}

/*
 * The form's values as a remote object, checked as `config add` checks
 * them: NULL with the fields' errors (or form->error) set.
 */
static cJSON *
collect(struct form *form, const char *type, char **name)
{
	int bad = 0;
	struct form_field *nf = field_named(form, NAME_FIELD);
	*name = form_field_value(nf);
	if (*name != NULL && !remote_name_valid(*name)) {
		nf->error = xstrdup("letters, digits, '.', '_', '-'; a letter or digit first");
		bad = 1;
	}
	cJSON *obj = cJSON_CreateObject();
	cJSON_AddStringToObject(obj, "type", type);
	for (size_t i = 0; i < form->n; i++) {
		struct form_field *f = &form->fields[i];
		if (f == nf)
			continue;
		char *value = form_field_value(f), *cause = NULL;
		if (value != NULL && remote_edit_set(obj, type, f->name, value, &cause) == -1) {
			free(f->error);
			f->error = cause;
			bad = 1;
		}
		if (value != NULL)
			memset(value, 0, strlen(value));
		free(value);
	}
	char *cause = NULL;
	if (!bad && remote_conf_validate(type, obj, &cause) == -1) {
		form->error = cause;
		bad = 1;
	}
	if (bad) {
		cJSON_Delete(obj);
		free(*name);
		*name = NULL;
		return NULL;
	}
	return obj;
}

static void
save(struct ui *ui, struct pending_save *ps)
{
	char *path = NULL, *cause = NULL;
	cJSON *obj = ps->obj;
	ps->obj = NULL; /* remote_edit_save takes it */
	if (remote_edit_save(ps->name, obj, ps->replace, &path, &cause) == -1) {
		free(ps->form->error);
		ps->form->error = xasprintf("Not saved: %s", cause);
		ui_toast(ui, TOAST_ERROR, "%s", cause);
		free(cause);
		free(ps->nr->result); /* a later save prints only its own test */
		ps->nr->result = NULL;
		return;
	}
	struct new_remote *nr = ps->nr;
	char *line = remote_edit_added_line(ps->name, ps->type, path);
	char *all = nr->result != NULL ? xasprintf("%s\n%s", nr->result, line) : xstrdup(line);
	free(line);
	free(nr->result);
	nr->result = all;
	free(path);
	ui_quit(ui, 0, NULL);
}

static void
save_untested(struct ui *ui, void *arg)
{
	save(ui, arg);
}

/* Test (unless --no-test), then save; a failure keeps the form. */
static void
test_and_save(struct ui *ui, struct pending_save *ps)
{
	if (!ps->nr->test) {
		save(ui, ps);
		return;
	}
	ui_toast(ui, TOAST_INFO, "Testing the connection…");
	ui_draw_now(ui);
	char *message = NULL, *cause = NULL;
	if (remote_edit_test(ps->name, ps->obj, &message, &cause) == 0) {
		free(ps->nr->result);
		ps->nr->result = message;
		save(ui, ps);
		return;
	}
	free(ps->form->error);
	ps->form->error = xasprintf("Connection test failed: %s", cause);
	ui_toast(ui, TOAST_ERROR, "Connection test failed: %s", cause);
	free(cause);
	/* the confirmation owns a copy: the form may be submitted again meanwhile */
	struct pending_save *copy = xcalloc(1, sizeof *copy);
	*copy = (struct pending_save){ps->nr,
				      ps->form_view,
				      ps->form,
				      xstrdup(ps->name),
				      xstrdup(ps->type),
				      cJSON_Duplicate(ps->obj, 1),
				      ps->replace};
	ui_push(ui, confirm_view_create(ui, "Save without testing?", save_untested, copy,
					pending_free));
}

static void
replace_confirmed(struct ui *ui, void *arg)
{
	struct pending_save *ps = arg;
	ps->replace = 1;
	test_and_save(ui, ps);
}

static void
submitted(struct ui *ui, struct form *form, void *arg)
{
	struct pending_save *base = arg;
	free(form->error);
	form->error = NULL;
	char *name = NULL;
	cJSON *obj = collect(form, base->type, &name);
	if (obj == NULL) {
		for (size_t i = 0; i < form->n; i++)
			if (form->fields[i].error != NULL) {
				form->focus = i;
				break;
			}
		if (form->error != NULL)
			ui_toast(ui, TOAST_ERROR, "%s", form->error);
		return;
	}
	struct pending_save *ps = xcalloc(1, sizeof *ps);
	*ps = (struct pending_save){base->nr, base->form_view, form, name, xstrdup(base->type), obj,
				    0};
	if (remote_edit_exists(name)) {
		char *q = xasprintf("A remote called '%s' exists. Replace it?", name);
		ui_push(ui, confirm_view_create(ui, q, replace_confirmed, ps, pending_free));
		free(q);
		return;
	}
	test_and_save(ui, ps);
	pending_free(ps);
}

static void
type_chosen(struct ui *ui, const cJSON *value, void *arg)
{
	struct new_remote *nr = arg;
	const cJSON *index = cJSON_GetObjectItemCaseSensitive(value, "index");
	if (!cJSON_IsNumber(index) || index->valuedouble < 0 ||
	    (size_t)index->valuedouble >= nr->types.n)
		return;
	const char *type = nr->types.v[(size_t)index->valuedouble];
	struct form *form = form_for_type(type);
	struct pending_save *base = xcalloc(1, sizeof *base);
	base->nr = nr;
	base->type = xstrdup(type);
	base->form = form;
	struct view *v = form_view_create(ui, form, submitted, base, pending_free);
	base->form_view = v;
	form_view_keep_on_submit(v);
	ui_push(ui, v);
}

static void
list_cancelled(struct ui *ui, void *arg)
{
	struct new_remote *nr = arg;
	nr->cancelled = 1;
	ui_quit(ui, 1, NULL);
}

/* A type's fields as the list's preview (markdown). */
static char *
type_preview(const struct provider *p, const char *type)
{
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "# %s\n\n%s\n\n", p->title, p->summary);
	const struct provider_field *fields[MAX_FIELDS];
	size_t n = provider_fields(p, type, fields, nitems(fields));
	for (size_t i = 0; i < n; i++) {
		const struct provider_field *f = fields[i];
		int required = (f->flags & FIELD_REQUIRED) && f->default_value == NULL;
		sb_addf(&sb, "- **%s**%s%s: %s\n", f->title, required ? " (required)" : "",
			f->flags & FIELD_SECRET ? " (secret)" : "", f->description);
	}
	return sb_detach(&sb);
}

static struct view *
types_view(struct ui *ui, void *arg)
{
	struct new_remote *nr = arg;
	struct sdk_request req;
	memset(&req, 0, sizeof req);
	req.type = SDK_ARG;
	req.text = xstrdup("New remote: type to filter the remote types");
	req.hint = NULL;
	req.has_choices = 1;
	req.strict = 1;
	for (size_t i = 0; provider_table[i] != NULL; i++) {
		const struct provider *p = provider_table[i];
		if (!provider_is_built(p))
			continue;
		for (size_t j = 0; p->types[j] != NULL; j++) {
			req.choices =
				xreallocarray(req.choices, req.n_choices + 1, sizeof *req.choices);
			struct sdk_choice *c = &req.choices[req.n_choices++];
			c->name = xstrdup(p->types[j]);
			c->description = xasprintf("%s — %s", p->title, p->summary);
			c->preview = type_preview(p, p->types[j]);
			strv_push(&nr->types, p->types[j]);
		}
	}
	struct view *v =
		prompt_view_create(ui, "New remote", &req, type_chosen, list_cancelled, nr, NULL);
	sdk_request_clear(&req);
	return v;
}

int
config_ui_main(int test)
{
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		msg_error("the \"New remote\" form needs a terminal; use 'chitty config add TYPE "
			  "NAME --set KEY=VALUE…'");
		return EXIT_USAGE;
	}
	struct new_remote nr = {.test = test, .types = STRV_INIT};
	int status = ui_run_views(types_view, &nr);
	if (status == 0 && nr.result != NULL)
		printf("%s\n", nr.result);
	else if (nr.cancelled)
		fprintf(stderr, "Cancelled; nothing saved.\n");
	free(nr.result);
	strv_free(&nr.types);
	return status;
}
