/* See peering.h. Flag names and defaults are those of `liqoctl peer` in
 * Liqo v1.0 to v1.2 (docs: liqoctl_peer.md, nat.md, peering-via-cr.md). */
#include "peering.h"

#include <stdio.h>

#include "escape.h"
#include "yamlquery.h"

static bool forwarded(const struct gateway_side *side)
{
	return side->mode == EXPOSE_NODEPORT_FORWARDED;
}

static bool node_port_type(const struct gateway_side *side)
{
	return side->mode == EXPOSE_NODEPORT || side->mode == EXPOSE_NODEPORT_FORWARDED;
}

/* Liqo writes a "?key" field only when the peering gives it a value. */
static bool has_field(const struct ynode *map, const char *key)
{
	char optional[64];
	snprintf(optional, sizeof(optional), "?%s", key);
	return ymap_get(map, key) || ymap_get(map, optional);
}

void peering_template_read(const struct ynode *template, struct peering_template *out)
{
	const struct ynode *spec = ymap_get(
		ymap_get(ymap_get(ymap_get(ymap_get(template, "spec"), "template"), "spec"), "service"), "spec");
	const struct ynode *ports = ymap_get(spec, "ports");
	const struct ynode *first = ports && ports->kind == YN_SEQ ? ports->first : NULL;
	out->node_port = has_field(first, "nodePort");
	out->load_balancer_ip = has_field(spec, "loadBalancerIP");
}

static void this_side(const struct plan *plan, const char *load_balancer_ip, const struct peering_template *fields,
		      struct gateway_side *side)
{
	side->mode = plan->modes[COMP_GATEWAY];
	side->who = "here";
	side->node_port[0] = '\0';
	if (plan->gateway_node_port)
		snprintf(side->node_port, sizeof(side->node_port), "%ld", plan->gateway_node_port);
	side->address = plan->public_address ? plan->public_address : "";
	snprintf(side->public_port, sizeof(side->public_port), "%ld", plan->gateway_public_port);
	side->port[0] = '\0';
	if (plan->gateway_port)
		snprintf(side->port, sizeof(side->port), "%ld", plan->gateway_port);
	side->load_balancer_ip = load_balancer_ip;
	side->fields = fields;
}

static void peer_side(const struct plan *plan, struct gateway_side *side)
{
	const struct cell *cell = &plan->profile->columns[1 - plan->column].cells[COMP_GATEWAY];
	side->mode = cell->choices[0];
	side->who = "on the peer";
	bool fwd = forwarded(side);
	snprintf(side->node_port, sizeof(side->node_port), "%s", fwd ? "PEER_GATEWAY_NODE_PORT" : "");
	side->address = "PEER_PUBLIC_ADDRESS";
	snprintf(side->public_port, sizeof(side->public_port), "PEER_GATEWAY_PUBLIC_PORT");
	side->port[0] = '\0';
	side->load_balancer_ip = NULL;
	side->fields = NULL;
}

static void add(struct peering_command *cmd, const char *flag, const char *value)
{
	cmd->args[cmd->arg_count++] = flag;
	cmd->args[cmd->arg_count++] = value;
}

static const char node_port_left_out[] =
	"no --gw-server-service-nodeport: this render's WgGatewayServerTemplate wireguard-server has no nodePort "
	"or ?nodePort in spec.template.spec.service.spec.ports[0], so liqoctl peer refuses the flag; Kubernetes "
	"picks the gateway's node port, and a router rule must target the one the peering's Service gets";
static const char load_balancer_ip_left_out[] =
	"no --gw-server-service-loadbalancerip: this render's WgGatewayServerTemplate wireguard-server has no "
	"loadBalancerIP or ?loadBalancerIP in spec.template.spec.service.spec, so liqoctl peer refuses the flag; "
	"the load balancer picks the address";

/* Whether the server's template takes a field; the peer's is assumed to. */
static bool takes_node_port(const struct gateway_side *server)
{
	return !server->fields || server->fields->node_port;
}

static bool takes_load_balancer_ip(const struct gateway_side *server)
{
	return !server->fields || server->fields->load_balancer_ip;
}

static void flag_or_reason(struct peering_command *cmd, bool taken, const char *flag, const char *value,
			   const char *reason)
{
	if (taken)
		add(cmd, flag, value);
	else
		cmd->left_out[cmd->left_out_count++] = reason;
}

/* `location`: where the gateway server goes when not on the provider. */
static void command(struct peering_command *cmd, const char *role, const char *consumer, const char *provider,
		    const char *location, const struct gateway_side *server, bool has_gateway)
{
	*cmd = (struct peering_command){.role = role, .server = has_gateway ? server : NULL, .alternative = location != NULL};
	add(cmd, "--kubeconfig", consumer);
	add(cmd, "--remote-kubeconfig", provider);
	if (!has_gateway) {
		cmd->args[cmd->arg_count++] = "--networking-disabled";
		return;
	}
	if (location)
		add(cmd, "--gw-server-service-location", location);
	/* The flags that shape the gateway server's Service and what clients dial. */
	if (node_port_type(server))
		add(cmd, "--gw-server-service-type", "NodePort");
	if (server->port[0])
		add(cmd, "--gw-server-service-port", server->port);
	if (node_port_type(server) && server->node_port[0])
		flag_or_reason(cmd, takes_node_port(server), "--gw-server-service-nodeport", server->node_port,
			       node_port_left_out);
	if (forwarded(server)) {
		add(cmd, "--gw-client-address", server->address);
		add(cmd, "--gw-client-port", server->public_port);
	}
	if (server->mode == EXPOSE_LOADBALANCER && server->load_balancer_ip)
		flag_or_reason(cmd, takes_load_balancer_ip(server), "--gw-server-service-loadbalancerip",
			       server->load_balancer_ip, load_balancer_ip_left_out);
}

/* provider and consumer: the two sides in this direction; the gateway
 * server runs on the provider unless --gw-server-service-location Consumer. */
static void direction(struct peering_plan *out, const char *role, const char *consumer_kubeconfig,
		      const char *provider_kubeconfig, const struct gateway_side *provider,
		      const struct gateway_side *consumer)
{
	command(&out->commands[out->count++], role, consumer_kubeconfig, provider_kubeconfig, NULL, provider,
		out->has_gateway);
	if (out->has_gateway && forwarded(provider) && !forwarded(consumer))
		command(&out->commands[out->count++], role, consumer_kubeconfig, provider_kubeconfig, "Consumer",
			consumer, out->has_gateway);
}

void peering_plan_make(const struct plan *plan, const struct ynode *template, const char *load_balancer_ip,
		       struct peering_plan *out)
{
	out->has_gateway = template != NULL;
	out->count = 0;
	peering_template_read(template, &out->fields);
	this_side(plan, load_balancer_ip, &out->fields, &out->here);
	peer_side(plan, &out->peer);
	direction(out, "provider", "PEER_KUBECONFIG", "THIS_KUBECONFIG", &out->here, &out->peer);
	direction(out, "consumer", "THIS_KUBECONFIG", "PEER_KUBECONFIG", &out->peer, &out->here);
}

static int print_command(const struct peering_command *cmd, struct buf *out)
{
	int rc = buf_puts(out, "      liqoctl peer");
	for (size_t i = 0; i < cmd->arg_count; i++)
		rc |= buf_printf(out, " %s", cmd->args[i]);
	rc |= buf_puts(out, "\n");
	for (size_t i = 0; i < cmd->left_out_count; i++)
		rc |= buf_printf(out, "      (%s)\n", cmd->left_out[i]);
	return rc;
}

static int print_direction(const struct peering_plan *pp, const struct peering_command *cmd, struct buf *out)
{
	bool provider = cmd->role[0] == 'p';
	int rc = buf_printf(out, "    %s", provider ? "This cluster as provider (the peer must reach its API server)"
						: "This cluster as consumer");
	if (pp->has_gateway)
		rc |= buf_printf(out, "; the gateway server runs %s (%s)", cmd->server->who,
				 exposure_title(cmd->server->mode));
	rc |= buf_puts(out, ":\n");
	return rc | print_command(cmd, out);
}

static int print_alternative(const struct peering_command *cmd, struct buf *out)
{
	int rc = buf_printf(out, "      or, with no router rule for the gateway, the server %s (%s):\n", cmd->server->who,
			    exposure_title(cmd->server->mode));
	return rc | print_command(cmd, out);
}

static int endpoint_fields(const struct gateway_side *here, struct buf *out)
{
	const char *port = here->port[0] ? here->port : NULL;
	int rc = buf_printf(out, "    Declarative peering with the gateway server here: GatewayServer spec.endpoint "
			    "{serviceType: %s, port: ", node_port_type(here) ? "NodePort" : "LoadBalancer");
	rc |= port ? buf_puts(out, port) : buf_printf(out, "%d", PEERING_DEFAULT_GATEWAY_PORT);
	bool pinned = node_port_type(here) && here->node_port[0] && takes_node_port(here);
	if (pinned)
		rc |= buf_printf(out, ", nodePort: %s", here->node_port);
	bool fixed_ip = here->mode == EXPOSE_LOADBALANCER && here->load_balancer_ip && takes_load_balancer_ip(here);
	if (fixed_ip)
		rc |= buf_printf(out, ", loadBalancerIP: %s", here->load_balancer_ip);
	rc |= buf_puts(out, "}; the peer's GatewayClient spec.endpoint {addresses: [");
	if (forwarded(here))
		rc |= buf_printf(out, "%s], port: %s", here->address, here->public_port);
	else if (node_port_type(here))
		rc |= buf_printf(out, "NODE_ADDRESS], port: %s", pinned ? here->node_port : "NODE_PORT");
	else if (port)
		rc |= buf_printf(out, "%s], port: %s", fixed_ip ? here->load_balancer_ip : "LOAD_BALANCER_ADDRESS", port);
	else
		rc |= buf_printf(out, "%s], port: %d", fixed_ip ? here->load_balancer_ip : "LOAD_BALANCER_ADDRESS",
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

/* What every peering may need beyond its gateway flags. */
static int peering_options(bool has_gateway, struct buf *out)
{
	if (!has_gateway)
		return buf_puts(out, "    In-band: not available: liqoctl peer --in-band reaches the provider's API server "
				"through the tunnel, which a render without networking does not have\n");
	int rc = buf_printf(out, "    MTU: liqoctl peer --mtu (%d unless given) is the tunnel's on both gateways; across a "
				 "NAT or a VPN that adds its own headers give a lower one, the same for both directions "
				 "(a declarative GatewayServer and GatewayClient need spec.mtu: it has no default)\n",
				 PEERING_DEFAULT_MTU);
	return rc | buf_puts(out, "    In-band: liqoctl peer --in-band reaches the provider's API server through the tunnel "
			     "and the chart's API server proxy, so the network must be up first (liqoctl peer sets it up "
			     "before authenticating; not with --networking-disabled), and the host running liqoctl must "
			     "still reach both API servers for the whole command\n");
}

int peering_plan_render(const struct plan *plan, const struct ynode *template, const char *load_balancer_ip,
			struct buf *out)
{
	struct peering_plan pp;
	peering_plan_make(plan, template, load_balancer_ip, &pp);
	int rc = buf_puts(out, "  Peering plan: liqoctl peer runs once per peering, on the consumer's side; the first "
			  "peering between the two clusters sets up the tunnel and a reverse peering reuses it, so "
			  "the first one's gateway flags decide where the gateway server runs\n");
	for (size_t i = 0; i < pp.count; i++)
		rc |= pp.commands[i].alternative ? print_alternative(&pp.commands[i], out)
						 : print_direction(&pp, &pp.commands[i], out);
	if (pp.has_gateway)
		rc |= endpoint_fields(&pp.here, out);
	rc |= peering_options(pp.has_gateway, out);
	return rc < 0 ? -1 : 0;
}

int peering_left_out_notes(const struct plan *plan, const struct ynode *template, const char *load_balancer_ip,
			   struct buf *notes)
{
	struct peering_plan pp;
	peering_plan_make(plan, template, load_balancer_ip, &pp);
	const char *said[PEERING_MAX_LEFT_OUT] = {NULL};
	size_t said_count = 0;
	int rc = 0;
	for (size_t i = 0; i < pp.count; i++)
		for (size_t j = 0; j < pp.commands[i].left_out_count; j++) {
			const char *reason = pp.commands[i].left_out[j];
			bool again = false;
			for (size_t k = 0; k < said_count; k++)
				again |= said[k] == reason;
			if (again || said_count == PEERING_MAX_LEFT_OUT)
				continue;
			said[said_count++] = reason;
			rc |= note_printf(notes, "the peering plan has %s\n", reason);
		}
	return rc < 0 ? -1 : 0;
}
