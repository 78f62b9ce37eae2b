/* Where peers reach this cluster's components, and the router rules that
 * let them through a NAT.
 *
 * Why a module: --explain says these in words and --report gives them as
 * data; both read them from here, computed once from the plan the edits were
 * made from, so the two reports and the manifests cannot disagree. */
#ifndef LS_REACH_H
#define LS_REACH_H

#include <stdbool.h>

#include "plan.h"

/* An address and port peers dial. The address is a span of the plan's
 * text (an advertised URL's host), so it lives as long as the plan. */
struct endpoint {
	const char *address;
	size_t address_len;
	long port;
	bool port_implied;     /* the advertised URL names no port: HTTPS's */
	const char *protocol;  /* "TCP", "UDP" */
};

/* Where a router rule sends the traffic. */
enum forward_target { FORWARD_TO_ANY_NODE, FORWARD_TO_CONTROL_PLANE };

struct port_forward {
	enum component component;
	const char *protocol;
	const char *public_address;
	long public_port;
	enum forward_target target;
	long target_port;
};

struct reach {
	/* known[c]: the scenario fixes where peers reach c. It does not for a
	 * load balancer's address, any node's IP, an API server advertised by
	 * Liqo itself, or a component the generation does not have. */
	bool known[COMP_COUNT];
	struct endpoint endpoints[COMP_COUNT];
	struct port_forward forwards[COMP_COUNT];
	size_t forward_count;
};

/* From the plan (and its generation's row) and the components the input holds. */
void reach_compute(const struct plan *p, const struct inventory *inv, struct reach *out);
/* "any-node", "control-plane" */
const char *forward_target_name(enum forward_target t);

#endif
