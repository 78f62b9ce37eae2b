/* See renderfacts.h. Object shapes of the Liqo chart v1.0.0 to v1.2.0:
 * liqo-clusterid-configmap.yaml (data.CLUSTER_ID), liqo-ipam-networks.yaml
 * (label ipam.liqo.io/network-type, spec.cidr), the remote-controlplane
 * ClusterRole of liqo-remote-controlplane-rbac.yaml and the controller
 * manager's ClusterRoleBindings, whose ServiceAccount subject carries
 * .Release.Namespace (liqo-controller-manager-rbac.yaml). */
#include "renderfacts.h"

#include <stdlib.h>
#include <string.h>

#include "generation.h"
#include "yamlquery.h"

struct reading {
	struct render_facts *facts;
	bool has_configmap;
};

static const char *const kinds[] = {"Service", "Deployment", "Ingress", "WgGatewayServerTemplate",
				    "WgGatewayClientTemplate", "ConfigMap", "Network", "ClusterRole",
				    "ClusterRoleBinding", NULL};

/* A scalar's text, owned; NULL for anything else or when memory runs out. */
static char *text_of(const struct ynode *node)
{
	return node && node->kind == YN_SCALAR ? strndup(node->text, node->len) : NULL;
}

static const struct ynode *label(const struct ynode *root, const char *key)
{
	return ymap_get(ymap_get(ymap_get(root, "metadata"), "labels"), key);
}

static int oom(struct ls_error *err)
{
	return err_set(err, LS_EXIT_IO, "out of memory");
}

static int take_cluster_id(struct reading *r, const struct ydoc *doc, struct ls_error *err)
{
	if (r->has_configmap)
		return err_set(err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: a second liqo-clusterid-configmap",
			       r->facts->inv.input_name, doc->number, doc->root->line + 1, doc->root->column + 1);
	r->has_configmap = true;
	const struct ynode *id = ymap_get(ymap_get(doc->root, "data"), "CLUSTER_ID");
	if (id && id->kind == YN_SCALAR && id->len && !(r->facts->cluster_id = text_of(id)))
		return oom(err);
	return 0;
}

static int take_network(struct reading *r, const struct ydoc *doc, struct ls_error *err)
{
	const struct ynode *type = label(doc->root, "ipam.liqo.io/network-type");
	const struct ynode *cidr = ymap_get(ymap_get(doc->root, "spec"), "cidr");
	if (!cidr || cidr->kind != YN_SCALAR || cidr->len == 0)
		return 0;
	struct render_facts *f = r->facts;
	if (yscalar_is(type, "pod-cidr") && f->pod_cidr_count < FACTS_MAX_CIDRS) {
		if (!(f->pod_cidrs[f->pod_cidr_count++] = text_of(cidr)))
			return oom(err);
	} else if (yscalar_is(type, "external-cidr")) {
		if (f->external_cidr)
			return err_set(err, LS_EXIT_INPUT, "%s: document %zu: a second external-cidr Network",
				       r->facts->inv.input_name, doc->number);
		if (!(f->external_cidr = text_of(cidr)))
			return oom(err);
		f->external_pinned = yscalar_is(label(doc->root, "ipam.liqo.io/network-not-remapped"), "true");
	}
	return 0;
}

static int take_namespace(struct reading *r, const struct ydoc *doc, struct ls_error *err)
{
	const struct ynode *subjects = ymap_get(doc->root, "subjects");
	for (const struct ynode *s = subjects && subjects->kind == YN_SEQ ? subjects->first : NULL; s; s = s->next) {
		const struct ynode *ns = ymap_get(s, "namespace");
		if (!r->facts->namespace && yscalar_is(ymap_get(s, "kind"), "ServiceAccount") && ns &&
		    ns->kind == YN_SCALAR && ns->len && !(r->facts->namespace = text_of(ns)))
			return oom(err);
	}
	return 0;
}

/* The first such object's name; one without a name as text is not taken. */
static int take_name(char **into, const struct ydoc *doc, struct ls_error *err)
{
	const struct ynode *name = ymap_get(ymap_get(doc->root, "metadata"), "name");
	if (*into || !name || name->kind != YN_SCALAR || name->len == 0)
		return 0;
	return (*into = text_of(name)) ? 0 : oom(err);
}

static int take(void *ctx, struct ydoc *doc, bool *keep, struct ls_error *err)
{
	struct reading *r = ctx;
	if (inventory_take(&r->facts->inv, doc, keep, err) < 0)
		return -1;
	const struct ynode *root = doc->root;
	const struct ynode *kind = ymap_get(root, "kind");
	const struct ynode *app = label(root, "app.kubernetes.io/name");
	const struct ynode *name = ymap_get(ymap_get(root, "metadata"), "name");
	if (yscalar_is(kind, "ConfigMap") && yscalar_is(app, "clusterid-configmap"))
		return take_cluster_id(r, doc, err);
	if (yscalar_is(kind, "Network"))
		return take_network(r, doc, err);
	if (yscalar_is(kind, "ClusterRole") && yscalar_is(app, "remote-controlplane"))
		return take_name(&r->facts->remote_controlplane, doc, err);
	if (yscalar_is(kind, "ClusterRoleBinding") && yscalar_is(app, "controller-manager"))
		return take_namespace(r, doc, err);
	if (yscalar_is(kind, "WgGatewayClientTemplate") && yscalar_is(name, "wireguard-client"))
		return take_name(&r->facts->client_template, doc, err);
	return 0;
}

static int take_server_template(const struct inventory *inv, struct render_facts *f, struct ls_error *err)
{
	const struct found_doc *t = &inv->slots[SLOT_GATEWAY_TEMPLATE];
	if (!t->doc)
		return 0;
	peering_template_read(t->root, &f->server_fields);
	return (f->server_template = strdup(object_name(t->root))) ? 0 : oom(err);
}

int render_facts_read(const char *name, const char *text, size_t len, const struct ylimits *limits,
		      struct patterns *pat, struct render_facts *out, struct buf *notes, struct ls_error *err)
{
	memset(out, 0, sizeof(*out));
	struct reading r = {.facts = out};
	out->inv = (struct inventory){.input_name = name, .pat = pat};
	struct version_traits traits;
	int rc = yparse_stream(name, text, len, limits, kinds, take, &r, err);
	if (rc == 0)
		rc = generation_detect(&out->inv, pat, NULL, &out->version, &traits, notes, err);
	if (rc == 0 && traits.generation != GEN_V1)
		rc = err_set(err, LS_EXIT_INPUT, "%s: Liqo %s: a declarative peering is made of Liqo v1 resources; "
			     "earlier releases peer through their auth servers", name, out->inv.version);
	if (rc == 0 && !(out->version_text = strdup(out->inv.version ? out->inv.version : "")))
		rc = oom(err);
	if (rc == 0)
		rc = take_server_template(&out->inv, out, err);
	return rc;
}

void render_facts_free(struct render_facts *f)
{
	free(f->version_text);
	free(f->namespace);
	free(f->cluster_id);
	for (size_t i = 0; i < f->pod_cidr_count; i++)
		free(f->pod_cidrs[i]);
	free(f->external_cidr);
	free(f->server_template);
	free(f->client_template);
	free(f->remote_controlplane);
	inventory_free(&f->inv);
	memset(f, 0, sizeof(*f));
}
