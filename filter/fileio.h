/* Reading inputs whole and writing outputs completely or not at all.
 *
 * Why: a post-renderer that writes half a stream before failing hands Helm a
 * truncated release; every write here is checked, and -o goes through a
 * temporary file renamed into place only after everything was written. What
 * is not a regular file (a terminal, /dev/null, a FIFO) is never replaced,
 * nor is what a name in /proc stands for (/dev/stdout is written as standard
 * output is); a symbolic link stays a link: its target is what gets
 * replaced, keeping its owner, mode, ACL and extended attributes. */
#ifndef LS_FILEIO_H
#define LS_FILEIO_H

#include <stdio.h>

#include "buf.h"
#include "error.h"
#include "splice.h"

/* Descriptors left non-blocking are waited on, not failed with EAGAIN. */
int read_fd(int fd, const char *name, size_t max, struct buf *out, struct ls_error *err);
int read_stream(FILE *in, const char *name, size_t max, struct buf *out, struct ls_error *err);
int read_path(const char *path, size_t max, struct buf *out, struct ls_error *err);
int write_pieces(int fd, const char *name, const struct pieces *output, struct ls_error *err);
int write_stdout(const struct pieces *output, struct ls_error *err);
/* -o or --report (flag names it in messages): a regular file (or a new one)
 * is replaced atomically, through a temporary file beside the file its
 * symbolic links lead to, keeping its owner, mode and attributes (written
 * in place when an attribute cannot be given to a new file); a device, FIFO,
 * socket, or what a link in /proc stands for is written to in place (one of
 * this process's descriptors through that descriptor). SIGINT, SIGTERM and
 * SIGHUP wait while the temporary file exists, which every failure removes. */
int write_output(const char *flag, const char *path, const struct pieces *output, struct ls_error *err);

#endif
