/* See fileio.h. */
#define _GNU_SOURCE /* statfs, extended attributes */
#include "fileio.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/statfs.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

/* Waits until fd has what events asks for; a descriptor left non-blocking
 * by whoever started us (Node-based CI runners do that to standard input
 * and output) is then read or written like a blocking one. */
static int wait_for(int fd, short events)
{
	struct pollfd ready = {.fd = fd, .events = events};
	return poll(&ready, 1, -1) < 0 && errno != EINTR ? -1 : 0;
}

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
			if (wait_for(fd, POLLIN) < 0)
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

enum { IOVECS_PER_WRITE = 64 };

/* One gathering write per batch of pieces; a short write resumes inside the
 * piece where it stopped. */
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
			if (wait_for(fd, POLLOUT) < 0)
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
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && connect(fd, (const struct sockaddr *)&address, sizeof(address)) < 0) {
		int saved = errno;
		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

/* Where the output goes once the path's links are followed. */
struct destination {
	enum { DEST_OWN_FD, DEST_IN_PLACE, DEST_REPLACE } how;
	int fd;            /* DEST_OWN_FD: this process's descriptor the path names */
	struct buf target; /* the last name of the chain (DEST_IN_PLACE, DEST_REPLACE) */
};

/* The folder part of path as its own string ("." for a bare name). */
static int folder_of(const char *path, struct buf *folder)
{
	const char *slash = strrchr(path, '/');
	folder->len = 0;
	if (!slash)
		return buf_puts(folder, ".");
	return slash == path ? buf_puts(folder, "/") : buf_append(folder, path, (size_t)(slash - path));
}

static bool same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static bool in_proc_folder(const char *path)
{
	struct buf folder = {0};
	struct statfs fs;
	bool proc = folder_of(path, &folder) == 0 && statfs(folder.data, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC;
	buf_free(&folder);
	return proc;
}

/* A link that lives in /proc (/proc/self/fd/1, what /dev/stdout leads to)
 * is not a name: it stands for an open file, which may have been renamed
 * or deleted since, or never had a name (a pipe). Its text is not a path
 * to replace. When it is one of this process's own descriptors, writing to
 * that descriptor is what writing to standard output would do (a `>> log`
 * appends, a `> log` continues where the shell's file offset is). */
static int proc_link(const char *link, struct destination *dest)
{
	if (!in_proc_folder(link))
		return 0;
	struct buf folder = {0};
	struct stat in, self, thread;
	if (folder_of(link, &folder) < 0)
		return -1;
	const char *base = strrchr(link, '/') ? strrchr(link, '/') + 1 : link;
	char *end;
	errno = 0;
	long n = strtol(base, &end, 10);
	bool numbered = *base >= '0' && *base <= '9' && *end == '\0' && errno == 0 && n <= INT_MAX;
	bool own = numbered && stat(folder.data, &in) == 0 &&
		   ((stat("/proc/self/fd", &self) == 0 && same_inode(&in, &self)) ||
		    (stat("/proc/thread-self/fd", &thread) == 0 && same_inode(&in, &thread)));
	buf_free(&folder);
	dest->how = own ? DEST_OWN_FD : DEST_IN_PLACE;
	dest->fd = own ? (int)n : -1;
	return 1;
}

enum { SYMLINK_HOPS_MAX = 40 };

/* Follows path's chain of symbolic links to the name at its end, which need
 * not exist yet (a dangling link names the file to create). A relative link
 * is read from its own folder. The replacement must land where the link
 * points, or the link itself would be replaced by a file. */
static int resolve(const char *path, struct destination *dest)
{
	struct buf *target = &dest->target;
	target->len = 0;
	if (buf_puts(target, path) < 0)
		return -1;
	for (int hops = 0;; hops++) {
		struct stat info;
		if (lstat(target->data, &info) < 0 || !S_ISLNK(info.st_mode))
			break;
		int in_proc = proc_link(target->data, dest);
		if (in_proc != 0)
			return in_proc < 0 ? -1 : 0;
		if (hops == SYMLINK_HOPS_MAX) {
			errno = ELOOP;
			return -1;
		}
		char link[PATH_MAX];
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
	/* A device, a FIFO or a socket is the destination itself: replacing it
	 * with a file would turn /dev/null or a terminal into a file. */
	struct stat info;
	bool exists = stat(target->data, &info) == 0;
	dest->how = exists && !S_ISREG(info.st_mode) ? DEST_IN_PLACE : DEST_REPLACE;
	/* Nothing is made in /proc: a closed descriptor is a failed open. */
	if (!exists && in_proc_folder(target->data))
		dest->how = DEST_IN_PLACE;
	return 0;
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
	if (write_all(fd, output) < 0)
		rc = fail(err, flag, shown, "write failed");
	if (rc == 0 && fstat(fd, &info) == 0 && S_ISREG(info.st_mode) &&
	    (ftruncate(fd, (off_t)output->total) < 0 || fsync(fd) < 0))
		rc = fail(err, flag, shown, "write failed");
	if (close(fd) < 0 && rc == 0)
		rc = fail(err, flag, shown, "write failed");
	return rc;
}

/* The signals that end a run at a terminal or from a service manager. */
static void ending_signals(sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, SIGINT);
	sigaddset(set, SIGTERM);
	sigaddset(set, SIGHUP);
}

/* Whether one of them arrived while they were blocked and will end the
 * process once unblocked (one that is ignored, as under nohup, will not). */
static bool ending_signal_pending(void)
{
	sigset_t pending, ending;
	ending_signals(&ending);
	if (sigpending(&pending) < 0)
		return false;
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction action;
		if (sigismember(&ending, sig) == 1 && sigismember(&pending, sig) == 1 &&
		    sigaction(sig, NULL, &action) == 0 && action.sa_handler == SIG_DFL)
			return true;
	}
	return false;
}

/* The temporary file: a short name (a target name of 255 bytes leaves no
 * room for a suffix), hidden, made with O_EXCL so it never takes over
 * another's file. */
enum { TEMP_NAME_TRIES = 100 };

static int create_temp(int folder, mode_t mode, char name[16])
{
	struct timespec now;
	clock_gettime(CLOCK_REALTIME, &now);
	unsigned long seed = (unsigned long)now.tv_nsec ^ ((unsigned long)getpid() << 16) ^ (unsigned long)now.tv_sec;
	static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
	for (int attempt = 0; attempt < TEMP_NAME_TRIES; attempt++) {
		seed = seed * 6364136223846793005UL + 1442695040888963407UL;
		memcpy(name, ".ls-", 4);
		for (int i = 0; i < 6; i++)
			name[4 + i] = letters[(seed >> (10 + 5 * i)) % 36];
		name[10] = '\0';
		int fd = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOCTTY, mode);
		if (fd >= 0 || errno != EEXIST)
			return fd;
	}
	return -1;
}

/* The file being replaced, to read its attributes from: opened where it
 * may be (it stays the same file if its folder moves), else by its name. */
struct attribute_source {
	int fd;
	const char *path;
};

static ssize_t list_attributes(const struct attribute_source *from, char *names, size_t size)
{
	return from->fd >= 0 ? flistxattr(from->fd, names, size) : llistxattr(from->path, names, size);
}

static ssize_t get_attribute(const struct attribute_source *from, const char *name, void *value, size_t size)
{
	return from->fd >= 0 ? fgetxattr(from->fd, name, value, size) : lgetxattr(from->path, name, value, size);
}

/* Whether the new file already has the attribute (a security label given
 * at creation): setting it again could need a privilege for nothing. */
static bool holds_attribute(int fd, const char *name, const char *value, size_t len)
{
	char held[256];
	ssize_t n = len <= sizeof(held) ? fgetxattr(fd, name, held, sizeof(held)) : -1;
	return n >= 0 && (size_t)n == len && memcmp(held, value, len) == 0;
}

/* What the replaced file had: its extended attributes, its POSIX ACL among
 * them (system.posix_acl_access). Copying them as attributes needs no ACL
 * library and keeps the ACL exactly; an ACL the new file inherited from the
 * folder's default ACL goes when the old file had none. Returns 1 when an
 * attribute cannot be given to the new file: then the caller writes in
 * place instead, as losing an ACL could open the file to more people. */
static int copy_attributes(const struct attribute_source *from, int to)
{
	ssize_t size = list_attributes(from, NULL, 0);
	if (size < 0)
		return errno == ENOTSUP ? 0 : -1;
	char *names = malloc((size_t)size + 1);
	if (!names)
		return -1;
	size = list_attributes(from, names, (size_t)size);
	int rc = size < 0 ? -1 : 0;
	bool has_acl = false;
	struct buf value = {0};
	for (ssize_t at = 0; rc == 0 && at < size; at += (ssize_t)strlen(names + at) + 1) {
		const char *name = names + at;
		has_acl = has_acl || strcmp(name, "system.posix_acl_access") == 0;
		ssize_t n = get_attribute(from, name, NULL, 0);
		value.len = 0;
		if (n < 0 || buf_reserve(&value, (size_t)n + 1) < 0 ||
		    (n = get_attribute(from, name, value.data, (size_t)n)) < 0)
			rc = -1;
		else if (!holds_attribute(to, name, value.data, (size_t)n) && fsetxattr(to, name, value.data, (size_t)n, 0) < 0)
			rc = errno == ENOMEM ? -1 : 1;
	}
	if (rc == 0 && !has_acl && fremovexattr(to, "system.posix_acl_access") < 0 && errno != ENODATA &&
	    errno != ENOTSUP)
		rc = 1;
	buf_free(&value);
	free(names);
	return rc;
}

/* The replacement keeps what the file it replaces had: its owner where this
 * process may give it (else its group where it may), its mode, then its
 * attributes. A new file was created with 0666, so the umask or the
 * folder's default ACL decided its mode, as for a shell's redirection. */
static int set_attributes(int fd, int folder, const char *base, const char *target, const struct stat *old)
{
	if (fchown(fd, old->st_uid, old->st_gid) < 0 &&
	    (errno != EPERM || (fchown(fd, (uid_t)-1, old->st_gid) < 0 && errno != EPERM)))
		return -1;
	if (fchmod(fd, old->st_mode & 07777) < 0)
		return -1;
	struct attribute_source from = {
		.fd = openat(folder, base, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC),
		.path = target,
	};
	int rc = copy_attributes(&from, fd);
	if (from.fd >= 0)
		close(from.fd);
	return rc;
}

/* The replacement file, being written: everything needed to remove it. */
struct temp_file {
	int folder; /* the target's folder, opened */
	struct stat folder_info;
	char name[16];
};

/* Writes the temporary file (closing fd) and renames it over the target.
 * Returns 1 when the file's attributes cannot be kept (nothing changed). */
static int write_and_rename(const char *flag, const char *shown, const char *target, const char *base,
			    const struct temp_file *temp, const struct stat *old, int fd,
			    const struct pieces *output, struct ls_error *err)
{
	int rc = write_all(fd, output) < 0 || fsync(fd) < 0 ? fail(err, flag, shown, "write failed") : 0;
	int kept = rc == 0 && old ? set_attributes(fd, temp->folder, base, target, old) : 0;
	if (kept < 0)
		rc = err_set(err, LS_EXIT_IO, "%s %s: cannot copy the mode, owner and attributes of %s: %s", flag,
			     shown, target, strerror(errno));
	if (close(fd) < 0 && rc == 0 && kept == 0)
		rc = fail(err, flag, shown, "write failed");
	if (rc < 0 || kept > 0)
		return rc < 0 ? rc : 1;
	if (ending_signal_pending()) {
		errno = EINTR;
		return fail(err, flag, shown, "not replaced");
	}
	struct buf folder = {0};
	struct stat now;
	bool moved = folder_of(target, &folder) < 0 || stat(folder.data, &now) < 0 ||
		     !same_inode(&now, &temp->folder_info);
	buf_free(&folder);
	if (moved)
		return err_set(err, LS_EXIT_IO, "%s %s: not replaced: its folder was moved or removed during the write",
			       flag, shown);
	if (renameat(temp->folder, temp->name, temp->folder, base) < 0)
		return err_set(err, LS_EXIT_IO, "%s %s: cannot replace %s: %s", flag, shown, target, strerror(errno));
	return 0;
}

static int replace_file(const char *flag, const char *shown, struct buf *target, const struct pieces *output,
			struct ls_error *err)
{
	char *slash = strrchr(target->data, '/');
	const char *base = slash ? slash + 1 : target->data;
	struct buf folder = {0};
	if (folder_of(target->data, &folder) < 0)
		return err_set(err, LS_EXIT_IO, "out of memory");
	struct temp_file temp = {.folder = open(folder.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC)};
	buf_free(&folder);
	if (temp.folder < 0 || fstat(temp.folder, &temp.folder_info) < 0) {
		int saved = errno;
		if (temp.folder >= 0)
			close(temp.folder);
		errno = saved;
		return err_set(err, LS_EXIT_IO, "%s %s: cannot create a temporary file beside %s: %s", flag, shown,
			       target->data, strerror(errno));
	}
	struct stat old;
	bool replacing = fstatat(temp.folder, base, &old, 0) == 0;
	/* From the temporary file's creation to its rename or removal, the
	 * ending signals wait: one that arrives is acted on once the file is
	 * gone, so a Ctrl-C never leaves it behind. Blocking them needs no
	 * state shared with a handler; the window is a write to a local file. */
	sigset_t ending, before;
	ending_signals(&ending);
	sigprocmask(SIG_BLOCK, &ending, &before);
	/* The old file's mode is not known to the new one until it is set:
	 * until then only its owner may read it. */
	int fd = create_temp(temp.folder, replacing ? 0600 : 0666, temp.name);
	int rc = fd < 0 ? err_set(err, LS_EXIT_IO, "%s %s: cannot create a temporary file beside %s: %s", flag,
				  shown, target->data, strerror(errno))
			: write_and_rename(flag, shown, target->data, base, &temp, replacing ? &old : NULL, fd, output,
					   err);
	if (fd >= 0 && rc != 0)
		unlinkat(temp.folder, temp.name, 0);
	close(temp.folder);
	sigprocmask(SIG_SETMASK, &before, NULL);
	return rc > 0 ? write_in_place(flag, shown, target->data, output, err) : rc;
}

int write_output(const char *flag, const char *path, const struct pieces *output, struct ls_error *err)
{
	struct destination dest = {0};
	int rc = 0;
	if (resolve(path, &dest) < 0)
		rc = err_set(err, LS_EXIT_IO, "%s %s: %s", flag, path, dest.target.data ? strerror(errno) : "out of memory");
	else if (dest.how == DEST_OWN_FD)
		rc = write_all(dest.fd, output) < 0 ? fail(err, flag, path, "write failed") : 0;
	else if (dest.how == DEST_IN_PLACE)
		rc = write_in_place(flag, path, dest.target.data, output, err);
	else
		rc = replace_file(flag, path, &dest.target, output, err);
	buf_free(&dest.target);
	return rc;
}

/* Where a name leads, for comparing two names of files that need not exist
 * yet: the end of its links, in its folder's real path. */
static int resolved_name(const char *path, struct buf *out)
{
	struct destination dest = {0};
	struct buf folder = {0};
	int rc = resolve(path, &dest);
	const char *name = dest.target.data;
	const char *slash = name ? strrchr(name, '/') : NULL;
	if (rc == 0)
		rc = folder_of(name, &folder);
	char *real = rc == 0 ? realpath(folder.data, NULL) : NULL;
	out->len = 0;
	if (rc == 0)
		rc = real ? buf_printf(out, "%s/%s", real, slash ? slash + 1 : name) : buf_puts(out, name);
	free(real);
	buf_free(&folder);
	buf_free(&dest.target);
	return rc;
}

/* The null device mixes nothing: the report and the manifests may both be
 * thrown away there. */
static bool null_device(const struct stat *info)
{
	return S_ISCHR(info->st_mode) && major(info->st_rdev) == 1 && minor(info->st_rdev) == 3;
}

/* Whether two names lead to one file: the same inode where both exist, the
 * same place where neither does. */
static bool same_file(const char *a, const char *b)
{
	struct stat x, y;
	bool has_x = stat(a, &x) == 0, has_y = stat(b, &y) == 0;
	if (has_x || has_y)
		return has_x && has_y && same_inode(&x, &y) && !null_device(&x);
	struct buf ra = {0}, rb = {0};
	bool same = resolved_name(a, &ra) == 0 && resolved_name(b, &rb) == 0 && strcmp(ra.data, rb.data) == 0;
	buf_free(&ra);
	buf_free(&rb);
	return same;
}

int outputs_check_distinct(const char *report, const char *output, bool manifests_on_stdout, struct ls_error *err)
{
	if (!report || strcmp(report, "-") == 0)
		return 0;
	if (output && same_file(report, output))
		return err_set(err, LS_EXIT_USAGE, "--report %s and -o %s are the same file: the report would replace "
			       "the manifests; give the report another file", report, output);
	struct stat named, out;
	if (manifests_on_stdout && stat(report, &named) == 0 && fstat(STDOUT_FILENO, &out) == 0 &&
	    same_inode(&named, &out) && !null_device(&named))
		return err_set(err, LS_EXIT_USAGE, "--report %s is standard output, which carries the manifests; give "
			       "the report another file, or use it with --check, which writes none", report);
	return 0;
}
