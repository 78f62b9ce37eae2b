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

int splices_apply(struct splices *list, const char *input, size_t len, struct buf *out)
{
	if (list->count > 1)
		qsort(list->items, list->count, sizeof(*list->items), by_position);
	size_t extra = 0;
	for (size_t i = 0; i < list->count; i++)
		extra += list->items[i].len;
	if (buf_reserve(out, len + extra + 1) < 0)
		return -1;
	size_t copied = 0;
	for (size_t i = 0; i < list->count; i++) {
		const struct splice *s = &list->items[i];
		if (s->at < copied || s->at + s->removed > len)
			return -1;
		buf_append(out, input + copied, s->at - copied);
		buf_append(out, s->text, s->len);
		copied = s->at + s->removed;
	}
	buf_append(out, input + copied, len - copied);
	return 0;
}

void splices_free(struct splices *list)
{
	free(list->items);
	list->items = NULL;
	list->count = list->cap = 0;
	arena_free(&list->texts);
}
