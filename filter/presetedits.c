/* See presetedits.h. A release mapping may hold `arguments`, `fields` and
 * `requires` (lists of mappings), `api-server-address` (required, none or
 * any), `api-server-why` and `cluster-values` (texts). Each list item names
 * its object as "KIND NAME", NAME being the object's app.kubernetes.io/name
 * label, as the inventory finds it. Texts point into the parsed preset. */
#include "presetedits.h"

#include <string.h>

#include "yamlquery.h"

struct edits_reader {
	const char *origin;
	struct ls_error *err;
	struct preset_objects *objects;
	struct arena *arena;   /* the preset document's: the kinds cut from "KIND NAME" live there */
};

static int at(struct edits_reader *r, const struct ynode *node, const char *what)
{
	return err_set(r->err, LS_EXIT_USAGE, "%s: line %d:%d: %s", r->origin, node->line + 1, node->column + 1, what);
}

static int text_of(struct edits_reader *r, const struct ynode *value, const char **out)
{
	if (value->kind != YN_SCALAR || value->has_anchor_or_tag || value->len == 0)
		return at(r, value, "expected a text");
	*out = value->text;
	return 0;
}

/* item[key], a text the edit must have. */
static int needed(struct edits_reader *r, const struct ynode *item, const char *key, const char **out)
{
	const struct ynode *value = ymap_get(item, key);
	if (!value)
		return err_set(r->err, LS_EXIT_USAGE, "%s: line %d:%d: this edit needs '%s'", r->origin, item->line + 1,
			       item->column + 1, key);
	return text_of(r, value, out);
}

/* "KIND NAME": the object's index among the preset's, added when new. */
static int object_of(struct edits_reader *r, const struct ynode *item, size_t *index)
{
	const struct ynode *value = ymap_get(item, "object");
	if (!value || value->kind != YN_SCALAR || !strchr(value->text, ' '))
		return at(r, value ? value : item, "'object' is \"KIND NAME\" (NAME: its app.kubernetes.io/name label)");
	const char *space = strchr(value->text, ' ');
	size_t kind_len = (size_t)(space - value->text);
	struct preset_objects *o = r->objects;
	for (size_t i = 0; i < o->count; i++)
		if (strlen(o->items[i].kind) == kind_len && memcmp(o->items[i].kind, value->text, kind_len) == 0 &&
		    strcmp(o->items[i].name, space + 1) == 0) {
			*index = i;
			return 0;
		}
	if (o->count == PRESET_MAX_OBJECTS)
		return at(r, value, "too many objects");
	const char *kind = arena_strndup(r->arena, value->text, kind_len);
	if (!kind)
		return err_set(r->err, LS_EXIT_IO, "out of memory");
	o->items[o->count] = (struct object_key){kind, space + 1};
	*index = o->count++;
	return 0;
}

/* Every key of item is one of `allowed` (NULL-terminated). */
static int only_keys(struct edits_reader *r, const struct ynode *item, const char *const *allowed)
{
	for (const struct ynode *k = item->first; k; k = k->next->next) {
		const char *const *a = allowed;
		while (*a && !yscalar_is(k, *a))
			a++;
		if (!*a)
			return at(r, k, "unknown key in a preset edit");
	}
	return 0;
}

static const char *const op_names[] = {[PRESET_ARG_SET] = "set", [PRESET_ARG_ENTRY] = "entry",
				       [PRESET_ARG_APPEND] = "append"};

static int read_argument(struct edits_reader *r, const struct ynode *item, struct preset_argument *a)
{
	static const char *const keys[] = {"object", "container", "set", "entry", "append", "before", "after", NULL};
	if (only_keys(r, item, keys) < 0 || object_of(r, item, &a->object) < 0 ||
	    needed(r, item, "container", &a->container) < 0)
		return -1;
	const struct ynode *text = NULL;
	for (enum preset_arg_op op = PRESET_ARG_SET; op <= PRESET_ARG_APPEND; op++)
		if (ymap_get(item, op_names[op])) {
			if (text)
				return at(r, item, "an argument edit is one of 'set', 'entry' or 'append'");
			text = ymap_get(item, op_names[op]);
			a->op = op;
		}
	if (!text)
		return at(r, item, "an argument edit needs 'set', 'entry' or 'append'");
	if (text_of(r, text, &a->text) < 0)
		return -1;
	const char *equals = strchr(a->text, '=');
	if (strncmp(a->text, "--", 2) != 0 || !equals || equals == a->text + 2)
		return at(r, text, "expected --FLAG=VALUE");
	a->flag_len = (size_t)(equals - a->text);
	if (a->op == PRESET_ARG_ENTRY && !strchr(equals + 1, '='))
		return at(r, text, "an entry is --FLAG=KEY=VALUE");
	const struct ynode *before = ymap_get(item, "before"), *after = ymap_get(item, "after");
	if (before && after)
		return at(r, item, "a new argument goes 'before' one or 'after' one, not both");
	if (before && text_of(r, before, &a->before) < 0)
		return -1;
	return after ? text_of(r, after, &a->after) : 0;
}

static int read_field(struct edits_reader *r, const struct ynode *item, struct preset_field *f)
{
	static const char *const keys[] = {"object", "mapping", "key", "value", NULL};
	if (only_keys(r, item, keys) < 0 || object_of(r, item, &f->object) < 0)
		return -1;
	if (needed(r, item, "mapping", &f->mapping) < 0 || needed(r, item, "key", &f->key) < 0)
		return -1;
	return needed(r, item, "value", &f->value);
}

static int read_requirement(struct edits_reader *r, const struct ynode *item, struct preset_requirement *q)
{
	static const char *const keys[] = {"object", "container", "argument", "why", NULL};
	if (only_keys(r, item, keys) < 0 || object_of(r, item, &q->object) < 0 ||
	    needed(r, item, "container", &q->container) < 0 || needed(r, item, "argument", &q->flag) < 0)
		return -1;
	return needed(r, item, "why", &q->why);
}

/* A list of mappings of at most PRESET_MAX_EDITS, each read by one of the
 * readers above into the slot `size` bytes further. */
typedef int (*item_reader)(struct edits_reader *r, const struct ynode *item, void *slot);

static int read_list(struct edits_reader *r, const struct ynode *seq, void *slots, size_t size, size_t *count,
		     item_reader read)
{
	if (seq->kind != YN_SEQ)
		return at(r, seq, "expected a list of edits");
	for (const struct ynode *item = seq->first; item; item = item->next) {
		if (item->kind != YN_MAP)
			return at(r, item, "an edit is a mapping");
		if (*count == PRESET_MAX_EDITS)
			return at(r, item, "too many edits of one kind in a release");
		if (read(r, item, (char *)slots + *count * size) < 0)
			return -1;
		(*count)++;
	}
	return 0;
}

static int read_argument_slot(struct edits_reader *r, const struct ynode *item, void *slot)
{
	return read_argument(r, item, slot);
}

static int read_field_slot(struct edits_reader *r, const struct ynode *item, void *slot)
{
	return read_field(r, item, slot);
}

static int read_requirement_slot(struct edits_reader *r, const struct ynode *item, void *slot)
{
	return read_requirement(r, item, slot);
}

static int read_api_server(struct edits_reader *r, const struct ynode *value, struct preset_edits *out)
{
	if (yscalar_is(value, "required"))
		out->api_server = PRESET_API_SERVER_REQUIRED;
	else if (yscalar_is(value, "none"))
		out->api_server = PRESET_API_SERVER_NONE;
	else if (yscalar_is(value, "any"))
		out->api_server = PRESET_API_SERVER_ANY;
	else
		return at(r, value, "expected required, none or any");
	return 0;
}

int preset_edits_read(const char *origin, const struct ynode *k, struct preset_edits *out,
		      struct preset_objects *objects, struct arena *arena, struct ls_error *err)
{
	struct edits_reader r = {origin, err, objects, arena};
	const struct ynode *v = k->next;
	if (yscalar_is(k, "arguments"))
		return read_list(&r, v, out->arguments, sizeof(out->arguments[0]), &out->argument_count,
				 read_argument_slot);
	if (yscalar_is(k, "fields"))
		return read_list(&r, v, out->fields, sizeof(out->fields[0]), &out->field_count, read_field_slot);
	if (yscalar_is(k, "requires"))
		return read_list(&r, v, out->requires, sizeof(out->requires[0]), &out->require_count,
				 read_requirement_slot);
	if (yscalar_is(k, "api-server-address"))
		return read_api_server(&r, v, out);
	if (yscalar_is(k, "api-server-why"))
		return text_of(&r, v, &out->api_server_why);
	if (yscalar_is(k, "cluster-values"))
		return text_of(&r, v, &out->cluster_values);
	return 1;
}

static const char *const op_words[] = {[PRESET_ARG_SET] = "", [PRESET_ARG_ENTRY] = " (an entry of the list)",
				       [PRESET_ARG_APPEND] = " (appended to the list)"};

int preset_edits_describe(const struct preset_edits *e, const struct preset_objects *objects, const char *indent,
			  struct buf *out)
{
	int rc = 0;
	for (size_t i = 0; i < e->argument_count; i++) {
		const struct preset_argument *a = &e->arguments[i];
		const struct object_key *o = &objects->items[a->object];
		rc |= buf_printf(out, "%s%s %s, container %s: %s%s\n", indent, o->kind, o->name,
				 a->container, a->text, op_words[a->op]);
	}
	for (size_t i = 0; i < e->field_count; i++) {
		const struct preset_field *f = &e->fields[i];
		const struct object_key *o = &objects->items[f->object];
		rc |= buf_printf(out, "%s%s %s: %s.%s: \"%s\"\n", indent, o->kind, o->name, f->mapping,
				 f->key, f->value);
	}
	for (size_t i = 0; i < e->require_count; i++) {
		const struct object_key *o = &objects->items[e->requires[i].object];
		rc |= buf_printf(out, "%sneeds %s on %s %s: %s\n", indent, e->requires[i].flag, o->kind,
				 o->name, e->requires[i].why);
	}
	if (e->api_server_why)
		rc |= buf_printf(out, "%sAPI server address: %s\n", indent, e->api_server_why);
	if (e->cluster_values)
		rc |= buf_printf(out, "%sfrom the live cluster: %s\n", indent, e->cluster_values);
	return rc;
}
