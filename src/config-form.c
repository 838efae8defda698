#include "build-config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "cmd.h"
#include "config-form.h"
#include "jsonutil.h"
#include "msg.h"
#include "provider.h"
#include "remote-conf.h"
#include "remote-edit.h"
#include "secret.h"
#include "strbuf.h"
#include "xmalloc.h"

#define FORM_MAX_TYPES 64

/* Read one line from the terminal (canonical mode): 0, or -1 at end of input. */
static int
read_line(char **out)
{
	struct strbuf sb = STRBUF_INIT;
	for (;;) {
		char c;
		ssize_t n = read(0, &c, 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0) {
			if (sb.len == 0) {
				sb_free(&sb);
				return -1;
			}
			break;
		}
		if (c == '\n')
			break;
		if (c != '\r')
			sb_addc(&sb, c);
	}
	*out = sb_detach(&sb);
	return 0;
}

/*
 * Read a secret with echo off, showing a dot per character typed
 * (backspace and ctrl-u edit; ctrl-c and ctrl-d on an empty line cancel).
 */
static int
read_secret(char **out)
{
	struct termios saved, raw;
	if (tcgetattr(0, &saved) == -1)
		return read_line(out);
	raw = saved;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO | ISIG);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	tcsetattr(0, TCSAFLUSH, &raw);
	struct strbuf sb = STRBUF_INIT;
	int rc = 0;
	for (;;) {
		unsigned char c;
		ssize_t n = read(0, &c, 1);
		if (n == -1 && errno == EINTR)
			continue;
		if (n <= 0 || c == 3 || (c == 4 && sb.len == 0)) {
			rc = -1;
			break;
		}
		if (c == '\n' || c == '\r')
			break;
		if (c == 127 || c == 8) {
			/* Drop the last character (all bytes of it), and its dot. */
			if (sb.len == 0)
				continue;
			size_t len = sb.len - 1;
			while (len > 0 && (sb.s[len] & 0xC0) == 0x80)
				len--;
			sb_truncate(&sb, len);
			fputs("\b \b", stdout);
		} else if (c == 21) {
			while (sb.len > 0) {
				size_t len = sb.len - 1;
				while (len > 0 && (sb.s[len] & 0xC0) == 0x80)
					len--;
				sb_truncate(&sb, len);
				fputs("\b \b", stdout);
			}
		} else if (c >= 0x20) {
			sb_addc(&sb, (char)c);
			if ((c & 0xC0) != 0x80)
				fputs("•", stdout);
		}
		fflush(stdout);
	}
	tcsetattr(0, TCSAFLUSH, &saved);
	fputs("\n", stdout);
	fflush(stdout);
	if (rc == -1) {
		/* Do not leave the secret in freed memory longer than needed. */
		if (sb.s != NULL)
			memset(sb.s, 0, sb.len);
		sb_free(&sb);
		return -1;
	}
	*out = sb_detach(&sb);
	return 0;
}

static int
ask(const char *prompt, int secret, char **out)
{
	fputs(prompt, stdout);
	fflush(stdout);
	return secret ? read_secret(out) : read_line(out);
}

/* y/n question; default no.  -1 at end of input. */
static int
ask_yes(const char *question)
{
	char *answer = NULL;
	char *prompt = xasprintf("%s [y/N]: ", question);
	int rc = ask(prompt, 0, &answer);
	free(prompt);
	if (rc == -1)
		return -1;
	int yes = answer[0] == 'y' || answer[0] == 'Y';
	free(answer);
	return yes;
}

struct choice {
	const char *type;
	const struct provider *p;
};

static size_t
list_types(struct choice *choices, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; provider_table[i] != NULL; i++)
		for (size_t j = 0; provider_table[i]->types[j] != NULL && n < max; j++)
			choices[n++] =
				(struct choice){provider_table[i]->types[j], provider_table[i]};
	return n;
}

static const char *
choose_type(void)
{
	struct choice choices[FORM_MAX_TYPES];
	size_t n = list_types(choices, FORM_MAX_TYPES);
	printf("New remote\n\nType:\n");
	for (size_t i = 0; i < n; i++)
		printf("  %2zu) %-20s %s%s\n", i + 1, choices[i].type, choices[i].p->title,
		       provider_is_built(choices[i].p) ? "" : " (not implemented yet)");
	for (;;) {
		char *answer;
		char *prompt = xasprintf("Type [1-%zu or a name]: ", n);
		int rc = ask(prompt, 0, &answer);
		free(prompt);
		if (rc == -1)
			return NULL;
		const char *type = NULL;
		char *end;
		long k = strtol(answer, &end, 10);
		if (*answer != '\0' && *end == '\0' && k >= 1 && (size_t)k <= n)
			type = choices[k - 1].type;
		else if (*answer != '\0')
			type = remote_type_resolve(answer);
		free(answer);
		if (type == NULL) {
			printf("  Choose a number from the list.\n");
			continue;
		}
		if (!provider_is_built(provider_for_type(type))) {
			printf("  %s remotes are not implemented yet.\n",
			       provider_for_type(type)->title);
			continue;
		}
		return type;
	}
}

static char *
default_name(const struct provider *p)
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

/* The remote's name: 0 with *name and *replace, or -1 (cancelled). */
static int
choose_name(const struct provider *p, char **name, int *replace)
{
	char *fallback = default_name(p);
	char *prompt = xasprintf("Name [%s]: ", fallback);
	int rc = -1;
	for (;;) {
		char *answer;
		if (ask(prompt, 0, &answer) == -1)
			break;
		if (*answer == '\0') {
			free(answer);
			answer = xstrdup(fallback);
		}
		if (!remote_name_valid(answer)) {
			printf("  Use letters, digits, '.', '_' and '-' (starting with a letter or "
			       "digit).\n");
			free(answer);
			continue;
		}
		*replace = 0;
		if (remote_edit_exists(answer)) {
			char *q = xasprintf("  A remote called '%s' exists. Replace it?", answer);
			int yes = ask_yes(q);
			free(q);
			if (yes == -1) {
				free(answer);
				break;
			}
			if (!yes) {
				free(answer);
				continue;
			}
			*replace = 1;
		}
		*name = answer;
		rc = 0;
		break;
	}
	free(prompt);
	free(fallback);
	return rc;
}

/* Ask one field; store the answer in obj.  0, or -1 (cancelled). */
static int
ask_field(const struct provider *p, const char *type, const struct provider_field *f, cJSON *obj)
{
	int secret = (f->flags & FIELD_SECRET) != 0;
	int required = (f->flags & FIELD_REQUIRED) && f->default_value == NULL;
	printf("\n%s%s: %s\n", f->title, required ? "" : " (optional, Enter to skip)",
	       f->description);
	if (secret)
		printf("  Typed text is hidden. env:NAME or cmd:COMMAND read it from the "
		       "environment or a command.\n");
	else if (f->placeholder != NULL)
		printf("  e.g. %s\n", f->placeholder);

	const cJSON *current = cJSON_GetObjectItemCaseSensitive(obj, f->name);
	char *shown = current != NULL ? remote_display_value(f, f->name, current) : NULL;
	const char *fallback = shown != NULL ? shown
			       : strcmp(f->name, "apiUrl") == 0 && p->api_url != NULL
				       ? p->api_url
				       : f->default_value;
	char *prompt = fallback != NULL
			       ? xasprintf("%s [%s%s]: ", f->name,
					   current != NULL && secret ? "keep " : "", fallback)
			       : xasprintf("%s: ", f->name);
	int rc = -1;
	for (;;) {
		char *answer;
		if (ask(prompt, secret, &answer) == -1)
			break;
		if (*answer == '\0') {
			free(answer);
			if (current != NULL || fallback != NULL || !required) {
				rc = 0; /* keep what is there, or leave the default */
				break;
			}
			printf("  %s is required.\n", f->title);
			continue;
		}
		char *cause = NULL;
		if (remote_edit_set(obj, type, f->name, answer, &cause) == -1) {
			printf("  %s\n", cause);
			free(cause);
			free(answer);
			continue;
		}
		if (secret && secret_is_reference(answer))
			printf("  (a reference: %s, read when the remote is used)\n", answer);
		memset(answer, 0, strlen(answer));
		free(answer);
		rc = 0;
		break;
	}
	free(prompt);
	free(shown);
	return rc;
}

int
config_form_run(int test)
{
	if (!isatty(0) || !isatty(1)) {
		msg_error("the \"New remote\" form needs a terminal; use 'chitty config add TYPE "
			  "NAME --set KEY=VALUE…'");
		return EXIT_USAGE;
	}
	const char *type = choose_type();
	if (type == NULL)
		goto cancelled;
	const struct provider *p = provider_for_type(type);
	char *name = NULL;
	int replace = 0;
	if (choose_name(p, &name, &replace) == -1)
		goto cancelled;

	cJSON *obj = cJSON_CreateObject();
	cJSON_AddStringToObject(obj, "type", type);
	const struct provider_field *fields[32];
	size_t n = provider_fields(p, type, fields, nitems(fields));
	for (;;) {
		size_t i;
		for (i = 0; i < n; i++)
			if (ask_field(p, type, fields[i], obj) == -1)
				break;
		if (i < n) {
			cJSON_Delete(obj);
			free(name);
			goto cancelled;
		}
		char *cause = NULL;
		if (remote_conf_validate(type, obj, &cause) == 0)
			break;
		printf("\n%s. Let's go over the fields again.\n", cause);
		free(cause);
	}

	if (test) {
		printf("\nTesting the connection… ");
		fflush(stdout);
		char *message = NULL, *cause = NULL;
		if (remote_edit_test(name, obj, &message, &cause) == 0) {
			printf("%s\n", message);
			free(message);
		} else {
			printf("failed\n  %s\n", cause);
			free(cause);
			int yes = ask_yes("Save anyway?");
			if (yes != 1) {
				cJSON_Delete(obj);
				free(name);
				printf("Not saved.\n");
				return 1;
			}
		}
	}
	char *cause = NULL, *path = NULL;
	if (remote_edit_save(name, obj, replace, &path, &cause) == -1) {
		msg_error("%s", cause);
		free(cause);
		free(name);
		return 1;
	}
	printf("Saved remote '%s' (%s) to %s\n", name, type, path);
	free(path);
	free(name);
	return 0;
cancelled:
	printf("\nCancelled; nothing saved.\n");
	return 1;
}
