/* Key sets: a duplicate is found whether the mapping holds few keys (the
 * linear scan) or many (the hash set it moves to), nested mappings keep
 * their keys apart, and anchors are found only once added. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "yamlkeys.h"

static int add(struct mapkeys *map, struct keystack *stack, struct arena *arena, const char *text)
{
	return mapkeys_add(map, stack, arena, text, strlen(text));
}

/* n distinct keys, each key added again once all are in: every second add
 * is a duplicate, across the move from the scan to the hash set. */
static void duplicates_are_found_at_every_size(void **state)
{
	(void)state;
	static const size_t sizes[] = {1, 2, 11, 12, 13, 40, 1000};
	for (size_t s = 0; s < sizeof(sizes) / sizeof(sizes[0]); s++) {
		struct arena arena = {0};
		struct keystack stack = {0};
		struct mapkeys map = {0};
		char keys[1000][24];
		for (size_t i = 0; i < sizes[s]; i++) {
			snprintf(keys[i], sizeof(keys[i]), "k%zu", i);
			assert_int_equal(add(&map, &stack, &arena, keys[i]), 0);
		}
		for (size_t i = 0; i < sizes[s]; i++)
			assert_int_equal(add(&map, &stack, &arena, keys[i]), 1);
		assert_int_equal(add(&map, &stack, &arena, "k"), 0);
		keystack_free(&stack);
		arena_free(&arena);
	}
}

/* Keys of equal bytes up to a length are still different keys. */
static void keys_differ_by_length(void **state)
{
	(void)state;
	struct arena arena = {0};
	struct keystack stack = {0};
	struct mapkeys map = {0};
	assert_int_equal(mapkeys_add(&map, &stack, &arena, "abc", 2), 0);
	assert_int_equal(mapkeys_add(&map, &stack, &arena, "abc", 3), 0);
	assert_int_equal(mapkeys_add(&map, &stack, &arena, "ab", 2), 1);
	keystack_free(&stack);
	arena_free(&arena);
}

/* A nested mapping may repeat its parent's keys; once it is closed, the
 * parent's keys are what the stack holds again. */
static void nested_mappings_keep_their_keys_apart(void **state)
{
	(void)state;
	struct arena arena = {0};
	struct keystack stack = {0};
	struct mapkeys outer = {0};
	assert_int_equal(add(&outer, &stack, &arena, "spec"), 0);
	struct mapkeys inner = {.base = stack.count};
	assert_int_equal(add(&inner, &stack, &arena, "spec"), 0);
	assert_int_equal(add(&inner, &stack, &arena, "type"), 0);
	assert_int_equal(add(&inner, &stack, &arena, "type"), 1);
	mapkeys_close(&inner, &stack);
	assert_int_equal(stack.count, 1);
	assert_int_equal(add(&outer, &stack, &arena, "type"), 0);
	assert_int_equal(add(&outer, &stack, &arena, "spec"), 1);
	keystack_free(&stack);
	arena_free(&arena);
}

static void a_set_has_what_was_added(void **state)
{
	(void)state;
	struct arena arena = {0};
	struct keyset set = {0};
	assert_false(keyset_has(&set, "a", 1));
	assert_int_equal(keyset_add(&set, &arena, "a", 1), 0);
	assert_int_equal(keyset_add(&set, &arena, "a", 1), 1);
	assert_true(keyset_has(&set, "a", 1));
	assert_false(keyset_has(&set, "b", 1));
	char names[100][16];
	for (int i = 0; i < 100; i++) {
		snprintf(names[i], sizeof(names[i]), "n%d", i);
		assert_int_equal(keyset_add(&set, &arena, names[i], strlen(names[i])), 0);
	}
	for (int i = 0; i < 100; i++)
		assert_true(keyset_has(&set, names[i], strlen(names[i])));
	assert_true(keyset_has(&set, "a", 1));
	assert_int_equal(set.count, 101);
	arena_free(&arena);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(duplicates_are_found_at_every_size),
		cmocka_unit_test(keys_differ_by_length),
		cmocka_unit_test(nested_mappings_keep_their_keys_apart),
		cmocka_unit_test(a_set_has_what_was_added),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
