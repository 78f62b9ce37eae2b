/* Applies a plan to the components of one input, as splices.
 *
 * Why one module: this is the translation of the seed's cells into Kubernetes
 * fields (Service type, node ports, Liqo's override annotations or arguments,
 * the advertised API server address, Ingresses). It records each change in
 * words as it makes it, which is what --check lists. */
#ifndef LS_SCENARIO_H
#define LS_SCENARIO_H

#include "generation.h"
#include "inventory.h"
#include "plan.h"
#include "version.h"
#include "yamledit.h"

struct scenario {
	const struct plan *plan;
	struct inventory *inv;
	struct patterns *pat;
	struct liqo_version version;
	struct version_traits traits;
	const struct generation *gen;  /* set by scenario_apply from traits */
	struct yedit edit;
	struct buf changes;  /* one line per change */
	size_t change_count;
	struct buf notes;    /* warnings for stderr, one per line */
};

/* version and traits are set (generation_detect) before this is called. */
int scenario_apply(struct scenario *sc, struct ls_error *err);

#endif
