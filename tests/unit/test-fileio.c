/* Whole-file reads, atomic writes, mkdir -p. */
#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "fileio.h"
#include "tap.h"
#include "xmalloc.h"

int
main(void)
{
	const char *dir = tap_sandbox();
	char *cause = NULL;
	char *path = xasprintf("%s/a/b/c", dir);
	is_int(mkdir_p(path, 0700, &cause), 0, "mkdir_p creates nested folders");
	ok(is_directory(path), "the folder exists");
	struct stat st;
	stat(path, &st);
	is_int(st.st_mode & 0777, 0700, "created with the mode asked for");
	is_int(mkdir_p(path, 0700, &cause), 0, "mkdir_p on an existing folder succeeds");

	char *file = xasprintf("%s/file.json", path);
	is_int(file_write_atomic(file, "hello", 5, 0600, &cause), 0, "atomic write");
	stat(file, &st);
	is_int(st.st_mode & 0777, 0600, "written with mode 0600");
	size_t len;
	char *data = file_read_all(file, &len, 0, &cause);
	is_str(data, "hello", "read back");
	is_int(len, 5, "length");
	free(data);

	data = file_read_all(file, &len, 3, &cause);
	ok(data == NULL && cause != NULL && strstr(cause, "larger than") != NULL,
	   "a size limit refuses big files");
	free(cause), cause = NULL;

	char *missing = xasprintf("%s/missing", dir);
	data = file_read_all(missing, NULL, 0, &cause);
	ok(data == NULL && cause != NULL && strstr(cause, "cannot read") != NULL &&
		   strstr(cause, "No such file") != NULL,
	   "a missing file is a clear error");
	free(cause), cause = NULL;

	data = file_read_all(path, NULL, 0, &cause);
	ok(data == NULL && cause != NULL, "reading a folder is an error");
	free(cause), cause = NULL;

	/* mkdir_p through a regular file fails clearly. */
	char *through = xasprintf("%s/sub", file);
	ok(mkdir_p(through, 0700, &cause) == -1 && cause != NULL, "mkdir_p through a file fails");
	free(cause), cause = NULL;

	/* A write into a folder we cannot write leaves the old file alone. */
	char *ro = xasprintf("%s/ro", dir);
	mkdir_p(ro, 0700, NULL);
	char *rofile = xasprintf("%s/keep", ro);
	file_write_atomic(rofile, "old", 3, 0600, NULL);
	chmod(ro, 0500);
	/* root ignores folder permissions, so the refused write runs in a child
	 * that drops to an unprivileged user first. */
	int pipefd[2];
	if (pipe(pipefd) != 0)
		return 1;
	pid_t child = fork();
	if (child == 0) {
		close(pipefd[0]);
		if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0))
			_exit(3);
		char *why = NULL;
		int rc = file_write_atomic(rofile, "new", 3, 0600, &why);
		if (why != NULL && write(pipefd[1], why, strlen(why)) < 0)
			_exit(4);
		_exit(rc == -1 && why != NULL ? 0 : 1);
	}
	close(pipefd[1]);
	char why[512] = "";
	ssize_t got = read(pipefd[0], why, sizeof why - 1);
	why[got > 0 ? got : 0] = '\0';
	close(pipefd[0]);
	int status;
	waitpid(child, &status, 0);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0 && strstr(why, "cannot write") != NULL,
	   "a write into a read-only folder fails with a cause: %s", why);
	chmod(ro, 0700);
	data = file_read_all(rofile, NULL, 0, NULL);
	is_str(data, "old", "the old content is intact after a refused write");
	free(data);

	/* A writer killed mid-way never leaves a half-written target: the
	 * target is either the old content or the whole new content. */
	char *target = xasprintf("%s/target", dir);
	file_write_atomic(target, "OLD", 3, 0600, NULL);
	size_t big = 8u << 20;
	char *payload = xmalloc(big);
	memset(payload, 'N', big);
	int torn = 0;
	for (int round = 0; round < 5; round++) {
		pid_t pid = fork();
		if (pid == 0) {
			for (;;)
				file_write_atomic(target, payload, big, 0600, NULL);
		}
		usleep(20000 + round * 7000);
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		data = file_read_all(target, &len, 0, NULL);
		if (!(len == 3 && memcmp(data, "OLD", 3) == 0) &&
		    !(len == big && data[0] == 'N' && data[big - 1] == 'N'))
			torn++;
		free(data);
	}
	is_int(torn, 0, "a writer killed mid-write leaves the old or the new file, never a mix");
	free(payload);

	char *home = getenv("HOME");
	char *t = expand_tilde("~/x");
	char *want = xasprintf("%s/x", home);
	is_str(t, want, "~/ expands to HOME");
	free(t), free(want);
	t = expand_tilde("~user/x");
	is_str(t, "~user/x", "~user is left alone");
	free(t);
	is_str(path_basename("/a/b/c.md"), "c.md", "basename");
	is_str(path_basename("c.md"), "c.md", "basename without a folder");

	free(target), free(ro), free(rofile), free(through), free(missing), free(file), free(path);
	tap_sandbox_remove(dir);
	return done_testing();
}
