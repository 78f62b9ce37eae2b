/* A run as the output modules read it: the plan and its generation's row,
 * the components the input holds, the load-balancer settings, the changes
 * made and where peers reach the cluster.
 *
 * Why a view of its own: --explain and --report are written from what the
 * run decided and did, never from its working state, so they cannot edit or
 * decide anything again; and what both need (the reach) is computed once. */
#ifndef LS_OUTCOME_H
#define LS_OUTCOME_H

#include <stdbool.h>

#include "changes.h"
#include "inventory.h"
#include "loadbalancer.h"
#include "plan.h"
#include "reach.h"
#include "version.h"

struct outcome {
	const struct plan *plan;            /* plan->gen: the generation's row */
	struct liqo_version version;
	const struct inventory *inv;        /* the components the input holds */
	const struct lb_settings *lb;       /* NULL: no load-balancer settings */
	const struct change_list *records;  /* every change, as data */
	bool auth_tls;                      /* the auth server serves TLS */
	struct reach reach;                 /* reach_compute's, from the same plan */
};

#endif
