/* See peering.h. Flag names and defaults are those of `liqoctl peer` in
 * Liqo v1.0 to v1.2 (docs: liqoctl_peer.md, nat.md, peering-via-cr.md). */
#include "peering.h"

#include <stdio.h>

/* One end of the tunnel as far as its gateway server goes: this cluster
 * with its own values, or the peer with placeholders. */
struct gateway_side {
	enum exposure mode;
	const char *who;          /* "here", "on the peer" */
	char node_port[32];       /* "" when Kubernetes picks it */
	char address[300];        /* the NAT's public address */
	char public_port[32];     /* the NAT's port for the gateway */
	const char *load_balancer_ip; /* a LoadBalancer server's fixed IP; NULL for none */
};

static bool forwarded(const struct gateway_side *side)
{
	return side->mode == EXPOSE_NODEPORT_FORWARDED;
}

static bool node_port_type(const struct gateway_side *side)
{
	return side->mode == EXPOSE_NODEPORT || side->mode == EXPOSE_NODEPORT_FORWARDED;
}

static void this_side(const struct plan *plan, struct gateway_side *side)
{
	side->mode = plan->modes[COMP_GATEWAY];
	side->who = "here";
	side->node_port[0] = '\0';
	if (plan->gateway_node_port)
		snprintf(side->node_port, sizeof(side->node_port), "%ld", plan->gateway_node_port);
	snprintf(side->address, sizeof(side->address), "%s", plan->public_address ? plan->public_address : "");
	snprintf(side->public_port, sizeof(side->public_port), "%ld", plan->gateway_public_port);
	side->load_balancer_ip = plan->gateway_load_balancer_ip;
}

static void peer_side(const struct plan *plan, struct gateway_side *side)
{
	const struct cell *cell = &plan->profile->columns[1 - plan->column].cells[COMP_GATEWAY];
	side->mode = cell->choices[0];
	side->who = "on the peer";
	bool fwd = forwarded(side);
	snprintf(side->node_port, sizeof(side->node_port), "%s", fwd ? "PEER_GATEWAY_NODE_PORT" : "");
	snprintf(side->address, sizeof(side->address), "PEER_PUBLIC_ADDRESS");
	snprintf(side->public_port, sizeof(side->public_port), "PEER_GATEWAY_PUBLIC_PORT");
	side->load_balancer_ip = NULL;
}

/* The flags that shape the gateway server's Service and what clients dial. */
static int server_flags(const struct gateway_side *side, struct buf *out)
{
	int rc = 0;
	if (node_port_type(side))
		rc |= buf_puts(out, " --gw-server-service-type NodePort");
	if (node_port_type(side) && side->node_port[0])
		rc |= buf_printf(out, " --gw-server-service-nodeport %s", side->node_port);
	if (forwarded(side))
		rc |= buf_printf(out, " --gw-client-address %s --gw-client-port %s", side->address, side->public_port);
	if (side->mode == EXPOSE_LOADBALANCER && side->load_balancer_ip)
		rc |= buf_printf(out, " --gw-server-service-loadbalancerip %s", side->load_balancer_ip);
	return rc;
}

static int command(const char *consumer, const char *provider, const char *location,
		   const struct gateway_side *server, bool has_gateway, struct buf *out)
{
	int rc = buf_printf(out, "      liqoctl peer --kubeconfig %s --remote-kubeconfig %s", consumer, provider);
	if (!has_gateway)
		return rc | buf_puts(out, " --networking-disabled\n");
	if (location)
		rc |= buf_printf(out, " --gw-server-service-location %s", location);
	return rc | server_flags(server, out) | buf_puts(out, "\n");
}

/* provider and consumer: the two sides in this direction; the gateway
 * server runs on the provider unless --gw-server-service-location Consumer. */
static int direction(const char *title, const char *consumer_kubeconfig, const char *provider_kubeconfig,
		     const struct gateway_side *provider, const struct gateway_side *consumer, bool has_gateway,
		     struct buf *out)
{
	int rc = buf_printf(out, "    %s", title);
	if (has_gateway)
		rc |= buf_printf(out, "; the gateway server runs %s (%s)", provider->who, exposure_title(provider->mode));
	rc |= buf_puts(out, ":\n");
	rc |= command(consumer_kubeconfig, provider_kubeconfig, NULL, provider, has_gateway, out);
	if (has_gateway && forwarded(provider) && !forwarded(consumer)) {
		rc |= buf_printf(out, "      or, with no router rule for the gateway, the server %s (%s):\n", consumer->who,
				 exposure_title(consumer->mode));
		rc |= command(consumer_kubeconfig, provider_kubeconfig, "Consumer", consumer, has_gateway, out);
	}
	return rc;
}

static int endpoint_fields(const struct gateway_side *here, struct buf *out)
{
	int rc = buf_printf(out, "    Declarative peering with the gateway server here: GatewayServer spec.endpoint "
			    "{serviceType: %s, port: %d", node_port_type(here) ? "NodePort" : "LoadBalancer",
			    PEERING_DEFAULT_GATEWAY_PORT);
	if (node_port_type(here) && here->node_port[0])
		rc |= buf_printf(out, ", nodePort: %s", here->node_port);
	if (here->mode == EXPOSE_LOADBALANCER && here->load_balancer_ip)
		rc |= buf_printf(out, ", loadBalancerIP: %s", here->load_balancer_ip);
	rc |= buf_puts(out, "}; the peer's GatewayClient spec.endpoint {addresses: [");
	if (forwarded(here))
		rc |= buf_printf(out, "%s], port: %s", here->address, here->public_port);
	else if (node_port_type(here))
		rc |= buf_printf(out, "NODE_ADDRESS], port: %s", here->node_port[0] ? here->node_port : "NODE_PORT");
	else
		rc |= buf_printf(out, "%s], port: %d", here->load_balancer_ip ? here->load_balancer_ip : "LOAD_BALANCER_ADDRESS",
				 PEERING_DEFAULT_GATEWAY_PORT);
	return rc | buf_puts(out, ", protocol: UDP}\n");
}

int peering_gateway_line(const struct plan *plan, bool has_gateway, struct buf *out)
{
	int rc = buf_printf(out, "  %-16s %s: ", component_title(COMP_GATEWAY), exposure_title(plan->modes[COMP_GATEWAY]));
	if (!has_gateway)
		return rc | buf_puts(out, "no WgGatewayServerTemplate wireguard-server in the input (networking "
				     "disabled): no tunnel to expose\n");
	return rc | buf_puts(out, "no Service in the render; each peering whose gateway server runs here makes one "
			     "from WgGatewayServerTemplate wireguard-server, as the peering plan below sets it\n");
}

int peering_nat_rules(const struct plan *plan, bool has_gateway, struct buf *out)
{
	bool api = plan->modes[COMP_API_SERVER] == EXPOSE_PORT_FORWARD;
	bool gateway = has_gateway && plan->modes[COMP_GATEWAY] == EXPOSE_NODEPORT_FORWARDED;
	if (!api && !gateway)
		return 0;
	int rc = buf_puts(out, "  Port-forwarding rules for the NAT router in front of this cluster:\n");
	if (api)
		rc |= buf_printf(out, "    TCP %s:%ld -> the control plane's IP:6443 (API server, while this cluster is a "
				 "provider; or peer with liqoctl peer --in-band, which needs no rule, only the chart's "
				 "proxy, enabled by default)\n", plan->public_address, plan->api_server_public_port);
	if (gateway)
		rc |= buf_printf(out, "    UDP %s:%ld -> any node's IP:%ld (gateway server, while it runs here)\n",
				 plan->public_address, plan->gateway_public_port, plan->gateway_node_port);
	return rc;
}

int peering_plan_render(const struct plan *plan, bool has_gateway, struct buf *out)
{
	struct gateway_side here, peer;
	this_side(plan, &here);
	peer_side(plan, &peer);
	int rc = buf_puts(out, "  Peering plan: liqoctl peer runs once per peering, on the consumer's side; the first "
			  "peering between the two clusters sets up the tunnel and a reverse peering reuses it, so "
			  "the first one's gateway flags decide where the gateway server runs\n");
	rc |= direction("This cluster as provider (the peer must reach its API server)", "PEER_KUBECONFIG",
			"THIS_KUBECONFIG", &here, &peer, has_gateway, out);
	rc |= direction("This cluster as consumer", "THIS_KUBECONFIG", "PEER_KUBECONFIG", &peer, &here, has_gateway, out);
	if (has_gateway)
		rc |= endpoint_fields(&here, out);
	return rc < 0 ? -1 : 0;
}
