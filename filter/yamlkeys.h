/* Sets of keys, to refuse a duplicate key in a mapping and an alias to an
 * anchor not yet defined.
 *
 * Why: libfyaml's event parser lets both through. YAML forbids duplicate
 * keys, and two `type:` keys would make "the" value ambiguous to whoever
 * applies the output; an alias before its anchor is what a YAML loader
 * refuses. A mapping's keys are checked by a linear scan while they are few
 * (most Kubernetes mappings hold a handful) and through a hash set once they
 * are many, so that a hostile mapping of many keys stays linear. */
#ifndef LS_YAMLKEYS_H
#define LS_YAMLKEYS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct keyref {
	const char *text;
	size_t len;
	uint64_t hash;
};

/* A hash set whose slots live in an arena: it is dropped with its document. */
struct keyset {
	struct keyref *slots;
	size_t cap, count;
};

/* The keys of all open mappings share one stack: a nested mapping's keys are
 * popped before its parent adds the next one, so each mapping's keys stay
 * contiguous. The stack is heap memory its owner frees with keystack_free. */
struct keystack {
	struct keyref *refs;
	size_t count, cap;
};

/* One open mapping's keys: where they start on the stack, and the hash set
 * built once they are many. */
struct mapkeys {
	size_t base;
	struct keyset many;
};

/* 0 when text was added, 1 when it was there already, -1 out of memory. */
int keyset_add(struct keyset *set, struct arena *arena, const char *text, size_t len);
bool keyset_has(const struct keyset *set, const char *text, size_t len);
/* Adds a key to an open mapping: 0 when it is new, 1 when the mapping holds
 * it already, -1 out of memory. The text must outlive the mapping's end. */
int mapkeys_add(struct mapkeys *map, struct keystack *stack, struct arena *arena, const char *text, size_t len);
/* Pops the keys of the mapping that just ended. */
void mapkeys_close(const struct mapkeys *map, struct keystack *stack);
void keystack_free(struct keystack *stack);

#endif
