/* Rendering text as a YAML scalar: which texts may stay plain, and what the
 * quoted forms hold. One table row per case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>

#include "yamlquote.h"

static const struct {
	const char *text;
	bool plain;
} plain_cases[] = {
	{"liqo", true},
	{"liqo-auth.example.com", true},
	{"203.0.113.10", true},
	{"a:b", true},
	{"a#b", true},
	{"-x", true},
	{"", false},
	{" lead", false},
	{"trail ", false},
	{"ends:", false},
	{"a: b", false},
	{"a #b", false},
	{"- x", false},
	{"-", false},
	{"? x", false},
	{"*alias", false},
	{"&anchor", false},
	{"!tag", false},
	{"|", false},
	{"'q'", false},
	{"\"q\"", false},
	{"%d", false},
	{"@x", false},
	{"`x", false},
	{"#c", false},
	{"a,b", false},
	{"[a]", false},
	{"{a}", false},
	{"tab\there", false},
	{"line\nbreak", false},
	{"del\x7f", false},
};

static void plain_where_it_reads_back(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(plain_cases) / sizeof(plain_cases[0]); i++) {
		if (yaml_plain_safe(plain_cases[i].text) != plain_cases[i].plain)
			fail_msg("yaml_plain_safe(\"%s\") should be %d", plain_cases[i].text, plain_cases[i].plain);
	}
}

static const struct {
	const char *text, *double_quoted, *single_quoted;
} quote_cases[] = {
	{"", "\"\"", "''"},
	{"plain", "\"plain\"", "'plain'"},
	{"say \"hi\"", "\"say \\\"hi\\\"\"", "'say \"hi\"'"},
	{"back\\slash", "\"back\\\\slash\"", "'back\\slash'"},
	{"it's", "\"it's\"", "'it''s'"},
	{"''", "\"''\"", "''''''"},
	{"a\nb\tc\x01\x7f", "\"a\\x0ab\\x09c\\x01\\x7f\"", NULL},
	{"é ü", "\"é ü\"", "'é ü'"},
};

static void quoted_forms(void **state)
{
	(void)state;
	struct buf out = {0};
	for (size_t i = 0; i < sizeof(quote_cases) / sizeof(quote_cases[0]); i++) {
		assert_string_equal(yaml_double_quoted(&out, quote_cases[i].text), quote_cases[i].double_quoted);
		assert_int_equal(out.len, strlen(quote_cases[i].double_quoted));
		if (quote_cases[i].single_quoted) {
			assert_string_equal(yaml_single_quoted(&out, quote_cases[i].text), quote_cases[i].single_quoted);
			assert_int_equal(out.len, strlen(quote_cases[i].single_quoted));
		}
	}
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(plain_where_it_reads_back),
		cmocka_unit_test(quoted_forms),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
