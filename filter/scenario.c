/* See scenario.h. Each function handles one field family of one component;
 * every edit first compares what is there with what the cell wants, so a
 * second run over the output finds nothing to change. */
#include "scenario.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingress.h"

static const char *const auth_label_keys[] = {
	"app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component",
	"app.kubernetes.io/part-of", "helm.sh/chart", "app.kubernetes.io/version",
	"app.kubernetes.io/managed-by", NULL,
};
static const char *const api_label_keys[] = {
	"app.kubernetes.io/part-of", "helm.sh/chart", "app.kubernetes.io/version",
	"app.kubernetes.io/managed-by", NULL,
};

/* What an Ingress controller needs to be told about a TLS backend. */
static const struct ingress_class_traits {
	const char *name;
	struct kv auth_ingress[2];     /* on the auth Ingress: the backend speaks HTTPS */
	struct kv auth_service;        /* on the auth Service, for controllers that read it there */
	struct kv passthrough[2];      /* on the API server Ingress */
	bool can_pass_through;
} class_traits[] = {
	{"nginx", {{"nginx.ingress.kubernetes.io/backend-protocol", "\"HTTPS\""}}, {NULL, NULL},
	 {{"nginx.ingress.kubernetes.io/ssl-passthrough", "\"true\""},
	  {"nginx.ingress.kubernetes.io/backend-protocol", "\"HTTPS\""}}, true},
	{"traefik", {{NULL, NULL}}, {"traefik.ingress.kubernetes.io/service.serversscheme", "\"https\""},
	 {{NULL, NULL}}, false},
};

static const struct ingress_class_traits *find_class(const char *name)
{
	for (size_t i = 0; name && i < sizeof(class_traits) / sizeof(class_traits[0]); i++)
		if (strcmp(class_traits[i].name, name) == 0)
			return &class_traits[i];
	return NULL;
}

static void begin(struct scenario *sc, const struct found_doc *f)
{
	sc->edit.document = f->doc->number;
}

static const char *scalar_or(const struct ynode *n, const char *absent)
{
	if (!n || n->kind == YN_NULL)
		return absent;
	return n->kind == YN_SCALAR ? n->text : "(not a plain value)";
}

static int changed(struct scenario *sc, const struct found_doc *f, const char *field, const char *found,
		   const char *wanted)
{
	sc->change_count++;
	const struct ynode *kind = ymap_get(f->root, "kind");
	int rc = buf_printf(&sc->changes, "document %zu, %s %s: %s: found %s, wanted %s\n", f->doc->number,
			    scalar_or(kind, "?"), object_name(f->root), field, found, wanted);
	return rc < 0 ? err_set(sc->edit.err, LS_EXIT_IO, "out of memory") : 0;
}

static int set_type(struct scenario *sc, const struct found_doc *f, const struct ynode *spec, const char *want)
{
	const struct ynode *type = ymap_get(spec, "type");
	if (yscalar_is(type, want))
		return 0;
	if (changed(sc, f, "spec.type", scalar_or(type, "(absent)"), want) < 0)
		return -1;
	struct kv kv = {"type", want};
	return yedit_map_apply(&sc->edit, spec, &kv, 1);
}

static const struct ynode *pick_port(const struct ynode *ports, const char *protocol)
{
	for (const struct ynode *p = ports->first; p; p = p->next) {
		const struct ynode *proto = ymap_get(p, "protocol");
		if (proto ? yscalar_is(proto, protocol) : strcmp(protocol, "TCP") == 0)
			return p;
	}
	return ports->first;
}

static int set_node_ports(struct scenario *sc, const struct found_doc *f, const struct ynode *spec,
			  enum exposure mode, long node_port, const char *protocol)
{
	const struct ynode *ports = ymap_get(spec, "ports");
	if (!ports || ports->kind != YN_SEQ || ports->count == 0)
		return yedit_shape_error(&sc->edit, ports ? ports : spec, "spec.ports must be a non-empty list");
	for (const struct ynode *p = ports->first; p; p = p->next)
		if (p->kind != YN_MAP)
			return yedit_shape_error(&sc->edit, p, "each of spec.ports must be a mapping");
	const struct ynode *chosen = pick_port(ports, protocol);
	for (const struct ynode *p = ports->first; p; p = p->next) {
		const struct ynode *current = ymap_get(p, "nodePort");
		char want[16] = "";
		bool node_port_mode = mode == EXPOSE_NODEPORT || mode == EXPOSE_NODEPORT_FORWARDED;
		if (node_port_mode && p == chosen && node_port)
			snprintf(want, sizeof(want), "%ld", node_port);
		else if (mode != EXPOSE_INGRESS || !current)
			continue;
		if (want[0] ? yscalar_is(current, want) : !current)
			continue;
		if (changed(sc, f, "spec.ports[].nodePort", scalar_or(current, "(absent)"), want[0] ? want : "(absent)") < 0)
			return -1;
		struct kv kv = {"nodePort", want[0] ? want : NULL};
		if (yedit_map_apply(&sc->edit, p, &kv, 1) < 0)
			return -1;
	}
	return 0;
}

struct annotation_change {
	struct kv kvs[3];
	char values[3][300];
	size_t count;
};

static int want_annotation(struct scenario *sc, const struct found_doc *f, struct annotation_change *ac,
			   const char *key, const char *value)
{
	const struct ynode *annotations = ymap_get(ymap_get(f->root, "metadata"), "annotations");
	const struct ynode *current = ymap_get(annotations, key);
	if (value ? yscalar_is(current, value) : !current)
		return 0;
	char field[128];
	snprintf(field, sizeof(field), "metadata.annotations.%s", key);
	if (changed(sc, f, field, scalar_or(current, "(absent)"), value ? value : "(absent)") < 0)
		return -1;
	struct buf quoted = {0};
	const char *rendered = value ? yaml_double_quoted(&quoted, value) : NULL;
	if (rendered)
		snprintf(ac->values[ac->count], sizeof(ac->values[0]), "%s", rendered);
	buf_free(&quoted);
	ac->kvs[ac->count].key = key;
	ac->kvs[ac->count].value = value ? ac->values[ac->count] : NULL;
	ac->count++;
	return 0;
}

static int set_annotations(struct scenario *sc, const struct found_doc *f, enum slot slot, enum exposure mode,
			   const char *address, long public_port)
{
	struct annotation_change ac = {0};
	char port[16];
	snprintf(port, sizeof(port), "%ld", mode == EXPOSE_INGRESS ? 443L : public_port);
	bool owns = sc->traits.override_annotations && (slot == SLOT_AUTH_SERVICE || sc->traits.gateway_override);
	bool overridden = mode == EXPOSE_INGRESS || mode == EXPOSE_NODEPORT_FORWARDED;
	if (owns && (want_annotation(sc, f, &ac, "liqo.io/override-address", overridden ? address : NULL) < 0 ||
		     want_annotation(sc, f, &ac, "liqo.io/override-port", overridden ? port : NULL) < 0))
		return -1;
	const struct ingress_class_traits *traits = find_class(sc->plan->ingress_class);
	if (slot == SLOT_AUTH_SERVICE && mode == EXPOSE_INGRESS && traits && traits->auth_service.key &&
	    want_annotation(sc, f, &ac, traits->auth_service.key, "https") < 0)
		return -1;
	if (ac.count == 0)
		return 0;
	return yedit_child_map_apply(&sc->edit, ymap_get(f->root, "metadata"), "annotations", ac.kvs, ac.count);
}

static const char *service_type(enum exposure mode)
{
	switch (mode) {
	case EXPOSE_LOADBALANCER: return "LoadBalancer";
	case EXPOSE_INGRESS: return "ClusterIP";
	default: return "NodePort";
	}
}

static int expose_service(struct scenario *sc, enum slot slot, enum exposure mode, long node_port,
			  const char *address, long public_port)
{
	const struct found_doc *f = &sc->inv->slots[slot];
	begin(sc, f);
	const struct ynode *spec = ymap_get(f->root, "spec");
	const struct ynode *metadata = ymap_get(f->root, "metadata");
	if (!spec || spec->kind != YN_MAP || spec->has_anchor_or_tag)
		return yedit_shape_error(&sc->edit, spec ? spec : f->root, "the Service's spec must be a mapping");
	if (metadata->has_anchor_or_tag)
		return yedit_shape_error(&sc->edit, metadata, "the Service's metadata must be a plain mapping");
	const char *protocol = slot == SLOT_GATEWAY_SERVICE ? "UDP" : "TCP";
	if (set_type(sc, f, spec, service_type(mode)) < 0 ||
	    set_node_ports(sc, f, spec, mode, node_port, protocol) < 0)
		return -1;
	return set_annotations(sc, f, slot, mode, address, public_port);
}

static const struct ynode *find_container(struct scenario *sc, const struct found_doc *f, const char *name)
{
	const struct ynode *spec = ymap_get(ymap_get(ymap_get(f->root, "spec"), "template"), "spec");
	const struct ynode *containers = ymap_get(spec, "containers");
	if (!containers || containers->kind != YN_SEQ || containers->count == 0) {
		yedit_shape_error(&sc->edit, containers ? containers : f->root,
				  "spec.template.spec.containers must be a non-empty list");
		return NULL;
	}
	for (const struct ynode *c = containers->first; c; c = c->next) {
		if (c->kind != YN_MAP) {
			yedit_shape_error(&sc->edit, c, "each container must be a mapping");
			return NULL;
		}
		if (yscalar_is(ymap_get(c, "name"), name))
			return c;
	}
	return containers->first;
}

static int replace_or_drop_argument(struct scenario *sc, const struct found_doc *f, const struct ynode *args,
				    const struct ynode *item, bool first, const char *wanted)
{
	if (first && wanted) {
		if (yscalar_is(item, wanted))
			return 0;
		if (changed(sc, f, "container args", item->text, wanted) < 0)
			return -1;
		return yedit_seq_replace(&sc->edit, args, item, wanted);
	}
	if (changed(sc, f, "container args", item->text, "(absent)") < 0)
		return -1;
	return yedit_seq_remove(&sc->edit, args, item);
}

/* An argument the scenario owns: it must appear once with this value, or
 * not at all (value NULL). */
struct argument {
	const char *flag;
	const char *value;
};

enum { MAX_ARGUMENTS = 4 };

static int owned_index(struct scenario *sc, const struct ynode *item, const struct argument *wanted, size_t n)
{
	long g[4];
	if (!patterns_match(sc->pat, PAT_OWNED_ARG, item->text, item->len, g, 2))
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((size_t)(g[3] - g[2]) == strlen(wanted[i].flag) && memcmp(item->text, wanted[i].flag, g[3] - g[2]) == 0)
			return (int)i;
	return -1;
}

static int add_missing(struct scenario *sc, const struct found_doc *f, const struct ynode *container,
		       char texts[][600], const bool *seen, const struct argument *wanted, size_t n)
{
	struct buf quoted[MAX_ARGUMENTS] = {{0}};
	const char *items[MAX_ARGUMENTS];
	size_t count = 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (seen[i] || !wanted[i].value)
			continue;
		rc = changed(sc, f, "container args", "(absent)", texts[i]);
		items[count] = yaml_plain_safe(texts[i]) ? texts[i] : yaml_double_quoted(&quoted[i], texts[i]);
		count++;
	}
	if (rc == 0)
		rc = yedit_seq_append(&sc->edit, container, "args", items, count);
	for (size_t i = 0; i < n; i++)
		buf_free(&quoted[i]);
	return rc;
}

static int set_arguments(struct scenario *sc, enum slot slot, const char *container_name,
			 const struct argument *wanted, size_t n)
{
	const struct found_doc *f = &sc->inv->slots[slot];
	if (!f->doc)
		return 0;
	begin(sc, f);
	const struct ynode *container = find_container(sc, f, container_name);
	if (!container)
		return -1;
	const struct ynode *args = ymap_get(container, "args");
	if (args && args->kind != YN_SEQ && args->kind != YN_NULL)
		return yedit_shape_error(&sc->edit, args, "args must be a list of strings");
	char texts[MAX_ARGUMENTS][600];
	bool seen[MAX_ARGUMENTS] = {false};
	for (size_t i = 0; i < n; i++)
		snprintf(texts[i], sizeof(texts[i]), "%s=%s", wanted[i].flag, wanted[i].value ? wanted[i].value : "");
	for (const struct ynode *item = args && args->kind == YN_SEQ ? args->first : NULL; item; item = item->next) {
		if (item->kind != YN_SCALAR || item->has_anchor_or_tag)
			return yedit_shape_error(&sc->edit, item, "args must be a list of strings");
		int i = owned_index(sc, item, wanted, n);
		if (i < 0)
			continue;
		if (replace_or_drop_argument(sc, f, args, item, !seen[i], wanted[i].value ? texts[i] : NULL) < 0)
			return -1;
		seen[i] = true;
	}
	return add_missing(sc, f, container, texts, seen, wanted, n);
}

static int require(struct scenario *sc, enum slot slot, const char *why, struct ls_error *err)
{
	if (sc->inv->slots[slot].doc)
		return 0;
	return err_set(err, LS_EXIT_INPUT, "%s: no %s in the input; %s", sc->inv->input_name,
		       slot_titles[slot], why);
}

static bool auth_overridden(const struct plan *plan)
{
	enum exposure m = plan->modes[COMP_AUTH];
	return m == EXPOSE_INGRESS || m == EXPOSE_NODEPORT_FORWARDED;
}

static int check_components(struct scenario *sc, struct ls_error *err)
{
	const struct plan *plan = sc->plan;
	if (require(sc, SLOT_AUTH_SERVICE, "the auth server cell changes it", err) < 0 ||
	    require(sc, SLOT_GATEWAY_SERVICE, "the network gateway cell changes it", err) < 0)
		return -1;
	const struct found_doc *auth = &sc->inv->slots[SLOT_AUTH_SERVICE];
	const struct ynode *name = ymap_get(ymap_get(auth->root, "metadata"), "name");
	if (!name || name->kind != YN_SCALAR || name->len == 0) {
		sc->edit.document = auth->doc->number;
		return yedit_shape_error(&sc->edit, auth->root, "the auth Service needs a metadata.name (its Ingress routes to it)");
	}
	if (plan->advertise[0] && require(sc, SLOT_AUTH_DEPLOYMENT, "it carries the advertised API server address", err) < 0)
		return -1;
	return 0;
}

static int apply_auth_override_arguments(struct scenario *sc, struct ls_error *err)
{
	const struct plan *plan = sc->plan;
	if (sc->traits.override_annotations)
		return 0;
	bool overridden = auth_overridden(plan);
	if (overridden && require(sc, SLOT_CONTROLLER_MANAGER, "this Liqo version reads the auth address override from it", err) < 0)
		return -1;
	bool ingress = plan->modes[COMP_AUTH] == EXPOSE_INGRESS;
	char port[16];
	snprintf(port, sizeof(port), "%ld", ingress ? 443L : plan->auth_public_port);
	const char *address = ingress ? plan->auth_host : plan->public_address;
	const struct argument overrides[] = {
		{"--auth-service-address-override", overridden ? address : NULL},
		{"--auth-service-port-override", overridden ? port : NULL},
	};
	if (set_arguments(sc, SLOT_CONTROLLER_MANAGER, "controller-manager", overrides, 2) < 0)
		return -1;
	if (plan->modes[COMP_GATEWAY] == EXPOSE_NODEPORT_FORWARDED && !sc->traits.gateway_override)
		buf_printf(&sc->notes, "Liqo v%d.%d has no gateway address override: peers will see the gateway's "
			   "node address, so forward UDP %ld on %s to node port %ld and make that address reachable\n",
			   sc->version.major, sc->version.minor, plan->gateway_public_port, plan->public_address,
			   plan->gateway_node_port);
	return 0;
}

static int scenario_apply_ingresses(struct scenario *sc, struct ls_error *err);

/* Liqo v1 has no auth Service and no gateway Service in its render (each
 * peering makes its own gateway from a template): only the API server
 * address and its Ingress are written there; the gateway cell goes into the
 * peering plan of --explain. */
static int apply_v0_services(struct scenario *sc, struct ls_error *err)
{
	const struct plan *plan = sc->plan;
	const char *auth_address = plan->modes[COMP_AUTH] == EXPOSE_INGRESS ? plan->auth_host : plan->public_address;
	bool failed = check_components(sc, err) < 0 ||
		      expose_service(sc, SLOT_AUTH_SERVICE, plan->modes[COMP_AUTH], plan->auth_node_port, auth_address,
				     plan->auth_public_port) < 0 ||
		      expose_service(sc, SLOT_GATEWAY_SERVICE, plan->modes[COMP_GATEWAY], plan->gateway_node_port,
				     plan->public_address, plan->gateway_public_port) < 0;
	return failed ? -1 : 0;
}

int scenario_apply(struct scenario *sc, struct ls_error *err)
{
	const struct plan *plan = sc->plan;
	sc->gen = generation_of(sc->traits.generation);
	const struct value_place *api = &sc->gen->api_server_address;
	const struct argument advertise = {api->key, plan->advertise[0] ? plan->advertise : NULL};
	if (sc->gen->auth_server ? apply_v0_services(sc, err) < 0
				 : generation_check_v1_components(sc->gen, sc->inv, plan->advertise[0], &sc->notes, err) < 0)
		return -1;
	if (set_arguments(sc, api->slot, api->container, &advertise, 1) < 0 ||
	    (sc->gen->auth_server && apply_auth_override_arguments(sc, err) < 0))
		return -1;
	return scenario_apply_ingresses(sc, err);
}

/* ---- Ingresses ---- */

static bool routes_to(const struct ynode *ingress, const char *service)
{
	const struct ynode *rules = ymap_get(ymap_get(ingress, "spec"), "rules");
	for (const struct ynode *r = rules && rules->kind == YN_SEQ ? rules->first : NULL; r; r = r->next) {
		const struct ynode *paths = ymap_get(ymap_get(r, "http"), "paths");
		for (const struct ynode *p = paths && paths->kind == YN_SEQ ? paths->first : NULL; p; p = p->next)
			if (yscalar_is(ymap_get(ymap_get(ymap_get(p, "backend"), "service"), "name"), service))
				return true;
	}
	return false;
}

static const struct found_doc *existing_ingress(struct scenario *sc, const char *service, const char *ns)
{
	for (size_t i = 0; i < sc->inv->ingress_count; i++) {
		const struct found_doc *f = &sc->inv->ingresses[i];
		const struct ynode *namespace_node = ymap_get(ymap_get(f->root, "metadata"), "namespace");
		bool same_ns = ns ? yscalar_is(namespace_node, ns) : !namespace_node;
		if (same_ns && routes_to(f->root, service))
			return f;
	}
	return NULL;
}

static void new_file_name(struct scenario *sc, const char *suffix, char *out, size_t size)
{
	const struct found_doc *svc = &sc->inv->slots[sc->gen->anchor];
	const char *from = NULL;
	size_t len = 0;
	long g[4];
	if (sc->inv->helm4) {
		const struct ynode *v = ymap_get(ymap_get(ymap_get(svc->root, "metadata"), "annotations"), HELM4_FILENAME_KEY);
		if (v && v->kind == YN_SCALAR)
			from = v->text, len = v->len;
	} else if (patterns_match(sc->pat, PAT_SOURCE, sc->edit.input + svc->doc->start,
				  svc->root->start - svc->doc->start, g, 2)) {
		from = sc->edit.input + svc->doc->start + g[2];
		len = (size_t)(g[3] - g[2]);
	}
	out[0] = '\0';
	if (!from)
		return;
	size_t dir = len;
	while (dir > 0 && from[dir - 1] != '/')
		dir--;
	snprintf(out, size, "%.*s%s", (int)dir, from, suffix);
}

static int place_ingress(struct scenario *sc, const struct ingress_spec *spec, const char *suffix)
{
	const struct found_doc *old = existing_ingress(sc, spec->service, spec->namespace_name);
	struct buf body = {0}, doc = {0};
	int rc = ingress_render(spec, &body);
	const struct found_doc *svc = &sc->inv->slots[sc->gen->anchor];
	if (rc == 0 && old) {
		size_t from = old->root->start, to = yedit_next_line(&sc->edit, old->root->end);
		if (to - from != body.len || memcmp(sc->edit.input + from, body.data, body.len) != 0) {
			rc = changed(sc, old, "Ingress", "a different Ingress", "the scenario's Ingress");
			rc = rc < 0 ? rc : splices_add(sc->edit.splices, from, to - from, body.data, body.len);
		}
	} else if (rc == 0) {
		char file[512];
		new_file_name(sc, suffix, file, sizeof(file));
		size_t at = svc->doc->end;
		bool needs_eol = at == sc->edit.len && at > 0 && sc->edit.input[at - 1] != '\n' &&
				 !sc->edit.final_newline_added;
		sc->edit.final_newline_added |= needs_eol;
		rc = buf_printf(&doc, "%s---%s", needs_eol ? sc->edit.eol : "", sc->edit.eol);
		if (!sc->inv->helm4 && file[0])
			rc |= buf_printf(&doc, "# Source: %s%s", file, sc->edit.eol);
		rc |= buf_append(&doc, body.data, body.len);
		sc->change_count++;
		rc |= buf_printf(&sc->changes, "new document: Ingress %s%s%s for Service %s, host %s\n",
				 spec->namespace_name ? spec->namespace_name : "", spec->namespace_name ? "/" : "",
				 spec->name, spec->service, spec->host);
		rc = rc < 0 ? rc : splices_add(sc->edit.splices, at, 0, doc.data, doc.len);
	}
	buf_free(&body);
	buf_free(&doc);
	return rc < 0 ? err_set(sc->edit.err, LS_EXIT_IO, "out of memory") : 0;
}

static void base_spec(struct scenario *sc, struct ingress_spec *spec, char *file, size_t size, const char *suffix)
{
	const struct found_doc *svc = &sc->inv->slots[sc->gen->anchor];
	memset(spec, 0, sizeof(*spec));
	spec->input = sc->edit.input;
	spec->labels = ymap_get(ymap_get(svc->root, "metadata"), "labels");
	spec->ingress_class = sc->plan->ingress_class;
	spec->class_field = sc->traits.ingress_class_field;
	spec->compact_lists = sc->inv->helm4;
	spec->eol = sc->edit.eol;
	if (sc->inv->helm4) {
		new_file_name(sc, suffix, file, size);
		spec->helm4_filename = file[0] ? file : NULL;
	}
}

static void warn_unknown_class(struct scenario *sc, const char *what)
{
	buf_printf(&sc->notes, "%s: ingress class %s%s%s gets no TLS annotations; make sure the controller %s\n",
		   what, sc->plan->ingress_class ? "'" : "(none)", sc->plan->ingress_class ? sc->plan->ingress_class : "",
		   sc->plan->ingress_class ? "'" : "",
		   strcmp(what, "auth Ingress") == 0 ? "speaks HTTPS to the auth Service"
						     : "passes TLS through to the API server");
}

static int auth_ingress(struct scenario *sc)
{
	const struct found_doc *svc = &sc->inv->slots[SLOT_AUTH_SERVICE];
	const struct ynode *metadata = ymap_get(svc->root, "metadata");
	const struct ynode *ns = ymap_get(metadata, "namespace");
	const struct ynode *ports = ymap_get(ymap_get(svc->root, "spec"), "ports");
	const struct ynode *port = ymap_get(pick_port(ports, "TCP"), "port");
	const char *suffix = "liqo-scenario-auth-ingress.yaml";
	char file[512];
	struct ingress_spec spec;
	base_spec(sc, &spec, file, sizeof(file), suffix);
	spec.name = object_name(svc->root);
	spec.namespace_name = ns && ns->kind == YN_SCALAR ? ns->text : NULL;
	spec.label_keys = auth_label_keys;
	spec.host = sc->plan->auth_host;
	spec.service = spec.name;
	spec.port = port && port->kind == YN_SCALAR ? strtol(port->text, NULL, 10) : 443;
	spec.tls_secret = sc->plan->auth_tls_secret ? sc->plan->auth_tls_secret : spec.name;
	const struct ingress_class_traits *traits = find_class(sc->plan->ingress_class);
	if (traits)
		memcpy(spec.annotations, traits->auth_ingress, sizeof(traits->auth_ingress));
	else
		warn_unknown_class(sc, "auth Ingress");
	return place_ingress(sc, &spec, suffix);
}

static int api_server_ingress(struct scenario *sc, struct ls_error *err)
{
	const struct ingress_class_traits *traits = find_class(sc->plan->ingress_class);
	if (traits && !traits->can_pass_through)
		return err_set(err, LS_EXIT_USAGE, "--ingress-class %s: a Kubernetes Ingress of this class cannot pass "
			       "TLS through to the API server; use a class that can (nginx) or --api-server public-ip",
			       traits->name);
	const char *anchor_name = object_name(sc->inv->slots[sc->gen->anchor].root);
	char name[256];
	size_t base = strlen(anchor_name), cut = strlen(sc->gen->anchor_suffix);
	if (base >= cut && strcmp(anchor_name + base - cut, sc->gen->anchor_suffix) == 0)
		base -= cut;
	snprintf(name, sizeof(name), "%.*s-api-server", (int)base, anchor_name);
	const char *suffix = "liqo-scenario-api-server-ingress.yaml";
	char file[512];
	struct ingress_spec spec;
	base_spec(sc, &spec, file, sizeof(file), suffix);
	spec.name = name;
	spec.namespace_name = "default";
	spec.label_keys = api_label_keys;
	spec.host = sc->plan->api_server_host;
	spec.service = "kubernetes";
	spec.port = 443;
	if (traits)
		memcpy(spec.annotations, traits->passthrough, sizeof(traits->passthrough));
	else
		warn_unknown_class(sc, "API server Ingress");
	return place_ingress(sc, &spec, suffix);
}

static int scenario_apply_ingresses(struct scenario *sc, struct ls_error *err)
{
	if (sc->plan->modes[COMP_AUTH] == EXPOSE_INGRESS && auth_ingress(sc) < 0)
		return -1;
	if (sc->plan->modes[COMP_API_SERVER] == EXPOSE_INGRESS && api_server_ingress(sc, err) < 0)
		return -1;
	return 0;
}
