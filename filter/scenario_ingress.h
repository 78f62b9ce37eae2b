/* The scenario's Ingresses: the auth server's and the API server's.
 *
 * Why a module of its own: an Ingress is a whole object the scenario owns,
 * not a field. Which Ingress is the scenario's is decided here (it routes to
 * the auth Service or to default/kubernetes and is labelled part of Liqo, as
 * the chart's own and the filter's are), and so is its fate: kept when it is
 * already what the cell wants, rewritten in place when it differs, added
 * beside the auth Service when there is none, and removed whole, `---` and
 * `# Source:` line included, when the cell wants none. An Ingress without
 * Liqo's label belongs to someone else and is never touched. */
#ifndef LS_SCENARIO_INGRESS_H
#define LS_SCENARIO_INGRESS_H

#include "editcontext.h"

/* Keeps, rewrites, adds or removes the scenario's Ingresses. */
int scenario_apply_ingresses(struct edit_context *ec);

#endif
