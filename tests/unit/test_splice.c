/* The splice list: order, overlap detection, and untouched bytes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "splice.h"

static void apply(struct splices *list, const char *input, const char *want)
{
	struct buf out = {0};
	assert_int_equal(splices_apply(list, input, strlen(input), &out), 0);
	assert_int_equal(out.len, strlen(want));
	assert_memory_equal(out.data, want, out.len);
	buf_free(&out);
	splices_free(list);
}

static void no_splices_copy_input(void **state)
{
	(void)state;
	struct splices list = {0};
	apply(&list, "a: 1\n# comment\n", "a: 1\n# comment\n");
}

static void splices_apply_in_position_order(void **state)
{
	(void)state;
	struct splices list = {0};
	assert_int_equal(splices_add(&list, 8, 1, "Z", 1), 0);
	assert_int_equal(splices_add(&list, 0, 1, "X", 1), 0);
	assert_int_equal(splices_add(&list, 4, 0, "++", 2), 0);
	apply(&list, "abcdefghij", "Xbcd++efghZj");
}

static void insertions_at_one_place_keep_their_order(void **state)
{
	(void)state;
	struct splices list = {0};
	splices_add(&list, 2, 0, "1", 1);
	splices_add(&list, 2, 1, "R", 1);
	splices_add(&list, 2, 0, "2", 1);
	apply(&list, "abcd", "ab12Rd");
}

static void overlapping_splices_are_refused(void **state)
{
	(void)state;
	struct splices list = {0};
	struct buf out = {0};
	splices_add(&list, 1, 3, "x", 1);
	splices_add(&list, 2, 1, "y", 1);
	assert_int_equal(splices_apply(&list, "abcdef", 6, &out), -1);
	buf_free(&out);
	splices_free(&list);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(no_splices_copy_input),
		cmocka_unit_test(splices_apply_in_position_order),
		cmocka_unit_test(insertions_at_one_place_keep_their_order),
		cmocka_unit_test(overlapping_splices_are_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
