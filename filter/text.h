/* The check every input passes before the YAML parser sees it.
 *
 * Why: libfyaml 0.7.12 lets through bytes that YAML forbids (control
 * characters, invalid UTF-8, NUL), and it counts CR alone, NEL, LS and PS as
 * line breaks while the editor inserts whole LF lines. Text of either kind
 * would be copied to the output or split in the wrong place, and a directive
 * followed by a byte that is not UTF-8 sends libfyaml into an endless loop,
 * so yparse_stream refuses such text before parsing, with the line:column
 * where it starts. */
#ifndef LS_TEXT_H
#define LS_TEXT_H

#include <stddef.h>

#include "error.h"

/* 0 when input is UTF-8 text of YAML's printable characters with LF or CRLF
 * line ends; otherwise -1 with err naming the document and line:column. */
int text_check(const char *name, const char *input, size_t len, struct ls_error *err);

#endif
