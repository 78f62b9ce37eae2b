/* See explain.h. */
#include "explain.h"

#include <stdio.h>
#include <string.h>

#include "peering.h"
#include "reach.h"
#include "yamlquery.h"

static const char *service_name(const struct scenario *sc, enum slot slot)
{
	return object_name(sc->inv->slots[slot].root);
}

static const char *service_port(const struct scenario *sc, enum slot slot)
{
	const struct ynode *ports = ymap_get(ymap_get(sc->inv->slots[slot].root, "spec"), "ports");
	const struct ynode *port = ports && ports->kind == YN_SEQ ? ymap_get(ports->first, "port") : NULL;
	return port && port->kind == YN_SCALAR ? port->text : "?";
}

/* An address as it is written before ":PORT": an IPv6 address in brackets. */
static const char *with_port(const char *address, char *out, size_t size)
{
	if (!strchr(address, ':'))
		return address;
	snprintf(out, size, "[%s]", address);
	return out;
}

static int service_line(const struct scenario *sc, const struct reach *r, struct buf *out, enum component c,
			enum slot slot, long node_port, const char *protocol)
{
	const struct endpoint *peers_use = &r->endpoints[c];
	const struct plan *p = sc->plan;
	enum exposure mode = p->modes[c];
	int rc = buf_printf(out, "  %-16s %s: Service %s ", component_title(c), exposure_title(mode),
			    service_name(sc, slot));
	char pinned[48], host[520];
	snprintf(pinned, sizeof(pinned), node_port ? "node port %ld" : "a node port Kubernetes picks", node_port);
	switch (mode) {
	case EXPOSE_LOADBALANCER:
		return rc | buf_printf(out, "type LoadBalancer; peers use its external address, port %s/%s\n",
				       service_port(sc, slot), protocol);
	case EXPOSE_INGRESS:
		return rc | buf_printf(out, "type ClusterIP behind an Ingress (class %s) that speaks %s to the auth server "
				       "(%s); peers use https://%s:%ld\n", p->ingress_class ? p->ingress_class : "default",
				       sc->auth_tls ? "HTTPS" : "plain HTTP",
				       sc->auth_tls ? "it serves TLS: --enable-tls" : "it serves no TLS: no --enable-tls",
				       peers_use->address, peers_use->port);
	case EXPOSE_NODEPORT:
		return rc | buf_printf(out, "type NodePort, %s; peers use any node's IP on it (%s)\n", pinned, protocol);
	default:
		return rc | buf_printf(out, "type NodePort, %s; peers use %s:%ld (%s)\n", pinned,
				       with_port(peers_use->address, host, sizeof(host)), peers_use->port, peers_use->protocol);
	}
}

static int api_line(const struct scenario *sc, struct buf *out)
{
	const struct plan *p = sc->plan;
	enum exposure mode = p->modes[COMP_API_SERVER];
	int rc = buf_printf(out, "  %-16s %s: ", component_title(COMP_API_SERVER), exposure_title(mode));
	if (p->advertise[0])
		rc |= buf_printf(out, "peers use %s", p->advertise);
	else if (mode == EXPOSE_PROVIDED)
		rc |= buf_puts(out, "nothing advertised, so Liqo falls back to the first control-plane node's "
			       "address on port 6443, which a managed cloud cluster does not have: pass "
			       "--api-server-address");
	else
		rc |= buf_puts(out, "peers use the API server's own address on the LAN");
	if (mode == EXPOSE_INGRESS)
		rc |= buf_printf(out, " through an Ingress in namespace default with TLS passthrough (class %s; "
				 "nginx needs --enable-ssl-passthrough)", p->ingress_class ? p->ingress_class : "default");
	return rc | buf_puts(out, "\n");
}

/* What each router rule is for: on Liqo v1 the API server needs its rule
 * only while this cluster is a provider, and the gateway only while its
 * server runs here. */
static const char *rule_purpose(enum component c, bool peering_plan)
{
	switch (c) {
	case COMP_AUTH: return "auth server";
	case COMP_API_SERVER:
		return peering_plan ? "API server, while this cluster is a provider; or peer with liqoctl peer --in-band, "
				      "which needs no rule, only the chart's proxy, enabled by default" : "API server";
	default: return peering_plan ? "gateway server, while it runs here" : "network gateway";
	}
}

static int nat_rules(const struct reach *r, bool peering_plan, struct buf *out)
{
	if (r->forward_count == 0)
		return 0;
	int rc = buf_puts(out, "  Port-forwarding rules for the NAT router in front of this cluster:\n");
	for (size_t i = 0; i < r->forward_count; i++) {
		const struct port_forward *f = &r->forwards[i];
		char host[520];
		rc |= buf_printf(out, "    %s %s:%ld -> %s:%ld (%s)\n", f->protocol,
				 with_port(f->public_address, host, sizeof(host)), f->public_port,
				 f->target == FORWARD_TO_ANY_NODE ? "any node's IP" : "the control plane's IP",
				 f->target_port, rule_purpose(f->component, peering_plan));
	}
	return rc;
}

/* Peers that dial a public IP, a forwarded port or an Ingress passing TLS
 * through check the API server's own certificate against that name. */
static int certificate_note(const struct plan *p, const struct reach *r, struct buf *out)
{
	enum exposure mode = p->modes[COMP_API_SERVER];
	bool reached_by_name = mode == EXPOSE_PUBLIC_IP || mode == EXPOSE_PORT_FORWARD || mode == EXPOSE_INGRESS;
	if (!reached_by_name || !r->known[COMP_API_SERVER])
		return 0;
	return buf_printf(out, "  The API server's certificate must list %s as a subject alternative name "
			  "(kubeadm --apiserver-cert-extra-sans, k3s --tls-san)\n", r->endpoints[COMP_API_SERVER].address);
}

static int auth_absent_line(struct buf *out)
{
	return buf_printf(out, "  %-16s none: Liqo v1 has no auth server (peering authenticates through the API "
			  "servers)\n", component_title(COMP_AUTH));
}

int explain_render(const struct scenario *sc, struct buf *out)
{
	const struct plan *p = sc->plan;
	const struct column *col = &p->profile->columns[p->column];
	bool peering_plan = sc->gen->gateway_address.home == HOME_PEERING_PLAN;
	bool has_gateway = sc->inv->slots[SLOT_GATEWAY_TEMPLATE].doc != NULL;
	struct reach reach;
	reach_compute(sc, &reach);
	int rc = buf_printf(out, "Scenario %s, cluster %c (%s), Liqo v%d.%d.%d\n", p->profile->name, 'A' + p->column,
			    col->title, sc->version.major, sc->version.minor, sc->version.patch);
	if (sc->gen->auth_server)
		rc |= service_line(sc, &reach, out, COMP_AUTH, SLOT_AUTH_SERVICE, p->auth_node_port, "TCP");
	else
		rc |= auth_absent_line(out);
	rc |= api_line(sc, out);
	if (peering_plan)
		rc |= peering_gateway_line(p, has_gateway, out);
	else
		rc |= service_line(sc, &reach, out, COMP_GATEWAY, SLOT_GATEWAY_SERVICE, p->gateway_node_port, "UDP");
	rc |= certificate_note(p, &reach, out) | nat_rules(&reach, peering_plan, out);
	if (peering_plan)
		rc |= peering_plan_render(p, has_gateway, out);
	rc |= lb_explain(sc, out);
	return rc < 0 ? -1 : 0;
}
