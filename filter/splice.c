/* See splice.h. */
#include "splice.h"

#include <stdlib.h>
#include <string.h>

int splices_add(struct splices *list, size_t at, size_t removed, const char *text, size_t len)
{
	return splices_add_ranked(list, at, removed, text, len, 0);
}

int splices_add_ranked(struct splices *list, size_t at, size_t removed, const char *text, size_t len, int rank)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? list->cap * 2 : 16;
		struct splice *grown = realloc(list->items, cap * sizeof(*grown));
		if (!grown)
			return -1;
		list->items = grown;
		list->cap = cap;
	}
	char *copy = arena_strndup(&list->texts, text ? text : "", len);
	if (!copy)
		return -1;
	list->items[list->count] = (struct splice){
		.at = at, .removed = removed, .text = copy, .len = len, .order = list->count, .rank = rank,
	};
	list->count++;
	return 0;
}

static int by_position(const void *a, const void *b)
{
	const struct splice *x = a, *y = b;
	if (x->at != y->at)
		return x->at < y->at ? -1 : 1;
	/* A pure insertion goes before a replacement starting at the same byte. */
	if ((x->removed == 0) != (y->removed == 0))
		return x->removed == 0 ? -1 : 1;
	if (x->rank != y->rank)
		return x->rank > y->rank ? -1 : 1;
	return x->order < y->order ? -1 : (x->order > y->order);
}

static void add_piece(struct pieces *out, const char *data, size_t len)
{
	if (len == 0)
		return;
	out->items[out->count++] = (struct piece){data, len};
	out->total += len;
}

int splices_lay_out(struct splices *list, const char *input, size_t len, struct pieces *out)
{
	*out = (struct pieces){0};
	if (list->count > 1)
		qsort(list->items, list->count, sizeof(*list->items), by_position);
	out->items = malloc((2 * list->count + 1) * sizeof(*out->items));
	if (!out->items)
		return -2;
	size_t copied = 0;
	for (size_t i = 0; i < list->count; i++) {
		const struct splice *s = &list->items[i];
		if (s->at < copied || s->at + s->removed > len) {
			pieces_free(out);
			return -1;
		}
		add_piece(out, input + copied, s->at - copied);
		add_piece(out, s->text, s->len);
		copied = s->at + s->removed;
	}
	add_piece(out, input + copied, len - copied);
	return 0;
}

int pieces_join(const struct pieces *pieces, struct buf *out)
{
	if (buf_reserve(out, pieces->total + 1) < 0)
		return -1;
	for (size_t i = 0; i < pieces->count; i++)
		if (buf_append(out, pieces->items[i].data, pieces->items[i].len) < 0)
			return -1;
	return 0;
}

int splices_apply(struct splices *list, const char *input, size_t len, struct buf *out)
{
	struct pieces pieces;
	int rc = splices_lay_out(list, input, len, &pieces);
	if (rc < 0)
		return rc;
	rc = pieces_join(&pieces, out);
	pieces_free(&pieces);
	return rc;
}

void pieces_free(struct pieces *pieces)
{
	free(pieces->items);
	*pieces = (struct pieces){0};
}

void splices_free(struct splices *list)
{
	free(list->items);
	list->items = NULL;
	list->count = list->cap = 0;
	arena_free(&list->texts);
}
