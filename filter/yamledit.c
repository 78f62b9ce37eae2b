/* See yamledit.h. Positions come from yamltree's marks; every function here
 * only adds splices, so a failed run leaves nothing half-written. */
#include "yamledit.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yamlflow.h"
#include "yamlquery.h"
#include "yamlquote.h"

int yedit_shape_error(struct yedit *e, const struct ynode *node, const char *what)
{
	return err_set(e->err, LS_EXIT_INPUT, "%s: document %zu: line %d:%d: %s", e->name,
		       e->document, node->line + 1, node->column + 1, what);
}

/* The message is built whole, its length set by its parts, not by a buffer
 * sized in advance. */
static int shape_errorf(struct yedit *e, const struct ynode *node, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int shape_errorf(struct yedit *e, const struct ynode *node, const char *fmt, ...)
{
	struct buf what = {0};
	va_list ap;
	va_start(ap, fmt);
	int rc = buf_vprintf(&what, fmt, ap);
	va_end(ap);
	rc = rc < 0 ? err_set(e->err, LS_EXIT_IO, "out of memory") : yedit_shape_error(e, node, what.data);
	buf_free(&what);
	return rc;
}

static int out_of_memory(struct yedit *e)
{
	return err_set(e->err, LS_EXIT_IO, "out of memory");
}

/* "expected a list" beside what reads as a list would puzzle: an alias is
 * never expanded and an anchored node may be shared by aliases, so neither
 * is edited, and the message says which one stood in the way. */
int yedit_wrong_shape(struct yedit *e, const struct ynode *node, const char *wanted)
{
	if (node->kind == YN_ALIAS)
		return shape_errorf(e, node, "expected %s here, found the alias *%.64s: aliases are never expanded, "
				    "so nothing is edited through one", wanted, node->text);
	if (node->has_anchor_or_tag)
		return shape_errorf(e, node, "expected %s here, found %s with an anchor or a tag: a node that "
				    "aliases may share is not edited", wanted, ynode_kind_words(node));
	return shape_errorf(e, node, "expected %s here, found %s", wanted, ynode_kind_words(node));
}

static int splice(struct yedit *e, size_t at, size_t removed, const char *text, size_t len)
{
	return splices_add(e->splices, at, removed, text, len) < 0 ? out_of_memory(e) : 0;
}

/* entry NULL appends; text NULL removes entry. */
static int flow_change(struct yedit *e, const struct ynode *collection, const struct ynode *entry, const char *text)
{
	int rc = flow_edits_add(&e->flows, collection, entry, text);
	if (rc == FLOW_ENTRY_EMPTY)
		return yedit_shape_error(e, collection, "cannot edit a flow collection with an entry written as nothing");
	return rc < 0 ? out_of_memory(e) : 0;
}

/* Flow collections are written whole, the outermost edited ones each once. */
int yedit_finish(struct yedit *e)
{
	for (size_t i = 0; i < e->flows.count; i++) {
		if (flow_edits_nested(&e->flows, i))
			continue;
		const struct ynode *c = e->flows.edits[i].collection;
		struct buf text = {0};
		int rc = flow_edits_render(&e->flows, i, e->input, &text) < 0
			? out_of_memory(e) : splice(e, c->start, c->end - c->start, text.data, text.len);
		buf_free(&text);
		if (rc < 0)
			return -1;
	}
	return 0;
}

void yedit_free(struct yedit *e)
{
	free(e->unshadowed);
	e->unshadowed = NULL;
	e->unshadowed_count = 0;
	flow_edits_free(&e->flows);
	buf_free(&e->scratch);
}

size_t yedit_line_start(const struct yedit *e, size_t pos)
{
	while (pos > 0 && e->input[pos - 1] != '\n')
		pos--;
	return pos;
}

size_t yedit_next_line(const struct yedit *e, size_t pos)
{
	if (pos > 0 && e->input[pos - 1] == '\n')
		return pos;
	while (pos < e->len && e->input[pos] != '\n')
		pos++;
	return pos < e->len ? pos + 1 : pos;
}

static bool starts_line(const struct yedit *e, size_t pos)
{
	for (size_t i = yedit_line_start(e, pos); i < pos; i++)
		if (e->input[i] != ' ' && e->input[i] != '\t')
			return false;
	return true;
}

/* The ending of the last line that ends before at. Lines are rendered with
 * the input's first line ending; in a file that mixes LF and CRLF, lines
 * added among CRLF lines must end in CRLF too, and among LF lines in LF.
 * At a line's start this looks at one or two bytes; only at the end of an
 * input without a final newline does it walk back over one line. */
const char *yedit_eol_before(const struct yedit *e, size_t at)
{
	while (at > 0 && e->input[at - 1] != '\n')
		at--;
	if (at == 0)
		return e->eol;
	return at >= 2 && e->input[at - 2] == '\r' ? "\r\n" : "\n";
}

/* lines with every line ending rewritten as eol. */
static int with_eol(const struct buf *lines, const char *eol, struct buf *out)
{
	const char *p = lines->data, *end = lines->data + lines->len;
	int rc = 0;
	while (p < end && rc == 0) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *stop = nl ? nl : end;
		size_t kept = (size_t)(stop - p) - (nl && stop > p && stop[-1] == '\r');
		rc = buf_append(out, p, kept);
		if (nl && rc == 0)
			rc = buf_puts(out, eol);
		p = nl ? nl + 1 : end;
	}
	return rc;
}

/* At the very end of an input without a final newline, the lines added
 * there need one first, once. */
static int insert_lines_at(struct yedit *e, size_t at, const struct buf *lines)
{
	int rank = (int)strspn(lines->data ? lines->data : "", " ") + 1;
	const char *eol = yedit_eol_before(e, at);
	if (at == e->len && e->len > 0 && e->input[e->len - 1] != '\n' && !e->final_newline_added) {
		if (splices_add_ranked(e->splices, at, 0, eol, strlen(eol), INT_MAX) < 0)
			return out_of_memory(e);
		e->final_newline_added = true;
	}
	if (eol == e->eol || strcmp(eol, e->eol) == 0)
		return splices_add_ranked(e->splices, at, 0, lines->data, lines->len, rank) < 0 ? out_of_memory(e) : 0;
	struct buf rewritten = {0};
	int rc = with_eol(lines, eol, &rewritten) < 0 ||
			 splices_add_ranked(e->splices, at, 0, rewritten.data, rewritten.len, rank) < 0
		? out_of_memory(e) : 0;
	buf_free(&rewritten);
	return rc;
}

/* New lines go after the line where `after` is. */
static int insert_lines(struct yedit *e, size_t after, const struct buf *lines)
{
	return insert_lines_at(e, yedit_next_line(e, after), lines);
}

/* New keys of a block mapping go after its last line, unless its last value
 * is a | or > scalar without lines: libfyaml 0.7.12 reads lines at the key's
 * indentation after `k: >` as k's text (YAML reads them as keys), so there
 * they go before the last key. */
static int insert_map_lines(struct yedit *e, const struct ynode *map, const struct buf *lines)
{
	const struct ynode *value = map->last;
	bool lineless_block_scalar = value && (value->style == YS_LITERAL || value->style == YS_FOLDED) &&
				     !memchr(e->input + value->start, '\n', value->end - value->start);
	if (!lineless_block_scalar)
		return insert_lines(e, map->end, lines);
	const struct ynode *key = map->first;
	while (key->next != value)
		key = key->next;
	if (!starts_line(e, key->start))
		return yedit_shape_error(e, key, "cannot add a key after a | or > scalar without lines on a list item's line");
	return insert_lines_at(e, yedit_line_start(e, key->start), lines);
}

/* A | or > scalar that keeps its final breaks ends after the last one (see
 * yamlscalar.c); what replaces it still needs that line's end. */
int yedit_replace(struct yedit *e, const struct ynode *node, const char *rendered)
{
	size_t end = node->end;
	bool block = node->style == YS_LITERAL || node->style == YS_FOLDED;
	if (block && end > node->start && e->input[end - 1] == '\n')
		end -= end - 1 > node->start && e->input[end - 2] == '\r' ? 2 : 1;
	return splice(e, node->start, end - node->start, rendered, strlen(rendered));
}

int yedit_set_scalar(struct yedit *e, const struct ynode *node, const char *text)
{
	const char *rendered;
	bool printable = strcspn(text, "\n\r\t") == strlen(text);
	if (node->style == YS_SINGLE && printable)
		rendered = yaml_single_quoted(&e->scratch, text);
	else if (node->style == YS_DOUBLE || !yaml_plain_safe(text))
		rendered = yaml_double_quoted(&e->scratch, text);
	else
		rendered = text;
	return rendered ? yedit_replace(e, node, rendered) : out_of_memory(e);
}

static size_t colon_after(const struct yedit *e, const struct ynode *key)
{
	size_t pos = key->end;
	while (pos < e->len && e->input[pos] != ':')
		pos++;
	return pos;
}

static int set_value(struct yedit *e, const struct ynode *map, const struct ynode *key, const char *rendered)
{
	const struct ynode *value = key->next;
	if (map->style == YS_FLOW)
		return value->kind == YN_SCALAR || value->kind == YN_NULL
			? flow_change(e, map, key, rendered)
			: yedit_wrong_shape(e, value, "a plain value");
	if (value->kind == YN_MAP || value->kind == YN_SEQ || value->kind == YN_ALIAS ||
	    value->has_anchor_or_tag)
		return yedit_wrong_shape(e, value, "a plain value");
	if (value->style != YS_EMPTY)
		return yedit_replace(e, value, rendered);
	size_t colon = colon_after(e, key);
	e->scratch.len = 0;
	if (buf_printf(&e->scratch, " %s", rendered) < 0)
		return out_of_memory(e);
	return splice(e, colon + 1, 0, e->scratch.data, e->scratch.len);
}

static int remove_pair(struct yedit *e, const struct ynode *map, const struct ynode *key)
{
	const struct ynode *value = key->next;
	if (map->style == YS_FLOW)
		return flow_change(e, map, key, NULL);
	if (starts_line(e, key->start)) {
		size_t from = yedit_line_start(e, key->start);
		return splice(e, from, yedit_next_line(e, value->end) - from, "", 0);
	}
	/* The key shares its line with a `- ` sequence indicator. */
	const struct ynode *next_key = value->next;
	for (const struct ynode *k = next_key ? map->shadowed : NULL; k; k = k->next->next)
		if (k->start > key->start && k->start < next_key->start)
			return yedit_shape_error(e, key, "cannot remove the first key of a list item whose mapping repeats "
						 "a key after it");
	if (next_key)
		return splice(e, key->start, next_key->start - key->start, "", 0);
	return splice(e, key->start, value->end - key->start, "{}", 2);
}

/* The column of a block mapping's keys: that of its first key, or of the
 * `?` before it when the key is explicit (`? k` / `: v`). */
static int block_map_indent(const struct yedit *e, const struct ynode *map)
{
	size_t pos = map->first->start;
	while (pos > 0 && (e->input[pos - 1] == ' ' || e->input[pos - 1] == '\t'))
		pos--;
	if (pos > 0 && e->input[pos - 1] == '?')
		return (int)(pos - 1 - yedit_line_start(e, pos - 1));
	return map->first->column;
}

static int append_block_pairs(struct buf *lines, int indent, const struct kv *kvs, size_t n,
			      const struct ynode *map, const char *eol)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		if (kvs[i].value && !ymap_key(map, kvs[i].key))
			rc |= buf_printf(lines, "%*s%s: %s%s", indent, "", kvs[i].key, kvs[i].value, eol);
	return rc;
}

static int insert_pairs(struct yedit *e, const struct ynode *map, const struct kv *kvs, size_t n)
{
	struct buf text = {0};
	int rc;
	if (map->style == YS_FLOW) {
		rc = 0;
		for (size_t i = 0; i < n && rc == 0; i++) {
			if (!kvs[i].value || ymap_key(map, kvs[i].key))
				continue;
			text.len = 0;
			rc = buf_printf(&text, "%s: %s", kvs[i].key, kvs[i].value) < 0 ? -1
				: flow_change(e, map, NULL, text.data);
		}
	} else {
		rc = append_block_pairs(&text, block_map_indent(e, map), kvs, n, map, e->eol);
		if (rc == 0 && text.len > 0)
			rc = insert_map_lines(e, map, &text);
	}
	buf_free(&text);
	return rc < 0 ? out_of_memory(e) : 0;
}

/* A single pair in a flow list (`[k: v]`) has neither braces nor lines to
 * put a new key between: adding one would mean rewriting the list item. */
static int refuse_new_key(struct yedit *e, const struct ynode *pair)
{
	return yedit_shape_error(e, pair, "cannot add a key to a single pair in a flow list; write it in braces");
}

/* The first key of the map written after pos: what follows a shadowed pair
 * that shares its line with a `- ` sequence indicator. */
static const struct ynode *key_after(const struct ynode *map, size_t pos)
{
	for (const struct ynode *k = map->first; k; k = k->next->next)
		if (k->start > pos)
			return k;
	return NULL;
}

/* A flow map's shadowed pairs go when it is written (yamlflow.c); a block
 * map's go with their lines. */
static int remove_shadowed(struct yedit *e, const struct ynode *map)
{
	if (!map->shadowed || map->style == YS_FLOW)
		return 0;
	for (size_t i = 0; i < e->unshadowed_count; i++)
		if (e->unshadowed[i] == map)
			return 0;
	const struct ynode **grown = realloc(e->unshadowed, (e->unshadowed_count + 1) * sizeof(*grown));
	if (!grown)
		return out_of_memory(e);
	e->unshadowed = grown;
	e->unshadowed[e->unshadowed_count++] = map;
	for (const struct ynode *key = map->shadowed; key; key = key->next->next) {
		const struct ynode *value = key->next, *next = key_after(map, value->end);
		int rc;
		if (starts_line(e, key->start)) {
			size_t from = yedit_line_start(e, key->start);
			rc = splice(e, from, yedit_next_line(e, value->end) - from, "", 0);
		} else {
			rc = next ? splice(e, key->start, next->start - key->start, "", 0)
				  : yedit_shape_error(e, key, "cannot remove a repeated key written after a `- `");
		}
		if (rc < 0)
			return -1;
	}
	return 0;
}

int yedit_map_apply(struct yedit *e, const struct ynode *map, const struct kv *kvs, size_t n)
{
	if (map && (map->kind != YN_MAP || map->has_anchor_or_tag))
		return yedit_wrong_shape(e, map, "a mapping");
	if (!map || map->style == YS_FLOW_PAIR)
		return yedit_shape_error(e, map, "expected a mapping in braces or in block style");
	if (remove_shadowed(e, map) < 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct ynode *key = ymap_key(map, kvs[i].key);
		if (!key)
			continue;
		int rc = kvs[i].value ? set_value(e, map, key, kvs[i].value) : remove_pair(e, map, key);
		if (rc < 0)
			return -1;
	}
	return insert_pairs(e, map, kvs, n);
}

/* Renders kvs as the body of a new child map, in the parent's own style. */
static int render_new_map(struct buf *text, const struct kv *kvs, size_t n, bool flow, int indent,
			  const char *eol)
{
	int rc = 0;
	bool first = true;
	if (flow)
		rc |= buf_puts(text, "{");
	for (size_t i = 0; i < n; i++) {
		if (!kvs[i].value)
			continue;
		if (flow)
			rc |= buf_printf(text, "%s%s: %s", first ? "" : ", ", kvs[i].key, kvs[i].value);
		else
			rc |= buf_printf(text, "%*s%s: %s%s", indent, "", kvs[i].key, kvs[i].value, eol);
		first = false;
	}
	if (flow)
		rc |= buf_puts(text, "}");
	return first ? 1 : rc;
}

static int fill_null_child(struct yedit *e, const struct ynode *parent, const struct ynode *key,
			   const struct kv *kvs, size_t n)
{
	const struct ynode *value = key->next;
	bool flow = parent->style == YS_FLOW;
	struct buf text = {0};
	int rc = render_new_map(&text, kvs, n, flow, key->column + 2, e->eol);
	if (rc != 0) {
		buf_free(&text);
		return rc == 1 ? 0 : out_of_memory(e);
	}
	size_t colon = colon_after(e, key);
	size_t value_end = value->style == YS_EMPTY ? colon + 1 : value->end;
	if (flow) {
		rc = flow_change(e, parent, key, text.data);
	} else {
		rc = splice(e, colon + 1, value_end - colon - 1, "", 0);
		rc = rc < 0 ? rc : insert_lines(e, value_end, &text);
	}
	buf_free(&text);
	return rc;
}

static int add_child(struct yedit *e, const struct ynode *parent, const char *child,
		     const struct kv *kvs, size_t n)
{
	bool flow = parent->style == YS_FLOW;
	int indent = parent->count && parent->style != YS_FLOW ? block_map_indent(e, parent)
				   : parent->count ? parent->first->column : parent->column;
	struct buf body = {0}, text = {0};
	int rc = render_new_map(&body, kvs, n, flow, indent + 2, e->eol);
	if (rc == 0 && flow) {
		rc = buf_printf(&text, "%s: %.*s", child, (int)body.len, body.data);
		rc = rc < 0 ? out_of_memory(e) : flow_change(e, parent, NULL, text.data);
	} else if (rc == 0) {
		rc = buf_printf(&text, "%*s%s:%s%.*s", indent, "", child, e->eol, (int)body.len, body.data);
		rc = rc < 0 ? out_of_memory(e) : insert_map_lines(e, parent, &text);
	} else {
		rc = rc == 1 ? 0 : out_of_memory(e);
	}
	buf_free(&body);
	buf_free(&text);
	return rc;
}

static int child_not_a_map(struct yedit *e, const struct ynode *alias, const char *child)
{
	struct buf wanted = {0};
	int rc = buf_printf(&wanted, "%.100s to be a mapping", child) < 0 ? err_set(e->err, LS_EXIT_IO, "out of memory")
									     : yedit_wrong_shape(e, alias, wanted.data);
	buf_free(&wanted);
	return rc;
}

int yedit_child_map_apply(struct yedit *e, const struct ynode *parent, const char *child,
			  const struct kv *kvs, size_t n)
{
	if (!parent || parent->kind != YN_MAP)
		return yedit_wrong_shape(e, parent, "a mapping");
	struct ynode *key = ymap_key(parent, child);
	bool writes_key = !key || (key->next->kind == YN_NULL && !key->next->has_anchor_or_tag);
	if (writes_key && parent->style == YS_FLOW_PAIR)
		return refuse_new_key(e, parent);
	if (writes_key && remove_shadowed(e, parent) < 0)
		return -1;
	if (!key)
		return add_child(e, parent, child, kvs, n);
	if (key->next->kind == YN_NULL && !key->next->has_anchor_or_tag)
		return fill_null_child(e, parent, key, kvs, n);
	if (key->next->kind == YN_ALIAS)
		return child_not_a_map(e, key->next, child);
	if (key->next->kind != YN_MAP)
		return shape_errorf(e, key->next, "%.100s must be a mapping, not %s", child,
				    ynode_kind_words(key->next));
	return yedit_map_apply(e, key->next, kvs, n);
}

static size_t dash_of(const struct yedit *e, const struct ynode *item)
{
	size_t pos = item->start;
	while (pos > 0 && e->input[pos - 1] != '-')
		pos--;
	return pos > 0 ? pos - 1 : item->start;
}

static int list_lines(struct buf *text, int indent, const char *const *items, size_t n, const char *eol)
{
	int rc = 0;
	for (size_t i = 0; i < n; i++)
		rc |= buf_printf(text, "%*s- %s%s", indent, "", items[i], eol);
	return rc;
}

static int flow_list(struct buf *text, const char *key, const char *const *items, size_t n)
{
	int rc = key ? buf_printf(text, "%s: [", key) : buf_puts(text, "[");
	for (size_t i = 0; i < n; i++)
		rc |= buf_printf(text, "%s%s", i ? ", " : "", items[i]);
	return rc | buf_puts(text, "]");
}

/* parent has no `key`, or it is null: the list is written fresh. */
static int add_list(struct yedit *e, const struct ynode *parent, const char *key, const char *const *items, size_t n)
{
	struct ynode *k = ymap_key(parent, key);
	struct buf text = {0};
	int rc;
	if (parent->style == YS_FLOW) {
		rc = flow_list(&text, k ? NULL : key, items, n) < 0 ? out_of_memory(e)
			: flow_change(e, parent, k, text.data);
	} else if (k) {
		size_t colon = colon_after(e, k);
		size_t value_end = k->next->style == YS_EMPTY ? colon + 1 : k->next->end;
		rc = list_lines(&text, k->column, items, n, e->eol) < 0 ? out_of_memory(e)
			: splice(e, colon + 1, value_end - colon - 1, "", 0);
		rc = rc < 0 ? rc : insert_lines(e, value_end, &text);
	} else {
		int indent = block_map_indent(e, parent);
		rc = buf_printf(&text, "%*s%s:%s", indent, "", key, e->eol) | list_lines(&text, indent, items, n, e->eol);
		rc = rc < 0 ? out_of_memory(e) : insert_map_lines(e, parent, &text);
	}
	buf_free(&text);
	return rc;
}

int yedit_seq_append(struct yedit *e, const struct ynode *parent, const char *key,
		     const char *const *items, size_t n)
{
	if (n == 0)
		return 0;
	struct ynode *seq = ymap_get(parent, key);
	if (!seq || (seq->kind == YN_NULL && !seq->has_anchor_or_tag))
		return parent->style == YS_FLOW_PAIR ? refuse_new_key(e, parent) : add_list(e, parent, key, items, n);
	if (seq->kind != YN_SEQ || seq->has_anchor_or_tag)
		return yedit_wrong_shape(e, seq, "a list");
	return yedit_seq_insert_after(e, seq, NULL, items, n);
}

int yedit_seq_insert_after(struct yedit *e, const struct ynode *seq, const struct ynode *item,
			   const char *const *items, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; seq->style == YS_FLOW && i < n; i++)
		if (flow_change(e, seq, NULL, items[i]) < 0)
			return -1;
	if (seq->style == YS_FLOW)
		return 0;
	size_t dash = dash_of(e, seq->first);
	int indent = (int)(dash - yedit_line_start(e, dash));
	struct buf text = {0};
	int rc = list_lines(&text, indent, items, n, e->eol) < 0 ? out_of_memory(e)
		 : insert_lines(e, item ? item->end : seq->end, &text);
	buf_free(&text);
	return rc;
}

int yedit_seq_replace(struct yedit *e, const struct ynode *seq, const struct ynode *item, const char *text)
{
	if (seq->style != YS_FLOW && item->style == YS_PLAIN && yaml_plain_safe_in_block(text))
		return yedit_replace(e, item, text);
	if (seq->style != YS_FLOW)
		return yedit_set_scalar(e, item, text);
	const char *rendered = yaml_plain_safe(text) ? text : yaml_double_quoted(&e->scratch, text);
	return rendered ? flow_change(e, seq, item, rendered) : out_of_memory(e);
}

int yedit_seq_remove(struct yedit *e, const struct ynode *seq, const struct ynode *item)
{
	if (seq->style == YS_FLOW)
		return flow_change(e, seq, item, NULL);
	size_t from = yedit_line_start(e, dash_of(e, item));
	return splice(e, from, yedit_next_line(e, item->end) - from, "", 0);
}

int yedit_seq_insert_before(struct yedit *e, const struct ynode *seq, const struct ynode *item, const char *text)
{
	if (seq->style == YS_FLOW)
		return flow_change(e, seq, NULL, text);
	size_t dash = dash_of(e, item), from = yedit_line_start(e, dash);
	if (!starts_line(e, dash))
		return yedit_shape_error(e, item, "cannot insert an item before one that shares its line");
	struct buf line = {0};
	int rc = list_lines(&line, (int)(dash - from), &text, 1, e->eol) < 0 ? out_of_memory(e)
									    : insert_lines_at(e, from, &line);
	buf_free(&line);
	return rc;
}
