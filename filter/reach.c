/* See reach.h. */
#include "reach.h"

#include <stdlib.h>
#include <string.h>

const char *forward_target_name(enum forward_target t)
{
	return t == FORWARD_TO_ANY_NODE ? "any-node" : "control-plane";
}

/* An advertised URL, [https://]HOST[:PORT] with HOST maybe [IPv6], as the
 * endpoint peers dial: without a port, HTTPS's. */
static void url_endpoint(const char *url, struct endpoint *e)
{
	const char *from = strncmp(url, "https://", 8) == 0 ? url + 8 : url;
	size_t len = strlen(from);
	const char *after = from + len;
	if (from[0] == '[') {
		const char *close = strchr(from, ']');
		len = close ? (size_t)(close - from - 1) : len - 1;
		after = close ? close + 1 : after;
		from++;
	} else {
		const char *colon = strchr(from, ':');
		len = colon ? (size_t)(colon - from) : len;
		after = colon ? colon : after;
	}
	e->address = from;
	e->address_len = len;
	e->port_implied = after[0] != ':';
	e->port = e->port_implied ? 443 : strtol(after + 1, NULL, 10);
	e->protocol = "TCP";
}

static void set(struct reach *r, enum component c, const char *address, long port, const char *protocol)
{
	r->known[c] = true;
	r->endpoints[c].address = address;
	r->endpoints[c].address_len = strlen(address);
	r->endpoints[c].port = port;
	r->endpoints[c].protocol = protocol;
}

static void forward(struct reach *r, const struct plan *p, enum component c, const char *protocol, long public_port,
		    enum forward_target target, long target_port)
{
	r->forwards[r->forward_count++] = (struct port_forward){c, protocol, p->public_address, public_port, target,
							      target_port};
}

/* A Service's cell: an Ingress host, or a NAT's forwarded port. */
static void service_reach(struct reach *r, const struct plan *p, enum component c, long public_port,
			  const char *protocol)
{
	if (p->modes[c] == EXPOSE_INGRESS)
		set(r, c, p->auth_host, 443, "TCP");
	else if (p->modes[c] == EXPOSE_NODEPORT_FORWARDED)
		set(r, c, p->public_address, public_port, protocol);
}

void reach_compute(const struct plan *p, const struct inventory *inv, struct reach *out)
{
	/* A gateway made per peering exists, and needs its rule, only where the
	 * render holds its template. */
	bool auth = generation_reaches(p->gen, inv, COMP_AUTH);
	bool gateway = generation_reaches(p->gen, inv, COMP_GATEWAY);
	memset(out, 0, sizeof(*out));
	if (auth)
		service_reach(out, p, COMP_AUTH, p->auth_public_port, "TCP");
	if (p->advertise) {
		url_endpoint(p->advertise, &out->endpoints[COMP_API_SERVER]);
		out->known[COMP_API_SERVER] = true;
	}
	if (gateway)
		service_reach(out, p, COMP_GATEWAY, p->gateway_public_port, "UDP");
	if (auth && p->modes[COMP_AUTH] == EXPOSE_NODEPORT_FORWARDED)
		forward(out, p, COMP_AUTH, "TCP", p->auth_public_port, FORWARD_TO_ANY_NODE, p->auth_node_port);
	if (p->modes[COMP_API_SERVER] == EXPOSE_PORT_FORWARD)
		forward(out, p, COMP_API_SERVER, "TCP", p->api_server_public_port, FORWARD_TO_CONTROL_PLANE, 6443);
	if (gateway && p->modes[COMP_GATEWAY] == EXPOSE_NODEPORT_FORWARDED)
		forward(out, p, COMP_GATEWAY, "UDP", p->gateway_public_port, FORWARD_TO_ANY_NODE, p->gateway_node_port);
}
