/* Applies a plan to the components of one input, as splices.
 *
 * Why one module: this is the translation of the seed's cells into Kubernetes
 * fields (Service type, node ports, Liqo's override annotations or arguments,
 * the advertised API server address), running the steps of the input's
 * generation; the Ingresses (scenario_ingress.h) and the load-balancer
 * fields (lbedit.h) are edits of their own, made through the same edit
 * context, which records each change in words as it is made (what --check
 * lists). */
#ifndef LS_SCENARIO_H
#define LS_SCENARIO_H

#include "editcontext.h"

/* version and traits are set (generation_detect) before this is called. */
int scenario_apply(struct edit_context *ec, struct ls_error *err);

#endif
