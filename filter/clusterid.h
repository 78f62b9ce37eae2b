/* --cluster-id: the CLUSTER_ID of the chart's cluster-ID ConfigMap, pinned.
 *
 * Why: left to itself, the Liqo chart makes a new random cluster ID on every
 * render (uuidv4), so a GitOps tool that renders the chart on each refresh
 * never sees the same manifests twice and shows the application out of sync
 * forever. The settings file of a cluster can name its ID once; the filter
 * then writes it where the chart wrote the random one, and checks it the way
 * the chart checks the value it is given (a UUID on Liqo v0, a DNS label on
 * v1), so a render with --cluster-id is one the chart itself could make. */
#ifndef LS_CLUSTERID_H
#define LS_CLUSTERID_H

#include <stdbool.h>

#include "editcontext.h"

/* Whether id is a cluster ID the chart of that major version accepts; when
 * not, why in a few words. */
bool clusterid_valid(int major, const char *id, const char **why);

/* Pins CLUSTER_ID to id (NULL: nothing to do), recording the change. */
int clusterid_apply(struct edit_context *ec, const char *id, struct ls_error *err);

#endif
