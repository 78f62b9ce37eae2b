/* From a profile, a cluster column and the flags to one exposure per
 * component, with every parameter it needs checked.
 *
 * Why separate from the editing: everything that can be wrong with the
 * command line is found here, before the input is read, and the editing code
 * works from a plan that is known to be complete. */
#ifndef LS_PLAN_H
#define LS_PLAN_H

#include <stdbool.h>

#include "generation.h"
#include "options.h"
#include "patterns.h"
#include "profile.h"

enum { PLAN_MISSING_MAX = 8 };

/* The flags the column's cells need that the command line lacks, and why. */
struct missing_flags {
	const char *flags[PLAN_MISSING_MAX];
	const char *why[PLAN_MISSING_MAX];
	size_t count;
};

struct plan {
	const struct profile *profile;
	int column; /* 0 for a, 1 for b */
	enum exposure modes[COMP_COUNT];
	const char *auth_host;
	const char *api_server_host;
	const char *ingress_class;
	const char *auth_tls_secret; /* NULL: the auth Service's name */
	const char *public_address;
	long auth_node_port;   /* 0: leave as it is */
	long auth_public_port;
	long gateway_node_port;
	long gateway_public_port;
	long gateway_port;     /* the gateway server's Service port; 0: liqoctl's default */
	long api_server_public_port;
	char *advertise;       /* the API server address peers get, the plan's own; NULL for none */
	const char *auth_public_port_flag;        /* where auth_public_port came from, for messages */
	const char *api_server_public_port_flag;
	const struct generation *gen; /* the input's generation's row: set by plan_settle */
	struct missing_flags missing; /* reported by plan_settle, all at once */
};

/* Everything that does not depend on the Liqo version of the input.
 * Warnings that hold for every version go to notes. Flags the cells need
 * and lack are noted for plan_settle, which names them all in one error. */
int plan_resolve(const struct settings *s, const struct profile_set *profiles,
		 struct plan *plan, struct buf *notes, struct ls_error *err);
void plan_free(struct plan *plan);
/* The rest, once the input's generation is known: the cell and parameters
 * of a component the generation does not have are neither required nor
 * checked, only warned about. Warnings (a parameter the chosen cells do not
 * use) go to notes. */
int plan_settle(const struct settings *s, struct plan *plan, const struct generation *gen, struct buf *notes,
		struct ls_error *err);

/* Settings that are each valid but together ask Kubernetes or a router for
 * the impossible: one node port for two Services, one forwarded port for two
 * services, one Ingress host for two backends. Auth flags count only where
 * the generation has an auth server (plan->gen, from plan_settle). */
int plan_check_conflicts(const struct plan *plan, struct ls_error *err);

#endif
