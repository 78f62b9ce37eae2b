/* See scenario.h. Each function handles one field family of one component;
 * every edit first compares what is there with what the cell wants, so a
 * second run over the output finds nothing to change. */
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "ingress.h"
#include "lbedit.h"
#include "scenario_ingress.h"
#include "yamlquery.h"
#include "yamlquote.h"

/* What an Ingress controller must be told, on the auth Service, that the
 * auth server behind it speaks TLS. Every key here is the scenario's: it is
 * written for its class when the auth server is behind an Ingress of that
 * class and serves TLS, and removed otherwise. */
static const struct kv class_service_annotations[] = {
	{"traefik", "traefik.ingress.kubernetes.io/service.serversscheme"},
};

static void begin(struct edit_context *ec, const struct found_doc *f)
{
	ec->edit.document = f->doc->number;
}

/* A component's field of the wrong shape. An alias or an anchored node is
 * named as such: the filter never edits through one, and "expected a list"
 * would not tell the reader why a list was refused. */
static int shape_error(struct edit_context *ec, const struct ynode *node, const char *wanted, const char *message)
{
	if (node->kind == YN_ALIAS || node->has_anchor_or_tag)
		return yedit_wrong_shape(&ec->edit, node, wanted);
	return yedit_shape_error(&ec->edit, node, message);
}

static const char *service_type(enum exposure mode)
{
	switch (mode) {
	case EXPOSE_LOADBALANCER: return "LoadBalancer";
	case EXPOSE_INGRESS: return "ClusterIP";
	default: return "NodePort";
	}
}

/* What one Service must look like under its cell. */
struct service_goal {
	enum slot slot;
	enum exposure mode;
	const char *type;
	const char *protocol;   /* of the port peers reach */
	const char *node_port_flag;
	long node_port;         /* 0: none pinned */
	const char *address;    /* advertised through the override annotations */
	long public_port;
};

static int set_type(struct edit_context *ec, const struct found_doc *f, const struct ynode *spec,
		    const struct service_goal *goal)
{
	const struct ynode *type = ymap_get(spec, "type");
	if (yscalar_is(type, goal->type))
		return 0;
	if (edit_changed(ec, f, "spec.type", edit_scalar_text(type), goal->type, NULL) < 0)
		return -1;
	struct kv kv = {"type", goal->type};
	return yedit_map_apply(&ec->edit, spec, &kv, 1);
}

static const struct ynode *service_ports(struct edit_context *ec, const struct ynode *spec)
{
	const struct ynode *ports = ymap_get(spec, "ports");
	if (!ports || ports->kind != YN_SEQ || ports->count == 0 || ports->has_anchor_or_tag) {
		shape_error(ec, ports ? ports : spec, "a non-empty list", "spec.ports must be a non-empty list");
		return NULL;
	}
	for (const struct ynode *p = ports->first; p; p = p->next)
		if (p->kind != YN_MAP) {
			shape_error(ec, p, "a mapping", "each of spec.ports must be a mapping");
			return NULL;
		}
	return ports;
}

/* The scenario owns every node port of the Service: the pinned one on the
 * port peers reach, none anywhere else, whatever the input held. */
static int set_node_ports(struct edit_context *ec, const struct found_doc *f, const struct ynode *spec,
			  const struct service_goal *goal)
{
	const struct ynode *ports = service_ports(ec, spec);
	if (!ports)
		return -1;
	const struct ynode *chosen = edit_pick_port(ports, goal->protocol);
	bool pins = goal->mode == EXPOSE_NODEPORT || goal->mode == EXPOSE_NODEPORT_FORWARDED;
	for (const struct ynode *p = ports->first; p; p = p->next) {
		const struct ynode *current = ymap_get(p, "nodePort");
		char want[16] = "", why[128];
		if (pins && p == chosen && goal->node_port)
			snprintf(want, sizeof(want), "%ld", goal->node_port);
		if (want[0] ? edit_integer_is(current, goal->node_port) : !current)
			continue;
		bool text_of_number = want[0] && current && current->kind == YN_SCALAR && current->style != YS_PLAIN &&
				      strcmp(current->text, want) == 0;
		if (text_of_number)
			snprintf(why, sizeof(why), "(written as text, which Kubernetes refuses for a node port: a number; "
				 "--%s pins %s)", goal->node_port_flag, want);
		else if (want[0])
			snprintf(why, sizeof(why), "(--%s pins %s)", goal->node_port_flag, want);
		else
			snprintf(why, sizeof(why), "(the scenario pins no node port on this %s port; set --%s to pin one)",
				 goal->type, goal->node_port_flag);
		if (edit_changed(ec, f, "spec.ports[].nodePort", edit_scalar_text(current), want[0] ? want : NULL, why) < 0)
			return -1;
		struct kv kv = {"nodePort", want[0] ? want : NULL};
		if (yedit_map_apply(&ec->edit, p, &kv, 1) < 0)
			return -1;
	}
	return 0;
}

/* Fields the API server accepts, or that mean something, only on some
 * Service types: they stay where the cell's type allows them and go where it
 * does not. healthCheckNodePort also needs externalTrafficPolicy Local. */
static const struct type_field {
	const char *key;
	bool on_node_port;
	bool needs_local_policy;
} type_fields[] = {
	{"loadBalancerIP", false, false},
	{"loadBalancerSourceRanges", false, false},
	{"loadBalancerClass", false, false},
	{"allocateLoadBalancerNodePorts", false, false},
	{"externalTrafficPolicy", true, false},
	{"healthCheckNodePort", false, true},
};

static bool type_allows(const struct edit_context *ec, const struct type_field *t, const struct ynode *spec,
			const char *type)
{
	if (t->needs_local_policy && strcmp(lb_traffic_policy(ec->lb, spec, type), "Local") != 0)
		return false;
	return strcmp(type, "LoadBalancer") == 0 || (t->on_node_port && strcmp(type, "NodePort") == 0);
}

static int drop_type_fields(struct edit_context *ec, const struct found_doc *f, const struct ynode *spec,
			    const struct service_goal *goal)
{
	for (size_t i = 0; i < sizeof(type_fields) / sizeof(type_fields[0]); i++) {
		const struct type_field *t = &type_fields[i];
		const struct ynode *current = ymap_get(spec, t->key);
		if (!current || type_allows(ec, t, spec, goal->type))
			continue;
		char field[64], why[160];
		snprintf(field, sizeof(field), "spec.%s", t->key);
		snprintf(why, sizeof(why), "(Kubernetes takes it only on %s Services%s, and the cell makes this one %s)",
			 t->on_node_port ? "NodePort and LoadBalancer" : "LoadBalancer",
			 t->needs_local_policy ? " with externalTrafficPolicy Local" : "", goal->type);
		const char *found = current->kind == YN_SCALAR ? current->text : "(a list)";
		if (edit_changed(ec, f, field, found, NULL, why) < 0)
			return -1;
		struct kv kv = {t->key, NULL};
		if (yedit_map_apply(&ec->edit, spec, &kv, 1) < 0)
			return -1;
	}
	return 0;
}

static int want_annotation(struct edit_context *ec, const struct found_doc *f, struct annotation_change *ac,
			   const char *key, const char *value, const char *why)
{
	const struct ynode *annotations = ymap_get(ymap_get(f->root, "metadata"), "annotations");
	return edit_want_annotation(ec, f, annotations, ac, key, value, why);
}

static int want_override_annotations(struct edit_context *ec, const struct found_doc *f, struct annotation_change *ac,
				     const struct service_goal *goal)
{
	const struct value_place *place = goal->slot == SLOT_AUTH_SERVICE ? &ec->gen->auth_address
									    : &ec->gen->gateway_address;
	if (place->home != HOME_ANNOTATIONS)
		return 0;
	bool overridden = goal->mode == EXPOSE_INGRESS || goal->mode == EXPOSE_NODEPORT_FORWARDED;
	char port[16];
	snprintf(port, sizeof(port), "%ld", goal->mode == EXPOSE_INGRESS ? 443L : goal->public_port);
	const char *title = component_title(goal->slot == SLOT_AUTH_SERVICE ? COMP_AUTH : COMP_GATEWAY);
	struct buf why = {0};
	int rc = overridden ? buf_printf(&why, "(the %s cell advertises %s port %s)", title, goal->address, port)
			    : buf_printf(&why, "(the %s cell is %s: peers use the Service's own address)", title,
					 exposure_title(goal->mode));
	if (rc < 0)
		rc = edit_out_of_memory(ec);
	if (rc == 0)
		rc = want_annotation(ec, f, ac, place->key, overridden ? goal->address : NULL, why.data);
	if (rc == 0)
		rc = want_annotation(ec, f, ac, place->port_key, overridden ? port : NULL, why.data);
	buf_free(&why);
	return rc;
}

static int want_class_annotations(struct edit_context *ec, const struct found_doc *f, struct annotation_change *ac,
				  const struct service_goal *goal)
{
	const char *class = ec->plan->ingress_class;
	for (size_t i = 0; goal->slot == SLOT_AUTH_SERVICE && i < sizeof(class_service_annotations) /
			   sizeof(class_service_annotations[0]); i++) {
		const struct kv *c = &class_service_annotations[i];
		bool wanted = goal->mode == EXPOSE_INGRESS && ec->auth_tls && class && strcmp(class, c->key) == 0;
		const struct ynode *current = ymap_get(ymap_get(ymap_get(f->root, "metadata"), "annotations"), c->value);
		const char *why = yscalar_is(current, "https") ? NULL : "(the scenario derives it from the auth cell)";
		if (want_annotation(ec, f, ac, c->value, wanted ? "https" : NULL, why) < 0)
			return -1;
	}
	return 0;
}

static int set_annotations(struct edit_context *ec, const struct found_doc *f, const struct service_goal *goal)
{
	struct annotation_change ac = {0};
	int rc = want_override_annotations(ec, f, &ac, goal);
	if (rc == 0)
		rc = want_class_annotations(ec, f, &ac, goal);
	const struct lb_service *lb = lb_service_of(ec->lb, goal->slot);
	for (size_t i = 0; rc == 0 && lb && i < lb->annotation_count; i++)
		rc = want_annotation(ec, f, &ac, lb->annotations[i].key, lb->annotations[i].value, lb->annotations[i].why);
	if (rc < 0) {
		annotation_change_free(&ac);
		return -1;
	}
	return edit_apply_annotations(ec, ymap_get(f->root, "metadata"), &ac);
}

static int check_node_port_free(struct edit_context *ec, const struct service_goal *goal)
{
	bool pins = goal->mode == EXPOSE_NODEPORT || goal->mode == EXPOSE_NODEPORT_FORWARDED;
	for (size_t i = 0; pins && goal->node_port && i < ec->inv->node_port_count; i++) {
		const struct taken_node_port *t = &ec->inv->node_ports[i];
		bool component = t->document == ec->inv->slots[SLOT_AUTH_SERVICE].doc->number ||
				 (ec->inv->slots[SLOT_GATEWAY_SERVICE].doc &&
				  t->document == ec->inv->slots[SLOT_GATEWAY_SERVICE].doc->number);
		if (t->port == goal->node_port && !component)
			return err_set(ec->edit.err, LS_EXIT_USAGE, "--%s %ld: document %zu, Service %s already holds that "
				       "node port; the API server refuses a second Service on it", goal->node_port_flag,
				       goal->node_port, t->document, t->service);
	}
	return 0;
}

static int expose_service(struct edit_context *ec, const struct service_goal *goal)
{
	const struct found_doc *f = &ec->inv->slots[goal->slot];
	if (!f->doc)
		return 0;
	begin(ec, f);
	ec->serving = goal->slot == SLOT_AUTH_SERVICE ? COMP_AUTH : COMP_GATEWAY;
	const struct ynode *spec = ymap_get(f->root, "spec");
	const struct ynode *metadata = ymap_get(f->root, "metadata");
	if (!spec || spec->kind != YN_MAP || spec->has_anchor_or_tag)
		return shape_error(ec, spec ? spec : f->root, "a mapping", "the Service's spec must be a mapping");
	if (metadata->has_anchor_or_tag)
		return shape_error(ec, metadata, "a mapping", "the Service's metadata must be a plain mapping");
	if (check_node_port_free(ec, goal) < 0 || set_type(ec, f, spec, goal) < 0 || set_node_ports(ec, f, spec, goal) < 0 ||
	    lb_apply_service(ec, f, spec, goal->slot, goal->type) < 0 || drop_type_fields(ec, f, spec, goal) < 0)
		return -1;
	return set_annotations(ec, f, goal);
}

static const struct ynode *find_container(struct edit_context *ec, const struct found_doc *f, const char *name)
{
	const struct ynode *spec = ymap_get(ymap_get(ymap_get(f->root, "spec"), "template"), "spec");
	const struct ynode *containers = ymap_get(spec, "containers");
	if (!containers || containers->kind != YN_SEQ || containers->count == 0) {
		shape_error(ec, containers ? containers : f->root, "a non-empty list",
			    "spec.template.spec.containers must be a non-empty list");
		return NULL;
	}
	for (const struct ynode *c = containers->first; c; c = c->next) {
		if (c->kind != YN_MAP) {
			shape_error(ec, c, "a mapping", "each container must be a mapping");
			return NULL;
		}
		if (yscalar_is(ymap_get(c, "name"), name))
			return c;
	}
	return containers->first;
}

/* An argument the scenario owns: it must appear once with this value, or
 * not at all (value NULL); `why` says so in the warning when a value the
 * input held goes. */
struct argument {
	const char *flag;
	const char *value;
	const char *why;
	const char *const *after;  /* an added one goes after the last of these (value_place.after) */
};

static int replace_or_drop_argument(struct edit_context *ec, const struct found_doc *f, const struct ynode *args,
				    const struct ynode *item, bool first, const struct argument *wanted,
				    const char *text)
{
	if (first && wanted->value) {
		if (yscalar_is(item, text))
			return 0;
		if (edit_changed(ec, f, "container args", item->text, text, wanted->why) < 0)
			return -1;
		if (args->style == YS_FLOW)
			return yedit_seq_replace(&ec->edit, args, item, text);
		/* Written as a new argument would be, whatever quoting the old one
		 * had: a scenario's output must not depend on the one before it. */
		struct buf quoted = {0};
		const char *rendered = yaml_plain_safe(text) ? text : yaml_double_quoted(&quoted, text);
		int rc = rendered ? yedit_replace(&ec->edit, item, rendered) : edit_out_of_memory(ec);
		buf_free(&quoted);
		return rc;
	}
	const char *why = first ? wanted->why : "(the scenario keeps one of each of its arguments)";
	if (edit_changed(ec, f, "container args", item->text, NULL, why) < 0)
		return -1;
	return yedit_seq_remove(&ec->edit, args, item);
}

enum { MAX_ARGUMENTS = 4 };

static int owned_index(struct edit_context *ec, const struct ynode *item, const struct argument *wanted, size_t n)
{
	long g[4];
	if (!patterns_match(ec->pat, PAT_OWNED_ARG, item->text, item->len, g, 2))
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((size_t)(g[3] - g[2]) == strlen(wanted[i].flag) && memcmp(item->text, wanted[i].flag, g[3] - g[2]) == 0)
			return (int)i;
	return -1;
}

/* Whether an argument's text is flag, alone or with "=value". */
static bool is_flag(const struct ynode *item, const char *flag)
{
	size_t n = strlen(flag);
	return item->kind == YN_SCALAR && item->len >= n && memcmp(item->text, flag, n) == 0 &&
	       (item->len == n || item->text[n] == '=');
}

/* The last argument of args that one of `after` names: an added argument
 * goes right after it. NULL: it goes last. */
static const struct ynode *anchor_of(const struct ynode *args, const char *const *after)
{
	const struct ynode *anchor = NULL;
	for (const struct ynode *item = after && args && args->kind == YN_SEQ ? args->first : NULL; item;
	     item = item->next)
		for (const char *const *flag = after; *flag; flag++)
			if (is_flag(item, *flag))
				anchor = item;
	return anchor;
}

static int add_missing(struct edit_context *ec, const struct found_doc *f, const struct ynode *container,
		       const struct buf *texts, const bool *seen, const struct argument *wanted, size_t n)
{
	const struct ynode *args = ymap_get(container, "args");
	struct buf quoted[MAX_ARGUMENTS] = {{0}};
	const char *items[MAX_ARGUMENTS];
	size_t count = 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (seen[i] || !wanted[i].value)
			continue;
		const char *text = texts[i].data;
		rc = edit_changed(ec, f, "container args", NULL, text, NULL);
		const char *item = yaml_plain_safe(text) ? text : yaml_double_quoted(&quoted[i], text);
		const struct ynode *anchor = anchor_of(args, wanted[i].after);
		if (rc == 0 && !item)
			rc = edit_out_of_memory(ec);
		else if (rc == 0 && anchor)
			rc = yedit_seq_insert_after(&ec->edit, args, anchor, &item, 1);
		else
			items[count++] = item;
	}
	if (rc == 0)
		rc = yedit_seq_append(&ec->edit, container, "args", items, count);
	for (size_t i = 0; i < n; i++)
		buf_free(&quoted[i]);
	return rc;
}

static int set_arguments(struct edit_context *ec, enum slot slot, const char *container_name,
			 const struct argument *wanted, size_t n)
{
	const struct found_doc *f = &ec->inv->slots[slot];
	if (!f->doc)
		return 0;
	begin(ec, f);
	const struct ynode *container = find_container(ec, f, container_name);
	if (!container)
		return -1;
	const struct ynode *args = ymap_get(container, "args");
	if (args && args->kind != YN_SEQ && args->kind != YN_NULL)
		return shape_error(ec, args, "a list of strings", "args must be a list of strings");
	struct buf texts[MAX_ARGUMENTS] = {{0}};
	bool seen[MAX_ARGUMENTS] = {false};
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++)
		if (buf_printf(&texts[i], "%s=%s", wanted[i].flag, wanted[i].value ? wanted[i].value : "") < 0)
			rc = edit_out_of_memory(ec);
	for (const struct ynode *item = args && args->kind == YN_SEQ ? args->first : NULL; item && rc == 0;
	     item = item->next) {
		if (item->kind != YN_SCALAR || item->has_anchor_or_tag) {
			rc = shape_error(ec, item, "a string", "args must be a list of strings");
			break;
		}
		int i = owned_index(ec, item, wanted, n);
		if (i < 0)
			continue;
		rc = replace_or_drop_argument(ec, f, args, item, !seen[i], &wanted[i], texts[i].data);
		seen[i] = true;
	}
	if (rc == 0)
		rc = add_missing(ec, f, container, texts, seen, wanted, n);
	for (size_t i = 0; i < n; i++)
		buf_free(&texts[i]);
	return rc;
}

static int require(struct edit_context *ec, enum slot slot, const char *why, struct ls_error *err)
{
	if (ec->inv->slots[slot].doc)
		return 0;
	return err_set(err, LS_EXIT_INPUT, "%s: no %s in the input; %s", ec->inv->input_name,
		       slot_titles[slot], why);
}

static bool auth_overridden(const struct plan *plan)
{
	enum exposure m = plan->modes[COMP_AUTH];
	return m == EXPOSE_INGRESS || m == EXPOSE_NODEPORT_FORWARDED;
}

static int check_components(struct edit_context *ec, struct ls_error *err)
{
	const struct plan *plan = ec->plan;
	if (require(ec, SLOT_AUTH_SERVICE, "the auth server cell changes it", err) < 0)
		return -1;
	if (!ec->inv->slots[SLOT_GATEWAY_SERVICE].doc &&
	    note_printf(&ec->notes, "the network gateway cell (%s) has nothing to act on: no %s in the input\n",
		       exposure_title(plan->modes[COMP_GATEWAY]), slot_titles[SLOT_GATEWAY_SERVICE]) < 0)
		return err_set(err, LS_EXIT_IO, "out of memory");
	const struct found_doc *auth = &ec->inv->slots[SLOT_AUTH_SERVICE];
	const struct ynode *name = ymap_get(ymap_get(auth->root, "metadata"), "name");
	if (!name || name->kind != YN_SCALAR || name->len == 0) {
		ec->edit.document = auth->doc->number;
		return yedit_shape_error(&ec->edit, auth->root, "the auth Service needs a metadata.name (its Ingress routes to it)");
	}
	if (plan->advertise && require(ec, SLOT_AUTH_DEPLOYMENT, "it carries the advertised API server address", err) < 0)
		return -1;
	return 0;
}

/* Whether the auth server serves TLS: the chart adds --enable-tls to the auth
 * container unless auth.tls is false, and an Ingress must then speak HTTPS to
 * it. Without the auth Deployment in the input, the chart's default holds. */
static bool auth_serves_tls(struct edit_context *ec)
{
	const struct found_doc *f = &ec->inv->slots[SLOT_AUTH_DEPLOYMENT];
	if (!f->doc)
		return true;
	const struct ynode *containers = ymap_get(ymap_get(ymap_get(ymap_get(f->root, "spec"), "template"), "spec"),
						  "containers");
	for (const struct ynode *c = containers && containers->kind == YN_SEQ ? containers->first : NULL; c; c = c->next) {
		const struct ynode *args = ymap_get(c, "args");
		for (const struct ynode *a = args && args->kind == YN_SEQ ? args->first : NULL; a; a = a->next)
			if (yscalar_is(a, "--enable-tls") || yscalar_is(a, "--enable-tls=true"))
				return true;
	}
	return false;
}

static int apply_auth_override_arguments(struct edit_context *ec, struct ls_error *err)
{
	const struct plan *plan = ec->plan;
	const struct value_place *place = &ec->gen->auth_address;
	if (place->home != HOME_ARGUMENT)
		return 0;
	ec->serving = COMP_AUTH;
	bool overridden = auth_overridden(plan);
	if (overridden && require(ec, place->slot, "this Liqo version reads the auth address override from it", err) < 0)
		return -1;
	bool ingress = plan->modes[COMP_AUTH] == EXPOSE_INGRESS;
	char port[16];
	snprintf(port, sizeof(port), "%ld", ingress ? 443L : plan->auth_public_port);
	const char *address = ingress ? plan->auth_host : plan->public_address;
	struct buf why = {0};
	int rc = overridden ? buf_printf(&why, "(the Auth Server cell advertises %s port %s)", address, port)
			    : buf_printf(&why, "(the Auth Server cell is %s: peers use the Service's own address)",
					 exposure_title(plan->modes[COMP_AUTH]));
	const struct argument overrides[] = {
		{place->key, overridden ? address : NULL, why.data, NULL},
		{place->port_key, overridden ? port : NULL, why.data, NULL},
	};
	if (rc < 0)
		rc = edit_out_of_memory(ec);
	if (rc == 0)
		rc = set_arguments(ec, place->slot, place->container, overrides, 2);
	buf_free(&why);
	if (rc == 0 && plan->modes[COMP_GATEWAY] == EXPOSE_NODEPORT_FORWARDED &&
	    ec->gen->gateway_address.home == HOME_NONE &&
	    note_printf(&ec->notes, "Liqo v%d.%d has no gateway address override: peers will see the gateway's "
		       "node address, so forward UDP %ld on %s to node port %ld and make that address reachable\n",
		       ec->version.major, ec->version.minor, plan->gateway_public_port, plan->public_address,
		       plan->gateway_node_port) < 0)
		rc = edit_out_of_memory(ec);
	return rc;
}

static int advertise_api_server(struct edit_context *ec)
{
	const struct plan *plan = ec->plan;
	ec->serving = COMP_API_SERVER;
	struct buf why = {0};
	int rc = plan->advertise ? buf_printf(&why, "(the API server cell advertises %s)", plan->advertise)
				 : buf_printf(&why, "(the API server cell is %s and no --api-server-address was given)",
					      exposure_title(plan->modes[COMP_API_SERVER]));
	const struct value_place *api = &ec->gen->api_server_address;
	const struct argument advertise = {api->key, plan->advertise, why.data, api->after};
	rc = rc < 0 ? edit_out_of_memory(ec) : set_arguments(ec, api->slot, api->container, &advertise, 1);
	buf_free(&why);
	return rc;
}

static int expose_services(struct edit_context *ec)
{
	const struct plan *plan = ec->plan;
	enum exposure auth = plan->modes[COMP_AUTH], gateway = plan->modes[COMP_GATEWAY];
	const struct service_goal goals[] = {
		{SLOT_AUTH_SERVICE, auth, service_type(auth), "TCP", "auth-node-port", plan->auth_node_port,
		 auth == EXPOSE_INGRESS ? plan->auth_host : plan->public_address, plan->auth_public_port},
		{SLOT_GATEWAY_SERVICE, gateway, service_type(gateway), "UDP", "gateway-node-port", plan->gateway_node_port,
		 plan->public_address, plan->gateway_public_port},
	};
	for (size_t i = 0; i < sizeof(goals) / sizeof(goals[0]); i++)
		if (expose_service(ec, &goals[i]) < 0)
			return -1;
	return 0;
}

static int check_services(struct edit_context *ec, struct ls_error *err)
{
	if (check_components(ec, err) < 0)
		return -1;
	ec->auth_tls = auth_serves_tls(ec);
	return 0;
}

static int run_step(struct edit_context *ec, enum scenario_step step, struct ls_error *err)
{
	switch (step) {
	case STEP_CHECK_SERVICES: return check_services(ec, err);
	case STEP_CHECK_TEMPLATE:
		return generation_check_template(ec->gen, ec->inv, ec->plan->advertise != NULL, &ec->notes, err);
	case STEP_EXPOSE_SERVICES: return expose_services(ec);
	case STEP_ADVERTISE_API_SERVER: return advertise_api_server(ec);
	case STEP_ADDRESS_ARGUMENTS: return apply_auth_override_arguments(ec, err);
	case STEP_GATEWAY_TEMPLATE: return lb_apply_template(ec);
	case STEP_INGRESSES: return scenario_apply_ingresses(ec);
	}
	return 0;
}

/* The generation's row says which steps its render takes: a generation
 * without an auth server or gateway Service (each peering makes its own
 * gateway from a template) gets only the API server address, its Ingress and
 * the template's settings; its gateway cell goes into the peering plan of
 * --explain. */
int scenario_apply(struct edit_context *ec, struct ls_error *err)
{
	ec->gen = ec->plan->gen;
	for (size_t i = 0; i < ec->gen->step_count; i++)
		if (run_step(ec, ec->gen->steps[i], err) < 0)
			return -1;
	return 0;
}
