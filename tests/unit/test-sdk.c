/* The script SDK's protocol: parsing requests, replies, the channel's buffering (sdk.h). */
#include "build-config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cjson/cJSON.h>

#include "choices.h"
#include "sdk.h"
#include "tap.h"
#include "xmalloc.h"

static int
parse(const char *line, struct sdk_request *req, long long *id, char **cause)
{
	*cause = NULL;
	return sdk_parse_request(line, strlen(line), req, id, cause);
}

/* The error for a line that must fail, with the id it must carry. */
static void
fails(const char *line, long long want_id, const char *want_cause, const char *name)
{
	struct sdk_request req;
	long long id = -1;
	char *cause = NULL;
	int rc = parse(line, &req, &id, &cause);
	ok(rc == -1 && id == want_id && cause != NULL && strstr(cause, want_cause) != NULL, "%s",
	   name);
	if (rc != -1 || cause == NULL || strstr(cause, want_cause) == NULL || id != want_id)
		diag("rc %d id %lld cause '%s' (want id %lld, '%s')", rc, id,
		     cause ? cause : "(null)", want_id, want_cause);
	free(cause);
}

static void
test_requests(void)
{
	struct sdk_request req;
	long long id;
	char *cause;

	is_int(parse("{\"id\":1,\"type\":\"arg\",\"placeholder\":\"Pick\",\"choices\":[{\"name\":"
		     "\"a\"},{\"name\":\"b\",\"description\":\"B\",\"preview\":\"<p>x</p>\"}]}",
		     &req, &id, &cause),
	       0, "arg with choices parses");
	is_int(req.id, 1, "  its id");
	ok(req.type == SDK_ARG && req.has_choices && req.n_choices == 2 && req.strict,
	   "  a strict list prompt of two choices");
	is_str(req.text, "Pick", "  the placeholder");
	is_str(req.choices[1].description, "B", "  a description");
	is_str(req.choices[1].preview, "<p>x</p>", "  a preview");
	ok(req.choices[0].description == NULL && req.choices[0].preview == NULL,
	   "  optional fields stay NULL");
	struct sdk_request copy;
	sdk_request_copy(&copy, &req);
	sdk_request_clear(&req);
	is_str(copy.choices[1].name, "b", "a copy outlives the original");
	sdk_request_clear(&copy);

	is_int(parse("{\"id\":2,\"type\":\"arg\"}", &req, &id, &cause), 0, "arg alone parses");
	ok(!req.has_choices && strcmp(req.text, "") == 0, "  a text prompt, placeholder \"\"");
	sdk_request_clear(&req);
	is_int(parse("{\"id\":3,\"type\":\"arg\",\"choices\":[],\"strict\":false,\"hint\":\"h\"}",
		     &req, &id, &cause),
	       0, "arg with no choices, not strict");
	ok(req.has_choices && req.n_choices == 0 && !req.strict, "  a list prompt, strict off");
	is_str(req.hint, "h", "  its hint");
	sdk_request_clear(&req);

	is_int(parse("{\"type\":\"env\",\"name\":\"TOKEN\",\"secret\":true,\"id\":"
		     "9007199254740992}",
		     &req, &id, &cause),
	       0, "env with secret, the largest id, members in any order");
	ok(req.type == SDK_ENV && req.secret && strcmp(req.text, "TOKEN") == 0 &&
		   req.id == 9007199254740992LL,
	   "  fields and id");
	sdk_request_clear(&req);

	static const struct {
		const char *line;
		enum sdk_type type;
		const char *text;
	} simple[] = {
		{"{\"id\":4,\"type\":\"div\",\"html\":\"<b>x</b>\"}", SDK_DIV, "<b>x</b>"},
		{"{\"id\":4,\"type\":\"div\"}", SDK_DIV, ""},
		{"{\"id\":4,\"type\":\"editor\",\"text\":\"draft\"}", SDK_EDITOR, "draft"},
		{"{\"id\":4,\"type\":\"open\",\"target\":\"https://x\"}", SDK_OPEN, "https://x"},
		{"{\"id\":4,\"type\":\"copy\",\"text\":\"héllo\"}", SDK_COPY, "héllo"},
		{"{\"id\":4,\"type\":\"notify\",\"text\":\"done\"}", SDK_NOTIFY, "done"},
		{"{\"id\":4,\"type\":\"getPreference\",\"name\":\"p\"}", SDK_GET_PREFERENCE, "p"},
		{" {\"id\":4.0,\"type\":\"copy\",\"text\":\"\\u00e9\\n\"}\r", SDK_COPY, "é\n"},
	};
	for (size_t i = 0; i < nitems(simple); i++) {
		int rc = parse(simple[i].line, &req, &id, &cause);
		ok(rc == 0 && req.type == simple[i].type && strcmp(req.text, simple[i].text) == 0,
		   "%s parses", simple[i].line);
		if (rc != 0)
			diag("%s", cause);
		free(cause);
		sdk_request_clear(&req);
	}
	ok(sdk_type_prompts(SDK_ARG) && sdk_type_prompts(SDK_ENV) && !sdk_type_prompts(SDK_OPEN),
	   "arg and env prompt; open does not");
	is_str(sdk_type_name(SDK_GET_PREFERENCE), "getPreference", "type names as the protocol");
}

static void
test_errors(void)
{
	/* no usable id: a protocol error (id 0) */
	fails("", 0, "not JSON", "an empty line");
	fails("hello", 0, "not JSON: hello", "garbage");
	fails("{\"id\":1,\"type\":\"arg\"", 0, "not JSON", "a cut-off object");
	fails("[1,2]", 0, "not a JSON object", "an array");
	fails("\"arg\"", 0, "not a JSON object", "a string");
	fails("{\"id\":1,\"type\":\"arg\"} trailing", 0, "text after", "text after the object");
	fails("{\"id\":1,\"type\":\"arg\"}{}", 0, "text after", "two objects on a line");
	fails("{\"type\":\"arg\"}", 0, "'id'", "no id");
	fails("{\"id\":0,\"type\":\"arg\"}", 0, "'id'", "id 0");
	fails("{\"id\":-3,\"type\":\"arg\"}", 0, "'id'", "a negative id");
	fails("{\"id\":1.5,\"type\":\"arg\"}", 0, "'id'", "a fractional id");
	fails("{\"id\":1e300,\"type\":\"arg\"}", 0, "'id'", "an id over 2^53");
	fails("{\"id\":\"1\",\"type\":\"arg\"}", 0, "'id'", "an id as a string");
	fails("{\"id\":1,\"type\":\"arg\",\"placeholder\":\"a\0b\"}", 0, "not JSON",
	      "a line cut at a NUL byte is not JSON");

	/* a valid id: the error goes back to that request */
	fails("{\"id\":7,\"type\":\"launch\"}", 7, "unknown request type 'launch'",
	      "an unknown type");
	fails("{\"id\":7}", 7, "'type' must be a string", "no type");
	fails("{\"id\":7,\"type\":42}", 7, "'type' must be a string", "a type that is a number");
	fails("{\"id\":7,\"type\":\"arg\",\"placeholder\":3}", 7,
	      "arg: 'placeholder' must be a string", "a placeholder that is a number");
	fails("{\"id\":7,\"type\":\"arg\",\"choices\":\"a,b\"}", 7, "'choices' must be an array",
	      "choices that are a string");
	fails("{\"id\":7,\"type\":\"arg\",\"choices\":[\"a\"]}", 7, "choice 1 is not an object",
	      "a choice that is a bare string (the SDK sends objects)");
	fails("{\"id\":7,\"type\":\"arg\",\"choices\":[{\"name\":\"a\"},{\"description\":\"d\"}]}",
	      7, "choice 2: 'name' is missing", "a choice without a name");
	fails("{\"id\":7,\"type\":\"arg\",\"strict\":\"no\"}", 7, "'strict' must be true or false",
	      "strict that is a string");
	fails("{\"id\":7,\"type\":\"open\"}", 7, "open: 'target' is missing",
	      "open without target");
	fails("{\"id\":7,\"type\":\"open\",\"target\":\"  \"}", 7, "the target is empty",
	      "open with a blank target");
	fails("{\"id\":7,\"type\":\"env\",\"name\":\"\"}", 7, "the name is empty",
	      "env with an empty name");
	fails("{\"id\":7,\"type\":\"notify\"}", 7, "'text' is missing", "notify without text");
	fails("{\"id\":7,\"type\":\"copy\",\"text\":\"\xff\xfe\"}", 7, "not valid UTF-8",
	      "a string that is not UTF-8");
	char *long_type = malloc(300);
	memset(long_type, 'x', 299);
	long_type[299] = '\0';
	char *line = malloc(400);
	snprintf(line, 400, "{\"id\":8,\"type\":\"%s\"}", long_type);
	struct sdk_request req;
	long long id;
	char *cause = NULL;
	parse(line, &req, &id, &cause);
	ok(cause != NULL && strlen(cause) < 100, "a long unknown type is clipped in the message");
	free(cause);
	free(line);
	free(long_type);
}

static void
test_replies(void)
{
	cJSON *v = cJSON_CreateObject();
	cJSON_AddNumberToObject(v, "index", 2);
	char *line = sdk_reply_line(5, v);
	is_str(line, "{\"id\":5,\"value\":{\"index\":2}}\n", "a reply line");
	free(line);
	cJSON_Delete(v);
	line = sdk_reply_line(6, NULL);
	is_str(line, "{\"id\":6,\"value\":null}\n", "a null reply");
	free(line);
	line = sdk_error_line(0, "protocol error: \"bad\"\nline", 0);
	is_str(line, "{\"id\":0,\"error\":\"protocol error: \\\"bad\\\"\\nline\"}\n",
	       "an error line: one line, escaped");
	free(line);
	line = sdk_error_line(7, "arg() needs a terminal", 1);
	is_str(line, "{\"id\":7,\"error\":\"arg() needs a terminal\",\"reported\":true}\n",
	       "an error line chitty has shown says so");
	free(line);
	line = sdk_reply_line(9007199254740992LL, NULL);
	is_str(line, "{\"id\":9007199254740992,\"value\":null}\n", "a large id stays exact");
	free(line);
}

static void
test_channel(void)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0) {
		ok(0, "socketpair");
		return;
	}
	struct sdk_channel *ch = sdk_channel_create(sv[0]);
	const char *line;
	size_t len;
	is_int(sdk_channel_read(ch, &line, &len), SDK_READ_NONE, "nothing yet");
	ssize_t w = write(sv[1], "{\"a\":1}\n{\"b\"", 12);
	is_int(sdk_channel_read(ch, &line, &len), SDK_READ_LINE, "one complete line");
	ok(len == 7 && memcmp(line, "{\"a\":1}", 7) == 0, "  without its line break");
	is_int(sdk_channel_read(ch, &line, &len), SDK_READ_NONE, "half a line waits");
	w += write(sv[1], ":2}\n\n", 5);
	is_int(sdk_channel_read(ch, &line, &len), SDK_READ_LINE, "the rest completes it");
	ok(len == 7 && memcmp(line, "{\"b\":2}", 7) == 0, "  joined");
	is_int(sdk_channel_read(ch, &line, &len), SDK_READ_LINE, "an empty line is a line");
	is_int((long long)len, 0, "  of length 0");
	sdk_channel_send(ch, sdk_reply_line(1, NULL));
	char buf[64] = "";
	ssize_t n = read(sv[1], buf, sizeof buf - 1);
	ok(n > 0 && strcmp(buf, "{\"id\":1,\"value\":null}\n") == 0, "a reply reaches the script");
	ok(!sdk_channel_wants_write(ch), "nothing left to write");
	w += write(sv[1], "{\"c\":3}", 7);
	close(sv[1]);
	is_int(sdk_channel_read(ch, &line, &len), SDK_READ_CLOSED,
	       "the script's end closes: a partial last line is dropped");
	sdk_channel_send(ch, sdk_reply_line(2, NULL)); /* no SIGPIPE, no crash */
	ok(1, "a reply to a closed channel is dropped");
	(void)w;
	sdk_channel_free(ch);
	sdk_channel_free(NULL);
}

static void
test_choices(void)
{
	struct sdk_choice c[] = {
		{"Example Domain", "Bookmarks bar", NULL},
		{"Chitty", "docs", NULL},
		{"Other", "example notes", NULL},
		{"exam", NULL, NULL},
	};
	struct choice_index *ix = choice_index_create(c, 4);
	size_t *order;
	size_t n = choice_rank(ix, "", &order);
	ok(n == 4 && order[0] == 0 && order[3] == 3, "no query: every choice, in order");
	free(order);
	n = choice_rank(ix, "exam", &order);
	ok(n == 3 && order[0] == 3 && order[1] == 0 && order[2] == 2,
	   "an exact name first, then a name match, then a description match");
	free(order);
	n = choice_rank(ix, "zzz", &order);
	is_int((long long)n, 0, "no match");
	free(order);
	choice_index_free(ix);
}

int
main(void)
{
	test_requests();
	test_errors();
	test_replies();
	test_channel();
	test_choices();
	return done_testing();
}
