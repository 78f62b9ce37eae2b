/* See inventory.h. */
#include "inventory.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yamlint.h"
#include "yamlquery.h"

const char *const slot_titles[SLOT_COUNT] = {
	[SLOT_AUTH_SERVICE] = "auth Service (label run: auth-service)",
	[SLOT_GATEWAY_SERVICE] = "gateway Service (label net.liqo.io/gateway: \"true\")",
	[SLOT_AUTH_DEPLOYMENT] = "auth Deployment (label app.kubernetes.io/name: auth)",
	[SLOT_CONTROLLER_MANAGER] = "controller-manager Deployment (label app.kubernetes.io/name: controller-manager)",
	[SLOT_GATEWAY_TEMPLATE] = "WgGatewayServerTemplate wireguard-server",
	[SLOT_CLUSTER_ID] = "cluster-ID ConfigMap (label app.kubernetes.io/name: clusterid-configmap)",
	[SLOT_RECORD] = "ConfigMap liqo-scenario (label app.kubernetes.io/name: liqo-scenario)",
};

/* liqoctl names the gateway server template it uses; other templates
 * (the chart's EKS one of v1.0 and v1.1) serve other peerings. */
static const char GATEWAY_TEMPLATE_KIND[] = "WgGatewayServerTemplate";
static const char GATEWAY_TEMPLATE_NAME[] = "wireguard-server";

const char HELM4_FILENAME_KEY[] = "postrenderer.helm.sh/postrender-filename";

/* ConfigMaps: the chart's cluster ID (--cluster-id) and an earlier run's
 * record (--record) live in them. */
const char *const inventory_kinds[] = {"Service", "Deployment", "Ingress", GATEWAY_TEMPLATE_KIND, "List", "ConfigMap",
				       NULL};

static const struct {
	const char *kind;
	const char *label;
	const char *value;
	enum slot slot;
} rules[] = {
	{"Service", "run", "auth-service", SLOT_AUTH_SERVICE},
	{"Service", "net.liqo.io/gateway", "true", SLOT_GATEWAY_SERVICE},
	{"Deployment", "app.kubernetes.io/name", "auth", SLOT_AUTH_DEPLOYMENT},
	{"Deployment", "app.kubernetes.io/name", "controller-manager", SLOT_CONTROLLER_MANAGER},
	{"ConfigMap", "app.kubernetes.io/name", "clusterid-configmap", SLOT_CLUSTER_ID},
	{"ConfigMap", "app.kubernetes.io/name", "liqo-scenario", SLOT_RECORD},
};

const char *object_name(const struct ynode *root)
{
	const struct ynode *name = ymap_get(ymap_get(root, "metadata"), "name");
	return name && name->kind == YN_SCALAR ? name->text : "?";
}

/* Another chart of an umbrella release may use the same names and labels;
 * only what the Liqo chart labels as its own is a component. Every release
 * labels its objects part-of: liqo, or part-of: NAME under nameOverride=NAME,
 * which renames the objects and that label but leaves helm.sh/chart as the
 * chart's own name and version ("liqo-v1.2.0"). */
static bool liqo_chart_label(struct patterns *pat, const struct ynode *labels)
{
	const struct ynode *chart = ymap_get(labels, "helm.sh/chart");
	long g[2];
	return chart && chart->kind == YN_SCALAR && chart->len > 5 && memcmp(chart->text, "liqo-", 5) == 0 &&
	       patterns_match(pat, PAT_CHART_LABEL, chart->text, chart->len, g, 1);
}

bool inventory_is_liqo(struct patterns *pat, const struct ynode *labels)
{
	const struct ynode *part_of = ymap_get(labels, "app.kubernetes.io/part-of");
	if (!part_of || part_of->kind != YN_SCALAR)
		return false;
	return yscalar_is(part_of, "liqo") || liqo_chart_label(pat, labels);
}

static int keep_doc(struct inventory *inv, struct ydoc *doc, bool *keep, struct ls_error *err)
{
	if (*keep)
		return 0;
	struct ydoc **grown = realloc(inv->kept, (inv->kept_count + 1) * sizeof(*grown));
	if (!grown)
		return err_set(err, LS_EXIT_IO, "out of memory");
	inv->kept = grown;
	inv->kept[inv->kept_count++] = doc;
	*keep = true;
	return 0;
}

/* rank: 0 for any labelled object, then the components that name the
 * chart's own version (the controller manager, above it the auth Service),
 * so another chart's objects in an umbrella render do not decide it. */
static int note_version(struct inventory *inv, const struct ynode *labels, int rank, struct ls_error *err)
{
	if (inv->version && rank <= inv->version_rank)
		return 0;
	const char *keys[] = {"app.kubernetes.io/version", "helm.sh/chart"};
	for (size_t i = 0; i < 2; i++) {
		const struct ynode *v = ymap_get(labels, keys[i]);
		long g[2];
		if (v && v->kind == YN_SCALAR && patterns_match(inv->pat, PAT_VERSION, v->text, v->len, g, 1)) {
			char *copy = strndup(v->text, v->len);
			if (!copy)
				return err_set(err, LS_EXIT_IO, "out of memory");
			free(inv->version);
			inv->version = copy;
			inv->version_rank = rank;
			return 0;
		}
	}
	return 0;
}

static int claim(struct inventory *inv, enum slot slot, struct ydoc *doc, bool *keep, struct ls_error *err)
{
	struct found_doc *f = &inv->slots[slot];
	if (f->doc)
		return err_set(err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: a second %s; document %zu is one already",
			       inv->input_name, doc->number, doc->root->line + 1, doc->root->column + 1,
			       slot_titles[slot], f->doc->number);
	/* Kubernetes' reader merges `<<` keys into their mapping; this program
	 * never expands them (an alias's target may be shared), so the rules
	 * could not see, change or remove the keys one brings: refused. */
	const struct ynode *merge = ynode_find_merge_key(doc->root);
	if (merge)
		return err_set(err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: merge key '<<' in the %s: merge keys are "
			       "not expanded, so the scenario could not apply its rules to the keys it brings; write them "
			       "in the mapping itself", inv->input_name, doc->number, merge->line + 1, merge->column + 1,
			       slot_titles[slot]);
	f->doc = doc;
	f->root = doc->root;
	return keep_doc(inv, doc, keep, err);
}

static int take_ingress(struct inventory *inv, struct ydoc *doc, bool *keep, struct ls_error *err)
{
	struct found_doc *grown = realloc(inv->ingresses, (inv->ingress_count + 1) * sizeof(*grown));
	if (!grown)
		return err_set(err, LS_EXIT_IO, "out of memory");
	inv->ingresses = grown;
	inv->ingresses[inv->ingress_count++] = (struct found_doc){doc, doc->root};
	return keep_doc(inv, doc, keep, err);
}

/* A node port pinned for a component must not be one another Service of the
 * same install holds: the API server refuses the second, whatever the
 * protocols. Only the numbers are kept, not the documents. */
/* A node port as the API server reads it (see yamlint.h), or 0 for none:
 * a quoted or tagged one is no number there. The text is still borrowed
 * from the input, so it is read by its length. */
static long node_port_value(const struct ynode *node)
{
	long value = 0;
	if (!node || node->kind != YN_SCALAR || node->style != YS_PLAIN || node->has_anchor_or_tag ||
	    !yaml_k8s_integer(node->text, node->len, &value) || value < 1 || value > 65535)
		return 0;
	return value;
}

static int note_node_ports(struct inventory *inv, const struct ydoc *doc, const struct ynode *service,
			   struct ls_error *err)
{
	const struct ynode *ports = ymap_get(ymap_get(service, "spec"), "ports");
	for (const struct ynode *p = ports && ports->kind == YN_SEQ ? ports->first : NULL; p; p = p->next) {
		long port = node_port_value(ymap_get(p, "nodePort"));
		/* Kubernetes merges a `<<: {nodePort: N}` into the port; a merge
		 * through an alias is not followed (aliases are never expanded). */
		const struct ynode *merged = ymap_get(p, "<<");
		if (port == 0 && merged && merged->kind == YN_MAP)
			port = node_port_value(ymap_get(merged, "nodePort"));
		if (port == 0)
			continue;
		if (inv->node_port_count == inv->node_port_cap) {
			size_t cap = inv->node_port_cap ? 2 * inv->node_port_cap : 8;
			struct taken_node_port *grown = realloc(inv->node_ports, cap * sizeof(*grown));
			if (!grown)
				return err_set(err, LS_EXIT_IO, "out of memory");
			inv->node_ports = grown;
			inv->node_port_cap = cap;
		}
		struct taken_node_port *t = &inv->node_ports[inv->node_port_count++];
		t->port = port;
		t->document = doc->number;
		const struct ynode *name = ymap_get(ymap_get(service, "metadata"), "name");
		bool named = name && name->kind == YN_SCALAR;
		t->service = named ? strndup(name->text, name->len) : strdup("?");
		if (!t->service) {
			inv->node_port_count--;
			return err_set(err, LS_EXIT_IO, "out of memory");
		}
	}
	return 0;
}

/* A `kind: List` (what `kubectl get -o yaml` writes) holds its objects in
 * items; the Services among them hold their node ports as any other. */
static int note_listed_node_ports(struct inventory *inv, const struct ydoc *doc, struct ls_error *err)
{
	const struct ynode *items = ymap_get(doc->root, "items");
	for (const struct ynode *o = items && items->kind == YN_SEQ ? items->first : NULL; o; o = o->next)
		if (yscalar_is(ymap_get(o, "kind"), "Service") && note_node_ports(inv, doc, o, err) < 0)
			return -1;
	return 0;
}

int inventory_want(struct inventory *inv, const struct object_key *keys, size_t count)
{
	inv->wanted = keys;
	inv->wanted_count = count;
	inv->wanted_found = count ? calloc(count, sizeof(*inv->wanted_found)) : NULL;
	return count && !inv->wanted_found ? -1 : 0;
}

size_t inventory_kinds_with_wanted(const struct inventory *inv, const char **out, size_t cap)
{
	size_t n = 0;
	for (const char *const *k = inventory_kinds; *k && n + 1 < cap; k++)
		out[n++] = *k;
	for (size_t i = 0; i < inv->wanted_count && n + 1 < cap; i++) {
		bool listed = false;
		for (size_t j = 0; j < n && !listed; j++)
			listed = strcmp(out[j], inv->wanted[i].kind) == 0;
		if (!listed)
			out[n++] = inv->wanted[i].kind;
	}
	out[n] = NULL;
	return n;
}

/* A wanted object may also be a component (the controller manager): the
 * document is kept once and found under both. */
static int take_wanted(struct inventory *inv, struct ydoc *doc, const struct ynode *kind, const struct ynode *labels,
		       bool *keep, struct ls_error *err)
{
	const struct ynode *name = ymap_get(labels, "app.kubernetes.io/name");
	for (size_t i = 0; i < inv->wanted_count; i++) {
		if (!yscalar_is(kind, inv->wanted[i].kind) || !yscalar_is(name, inv->wanted[i].name))
			continue;
		struct found_doc *f = &inv->wanted_found[i];
		if (f->doc)
			return err_set(err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: a second %s labelled "
				       "app.kubernetes.io/name: %s; document %zu is one already", inv->input_name,
				       doc->number, doc->root->line + 1, doc->root->column + 1, inv->wanted[i].kind,
				       inv->wanted[i].name, f->doc->number);
		*f = (struct found_doc){doc, doc->root};
		return keep_doc(inv, doc, keep, err);
	}
	return 0;
}

int inventory_take(void *ctx, struct ydoc *doc, bool *keep, struct ls_error *err)
{
	struct inventory *inv = ctx;
	const struct ynode *root = doc->root;
	const struct ynode *kind = ymap_get(root, "kind");
	const struct ynode *metadata = ymap_get(root, "metadata");
	if (root && root->kind != YN_NULL)
		inv->documents++;
	if (yscalar_is(kind, "List"))
		return note_listed_node_ports(inv, doc, err);
	if (!kind || kind->kind != YN_SCALAR || !metadata || metadata->kind != YN_MAP)
		return 0;
	if (!inv->helm4 && ymap_get(ymap_get(metadata, "annotations"), HELM4_FILENAME_KEY))
		inv->helm4 = true;
	const struct ynode *labels = ymap_get(metadata, "labels");
	if (yscalar_is(kind, "Ingress"))
		return take_ingress(inv, doc, keep, err);
	if (yscalar_is(kind, "Service") && note_node_ports(inv, doc, root, err) < 0)
		return -1;

	if (yscalar_is(kind, GATEWAY_TEMPLATE_KIND))
		return yscalar_is(ymap_get(metadata, "name"), GATEWAY_TEMPLATE_NAME) ?
			       claim(inv, SLOT_GATEWAY_TEMPLATE, doc, keep, err) : 0;
	if (!labels || labels->kind != YN_MAP)
		return 0;
	if (note_version(inv, labels, 0, err) < 0)
		return -1;
	bool liqo = inventory_is_liqo(inv->pat, labels);
	/* An object with the chart's label alone is no component, but it says
	 * the input is a Liqo render (of a version refused later, maybe). */
	if (liqo || liqo_chart_label(inv->pat, labels))
		inv->liqo_objects++;
	if (!liqo)
		return 0;
	if (inv->wanted_count && take_wanted(inv, doc, kind, labels, keep, err) < 0)
		return -1;
	int matched = -1;
	for (size_t i = 0; i < sizeof(rules) / sizeof(rules[0]); i++) {
		if (!yscalar_is(kind, rules[i].kind) || !yscalar_is(ymap_get(labels, rules[i].label), rules[i].value))
			continue;
		if (matched >= 0)
			return err_set(err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: one object labelled as two components: %s and %s",
				       inv->input_name, doc->number, root->line + 1, root->column + 1,
				       slot_titles[rules[matched].slot], slot_titles[rules[i].slot]);
		matched = (int)i;
	}
	if (matched < 0)
		return 0;
	if ((rules[matched].slot == SLOT_AUTH_SERVICE || rules[matched].slot == SLOT_CONTROLLER_MANAGER) &&
	    note_version(inv, labels, rules[matched].slot == SLOT_AUTH_SERVICE ? 2 : 1, err) < 0)
		return -1;
	return claim(inv, rules[matched].slot, doc, keep, err);
}

int inventory_require_liqo(const struct inventory *inv, struct ls_error *err)
{
	if (inv->documents == 0)
		return err_set(err, LS_EXIT_INPUT, "%s: the input is empty (no document, or only empty ones); give it the rendered Liqo "
			       "chart (helm template ... | liqo-scenario ...)", inv->input_name);
	if (inv->liqo_objects == 0 && !inv->slots[SLOT_GATEWAY_TEMPLATE].doc)
		return err_set(err, LS_EXIT_INPUT, "%s: no Liqo object in the input: no Service or Deployment is "
			       "labelled as the Liqo chart labels its own (app.kubernetes.io/part-of: liqo, "
			       "helm.sh/chart: liqo-VERSION); is it the rendered Liqo chart?", inv->input_name);
	return 0;
}

void inventory_free(struct inventory *inv)
{
	for (size_t i = 0; i < inv->kept_count; i++)
		ydoc_free(inv->kept[i]);
	free(inv->kept);
	free(inv->ingresses);
	free(inv->wanted_found);
	inv->wanted_found = NULL;
	inv->wanted_count = 0;
	for (size_t i = 0; i < inv->node_port_count; i++)
		free(inv->node_ports[i].service);
	free(inv->node_ports);
	inv->node_ports = NULL;
	free(inv->version);
	inv->version = NULL;
	inv->node_port_count = inv->node_port_cap = 0;
	inv->kept = NULL;
	inv->ingresses = NULL;
	inv->kept_count = inv->ingress_count = 0;
}
