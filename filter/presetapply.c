/* See presetapply.h. An argument is found by its flag (the text before its
 * `=`); a list's entries are split at commas, as the chart joins them.
 * Helm's `liqo.concatenateMap` writes a map's entries in the sorted order of
 * their keys (Go templates range over a map so), which an entry edit keeps. */
#include "presetapply.h"

#include <stdlib.h>
#include <string.h>

#include "yamlquery.h"
#include "yamlquote.h"

/* What the edits of one release share: where the preset's texts come from,
 * and the reason every change gives. */
/* Arguments that go last in a container are written together, one list
 * per container: a container without `args` gets one list, not one per
 * edit. */
struct appended {
	const struct ynode *container;
	size_t document;
	struct buf texts[PRESET_MAX_EDITS];  /* rendered */
	size_t count;
};

struct preset_run {
	struct edit_context *ec;
	const struct provider *p;
	const struct provider_release *r;
	struct buf why;
	struct appended last[PRESET_MAX_EDITS];
	size_t last_count;
};

static const struct found_doc *object_found(const struct preset_run *run, size_t object)
{
	const struct found_doc *f = &run->ec->inv->wanted_found[object];
	return f->doc ? f : NULL;
}

static int missing_object(struct preset_run *run, size_t object, const char *what)
{
	const struct object_key *o = &run->p->objects.items[object];
	if (buf_printf(&run->ec->notes, "--provider %s: no %s labelled app.kubernetes.io/name: %s in the input, so "
		       "nothing takes %s\n", run->p->name, o->kind, o->name, what) < 0)
		return edit_out_of_memory(run->ec);
	return 0;
}

/* A workload's pod template: a CronJob keeps it under its job template. */
static const struct ynode *pod_spec(const struct ynode *root)
{
	const struct ynode *spec = ymap_get(root, "spec");
	if (yscalar_is(ymap_get(root, "kind"), "CronJob"))
		spec = ymap_get(ymap_get(spec, "jobTemplate"), "spec");
	return ymap_get(ymap_get(spec, "template"), "spec");
}

static const struct ynode *find_container(const struct ynode *root, const char *name)
{
	const struct ynode *containers = ymap_get(pod_spec(root), "containers");
	for (const struct ynode *c = containers && containers->kind == YN_SEQ ? containers->first : NULL; c; c = c->next)
		if (c->kind == YN_MAP && yscalar_is(ymap_get(c, "name"), name))
			return c;
	return NULL;
}

/* Whether item is the argument `flag` (with `=VALUE` or alone). */
static bool is_flag(const struct ynode *item, const char *flag, size_t len)
{
	return item->kind == YN_SCALAR && item->len >= len && memcmp(item->text, flag, len) == 0 &&
	       (item->len == len || item->text[len] == '=');
}

static const struct ynode *find_argument(const struct ynode *args, const char *flag, size_t len)
{
	for (const struct ynode *item = args ? args->first : NULL; item; item = item->next)
		if (is_flag(item, flag, len))
			return item;
	return NULL;
}

static int entry_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t xl = strcspn(x, "=,"), yl = strcspn(y, "=,");
	int c = memcmp(x, y, xl < yl ? xl : yl);
	return c ? c : (xl > yl) - (xl < yl);
}

/* current's value with the entry KEY=VALUE set, entries sorted by key. */
static int with_entry(const char *current, const char *entry, struct buf *out)
{
	size_t cap = 2, n = 0, key_len = strcspn(entry, "=");
	for (const char *c = current ? current : ""; *c; c++)
		cap += *c == ',';
	const char **entries = malloc(cap * sizeof(*entries));
	if (!entries)
		return -1;
	for (const char *e = current; e && *e; e += strcspn(e, ","), e += *e == ',') {
		bool same = strcspn(e, "=,") == key_len && memcmp(e, entry, key_len) == 0;
		if (!same && *e != ',')
			entries[n++] = e;
	}
	entries[n++] = entry;
	qsort(entries, n, sizeof(entries[0]), entry_cmp);
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		rc |= buf_printf(out, "%s%.*s", i ? "," : "", (int)strcspn(entries[i], ","), entries[i]);
	free(entries);
	return rc;
}

/* current's list ending with tail (appended once, as liqoctl merges lists). */
static int with_tail(const char *current, const char *tail, struct buf *out)
{
	size_t cl = current ? strlen(current) : 0, tl = strlen(tail);
	bool ends = cl >= tl && strcmp(current + cl - tl, tail) == 0 && (cl == tl || current[cl - tl - 1] == ',');
	if (!cl || ends)
		return buf_puts(out, cl ? current : tail);
	return buf_printf(out, "%s,%s", current, tail);
}

/* The argument's whole text as the edit wants it, given the current one. */
static int wanted_text(const struct preset_argument *a, const struct ynode *current, struct buf *out)
{
	const char *value = a->text + a->flag_len + 1;
	const char *now = current && current->len > a->flag_len ? current->text + a->flag_len + 1 : NULL;
	if (buf_printf(out, "%.*s=", (int)a->flag_len, a->text) < 0)
		return -1;
	switch (a->op) {
	case PRESET_ARG_ENTRY: return with_entry(now, value, out);
	case PRESET_ARG_APPEND: return with_tail(now, value, out);
	default: return buf_puts(out, value);
	}
}

static int append_later(struct preset_run *run, const struct ynode *container, const char *rendered)
{
	struct appended *a = NULL;
	for (size_t i = 0; i < run->last_count && !a; i++)
		if (run->last[i].container == container)
			a = &run->last[i];
	if (!a) {
		a = &run->last[run->last_count++];
		a->container = container;
		a->document = run->ec->edit.document;
	}
	return buf_puts(&a->texts[a->count++], rendered) < 0 ? edit_out_of_memory(run->ec) : 0;
}

static int write_appended(struct preset_run *run)
{
	int rc = 0;
	for (size_t i = 0; i < run->last_count && rc == 0; i++) {
		struct appended *a = &run->last[i];
		const char *items[PRESET_MAX_EDITS];
		for (size_t k = 0; k < a->count; k++)
			items[k] = a->texts[k].data;
		run->ec->edit.document = a->document;
		rc = yedit_seq_append(&run->ec->edit, a->container, "args", items, a->count);
	}
	return rc;
}

static void appended_free(struct preset_run *run)
{
	for (size_t i = 0; i < run->last_count; i++)
		for (size_t k = 0; k < run->last[i].count; k++)
			buf_free(&run->last[i].texts[k]);
}

/* A new argument goes where the chart writes it: before or after the one
 * the preset names, else last. */
static int insert_argument(struct preset_run *run, const struct ynode *container, const struct ynode *args,
			   const struct preset_argument *a, const char *text)
{
	struct buf quoted = {0};
	bool flow = args ? args->style == YS_FLOW : container->style == YS_FLOW;
	bool plain = flow ? yaml_plain_safe(text) : yaml_plain_safe_in_block(text);
	const char *rendered = plain ? text : yaml_double_quoted(&quoted, text);
	const char *anchor = a->before ? a->before : a->after;
	const struct ynode *at = anchor && args && args->kind == YN_SEQ ? find_argument(args, anchor, strlen(anchor)) : NULL;
	if (at && a->after)
		at = at->next;
	int rc = !rendered ? edit_out_of_memory(run->ec)
		 : at     ? yedit_seq_insert_before(&run->ec->edit, args, at, rendered)
			  : append_later(run, container, rendered);
	buf_free(&quoted);
	return rc;
}

/* A change to the gateway server template is the gateway cell's; the rest
 * of a provider's install (the fabric, the cluster's labels, its virtual
 * nodes) is no component's cell. */
static enum component serving_of(const struct found_doc *f)
{
	return yscalar_is(ymap_get(f->root, "kind"), "WgGatewayServerTemplate") ? COMP_GATEWAY : COMP_COUNT;
}

static int apply_argument(struct preset_run *run, const struct preset_argument *a)
{
	struct edit_context *ec = run->ec;
	const struct found_doc *f = object_found(run, a->object);
	if (!f)
		return missing_object(run, a->object, a->text);
	ec->edit.document = f->doc->number;
	ec->serving = serving_of(f);
	const struct ynode *container = find_container(f->root, a->container);
	if (!container)
		return yedit_shape_error(&ec->edit, f->root, "no container of the name the provider preset edits");
	const struct ynode *args = ymap_get(container, "args");
	if (args && args->kind != YN_SEQ && args->kind != YN_NULL)
		return yedit_wrong_shape(&ec->edit, args, "a list of strings");
	const struct ynode *list = args && args->kind == YN_SEQ ? args : NULL;
	const struct ynode *current = find_argument(list, a->text, a->flag_len);
	struct buf text = {0};
	int rc = wanted_text(a, current, &text) < 0 ? edit_out_of_memory(ec) : 0;
	if (rc == 0 && !(current && yscalar_is(current, text.data)))
		rc = edit_changed(ec, f, "container args", current ? current->text : NULL, text.data, run->why.data);
	if (rc == 0 && current && !yscalar_is(current, text.data))
		rc = yedit_seq_replace(&ec->edit, list, current, text.data);  /* in the quoting it has */
	else if (rc == 0 && !current)
		rc = insert_argument(run, container, list, a, text.data);
	buf_free(&text);
	return rc;
}

/* The mapping at a dotted path below root, made from its last step. */
static int apply_field(struct preset_run *run, const struct preset_field *field)
{
	struct edit_context *ec = run->ec;
	const struct found_doc *f = object_found(run, field->object);
	if (!f)
		return missing_object(run, field->object, field->key);
	ec->edit.document = f->doc->number;
	ec->serving = serving_of(f);
	const struct ynode *parent = f->root;
	const char *step = field->mapping, *dot;
	struct buf name = {0}, path = {0}, quoted = {0};
	int rc = 0;
	while (rc == 0 && (dot = strchr(step, '.'))) {
		rc = buf_printf(&name, "%.*s", (int)(dot - step), step) < 0 ? edit_out_of_memory(ec) : 0;
		parent = rc == 0 ? ymap_get(parent, name.data) : NULL;
		if (rc == 0 && (!parent || parent->kind != YN_MAP))
			rc = yedit_shape_error(&ec->edit, f->root, "the provider preset's mapping is not in this object");
		name.len = 0;
		step = dot + 1;
	}
	const struct ynode *current = rc == 0 ? ymap_get(ymap_get(parent, step), field->key) : NULL;
	if (rc == 0 && !yscalar_is(current, field->value)) {
		const char *rendered = yaml_double_quoted(&quoted, field->value);
		rc = !rendered || buf_printf(&path, "%s.%s", field->mapping, field->key) < 0 ? edit_out_of_memory(ec)
			: edit_changed(ec, f, path.data, edit_scalar_text(current), field->value, run->why.data);
		struct kv kv = {field->key, rendered};
		if (rc == 0)
			rc = yedit_child_map_apply(&ec->edit, parent, step, &kv, 1);
	}
	buf_free(&name);
	buf_free(&path);
	buf_free(&quoted);
	return rc;
}

static int check_requirement(struct preset_run *run, const struct preset_requirement *q)
{
	const struct found_doc *f = object_found(run, q->object);
	const struct ynode *container = f ? find_container(f->root, q->container) : NULL;
	const struct ynode *args = ymap_get(container, "args");
	if (args && args->kind == YN_SEQ && find_argument(args, q->flag, strlen(q->flag)))
		return 0;
	if (buf_printf(&run->ec->notes, "--provider %s: the render has no %s: %s\n", run->p->name, q->flag, q->why) < 0)
		return edit_out_of_memory(run->ec);
	return 0;
}

static int check_api_server(struct preset_run *run)
{
	const struct preset_edits *e = &run->r->edits;
	const char *address = run->ec->plan->advertise;
	int rc = 0;
	if (e->api_server == PRESET_API_SERVER_REQUIRED && !address)
		rc = buf_printf(&run->ec->notes, "--provider %s: %s; pass it as --api-server-address\n", run->p->name,
				e->api_server_why);
	else if (e->api_server == PRESET_API_SERVER_NONE && address)
		rc = buf_printf(&run->ec->notes, "--provider %s: %s; --api-server-address %s writes one all the same\n",
				run->p->name, e->api_server_why, address);
	return rc < 0 ? edit_out_of_memory(run->ec) : 0;
}

static int apply_release(struct preset_run *run)
{
	const struct preset_edits *e = &run->r->edits;
	int rc = check_api_server(run);
	for (size_t i = 0; rc == 0 && i < e->argument_count; i++)
		rc = apply_argument(run, &e->arguments[i]);
	if (rc == 0)
		rc = write_appended(run);
	for (size_t i = 0; rc == 0 && i < e->field_count; i++)
		rc = apply_field(run, &e->fields[i]);
	for (size_t i = 0; rc == 0 && i < e->require_count; i++)
		rc = check_requirement(run, &e->requires[i]);
	return rc;
}

int preset_apply(struct edit_context *ec)
{
	const struct lb_settings *lb = ec->lb;
	if (!lb || !lb->has_provider || !lb->release || !lb->provider.command)
		return 0;
	struct preset_run run = {.ec = ec, .p = &lb->provider, .r = lb->release};
	/* What a provider's install changes is the cluster's networking, its
	 * identity among peers and its virtual nodes: no cell's but the
	 * gateway template's fields (serving_of). */
	ec->serving = COMP_COUNT;
	int rc = buf_printf(&run.why, "(--provider %s sets it, as %s of Liqo v%d.%d writes it)", run.p->name,
			    run.p->command, ec->version.major, ec->version.minor) < 0
		 ? edit_out_of_memory(ec) : apply_release(&run);
	appended_free(&run);
	buf_free(&run.why);
	return rc;
}
