/* See buf.h for why these exist. */
#include "buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int buf_reserve(struct buf *b, size_t extra)
{
	if (b->cap - b->len >= extra)
		return 0;
	size_t want = b->len + extra;
	if (want < b->len)
		return -1;
	size_t cap = b->cap ? b->cap : 256;
	while (cap < want) {
		if (cap > ((size_t)-1) / 2)
			return -1;
		cap *= 2;
	}
	char *grown = realloc(b->data, cap);
	if (!grown)
		return -1;
	b->data = grown;
	b->cap = cap;
	return 0;
}

int buf_append(struct buf *b, const void *bytes, size_t n)
{
	if (buf_reserve(b, n + 1) < 0)
		return -1;
	if (n)
		memcpy(b->data + b->len, bytes, n);
	b->len += n;
	b->data[b->len] = '\0';
	return 0;
}

int buf_puts(struct buf *b, const char *s)
{
	return buf_append(b, s, strlen(s));
}

int buf_vprintf(struct buf *b, const char *fmt, va_list ap)
{
	va_list again;
	va_copy(again, ap);
	int need = vsnprintf(NULL, 0, fmt, ap);
	if (need < 0 || buf_reserve(b, (size_t)need + 1) < 0) {
		va_end(again);
		return -1;
	}
	vsnprintf(b->data + b->len, (size_t)need + 1, fmt, again);
	va_end(again);
	b->len += (size_t)need;
	return 0;
}

int buf_printf(struct buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = buf_vprintf(b, fmt, ap);
	va_end(ap);
	return rc;
}

void buf_free(struct buf *b)
{
	free(b->data);
	b->data = NULL;
	b->len = b->cap = 0;
}

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t size;
	max_align_t data[];
};

enum { ARENA_BLOCK_BYTES = 16 * 1024 };

void *arena_alloc(struct arena *a, size_t size)
{
	size_t align = sizeof(max_align_t);
	size = (size + align - 1) / align * align;
	struct arena_block *blk = a->head;
	if (!blk || blk->size - blk->used < size) {
		size_t bytes = size > ARENA_BLOCK_BYTES ? size : ARENA_BLOCK_BYTES;
		blk = malloc(sizeof(*blk) + bytes);
		if (!blk)
			return NULL;
		blk->next = a->head;
		blk->used = 0;
		blk->size = bytes;
		a->head = blk;
	}
	void *p = (char *)blk->data + blk->used;
	blk->used += size;
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *copy = arena_alloc(a, n + 1);
	if (!copy)
		return NULL;
	memcpy(copy, s, n);
	copy[n] = '\0';
	return copy;
}

void arena_reset(struct arena *a)
{
	struct arena_block *blk = a->head;
	if (!blk)
		return;
	/* The newest block is the head; keep the last one in the chain, which
	 * is the first allocated and always a standard-sized block or larger. */
	while (blk->next) {
		struct arena_block *next = blk->next;
		free(blk);
		blk = next;
	}
	blk->used = 0;
	a->head = blk;
}

void arena_free(struct arena *a)
{
	struct arena_block *blk = a->head;
	while (blk) {
		struct arena_block *next = blk->next;
		free(blk);
		blk = next;
	}
	a->head = NULL;
}
