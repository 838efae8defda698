/* The HTTP layer's pure parts and its error messages (the fixture-server
 * tests of real requests live with the remotes). */
#include "build-config.h"

#include <netinet/in.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http.h"
#include "tap.h"

/* A loopback port with nothing listening on it. */
static int
closed_port(void)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t len = sizeof sa;
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof sa) != 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &len) != 0)
		return 9;
	int port = ntohs(sa.sin_port);
	close(fd);
	return port;
}

int
main(void)
{
	char *s = http_url_encode("a b/ü?&=~._-");
	is_str(s, "a%20b%2F%C3%BC%3F%26%3D~._-", "url_encode keeps unreserved, escapes the rest");
	free(s);
	s = http_url_host("https://user:pw@api.example.com:8443/x?token=secret");
	is_str(s, "api.example.com", "url_host extracts the host only");
	free(s);
	s = http_url_host("not a url");
	is_str(s, "?", "url_host of garbage");
	free(s);
	is_str(http_user_agent(), "chitty/" PACKAGE_VERSION,
	       "user agent names chitty and its version");

	char url[128];
	snprintf(url, sizeof url, "http://127.0.0.1:%d/x?token=SECRET123", closed_port());
	struct http_request req = {.url = url, .timeout_ms = 3000};
	struct http_response resp;
	char *cause = NULL;
	int rc;
	rc = http_perform(&req, &resp, &cause);
	ok(rc == -1, "a closed port is a transport error");
	ok(cause != NULL && strstr(cause, "cannot reach 127.0.0.1") != NULL,
	   "the error names the host: %s", cause ? cause : "");
	ok(cause != NULL && strstr(cause, "SECRET123") == NULL,
	   "the error never shows the URL's query");
	is_int(resp.status, 0, "no status without a response");
	free(cause), cause = NULL;
	http_response_clear(&resp);

	req.url = "file:///etc/passwd";
	rc = http_perform(&req, &resp, &cause);
	ok(rc == -1 && cause && strstr(cause, "only http and https"),
	   "file:// URLs are refused: %s", cause ? cause : "");
	free(cause), cause = NULL;
	http_response_clear(&resp);
	return done_testing();
}
