/* See yamlquery.h. A mapping's keys are few, so a linear scan is the
 * lookup: an index would cost more to build than the scans it saves. */
#include "yamlquery.h"

#include <string.h>

const char *ynode_kind_words(const struct ynode *node)
{
	switch (node->kind) {
	case YN_MAP:
		return "a mapping";
	case YN_SEQ:
		return "a list";
	case YN_SCALAR:
		return "text";
	case YN_NULL:
		return "null";
	default:
		return "an alias";
	}
}

bool yscalar_is(const struct ynode *node, const char *text)
{
	if (!node || node->kind != YN_SCALAR)
		return false;
	size_t n = strlen(text);
	return node->len == n && memcmp(node->text, text, n) == 0;
}

struct ynode *ymap_key(const struct ynode *map, const char *key)
{
	if (!map || map->kind != YN_MAP)
		return NULL;
	for (struct ynode *k = map->first; k && k->next; k = k->next->next)
		if (yscalar_is(k, key))
			return k;
	return NULL;
}

struct ynode *ymap_get(const struct ynode *map, const char *key)
{
	struct ynode *k = ymap_key(map, key);
	return k ? k->next : NULL;
}

const struct ynode *ynode_find_merge_key(const struct ynode *node)
{
	if (!node)
		return NULL;
	size_t i = 0;
	for (const struct ynode *child = node->first; child; child = child->next, i++) {
		bool key = node->kind == YN_MAP && i % 2 == 0;
		if (key && child->kind == YN_SCALAR && child->len == 2 && memcmp(child->text, "<<", 2) == 0 &&
		    (child->style == YS_PLAIN || child->has_anchor_or_tag))
			return child;
		const struct ynode *found = ynode_find_merge_key(child);
		if (found)
			return found;
	}
	return NULL;
}
