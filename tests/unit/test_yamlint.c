/* Plain scalars read as numbers the way go-yaml v2 (Kubernetes' YAML reader
 * through sigs.k8s.io/yaml) reads them: its resolver drops `_`, then tries
 * strconv.ParseInt(text, 0, 64), then a float of its float form. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "yamlint.h"

static const struct {
	const char *text;
	bool number;
	long value;
} cases[] = {
	{"32443", true, 32443},
	{"+32443", true, 32443},
	{"-1", true, -1},
	{"0x7EBB", true, 32443},
	{"0X7ebb", true, 32443},
	{"0o77273", true, 32443},
	{"077273", true, 32443},
	{"0b111111010111011", true, 32443},
	{"32_443", true, 32443},
	{"3_2_4_4_3_", true, 32443},
	{"0x_7EBB", true, 32443},
	{"32443.0", true, 32443},
	{"3.2443e4", true, 32443},
	{"0", true, 0},
	{"08", true, 8},          /* not octal: ParseInt fails, the float form reads 8 */
	{"32443.5", false, 0},    /* a float, no integer */
	{"_32443", false, 0},     /* starts with neither a digit nor a sign: text */
	{".5", false, 0},
	{"0x", false, 0},
	{"32443 ", false, 0},
	{"3e", false, 0},
	{"0xG", false, 0},
	{"", false, 0},
	{"99999999999999999999", false, 0},
	{"1:30", false, 0},       /* no sexagesimal numbers in go-yaml v2 */
};

static void spellings(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		long value = -12345;
		print_message("%s\n", cases[i].text);
		assert_int_equal(yaml_k8s_integer(cases[i].text, strlen(cases[i].text), &value), cases[i].number);
		if (cases[i].number)
			assert_int_equal(value, cases[i].value);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(spellings)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
