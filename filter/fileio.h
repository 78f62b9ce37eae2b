/* Reading inputs whole and writing outputs completely or not at all.
 *
 * Why: a post-renderer that writes half a stream before failing hands Helm a
 * truncated release; every write here is checked, and -o goes through a
 * temporary file renamed into place only after everything was written. What
 * is not a regular file (a terminal, /dev/null, a FIFO) is never replaced,
 * and a symbolic link stays a link: its target is what gets replaced. */
#ifndef LS_FILEIO_H
#define LS_FILEIO_H

#include <stdbool.h>
#include <stdio.h>

#include "buf.h"
#include "error.h"
#include "splice.h"

int read_stream(FILE *in, const char *name, size_t max, struct buf *out, struct ls_error *err);
int read_path(const char *path, size_t max, struct buf *out, struct ls_error *err);
int write_pieces(int fd, const char *name, const struct pieces *output, struct ls_error *err);
int write_stdout(const struct pieces *output, struct ls_error *err);
/* -o or --report (flag names it in messages): a regular file (or a new one) is replaced atomically, through a
 * temporary file beside the file its symbolic links lead to, keeping its
 * mode and owner; a device, FIFO or socket is written to in place. */
int write_output(const char *flag, const char *path, const struct pieces *output, struct ls_error *err);

/* Files written together or not at all (a folder per cluster): each is
 * first written beside itself; only when every one is ready are they renamed
 * into place, and a failed rename puts back those already renamed. A file
 * that already holds its text is left untouched, and `changed` says so. */
struct file_out {
	const char *path;
	const struct buf *text;
	bool changed;          /* set by the call */
	char *temp, *backup;   /* the call's own; NULL before and after */
};
int write_files_together(const char *flag, struct file_out *files, size_t count, struct ls_error *err);

#endif
