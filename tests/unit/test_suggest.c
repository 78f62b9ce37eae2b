/* The edit distance behind "did you mean", and when a word is near enough. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "suggest.h"

static size_t distance(const char *a, const char *b) { return suggest_distance(a, strlen(a), b, strlen(b)); }

static void distances_count_each_edit_once(void **state)
{
	(void)state;
	assert_int_equal(distance("profile", "profile"), 0);
	assert_int_equal(distance("profle", "profile"), 1);      /* a letter left out */
	assert_int_equal(distance("profiile", "profile"), 1);    /* one too many */
	assert_int_equal(distance("prifile", "profile"), 1);     /* one changed */
	assert_int_equal(distance("porfile", "profile"), 1);     /* two swapped */
	assert_int_equal(distance("PROFILE", "profile"), 0);     /* case does not count */
	assert_int_equal(distance("", "abc"), 3);
	assert_int_equal(distance("kitten", "sitting"), 3);
	char long_word[SUGGEST_WORD_MAX + 2];
	memset(long_word, 'a', sizeof(long_word) - 1);
	long_word[sizeof(long_word) - 1] = '\0';
	assert_int_equal(distance(long_word, "a"), (size_t)-1);
}

static void the_nearest_within_reach_wins(void **state)
{
	(void)state;
	struct suggestion s;
	suggest_start(&s, "cloud-to-clod", 13);
	suggest_offer(&s, "on-prem-to-cloud");
	suggest_offer(&s, "cloud-to-cloud");
	suggest_offer(&s, "on-prem-to-on-prem");
	assert_string_equal(suggest_best(&s), "cloud-to-cloud");
	suggest_start(&s, "lan", 3);
	suggest_offer(&s, "cloud-to-cloud");
	assert_null(suggest_best(&s));
	suggest_start(&s, "ab", 2); /* short words get one edit */
	suggest_offer(&s, "xy");
	assert_null(suggest_best(&s));
	suggest_offer(&s, "a");
	assert_string_equal(suggest_best(&s), "a");
	suggest_start(&s, "cloud", 5); /* an exact match is no suggestion */
	suggest_offer(&s, "cloud");
	assert_null(suggest_best(&s));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(distances_count_each_edit_once),
		cmocka_unit_test(the_nearest_within_reach_wins),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
