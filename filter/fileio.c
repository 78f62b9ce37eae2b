/* See fileio.h. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

int read_stream(FILE *in, const char *name, size_t max, struct buf *out, struct ls_error *err)
{
	/* A file or a redirected file announces its size: one allocation. */
	struct stat info;
	if (fstat(fileno(in), &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 &&
	    (size_t)info.st_size <= max && buf_reserve(out, (size_t)info.st_size + 1) < 0)
		return err_set(err, LS_EXIT_IO, "%s: out of memory", name);
	for (;;) {
		if (out->cap == out->len && buf_reserve(out, 64 * 1024) < 0)
			return err_set(err, LS_EXIT_IO, "%s: out of memory", name);
		size_t got = fread(out->data + out->len, 1, out->cap - out->len, in);
		out->len += got;
		if (out->len > max)
			return err_set(err, LS_EXIT_INPUT, "%s: input exceeds --max-input-size=%zu bytes",
				       name, max);
		if (got == 0)
			break;
	}
	if (ferror(in))
		return err_set(err, LS_EXIT_IO, "%s: read failed: %s", name, strerror(errno));
	return 0;
}

int read_path(const char *path, size_t max, struct buf *out, struct ls_error *err)
{
	FILE *in = fopen(path, "rb");
	if (!in)
		return err_set(err, LS_EXIT_IO, "%s: cannot open: %s", path, strerror(errno));
	int rc = read_stream(in, path, max, out, err);
	fclose(in);
	return rc;
}

enum { IOVECS_PER_WRITE = 64 };

/* One gathering write per batch of pieces; a short write resumes inside the
 * piece where it stopped. Standard output may have been left non-blocking by
 * whoever started us (Node-based CI runners do): then waiting for room is
 * the right answer to EAGAIN, not a failed write. */
static int write_all(int fd, const struct pieces *output)
{
	size_t index = 0, offset = 0;
	for (;;) {
		while (index < output->count && offset == output->items[index].len)
			index++, offset = 0;
		if (index == output->count)
			return 0;
		struct iovec batch[IOVECS_PER_WRITE];
		int n = 0;
		for (size_t i = index; i < output->count && n < IOVECS_PER_WRITE; i++, n++) {
			size_t skip = i == index ? offset : 0;
			batch[n] = (struct iovec){(char *)output->items[i].data + skip, output->items[i].len - skip};
		}
		ssize_t written = writev(fd, batch, n);
		if (written < 0 && errno == EINTR)
			continue;
		if (written < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			struct pollfd room = {.fd = fd, .events = POLLOUT};
			if (poll(&room, 1, -1) < 0 && errno != EINTR)
				return -1;
			continue;
		}
		if (written <= 0)
			return -1;
		size_t left = (size_t)written;
		while (left > 0 && left >= output->items[index].len - offset) {
			left -= output->items[index].len - offset;
			index++;
			offset = 0;
		}
		offset += left;
	}
}

int write_pieces(int fd, const char *name, const struct pieces *output, struct ls_error *err)
{
	if (write_all(fd, output) < 0)
		return err_set(err, LS_EXIT_IO, "%s: write failed: %s", name, strerror(errno));
	return 0;
}

int write_stdout(const struct pieces *output, struct ls_error *err)
{
	return write_pieces(STDOUT_FILENO, "standard output", output, err);
}

int write_atomic(const char *path, const struct pieces *output, struct ls_error *err)
{
	size_t n = strlen(path);
	char *temp = malloc(n + 16);
	if (!temp)
		return err_set(err, LS_EXIT_IO, "out of memory");
	snprintf(temp, n + 16, "%s.tmp.XXXXXX", path);
	int fd = mkstemp(temp);
	int rc = 0;
	if (fd < 0) {
		rc = err_set(err, LS_EXIT_IO, "-o %s: cannot create a temporary file beside it: %s",
			     path, strerror(errno));
	} else {
		if (write_all(fd, output) < 0 || fsync(fd) < 0)
			rc = err_set(err, LS_EXIT_IO, "-o %s: write failed: %s", path, strerror(errno));
		if (fchmod(fd, 0644) < 0 && rc == 0)
			rc = err_set(err, LS_EXIT_IO, "-o %s: %s", path, strerror(errno));
		if (close(fd) < 0 && rc == 0)
			rc = err_set(err, LS_EXIT_IO, "-o %s: write failed: %s", path, strerror(errno));
		if (rc == 0 && rename(temp, path) < 0)
			rc = err_set(err, LS_EXIT_IO, "-o %s: cannot replace: %s", path, strerror(errno));
		if (rc < 0)
			unlink(temp);
	}
	free(temp);
	return rc;
}
