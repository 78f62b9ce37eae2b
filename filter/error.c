/* See error.h: the first error is the one the user must fix first. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "escape.h"

enum { RAW_ON_STACK = 2048 };

int err_set(struct ls_error *err, enum ls_exit code, const char *fmt, ...)
{
	if (err->code != LS_EXIT_OK)
		return -1;
	err->code = code;
	/* The whole text first, so that a long one keeps its end (the reason)
	 * when it is shortened; on the stack when it fits, as the commonest
	 * late error is a failed allocation. */
	char raw[RAW_ON_STACK];
	va_list ap, again;
	va_start(ap, fmt);
	va_copy(again, ap);
	int need = vsnprintf(raw, sizeof(raw), fmt, ap);
	char *whole = need >= (int)sizeof(raw) ? malloc((size_t)need + 1) : NULL;
	if (whole)
		vsnprintf(whole, (size_t)need + 1, fmt, again);
	va_end(again);
	va_end(ap);
	const char *text = whole ? whole : raw;
	size_t len = need < 0 ? 0 : whole || need < (int)sizeof(raw) ? (size_t)need : sizeof(raw) - 1;
	escape_fit(err->message, sizeof(err->message), text, len);
	free(whole);
	return -1;
}

bool err_is_set(const struct ls_error *err)
{
	return err->code != LS_EXIT_OK;
}
