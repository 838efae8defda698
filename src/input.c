#include "build-config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "input.h"
#include "xmalloc.h"

static int
read_to_end(int fd, const char *name, struct input *in, char **cause)
{
	size_t cap = 1 << 16, len = 0;
	char *buf = xmalloc(cap);

	for (;;) {
		if (len == cap) {
			/* Large reallocations move by remapping, not copying. */
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		ssize_t n = read(fd, buf + len, cap - len);
		if (n == 0)
			break;
		if (n == -1) {
			if (errno == EINTR)
				continue;
			set_cause(cause, "cannot read %s: %s", name, strerror(errno));
			free(buf);
			return -1;
		}
		len += (size_t)n;
	}
	in->owned = buf;
	in->data = buf;
	in->len = len;
	return 0;
}

int
input_read_fd(int fd, const char *name, struct input *in, char **cause)
{
	struct stat st;

	memset(in, 0, sizeof *in);
	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		set_cause(cause, "cannot read %s: %s", name, strerror(EISDIR));
		return -1;
	}
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
		off_t pos = lseek(fd, 0, SEEK_CUR);
		if (pos >= 0 && pos < st.st_size) {
			long page = sysconf(_SC_PAGESIZE);
			off_t base = pos - pos % (page > 0 ? page : 4096);
			size_t map_len = (size_t)(st.st_size - base);
			void *map = mmap(NULL, map_len, PROT_READ, MAP_PRIVATE, fd, base);
			if (map != MAP_FAILED) {
#ifdef MADV_WILLNEED
				madvise(map, map_len, MADV_WILLNEED);
#endif
				in->map = map;
				in->map_len = map_len;
				in->data = (const char *)map + (pos - base);
				in->len = (size_t)(st.st_size - pos);
				/* Leave the offset where reading would have left it. */
				lseek(fd, st.st_size, SEEK_SET);
				return 0;
			}
		} else if (pos >= st.st_size) {
			in->data = "";
			return 0;
		}
	}
	return read_to_end(fd, name, in, cause);
}

void
input_release(struct input *in)
{
	if (in->map != NULL)
		munmap(in->map, in->map_len);
	free(in->owned);
	memset(in, 0, sizeof *in);
}
