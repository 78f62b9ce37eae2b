/* See yamlflow.h. A collection is copied from its bytes with its changes
 * made in place, so the comments, line breaks and separators of a multi-line
 * flow collection stay where they were. */
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

/* One change to a collection's bytes: input[from, to) becomes text (NULL:
 * nothing), with sep before it when it is an appended entry. */
struct flow_op {
	size_t from, to;
	const char *sep, *text;
	size_t order; /* appended entries keep the order they were added in */
};

static bool blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The first byte from pos on that is not white space, a line break or a
 * comment: where a separating comma would be. */
static size_t skip_gap(const char *input, size_t pos, size_t end)
{
	while (pos < end) {
		if (blank(input[pos]) || input[pos] == '\n' || input[pos] == '\r') {
			pos++;
		} else if (input[pos] == '#') {
			while (pos < end && input[pos] != '\n')
				pos++;
		} else {
			break;
		}
	}
	return pos;
}

/* Removing an entry takes its bytes and one comma beside it, and the line
 * it stood on when nothing else is left there; comments stay. ops gets one
 * or two operations; returns their number. */
static size_t removal(const struct ynode *c, const struct ynode *prev_end, const struct ynode *entry,
		      const struct ynode *last, const char *input, struct flow_op *ops)
{
	size_t from = entry->start, to = last->end, close = c->end - 1;
	size_t comma = skip_gap(input, to, close);
	if (comma < close && input[comma] == ',') {
		size_t after = comma + 1;
		while (after < close && blank(input[after]))
			after++;
		if (after < close && input[after] == '#' && after > comma + 1 && !blank(input[from - 1]))
			after--; /* a comment needs a blank before it */
		size_t line = from;
		while (line > c->start && blank(input[line - 1]))
			line--;
		bool own_line = line > c->start && input[line - 1] == '\n' && comma == to;
		size_t eol = after < close && input[after] == '\r' ? after + 1 : after;
		if (own_line && eol < close && input[eol] == '\n')
			from = line, after = eol + 1;
		if (comma == to) {
			ops[0] = (struct flow_op){from, after, "", NULL, 0};
			return 1;
		}
		ops[0] = (struct flow_op){from, to, "", NULL, 0};
		ops[1] = (struct flow_op){comma, after, "", NULL, 0};
		return 2;
	}
	if (!prev_end) {
		ops[0] = (struct flow_op){from, to, "", NULL, 0};
		return 1;
	}
	size_t gap = prev_end->end;
	if (!memchr(input + gap, '#', from - gap) && !memchr(input + gap, '\n', from - gap)) {
		ops[0] = (struct flow_op){gap, to, "", NULL, 0};
		return 1;
	}
	size_t before = skip_gap(input, gap, from);
	size_t n = 0;
	if (before < from && input[before] == ',')
		ops[n++] = (struct flow_op){before, before + 1, "", NULL, 0};
	size_t line = from, end = to;
	while (line > before + 1 && blank(input[line - 1]))
		line--;
	while (end < close && blank(input[end]))
		end++;
	if (end < close && input[end] == '\r')
		end++;
	if (input[line - 1] == '\n' && end < close && input[end] == '\n')
		from = line, to = end + 1;
	else if (n)
		from = line;
	ops[n++] = (struct flow_op){from, to, "", NULL, 0};
	return n;
}

static int by_position(const void *a, const void *b)
{
	const struct flow_op *x = a, *y = b;
	if (x->from != y->from)
		return x->from < y->from ? -1 : 1;
	bool x_inserts = x->to == x->from, y_inserts = y->to == y->from;
	if (x_inserts != y_inserts)
		return x_inserts ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* The collection's own bytes with its changes made: entries, separators,
 * line breaks and comments that no change touches stay as they were. */
static int render(const struct flow_edits *f, const struct flow_edit *edit, const char *input, struct buf *out)
{
	const struct ynode *c = edit->collection;
	bool map = c->kind == YN_MAP;
	struct flow_op *ops = calloc(2 * edit->count + 1, sizeof(*ops));
	if (!ops)
		return -1;
	size_t n = 0;
	const struct ynode *prev_end = NULL, *end_of_last = NULL;
	size_t kept = 0;
	for (const struct ynode *entry = c->first; entry; entry = map ? entry->next->next : entry->next) {
		const struct flow_change *ch = change_for(edit, entry);
		const struct ynode *last = map ? entry->next : entry;
		if (last->end < entry->end)
			last = entry;
		if (ch && !ch->text) {
			n += removal(c, prev_end, entry, last, input, ops + n);
			continue;
		}
		if (ch)
			ops[n++] = map ? (struct flow_op){entry->next->start, entry->next->end, "", ch->text, 0}
				       : (struct flow_op){entry->start, entry->end, "", ch->text, 0};
		prev_end = end_of_last = last;
		kept++;
	}
	size_t at = end_of_last ? end_of_last->end : c->start + 1;
	for (size_t i = 0; i < edit->count; i++) {
		if (edit->changes[i].entry)
			continue;
		ops[n++] = (struct flow_op){at, at, kept ? ", " : "", edit->changes[i].text, i};
		kept++;
	}
	qsort(ops, n, sizeof(*ops), by_position);
	int rc = 0;
	size_t from = c->start;
	for (size_t i = 0; i < n && rc == 0; i++) {
		/* Neighbouring removals may share a blank between them. */
		size_t op_from = ops[i].from < from ? from : ops[i].from;
		rc = copy_range(f, c, input, from, op_from, out);
		if (ops[i].text)
			rc |= buf_puts(out, ops[i].sep) | buf_puts(out, ops[i].text);
		if (ops[i].to > op_from)
			from = ops[i].to;
		else
			from = op_from;
	}
	rc = rc ? rc : copy_range(f, c, input, from, c->end, out);
	free(ops);
	return rc;
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
