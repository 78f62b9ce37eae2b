/* See ingress.h. */
#include "ingress.h"

#include <stdio.h>
#include <string.h>

#include "inventory.h"
#include "yamlquery.h"
#include "yamlquote.h"

struct writer {
	struct buf *out;
	const char *eol;
	int list_indent; /* extra indentation of list items under their key */
	int rc;
};

/* A rendered text, or "" with the writer failed when rendering ran out of
 * memory: the document is then thrown away, never written half-quoted. */
static const char *made(struct writer *w, const char *rendered)
{
	if (rendered)
		return rendered;
	w->rc = -1;
	return "";
}

static void line(struct writer *w, int indent, const char *fmt, const char *a, const char *b)
{
	w->rc |= buf_printf(w->out, "%*s", indent, "");
	w->rc |= buf_printf(w->out, fmt, a, b);
	w->rc |= buf_puts(w->out, w->eol);
}

/* Names come from the input; one that plain YAML cannot carry is quoted. */
static const char *scalar(struct buf *scratch, const char *text)
{
	return yaml_plain_safe(text) ? text : yaml_double_quoted(scratch, text);
}

/* Helm 4 writes this annotation single-quoted; so do we, unless the name
 * holds a character only double quotes can carry. */
static const char *helm4_quoted(struct buf *scratch, const char *name)
{
	for (const char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return yaml_double_quoted(scratch, name);
	scratch->len = 0;
	int rc = buf_puts(scratch, "'");
	for (const char *p = name; *p; p++) {
		rc |= buf_append(scratch, p, 1);
		if (*p == '\'')
			rc |= buf_puts(scratch, "'");
	}
	rc |= buf_puts(scratch, "'");
	return rc < 0 ? NULL : scratch->data;
}

static void copy_labels(struct writer *w, const struct ingress_spec *s)
{
	if (!s->labels || s->labels->kind != YN_MAP)
		return;
	bool opened = false;
	for (const char *const *key = s->label_keys; *key; key++) {
		const struct ynode *k = ymap_key(s->labels, *key);
		if (!k || k->next->kind != YN_SCALAR || memchr(s->input + k->start, '\n', k->next->end - k->start))
			continue;
		if (!opened)
			line(w, 2, "labels:", NULL, NULL);
		opened = true;
		w->rc |= buf_printf(w->out, "    %.*s: %.*s%s", (int)(k->end - k->start), s->input + k->start,
				    (int)(k->next->end - k->next->start), s->input + k->next->start, w->eol);
	}
}

static bool skipped(const struct ingress_spec *s, const struct ynode *key)
{
	for (const char *const *k = s->skip_annotations; k && *k; k++)
		if (yscalar_is(key, *k))
			return true;
	for (size_t i = 0; i < INGRESS_MAX_ANNOTATIONS && s->annotations[i].key; i++)
		if (yscalar_is(key, s->annotations[i].key))
			return true;
	return false;
}

/* A user's annotations survive the rewrite of an Ingress the scenario owns;
 * each is one line as the input wrote it. */
static bool carried_any(const struct ingress_spec *s)
{
	const struct ynode *map = s->carry_annotations;
	for (const struct ynode *k = map && map->kind == YN_MAP ? map->first : NULL; k; k = k->next->next)
		if (!skipped(s, k))
			return true;
	return false;
}

static void copy_annotations(struct writer *w, const struct ingress_spec *s)
{
	const struct ynode *map = s->carry_annotations;
	struct buf quoted = {0};
	for (const struct ynode *k = map && map->kind == YN_MAP ? map->first : NULL; k; k = k->next->next) {
		const struct ynode *v = k->next;
		if (skipped(s, k))
			continue;
		if (v->kind == YN_SCALAR && !memchr(s->input + k->start, '\n', v->end - k->start))
			w->rc |= buf_printf(w->out, "    %.*s: %.*s%s", (int)(k->end - k->start), s->input + k->start,
					    (int)(v->end - v->start), s->input + v->start, w->eol);
		else if (v->kind == YN_SCALAR) {
			const char *value = made(w, yaml_double_quoted(&quoted, v->text));
			w->rc |= buf_printf(w->out, "    %.*s: %s%s", (int)(k->end - k->start), s->input + k->start,
					    value, w->eol);
		}
	}
	buf_free(&quoted);
}

static void write_metadata(struct writer *w, const struct ingress_spec *s)
{
	struct buf quoted = {0};
	line(w, 0, "metadata:", NULL, NULL);
	line(w, 2, "name: %s", made(w, scalar(&quoted, s->name)), NULL);
	if (s->namespace_name)
		line(w, 2, "namespace: %s", made(w, scalar(&quoted, s->namespace_name)), NULL);
	copy_labels(w, s);
	bool any = s->helm4_filename || (s->ingress_class && !s->class_field) || s->annotations[0].key ||
		   carried_any(s);
	if (any)
		line(w, 2, "annotations:", NULL, NULL);
	if (s->helm4_filename) {
		const char *file = made(w, helm4_quoted(&quoted, s->helm4_filename));
		w->rc |= buf_printf(w->out, "    %s: %s%s", HELM4_FILENAME_KEY, file, w->eol);
	}
	if (s->ingress_class && !s->class_field)
		line(w, 4, "kubernetes.io/ingress.class: %s", made(w, yaml_double_quoted(&quoted, s->ingress_class)),
		     NULL);
	for (size_t i = 0; i < INGRESS_MAX_ANNOTATIONS && s->annotations[i].key; i++)
		line(w, 4, "%s: %s", s->annotations[i].key, s->annotations[i].value);
	copy_annotations(w, s);
	buf_free(&quoted);
}

static void write_rules(struct writer *w, const struct ingress_spec *s)
{
	char port[24];
	snprintf(port, sizeof(port), "%ld", s->port);
	int item = 2 + w->list_indent;
	line(w, 2, "rules:", NULL, NULL);
	line(w, item, "- host: %s", s->host, NULL);
	line(w, item + 2, "http:", NULL, NULL);
	line(w, item + 4, "paths:", NULL, NULL);
	int path = item + 4 + w->list_indent;
	line(w, path, "- path: /", NULL, NULL);
	line(w, path + 2, "pathType: Prefix", NULL, NULL);
	line(w, path + 2, "backend:", NULL, NULL);
	line(w, path + 4, "service:", NULL, NULL);
	struct buf quoted = {0};
	line(w, path + 6, "name: %s", made(w, scalar(&quoted, s->service)), NULL);
	buf_free(&quoted);
	line(w, path + 6, "port:", NULL, NULL);
	line(w, path + 8, "number: %s", port, NULL);
}

static void write_tls(struct writer *w, const struct ingress_spec *s)
{
	if (!s->tls_secret)
		return;
	int item = 2 + w->list_indent;
	line(w, 2, "tls:", NULL, NULL);
	line(w, item, "- hosts:", NULL, NULL);
	line(w, item + 2 + w->list_indent, "- %s", s->host, NULL);
	struct buf quoted = {0};
	line(w, item + 2, "secretName: %s", made(w, scalar(&quoted, s->tls_secret)), NULL);
	buf_free(&quoted);
}

int ingress_render(const struct ingress_spec *s, struct buf *out)
{
	struct writer w = {.out = out, .eol = s->eol, .list_indent = s->compact_lists ? 0 : 2};
	line(&w, 0, "apiVersion: networking.k8s.io/v1", NULL, NULL);
	line(&w, 0, "kind: Ingress", NULL, NULL);
	write_metadata(&w, s);
	line(&w, 0, "spec:", NULL, NULL);
	if (s->ingress_class && s->class_field)
		line(&w, 2, "ingressClassName: %s", s->ingress_class, NULL);
	write_rules(&w, s);
	write_tls(&w, s);
	return w.rc < 0 ? -1 : 0;
}
