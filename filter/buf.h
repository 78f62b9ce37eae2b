/* Growable byte buffers and an arena.
 *
 * Why: the filter assembles its whole output in memory before writing a byte
 * (never partial output), and each parsed document's nodes are freed together;
 * a buffer and a bump arena give both with one owner each and no per-node free. */
#ifndef LS_BUF_H
#define LS_BUF_H

#include <stdarg.h>
#include <stddef.h>

/* data is kept NUL-terminated (not counted in len) once anything was added. */
struct buf {
	char *data;
	size_t len;
	size_t cap;
};

/* All return 0, or -1 when memory is exhausted (the buffer is left valid). */
int buf_reserve(struct buf *b, size_t extra);
int buf_append(struct buf *b, const void *bytes, size_t n);
int buf_puts(struct buf *b, const char *s);
int buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int buf_vprintf(struct buf *b, const char *fmt, va_list ap);
void buf_free(struct buf *b);

struct arena_block;

struct arena {
	struct arena_block *head;
};

void *arena_alloc(struct arena *a, size_t size);
char *arena_strndup(struct arena *a, const char *s, size_t n);
/* Keeps the first block for reuse, frees the rest. */
void arena_reset(struct arena *a);
void arena_free(struct arena *a);

#endif
