/* The JSON writer: every string comes out as one valid JSON string whatever
 * bytes it held, and containers nest with the report's layout. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "json.h"

struct quote_case {
	const char *in;
	size_t len;
	const char *out;
};

#define CASE(in, out) {in, sizeof(in) - 1, out}

static const struct quote_case quote_cases[] = {
	CASE("", "\"\""),
	CASE("liqo-auth", "\"liqo-auth\""),
	CASE("say \"hi\"", "\"say \\\"hi\\\"\""),
	CASE("C:\\path", "\"C:\\\\path\""),
	CASE("a/b", "\"a/b\""),
	CASE("\b\t\n\f\r", "\"\\b\\t\\n\\f\\r\""),
	CASE("\x01\x1f", "\"\\u0001\\u001f\""),
	CASE("nul\0inside", "\"nul\\u0000inside\""),
	CASE("\x7f", "\"\x7f\""),
	/* Valid UTF-8 passes through: two, three and four bytes. */
	CASE("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80", "\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\""),
	CASE("\xe2\x80\xa8", "\"\xe2\x80\xa8\""),
	/* Invalid bytes become U+FFFD, one per byte, never a broken string. */
	CASE("\xff", "\"\\ufffd\""),
	CASE("\xc3", "\"\\ufffd\""),
	CASE("\xc3(", "\"\\ufffd(\""),
	CASE("\xc0\xaf", "\"\\ufffd\\ufffd\""),
	CASE("\xe0\x80\xaf", "\"\\ufffd\\ufffd\\ufffd\""),
	CASE("\xed\xa0\x80", "\"\\ufffd\\ufffd\\ufffd\""),
	CASE("\xf4\x90\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""),
	CASE("\xf5\x80\x80\x80", "\"\\ufffd\\ufffd\\ufffd\\ufffd\""),
	CASE("\xe2\x82", "\"\\ufffd\\ufffd\""),
	CASE("ok\x80ok", "\"ok\\ufffdok\""),
};

static void test_quote(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(quote_cases) / sizeof(quote_cases[0]); i++) {
		struct buf out = {0};
		assert_int_equal(json_quote(&out, quote_cases[i].in, quote_cases[i].len), 0);
		assert_string_equal(out.data, quote_cases[i].out);
		buf_free(&out);
	}
}

static void test_nesting(void **state)
{
	(void)state;
	struct buf out = {0};
	struct json_writer w = {.out = &out};
	json_begin_object(&w, NULL);
	json_string(&w, "name", "a\"b");
	json_number(&w, "port", 6443);
	json_null(&w, "reach");
	json_string(&w, "found", NULL);
	json_begin_array(&w, "empty");
	json_end(&w, ']');
	json_begin_array(&w, "list");
	json_bool(&w, NULL, true);
	json_begin_object(&w, NULL);
	json_end(&w, '}');
	json_begin_object(&w, NULL);
	json_bool(&w, "x", false);
	json_end(&w, '}');
	json_end(&w, ']');
	json_end(&w, '}');
	assert_false(w.failed);
	assert_string_equal(out.data, "{\n"
				      "  \"name\": \"a\\\"b\",\n"
				      "  \"port\": 6443,\n"
				      "  \"reach\": null,\n"
				      "  \"found\": null,\n"
				      "  \"empty\": [],\n"
				      "  \"list\": [\n"
				      "    true,\n"
				      "    {},\n"
				      "    {\n"
				      "      \"x\": false\n"
				      "    }\n"
				      "  ]\n"
				      "}\n");
	buf_free(&out);
}

static void test_too_deep(void **state)
{
	(void)state;
	struct buf out = {0};
	struct json_writer w = {.out = &out};
	for (int i = 0; i < JSON_MAX_DEPTH + 2; i++)
		json_begin_array(&w, NULL);
	assert_true(w.failed);
	buf_free(&out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_quote),
		cmocka_unit_test(test_nesting),
		cmocka_unit_test(test_too_deep),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
