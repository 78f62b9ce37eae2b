/* Writes the load-balancer settings into the input: the type-bound fields
 * and annotations of a v0 Service, or of the gateway server template every
 * v1 peering's Service is made from.
 *
 * Why apart from the settings (loadbalancer.h): those are decided before a
 * byte of the input is edited, and checked and tested on their own; this is
 * only where they land, by the edit context's rules. */
#ifndef LS_LBEDIT_H
#define LS_LBEDIT_H

#include "editcontext.h"

/* Writes the type-bound fields of one Service of the given type. */
int lb_apply_service(struct edit_context *ec, const struct found_doc *f, const struct ynode *spec, enum slot slot,
		     const char *type);
/* The gateway server template's annotations and fields. */
int lb_apply_template(struct edit_context *ec);

#endif
