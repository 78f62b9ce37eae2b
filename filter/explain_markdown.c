/* See explain_markdown.h. The document: a heading, a table of the three
 * components, the flowchart (peer -> public address:port -> NAT rule ->
 * node port, load balancer or Ingress -> Service, one group per
 * component; on Liqo v1 the gateway server on whichever side each peering
 * direction of the plan puts it), the router rules, and on v1 the
 * `liqoctl peer` commands. Every text that comes from the input, a profile
 * or a flag is escaped for where it lands, so a name cannot break the table
 * or the diagram. */
#include "explain_markdown.h"

#include <stdio.h>
#include <string.h>

#include "explain.h"
#include "peering.h"
#include "reach.h"
#include "yamlquery.h"

/* What the document is written from, read off the outcome in one place. */
struct md_view {
	const struct outcome *run;
	const struct plan *plan;
	struct liqo_version version;
	bool auth_server;   /* the render has an auth Service */
	bool peering_plan;  /* Liqo v1: each peering makes its gateway Service */
	bool has_gateway;   /* not v1, or v1 with the gateway server template */
	bool auth_tls;      /* the auth server speaks TLS */
	const char *service[COMP_COUNT]; /* the component's Service name; NULL for none */
	const char *port[COMP_COUNT];    /* that Service's first port */
	const struct reach *reach;
	struct peering_plan peering;
};

static const char *slot_port(const struct found_doc *f)
{
	const struct ynode *ports = ymap_get(ymap_get(f->root, "spec"), "ports");
	const struct ynode *port = ports && ports->kind == YN_SEQ ? ymap_get(ports->first, "port") : NULL;
	return port && port->kind == YN_SCALAR ? port->text : "?";
}

static void view_of(const struct outcome *run, struct md_view *v)
{
	const struct generation *gen = run->plan->gen;
	memset(v, 0, sizeof(*v));
	v->run = run;
	v->plan = run->plan;
	v->version = run->version;
	v->auth_server = generation_has(gen, COMP_AUTH);
	v->peering_plan = gen->components[COMP_GATEWAY].per_peering;
	v->has_gateway = !v->peering_plan || run->inv->slots[gen->components[COMP_GATEWAY].object].doc != NULL;
	v->auth_tls = run->auth_tls;
	for (enum component c = 0; c < COMP_COUNT; c++) {
		enum slot slot = gen->components[c].object;
		const struct found_doc *f = slot == SLOT_COUNT || gen->components[c].per_peering ? NULL : &run->inv->slots[slot];
		if (f && f->doc) {
			v->service[c] = object_name(f->root);
			v->port[c] = slot_port(f);
		}
	}
	v->reach = &run->reach;
	const struct found_doc *template = &run->inv->slots[gen->components[COMP_GATEWAY].object];
	peering_plan_make(run->plan, v->peering_plan && template->doc ? template->root : NULL,
			  run->lb ? run->lb->peering_gateway_ip : NULL, &v->peering);
}

int markdown_mermaid_label(struct buf *out, const char *text)
{
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
		switch (*p) {
		case '"': rc |= buf_puts(out, "#quot;"); break;
		case '#': rc |= buf_puts(out, "#35;"); break;
		case '&': rc |= buf_puts(out, "#amp;"); break;
		case '<': rc |= buf_puts(out, "#lt;"); break;
		case '>': rc |= buf_puts(out, "#gt;"); break;
		case '`': rc |= buf_puts(out, "#96;"); break;
		case '|': rc |= buf_puts(out, "#124;"); break;
		default: rc |= *p < 0x20 || *p == 0x7f ? buf_puts(out, " ") : buf_append(out, p, 1);
		}
	}
	return rc;
}

int markdown_text(struct buf *out, const char *text, size_t len)
{
	int rc = 0;
	for (const unsigned char *p = (const unsigned char *)text, *end = p + len; p < end; p++) {
		if (*p < 0x20 || *p == 0x7f)
			rc |= buf_puts(out, " ");
		else if (*p && strchr("\\`*_[]<>|~&#!", *p))
			rc |= buf_printf(out, "\\%c", *p);
		else
			rc |= buf_append(out, p, 1);
	}
	return rc;
}

/* An address as it is written before ":PORT": an IPv6 address in brackets. */
/* The Service port each peering's gateway server takes: --gateway-port, or
 * liqoctl's default. */
static const char *gateway_port_text(const struct md_view *v)
{
	return v->peering.here.port[0] ? v->peering.here.port : "51840";
}

/* A text a buffer holds, "" while it holds none. */
static const char *text_of(const struct buf *b)
{
	return b->data ? b->data : "";
}

/* The bytes of an endpoint's address up to its length or its first NUL. */
static size_t address_length(const char *address, size_t len)
{
	const char *nul = address ? memchr(address, '\0', len) : NULL;
	return address ? (nul ? (size_t)(nul - address) : len) : 0;
}

static int with_port(struct buf *out, const char *address, size_t len)
{
	if (!memchr(address, ':', len))
		return buf_append(out, address, len);
	return buf_puts(out, "[") | buf_append(out, address, len) | buf_puts(out, "]");
}

static int endpoint_address(struct buf *out, const struct endpoint *e)
{
	return buf_append(out, e->address ? e->address : "", address_length(e->address, e->address_len));
}

static int endpoint_with_port(struct buf *out, const struct endpoint *e)
{
	return with_port(out, e->address ? e->address : "", address_length(e->address, e->address_len));
}

static int node_port_words(struct buf *out, long node_port)
{
	if (node_port)
		return buf_printf(out, "node port %ld", node_port);
	return buf_puts(out, "a node port Kubernetes picks");
}

/* ---- the table ---------------------------------------------------------- */

static int cell(struct buf *out, const char *text)
{
	return buf_puts(out, " ") | markdown_text(out, text, strlen(text)) | buf_puts(out, " |");
}

static int buf_cell(struct buf *out, const struct buf *text)
{
	return cell(out, text_of(text));
}

static int render_words(const struct md_view *v, enum component c, struct buf *out)
{
	const struct plan *p = v->plan;
	enum exposure mode = p->modes[c];
	if (c == COMP_AUTH && !v->auth_server)
		return buf_puts(out, "none: Liqo v1 has no auth server");
	if (c == COMP_API_SERVER)
		return buf_puts(out, mode == EXPOSE_INGRESS ? "an Ingress with TLS passthrough to the API server"
							    : "the API server itself");
	if (c == COMP_GATEWAY && v->peering_plan)
		return buf_puts(out, v->has_gateway ? "no Service: each peering whose gateway server runs here "
						      "makes one from WgGatewayServerTemplate wireguard-server"
						    : "no gateway server template: networking disabled");
	if (!v->service[c])
		return buf_puts(out, "no Service in the render");
	if (mode == EXPOSE_LOADBALANCER)
		return buf_printf(out, "Service %s, type LoadBalancer", v->service[c]);
	if (mode == EXPOSE_INGRESS)
		return buf_printf(out, "Service %s, type ClusterIP, behind an Ingress (class %s)", v->service[c],
				  p->ingress_class ? p->ingress_class : "default");
	return buf_printf(out, "Service %s, type NodePort, ", v->service[c]) |
	       node_port_words(out, c == COMP_AUTH ? p->auth_node_port : p->gateway_node_port);
}

/* The API server's line of the table, as peers reach it. */
static int api_peers_use_words(const struct md_view *v, struct buf *out)
{
	const struct plan *p = v->plan;
	if (p->advertise)
		return buf_puts(out, p->advertise);
	if (p->modes[COMP_API_SERVER] == EXPOSE_PROVIDED)
		return buf_puts(out, "the first control-plane node's address, port 6443 (nothing advertised)");
	return buf_puts(out, "the API server's own address on the LAN");
}

static int peers_use_words(const struct md_view *v, enum component c, struct buf *out)
{
	const struct endpoint *e = &v->reach->endpoints[c];
	enum exposure mode = v->plan->modes[c];
	if ((c == COMP_AUTH && !v->auth_server) || (c == COMP_GATEWAY && !v->has_gateway))
		return buf_puts(out, "nothing");
	if (c == COMP_API_SERVER)
		return api_peers_use_words(v, out);
	if (v->reach->known[c] && mode == EXPOSE_INGRESS)
		return buf_puts(out, "https://") | endpoint_address(out, e) | buf_printf(out, ":%ld", e->port);
	if (v->reach->known[c])
		return endpoint_with_port(out, e) | buf_printf(out, ":%ld (%s)%s", e->port, e->protocol,
							       v->peering_plan ? ", while the gateway server runs here" : "");
	if (mode == EXPOSE_LOADBALANCER)
		return buf_printf(out, "the load balancer's external address, port %s/%s",
				  v->peering_plan ? gateway_port_text(v) : v->port[c] ? v->port[c] : "?",
				  c == COMP_AUTH ? "TCP" : "UDP");
	return buf_printf(out, "any node's IP on the node port (%s)", c == COMP_AUTH ? "TCP" : "UDP");
}

static int component_table(const struct md_view *v, struct buf *out)
{
	int rc = buf_puts(out, "| Component | Exposure | In the render | Peers use |\n| --- | --- | --- | --- |\n");
	for (enum component c = 0; c < COMP_COUNT; c++) {
		struct buf rendered = {0}, peers = {0};
		rc |= render_words(v, c, &rendered) | peers_use_words(v, c, &peers);
		rc |= buf_puts(out, "|") | cell(out, component_title(c));
		rc |= cell(out, c == COMP_AUTH && !v->auth_server ? "none" : exposure_title(v->plan->modes[c]));
		rc |= buf_cell(out, &rendered) | buf_cell(out, &peers) | buf_puts(out, "\n");
		buf_free(&rendered);
		buf_free(&peers);
	}
	return rc;
}

/* ---- the flowchart ------------------------------------------------------- */

enum shape { SHAPE_BOX, SHAPE_RULE, SHAPE_ENTRY, SHAPE_SERVICE };

static int node(struct buf *out, const char *id, enum shape shape, const char *label, const char *detail)
{
	static const char *const open[] = {"[\"", "{{\"", "([\"", "[[\""};
	static const char *const close[] = {"\"]", "\"}}", "\"])", "\"]]"};
	int rc = buf_printf(out, "    %s%s", id, open[shape]) | markdown_mermaid_label(out, label);
	if (detail)
		rc |= buf_puts(out, "<br/>") | markdown_mermaid_label(out, detail);
	return rc | buf_printf(out, "%s\n", close[shape]);
}

/* The chain of one component, as node ids in order (the peer first). */
struct chain {
	const char *ids[6];
	size_t count;
};

static int declare(struct buf *out, struct chain *ch, const char *id, enum shape shape, const char *label,
		   const char *detail)
{
	ch->ids[ch->count++] = id;
	return node(out, id, shape, label, detail);
}

static const struct port_forward *rule_of(const struct md_view *v, enum component c)
{
	for (size_t i = 0; i < v->reach->forward_count; i++)
		if (v->reach->forwards[i].component == c)
			return &v->reach->forwards[i];
	return NULL;
}

static int rule_node(const struct md_view *v, enum component c, const char *id, struct chain *ch, struct buf *out)
{
	const struct port_forward *f = rule_of(v, c);
	if (!f)
		return 0;
	struct buf text = {0};
	int rc = buf_printf(&text, "%s ", f->protocol) | with_port(&text, f->public_address, strlen(f->public_address));
	rc |= buf_printf(&text, ":%ld → %s:%ld", f->public_port,
			 f->target == FORWARD_TO_ANY_NODE ? "any node's IP" : "the control plane's IP", f->target_port);
	rc |= declare(out, ch, id, SHAPE_RULE, "NAT rule", text_of(&text));
	buf_free(&text);
	return rc;
}

static int public_node(const struct md_view *v, enum component c, const char *id, struct chain *ch,
		       struct buf *out)
{
	const struct endpoint *e = &v->reach->endpoints[c];
	enum exposure mode = v->plan->modes[c];
	const char *protocol = c == COMP_GATEWAY ? "UDP" : "TCP";
	struct buf text = {0};
	int rc;
	if (v->reach->known[c] && mode == EXPOSE_INGRESS)
		rc = buf_puts(&text, "https://") | endpoint_address(&text, e) | buf_printf(&text, ":%ld", e->port);
	else if (v->reach->known[c])
		rc = endpoint_with_port(&text, e) | buf_printf(&text, ":%ld", e->port);
	else if (mode == EXPOSE_LOADBALANCER)
		rc = buf_printf(&text, "the load balancer's external address, port %s",
				v->peering_plan ? gateway_port_text(v) : v->port[c] ? v->port[c] : "?");
	else
		rc = buf_puts(&text, "any node's IP");
	rc |= declare(out, ch, id, SHAPE_BOX, text_of(&text), protocol);
	buf_free(&text);
	return rc;
}

/* The node port, load balancer or Ingress the traffic enters the cluster by. */
static int entry_node(const struct md_view *v, enum component c, const char *id, struct chain *ch,
		      struct buf *out)
{
	const struct plan *p = v->plan;
	enum exposure mode = p->modes[c];
	if (mode == EXPOSE_LOADBALANCER)
		return declare(out, ch, id, SHAPE_ENTRY, "load balancer", NULL);
	struct buf text = {0};
	int rc;
	if (mode == EXPOSE_INGRESS) {
		rc = buf_printf(&text, "class %s, host %s; %s to the auth server",
				p->ingress_class ? p->ingress_class : "default", p->auth_host ? p->auth_host : "?",
				v->auth_tls ? "HTTPS" : "plain HTTP");
		rc |= declare(out, ch, id, SHAPE_ENTRY, "Ingress", text_of(&text));
	} else {
		rc = node_port_words(&text, c == COMP_AUTH ? p->auth_node_port : p->gateway_node_port);
		rc |= declare(out, ch, id, SHAPE_ENTRY, text_of(&text), NULL);
	}
	buf_free(&text);
	return rc;
}

static int edges(const struct chain *ch, struct buf *out)
{
	int rc = buf_printf(out, "  %s", ch->ids[0]);
	for (size_t i = 1; i < ch->count; i++)
		rc |= buf_printf(out, " --> %s", ch->ids[i]);
	return rc | buf_puts(out, "\n");
}

static int group_open(struct buf *out, const char *id, enum component c, const char *mode_title)
{
	return buf_printf(out, "  subgraph %s[\"", id) | markdown_mermaid_label(out, component_title(c)) |
	       buf_puts(out, ": ") | markdown_mermaid_label(out, mode_title) | buf_puts(out, "\"]\n");
}

/* The Service a chain ends at, as "Service NAME". */
static int service_node(struct buf *out, struct chain *ch, const char *id, const char *name, const char *detail)
{
	struct buf label = {0};
	int rc = buf_puts(&label, "Service ") | buf_puts(&label, name ? name : "?");
	rc |= declare(out, ch, id, SHAPE_SERVICE, text_of(&label), detail);
	buf_free(&label);
	return rc;
}

static int auth_group(const struct md_view *v, struct buf *out)
{
	struct chain ch = {{"peer"}, 1};
	int rc = group_open(out, "auth", COMP_AUTH, exposure_title(v->plan->modes[COMP_AUTH]));
	rc |= public_node(v, COMP_AUTH, "auth_public", &ch, out) | rule_node(v, COMP_AUTH, "auth_rule", &ch, out);
	rc |= entry_node(v, COMP_AUTH, "auth_entry", &ch, out);
	rc |= service_node(out, &ch, "auth_service", v->service[COMP_AUTH], "auth server");
	return rc | buf_puts(out, "  end\n") | edges(&ch, out);
}

static int api_group(const struct md_view *v, struct buf *out)
{
	const struct plan *p = v->plan;
	enum exposure mode = p->modes[COMP_API_SERVER];
	struct chain ch = {{"peer"}, 1};
	struct buf text = {0};
	int rc = group_open(out, "api", COMP_API_SERVER, exposure_title(mode)) | api_peers_use_words(v, &text);
	rc |= declare(out, &ch, "api_public", SHAPE_BOX, text_of(&text), "TCP");
	rc |= rule_node(v, COMP_API_SERVER, "api_rule", &ch, out);
	if (mode == EXPOSE_PORT_FORWARD)
		rc |= declare(out, &ch, "api_entry", SHAPE_ENTRY, "the control plane's IP, port 6443", NULL);
	else if (mode == EXPOSE_INGRESS) {
		text.len = 0;
		rc |= buf_printf(&text, "class %s, namespace default, TLS passthrough",
				 p->ingress_class ? p->ingress_class : "default");
		rc |= declare(out, &ch, "api_entry", SHAPE_ENTRY, "Ingress", text_of(&text));
	}
	buf_free(&text);
	rc |= declare(out, &ch, "api_service", SHAPE_SERVICE, "Kubernetes API server", NULL);
	return rc | buf_puts(out, "  end\n") | edges(&ch, out);
}

static int gateway_group(const struct md_view *v, struct buf *out)
{
	struct chain ch = {{"peer"}, 1};
	int rc = group_open(out, "gw", COMP_GATEWAY, exposure_title(v->plan->modes[COMP_GATEWAY]));
	rc |= public_node(v, COMP_GATEWAY, "gw_public", &ch, out) | rule_node(v, COMP_GATEWAY, "gw_rule", &ch, out);
	rc |= entry_node(v, COMP_GATEWAY, "gw_entry", &ch, out);
	rc |= service_node(out, &ch, "gw_service", v->service[COMP_GATEWAY], "network gateway");
	return rc | buf_puts(out, "  end\n") | edges(&ch, out);
}

static const char *direction_words(const struct peering_command *cmd)
{
	if (cmd->alternative)
		return cmd->role[0] == 'p' ? "or, as provider: --gw-server-service-location Consumer"
					   : "or, as consumer: --gw-server-service-location Consumer";
	return cmd->role[0] == 'p' ? "this cluster as provider" : "this cluster as consumer";
}

/* Liqo v1: the gateway server runs on the side each peering direction of
 * the plan chooses; the chain through this cluster is drawn once, and every
 * direction that puts the server here enters it from the peer, every other
 * one goes from this cluster's gateway client to the peer's server. */
static int v1_gateway_group(const struct md_view *v, struct buf *out)
{
	const struct peering_plan *pp = &v->peering;
	bool server_here = false, server_there = false;
	for (size_t i = 0; i < pp->count; i++)
		*(pp->commands[i].server == &pp->here ? &server_here : &server_there) = true;
	struct chain ch = {{"peer"}, 1};
	int rc = group_open(out, "gw", COMP_GATEWAY, exposure_title(v->plan->modes[COMP_GATEWAY]));
	if (server_here) {
		rc |= public_node(v, COMP_GATEWAY, "gw_public", &ch, out) | rule_node(v, COMP_GATEWAY, "gw_rule", &ch, out);
		rc |= entry_node(v, COMP_GATEWAY, "gw_entry", &ch, out);
		rc |= declare(out, &ch, "gw_service", SHAPE_SERVICE, "gateway server Service",
			      "made per peering from WgGatewayServerTemplate wireguard-server");
	}
	if (server_there)
		rc |= node(out, "gw_client", SHAPE_BOX, "this cluster's gateway client", "UDP");
	rc |= buf_puts(out, "  end\n");
	if (server_there)
		rc |= buf_puts(out, "  gw_peer_server[\"the peer's gateway server (") |
		      markdown_mermaid_label(out, exposure_title(pp->peer.mode)) | buf_puts(out, ")\"]\n");
	for (size_t i = 0; i < pp->count; i++) {
		const struct peering_command *cmd = &pp->commands[i];
		const char *arrow = cmd->alternative ? "-.->" : "-->";
		if (cmd->server == &pp->here)
			rc |= buf_printf(out, "  peer %s|\"", arrow) | markdown_mermaid_label(out, direction_words(cmd)) |
			      buf_printf(out, "\"| %s\n", ch.ids[1]);
		else
			rc |= buf_printf(out, "  gw_client %s|\"", arrow) | markdown_mermaid_label(out, direction_words(cmd)) |
			      buf_puts(out, "\"| gw_peer_server\n");
	}
	for (size_t i = 1; server_here && i + 1 < ch.count; i++)
		rc |= buf_printf(out, "  %s --> %s\n", ch.ids[i], ch.ids[i + 1]);
	return rc;
}

static int flowchart(const struct md_view *v, struct buf *out)
{
	int rc = buf_puts(out, "```mermaid\nflowchart LR\n  peer([\"Peer cluster\"])\n");
	if (v->auth_server)
		rc |= auth_group(v, out);
	rc |= api_group(v, out);
	if (v->peering_plan && v->has_gateway)
		rc |= v1_gateway_group(v, out);
	else if (!v->peering_plan)
		rc |= gateway_group(v, out);
	return rc | buf_puts(out, "```\n");
}

/* ---- rules, certificate, peering plan, load balancers -------------------- */

static const char *rule_purpose(enum component c, bool peering_plan)
{
	switch (c) {
	case COMP_AUTH: return "auth server";
	case COMP_API_SERVER: return peering_plan ? "API server, while this cluster is a provider" : "API server";
	default: return peering_plan ? "gateway server, while it runs here" : "network gateway";
	}
}

static int rules_table(const struct md_view *v, struct buf *out)
{
	if (v->reach->forward_count == 0)
		return 0;
	int rc = buf_puts(out, "\nPort-forwarding rules for the NAT router in front of this cluster:\n\n"
			  "| Protocol | Public address and port | Forward to | For |\n| --- | --- | --- | --- |\n");
	for (size_t i = 0; i < v->reach->forward_count; i++) {
		const struct port_forward *f = &v->reach->forwards[i];
		struct buf public = {0};
		char target[100];
		rc |= with_port(&public, f->public_address, strlen(f->public_address)) |
		      buf_printf(&public, ":%ld", f->public_port);
		snprintf(target, sizeof(target), "%s:%ld",
			 f->target == FORWARD_TO_ANY_NODE ? "any node's IP" : "the control plane's IP", f->target_port);
		rc |= buf_puts(out, "|") | cell(out, f->protocol) | buf_cell(out, &public) | cell(out, target) |
		      cell(out, rule_purpose(f->component, v->peering_plan)) | buf_puts(out, "\n");
		buf_free(&public);
	}
	if (v->peering_plan && rule_of(v, COMP_API_SERVER))
		rc |= buf_puts(out, "\n`liqoctl peer --in-band` needs no rule for the API server, only the chart's "
			       "proxy, enabled by default.\n");
	return rc;
}

static int certificate_note(const struct md_view *v, struct buf *out)
{
	enum exposure mode = v->plan->modes[COMP_API_SERVER];
	bool reached_by_name = mode == EXPOSE_PUBLIC_IP || mode == EXPOSE_PORT_FORWARD || mode == EXPOSE_INGRESS;
	if (!reached_by_name || !v->reach->known[COMP_API_SERVER])
		return 0;
	const struct endpoint *e = &v->reach->endpoints[COMP_API_SERVER];
	return buf_puts(out, "\nThe API server's certificate must list ") | markdown_text(out, e->address, e->address_len) |
	       buf_puts(out, " as a subject alternative name (kubeadm `--apiserver-cert-extra-sans`, k3s `--tls-san`).\n");
}

static int peering_commands(const struct md_view *v, struct buf *out)
{
	const struct peering_plan *pp = &v->peering;
	int rc = buf_puts(out, "\nPeering plan: `liqoctl peer` runs once per peering, on the consumer's side; the "
			  "first peering between the two clusters sets up the tunnel and a reverse peering reuses "
			  "it, so the first one's gateway flags decide where the gateway server runs.\n");
	for (size_t i = 0; i < pp->count; i++) {
		const struct peering_command *cmd = &pp->commands[i];
		bool provider = cmd->role[0] == 'p';
		if (cmd->alternative)
			rc |= buf_printf(out, "\nOr, with no router rule for the gateway, the server %s (%s):\n",
					 cmd->server->who, exposure_title(cmd->server->mode));
		else
			rc |= buf_printf(out, "\n%s", provider ? "This cluster as provider (the peer must reach its API server)"
							       : "This cluster as consumer");
		if (!cmd->alternative && cmd->server)
			rc |= buf_printf(out, "; the gateway server runs %s (%s)", cmd->server->who,
					 exposure_title(cmd->server->mode));
		if (!cmd->alternative)
			rc |= buf_puts(out, ":\n");
		rc |= buf_puts(out, "\n```sh\nliqoctl peer");
		for (size_t a = 0; a < cmd->arg_count; a++)
			rc |= buf_printf(out, " %s", cmd->args[a]);
		rc |= buf_puts(out, "\n```\n");
	}
	return rc;
}

static int load_balancers(const struct md_view *v, struct buf *out)
{
	struct buf lines = {0};
	int rc = explain_load_balancers(v->run, &lines);
	if (rc == 0 && lines.len) {
		rc |= buf_puts(out, "\nLoad balancers and node ports:\n\n```text\n");
		for (const char *line = lines.data, *end = lines.data + lines.len; line < end;) {
			const char *nl = memchr(line, '\n', (size_t)(end - line));
			size_t n = nl ? (size_t)(nl - line) + 1 : (size_t)(end - line);
			size_t indent = n >= 2 && line[0] == ' ' && line[1] == ' ' ? 2 : 0;
			rc |= buf_append(out, line + indent, n - indent);
			line += n;
		}
		rc |= buf_puts(out, "```\n");
	}
	buf_free(&lines);
	return rc;
}

int explain_markdown_render(const struct outcome *run, struct buf *out)
{
	struct md_view v;
	view_of(run, &v);
	const struct plan *p = v.plan;
	struct buf heading = {0};
	int rc = buf_printf(&heading, "Scenario %s, cluster %c (%s), Liqo v%d.%d.%d", p->profile->name,
			    'A' + p->column, p->profile->columns[p->column].title, v.version.major, v.version.minor,
			    v.version.patch);
	rc |= buf_puts(out, "### ") | markdown_text(out, text_of(&heading), heading.len) | buf_puts(out, "\n\n");
	buf_free(&heading);
	rc |= component_table(&v, out) | buf_puts(out, "\n") | flowchart(&v, out);
	rc |= rules_table(&v, out) | certificate_note(&v, out);
	if (v.peering_plan)
		rc |= peering_commands(&v, out);
	rc |= load_balancers(&v, out);
	return rc < 0 ? -1 : 0;
}
