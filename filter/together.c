/* See together.h. */
#include "together.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "descriptor.h"
#include "fileio.h"

/* A new file gets what a shell's redirection would give it, 0666 less the
 * umask; a replaced one keeps its mode and, where this process may give
 * it, its owner. */
static int set_mode(int fd, const char *target)
{
	struct stat info;
	if (stat(target, &info) < 0) {
		if (errno != ENOENT)
			return -1;
		mode_t mask = umask(0);
		umask(mask);
		return fchmod(fd, 0666 & ~mask);
	}
	if (fchown(fd, info.st_uid, info.st_gid) < 0 &&
	    (errno != EPERM || (fchown(fd, (uid_t)-1, info.st_gid) < 0 && errno != EPERM)))
		return -1;
	return fchmod(fd, info.st_mode & 07777);
}

static int io_error(struct ls_error *err, const char *flag, const char *path, const char *what)
{
	if (errno == ENOMEM)
		return err_set(err, LS_EXIT_IO, "out of memory");
	return err_set(err, LS_EXIT_IO, "%s %s: %s: %s", flag, path, what, strerror(errno));
}

/* The text in a new temporary file beside f->path (f->temp names it). */
static int prepare_temp(const char *flag, struct file_out *f, struct ls_error *err)
{
	size_t n = strlen(f->path);
	f->temp = malloc(n + 16);
	if (!f->temp)
		return err_set(err, LS_EXIT_IO, "out of memory");
	snprintf(f->temp, n + 16, "%s.tmp.XXXXXX", f->path);
	int fd = mkstemp(f->temp);
	if (fd < 0) {
		int rc = io_error(err, flag, f->path, "cannot create a temporary file beside it");
		free(f->temp);
		f->temp = NULL;
		return rc;
	}
	struct piece whole = {f->text->data ? f->text->data : "", f->text->len};
	struct pieces one = {&whole, 1, f->text->len};
	int rc = 0;
	if (descriptor_write_all(fd, &one) < 0 || fsync(fd) < 0)
		rc = io_error(err, flag, f->path, "write failed");
	if (rc == 0 && set_mode(fd, f->path) < 0)
		rc = io_error(err, flag, f->path, "cannot copy the mode and owner");
	if (close(fd) < 0 && rc == 0)
		rc = io_error(err, flag, f->path, "write failed");
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
	int rc = err_set(err, LS_EXIT_IO, "%s: cannot keep the old file while the new ones are written: %s", f->path,
			 strerror(errno));
	free(f->backup);
	f->backup = NULL;
	return rc;
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
		rc = prepare_temp(flag, &files[i], err);
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
