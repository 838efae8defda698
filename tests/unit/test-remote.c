/*
 * The remotes module's pure parts: secret references and masking, Link and
 * Retry-After parsing, error shapes, the cache's round trip, fingerprints,
 * the field schema.  (Requests over HTTP are tested against the fixture
 * server in tests/cli/.)
 */
#include "build-config.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "api.h"
#include "fileio.h"
#include "http.h"
#include "item.h"
#include "provider.h"
#include "remote-cache.h"
#include "remote-conf.h"
#include "secret.h"
#include "strv.h"
#include "tap.h"
#include "xmalloc.h"

static void
test_secret_refs(void)
{
	const char *arg;
	ok(secret_ref_parse("env:GITHUB_TOKEN", &arg) == SECRET_ENV &&
		   strcmp(arg, "GITHUB_TOKEN") == 0,
	   "env: reference");
	ok(secret_ref_parse("cmd:pass show gh", &arg) == SECRET_CMD &&
		   strcmp(arg, "pass show gh") == 0,
	   "cmd: reference");
	ok(secret_ref_parse("ghp_abc", &arg) == SECRET_LITERAL && strcmp(arg, "ghp_abc") == 0,
	   "anything else is a literal");
	ok(secret_ref_parse("ENV:X", NULL) == SECRET_LITERAL, "prefixes are case-sensitive");
	ok(secret_is_reference("env:X") && !secret_is_reference("x") && !secret_is_reference(NULL),
	   "secret_is_reference");

	char *cause = NULL;
	setenv("CHITTY_TEST_SECRET", "s3cr3t-value", 1);
	char *v = secret_resolve("env:CHITTY_TEST_SECRET", "remote 'x': token", 0, &cause);
	is_str(v, "s3cr3t-value", "env: resolves");
	free(v);
	unsetenv("CHITTY_TEST_SECRET");
	v = secret_resolve("env:CHITTY_TEST_SECRET", "remote 'x': token", 0, &cause);
	ok(v == NULL && cause != NULL && strstr(cause, "CHITTY_TEST_SECRET is not set") != NULL,
	   "an unset variable is an error naming it: %s", cause ? cause : "");
	free(cause), cause = NULL;
	v = secret_resolve("env:1BAD-NAME", "t", 0, &cause);
	ok(v == NULL && cause != NULL && strstr(cause, "not a valid env:") != NULL,
	   "a bad variable name is refused");
	free(cause), cause = NULL;

	v = secret_resolve("cmd:printf '  tok-from-cmd\\n\\n'", "t", 0, &cause);
	is_str(v, "tok-from-cmd", "cmd: runs the command and trims its output");
	free(v);
	v = secret_resolve("cmd:echo LEAKED-OUTPUT; echo LEAKED-ERR >&2; exit 3",
			   "remote 'x': token", 0, &cause);
	ok(v == NULL && cause != NULL && strstr(cause, "exit status 3") != NULL,
	   "a failing command is an error: %s", cause ? cause : "");
	ok(cause != NULL && strstr(cause, "LEAKED") == NULL && strstr(cause, "echo") == NULL,
	   "which shows neither the output nor the command");
	free(cause), cause = NULL;
	v = secret_resolve("cmd:true", "t", 0, &cause);
	ok(v == NULL && cause != NULL && strstr(cause, "printed nothing") != NULL,
	   "a command printing nothing is an error");
	free(cause), cause = NULL;
	v = secret_resolve("cmd:printf 'a\\nb\\n'", "t", 0, &cause);
	ok(v == NULL && cause != NULL && strstr(cause, "more than one line") != NULL,
	   "a command printing several lines is an error");
	free(cause), cause = NULL;
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	v = secret_resolve("cmd:sleep 30", "t", 300, &cause);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	double took = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	ok(v == NULL && cause != NULL && strstr(cause, "timed out") != NULL && took < 5,
	   "a slow command times out (%.1f s)", took);
	free(cause), cause = NULL;
	v = secret_resolve("cmd:", "t", 0, &cause);
	ok(v == NULL && cause != NULL, "an empty command is an error");
	free(cause), cause = NULL;
	v = secret_resolve("literal-token", "t", 0, &cause);
	is_str(v, "literal-token", "a literal is itself");
	free(v);
}

static void
test_scrub(void)
{
	struct strv secrets = STRV_INIT;
	strv_push(&secrets, "ghp_TOKEN");
	strv_push(&secrets, "ab"); /* too short to mask */
	char *s = secret_scrub("Bad credentials ghp_TOKEN, again ghp_TOKENghp_TOKEN; ab", &secrets);
	is_str(s, "Bad credentials ••••••, again ••••••••••••; ab", "every occurrence is masked");
	free(s);
	ok(secret_scrub(NULL, &secrets) == NULL, "NULL stays NULL");
	size_t len;
	s = secret_scrub_bytes("x\0ghp_TOKEN", 11, &secrets, &len);
	ok(len == 2 + strlen(SECRET_MASK) && s[1] == '\0' &&
		   memcmp(s + 2, SECRET_MASK, len - 2) == 0,
	   "bytes with NULs are masked too");
	free(s);
	cJSON *json = cJSON_Parse("{\"a\":\"has ghp_TOKEN\",\"ghp_TOKEN\":[\"ghp_TOKEN\",1]}");
	secret_scrub_json(json, &secrets);
	char *text = cJSON_PrintUnformatted(json);
	ok(strstr(text, "ghp_TOKEN") == NULL && strstr(text, "has ••••••") != NULL,
	   "JSON strings and keys are masked: %s", text);
	cJSON_free(text);
	cJSON_Delete(json);
	strv_free(&secrets);
}

static void
test_link(void)
{
	const char *gh = "<https://api.github.com/repositories/1/issues?page=2&per_page=30>; "
			 "rel=\"next\", <https://api.github.com/repositories/1/issues?page=5>; "
			 "rel=\"last\"";
	char *s = http_link_rel(gh, "next");
	is_str(s, "https://api.github.com/repositories/1/issues?page=2&per_page=30",
	       "Link: rel=next");
	free(s);
	s = http_link_rel(gh, "last");
	is_str(s, "https://api.github.com/repositories/1/issues?page=5", "Link: rel=last");
	free(s);
	ok(http_link_rel(gh, "prev") == NULL, "Link: no rel=prev");
	s = http_link_rel("<http://x/a?b=1,2>; rel=\"prev first\", <http://x/n>; rel=next", "next");
	is_str(s, "http://x/n", "unquoted rel, commas inside a URL, several relations");
	free(s);
	s = http_link_rel("<http://x/p>; rel=\"prev first\"", "first");
	is_str(s, "http://x/p", "a relation listed among others");
	free(s);
	s = http_link_rel("<https://sentry.io/x?cursor=0:100:0>; rel=\"next\"; results=\"true\"; "
			  "cursor=\"0:100:0\"",
			  "next");
	is_str(s, "https://sentry.io/x?cursor=0:100:0", "parameters after rel (Sentry)");
	free(s);
	ok(http_link_rel("", "next") == NULL && http_link_rel("garbage", "next") == NULL &&
		   http_link_rel("<unterminated; rel=next", "next") == NULL,
	   "malformed headers give nothing");
	ok(http_link_rel("<http://x/a>; relx=next", "next") == NULL, "only rel counts");
}

static void
test_retry_after(void)
{
	time_t now = 1700000000;
	is_int(http_retry_after("120", now), 120, "Retry-After in seconds");
	is_int(http_retry_after(" 0 ", now), 0, "zero seconds");
	is_int(http_retry_after("Tue, 14 Nov 2023 22:14:20 GMT", now), 60,
	       "Retry-After as an HTTP date");
	is_int(http_retry_after("Tue, 14 Nov 2023 20:00:00 GMT", now), 0, "a past date is 0");
	is_int(http_retry_after("Tuesday, 14-Nov-23 22:14:20 GMT", now), 60, "RFC 850 date");
	is_int(http_retry_after("soon", now), -1, "garbage is -1");
	is_int(http_retry_after("-5", now), -1, "negative is -1");
	is_int(http_retry_after("12abc", now), -1, "trailing junk is -1");
	is_int(http_retry_after(NULL, now), -1, "no header is -1");
}

static char *
error_of(const char *json)
{
	cJSON *body = cJSON_Parse(json);
	char *text = api_error_text(body);
	cJSON_Delete(body);
	return text;
}

static void
test_error_shapes(void)
{
	char *s = error_of("{\"message\":\"Bad credentials\",\"documentation_url\":\"x\"}");
	is_str(s, "Bad credentials", "GitHub/Notion/Neon message");
	free(s);
	s = error_of("{\"message\":\"Validation Failed\",\"errors\":[{\"resource\":\"Issue\","
		     "\"field\":\"title\",\"code\":\"missing_field\"}]}");
	is_str(s, "Validation Failed: title missing_field", "GitHub validation details");
	free(s);
	s = error_of(
		"{\"data\":null,\"errors\":[{\"type\":\"NOT_FOUND\",\"message\":\"Could not "
		"resolve\"},{\"message\":\"second\",\"extensions\":{\"code\":\"RATELIMITED\"}}]}");
	is_str(s, "Could not resolve (NOT_FOUND); second (RATELIMITED)", "GraphQL errors");
	free(s);
	s = error_of("{\"success\":false,\"errors\":[{\"code\":10000,\"message\":\"Authentication "
		     "error\"}],\"result\":null}");
	is_str(s, "Authentication error (10000)", "Cloudflare envelope");
	free(s);
	s = error_of("{\"error\":{\"code\":\"forbidden\",\"message\":\"Not allowed\"}}");
	is_str(s, "Not allowed", "Vercel {error:{message}}");
	free(s);
	s = error_of("{\"ok\":false,\"error\":\"channel_not_found\"}");
	is_str(s, "channel_not_found", "Slack {error:\"…\"}");
	free(s);
	ok(error_of("[1,2]") == NULL && error_of("{}") == NULL && error_of("nope") == NULL,
	   "no message in other shapes");

	struct http_response resp = {.status = 200};
	cJSON *body = cJSON_Parse("{\"data\":{\"x\":null},\"errors\":[{\"message\":\"boom\"}]}");
	char *msg = NULL;
	ok(api_check_default(&resp, body, &msg) == API_VERDICT_ERROR && msg != NULL &&
		   strcmp(msg, "boom") == 0,
	   "a GraphQL error inside HTTP 200 is an error");
	free(msg), msg = NULL;
	cJSON_Delete(body);
	body = cJSON_Parse("{\"errors\":[{\"message\":\"slow down\",\"type\":\"RATE_LIMITED\"}]}");
	ok(api_check_default(&resp, body, &msg) == API_VERDICT_RATE_LIMITED,
	   "a GraphQL RATE_LIMITED error is a rate limit");
	free(msg), msg = NULL;
	cJSON_Delete(body);
	resp.status = 429;
	ok(api_check_default(&resp, NULL, &msg) == API_VERDICT_RATE_LIMITED, "429 is a rate limit");
	resp.status = 503;
	ok(api_check_default(&resp, NULL, &msg) == API_VERDICT_RETRY, "5xx is retried");
	resp.status = 404;
	ok(api_check_default(&resp, NULL, &msg) == API_VERDICT_ERROR, "404 is an error");
	resp.status = 201;
	ok(api_check_default(&resp, NULL, &msg) == API_VERDICT_OK, "201 is fine");
	is_str(http_status_text(404), "Not Found", "status texts");
}

static struct item *
sample_item(int i)
{
	char id[32];
	snprintf(id, sizeof id, "gh/issue/%d", i);
	struct item *item = item_create(id, "issue", "Ünïcode 漢字 title");
	item_set(&item->url, "https://github.com/o/r/issues/1");
	item_set(&item->preview, "# Title\n\nbody with ghp_CACHE_SECRET inside");
	item_add_accessory(item, ACC_STATUS, "open");
	struct action *a = item_add_action(item, ACTION_REMOTE, "close", "Close Issue", "1");
	item_set(&a->remote, "gh");
	item_set(&a->verb, "issues close");
	a->confirm = 1;
	return item;
}

static void
test_cache(const char *dir)
{
	char *cache_home = xasprintf("%s/cache", dir);
	setenv("XDG_CACHE_HOME", cache_home, 1);
	char *path = remote_cache_path("gh/../x");
	ok(strstr(path, "/chitty/remotes/gh%2F..%2Fx.json") != NULL, "odd names are encoded: %s",
	   path);
	free(path);
	path = remote_cache_path(".hidden");
	ok(strstr(path, "/remotes/%2Ehidden.json") != NULL, "a leading dot is encoded");
	free(path);

	path = remote_cache_path("gh");
	struct item *items[3] = {sample_item(1), sample_item(2), sample_item(3)};
	struct strv secrets = STRV_INIT;
	strv_push(&secrets, "ghp_CACHE_SECRET");
	char *cause = NULL;
	ok(remote_cache_save(path, "gh", "github-repo", "abc123", 1000.5, items, 3, &secrets,
			     &cause) == 0,
	   "cache saved");
	struct stat st;
	ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "the cache file is 0600");
	char *text = file_read_all(path, NULL, 0, NULL);
	ok(text != NULL && strstr(text, "ghp_CACHE_SECRET") == NULL, "secrets are masked in it");
	free(text);
	struct remote_cache cache;
	int corrupt = -1;
	ok(remote_cache_load(path, &cache, &corrupt, &cause) == 0 && corrupt == 0, "cache loads");
	ok(cache.n == 3 && strcmp(cache.items[1]->id, "gh/issue/2") == 0 &&
		   strcmp(cache.items[0]->title, "Ünïcode 漢字 title") == 0 &&
		   cache.items[0]->n_actions == 1 &&
		   strcmp(cache.items[0]->actions[0].verb, "issues close") == 0 &&
		   cache.items[0]->actions[0].confirm,
	   "items come back whole");
	ok(cache.fetched_at == 1000.5 && strcmp(cache.fingerprint, "abc123") == 0 &&
		   strcmp(cache.remote, "gh") == 0,
	   "with their fetch time and fingerprint");
	ok(remote_cache_fresh(&cache, "abc123", 600, 1500), "fresh within the ttl");
	ok(!remote_cache_fresh(&cache, "abc123", 600, 1700), "stale after the ttl");
	ok(!remote_cache_fresh(&cache, "other", 600, 1500), "stale for other settings");
	ok(!remote_cache_fresh(&cache, "abc123", 600, 900), "stale when the clock went back");
	remote_cache_clear(&cache);

	/* Truncated, corrupt, other format, bad item. */
	static const char *const bad[] = {
		"{\"format\":1,\"remote\":\"gh\",\"fingerprint\":\"a\",\"fetchedAt\":1,\"items\":[",
		"not json at all",
		"{\"format\":2,\"remote\":\"gh\",\"fingerprint\":\"a\",\"fetchedAt\":1,\"items\":[]"
		"}",
		"{\"format\":1,\"remote\":\"gh\",\"fingerprint\":\"a\",\"fetchedAt\":1,\"items\":[{"
		"}]}",
		"{\"format\":1,\"items\":[]}",
	};
	for (size_t i = 0; i < nitems(bad); i++) {
		file_write_atomic(path, bad[i], strlen(bad[i]), 0600, NULL);
		corrupt = 0;
		int rc = remote_cache_load(path, &cache, &corrupt, &cause);
		ok(rc == -1 && corrupt == 1 && cause != NULL, "unusable cache %zu is refused: %s",
		   i, cause ? cause : "");
		free(cause), cause = NULL;
	}
	unlink(path);
	corrupt = 1;
	ok(remote_cache_load(path, &cache, &corrupt, &cause) == -1 && corrupt == 0,
	   "a missing cache is not corrupt");
	free(cause), cause = NULL;
	for (size_t i = 0; i < 3; i++)
		item_free(items[i]);
	strv_free(&secrets);
	free(path);
	free(cache_home);
}

static void
test_fingerprint(void)
{
	cJSON *a = cJSON_Parse("{\"type\":\"github-repo\",\"token\":\"ghp_one\",\"owner\":\"o\","
			       "\"repo\":\"r\",\"ttl\":60}");
	cJSON *b = cJSON_Parse("{\"type\":\"github-repo\",\"token\":\"ghp_two\",\"owner\":\"o\","
			       "\"repo\":\"r\",\"ttl\":900}");
	cJSON *c = cJSON_Parse("{\"type\":\"github-repo\",\"token\":\"ghp_one\",\"owner\":\"o\","
			       "\"repo\":\"other\"}");
	cJSON *d = cJSON_Parse("{\"type\":\"github-repo\",\"token\":\"env:TOKEN\",\"owner\":\"o\","
			       "\"repo\":\"r\"}");
	char *fa = remote_fingerprint("github-repo", a), *fb = remote_fingerprint("github-repo", b);
	char *fc = remote_fingerprint("github-repo", c), *fd = remote_fingerprint("github-repo", d);
	ok(strlen(fa) == 16, "a fingerprint is 16 hex digits");
	is_str(fa, fb, "ttl and a literal secret's value leave it alone");
	ok(strcmp(fa, fc) != 0, "another repo changes it");
	ok(strcmp(fa, fd) != 0, "a reference instead of a literal changes it");
	free(fa), free(fb), free(fc), free(fd);
	is_int(remote_ttl(a), 60, "ttl from the config");
	is_int(remote_ttl(c), REMOTE_DEFAULT_TTL, "default ttl");
	cJSON_AddStringToObject(c, "ttl", "90.5");
	is_int(remote_ttl(c), 90, "a ttl written as text");
	cJSON_ReplaceItemInObject(c, "ttl", cJSON_CreateString("0"));
	is_int(remote_ttl(c), REMOTE_DEFAULT_TTL, "a ttl under a second is ignored");
	cJSON_Delete(a), cJSON_Delete(b), cJSON_Delete(c), cJSON_Delete(d);
}

static void
test_schema(void)
{
	ok(remote_name_valid("tracker") && remote_name_valid("gh-prod.2") &&
		   remote_name_valid("A_1"),
	   "good names");
	ok(!remote_name_valid("") && !remote_name_valid("-x") && !remote_name_valid("a/b") &&
		   !remote_name_valid("a b") && !remote_name_valid(".x") &&
		   !remote_name_valid("ünï"),
	   "bad names");
	is_str(remote_type_resolve("gh"), "github-project",
	       "an alias is the provider's first type");
	is_str(remote_type_resolve("github-repo"), "github-repo", "a type is itself");
	ok(remote_type_resolve("nope") == NULL, "unknown types");

	char *cause = NULL;
	cJSON *conf = cJSON_Parse("{\"type\":\"github-repo\",\"owner\":\"o\",\"repo\":\"r\"}");
	ok(remote_conf_validate("github-repo", conf, &cause) == -1 && cause != NULL &&
		   strstr(cause, "\"token\"") != NULL,
	   "a missing required field: %s", cause ? cause : "");
	free(cause), cause = NULL;
	cJSON_AddStringToObject(conf, "token", "env:T");
	ok(remote_conf_validate("github-repo", conf, &cause) == 0, "complete");
	cJSON_AddStringToObject(conf, "apiUrl", "ftp://x");
	ok(remote_conf_validate("github-repo", conf, &cause) == -1, "apiUrl must be http(s)");
	free(cause), cause = NULL;
	cJSON_DeleteItemFromObject(conf, "apiUrl");
	cJSON_AddStringToObject(conf, "ttl", "soon");
	ok(remote_conf_validate("github-repo", conf, &cause) == -1, "ttl must be a number");
	free(cause), cause = NULL;
	cJSON_Delete(conf);
	conf = cJSON_Parse("{\"type\":\"github-project\",\"owner\":\"o\",\"token\":\"t\"}");
	ok(remote_conf_validate("github-project", conf, &cause) == -1 && cause != NULL &&
		   strstr(cause, "project") != NULL,
	   "the provider's own rule (project or repo)");
	free(cause), cause = NULL;
	cJSON_AddStringToObject(conf, "project", "x3");
	ok(remote_conf_validate("github-project", conf, &cause) == -1, "project is a number");
	free(cause), cause = NULL;
	cJSON_Delete(conf);

	const struct provider *gh = provider_find("gh");
	ok(provider_field(gh, "github-repo", "project") == NULL &&
		   provider_field(gh, "github-project", "project") != NULL,
	   "fields belong to types");
	ok(provider_field(gh, "github-repo", "apiUrl") != NULL &&
		   provider_field(gh, "github-repo", "ttl") != NULL,
	   "every remote has apiUrl and ttl");
	ok(provider_verb_path(gh, "issues close") != NULL &&
		   provider_verb_path(gh, "actions secrets list") != NULL &&
		   provider_verb_path(gh, "issue ls") != NULL,
	   "verb paths (with aliases) resolve");
	ok(provider_verb_path(gh, "issues") == NULL &&
		   provider_verb_path(gh, "nope close") == NULL &&
		   provider_verb_path(gh, "") == NULL,
	   "incomplete or unknown paths do not");
}

static void
test_clean_text(void)
{
	char *s = provider_clean_text("a\033[31mred\r\nline\ttab", 0, 0);
	is_str(s, "a [31mred line tab", "control characters become spaces");
	free(s);
	s = provider_clean_text("a\r\nb\tc", 1, 0);
	is_str(s, "a\nb\tc", "keep_lines keeps newlines and tabs");
	free(s);
	s = provider_clean_text("漢字漢字", 0, 7);
	is_str(s, "漢字…", "cut on a character boundary");
	free(s);
	s = provider_clean_text("bad \xff byte", 0, 0);
	is_str(s, "bad \xef\xbf\xbd byte", "invalid UTF-8 is replaced");
	free(s);
	s = provider_date("2024-05-01T10:00:00Z");
	is_str(s, "2024-05-01", "date part");
	free(s);
}

int
main(void)
{
	char tmpl[] = "/tmp/chitty-test-remote.XXXXXX";
	char *dir = mkdtemp(tmpl);
	if (dir == NULL)
		return skip_all("cannot create a temporary folder");
	test_secret_refs();
	test_scrub();
	test_link();
	test_retry_after();
	test_error_shapes();
	test_cache(dir);
	test_fingerprint();
	test_schema();
	test_clean_text();
	char *rm = xasprintf("rm -rf '%s'", dir);
	if (system(rm) != 0)
		diag("could not remove %s", dir);
	free(rm);
	return done_testing();
}
