/* See yamlflow.h. Entries are copied by their byte ranges, so comments
 * between entries of a rewritten collection go with the entry before them. */
#include "yamlflow.h"

#include <stdlib.h>
#include <string.h>

static bool copyable(const struct ynode *collection)
{
	bool map = collection->kind == YN_MAP;
	for (const struct ynode *n = collection->first; n; n = map ? n->next->next : n->next)
		if (n->style == YS_EMPTY)
			return false;
	return true;
}

static struct flow_edit *edit_of(struct flow_edits *f, const struct ynode *collection, int *rc)
{
	for (size_t i = 0; i < f->count; i++)
		if (f->edits[i].collection == collection)
			return &f->edits[i];
	*rc = FLOW_ENTRY_EMPTY;
	if (!copyable(collection))
		return NULL;
	*rc = -1;
	struct flow_edit *grown = realloc(f->edits, (f->count + 1) * sizeof(*grown));
	if (!grown)
		return NULL;
	f->edits = grown;
	f->edits[f->count] = (struct flow_edit){.collection = collection};
	return &f->edits[f->count++];
}

int flow_edits_add(struct flow_edits *f, const struct ynode *collection, const struct ynode *entry,
		   const char *text)
{
	int rc = 0;
	struct flow_edit *edit = edit_of(f, collection, &rc);
	if (!edit)
		return rc;
	struct flow_change *grown = realloc(edit->changes, (edit->count + 1) * sizeof(*grown));
	char *copy = text ? strdup(text) : NULL;
	if (grown)
		edit->changes = grown;
	if (!grown || (text && !copy)) {
		free(copy);
		return -1;
	}
	edit->changes[edit->count++] = (struct flow_change){.entry = entry, .text = copy};
	return 0;
}

static const struct flow_change *change_for(const struct flow_edit *edit, const struct ynode *entry)
{
	for (size_t i = 0; i < edit->count; i++)
		if (edit->changes[i].entry == entry)
			return &edit->changes[i];
	return NULL;
}

static bool inside(const struct ynode *inner, const struct ynode *outer)
{
	return inner != outer && inner->start >= outer->start && inner->end <= outer->end;
}

bool flow_edits_nested(const struct flow_edits *f, size_t i)
{
	for (size_t j = 0; j < f->count; j++)
		if (inside(f->edits[i].collection, f->edits[j].collection))
			return true;
	return false;
}

static int render(const struct flow_edits *f, const struct flow_edit *edit, const char *input, struct buf *out);

/* Copies input[from, to), with every edited flow collection inside it
 * written anew. */
static int copy_range(const struct flow_edits *f, const struct ynode *current, const char *input, size_t from,
		      size_t to, struct buf *out)
{
	int rc = 0;
	while (from < to && rc == 0) {
		const struct flow_edit *next = NULL;
		for (size_t i = 0; i < f->count; i++) {
			const struct ynode *c = f->edits[i].collection;
			if (c != current && inside(c, current) && c->start >= from && c->end <= to && c->end > c->start &&
			    (!next || c->start < next->collection->start))
				next = &f->edits[i];
		}
		if (!next)
			return buf_append(out, input + from, to - from);
		rc = buf_append(out, input + from, next->collection->start - from);
		rc |= render(f, next, input, out);
		from = next->collection->end;
	}
	return rc;
}

static int render(const struct flow_edits *f, const struct flow_edit *edit, const char *input, struct buf *out)
{
	const struct ynode *c = edit->collection;
	bool map = c->kind == YN_MAP;
	const char *separator = "";
	int rc = buf_puts(out, map ? "{" : "[");
	for (const struct ynode *entry = c->first; entry; entry = map ? entry->next->next : entry->next) {
		const struct flow_change *ch = change_for(edit, entry);
		const struct ynode *last = map ? entry->next : entry;
		if (ch && !ch->text)
			continue;
		rc |= buf_puts(out, separator);
		if (ch && map)
			rc |= buf_printf(out, "%.*s: %s", (int)(entry->end - entry->start), input + entry->start, ch->text);
		else if (ch)
			rc |= buf_puts(out, ch->text);
		else
			rc |= copy_range(f, c, input, entry->start, last->end > entry->end ? last->end : entry->end, out);
		separator = ", ";
	}
	for (size_t i = 0; i < edit->count; i++) {
		if (edit->changes[i].entry)
			continue;
		rc |= buf_printf(out, "%s%s", separator, edit->changes[i].text);
		separator = ", ";
	}
	return rc | buf_puts(out, map ? "}" : "]");
}

int flow_edits_render(const struct flow_edits *f, size_t i, const char *input, struct buf *out)
{
	return render(f, &f->edits[i], input, out);
}

void flow_edits_free(struct flow_edits *f)
{
	for (size_t i = 0; i < f->count; i++) {
		for (size_t j = 0; j < f->edits[i].count; j++)
			free(f->edits[i].changes[j].text);
		free(f->edits[i].changes);
	}
	free(f->edits);
	*f = (struct flow_edits){0};
}
