/* See editcontext.h. */
#include "editcontext.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "yamlint.h"
#include "yamlquery.h"
#include "yamlquote.h"

const char *edit_scalar_text(const struct ynode *n)
{
	if (!n || n->kind == YN_NULL)
		return NULL;
	return n->kind == YN_SCALAR ? n->text : "(not a plain value)";
}

const struct ynode *edit_pick_port(const struct ynode *ports, const char *protocol)
{
	for (const struct ynode *p = ports->first; p; p = p->next) {
		const struct ynode *proto = ymap_get(p, "protocol");
		if (proto ? yscalar_is(proto, protocol) : strcmp(protocol, "TCP") == 0)
			return p;
	}
	return ports->first;
}

bool edit_integer(const struct ynode *n, long *out)
{
	return n && n->kind == YN_SCALAR && n->style == YS_PLAIN && !n->has_anchor_or_tag &&
	       yaml_k8s_integer(n->text, n->len, out);
}

bool edit_integer_is(const struct ynode *n, long want)
{
	long value;
	return edit_integer(n, &value) && value == want;
}

int edit_out_of_memory(struct edit_context *ec)
{
	return err_set(ec->edit.err, LS_EXIT_IO, "out of memory");
}

int edit_record(struct edit_context *ec, size_t document, const char *kind, const char *name, const char *field,
		const char *found, const char *wanted)
{
	return change_list_add(&ec->records, ec->serving, document, kind, name, field, found, wanted);
}

/* How --check words a value: NULL is a field the object does not have. */
static const char *shown(const char *value)
{
	return value ? value : "(absent)";
}

int edit_changed(struct edit_context *ec, const struct found_doc *f, const char *field, const char *found,
		 const char *wanted, const char *why)
{
	const char *kind = edit_scalar_text(ymap_get(f->root, "kind"));
	const char *kind_text = kind ? kind : "?", *name = object_name(f->root);
	int rc = note_printf(&ec->changes, "document %zu, %s %s: %s: found %s, wanted %s\n", f->doc->number,
			    kind_text, name, field, shown(found), shown(wanted));
	if (why && found && !ec->check && note_printf(&ec->notes, "document %zu, %s %s: %s %s: %s %s\n", f->doc->number, kind_text,
				       name, wanted ? "replaced" : "removed", field, found, why) < 0)
		rc = -1;
	if (rc < 0 || edit_record(ec, f->doc->number, kind_text, name, field, found, wanted) < 0)
		return edit_out_of_memory(ec);
	return 0;
}

int edit_removed_object(struct edit_context *ec, const struct found_doc *f, const char *why)
{
	const char *kind = edit_scalar_text(ymap_get(f->root, "kind"));
	const char *kind_text = kind ? kind : "?", *name = object_name(f->root);
	int rc = note_printf(&ec->changes, "document %zu, %s %s: the whole object: found present, wanted (absent)\n",
			    f->doc->number, kind_text, name);
	if (rc == 0 && why && !ec->check)
		rc = note_printf(&ec->notes, "document %zu, %s %s: removed the whole object %s\n", f->doc->number, kind_text,
				name, why);
	if (rc < 0 || edit_record(ec, f->doc->number, kind_text, name, "the whole object", "present", NULL) < 0)
		return edit_out_of_memory(ec);
	return 0;
}

void annotation_change_free(struct annotation_change *ac)
{
	for (size_t i = 0; i < ac->count; i++)
		free(ac->values[i]);
	free(ac->kvs);
	free(ac->values);
	memset(ac, 0, sizeof(*ac));
}

static int annotation_change_add(struct annotation_change *ac, const char *key, const char *rendered)
{
	if (ac->count == ac->cap) {
		size_t cap = ac->cap ? 2 * ac->cap : 8;
		struct kv *kvs = realloc(ac->kvs, cap * sizeof(*kvs));
		if (kvs)
			ac->kvs = kvs;
		char **values = kvs ? realloc(ac->values, cap * sizeof(*values)) : NULL;
		if (!values)
			return -1;
		ac->values = values, ac->cap = cap;
	}
	char *copy = rendered ? strdup(rendered) : NULL;
	if (rendered && !copy)
		return -1;
	ac->values[ac->count] = copy;
	ac->kvs[ac->count++] = (struct kv){key, copy};
	return 0;
}

int edit_want_annotation(struct edit_context *ec, const struct found_doc *f, const struct ynode *annotations,
			 struct annotation_change *ac, const char *key, const char *value, const char *why)
{
	const struct ynode *current = ymap_get(annotations, key);
	const struct ynode *repeated = ymap_shadowed(annotations, key);
	if ((value ? yscalar_is(current, value) : !current) && !repeated)
		return 0;
	struct buf field = {0}, quoted = {0};
	int rc = buf_printf(&field, "metadata.annotations.%s", key) < 0 ? edit_out_of_memory(ec) : 0;
	/* The key written twice is kept once: what the input held is the value
	 * Kubernetes read, with the line of the one that goes. */
	if (rc == 0 && repeated &&
	    buf_printf(&ec->notes, "document %zu, %s %s: %s: the key written twice (line %d and line %d) is kept once, "
		       "with %s\n", f->doc->number, edit_scalar_text(ymap_get(f->root, "kind")) ? edit_scalar_text(ymap_get(f->root, "kind")) : "?", object_name(f->root),
		       field.data, repeated->line + 1, current->line + 1, value ? value : "no value: removed") < 0)
		rc = edit_out_of_memory(ec);
	const struct ynode *found = repeated && value && yscalar_is(current, value) ? repeated->next : current;
	if (rc == 0)
		rc = edit_changed(ec, f, field.data, edit_scalar_text(found), value, why);
	const char *rendered = rc == 0 && value ? yaml_double_quoted(&quoted, value) : NULL;
	if (rc == 0 && ((value && !rendered) || annotation_change_add(ac, key, rendered) < 0))
		rc = edit_out_of_memory(ec);
	buf_free(&field);
	buf_free(&quoted);
	return rc;
}

int edit_apply_annotations(struct edit_context *ec, const struct ynode *metadata, struct annotation_change *ac)
{
	int rc = ac->count ? yedit_child_map_apply(&ec->edit, metadata, "annotations", ac->kvs, ac->count) : 0;
	annotation_change_free(ac);
	return rc;
}

/* New documents are filed beside the generation's anchor: the auth Service,
 * or on Liqo v1 (no auth server) the controller manager. */
int edit_file_beside_anchor(struct edit_context *ec, const char *suffix, struct buf *out)
{
	const struct found_doc *svc = &ec->inv->slots[ec->gen->anchor];
	const char *from = NULL;
	size_t len = 0;
	long g[4];
	if (!svc->doc) {
		out->len = 0;
		return 0;
	}
	if (ec->inv->helm4) {
		const struct ynode *v = ymap_get(ymap_get(ymap_get(svc->root, "metadata"), "annotations"), HELM4_FILENAME_KEY);
		if (v && v->kind == YN_SCALAR)
			from = v->text, len = v->len;
	} else if (patterns_match(ec->pat, PAT_SOURCE, ec->edit.input + svc->doc->start,
				  svc->root->start - svc->doc->start, g, 2)) {
		from = ec->edit.input + svc->doc->start + g[2];
		len = (size_t)(g[3] - g[2]);
	}
	out->len = 0;
	if (!from)
		return 0;
	size_t dir = len;
	while (dir > 0 && from[dir - 1] != '/')
		dir--;
	if (buf_append(out, from, dir) < 0 || buf_puts(out, suffix) < 0)
		return edit_out_of_memory(ec);
	return 0;
}
