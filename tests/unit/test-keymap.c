/* Key names, the default keymap, the config's "keys", themes and icons. */
#include "build-config.h"

#include <locale.h>

#include <cjson/cJSON.h>

#include "extension.h"
#include "icons.h"
#include "keymap.h"
#include "strv.h"
#include "tap.h"
#include "theme.h"
#include "utf8.h"

static struct tkey
decode(const char *bytes)
{
	struct tkey k;
	keys_decode(bytes, strlen(bytes), 1, &k);
	return k;
}

static enum ui_action
lookup(const struct keymap *km, const char *bytes)
{
	struct tkey k = decode(bytes);
	return keymap_lookup(km, &k);
}

static const char *
spec_text(const char *text)
{
	static char buf[64];
	struct keyspec spec;
	char *cause = NULL;
	if (keyspec_parse(text, &spec, &cause) != 0) {
		snprintf(buf, sizeof buf, "error: %s", cause);
		free(cause);
		return buf;
	}
	char *f = keyspec_format(&spec);
	snprintf(buf, sizeof buf, "%s", f);
	free(f);
	return buf;
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");

	/* key names */
	is_str(spec_text("ctrl+k"), "ctrl+k", "ctrl+k");
	is_str(spec_text("Ctrl+Shift+C"), "ctrl+shift+c", "modifiers in any case");
	is_str(spec_text("alt enter"), "alt+enter", "words separated by spaces");
	is_str(spec_text("pgdn"), "pgdn", "pgdn");
	is_str(spec_text("pagedown"), "pgdn", "pagedown is pgdn");
	is_str(spec_text("shift+tab"), "shift+tab", "shift+tab");
	is_str(spec_text("f12"), "f12", "function keys");
	is_str(spec_text("ctrl+space"), "ctrl+space", "space by name");
	is_str(spec_text("ctrl++"), "ctrl++", "the plus key");
	is_str(spec_text("ctrl+i"), "tab", "ctrl+i is what terminals send for tab");
	is_str(spec_text("shift+a"), "A", "shift+letter is the uppercase letter");
	is_str(spec_text("⌘⇧B"), "shift+cmd+b", "macOS symbols");
	is_str(spec_text("hyper+k"), "error: unknown modifier 'hyper' in shortcut 'hyper+k'",
	       "an unknown modifier is refused");
	is_str(spec_text("ctrl+nothing"), "error: unknown key 'nothing' in shortcut 'ctrl+nothing'",
	       "an unknown key is refused");
	is_str(spec_text(""), "error: empty shortcut", "an empty key is refused");

	struct keyspec spec;
	keyspec_parse("cmd+shift+c", &spec, NULL);
	struct tkey k = decode("\x1b[99;4u"); /* alt+shift+c */
	ok(keyspec_matches(&spec, &k), "cmd is alt in a terminal");
	keyspec_parse("ctrl+shift+c", &spec, NULL);
	k = decode("\x03");
	ok(!keyspec_matches(&spec, &k), "ctrl+shift+c is not plain ctrl+c");
	k = decode("\x1b[99;6u");
	ok(keyspec_matches(&spec, &k), "ctrl+shift+c as a CSI u terminal sends it");

	/* defaults */
	struct keymap *km = keymap_create();
	ok(lookup(km, "\r") == UA_RUN, "enter runs");
	ok(lookup(km, "\x1b\r") == UA_RUN_SECONDARY, "alt+enter runs the secondary action");
	ok(lookup(km, "\x1b[13;5u") == UA_RUN_SECONDARY, "so does ctrl+enter");
	ok(lookup(km, "\x0b") == UA_ACTIONS, "ctrl+k opens the actions");
	ok(lookup(km, "\x1b") == UA_BACK, "esc goes back");
	ok(lookup(km, "\x03") == UA_QUIT, "ctrl+c quits");
	ok(lookup(km, "\x1b[99;5u") == UA_QUIT, "ctrl+c quits in kitty's encoding too");
	ok(lookup(km, "\x10") == UA_UP && lookup(km, "\x0e") == UA_DOWN, "ctrl+p and ctrl+n");
	ok(lookup(km, "\x1b[A") == UA_UP && lookup(km, "\x1b[B") == UA_DOWN, "arrows");
	ok(lookup(km, "\x1b[5~") == UA_PAGE_UP && lookup(km, "\x1b[6~") == UA_PAGE_DOWN, "pages");
	ok(lookup(km, "\x1b[H") == UA_FIRST && lookup(km, "\x1b[F") == UA_LAST, "home and end");
	ok(lookup(km, "\t") == UA_NEXT_FIELD && lookup(km, "\x1b[Z") == UA_PREV_FIELD,
	   "tab and shift+tab");
	ok(lookup(km, "\x13") == UA_SUBMIT, "ctrl+s submits");
	ok(lookup(km, "a") == UA_NONE, "letters are text");
	char *hint = keymap_hint(km, UA_ACTIONS);
	is_str(hint, "ctrl+k", "the hint names the first key");
	free(hint);

	/* the config's "keys" */
	struct strv warnings = STRV_INIT;
	cJSON *keys = cJSON_Parse("{\"actions\": \"ctrl+l\", \"run-secondary\": [\"f2\"],"
				  " \"detail\": [], \"quit\": \"ctrl+q\", \"up\": \"ctrl+k\","
				  " \"acitons\": \"x\", \"back\": \"ctrl+nope\", \"first\": 3}");
	keymap_configure(km, keys, &warnings);
	ok(lookup(km, "\x0c") == UA_ACTIONS, "an action gets a new key");
	ok(lookup(km, "\x0b") == UA_UP, "a key moves from one action to another");
	ok(lookup(km, "\x1bOQ") == UA_RUN_SECONDARY && lookup(km, "\x1b\r") == UA_NONE,
	   "an array replaces the defaults");
	ok(lookup(km, "\x0f") == UA_NONE, "[] unbinds");
	ok(lookup(km, "\x11") == UA_QUIT && lookup(km, "\x03") == UA_NONE, "quit moved to ctrl+q");
	ok(lookup(km, "\x1b") == UA_BACK, "a bad key keeps the defaults");
	ok(lookup(km, "\x1b[H") == UA_FIRST, "a value of the wrong type keeps the defaults");
	is_int(warnings.n, 3, "three warnings");
	ok(warnings.n == 3 && strstr(warnings.v[0], "unknown action 'acitons' (did you mean "
						    "'actions'?)") != NULL,
	   "an unknown action suggests the nearest");
	ok(warnings.n == 3 && strstr(warnings.v[1], "unknown key 'nope'") != NULL,
	   "a bad key is named");
	ok(warnings.n == 3 && strstr(warnings.v[2], "'first' needs a key") != NULL,
	   "a bad value is named");
	strv_free(&warnings);
	cJSON_Delete(keys);
	keymap_configure(km, NULL, NULL);
	cJSON *notobj = cJSON_Parse("[1]");
	keymap_configure(km, notobj, &warnings);
	is_int(warnings.n, 1, "\"keys\" must be an object");
	strv_free(&warnings);
	cJSON_Delete(notobj);
	keymap_free(km);

	int names_ok = 1;
	for (int a = UA_NONE + 1; a < UA_COUNT; a++)
		names_ok &=
			ui_action_from_name(ui_action_name((enum ui_action)a)) == (enum ui_action)a;
	ok(names_ok, "every action's name round-trips");
	ok(ui_action_from_name("nope") == UA_NONE, "an unknown action name is UA_NONE");

	/* themes */
	struct theme th;
	char *cause = NULL;
	ok(theme_load(NULL, 256, 0, &th, NULL) == 0 && th.colors == 256 &&
		   th.role[TR_MATCH].fg >= 16,
	   "the default theme uses 256 colours when it can");
	ok(theme_load("light", 8, 0, &th, NULL) == 0 && th.colors == 8 && th.role[TR_MATCH].fg < 8,
	   "8-colour terminals get the 8-colour form");
	ok(theme_load("default", 256, 1, &th, NULL) == 0 && th.colors == 0 &&
		   th.role[TR_SELECTED].fg == THEME_DEFAULT_COLOR &&
		   (th.role[TR_SELECTED].attrs & THEME_REVERSE),
	   "NO_COLOR gives mono: attributes only");
	ok(theme_load("mono", 256, 0, &th, NULL) == 0 && th.colors == 0, "the mono theme");
	ok(theme_load("solarized", 256, 0, &th, &cause) == -1 && cause != NULL &&
		   strcmp(th.name, "default") == 0,
	   "an unknown theme is reported and the default used");
	free(cause);
	setenv("NO_COLOR", "", 1);
	ok(!theme_no_color_env(), "an empty NO_COLOR does not count");
	setenv("NO_COLOR", "1", 1);
	ok(theme_no_color_env(), "NO_COLOR=1 does");

	/* icons */
	char buf[ICON_BUF];
	is_str(icon_for("🚀", "command", ICONS_EMOJI, buf), "🚀", "an emoji icon as it is");
	is_str(icon_for("👩‍💻", "command", ICONS_EMOJI, buf), "👩",
	       "a ZWJ sequence is cut to its first character");
	is_str(icon_for("⚙️", "command", ICONS_EMOJI, buf), "⚙ ",
	       "a one-column character is padded");
	is_str(icon_for("gear", NULL, ICONS_ASCII, buf), "* ", "an icon name in ASCII");
	is_str(icon_for(NULL, "issue", ICONS_ASCII, buf), "# ", "a kind in ASCII");
	is_str(icon_for("🚀", "nothing", ICONS_ASCII, buf), "- ", "ASCII never shows an emoji");
	is_str(icon_for("☁️", "dns-record", ICONS_ASCII, buf), "@ ",
	       "the providers' kinds have ASCII icons (a DNS record)");
	is_str(icon_for("☁️", "kv-namespace", ICONS_ASCII, buf), "k ", "(a KV namespace)");
	ok(utf8_width(icon_for("gear", NULL, ICONS_NERD, buf)) == 2, "a Nerd Font glyph, padded");
	is_str(icon_for(NULL, NULL, ICONS_NONE, buf), "", "no icons");
	is_str(icon_for("\x1b[31m", "command", ICONS_EMOJI, buf), "⚡", "a hostile icon falls back");
	ok(icon_mode_from_name("nerd") == ICONS_NERD && icon_mode_from_name(NULL) == ICONS_EMOJI &&
		   icon_mode_from_name("bogus") == -1,
	   "icon mode names");
	return done_testing();
}
