/* Where a name given to -o or --report leads.
 *
 * Why: the name a user gives may be a chain of symbolic links (which stay
 * links: the file at their end is what gets replaced), a device or a FIFO
 * (written to, never replaced), or a name in /proc that stands for an open
 * descriptor (/dev/stdout leads to /proc/self/fd/1): that one is not a path
 * to replace at all, and when it is this process's own descriptor, writing
 * to the descriptor is what the user asked for. Two names are compared by
 * where they lead, so the report never lands on the manifests. */
#ifndef LS_DESTINATION_H
#define LS_DESTINATION_H

#include <stdbool.h>
#include <sys/stat.h>

#include "buf.h"
#include "error.h"

/* Where the output goes once the path's links are followed. */
struct destination {
	enum { DEST_OWN_FD, DEST_IN_PLACE, DEST_REPLACE } how;
	int fd;            /* DEST_OWN_FD: this process's descriptor the path names */
	struct buf target; /* the last name of the chain (DEST_IN_PLACE, DEST_REPLACE) */
};


/* Follows path's links; 0, or -1 with errno (dest->target.data NULL when
 * memory ran out). dest->target is the caller's to free. */
int destination_resolve(const char *path, struct destination *dest);
/* The folder part of path ("." for a bare name, "/" for the root). */
int path_folder(const char *path, struct buf *folder);
bool same_inode(const struct stat *a, const struct stat *b);
/* Refuses (exit 2) a --report that names the -o file, by any path or link,
 * or standard output while the manifests go there (the null device aside). */
int outputs_check_distinct(const char *report, const char *output, bool manifests_on_stdout,
			   struct ls_error *err);

#endif
