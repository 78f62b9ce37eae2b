/* Files written together or not at all: the declarative peering's folder
 * per cluster.
 *
 * Why apart from fileio.c: -o replaces one file and keeps everything that
 * file had (ACLs, attributes, signals held); a peering's files are new or
 * its own earlier output, and what matters is that a reader of the
 * repository never sees one cluster's file of this run beside the other's
 * of the last. Each is first written beside itself; only when every one is
 * ready are they renamed into place, and a failed rename puts back those
 * already renamed. */
#ifndef LS_TOGETHER_H
#define LS_TOGETHER_H

#include <stdbool.h>

#include "buf.h"
#include "error.h"

struct file_out {
	const char *path;
	const struct buf *text;
	bool changed;          /* set by the call: false where the file already held text */
	char *temp, *backup;   /* the call's own; NULL before and after */
};

/* A file that already holds its text is left untouched. */
int write_files_together(const char *flag, struct file_out *files, size_t count, struct ls_error *err);

#endif
