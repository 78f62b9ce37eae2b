/* See yamlkeys.h. The hash is FNV-1a: keys are short, and the set only has
 * to stay linear against many keys, not resist a chosen collision (a
 * collision costs a comparison, never a wrong answer). */
#include "yamlkeys.h"

#include <stdlib.h>
#include <string.h>

enum { FEW_KEYS = 12 };

static uint64_t hash_text(const char *text, size_t len)
{
	uint64_t h = 1469598103934665603ull;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)text[i]) * 1099511628211ull;
	return h;
}

static struct keyref *keyset_slot(const struct keyset *set, const char *text, size_t len, uint64_t hash)
{
	size_t i = hash & (set->cap - 1);
	while (set->slots[i].text &&
	       !(set->slots[i].hash == hash && set->slots[i].len == len && memcmp(set->slots[i].text, text, len) == 0))
		i = (i + 1) & (set->cap - 1);
	return &set->slots[i];
}

static int keyset_grow(struct keyset *set, struct arena *arena)
{
	size_t cap = set->cap ? set->cap * 2 : 16;
	struct keyref *old = set->slots;
	size_t old_cap = set->cap;
	set->slots = arena_alloc(arena, cap * sizeof(*set->slots));
	if (!set->slots)
		return -1;
	memset(set->slots, 0, cap * sizeof(*set->slots));
	set->cap = cap;
	for (size_t i = 0; i < old_cap; i++)
		if (old[i].text)
			*keyset_slot(set, old[i].text, old[i].len, old[i].hash) = old[i];
	return 0;
}

int keyset_add(struct keyset *set, struct arena *arena, const char *text, size_t len)
{
	if ((set->count + 1) * 2 > set->cap && keyset_grow(set, arena) < 0)
		return -1;
	uint64_t hash = hash_text(text, len);
	struct keyref *slot = keyset_slot(set, text, len, hash);
	if (slot->text)
		return 1;
	*slot = (struct keyref){text, len, hash};
	set->count++;
	return 0;
}

bool keyset_has(const struct keyset *set, const char *text, size_t len)
{
	return set->cap && keyset_slot(set, text, len, hash_text(text, len))->text;
}

static int push_key(struct keystack *stack, const char *text, size_t len)
{
	if (stack->count == stack->cap) {
		size_t cap = stack->cap ? stack->cap * 2 : 64;
		struct keyref *grown = realloc(stack->refs, cap * sizeof(*grown));
		if (!grown)
			return -1;
		stack->refs = grown;
		stack->cap = cap;
	}
	stack->refs[stack->count++] = (struct keyref){text, len, 0};
	return 0;
}

int mapkeys_add(struct mapkeys *map, struct keystack *stack, struct arena *arena, const char *text, size_t len)
{
	/* No pointer arithmetic before the first key has given the stack memory. */
	const struct keyref *seen = stack->refs ? stack->refs + map->base : NULL;
	size_t count = stack->count - map->base;
	if (map->many.cap == 0 && count < FEW_KEYS) {
		for (size_t i = 0; i < count; i++)
			if (seen[i].len == len && memcmp(seen[i].text, text, len) == 0)
				return 1;
		return push_key(stack, text, len);
	}
	bool migrate = map->many.cap == 0;
	for (size_t i = 0; migrate && i < count; i++)
		if (keyset_add(&map->many, arena, seen[i].text, seen[i].len) < 0)
			return -1;
	return keyset_add(&map->many, arena, text, len);
}

void mapkeys_close(const struct mapkeys *map, struct keystack *stack)
{
	stack->count = map->base;
}

void keystack_free(struct keystack *stack)
{
	free(stack->refs);
	*stack = (struct keystack){0};
}
