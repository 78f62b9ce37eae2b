/* The peering plan of a Liqo v1 cluster, for --explain.
 *
 * Why: from v1 the gateway Service is not in the chart's render. Each
 * peering makes one from the WgGatewayServerTemplate, typed and numbered by
 * the flags of `liqoctl peer` (or the endpoint fields of a GatewayServer and
 * GatewayClient), and liqoctl recreates a gateway whose Service differs from
 * its GatewayServer. So the network gateway cell cannot be written into the
 * manifests: it becomes the commands the operator runs, one per direction,
 * with what this cluster's cells decide filled in and the peer's values as
 * named placeholders. */
#ifndef LS_PEERING_H
#define LS_PEERING_H

#include <stdbool.h>

#include "buf.h"
#include "plan.h"

/* The gateway Service port liqoctl gives a GatewayServer unless told. */
enum { PEERING_DEFAULT_GATEWAY_PORT = 51840 };

/* has_gateway: the render holds the gateway server template. Returns 0 or
 * -1 when memory is exhausted. */
int peering_gateway_line(const struct plan *plan, bool has_gateway, struct buf *out);
int peering_plan_render(const struct plan *plan, bool has_gateway, struct buf *out);

#endif
