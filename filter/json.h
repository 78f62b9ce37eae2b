/* A small JSON writer: strings escaped, containers nested and indented.
 *
 * Why our own: the report is a few dozen values written once per run, and
 * every string in it (object names, values found in the input, flag values)
 * needs escaping; a dependency for that would outweigh the code. Strings are
 * written as valid UTF-8 whatever they hold, so a consumer never chokes on
 * the report. The layout (one value per line, two spaces per level) keeps a
 * reviewed report readable in a diff. */
#ifndef LS_JSON_H
#define LS_JSON_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

/* Appends s (len bytes) as a quoted JSON string: `"` and `\` and control
 * characters escaped, each byte that is not part of valid UTF-8 replaced by
 * U+FFFD. Returns 0 or -1 when memory is exhausted. */
int json_quote(struct buf *out, const char *s, size_t len);

enum { JSON_MAX_DEPTH = 16 };

/* Values are written with a key inside an object and with key NULL inside an
 * array or at the top. `failed` turns true when memory ran out, after which
 * nothing more is written; check it once at the end. */
struct json_writer {
	struct buf *out;
	int depth;
	bool has_items[JSON_MAX_DEPTH];
	bool failed;
};

void json_begin_object(struct json_writer *w, const char *key);
void json_begin_array(struct json_writer *w, const char *key);
/* Closes the innermost object or array (the bracket must match it). */
void json_end(struct json_writer *w, char bracket);
/* value NULL writes null. */
void json_string(struct json_writer *w, const char *key, const char *value);
/* The same for len bytes of s, which need not end in NUL. */
void json_string_n(struct json_writer *w, const char *key, const char *s, size_t len);
void json_number(struct json_writer *w, const char *key, long value);
void json_bool(struct json_writer *w, const char *key, bool value);
void json_null(struct json_writer *w, const char *key);

#endif
