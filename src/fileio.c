#include "build-config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "strbuf.h"
#include "xmalloc.h"

char *
file_read_all(const char *path, size_t *len, size_t max_size, char **cause)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd == -1) {
		set_cause(cause, "cannot read %s: %s", path, strerror(errno));
		return NULL;
	}
	struct stat st;
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		set_cause(cause, "cannot read %s: %s", path, strerror(EISDIR));
		return NULL;
	}
	struct strbuf sb = STRBUF_INIT;
	char chunk[65536];
	for (;;) {
		ssize_t n = read(fd, chunk, sizeof chunk);
		if (n == 0)
			break;
		if (n == -1) {
			if (errno == EINTR)
				continue;
			set_cause(cause, "cannot read %s: %s", path, strerror(errno));
			goto fail;
		}
		if (max_size != 0 && sb.len + (size_t)n > max_size) {
			set_cause(cause, "cannot read %s: larger than %zu bytes", path, max_size);
			goto fail;
		}
		sb_addn(&sb, chunk, (size_t)n);
	}
	close(fd);
	if (len != NULL)
		*len = sb.len;
	return sb_detach(&sb);
fail:
	close(fd);
	sb_free(&sb);
	return NULL;
}

static int
write_full(int fd, const char *data, size_t len)
{
	while (len > 0) {
		ssize_t n = write(fd, data, len);
		if (n == -1) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		data += n;
		len -= (size_t)n;
	}
	return 0;
}

int
file_write_atomic(const char *path, const void *data, size_t len, mode_t mode, char **cause)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (slash == NULL) {
		free(dir);
		dir = xstrdup(".");
	} else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';

	char *tmp = xasprintf("%s.tmp.XXXXXX", path);
	int fd = mkstemp(tmp);
	if (fd == -1) {
		set_cause(cause, "cannot write %s: %s", path, strerror(errno));
		free(tmp);
		free(dir);
		return -1;
	}
	int saved;
	if (fchmod(fd, mode) == -1 || write_full(fd, data, len) == -1 || fsync(fd) == -1) {
		saved = errno;
		close(fd);
		goto fail;
	}
	if (close(fd) == -1 || rename(tmp, path) == -1) {
		saved = errno;
		goto fail;
	}
	/* Make the rename itself durable. */
	int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd != -1) {
		fsync(dfd);
		close(dfd);
	}
	free(tmp);
	free(dir);
	return 0;
fail:
	unlink(tmp);
	set_cause(cause, "cannot write %s: %s", path, strerror(saved));
	free(tmp);
	free(dir);
	return -1;
}

int
mkdir_p(const char *path, mode_t mode, char **cause)
{
	char *copy = xstrdup(path);
	size_t len = strlen(copy);
	while (len > 1 && copy[len - 1] == '/')
		copy[--len] = '\0';
	for (char *p = copy + 1;; p++) {
		int last = (*p == '\0');
		if (*p == '/' || last) {
			*p = '\0';
			if (mkdir(copy, mode) == -1 && errno != EEXIST) {
				set_cause(cause, "cannot create %s: %s", copy, strerror(errno));
				free(copy);
				return -1;
			}
			if (last)
				break;
			*p = '/';
		}
	}
	if (!is_directory(copy)) {
		set_cause(cause, "cannot create %s: %s", copy, strerror(ENOTDIR));
		free(copy);
		return -1;
	}
	free(copy);
	return 0;
}

int
file_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

int
is_directory(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

char *
expand_tilde(const char *path)
{
	if (path[0] != '~' || (path[1] != '\0' && path[1] != '/'))
		return xstrdup(path);
	const char *home = getenv("HOME");
	if (home == NULL || *home == '\0')
		return xstrdup(path);
	return xasprintf("%s%s", home, path + 1);
}

const char *
path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash != NULL ? slash + 1 : path;
}
