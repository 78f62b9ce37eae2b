/* The escaping of --explain-format markdown: what a Mermaid label between
 * double quotes and a Markdown table cell make of every character that
 * means something to them. One table row per case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "explain_markdown.h"

struct escape_case {
	const char *text;
	const char *label; /* as a Mermaid label */
	const char *cell;  /* as Markdown text */
};

static const struct escape_case cases[] = {
	{"liqo-auth", "liqo-auth", "liqo-auth"},
	{"203.0.113.10:8443", "203.0.113.10:8443", "203.0.113.10:8443"},
	{"[2001:db8::10]:51820", "[2001:db8::10]:51820", "\\[2001:db8::10\\]:51820"},
	{"a\"b", "a#quot;b", "a\"b"},
	{"x|y", "x#124;y", "x\\|y"},
	{"#35;", "#35;35;", "\\#35;"},
	{"<b>&amp;", "#lt;b#gt;#amp;amp;", "\\<b\\>\\&amp;"},
	{"`code` *em* _u_ ~s~", "#96;code#96; *em* _u_ ~s~", "\\`code\\` \\*em\\* \\_u\\_ \\~s\\~"},
	{"a\\b", "a\\b", "a\\\\b"},
	{"two\nlines\ttab\r", "two lines tab ", "two lines tab "},
	{"![x](y)", "![x](y)", "\\!\\[x\\](y)"},
	{"caf\xc3\xa9 \xe2\x86\x92", "caf\xc3\xa9 \xe2\x86\x92", "caf\xc3\xa9 \xe2\x86\x92"},
	{"", "", ""},
};

static void escapes(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf label = {0}, cell = {0};
		assert_int_equal(markdown_mermaid_label(&label, cases[i].text), 0);
		assert_int_equal(markdown_text(&cell, cases[i].text, strlen(cases[i].text)), 0);
		if (strcmp(label.data ? label.data : "", cases[i].label) != 0 || strcmp(cell.data ? cell.data : "", cases[i].cell) != 0)
			fail_msg("case %zu '%s': label '%s' (wanted '%s'), cell '%s' (wanted '%s')", i, cases[i].text,
				 label.data, cases[i].label, cell.data, cases[i].cell);
		buf_free(&label);
		buf_free(&cell);
	}
}

/* A NUL inside the given length is a character like the others. */
static void length_is_the_bound(void **state)
{
	(void)state;
	struct buf cell = {0};
	assert_int_equal(markdown_text(&cell, "a|b|c", 3), 0);
	assert_int_equal(cell.len, 4);
	assert_memory_equal(cell.data, "a\\|b", 4);
	buf_free(&cell);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(escapes),
		cmocka_unit_test(length_is_the_bound),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
