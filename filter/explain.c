/* See explain.h. */
#include "explain.h"

#include <stdio.h>
#include <string.h>

#include "peering.h"

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

static int service_line(const struct scenario *sc, struct buf *out, enum component c, enum slot slot,
			long node_port, long public_port, const char *protocol)
{
	const struct plan *p = sc->plan;
	enum exposure mode = p->modes[c];
	int rc = buf_printf(out, "  %-16s %s: Service %s ", component_title(c), exposure_title(mode),
			    service_name(sc, slot));
	char pinned[48];
	snprintf(pinned, sizeof(pinned), node_port ? "node port %ld" : "a node port Kubernetes picks", node_port);
	switch (mode) {
	case EXPOSE_LOADBALANCER:
		return rc | buf_printf(out, "type LoadBalancer; peers use its external address, port %s/%s\n",
				       service_port(sc, slot), protocol);
	case EXPOSE_INGRESS:
		return rc | buf_printf(out, "type ClusterIP behind an Ingress (class %s); peers use https://%s:443\n",
				       p->ingress_class ? p->ingress_class : "default", p->auth_host);
	case EXPOSE_NODEPORT:
		return rc | buf_printf(out, "type NodePort, %s; peers use any node's IP on it (%s)\n", pinned, protocol);
	default:
		return rc | buf_printf(out, "type NodePort, %s; peers use %s:%ld (%s)\n", pinned, p->public_address,
				       public_port, protocol);
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

static int nat_rules(const struct scenario *sc, struct buf *out)
{
	const struct plan *p = sc->plan;
	bool auth = p->modes[COMP_AUTH] == EXPOSE_NODEPORT_FORWARDED;
	bool api = p->modes[COMP_API_SERVER] == EXPOSE_PORT_FORWARD;
	bool gateway = p->modes[COMP_GATEWAY] == EXPOSE_NODEPORT_FORWARDED;
	if (!auth && !api && !gateway)
		return 0;
	int rc = buf_puts(out, "  Port-forwarding rules for the NAT router in front of this cluster:\n");
	if (auth)
		rc |= buf_printf(out, "    TCP %s:%ld -> any node's IP:%ld (auth server)\n", p->public_address,
				 p->auth_public_port, p->auth_node_port);
	if (api)
		rc |= buf_printf(out, "    TCP %s:%ld -> the control plane's IP:6443 (API server)\n", p->public_address,
				 p->api_server_public_port);
	if (gateway)
		rc |= buf_printf(out, "    UDP %s:%ld -> any node's IP:%ld (network gateway)\n", p->public_address,
				 p->gateway_public_port, p->gateway_node_port);
	return rc;
}

/* The host part of an advertised URL: [https://]HOST[:PORT], HOST maybe [IPv6]. */
static void url_host(const char *url, char *host, size_t size)
{
	const char *from = strncmp(url, "https://", 8) == 0 ? url + 8 : url;
	size_t len = strlen(from);
	if (from[0] == '[') {
		const char *close = strchr(from, ']');
		len = close ? (size_t)(close - from - 1) : len;
		from++;
	} else {
		const char *colon = strchr(from, ':');
		len = colon ? (size_t)(colon - from) : len;
	}
	snprintf(host, size, "%.*s", (int)len, from);
}

/* Peers that dial a public IP, a forwarded port or an Ingress passing TLS
 * through check the API server's own certificate against that name. */
static int certificate_note(const struct plan *p, struct buf *out)
{
	enum exposure mode = p->modes[COMP_API_SERVER];
	bool reached_by_name = mode == EXPOSE_PUBLIC_IP || mode == EXPOSE_PORT_FORWARD || mode == EXPOSE_INGRESS;
	if (!reached_by_name || !p->advertise[0])
		return 0;
	char host[512];
	url_host(p->advertise, host, sizeof(host));
	return buf_printf(out, "  The API server's certificate must list %s as a subject alternative name "
			  "(kubeadm --apiserver-cert-extra-sans, k3s --tls-san)\n", host);
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
	int rc = buf_printf(out, "Scenario %s, cluster %c (%s), Liqo v%d.%d.%d\n", p->profile->name, 'A' + p->column,
			    col->title, sc->version.major, sc->version.minor, sc->version.patch);
	if (sc->gen->auth_server)
		rc |= service_line(sc, out, COMP_AUTH, SLOT_AUTH_SERVICE, p->auth_node_port, p->auth_public_port, "TCP");
	else
		rc |= auth_absent_line(out);
	rc |= api_line(sc, out);
	if (peering_plan)
		rc |= peering_gateway_line(p, has_gateway, out);
	else
		rc |= service_line(sc, out, COMP_GATEWAY, SLOT_GATEWAY_SERVICE, p->gateway_node_port,
				   p->gateway_public_port, "UDP");
	rc |= certificate_note(p, out);
	if (peering_plan)
		rc |= peering_nat_rules(p, has_gateway, out) | peering_plan_render(p, has_gateway, out);
	else
		rc |= nat_rules(sc, out);
	rc |= lb_explain(sc, out);
	return rc < 0 ? -1 : 0;
}
