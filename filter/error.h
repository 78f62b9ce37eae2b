/* One error model for the whole program.
 *
 * Why: a post-renderer's caller (Helm, a pipeline) only sees the exit code and
 * stderr, so every failure carries its class (which exit code) and a single
 * line of text that names where it happened; the first error wins and is
 * reported once, by main, after nothing has been written to stdout. The
 * text is held inline, not allocated, so that running out of memory can be
 * reported; what it quotes from the input or the flags is escaped (one line,
 * nothing the terminal acts on), and a text longer than it holds keeps its
 * start and its end, which say where and why. */
#ifndef LS_ERROR_H
#define LS_ERROR_H

#include <stdbool.h>

enum ls_exit {
	LS_EXIT_OK = 0,
	LS_EXIT_CHECK_FAILED = 1,
	LS_EXIT_USAGE = 2,
	LS_EXIT_INPUT = 3,
	LS_EXIT_IO = 4,
};

struct ls_error {
	enum ls_exit code;
	char message[4096];
};

/* Records the error unless one is already recorded; returns -1 so callers can
 * write `return err_set(...)`. */
int err_set(struct ls_error *err, enum ls_exit code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
bool err_is_set(const struct ls_error *err);

#endif
