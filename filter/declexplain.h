/* --explain and --report of a declarative peering.
 *
 * Why apart from the resources: both say, per cluster, what each written
 * resource is for and which cell, setting or flag decided each endpoint
 * field, read from the same declaration the files were written from; the
 * resources' module stays about the manifests. */
#ifndef LS_DECLEXPLAIN_H
#define LS_DECLEXPLAIN_H

#include "declare.h"
#include "json.h"

/* path: the file written for cluster `which`. Return 0, or -1 when memory
 * runs out (the JSON writer's failed flag says it for the report). */
int declare_explain(const struct declaration *d, int which, const struct cluster_output *o, const char *path,
		    struct buf *out);
void declare_report(const struct declaration *d, int which, const struct cluster_output *o, const char *path,
		    bool changed, struct json_writer *w);

#endif
