/* Questions asked of a parsed tree: a mapping's value for a key, whether a
 * scalar reads as some text, how to name a node's kind in a message.
 *
 * Why: every reader of settings and manifests asks these, and none of them
 * needs the parser to ask them; they answer NULL or false when the shape does
 * not match, so a caller tests one result instead of the shape first. */
#ifndef LS_YAMLQUERY_H
#define LS_YAMLQUERY_H

#include <stdbool.h>

#include "yamlnode.h"

/* Lookups that return NULL when the shape does not match. */
struct ynode *ymap_get(const struct ynode *map, const char *key);
struct ynode *ymap_key(const struct ynode *map, const char *key);
bool yscalar_is(const struct ynode *node, const char *text);
/* The first merge key (a plain or tagged `<<` key, as go-yaml v2 reads one)
 * in the tree under node, or NULL. Texts may still be borrowed. */
const struct ynode *ynode_find_merge_key(const struct ynode *node);
/* "a mapping", "a list", "text", "null" or "an alias", for messages. */
const char *ynode_kind_words(const struct ynode *node);

#endif
