/* See lbedit.h. */
#include "lbedit.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "yamlquery.h"
#include "yamlquote.h"

/* What a field holds, as messages show it: NULL when it is absent, a list
 * as "[a, b]" (built in `text`) to compare with the wanted one. Returns -1
 * when memory is exhausted. */
static int current_text(const struct ynode *current, struct buf *text, const char **out)
{
	*out = edit_scalar_text(current);
	if (!current || current->kind != YN_SEQ)
		return 0;
	int rc = buf_puts(text, "[");
	for (const struct ynode *i = current->first; i; i = i->next)
		rc |= buf_printf(text, "%s%s", i == current->first ? "" : ", ", i->kind == YN_SCALAR ? i->text : "?");
	rc |= buf_puts(text, "]");
	*out = text->data;
	return rc;
}

static const char *rendered(struct buf *quoted, const struct lb_field *field)
{
	if (field->yaml)
		return field->yaml;
	if (yaml_plain_safe(field->value))
		return field->value;
	return yaml_double_quoted(quoted, field->value);
}

/* Sets every field the flags give on one spec mapping, in one edit. */
static int set_fields(struct edit_context *ec, const struct found_doc *f, const struct ynode *spec,
		      const struct lb_field *fields, size_t n, const char *prefix)
{
	struct kv kvs[LB_FIELD_COUNT];
	struct buf quoted[LB_FIELD_COUNT] = {{0}};
	size_t count = 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!fields[i].value)
			continue;
		struct buf text = {0}, name = {0}, why = {0};
		const char *found;
		if (current_text(ymap_get(spec, fields[i].key), &text, &found) < 0)
			rc = edit_out_of_memory(ec);
		else if (found && strcmp(found, fields[i].value) == 0)
			rc = 0;
		else if (buf_printf(&name, "%s%s", prefix, fields[i].key) < 0 ||
			 buf_printf(&why, "(%s sets it)", fields[i].flag) < 0)
			rc = edit_out_of_memory(ec);
		else if ((rc = edit_changed(ec, f, name.data, found, fields[i].value, why.data)) == 0) {
			kvs[count].key = fields[i].key;
			kvs[count].value = rendered(&quoted[i], &fields[i]);
			if (!kvs[count++].value)
				rc = edit_out_of_memory(ec);
		}
		buf_free(&text);
		buf_free(&name);
		buf_free(&why);
	}
	if (rc == 0 && count)
		rc = yedit_map_apply(&ec->edit, spec, kvs, count);
	for (size_t i = 0; i < LB_FIELD_COUNT; i++)
		buf_free(&quoted[i]);
	return rc;
}

static int warn_taken_ports(struct edit_context *ec, const struct found_doc *f, const struct ynode *spec)
{
	const struct provider *p = &ec->lb->provider;
	const struct ynode *ports = ymap_get(spec, "ports");
	for (size_t t = 0; ec->lb->has_provider && t < p->taken_count; t++)
		for (const struct ynode *port = ports ? ports->first : NULL; port; port = port->next) {
			const struct ynode *proto = ymap_get(port, "protocol");
			char number[16];
			snprintf(number, sizeof(number), "%ld", p->taken[t].port);
			if (edit_integer_is(ymap_get(port, "port"), p->taken[t].port) &&
			    (proto ? yscalar_is(proto, p->taken[t].protocol) : strcmp(p->taken[t].protocol, "TCP") == 0) &&
			    note_printf(&ec->notes, "document %zu, Service %s: a LoadBalancer on %s port %s on %s: %s\n",
				       f->doc->number, object_name(f->root), p->taken[t].protocol, number, p->title,
				       p->taken[t].by) < 0)
				return edit_out_of_memory(ec);
		}
	return 0;
}

/* Every field on a LoadBalancer; on a NodePort Service only the traffic
 * policy, the one Kubernetes takes there too (Local keeps client addresses
 * on node ports as well). */
int lb_apply_service(struct edit_context *ec, const struct found_doc *f, const struct ynode *spec, enum slot slot,
		     const char *type)
{
	if (!ec->lb)
		return 0;
	struct lb_field fields[LB_FIELD_COUNT];
	lb_fields(ec->lb, lb_service_of(ec->lb, slot), fields);
	if (strcmp(type, "NodePort") == 0)
		return set_fields(ec, f, spec, fields, 1, "spec.");
	if (strcmp(type, "LoadBalancer") != 0)
		return 0;
	if (warn_taken_ports(ec, f, spec) < 0)
		return -1;
	return set_fields(ec, f, spec, fields, LB_FIELD_COUNT, "spec.");
}

/* Annotation keys that pin one address: on the v1 template they would give
 * every peering's Service the same one. */
static const char *const address_annotations[] = {
	"metallb.universe.tf/loadBalancerIPs", "metallb.universe.tf/load-balancer-ips",
	"kube-vip.io/loadbalancerIPs", "service.beta.kubernetes.io/azure-load-balancer-ipv4",
	"service.beta.kubernetes.io/azure-load-balancer-ipv6", "networking.gke.io/load-balancer-ip-addresses",
};

static bool pins_address(const char *key)
{
	for (size_t i = 0; i < sizeof(address_annotations) / sizeof(address_annotations[0]); i++)
		if (strcmp(key, address_annotations[i]) == 0)
			return true;
	return false;
}

static int template_annotations(struct edit_context *ec, const struct found_doc *f, const struct ynode *metadata)
{
	const struct lb_service *svc = &ec->lb->gateway;
	struct annotation_change ac = {0};
	const struct ynode *annotations = ymap_get(metadata, "annotations");
	for (size_t i = 0; i < svc->annotation_count; i++) {
		const struct lb_annotation *a = &svc->annotations[i];
		int rc = pins_address(a->key) &&
			 note_printf(&ec->notes, "the gateway server template gets %s %s: every gateway Service made from "
				    "it asks for that address, so it can serve one peering only\n", a->key, a->value) < 0
			 ? edit_out_of_memory(ec) : 0;
		if (rc < 0 || edit_want_annotation(ec, f, annotations, &ac, a->key, a->value, a->why) < 0) {
			annotation_change_free(&ac);
			return -1;
		}
	}
	return edit_apply_annotations(ec, metadata, &ac);
}

static bool any_lb_field(const struct settings *s)
{
	return s->allocate_node_ports || s->source_ranges || s->load_balancer_class || s->traffic_policy;
}

/* Fields the template holds for every peering: written only when this
 * cluster's gateway cell is LoadBalancer, removed otherwise (a NodePort
 * peering's Service would be refused with them). */
static int template_fields(struct edit_context *ec, const struct found_doc *f, const struct ynode *spec)
{
	static const char prefix[] = "spec.template.spec.service.spec.";
	struct lb_field fields[LB_FIELD_COUNT];
	lb_fields(ec->lb, NULL, fields);  /* no loadBalancerIP: each peering has its own */
	if (ec->plan->modes[COMP_GATEWAY] == EXPOSE_LOADBALANCER) {
		if (any_lb_field(ec->lb->s) &&
		    note_printf(&ec->notes, "the gateway server template gets the load-balancer settings: every peering "
			       "whose gateway server runs here must then use a LoadBalancer Service (liqoctl's default)\n") < 0)
			return edit_out_of_memory(ec);
		return set_fields(ec, f, spec, fields, LB_FIELD_COUNT, prefix);
	}
	static const char *const bound[] = {"allocateLoadBalancerNodePorts", "loadBalancerSourceRanges",
					    "loadBalancerClass", "externalTrafficPolicy", "healthCheckNodePort"};
	char why[160];
	snprintf(why, sizeof(why), "(the Network gateway cell is %s: a peering's NodePort Service would be refused with it)",
		 exposure_title(ec->plan->modes[COMP_GATEWAY]));
	int rc = 0;
	for (size_t i = 0; i < sizeof(bound) / sizeof(bound[0]) && rc == 0; i++) {
		const struct ynode *current = ymap_get(spec, bound[i]);
		if (!current)
			continue;
		struct buf text = {0}, name = {0};
		const char *found;
		struct kv kv = {bound[i], NULL};
		if (current_text(current, &text, &found) < 0 || buf_printf(&name, "%s%s", prefix, bound[i]) < 0)
			rc = edit_out_of_memory(ec);
		else if (edit_changed(ec, f, name.data, found, NULL, why) < 0 || yedit_map_apply(&ec->edit, spec, &kv, 1) < 0)
			rc = -1;
		buf_free(&text);
		buf_free(&name);
	}
	return rc;
}

int lb_apply_template(struct edit_context *ec)
{
	const struct found_doc *f = &ec->inv->slots[ec->gen->components[COMP_GATEWAY].object];
	if (!ec->lb || !f->doc)
		return 0;
	ec->serving = COMP_GATEWAY;
	ec->edit.document = f->doc->number;
	const struct ynode *service = ymap_get(ymap_get(ymap_get(ymap_get(f->root, "spec"), "template"), "spec"),
					       "service");
	const struct ynode *metadata = ymap_get(service, "metadata"), *spec = ymap_get(service, "spec");
	bool annotates = ec->lb->gateway.annotation_count > 0;
	if (annotates && (!metadata || metadata->kind != YN_MAP || metadata->has_anchor_or_tag))
		return yedit_shape_error(&ec->edit, metadata ? metadata : service ? service : f->root,
					 "spec.template.spec.service.metadata must be a plain mapping to carry annotations");
	if (spec && (spec->kind != YN_MAP || spec->has_anchor_or_tag))
		return yedit_shape_error(&ec->edit, spec, "spec.template.spec.service.spec must be a plain mapping");
	if (annotates && template_annotations(ec, f, metadata) < 0)
		return -1;
	return spec ? template_fields(ec, f, spec) : 0;
}
