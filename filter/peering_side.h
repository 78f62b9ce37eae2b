/* One cluster of a declarative peering, read from its flags, its
 * post-renderer settings and its render, and checked as the post-renderer
 * checks it.
 *
 * Why a module: each cluster's side is settled the same way (settings,
 * plan, load-balancer settings, reach, render facts) before the two are
 * compared; the command only pairs two of them. */
#ifndef LS_PEERING_SIDE_H
#define LS_PEERING_SIDE_H

#include "config.h"
#include "declare.h"
#include "loadbalancer.h"
#include "options.h"
#include "peering_args.h"
#include "plan.h"
#include "profile.h"
#include "reach.h"
#include "renderfacts.h"

struct peering_side {
	const char *letter;            /* "a", "b" */
	const struct side_flags *flags;
	struct settings s;
	struct config_file cfg;
	struct profile_set profiles;
	struct buf render;
	struct render_facts facts;
	struct plan plan;
	struct lb_settings lb;
	struct reach reach;
	struct peer_end end;
	char *config_cluster_id;       /* the config file's cluster-id, owned */
	char pod_from[48], external_from[48]; /* the flags' names, for end's from texts */
};

/* The cluster's settings file, read; then (once both clusters' are known to
 * describe one scenario) everything about the cluster settled, warnings in
 * notes, each line naming the cluster. */
int peering_side_settings(struct peering_side *side, const char *letter, const struct side_flags *flags,
			  struct ls_error *err);
int peering_side_settle(struct peering_side *side, struct patterns *pat, struct buf *notes, struct ls_error *err);
void peering_side_free(struct peering_side *side);

#endif
