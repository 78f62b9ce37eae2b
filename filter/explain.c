/* See explain.h. */
#include "explain.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "peering.h"
#include "reach.h"
#include "yamlquery.h"

static const char *service_name(const struct outcome *run, enum slot slot)
{
	return object_name(run->inv->slots[slot].root);
}

static const char *service_port(const struct outcome *run, enum slot slot)
{
	const struct ynode *ports = ymap_get(ymap_get(run->inv->slots[slot].root, "spec"), "ports");
	const struct ynode *port = ports && ports->kind == YN_SEQ ? ymap_get(ports->first, "port") : NULL;
	return port && port->kind == YN_SCALAR ? port->text : "?";
}

/* ADDRESS:PORT, an IPv6 address in brackets. */
static int put_host_port(struct buf *out, const char *address, size_t len, long port)
{
	bool v6 = memchr(address, ':', len) != NULL;
	return escaped_printf(out, "%s%.*s%s:%ld", v6 ? "[" : "", (int)len, address, v6 ? "]" : "", port);
}

static int service_line(const struct outcome *run, const struct reach *r, struct buf *out, enum component c,
			enum slot slot, long node_port, const char *protocol)
{
	const struct endpoint *peers_use = &r->endpoints[c];
	const struct plan *p = run->plan;
	enum exposure mode = p->modes[c];
	int rc = escaped_printf(out, "  %-16s %s: Service %s ", component_title(c), exposure_title(mode),
			    service_name(run, slot));
	char pinned[48];
	snprintf(pinned, sizeof(pinned), node_port ? "node port %ld" : "a node port Kubernetes picks", node_port);
	switch (mode) {
	case EXPOSE_LOADBALANCER:
		return rc | escaped_printf(out, "type LoadBalancer; peers use its external address, port %s/%s\n",
				       service_port(run, slot), protocol);
	case EXPOSE_INGRESS:
		return rc | escaped_printf(out, "type ClusterIP behind an Ingress (class %s) that speaks %s to the auth server "
				       "(%s); peers use https://%.*s:%ld\n", p->ingress_class ? p->ingress_class : "default",
				       run->auth_tls ? "HTTPS" : "plain HTTP",
				       run->auth_tls ? "it serves TLS: --enable-tls" : "it serves no TLS: no --enable-tls",
				       (int)peers_use->address_len, peers_use->address, peers_use->port);
	case EXPOSE_NODEPORT:
		return rc | escaped_printf(out, "type NodePort, %s; peers use any node's IP on it (%s)\n", pinned, protocol);
	default:
		rc |= escaped_printf(out, "type NodePort, %s; peers use ", pinned);
		rc |= put_host_port(out, peers_use->address, peers_use->address_len, peers_use->port);
		return rc | escaped_printf(out, " (%s)\n", peers_use->protocol);
	}
}

static int api_line(const struct outcome *run, struct buf *out)
{
	const struct plan *p = run->plan;
	enum exposure mode = p->modes[COMP_API_SERVER];
	int rc = escaped_printf(out, "  %-16s %s: ", component_title(COMP_API_SERVER), exposure_title(mode));
	const struct endpoint *dialled = &run->reach.endpoints[COMP_API_SERVER];
	if (p->advertise)
		rc |= escaped_printf(out, "peers use %s (TCP port %ld%s)", p->advertise, dialled->port,
				 dialled->port_implied ? ", HTTPS's, as the address names none" : "");
	else if (mode == EXPOSE_PROVIDED)
		rc |= buf_puts(out, "nothing advertised, so Liqo falls back to the first control-plane node's "
			       "address on port 6443, which a managed cloud cluster does not have: pass "
			       "--api-server-address");
	else
		rc |= buf_puts(out, "peers use the API server's own address on the LAN");
	if (mode == EXPOSE_INGRESS)
		rc |= escaped_printf(out, " through an Ingress in namespace default with TLS passthrough (class %s; "
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

/* fixed_gateway_port: a gateway made per peering can have its node port
 * pinned (its template has the field); else the rule targets whichever
 * node port Kubernetes gives the peering's Service. */
static int nat_rules(const struct reach *r, bool peering_plan, bool fixed_gateway_port, struct buf *out)
{
	if (r->forward_count == 0)
		return 0;
	int rc = buf_puts(out, "  Port-forwarding rules for the NAT router in front of this cluster:\n");
	for (size_t i = 0; i < r->forward_count; i++) {
		const struct port_forward *f = &r->forwards[i];
		rc |= escaped_printf(out, "    %s ", f->protocol);
		rc |= put_host_port(out, f->public_address, strlen(f->public_address), f->public_port);
		rc |= escaped_printf(out, " -> %s:", f->target == FORWARD_TO_ANY_NODE ? "any node's IP" : "the control plane's IP");
		if (f->component == COMP_GATEWAY && !fixed_gateway_port)
			rc |= buf_puts(out, "the node port Kubernetes gives the peering's gateway Service");
		else
			rc |= escaped_printf(out, "%ld", f->target_port);
		rc |= escaped_printf(out, " (%s)\n", rule_purpose(f->component, peering_plan));
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
	return escaped_printf(out, "  The API server's certificate must list %.*s as a subject alternative name "
			  "(kubeadm --apiserver-cert-extra-sans, k3s --tls-san)\n", (int)r->endpoints[COMP_API_SERVER].address_len,
			  r->endpoints[COMP_API_SERVER].address);
}

/* Whether the controller manager of the input has the argument `flag`,
 * alone or with "=value". */
static bool controller_has(const struct outcome *run, const char *flag)
{
	const struct ynode *root = run->inv->slots[SLOT_CONTROLLER_MANAGER].root;
	const struct ynode *containers = ymap_get(ymap_get(ymap_get(ymap_get(root, "spec"), "template"), "spec"),
						  "containers");
	size_t n = strlen(flag);
	for (const struct ynode *c = containers && containers->kind == YN_SEQ ? containers->first : NULL; c; c = c->next) {
		const struct ynode *args = ymap_get(c, "args");
		for (const struct ynode *a = args && args->kind == YN_SEQ ? args->first : NULL; a; a = a->next)
			if (a->kind == YN_SCALAR && a->len >= n && memcmp(a->text, flag, n) == 0 &&
			    (a->len == n || a->text[n] == '='))
				return true;
	}
	return false;
}

/* The CA peers get with the API server's URL: the chart's apiServer.trustedCA
 * advertises none, apiServer.ca another one, and by default the cluster's. */
static int trusted_ca_note(const struct outcome *run, struct buf *out)
{
	const struct generation *gen = run->plan->gen;
	if (!gen->trusted_ca_argument || !run->inv->slots[SLOT_CONTROLLER_MANAGER].doc)
		return 0;
	if (controller_has(run, gen->trusted_ca_argument))
		return buf_printf(out, "  Trusted CA: %s (apiServer.trustedCA=true): peers get no CA with the API server's URL "
				  "and check its certificate against their system roots, so it must come from a public CA\n",
				  gen->trusted_ca_argument);
	if (controller_has(run, gen->ca_argument))
		return buf_printf(out, "  Trusted CA: peers get the CA of apiServer.ca (%s) with the API server's URL\n",
				  gen->ca_argument);
	return buf_puts(out, "  Trusted CA: peers get the cluster's own CA with the API server's URL; an API server whose "
			"certificate another CA signs needs apiServer.ca (a private CA) or apiServer.trustedCA=true (a "
			"public one, e.g. a proxy that terminates TLS)\n");
}

/* fields: how many of lb_fields' list the Service took (all on a
 * LoadBalancer, the traffic policy alone on a NodePort, none otherwise). */
static int service_settings(const struct lb_settings *lb, const char *title, const struct lb_service *svc,
			    size_t fields_taken, struct buf *out)
{
	struct lb_field fields[LB_FIELD_COUNT];
	lb_fields(lb, svc, fields);
	size_t start = out->len;
	int rc = escaped_printf(out, "    %s:", title);
	size_t empty = out->len;
	for (size_t i = 0; i < svc->annotation_count; i++)
		rc |= escaped_printf(out, " %s=%s;", svc->annotations[i].key, svc->annotations[i].value);
	for (size_t i = 0; i < fields_taken; i++)
		if (fields[i].value)
			rc |= escaped_printf(out, " %s %s;", fields[i].key, fields[i].value);
	if (rc < 0)
		return -1;
	if (out->len == empty) {
		out->len = start;
		return 0;
	}
	out->len--;
	return buf_puts(out, "\n");
}

static size_t fields_taken(enum exposure mode)
{
	if (mode == EXPOSE_LOADBALANCER)
		return LB_FIELD_COUNT;
	return mode == EXPOSE_NODEPORT || mode == EXPOSE_NODEPORT_FORWARDED ? 1 : 0;
}

static int settings_lines(const struct outcome *run, struct buf *lines)
{
	const struct lb_settings *lb = run->lb;
	const struct plan *p = run->plan;
	bool has_auth = generation_has(run->plan->gen, COMP_AUTH);
	int rc = 0;
	if (has_auth)
		rc |= service_settings(lb, "auth Service", &lb->auth, fields_taken(p->modes[COMP_AUTH]), lines);
	if (run->plan->gen->components[COMP_GATEWAY].per_peering) {
		struct lb_service each = lb->gateway;
		each.ip = NULL;  /* each peering's own: in the peering plan */
		bool gateway_lb = p->modes[COMP_GATEWAY] == EXPOSE_LOADBALANCER;
		rc |= service_settings(lb, "gateway server template", &each, gateway_lb ? LB_FIELD_COUNT : 0, lines);
	} else {
		rc |= service_settings(lb, "gateway Service", &lb->gateway, fields_taken(p->modes[COMP_GATEWAY]), lines);
	}
	if (has_auth && lb->s->auth_tls_issuer && p->modes[COMP_AUTH] == EXPOSE_INGRESS)
		rc |= escaped_printf(lines, "    auth Ingress: cert-manager.io/cluster-issuer=%s (cert-manager issues %s)\n",
				 lb->s->auth_tls_issuer, p->auth_tls_secret ? p->auth_tls_secret : "its TLS secret");
	return rc;
}

int explain_load_balancers(const struct outcome *run, struct buf *out)
{
	const struct lb_settings *lb = run->lb;
	if (!lb)
		return 0;
	int rc = 0;
	if (lb->has_provider)
		rc |= escaped_printf(out, "  Provider %s (%s): node ports %ld-%ld%s\n", lb->provider.name, lb->provider.title,
				 lb->node_port_min, lb->node_port_max,
				 lb->provider.load_balancers ? "" : "; no load balancers");
	else if (lb->s->node_port_range)
		rc |= escaped_printf(out, "  Node ports %ld-%ld (--node-port-range)\n", lb->node_port_min, lb->node_port_max);
	struct buf lines = {0};
	rc |= settings_lines(run, &lines);
	if (lines.len)
		rc |= buf_puts(out, "  Load-balancer settings applied:\n");
	if (lines.len)
		rc |= buf_append(out, lines.data, lines.len);
	const struct generation *gen = run->plan->gen;
	if (lines.len && gen->components[COMP_GATEWAY].per_peering)
		rc |= buf_printf(out, "    Liqo copies the template's Service annotations and every spec field into each "
				 "peering's Service; writing the load-balancer fields there only for a LoadBalancer gateway "
				 "is this program's rule. %s\n", gen->template_change_applies);
	buf_free(&lines);
	return rc < 0 ? -1 : 0;
}

static int absent_line(const struct generation *gen, enum component c, struct buf *out)
{
	return escaped_printf(out, "  %-16s none: %s\n", component_title(c), gen->components[c].absent);
}

int explain_render(const struct outcome *run, struct buf *out)
{
	const struct plan *p = run->plan;
	const struct column *col = &p->profile->columns[p->column];
	const struct generation_component *auth = &run->plan->gen->components[COMP_AUTH];
	const struct generation_component *gateway = &run->plan->gen->components[COMP_GATEWAY];
	bool peering_plan = gateway->per_peering;
	bool has_gateway = run->inv->slots[gateway->object].doc != NULL;
	const struct reach *reach = &run->reach;
	int rc = escaped_printf(out, "Scenario %s, cluster %c (%s), Liqo v%d.%d.%d\n", p->profile->name, 'A' + p->column,
			    col->title, run->version.major, run->version.minor, run->version.patch);
	if (generation_has(run->plan->gen, COMP_AUTH))
		rc |= service_line(run, reach, out, COMP_AUTH, auth->object, p->auth_node_port, "TCP");
	else
		rc |= absent_line(run->plan->gen, COMP_AUTH, out);
	rc |= api_line(run, out);
	if (peering_plan)
		rc |= peering_gateway_line(p, has_gateway, out);
	else
		rc |= service_line(run, reach, out, COMP_GATEWAY, gateway->object, p->gateway_node_port, "UDP");
	rc |= certificate_note(p, reach, out);
	rc |= trusted_ca_note(run, out);
	struct peering_template fields = {.node_port = true, .load_balancer_ip = true};
	if (peering_plan && has_gateway)
		peering_template_read(run->inv->slots[gateway->object].root, &fields);
	rc |= nat_rules(reach, peering_plan, fields.node_port, out);
	if (peering_plan)
		rc |= peering_plan_render(p, has_gateway ? run->inv->slots[gateway->object].root : NULL,
					  run->lb ? run->lb->peering_gateway_ip : NULL, out);
	rc |= explain_load_balancers(run, out);
	return rc < 0 ? -1 : 0;
}
