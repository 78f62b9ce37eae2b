/* See fileio.h. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "descriptor.h"
#include "destination.h"
#include "replace.h"

int read_fd(int fd, const char *name, size_t max, struct buf *out, struct ls_error *err)
{
	/* A file or a redirected file announces its size: one allocation. */
	struct stat info;
	if (fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 &&
	    (size_t)info.st_size <= max && buf_reserve(out, (size_t)info.st_size + 1) < 0)
		return err_set(err, LS_EXIT_IO, "%s: out of memory", name);
	for (;;) {
		if (out->cap - out->len < 2 && buf_reserve(out, 64 * 1024) < 0)
			return err_set(err, LS_EXIT_IO, "%s: out of memory", name);
		/* One byte stays free for the terminating NUL. */
		ssize_t got = read(fd, out->data + out->len, out->cap - out->len - 1);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
			if (descriptor_wait(fd, POLLIN) < 0)
				return err_set(err, LS_EXIT_IO, "%s: read failed: %s", name, strerror(errno));
			continue;
		}
		if (got < 0)
			return err_set(err, LS_EXIT_IO, "%s: read failed: %s", name, strerror(errno));
		out->len += (size_t)got;
		out->data[out->len] = '\0';
		if (out->len > max)
			return err_set(err, LS_EXIT_INPUT, "%s: input exceeds --max-input-size=%zu bytes",
				       name, max);
		if (got == 0)
			return 0;
	}
}

int read_stream(FILE *in, const char *name, size_t max, struct buf *out, struct ls_error *err)
{
	return read_fd(fileno(in), name, max, out, err);
}

int read_path(const char *path, size_t max, struct buf *out, struct ls_error *err)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return err_set(err, LS_EXIT_IO, "%s: cannot open: %s", path, strerror(errno));
	int rc = read_fd(fd, path, max, out, err);
	close(fd);
	return rc;
}

int write_pieces(int fd, const char *name, const struct pieces *output, struct ls_error *err)
{
	if (descriptor_write_all(fd, output) < 0)
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
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (const struct sockaddr *)&address, sizeof(address)) < 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

static int fail(struct ls_error *err, const char *flag, const char *shown, const char *what)
{
	return err_set(err, LS_EXIT_IO, "%s %s: %s: %s", flag, shown, what, strerror(errno));
}

/* Writes into what the name leads to, as a shell's `>` would: a regular
 * file is cut to the new length after the write (not before, so a failed
 * write is the only way it loses its old text). */
static int write_in_place(const char *flag, const char *shown, const char *path, const struct pieces *output,
			  struct ls_error *err)
{
	struct stat info;
	bool socket_file = stat(path, &info) == 0 && S_ISSOCK(info.st_mode);
	int fd = socket_file ? connect_socket(path) : open(path, O_WRONLY | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return fail(err, flag, shown, "cannot open");
	int rc = 0;
	if (descriptor_write_all(fd, output) < 0)
		rc = fail(err, flag, shown, "write failed");
	if (rc == 0 && fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
	    (ftruncate(fd, (off_t)output->total) < 0 || fsync(fd) < 0))
		rc = fail(err, flag, shown, "write failed");
	if (close(fd) < 0 && rc == 0)
		rc = fail(err, flag, shown, "write failed");
	return rc;
}

int write_output(const char *flag, const char *path, const struct pieces *output, struct ls_error *err)
{
	struct destination dest = {0};
	int rc = 0;
	if (destination_resolve(path, &dest) < 0)
		rc = err_set(err, LS_EXIT_IO, "%s %s: %s", flag, path, dest.target.data ? strerror(errno) : "out of memory");
	else if (dest.how == DEST_OWN_FD)
		rc = descriptor_write_all(dest.fd, output) < 0 ? fail(err, flag, path, "write failed") : 0;
	else if (dest.how == DEST_IN_PLACE)
		rc = write_in_place(flag, path, dest.target.data, output, err);
	else if ((rc = replace_file(flag, path, dest.target.data, output, err)) > 0)
		rc = write_in_place(flag, path, dest.target.data, output, err);
	buf_free(&dest.target);
	return rc;
}

