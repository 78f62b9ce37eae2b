/* See declare.h. What each resource holds and how it is labelled follows
 * what Liqo v1.0.0 to v1.2.0 read (liqotech/liqo): the tenant namespace's
 * labels (pkg/tenantNamespace/namespaceManager.go, and the pod-security
 * labels of pkg/consts/labels.go from v1.1), the networking resources as
 * pkg/liqo-controller-manager/networking/forge/ makes them (named after the
 * peer's cluster ID and labelled liqo.io/remote-cluster-id, which the
 * gateway operators require), the Tenant and binding of
 * pkg/tenantNamespace/bindings.go, and the identity Secret the CRD
 * replicator selects (internal/crdReplicator/crdReplicator-operator.go). */
#include "declare.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "yamlquote.h"

static const char NETWORKING_API[] = "networking.liqo.io/v1beta1";
static const char REMOTE_ID[] = "liqo.io/remote-cluster-id";

/* ---- the endpoint ---- */

static int oom(struct ls_error *err)
{
	return err_set(err, LS_EXIT_IO, "out of memory");
}

static int template_refuses(const struct server_inputs *in, const char *field, struct ls_error *err)
{
	return err_set(err, LS_EXIT_INPUT, "cluster %s's WgGatewayServerTemplate wireguard-server has no %s or ?%s "
		       "field, so the GatewayServer's %s would not reach its Service (liqoctl refuses it too); "
		       "render the chart's own template or pick a cell that needs no fixed %s",
		       in->letter, field, field, field, field);
}

static int common(const struct server_inputs *in, const char *type, struct gateway_endpoint *out,
		  struct ls_error *err)
{
	memset(out, 0, sizeof(*out));
	out->service_type = type;
	out->port = in->plan->gateway_port ? in->plan->gateway_port : PEERING_DEFAULT_GATEWAY_PORT;
	out->port_from = in->plan->gateway_port ? "the settings' gateway-port" : "liqoctl's default gateway port";
	struct buf from = {0};
	if (buf_printf(&from, "cluster %s's gateway cell %s", in->letter,
		       exposure_title(in->plan->modes[COMP_GATEWAY])) < 0) {
		buf_free(&from);
		return oom(err);
	}
	out->service_type_from = from.data;
	return 0;
}

/* what: the cell's words for the address the flag names. */
static int name_address_flag(const struct server_inputs *in, const char *what, struct gateway_endpoint *out,
			     struct ls_error *err)
{
	struct buf text = {0};
	if (buf_printf(&text, "%s (--%s-gateway-address)", what, in->letter) < 0) {
		buf_free(&text);
		return oom(err);
	}
	out->flag_text = text.data;
	return 0;
}

static int forwarded(const struct server_inputs *in, struct gateway_endpoint *out, struct ls_error *err)
{
	const struct endpoint *dial = &in->reach->endpoints[COMP_GATEWAY];
	if (common(in, "NodePort", out, err) < 0)
		return -1;
	if (!in->fields->node_port)
		return template_refuses(in, "nodePort", err);
	out->node_port = in->plan->gateway_node_port;
	out->node_port_from = "the settings' gateway-node-port: the node port the NAT router forwards to";
	out->client_address = in->plan->public_address;
	out->client_address_from = "cell NodePort with port-forwarding: the settings' public-address (the NAT's)";
	out->client_port = dial->port;
	out->client_port_from = in->plan->gateway_public_port != in->plan->gateway_node_port
		? "cell NodePort with port-forwarding: the settings' gateway-public-port (forwarded by the NAT)"
		: "cell NodePort with port-forwarding: the NAT forwards the node port as itself";
	return 0;
}

static int node_port(const struct server_inputs *in, struct gateway_endpoint *out, struct ls_error *err)
{
	if (common(in, "NodePort", out, err) < 0)
		return -1;
	if (!in->plan->gateway_node_port)
		return err_set(err, LS_EXIT_USAGE, "%s: gateway-node-port is required where cluster %s hosts the "
			       "gateway server on a NodePort: the peer's GatewayClient dials that node port", in->config,
			       in->letter);
	if (!in->gateway_address)
		return err_set(err, LS_EXIT_USAGE, "--%s-gateway-address is required where cluster %s hosts the "
			       "gateway server on a NodePort: the address of a node the peer reaches", in->letter,
			       in->letter);
	if (!in->fields->node_port)
		return template_refuses(in, "nodePort", err);
	out->node_port = in->plan->gateway_node_port;
	out->node_port_from = "cell NodePort: the settings' gateway-node-port";
	out->client_address = in->gateway_address;
	if (name_address_flag(in, "cell NodePort: a node's address", out, err) < 0)
		return -1;
	out->client_address_from = out->flag_text;
	out->client_port = out->node_port;
	out->client_port_from = "cell NodePort: the node port";
	return 0;
}

static int no_client_address(const struct server_inputs *in, struct ls_error *err)
{
	struct buf alternative = {0};
	if (in->alternative && buf_printf(&alternative, ", or --gateway-server-on %s (the plan's alternative: "
					  "the server on cluster %s)", in->alternative, in->alternative) < 0) {
		buf_free(&alternative);
		return oom(err);
	}
	int rc = err_set(err, LS_EXIT_USAGE, "cluster %s hosts the gateway server on a LoadBalancer with no fixed "
			 "address: its address exists only once the Service does, so the peer's GatewayClient cannot "
			 "be written; give gateway-load-balancer-ip in %s or --%s-gateway-address NAME (a DNS name "
			 "for the load balancer)%s", in->letter, in->config, in->letter,
			 alternative.data ? alternative.data : "");
	buf_free(&alternative);
	return rc;
}

static int load_balancer(const struct server_inputs *in, struct gateway_endpoint *out, struct ls_error *err)
{
	if (common(in, "LoadBalancer", out, err) < 0)
		return -1;
	if (in->load_balancer_ip && !in->fields->load_balancer_ip)
		return template_refuses(in, "loadBalancerIP", err);
	out->load_balancer_ip = in->load_balancer_ip;
	out->load_balancer_ip_from = "the settings' gateway-load-balancer-ip";
	out->client_address = in->gateway_address ? in->gateway_address : in->load_balancer_ip;
	if (name_address_flag(in, "cell LoadBalancer: the load balancer's name", out, err) < 0)
		return -1;
	out->client_address_from = in->gateway_address ? out->flag_text : "cell LoadBalancer: the fixed load-balancer IP";
	out->client_port = out->port;
	out->client_port_from = "cell LoadBalancer: the Service port";
	if (out->client_address)
		return 0;
	return no_client_address(in, err);
}

int declare_endpoint(const struct server_inputs *in, struct gateway_endpoint *out, struct ls_error *err)
{
	switch (in->plan->modes[COMP_GATEWAY]) {
	case EXPOSE_NODEPORT_FORWARDED:
		return forwarded(in, out, err);
	case EXPOSE_NODEPORT:
		return node_port(in, out, err);
	case EXPOSE_LOADBALANCER:
		return load_balancer(in, out, err);
	default:
		return err_set(err, LS_EXIT_USAGE, "cluster %s's network gateway cell is %s: no gateway server can "
			       "run there", in->letter, exposure_title(in->plan->modes[COMP_GATEWAY]));
	}
}

void declare_endpoint_free(struct gateway_endpoint *e)
{
	free(e->service_type_from);
	free(e->flag_text);
	e->service_type_from = e->flag_text = NULL;
}

/* ---- the YAML writer ---- */

/* YAML 1.1 and 1.2 readers resolve these plain scalars to booleans, nulls
 * and numbers; a text that looks like one is quoted so it stays a text. */
static bool resolves_to_non_text(const char *t)
{
	static const char *const words[] = {"true", "false", "yes", "no", "on", "off", "y", "n", "null", "~", NULL};
	for (size_t i = 0; words[i]; i++)
		if (strcasecmp(t, words[i]) == 0)
			return true;
	return isdigit((unsigned char)t[0]) || strchr("+-.", t[0]) != NULL;
}

struct writer {
	struct buf *out;
	struct buf quoted;
	int rc;
};

static void scalar(struct writer *w, const char *text)
{
	if (yaml_plain_safe(text) && !resolves_to_non_text(text)) {
		w->rc |= buf_puts(w->out, text);
		return;
	}
	const char *q = yaml_double_quoted(&w->quoted, text);
	w->rc |= q ? buf_puts(w->out, q) : -1;
}

static void key(struct writer *w, int indent, const char *k)
{
	w->rc |= buf_printf(w->out, "%*s%s:\n", indent, "", k);
}

static void text(struct writer *w, int indent, const char *k, const char *value)
{
	w->rc |= buf_printf(w->out, "%*s%s: ", indent, "", k);
	scalar(w, value);
	w->rc |= buf_puts(w->out, "\n");
}

static void number(struct writer *w, int indent, const char *k, long value)
{
	w->rc |= buf_printf(w->out, "%*s%s: %ld\n", indent, "", k, value);
}

static void item(struct writer *w, int indent, const char *value)
{
	w->rc |= buf_printf(w->out, "%*s- ", indent, "");
	scalar(w, value);
	w->rc |= buf_puts(w->out, "\n");
}

/* ---- the resources ---- */

struct context {
	const struct declaration *d;
	const struct peer_end *self, *peer;
	struct buf tenant;           /* the tenant namespace for the peer */
	struct writer w;
	struct cluster_output *o;
};

static void begin(struct context *c, const char *api, const char *kind, const char *name, bool namespaced,
		  const char *purpose)
{
	struct declared *r = &c->o->resources[c->o->count++];
	r->kind = kind;
	r->name = strdup(name);
	r->namespace = strdup(namespaced ? c->tenant.data : "");
	if (!r->name || !r->namespace)
		c->w.rc = -1;
	r->purpose = purpose;
	c->w.rc |= buf_puts(c->w.out, "---\n");
	text(&c->w, 0, "apiVersion", api);
	text(&c->w, 0, "kind", kind);
	key(&c->w, 0, "metadata");
	text(&c->w, 2, "name", name);
	if (namespaced)
		text(&c->w, 2, "namespace", c->tenant.data);
	key(&c->w, 2, "labels");
}

static void tenant_namespace(struct context *c)
{
	begin(c, "v1", "Namespace", c->tenant.data, false,
	      "the tenant namespace Liqo finds by its labels; the peering's resources live in it");
	text(&c->w, 4, REMOTE_ID, c->peer->cluster_id);
	text(&c->w, 4, "liqo.io/tenant-namespace", "true");
	/* From v1.1 Liqo labels its own tenant namespaces so, as the
	 * gateway pods are privileged. */
	if (version_at_least(c->self->version, 1, 1)) {
		text(&c->w, 4, "pod-security.kubernetes.io/audit", "privileged");
		text(&c->w, 4, "pod-security.kubernetes.io/enforce", "privileged");
		text(&c->w, 4, "pod-security.kubernetes.io/warn", "privileged");
	}
}

static void configuration(struct context *c)
{
	begin(c, NETWORKING_API, "Configuration", c->peer->cluster_id, true,
	      "the peer's pod and external CIDRs, which the routes and the remapping are made from");
	text(&c->w, 4, REMOTE_ID, c->peer->cluster_id);
	key(&c->w, 0, "spec");
	key(&c->w, 2, "remote");
	key(&c->w, 4, "cidr");
	key(&c->w, 6, "pod");
	/* v1.0 and v1.1 read only the first pod CIDR (cidr.GetPrimary). */
	size_t pods = version_at_least(c->self->version, 1, 2) ? c->peer->pod_cidr_count : 1;
	for (size_t i = 0; i < pods; i++)
		item(&c->w, 8, c->peer->pod_cidrs[i]);
	key(&c->w, 6, "external");
	item(&c->w, 8, c->peer->external_cidr.text);
}

static void public_key(struct context *c)
{
	begin(c, NETWORKING_API, "PublicKey", c->peer->cluster_id, true,
	      "the peer gateway's WireGuard public key, which this gateway accepts");
	text(&c->w, 4, REMOTE_ID, c->peer->cluster_id);
	text(&c->w, 4, "networking.liqo.io/gateway-resource", "true");
	key(&c->w, 0, "spec");
	text(&c->w, 2, "publicKey", c->peer->public_key);
}

static void tunnel_common(struct context *c, const char *ref_key, const char *ref_kind, const char *ref_name)
{
	number(&c->w, 2, "mtu", c->d->mtu);
	key(&c->w, 2, "secretRef");
	text(&c->w, 4, "name", c->d->keys_secret);
	key(&c->w, 2, ref_key);
	text(&c->w, 4, "apiVersion", NETWORKING_API);
	text(&c->w, 4, "kind", ref_kind);
	text(&c->w, 4, "name", ref_name);
	text(&c->w, 4, "namespace", c->self->liqo_namespace);
}

static void gateway_server(struct context *c)
{
	const struct gateway_endpoint *e = &c->d->endpoint;
	begin(c, NETWORKING_API, "GatewayServer", c->peer->cluster_id, true,
	      "the WireGuard server: Liqo makes its Service and Deployment from the server template");
	text(&c->w, 4, REMOTE_ID, c->peer->cluster_id);
	key(&c->w, 0, "spec");
	key(&c->w, 2, "endpoint");
	text(&c->w, 4, "serviceType", e->service_type);
	number(&c->w, 4, "port", e->port);
	if (e->node_port)
		number(&c->w, 4, "nodePort", e->node_port);
	if (e->load_balancer_ip)
		text(&c->w, 4, "loadBalancerIP", e->load_balancer_ip);
	tunnel_common(c, "serverTemplateRef", "WgGatewayServerTemplate", c->self->server_template);
}

static void gateway_client(struct context *c)
{
	const struct gateway_endpoint *e = &c->d->endpoint;
	begin(c, NETWORKING_API, "GatewayClient", c->peer->cluster_id, true,
	      "the WireGuard client: it dials the peer's gateway server");
	text(&c->w, 4, REMOTE_ID, c->peer->cluster_id);
	key(&c->w, 0, "spec");
	key(&c->w, 2, "endpoint");
	key(&c->w, 4, "addresses");
	item(&c->w, 6, e->client_address);
	number(&c->w, 4, "port", e->client_port);
	text(&c->w, 4, "protocol", "UDP");
	tunnel_common(c, "clientTemplateRef", "WgGatewayClientTemplate", c->self->client_template);
}

static void tenant(struct context *c)
{
	begin(c, "authentication.liqo.io/v1beta1", "Tenant", c->peer->cluster_id, true,
	      "the consumer as a tenant of this provider, without Liqo's key exchange");
	text(&c->w, 4, REMOTE_ID, c->peer->cluster_id);
	key(&c->w, 0, "spec");
	text(&c->w, 2, "clusterID", c->peer->cluster_id);
	text(&c->w, 2, "authzPolicy", "TolerateNoHandshake");
	text(&c->w, 2, "tenantCondition", "Active");
}

static void role_binding(struct context *c)
{
	struct buf name = {0};
	if (buf_printf(&name, "liqo-binding-%s", c->self->remote_controlplane) < 0) {
		buf_free(&name);
		c->w.rc = -1;
		return;
	}
	begin(c, "rbac.authorization.k8s.io/v1", "RoleBinding", name.data, true,
	      "lets the consumer's identity manage its resources in the tenant namespace");
	text(&c->w, 4, REMOTE_ID, c->peer->cluster_id);
	key(&c->w, 0, "roleRef");
	text(&c->w, 2, "apiGroup", "rbac.authorization.k8s.io");
	text(&c->w, 2, "kind", "ClusterRole");
	text(&c->w, 2, "name", c->self->remote_controlplane);
	key(&c->w, 0, "subjects");
	text(&c->w, 2, "- apiGroup", "rbac.authorization.k8s.io");
	text(&c->w, 4, "kind", c->d->subject_kind);
	text(&c->w, 4, "name", c->d->subject_name);
	buf_free(&name);
}

static const char BASE64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

static int base64(struct buf *out, const unsigned char *in, size_t n)
{
	int rc = 0;
	for (size_t i = 0; i < n; i += 3) {
		unsigned v = (unsigned)in[i] << 16 | (i + 1 < n ? (unsigned)in[i + 1] << 8 : 0) |
			     (i + 2 < n ? in[i + 2] : 0);
		char four[4] = {BASE64[v >> 18 & 63], BASE64[v >> 12 & 63], i + 1 < n ? BASE64[v >> 6 & 63] : '=',
				i + 2 < n ? BASE64[v & 63] : '='};
		rc |= buf_append(out, four, 4);
	}
	return rc;
}

static void identity_secret(struct context *c)
{
	struct buf name = {0}, remote = {0};
	if (buf_printf(&name, "kubeconfig-controlplane-%s", c->peer->cluster_id) < 0 ||
	    buf_printf(&remote, "liqo-tenant-%s", c->self->cluster_id) < 0) {
		buf_free(&name);
		buf_free(&remote);
		c->w.rc = -1;
		return;
	}
	begin(c, "v1", "Secret", name.data, true,
	      "the provider's kubeconfig, with which this consumer's CRD replicator reaches the provider");
	text(&c->w, 4, REMOTE_ID, c->peer->cluster_id);
	text(&c->w, 4, "liqo.io/identity-type", "ControlPlane");
	key(&c->w, 2, "annotations");
	text(&c->w, 4, "liqo.io/remote-tenant-namespace", remote.data);
	buf_free(&name);
	buf_free(&remote);
	text(&c->w, 0, "type", "Opaque");
	key(&c->w, 0, "data");
	c->w.rc |= buf_puts(c->w.out, "  kubeconfig: ");
	c->w.rc |= base64(c->w.out, (const unsigned char *)c->d->kubeconfig->data, c->d->kubeconfig->len);
	c->w.rc |= buf_puts(c->w.out, "\n");
}

static int header(struct context *c, int which)
{
	bool provider = which != c->d->consumer, server = which == c->d->server;
	return buf_printf(c->w.out, "# Declarative Liqo peering: apply on cluster %s (%s of %s, gateway %s side).\n"
			  "# Not in this file: the keys Secret %s in namespace %s (privateKey and publicKey,\n"
			  "# labelled %s: %s and networking.liqo.io/gateway-resource: \"true\").\n",
			  c->self->cluster_id, provider ? "provider" : "consumer", c->peer->cluster_id,
			  server ? "server" : "client", c->d->keys_secret, c->tenant.data, REMOTE_ID, c->peer->cluster_id);
}

static void write_resources(struct context *c, int which)
{
	const struct declaration *d = c->d;
	tenant_namespace(c);
	configuration(c);
	public_key(c);
	if (which == d->server)
		gateway_server(c);
	else
		gateway_client(c);
	bool provider = which != d->consumer;
	if (provider)
		tenant(c);
	if (provider && d->subject_kind)
		role_binding(c);
	if (!provider && d->kubeconfig)
		identity_secret(c);
}

int declare_cluster(const struct declaration *d, int which, struct cluster_output *out)
{
	struct context c = {.d = d, .self = d->ends[which], .peer = d->ends[1 - which], .o = out};
	c.w.out = &out->yaml;
	out->count = 0;
	if (buf_printf(&c.tenant, "liqo-tenant-%s", c.peer->cluster_id) < 0) {
		buf_free(&c.tenant);
		return -1;
	}
	c.w.rc |= header(&c, which);
	write_resources(&c, which);
	buf_free(&c.w.quoted);
	buf_free(&c.tenant);
	return c.w.rc < 0 ? -1 : 0;
}

void declare_output_free(struct cluster_output *out)
{
	for (size_t i = 0; i < out->count; i++) {
		free(out->resources[i].name);
		free(out->resources[i].namespace);
	}
	out->count = 0;
	buf_free(&out->yaml);
}
