/* See fileio.h. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
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

/* A Unix socket cannot be opened, only connected to. */
static int connect_socket(const char *path)
{
	struct sockaddr_un address = {.sun_family = AF_UNIX};
	if (strlen(path) >= sizeof(address.sun_path)) {
		errno = ENAMETOOLONG;
		return -1;
	}
	memcpy(address.sun_path, path, strlen(path) + 1);
	int fd = socket(AF_UNIX, SOCK_STREAM, 0);
	if (fd >= 0 && connect(fd, (const struct sockaddr *)&address, sizeof(address)) < 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/* A device, a FIFO or a socket is the destination itself: replacing it with
 * a file would turn /dev/null or a terminal into a file. */
static int write_in_place(const char *flag, const char *path, const struct stat *info,
			  const struct pieces *output, struct ls_error *err)
{
	int fd = S_ISSOCK(info->st_mode) ? connect_socket(path) : open(path, O_WRONLY | O_NOCTTY);
	if (fd < 0)
		return err_set(err, LS_EXIT_IO, "%s %s: cannot open: %s", flag, path, strerror(errno));
	int rc = 0;
	if (write_all(fd, output) < 0)
		rc = err_set(err, LS_EXIT_IO, "%s %s: write failed: %s", flag, path, strerror(errno));
	if (close(fd) < 0 && rc == 0)
		rc = err_set(err, LS_EXIT_IO, "%s %s: write failed: %s", flag, path, strerror(errno));
	return rc;
}

enum { SYMLINK_HOPS_MAX = 40 };

/* The path at the end of path's chain of symbolic links, which need not
 * exist yet (a dangling link names the file to create). A relative link is
 * read from its own folder. The replacement must land where the link points,
 * or the link itself would be replaced by a file. */
static int follow_links(const char *path, struct buf *target)
{
	target->len = 0;
	if (buf_puts(target, path) < 0)
		return -1;
	for (int hops = 0;; hops++) {
		struct stat info;
		if (lstat(target->data, &info) < 0 || !S_ISLNK(info.st_mode))
			return 0;
		if (hops == SYMLINK_HOPS_MAX) {
			errno = ELOOP;
			return -1;
		}
		char link[4096];
		ssize_t n = readlink(target->data, link, sizeof(link));
		if (n < 0)
			return -1;
		if ((size_t)n == sizeof(link)) {
			errno = ENAMETOOLONG;
			return -1;
		}
		link[n] = '\0';
		char *slash = strrchr(target->data, '/');
		target->len = link[0] == '/' || !slash ? 0 : (size_t)(slash - target->data) + 1;
		if (buf_puts(target, link) < 0)
			return -1;
	}
}

/* The replacement keeps what the file it replaces had (its mode, and its
 * owner where this process may give it); a new file gets what a shell's
 * redirection would give it, 0666 less the umask. */
static int set_attributes(int fd, const char *target)
{
	struct stat info;
	if (stat(target, &info) < 0) {
		if (errno != ENOENT)
			return -1;
		mode_t mask = umask(0);
		umask(mask);
		return fchmod(fd, 0666 & ~mask);
	}
	/* Where the owner cannot be given, the group may still be. */
	if (fchown(fd, info.st_uid, info.st_gid) < 0 &&
	    (errno != EPERM || (fchown(fd, (uid_t)-1, info.st_gid) < 0 && errno != EPERM)))
		return -1;
	return fchmod(fd, info.st_mode & 07777);
}

static int replace_file(const char *flag, const char *shown, const char *target, const struct pieces *output,
			struct ls_error *err)
{
	size_t n = strlen(target);
	char *temp = malloc(n + 16);
	if (!temp)
		return err_set(err, LS_EXIT_IO, "out of memory");
	snprintf(temp, n + 16, "%s.tmp.XXXXXX", target);
	int fd = mkstemp(temp);
	int rc = 0;
	if (fd < 0) {
		rc = err_set(err, LS_EXIT_IO, "%s %s: cannot create a temporary file beside %s: %s", flag, shown,
			     target, strerror(errno));
	} else {
		if (write_all(fd, output) < 0 || fsync(fd) < 0)
			rc = err_set(err, LS_EXIT_IO, "%s %s: write failed: %s", flag, shown, strerror(errno));
		if (rc == 0 && set_attributes(fd, target) < 0)
			rc = err_set(err, LS_EXIT_IO, "%s %s: cannot copy the mode and owner of %s: %s", flag, shown,
				     target, strerror(errno));
		if (close(fd) < 0 && rc == 0)
			rc = err_set(err, LS_EXIT_IO, "%s %s: write failed: %s", flag, shown, strerror(errno));
		if (rc == 0 && rename(temp, target) < 0)
			rc = err_set(err, LS_EXIT_IO, "%s %s: cannot replace %s: %s", flag, shown, target, strerror(errno));
		if (rc < 0)
			unlink(temp);
	}
	free(temp);
	return rc;
}

int write_output(const char *flag, const char *path, const struct pieces *output, struct ls_error *err)
{
	struct stat info;
	if (stat(path, &info) == 0 && !S_ISREG(info.st_mode))
		return write_in_place(flag, path, &info, output, err);
	struct buf target = {0};
	int rc = follow_links(path, &target) < 0
		? err_set(err, LS_EXIT_IO, "%s %s: %s", flag, path, target.data ? strerror(errno) : "out of memory")
		: replace_file(flag, path, target.data, output, err);
	buf_free(&target);
	return rc;
}
