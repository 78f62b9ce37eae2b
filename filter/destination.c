/* See destination.h. */
#define _GNU_SOURCE /* realpath, statfs */
#include "destination.h"

#include <errno.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statfs.h>
#include <sys/sysmacros.h>
#include <unistd.h>

int path_folder(const char *path, struct buf *folder)
{
	const char *slash = strrchr(path, '/');
	folder->len = 0;
	if (!slash)
		return buf_puts(folder, ".");
	return slash == path ? buf_puts(folder, "/") : buf_append(folder, path, (size_t)(slash - path));
}

bool same_inode(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static bool in_proc_folder(const char *path)
{
	struct buf folder = {0};
	struct statfs fs;
	bool proc = path_folder(path, &folder) == 0 && statfs(folder.data, &fs) == 0 && fs.f_type == PROC_SUPER_MAGIC;
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
	if (path_folder(link, &folder) < 0)
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
int destination_resolve(const char *path, struct destination *dest)
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

/* Where a name leads, for comparing two names of files that need not exist
 * yet: the end of its links, in its folder's real path. */
static int resolved_name(const char *path, struct buf *out)
{
	struct destination dest = {0};
	struct buf folder = {0};
	int rc = destination_resolve(path, &dest);
	const char *name = dest.target.data;
	const char *slash = name ? strrchr(name, '/') : NULL;
	if (rc == 0)
		rc = path_folder(name, &folder);
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
