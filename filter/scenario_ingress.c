/* See scenario_ingress.h. The chart's own auth Ingress is rewritten where
 * the chart put it rather than moved next to the auth Service: the diff a
 * reviewer reads is then the lines that changed, and Helm 3 keeps filing it
 * under the chart's template. */
#include "scenario_ingress.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "ingress.h"
#include "yamlquery.h"

static const char *const auth_label_keys[] = {
	"app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component",
	"app.kubernetes.io/part-of", "helm.sh/chart", "app.kubernetes.io/version",
	"app.kubernetes.io/managed-by", NULL,
};
static const char *const api_label_keys[] = {
	"app.kubernetes.io/part-of", "helm.sh/chart", "app.kubernetes.io/version",
	"app.kubernetes.io/managed-by", NULL,
};

#define NGINX_BACKEND_PROTOCOL "nginx.ingress.kubernetes.io/backend-protocol"
#define NGINX_SSL_PASSTHROUGH "nginx.ingress.kubernetes.io/ssl-passthrough"

/* What an Ingress controller needs to be told about a TLS backend. */
static const struct ingress_class_traits {
	const char *name;
	struct kv auth_tls[1];    /* on the auth Ingress when the auth server serves TLS */
	struct kv passthrough[2]; /* on the API server Ingress */
	bool can_pass_through;
} class_traits[] = {
	{"nginx", {{NGINX_BACKEND_PROTOCOL, "\"HTTPS\""}},
	 {{NGINX_SSL_PASSTHROUGH, "\"true\""}, {NGINX_BACKEND_PROTOCOL, "\"HTTPS\""}}, true},
	{"traefik", {{NULL, NULL}}, {{NULL, NULL}}, false},
};

/* Annotation keys whose values the scenario derives: they are never carried
 * over from an Ingress it rewrites. */
static const char *const derived_annotations[] = {
	NGINX_BACKEND_PROTOCOL, NGINX_SSL_PASSTHROUGH, "kubernetes.io/ingress.class", HELM4_FILENAME_KEY, NULL,
};
/* Of those, the ones a cell asks for: an Ingress is compared on them. */
static const char *const cell_annotations[] = {NGINX_BACKEND_PROTOCOL, NGINX_SSL_PASSTHROUGH, NULL};

enum target { TARGET_AUTH, TARGET_API_SERVER, TARGET_COUNT };

static const char *const target_titles[TARGET_COUNT] = {"auth server", "API server"};

static const struct ingress_class_traits *find_class(const char *name)
{
	for (size_t i = 0; name && i < sizeof(class_traits) / sizeof(class_traits[0]); i++)
		if (strcmp(class_traits[i].name, name) == 0)
			return &class_traits[i];
	return NULL;
}

static const struct ynode *first_item(const struct ynode *seq)
{
	return seq && seq->kind == YN_SEQ ? seq->first : NULL;
}

static bool routes_to(const struct ynode *ingress, const char *service)
{
	for (const struct ynode *r = first_item(ymap_get(ymap_get(ingress, "spec"), "rules")); r; r = r->next)
		for (const struct ynode *p = first_item(ymap_get(ymap_get(r, "http"), "paths")); p; p = p->next)
			if (yscalar_is(ymap_get(ymap_get(ymap_get(p, "backend"), "service"), "name"), service))
				return true;
	return false;
}

static const struct ynode *namespace_of(const struct ynode *root)
{
	const struct ynode *ns = ymap_get(ymap_get(root, "metadata"), "namespace");
	return ns && ns->kind == YN_SCALAR ? ns : NULL;
}

static bool same_namespace(const struct ynode *a, const struct ynode *b)
{
	return a && b ? strcmp(a->text, b->text) == 0 : a == b;
}

/* Which of the scenario's Services the Ingress fronts, or -1. */
static int target_of(const struct edit_context *ec, const struct ynode *root)
{
	const struct ynode *auth = ec->inv->slots[SLOT_AUTH_SERVICE].root;
	if (auth && same_namespace(namespace_of(root), namespace_of(auth)) && routes_to(root, object_name(auth)))
		return TARGET_AUTH;
	if (yscalar_is(namespace_of(root), "default") && routes_to(root, "kubernetes"))
		return TARGET_API_SERVER;
	return -1;
}

/* The chart's own Ingress and the filter's are labelled as the chart labels
 * its objects, nameOverride or not. */
static bool part_of_liqo(const struct edit_context *ec, const struct ynode *root)
{
	return inventory_is_liqo(ec->pat, ymap_get(ymap_get(root, "metadata"), "labels"));
}

static int remove_ingress(struct edit_context *ec, const struct found_doc *f, const char *why)
{
	if (edit_removed_object(ec, f, why) < 0)
		return -1;
	return splices_add(ec->edit.splices, f->doc->start, f->doc->end - f->doc->start, "", 0) < 0
		? edit_out_of_memory(ec) : 0;
}

/* New Ingresses go after the auth Service: the auth Ingress right after it,
 * the API server's after the scenario's Ingresses that already follow it.
 * The auth Ingress then comes first whichever of the two was there before,
 * so switching scenarios ends where a fresh render does. */
static size_t after_scenario_ingresses(const struct edit_context *ec, size_t at)
{
	for (size_t i = 0; i < ec->inv->ingress_count; i++) {
		const struct found_doc *f = &ec->inv->ingresses[i];
		if (f->doc->start == at && part_of_liqo(ec, f->root) && target_of(ec, f->root) >= 0) {
			at = f->doc->end;
			i = (size_t)-1;
		}
	}
	return at;
}

static size_t insertion_point(const struct edit_context *ec, enum target t)
{
	const struct found_doc *anchor = &ec->inv->slots[ec->gen->anchor];
	return t == TARGET_AUTH ? anchor->doc->end : after_scenario_ingresses(ec, anchor->doc->end);
}

/* The new document's lines end as the line before it does, so a file that
 * mixes LF and CRLF regions keeps them. */
static int add_ingress(struct edit_context *ec, size_t at, const struct ingress_spec *spec, const char *suffix,
		       const struct buf *body)
{
	struct buf file = {0};
	if (edit_file_beside_anchor(ec, suffix, &file) < 0)
		return -1;
	bool needs_eol = at == ec->edit.len && at > 0 && ec->edit.input[at - 1] != '\n' && !ec->edit.final_newline_added;
	ec->edit.final_newline_added |= needs_eol;
	struct buf doc = {0};
	int rc = buf_printf(&doc, "%s---%s", needs_eol ? spec->eol : "", spec->eol);
	if (!ec->inv->helm4 && file.len)
		rc |= buf_printf(&doc, "# Source: %s%s", file.data, spec->eol);
	rc |= buf_append(&doc, body->data, body->len);
	rc |= note_printf(&ec->changes, "new document: Ingress %s%s%s for Service %s, host %s\n",
			 spec->namespace_name ? spec->namespace_name : "", spec->namespace_name ? "/" : "",
			 spec->name, spec->service, spec->host);
	rc |= edit_record(ec, 0, "Ingress", spec->name, "the whole Ingress", NULL, "present");
	rc = rc < 0 ? rc : splices_add(ec->edit.splices, at, 0, doc.data, doc.len);
	buf_free(&doc);
	buf_free(&file);
	return rc < 0 ? edit_out_of_memory(ec) : 0;
}

/* ---- comparing an Ingress with the one the cell wants, field by field ---- */

static const struct ynode *first_rule(const struct ynode *root)
{
	return first_item(ymap_get(ymap_get(root, "spec"), "rules"));
}

static const struct ynode *first_backend(const struct ynode *root)
{
	const struct ynode *path = first_item(ymap_get(ymap_get(first_rule(root), "http"), "paths"));
	return ymap_get(ymap_get(path, "backend"), "service");
}

static const char *class_of(const struct ynode *root)
{
	const struct ynode *field = ymap_get(ymap_get(root, "spec"), "ingressClassName");
	if (!field)
		field = ymap_get(ymap_get(ymap_get(root, "metadata"), "annotations"), "kubernetes.io/ingress.class");
	return edit_scalar_text(field);
}

/* found and wanted NULL: the field is absent there. */
static int compare_field(struct edit_context *ec, const struct found_doc *f, const char *field, const char *found,
			 const char *wanted, int *differences)
{
	if (found && wanted ? strcmp(found, wanted) == 0 : found == wanted)
		return 0;
	(*differences)++;
	return edit_changed(ec, f, field, found, wanted, "(the scenario's Ingress)");
}

static const struct kv *spec_annotation(const struct ingress_spec *spec, const char *key)
{
	for (size_t i = 0; i < INGRESS_MAX_ANNOTATIONS && spec->annotations[i].key; i++)
		if (strcmp(spec->annotations[i].key, key) == 0)
			return &spec->annotations[i];
	return NULL;
}

static int compare_annotation(struct edit_context *ec, const struct found_doc *f, const struct ynode *annotations,
			      const char *key, const struct kv *wanted, int *differences)
{
	struct buf value = {0}, field = {0};
	int rc = buf_printf(&field, "metadata.annotations.%s", key);
	if (wanted) /* written double-quoted */
		rc |= buf_append(&value, wanted->value + 1, strlen(wanted->value) - 2);
	rc = rc < 0 ? edit_out_of_memory(ec)
		    : compare_field(ec, f, field.data, edit_scalar_text(ymap_get(annotations, key)),
				    wanted ? value.data : NULL, differences);
	buf_free(&value);
	buf_free(&field);
	return rc;
}

/* The annotations the cell wants, and those it derives for other cells,
 * which must then be absent. */
static int compare_annotations(struct edit_context *ec, const struct found_doc *f, const struct ingress_spec *spec,
			       int *differences)
{
	const struct ynode *annotations = ymap_get(ymap_get(f->root, "metadata"), "annotations");
	for (size_t i = 0; i < INGRESS_MAX_ANNOTATIONS && spec->annotations[i].key; i++)
		if (compare_annotation(ec, f, annotations, spec->annotations[i].key, &spec->annotations[i],
				       differences) < 0)
			return -1;
	for (const char *const *key = cell_annotations; *key; key++)
		if (!spec_annotation(spec, *key) && compare_annotation(ec, f, annotations, *key, NULL, differences) < 0)
			return -1;
	return 0;
}

static int compare_ingress(struct edit_context *ec, const struct found_doc *f, const struct ingress_spec *spec,
			   int *differences)
{
	const struct ynode *backend = first_backend(f->root);
	const struct ynode *tls = first_item(ymap_get(ymap_get(f->root, "spec"), "tls"));
	char port[24];
	snprintf(port, sizeof(port), "%ld", spec->port);
	if (compare_field(ec, f, "spec.rules[0].host", edit_scalar_text(ymap_get(first_rule(f->root), "host")),
			  spec->host, differences) < 0 ||
	    compare_field(ec, f, "ingress class", class_of(f->root), spec->ingress_class, differences) < 0 ||
	    compare_field(ec, f, "backend service", edit_scalar_text(ymap_get(backend, "name")), spec->service,
			  differences) < 0 ||
	    compare_field(ec, f, "backend port", edit_scalar_text(ymap_get(ymap_get(backend, "port"), "number")), port,
			  differences) < 0 ||
	    compare_field(ec, f, "spec.tls[0].secretName", edit_scalar_text(ymap_get(tls, "secretName")),
			  spec->tls_secret, differences) < 0 ||
	    compare_field(ec, f, "spec.tls[0].hosts[0]", edit_scalar_text(first_item(ymap_get(tls, "hosts"))),
			  spec->tls_secret ? spec->host : NULL, differences) < 0)
		return -1;
	return compare_annotations(ec, f, spec, differences);
}

/* Rewrites an Ingress of the scenario's in place when its bytes are not the
 * ones the filter writes; the fields that differ are what --check names. */
static int rewrite_ingress(struct edit_context *ec, const struct found_doc *f, const struct ingress_spec *spec,
			   const struct buf *body)
{
	size_t from = f->root->start, to = yedit_next_line(&ec->edit, f->root->end);
	if (to - from == body->len && memcmp(ec->edit.input + from, body->data, body->len) == 0)
		return 0;
	ec->edit.document = f->doc->number;
	int differences = 0;
	if (compare_ingress(ec, f, spec, &differences) < 0)
		return -1;
	if (differences == 0 && edit_changed(ec, f, "labels, paths or layout", "the input's", "the scenario's", NULL) < 0)
		return -1;
	return splices_add(ec->edit.splices, from, to - from, body->data, body->len) < 0 ? edit_out_of_memory(ec) : 0;
}

/* ---- what each cell wants ---- */

/* The texts a wanted Ingress is made with, built from the input and the
 * flags: the spec points into them. */
struct spec_texts {
	struct buf name, file, issuer;
};

static void spec_texts_free(struct spec_texts *t)
{
	buf_free(&t->name);
	buf_free(&t->file);
	buf_free(&t->issuer);
}

static int base_spec(struct edit_context *ec, struct ingress_spec *spec, struct spec_texts *texts, const char *suffix)
{
	const struct found_doc *svc = &ec->inv->slots[ec->gen->anchor];
	memset(spec, 0, sizeof(*spec));
	spec->input = ec->edit.input;
	spec->labels = ymap_get(ymap_get(svc->root, "metadata"), "labels");
	spec->ingress_class = ec->plan->ingress_class;
	spec->class_field = ec->traits.ingress_class_field;
	spec->compact_lists = ec->inv->helm4;
	spec->eol = ec->edit.eol;
	spec->skip_annotations = derived_annotations;
	if (!ec->inv->helm4)
		return 0;
	if (edit_file_beside_anchor(ec, suffix, &texts->file) < 0)
		return -1;
	spec->helm4_filename = texts->file.len ? texts->file.data : NULL;
	return 0;
}

static int warn_unknown_class(struct edit_context *ec, enum target t)
{
	const char *class = ec->plan->ingress_class;
	if (note_printf(&ec->notes, "%s Ingress: ingress class %s%s%s gets no TLS annotations; make sure the controller "
		       "%s\n", t == TARGET_AUTH ? "auth" : "API server", class ? "'" : "(none)", class ? class : "",
		       class ? "'" : "",
		       t == TARGET_AUTH ? "speaks HTTPS to the auth Service" : "passes TLS through to the API server") < 0)
		return edit_out_of_memory(ec);
	return 0;
}

/* cert-manager issues the auth Ingress's TLS secret when the Ingress names
 * an issuer; the flag's value is written as the other annotations are. */
static int add_issuer(struct edit_context *ec, struct ingress_spec *spec, struct buf *issuer_text)
{
	const char *issuer = ec->lb ? ec->lb->s->auth_tls_issuer : NULL;
	size_t i = 0;
	while (i < INGRESS_MAX_ANNOTATIONS && spec->annotations[i].key)
		i++;
	if (!issuer || i == INGRESS_MAX_ANNOTATIONS)
		return 0;
	if (buf_printf(issuer_text, "\"%s\"", issuer) < 0)
		return edit_out_of_memory(ec);
	spec->annotations[i].key = CERT_MANAGER_ISSUER;
	spec->annotations[i].value = issuer_text->data;
	return 0;
}

static int auth_spec(struct edit_context *ec, struct ingress_spec *spec, struct spec_texts *texts)
{
	const struct found_doc *svc = &ec->inv->slots[SLOT_AUTH_SERVICE];
	const struct ynode *ns = namespace_of(svc->root);
	const struct ynode *ports = ymap_get(ymap_get(svc->root, "spec"), "ports");
	const struct ynode *port = ports && ports->kind == YN_SEQ ? ymap_get(edit_pick_port(ports, "TCP"), "port") : NULL;
	if (base_spec(ec, spec, texts, "liqo-scenario-auth-ingress.yaml") < 0)
		return -1;
	spec->name = object_name(svc->root);
	spec->namespace_name = ns ? ns->text : NULL;
	spec->label_keys = auth_label_keys;
	spec->host = ec->plan->auth_host;
	spec->service = spec->name;
	if (!edit_integer(port, &spec->port))
		spec->port = 443;
	spec->tls_secret = ec->plan->auth_tls_secret ? ec->plan->auth_tls_secret : spec->name;
	const struct ingress_class_traits *traits = find_class(ec->plan->ingress_class);
	if (traits && ec->auth_tls)
		memcpy(spec->annotations, traits->auth_tls, sizeof(traits->auth_tls));
	else if (!traits && ec->auth_tls && warn_unknown_class(ec, TARGET_AUTH) < 0)
		return -1;
	return add_issuer(ec, spec, &texts->issuer);
}

static int api_server_spec(struct edit_context *ec, struct ingress_spec *spec, struct spec_texts *texts)
{
	const struct ingress_class_traits *traits = find_class(ec->plan->ingress_class);
	if (traits && !traits->can_pass_through)
		return err_set(ec->edit.err, LS_EXIT_USAGE, "--ingress-class %s: a Kubernetes Ingress of this class cannot "
			       "pass TLS through to the API server; use a class that can (nginx) or --api-server public-ip",
			       traits->name);
	const char *anchor_name = object_name(ec->inv->slots[ec->gen->anchor].root);
	size_t base = strlen(anchor_name), cut = strlen(ec->gen->anchor_suffix);
	if (base >= cut && strcmp(anchor_name + base - cut, ec->gen->anchor_suffix) == 0)
		base -= cut;
	if (buf_append(&texts->name, anchor_name, base) < 0 || buf_puts(&texts->name, "-api-server") < 0)
		return edit_out_of_memory(ec);
	if (base_spec(ec, spec, texts, "liqo-scenario-api-server-ingress.yaml") < 0)
		return -1;
	spec->name = texts->name.data;
	spec->namespace_name = "default";
	spec->label_keys = api_label_keys;
	spec->host = ec->plan->api_server_host;
	spec->service = "kubernetes";
	spec->port = 443;
	if (traits)
		memcpy(spec->annotations, traits->passthrough, sizeof(traits->passthrough));
	else if (warn_unknown_class(ec, TARGET_API_SERVER) < 0)
		return -1;
	return 0;
}

/* ---- the scenario's Ingresses for one target ---- */

static int owned_or_foreign(struct edit_context *ec, enum target t, const struct found_doc **owned, size_t *count)
{
	*count = 0;
	for (size_t i = 0; i < ec->inv->ingress_count; i++) {
		const struct found_doc *f = &ec->inv->ingresses[i];
		if (target_of(ec, f->root) != (int)t)
			continue;
		if (part_of_liqo(ec, f->root)) {
			owned[(*count)++] = f;
			continue;
		}
		if (note_printf(&ec->notes, "document %zu, Ingress %s routes to the %s but is not labelled "
			       "as the Liqo chart's (app.kubernetes.io/part-of: liqo); left as it is\n", f->doc->number, object_name(f->root),
			       target_titles[t]) < 0)
			return edit_out_of_memory(ec);
	}
	return 0;
}

/* The one Ingress the cell wants: the first of the scenario's rewritten,
 * or a new one. */
static int place_wanted(struct edit_context *ec, enum target t, const struct found_doc *existing)
{
	struct ingress_spec spec;
	struct spec_texts texts;
	memset(&texts, 0, sizeof(texts));
	int rc = t == TARGET_AUTH ? auth_spec(ec, &spec, &texts) : api_server_spec(ec, &spec, &texts);
	if (rc < 0) {
		spec_texts_free(&texts);
		return -1;
	}
	size_t at = existing ? existing->root->start : insertion_point(ec, t);
	spec.eol = yedit_eol_before(&ec->edit, at);
	spec.carry_annotations = existing ? ymap_get(ymap_get(existing->root, "metadata"), "annotations") : NULL;
	struct buf body = {0};
	if (ingress_render(&spec, &body) < 0)
		rc = edit_out_of_memory(ec);
	else if (existing)
		rc = rewrite_ingress(ec, existing, &spec, &body);
	else
		rc = add_ingress(ec, at, &spec, t == TARGET_AUTH ? "liqo-scenario-auth-ingress.yaml"
							 : "liqo-scenario-api-server-ingress.yaml", &body);
	buf_free(&body);
	spec_texts_free(&texts);
	return rc;
}

static int settle_target(struct edit_context *ec, enum target t, bool wanted)
{
	const struct found_doc **owned = calloc(ec->inv->ingress_count + 1, sizeof(*owned));
	size_t count = 0;
	if (!owned)
		return edit_out_of_memory(ec);
	int rc = owned_or_foreign(ec, t, owned, &count);
	char why[160];
	enum component c = t == TARGET_AUTH ? COMP_AUTH : COMP_API_SERVER;
	ec->serving = c;
	snprintf(why, sizeof(why), "(the %s cell is %s)", component_title(c), exposure_title(ec->plan->modes[c]));
	for (size_t i = wanted ? 1 : 0; rc == 0 && i < count; i++)
		rc = remove_ingress(ec, owned[i], wanted ? "(the scenario keeps one Ingress per service)" : why);
	if (rc == 0 && wanted)
		rc = place_wanted(ec, t, count ? owned[0] : NULL);
	free(owned);
	return rc;
}

int scenario_apply_ingresses(struct edit_context *ec)
{
	bool auth_ingress = generation_has(ec->gen, COMP_AUTH) && ec->plan->modes[COMP_AUTH] == EXPOSE_INGRESS;
	if (settle_target(ec, TARGET_AUTH, auth_ingress) < 0 ||
	    settle_target(ec, TARGET_API_SERVER, ec->plan->modes[COMP_API_SERVER] == EXPOSE_INGRESS) < 0)
		return -1;
	return 0;
}
