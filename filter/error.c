/* See error.h: the first error is the one the user must fix first. */
#include "error.h"

#include <stdarg.h>
#include <stdio.h>

int err_set(struct ls_error *err, enum ls_exit code, const char *fmt, ...)
{
	if (err->code != LS_EXIT_OK)
		return -1;
	err->code = code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->message, sizeof(err->message), fmt, ap);
	va_end(ap);
	return -1;
}

bool err_is_set(const struct ls_error *err)
{
	return err->code != LS_EXIT_OK;
}
