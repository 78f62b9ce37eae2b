/* See replace.h. */
#define _GNU_SOURCE /* extended attributes */
#include "replace.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

#include "descriptor.h"
#include "destination.h"

static int fail(struct ls_error *err, const char *flag, const char *shown, const char *what)
{
	return err_set(err, LS_EXIT_IO, "%s %s: %s: %s", flag, shown, what, strerror(errno));
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
	int rc = descriptor_write_all(fd, output) < 0 || fsync(fd) < 0 ? fail(err, flag, shown, "write failed") : 0;
	int kept = rc == 0 && old ? set_attributes(fd, temp->folder, base, target, old) : 0;
	if (kept < 0 && errno == ENOMEM)
		rc = err_set(err, LS_EXIT_IO, "out of memory");
	else if (kept < 0)
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
	if (path_folder(target, &folder) < 0)
		return err_set(err, LS_EXIT_IO, "out of memory");
	bool moved = stat(folder.data, &now) < 0 || !same_inode(&now, &temp->folder_info);
	buf_free(&folder);
	if (moved)
		return err_set(err, LS_EXIT_IO, "%s %s: not replaced: its folder was moved or removed during the write",
			       flag, shown);
	if (renameat(temp->folder, temp->name, temp->folder, base) < 0)
		return err_set(err, LS_EXIT_IO, "%s %s: cannot replace %s: %s", flag, shown, target, strerror(errno));
	return 0;
}

/* A failed allocation on the way (the folder's name, the random name) is
 * out of memory, as everywhere else, not a file-system refusal. */
static int no_temp_file(struct ls_error *err, const char *flag, const char *shown, const char *target)
{
	if (errno == ENOMEM)
		return err_set(err, LS_EXIT_IO, "out of memory");
	return err_set(err, LS_EXIT_IO, "%s %s: cannot create a temporary file beside %s: %s", flag, shown, target,
		       strerror(errno));
}

/* Opens the target's folder, where the temporary file goes: the folder
 * stays reachable (to remove the file) if it is renamed meanwhile. */
static int open_folder(const char *target, struct temp_file *temp)
{
	struct buf folder = {0};
	if (path_folder(target, &folder) < 0) {
		errno = ENOMEM;
		return -1;
	}
	temp->folder = open(folder.data, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	buf_free(&folder);
	if (temp->folder >= 0 && fstat(temp->folder, &temp->folder_info) < 0) {
		int saved = errno;
		close(temp->folder);
		errno = saved;
		temp->folder = -1;
	}
	return temp->folder < 0 ? -1 : 0;
}

int replace_file(const char *flag, const char *shown, const char *target, const struct pieces *output,
		 struct ls_error *err)
{
	const char *slash = strrchr(target, '/');
	const char *base = slash ? slash + 1 : target;
	struct temp_file temp;
	if (open_folder(target, &temp) < 0)
		return no_temp_file(err, flag, shown, target);
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
	int rc = fd < 0 ? no_temp_file(err, flag, shown, target)
			: write_and_rename(flag, shown, target, base, &temp, replacing ? &old : NULL, fd, output, err);
	if (fd >= 0 && rc != 0)
		unlinkat(temp.folder, temp.name, 0);
	close(temp.folder);
	sigprocmask(SIG_SETMASK, &before, NULL);
	return rc;
}
