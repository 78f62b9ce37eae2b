/* Text rendered as a YAML scalar: plain where YAML reads it back as the same
 * text, else quoted.
 *
 * Why: a value written into a manifest must read back as exactly the text
 * the profile or flag gave, whatever characters it holds; which quoting
 * keeps it so is a question of YAML's syntax alone, asked by the editor and
 * by whoever renders a value before handing it to the editor. */
#ifndef LS_YAMLQUOTE_H
#define LS_YAMLQUOTE_H

#include <stdbool.h>

#include "buf.h"

/* Whether text, written plain, reads back as itself in block or flow style. */
bool yaml_plain_safe(const char *text);
/* text in double or single quotes, in out (emptied first); NULL when memory
 * is exhausted. Single quotes fold line breaks: give them no text with one. */
const char *yaml_double_quoted(struct buf *out, const char *text);
const char *yaml_single_quoted(struct buf *out, const char *text);

#endif
