/* Replacing a regular file atomically.
 *
 * Why: a reader (Helm, Argo CD, a git checkout) must see the old file or the
 * new one, never half of it, so the output goes to a temporary file beside
 * the target, renamed over it once every byte is on disk. The new file keeps
 * what the old one had (owner, mode, ACL, extended attributes), and the
 * temporary file never outlives the run: every failure removes it, and
 * SIGINT, SIGTERM and SIGHUP wait while it exists. */
#ifndef LS_REPLACE_H
#define LS_REPLACE_H

#include "error.h"
#include "splice.h"

/* Replaces target (the end of the name's links; shown names it in messages
 * after flag). 0 when replaced; -1 with err; 1 when an attribute of the old
 * file cannot be given to a new one: nothing was changed, and the caller
 * writes the file in place instead. */
int replace_file(const char *flag, const char *shown, const char *target, const struct pieces *output,
		 struct ls_error *err);

#endif
