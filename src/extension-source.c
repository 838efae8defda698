/* Extension commands as catalog items. */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "exec.h"
#include "extension.h"
#include "item.h"
#include "registry.h"
#include "sources.h"
#include "strbuf.h"
#include "xmalloc.h"

/* A fence longer than any run of backticks in code, so code with fences shows whole. */
static void
add_code_block(struct strbuf *sb, const char *tool, const char *code)
{
	size_t longest = 0, run = 0;
	for (const char *p = code; *p != '\0'; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t n = longest >= 3 ? longest + 1 : 3;
	sb_addrep(sb, "`", n);
	sb_addf(sb, "%s\n%s\n", tool, code);
	sb_addrep(sb, "`", n);
	sb_addc(sb, '\n');
}

static char *
command_preview(const struct ext_command *cmd, const char *unavailable)
{
	const struct extension *ext = cmd->ext;
	struct strbuf sb = STRBUF_INIT;
	sb_addf(&sb, "# %s\n\n", cmd->title);
	if (cmd->description != NULL)
		sb_addf(&sb, "%s\n\n", cmd->description);
	if (unavailable != NULL)
		sb_addf(&sb, "> **Unavailable:** %s\n\n", unavailable);
	if (cmd->body != NULL)
		sb_addf(&sb, "%s\n\n", cmd->body);
	sb_addf(&sb, "- **Extension:** %s (`%s`)\n", ext->title, ext->name);
	sb_addf(&sb, "- **Tool:** `%s`\n", cmd->tool);
	if (cmd->shortcut.key != NULL) {
		char *sc = shortcut_display(&cmd->shortcut);
		sb_addf(&sb, "- **Shortcut:** %s\n", sc);
		free(sc);
	}
	if (cmd->alias != NULL)
		sb_addf(&sb, "- **Alias:** `%s`\n", cmd->alias);
	if (cmd->inputs.n > 0) {
		sb_add(&sb, "- **Inputs:**");
		for (size_t i = 0; i < cmd->inputs.n; i++)
			sb_addf(&sb, "%s `%s`", i > 0 ? "," : "", cmd->inputs.v[i]);
		sb_addc(&sb, '\n');
	}
	for (size_t i = 0; i < cmd->n_arguments; i++) {
		const struct ext_argument *a = &cmd->arguments[i];
		sb_addf(&sb, "- **Argument:** `%s` (%s%s)%s%s\n", a->name,
			ext_arg_type_name(a->type), a->required ? ", required" : "",
			a->placeholder != NULL ? " — " : "",
			a->placeholder != NULL ? a->placeholder : "");
	}
	if (cmd->flags.n > 0) {
		sb_add(&sb, "- **Options:**");
		for (size_t i = 0; i < cmd->flags.n; i++)
			sb_addf(&sb, "%s `%s`", i > 0 ? "," : "", cmd->flags.v[i]);
		sb_addc(&sb, '\n');
	}
	if (cmd->uses_positional)
		sb_add(&sb, "- **Arguments:** positional (`$1`…, `$@`)\n");
	sb_addf(&sb, "- **Id:** `%s`\n\n", cmd->id);
	add_code_block(&sb, cmd->tool, cmd->code);
	return sb_detach(&sb);
}

struct item *
extension_command_item(const struct ext_command *cmd)
{
	const struct extension *ext = cmd->ext;
	struct item *item = item_create(cmd->id, "command", cmd->title);
	item_set(&item->subtitle, cmd->subtitle != NULL ? cmd->subtitle : cmd->description);
	for (size_t i = 0; i < cmd->keywords.n; i++)
		item_add_keyword(item, cmd->keywords.v[i]);
	for (size_t i = 0; i < cmd->tags.n; i++)
		item_add_keyword(item, cmd->tags.v[i]);
	/* Not the extension's keywords: they describe the extension (ext list),
	 * and given to every command they would tie all of them on a query that
	 * names one (the extension's title, the group field, still finds them). */
	item_set(&item->alias, cmd->alias);
	item_set(&item->icon, cmd->icon != NULL ? cmd->icon : ext->icon);
	item_set(&item->group, ext->title);
	char *source = xasprintf("ext:%s", ext->name);
	item_set(&item->source, source);
	free(source);
	/* The loader's reasons are cached with the file; a missing interpreter is asked now. */
	const char *unavailable = cmd->disabled_reason != NULL ? cmd->disabled_reason
							       : exec_tool_unavailable(cmd->tool);
	item->preview = command_preview(cmd, unavailable);
	item_set(&item->disabled_reason, unavailable);
	if (cmd->alias != NULL)
		item_add_accessory(item, ACC_ALIAS, cmd->alias);
	if (cmd->shortcut.key != NULL) {
		char *sc = shortcut_display(&cmd->shortcut);
		item_add_accessory(item, ACC_SHORTCUT, sc);
		free(sc);
	}
	struct action *run = item_add_action(item, ACTION_RUN, "run", "Run Command", cmd->id);
	/* the command's shortcut runs it from the launcher's list (ui_command_for_key) */
	if (cmd->shortcut.key != NULL && cmd->shortcut_text != NULL)
		run->shortcut = xstrdup(cmd->shortcut_text);
	item_add_action(item, ACTION_COPY, "copy-id", "Copy Command ID", cmd->id);
	if (ext->path != NULL)
		item_add_action(item, ACTION_OPEN, "open-file", "Open Extension File", ext->path);
	return item;
}

void
extension_source_add(struct catalog *cat, const struct ext_registry *reg)
{
	/* An empty catalog (startup) takes items as they come; replacing source by
	 * source would cost a pass over the catalog per extension. */
	int fresh = cat->n == 0;
	for (size_t i = 0; i < reg->n; i++) {
		const struct extension *ext = reg->exts[i];
		char *source = xasprintf("ext:%s", ext->name);
		if (!ext->enabled) {
			if (!fresh)
				catalog_replace_source(cat, source, NULL, 0); /* drop what it had */
			free(source);
			continue;
		}
		struct item **items = xcalloc(ext->n_commands + 1, sizeof *items);
		size_t n = 0;
		for (size_t j = 0; j < ext->n_commands; j++) {
			const struct ext_command *cmd = ext->commands[j];
			if (cmd->enabled && !cmd->hidden)
				items[n++] = extension_command_item(cmd);
		}
		if (fresh)
			for (size_t j = 0; j < n; j++) {
				item_set(&items[j]->source, source);
				catalog_add(cat, items[j]);
			}
		else
			catalog_replace_source(cat, source, items, n);
		free(source);
		free(items);
	}
}

void
extension_source_load(struct catalog *cat, const struct config *config)
{
	struct ext_registry *reg = ext_registry_load(config);
	extension_source_add(cat, reg);
	ext_registry_free(reg);
}
