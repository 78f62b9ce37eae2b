/* See fileio.h. */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdio.h>
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

/* The output in a new temporary file beside target, with target's mode
 * and owner; *temp names it (the caller's to free), NULL on failure. */
static int prepare_temp(const char *flag, const char *shown, const char *target, const struct pieces *output,
			char **temp, struct ls_error *err)
{
	size_t n = strlen(target);
	*temp = malloc(n + 16);
	if (!*temp)
		return err_set(err, LS_EXIT_IO, "out of memory");
	snprintf(*temp, n + 16, "%s.tmp.XXXXXX", target);
	int fd = mkstemp(*temp);
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
		if (rc < 0)
			unlink(*temp);
	}
	if (rc < 0) {
		free(*temp);
		*temp = NULL;
	}
	return rc;
}

static int replace_file(const char *flag, const char *shown, const char *target, const struct pieces *output,
			struct ls_error *err)
{
	char *temp = NULL;
	int rc = prepare_temp(flag, shown, target, output, &temp, err);
	if (rc == 0 && rename(temp, target) < 0) {
		rc = err_set(err, LS_EXIT_IO, "%s %s: cannot replace %s: %s", flag, shown, target, strerror(errno));
		unlink(temp);
	}
	free(temp);
	return rc;
}

/* Whether path is a regular file holding exactly text. */
static bool holds(const char *path, const struct buf *text)
{
	struct buf now = {0};
	struct ls_error ignored = {0};
	struct stat info;
	bool same = stat(path, &info) == 0 && S_ISREG(info.st_mode) && (size_t)info.st_size == text->len &&
		    read_path(path, text->len + 1, &now, &ignored) == 0 && now.len == text->len &&
		    (text->len == 0 || memcmp(now.data, text->data, text->len) == 0);
	buf_free(&now);
	return same;
}

/* A replaced file's old bytes stay reachable under a hard link until every
 * file is in place, so a failed rename puts the earlier ones back. */
static void undo_renames(struct file_out *files, size_t done)
{
	for (size_t i = 0; i < done; i++) {
		if (!files[i].temp)
			continue;
		if (files[i].backup)
			rename(files[i].backup, files[i].path);
		else
			unlink(files[i].path);
	}
}

static int keep_backup(struct file_out *f, struct ls_error *err)
{
	struct stat info;
	if (lstat(f->path, &info) < 0)
		return errno == ENOENT ? 0 : err_set(err, LS_EXIT_IO, "%s: %s", f->path, strerror(errno));
	if (!S_ISREG(info.st_mode))
		return err_set(err, LS_EXIT_IO, "%s: not a regular file: it is not replaced", f->path);
	size_t n = strlen(f->path);
	f->backup = malloc(n + 16);
	if (!f->backup)
		return err_set(err, LS_EXIT_IO, "out of memory");
	for (int attempt = 0; attempt < 100; attempt++) {
		snprintf(f->backup, n + 16, "%s.old.%d", f->path, attempt);
		if (link(f->path, f->backup) == 0)
			return 0;
		if (errno != EEXIST)
			break;
	}
	return err_set(err, LS_EXIT_IO, "%s: cannot keep the old file while the new ones are written: %s", f->path,
		       strerror(errno));
}

static void release(struct file_out *files, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (files[i].temp)
			unlink(files[i].temp);
		if (files[i].backup)
			unlink(files[i].backup);
		free(files[i].temp);
		free(files[i].backup);
		files[i].temp = files[i].backup = NULL;
	}
}

int write_files_together(const char *flag, struct file_out *files, size_t count, struct ls_error *err)
{
	int rc = 0;
	for (size_t i = 0; i < count && rc == 0; i++) {
		files[i].changed = !holds(files[i].path, files[i].text);
		if (!files[i].changed)
			continue;
		struct piece whole = {files[i].text->data ? files[i].text->data : "", files[i].text->len};
		struct pieces one = {&whole, 1, files[i].text->len};
		rc = prepare_temp(flag, files[i].path, files[i].path, &one, &files[i].temp, err);
		if (rc == 0)
			rc = keep_backup(&files[i], err);
	}
	size_t done = 0;
	for (; rc == 0 && done < count; done++)
		if (files[done].temp && rename(files[done].temp, files[done].path) < 0)
			rc = err_set(err, LS_EXIT_IO, "%s %s: cannot replace it: %s", flag, files[done].path,
				     strerror(errno));
	if (rc < 0)
		undo_renames(files, done);
	for (size_t i = 0; i < count && rc == 0; i++) {
		free(files[i].temp);
		files[i].temp = NULL; /* renamed: nothing to remove */
	}
	release(files, count);
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
