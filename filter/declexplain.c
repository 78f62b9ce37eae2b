/* See declexplain.h. */
#include "declexplain.h"

#include <stdio.h>

static bool is_server(const struct declaration *d, int which)
{
	return which == d->server;
}

static const char *role(const struct declaration *d, int which)
{
	return which == d->consumer ? "consumer" : "provider";
}

static int endpoint_lines(const struct declaration *d, int which, struct buf *out)
{
	const struct gateway_endpoint *e = &d->endpoint;
	int rc = 0;
	if (is_server(d, which)) {
		rc |= buf_printf(out, "  GatewayServer spec.endpoint:\n    serviceType: %s (%s; always written, as "
				 "the CRD defaults it to ClusterIP)\n    port: %ld (%s)\n", e->service_type,
				 e->service_type_from, e->port, e->port_from);
		if (e->node_port)
			rc |= buf_printf(out, "    nodePort: %ld (%s)\n", e->node_port, e->node_port_from);
		if (e->load_balancer_ip)
			rc |= buf_printf(out, "    loadBalancerIP: %s (%s)\n", e->load_balancer_ip,
					 e->load_balancer_ip_from);
		return rc;
	}
	return buf_printf(out, "  GatewayClient spec.endpoint (what the gateway server's cluster exposes):\n"
			  "    addresses: [%s] (%s)\n    port: %ld (%s)\n    protocol: UDP (WireGuard)\n",
			  e->client_address, e->client_address_from, e->client_port, e->client_port_from);
}

static int identity_lines(const struct declaration *d, int which, struct buf *out)
{
	const struct peer_end *peer = d->ends[1 - which];
	if (which == d->consumer && !d->kubeconfig)
		return buf_printf(out, "  No identity Secret (no --kubeconfig): make Secret "
				  "kubeconfig-controlplane-%s in liqo-tenant-%s with data.kubeconfig the provider's "
				  "kubeconfig (server %s), labels liqo.io/remote-cluster-id: %s and "
				  "liqo.io/identity-type: ControlPlane, annotation liqo.io/remote-tenant-namespace: "
				  "liqo-tenant-%s\n", peer->cluster_id, peer->cluster_id,
				  peer->api_server_url ? peer->api_server_url : "the provider's API server URL",
				  peer->cluster_id, d->ends[which]->cluster_id);
	int rc = 0;
	if (which != d->consumer && !version_at_least(d->ends[which]->version, 1, 1))
		rc = buf_printf(out, "  Liqo %s: a TolerateNoHandshake Tenant binds no cluster-wide role for the "
				"consumer (v1.1 and later bind the ClusterRole labelled app.kubernetes.io/name: "
				"virtual-kubelet-remote-clusterwide to the group %s); bind it where the consumer needs it\n",
				d->ends[which]->version_text, peer->cluster_id);
	if (which != d->consumer && !d->subject_kind)
		return buf_printf(out, "  No RoleBinding (no --consumer-user or --consumer-group): bind the consumer's "
				  "identity to ClusterRole %s in liqo-tenant-%s\n", d->ends[which]->remote_controlplane,
				  peer->cluster_id) | rc;
	return rc;
}

int declare_explain(const struct declaration *d, int which, const struct cluster_output *o, const char *path,
		    struct buf *out)
{
	const struct peer_end *self = d->ends[which];
	int rc = buf_printf(out, "Cluster %s (%s, Liqo %s, namespace %s): the %s; the gateway %s runs here\n"
			    "  File: %s\n", self->cluster_id, self->letter, self->version_text, self->liqo_namespace,
			    role(d, which), is_server(d, which) ? "server" : "client", path);
	for (size_t i = 0; i < o->count; i++) {
		const struct declared *r = &o->resources[i];
		rc |= buf_printf(out, "  %s %s%s%s: %s\n", r->kind, r->namespace, r->namespace[0] ? "/" : "", r->name,
				 r->purpose);
	}
	const struct peer_end *peer = d->ends[1 - which];
	rc |= buf_printf(out, "  Configuration: the peer's pod CIDRs (%s), external CIDR %s (%s)\n",
			 peer->pod_cidrs_from, peer->external_cidr.text, peer->external_cidr.from);
	rc |= endpoint_lines(d, which, out);
	rc |= buf_printf(out, "  mtu: %ld (%s); secretRef: %s (the keys Secret, made apart and kept out of Git)\n",
			 d->mtu, d->mtu_from, d->keys_secret);
	return (rc | identity_lines(d, which, out)) < 0 ? -1 : 0;
}

static void field_text(struct json_writer *w, const char *field, const char *value, const char *from)
{
	json_begin_object(w, NULL);
	json_string(w, "field", field);
	json_string(w, "value", value);
	json_string(w, "from", from);
	json_end(w, '}');
}

static void field_number(struct json_writer *w, const char *field, long value, const char *from)
{
	json_begin_object(w, NULL);
	json_string(w, "field", field);
	json_number(w, "value", value);
	json_string(w, "from", from);
	json_end(w, '}');
}

/* Each spec.endpoint field written, with what decided it. */
static void endpoint_json(const struct declaration *d, int which, struct json_writer *w)
{
	const struct gateway_endpoint *e = &d->endpoint;
	json_begin_object(w, "endpoint");
	json_string(w, "kind", is_server(d, which) ? "GatewayServer" : "GatewayClient");
	json_begin_array(w, "fields");
	if (is_server(d, which)) {
		field_text(w, "serviceType", e->service_type, e->service_type_from);
		field_number(w, "port", e->port, e->port_from);
		if (e->node_port)
			field_number(w, "nodePort", e->node_port, e->node_port_from);
		if (e->load_balancer_ip)
			field_text(w, "loadBalancerIP", e->load_balancer_ip, e->load_balancer_ip_from);
	} else {
		json_begin_object(w, NULL);
		json_string(w, "field", "addresses");
		json_begin_array(w, "value");
		json_string(w, NULL, e->client_address);
		json_end(w, ']');
		json_string(w, "from", e->client_address_from);
		json_end(w, '}');
		field_number(w, "port", e->client_port, e->client_port_from);
		field_text(w, "protocol", "UDP", "WireGuard");
	}
	json_end(w, ']');
	json_end(w, '}');
}

void declare_report(const struct declaration *d, int which, const struct cluster_output *o, const char *path,
		    bool changed, struct json_writer *w)
{
	const struct peer_end *self = d->ends[which];
	json_begin_object(w, NULL);
	json_string(w, "cluster", self->letter);
	json_string(w, "cluster_id", self->cluster_id);
	json_string(w, "liqo_version", self->version_text);
	json_string(w, "liqo_namespace", self->liqo_namespace);
	json_string(w, "role", role(d, which));
	json_string(w, "gateway", is_server(d, which) ? "server" : "client");
	json_string(w, "file", path);
	json_bool(w, "changed", changed);
	json_begin_array(w, "resources");
	for (size_t i = 0; i < o->count; i++) {
		json_begin_object(w, NULL);
		json_string(w, "kind", o->resources[i].kind);
		json_string(w, "name", o->resources[i].name);
		if (o->resources[i].namespace[0])
			json_string(w, "namespace", o->resources[i].namespace);
		json_string(w, "purpose", o->resources[i].purpose);
		json_end(w, '}');
	}
	json_end(w, ']');
	endpoint_json(d, which, w);
	json_number(w, "mtu", d->mtu);
	json_string(w, "mtu_from", d->mtu_from);
	json_string(w, "keys_secret", d->keys_secret);
	json_end(w, '}');
}
