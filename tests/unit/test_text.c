/* The input text check: which characters and line ends pass, and where a
 * refusal points. One table row per case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "text.h"

struct text_case {
	const char *input;
	size_t len;        /* 0: strlen(input) */
	const char *error; /* NULL: the text passes */
};

#define ONLY_LF "only LF and CRLF line ends are supported"
#define PRINTABLE "YAML allows only printable characters"

static const struct text_case cases[] = {
	{"a: 1\nb: 2\n", 0, NULL},
	{"a: 1\r\nb: 2\r\n", 0, NULL},
	{"a:\tb # tab\n", 0, NULL},
	{"k: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xef\xbb\xbf\xef\xbf\xbd\n", 0, NULL},
	{"a: 12345678901234567890\n", 0, NULL},
	{"a: b\x08" "c\n", 0, "t: document 1: line 1:5: non-printable character U+0008: " PRINTABLE},
	{"a: 1\n---\nb: \"\x1b[0m\"\n", 0, "t: document 2: line 3:5: non-printable character U+001B: " PRINTABLE},
	{"a: 12345678\x7f\n", 0, "t: document 1: line 1:12: non-printable character U+007F: " PRINTABLE},
	{"a: \xc2\x80\n", 0, "t: document 1: line 1:4: non-printable character U+0080: " PRINTABLE},
	{"a: \xef\xbf\xbf\n", 0, "t: document 1: line 1:4: non-printable character U+FFFF: " PRINTABLE},
	{"\xc3\xa9: x\x01\n", 0, "t: document 1: line 1:5: non-printable character U+0001: " PRINTABLE},
	{"a: 1\rb: 2\n", 0, "t: document 1: line 1:5: carriage return without a line feed: " ONLY_LF},
	{"a: 1\r", 0, "t: document 1: line 1:5: carriage return without a line feed: " ONLY_LF},
	{"a: 1\r\n\rb\n", 0, "t: document 1: line 2:1: carriage return without a line feed: " ONLY_LF},
	{"a: 1\xc2\x85" "b\n", 0, "t: document 1: line 1:5: NEL, LS or PS character, which YAML 1.1 parsers read as a line end: " ONLY_LF},
	{"a: 1\xe2\x80\xa8\n", 0, "t: document 1: line 1:5: NEL, LS or PS character, which YAML 1.1 parsers read as a line end: " ONLY_LF},
	{"a: 1\xe2\x80\xa9\n", 0, "t: document 1: line 1:5: NEL, LS or PS character, which YAML 1.1 parsers read as a line end: " ONLY_LF},
	{"a: 1\0b\n", 6, "t: document 1: line 1:5: NUL byte in the input"},
	{"a: \xc0\x80\n", 0, "t: document 1: line 1:4: invalid UTF-8"},
	{"a: \xed\xa0\x80\n", 0, "t: document 1: line 1:4: invalid UTF-8"},
	{"a: \xf4\x90\x80\x80\n", 0, "t: document 1: line 1:4: invalid UTF-8"},
	{"a: \xe2\x82\n", 0, "t: document 1: line 1:4: invalid UTF-8"},
	{"a: \xe2\x82", 0, "t: document 1: line 1:4: invalid UTF-8"},
	{"a: \xff\n", 0, "t: document 1: line 1:4: invalid UTF-8"},
	{"k:\t|\n  x\n", 0, NULL},
	{"? a: |\n", 0, NULL},
	{"a: \"x?\"\nb:\t-1\n", 0, NULL},
	{"? a\n: b\nc:\tx\n", 0, NULL},
	{"? a:\t|\n", 0, "t: document 1: line 1:4: a tab between ':' and a block indicator in a stream with explicit keys (?): write spaces there"},
	{"---\n? x: y\n  b: \t>\n", 0, "t: document 1: line 3:4: a tab between ':' and a block indicator in a stream with explicit keys (?): write spaces there"},
	{"k: \"? x\"\nj:\t- a\n", 0, "t: document 1: line 2:2: a tab between ':' and a block indicator in a stream with explicit keys (?): write spaces there"},
};

static void every_case_of_the_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct text_case *c = &cases[i];
		struct ls_error err = {0};
		size_t len = c->len ? c->len : strlen(c->input);
		int rc = text_check("t", c->input, len, &err);
		if (!c->error) {
			assert_int_equal(rc, 0);
			continue;
		}
		assert_int_equal(rc, -1);
		assert_int_equal(err.code, LS_EXIT_INPUT);
		assert_string_equal(err.message, c->error);
	}
}

/* Every byte value in every position of an eight-byte word, so the word test
 * and the byte test can not disagree. */
static void the_word_test_agrees_with_the_byte_test(void **state)
{
	(void)state;
	for (int byte = 1; byte < 0x80; byte++) {
		bool printable = (byte >= 0x20 && byte < 0x7F) || byte == '\t' || byte == '\n';
		for (size_t at = 0; at < 16; at++) {
			char text[17];
			memset(text, 'x', 16);
			text[16] = 0;
			text[at] = (char)byte;
			struct ls_error err = {0};
			assert_int_equal(text_check("t", text, 16, &err), printable ? 0 : -1);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_case_of_the_table),
		cmocka_unit_test(the_word_test_agrees_with_the_byte_test),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
