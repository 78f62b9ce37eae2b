/* Escaping text for messages: what is escaped and how, what is left alone,
 * and how a text too long for its room keeps both ends. One row per case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "escape.h"

struct escape_case {
	const char *text;
	size_t len; /* 0: strlen(text) */
	const char *escaped;
};

static const struct escape_case cases[] = {
	{"plain text: a=b, 'q'", 0, "plain text: a=b, 'q'"},
	{"two\nlines\r\n", 0, "two\\nlines\\r\\n"},
	{"tab\there", 0, "tab\\there"},
	{"\x1b[31mred\x1b[0m\a", 0, "\\x1b[31mred\\x1b[0m\\x07"},
	{"nul\0inside", 10, "nul\\x00inside"},
	{"del\x7f", 0, "del\\x7f"},
	{"c1 \xc2\x85 \xc2\x9b end", 0, "c1 \\u0085 \\u009b end"},
	{"ls \xe2\x80\xa8 ps \xe2\x80\xa9", 0, "ls \\u2028 ps \\u2029"},
	{"not utf-8 \xff\xc3", 0, "not utf-8 \\xff\\xc3"},
	{"lone CSI \x9b" "1m", 0, "lone CSI \\x9b1m"},
	{"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc2\xa0", 0, "caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \xc2\xa0"},
	{"", 0, ""},
};

static size_t length_of(const struct escape_case *c)
{
	return c->len ? c->len : strlen(c->text);
}

static void each_case_escapes_as_listed(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct buf out = {0};
		assert_int_equal(escape_append(&out, cases[i].text, length_of(&cases[i])), 0);
		assert_string_equal(out.data, cases[i].escaped);
		char fitted[256];
		escape_fit(fitted, sizeof(fitted), cases[i].text, length_of(&cases[i]));
		assert_string_equal(fitted, cases[i].escaped);
		buf_free(&out);
	}
}

static void a_note_is_one_line(void **state)
{
	(void)state;
	struct buf notes = {0};
	assert_int_equal(note_printf(&notes, "value %s: replaced\n", "1\nliqo-scenario: warning: forged"), 0);
	assert_int_equal(note_printf(&notes, "no line end %s", "\x07"), 0);
	assert_string_equal(notes.data, "value 1\\nliqo-scenario: warning: forged: replaced\nno line end \\x07\n");
	buf_free(&notes);
}

/* A part of a line keeps its own final line end only. */
static void a_part_of_a_line_is_escaped(void **state)
{
	(void)state;
	struct buf out = {0};
	assert_int_equal(escaped_printf(&out, "Scenario %s, ", "a\nb"), 0);
	assert_int_equal(escaped_printf(&out, "cluster %s\n", "\x1b"), 0);
	assert_string_equal(out.data, "Scenario a\\nb, cluster \\x1b\n");
	buf_free(&out);
}

/* A long text keeps its start and its end, says how much it left out, and
 * never splits an escape or a UTF-8 character. */
static void a_long_text_keeps_both_ends(void **state)
{
	(void)state;
	size_t n = 8 + 3 * 3333; /* whole three-byte groups */
	char *text = malloc(n + 64);
	memcpy(text, "--flag '", 8);
	for (size_t i = 8; i < n; i += 3)
		memcpy(text + i, i % 2 ? "\xc3\xa9\x1b" : "\x1b\xc3\xa9", 3);
	strcpy(text + n, "': the value is too long");
	size_t len = strlen(text);
	char out[512];
	escape_fit(out, sizeof(out), text, len);
	assert_true(strlen(out) < sizeof(out));
	assert_true(strncmp(out, "--flag '", 8) == 0);
	size_t out_len = strlen(out), tail_len = strlen("': the value is too long");
	assert_string_equal(out + out_len - tail_len, "': the value is too long");
	assert_non_null(strstr(out, " bytes left out ...] "));
	assert_null(strchr(out, '\x1b'));
	/* Every byte 0xC3 is followed by its 0xA9: no character was cut. */
	for (const char *p = out; (p = strchr(p, '\xc3')) != NULL; p++)
		assert_int_equal((unsigned char)p[1], 0xA9);
	/* Escapes are whole: every backslash starts \x1b. */
	for (const char *p = out; (p = strchr(p, '\\')) != NULL; p++)
		assert_true(strncmp(p, "\\x1b", 4) == 0);
	/* The count is what is missing. */
	unsigned long left_out = 0;
	assert_int_equal(sscanf(strstr(out, " [... "), " [... %lu bytes", &left_out), 1);
	assert_true(left_out > 0 && left_out < len);
	free(text);
}

/* An error message is escaped and, however long, keeps its reason. */
static void an_error_keeps_its_reason(void **state)
{
	(void)state;
	size_t n = 20000;
	char *value = malloc(n + 1);
	memset(value, 'a', n);
	value[n] = '\0';
	value[10] = '\n';
	struct ls_error err = {0};
	assert_int_equal(err_set(&err, LS_EXIT_USAGE, "--public-address '%s': the value is too long", value), -1);
	assert_null(strchr(err.message, '\n'));
	assert_true(strncmp(err.message, "--public-address 'aaaaaaaaaa\\naaa", 33) == 0);
	size_t len = strlen(err.message);
	assert_true(len < sizeof(err.message));
	assert_string_equal(err.message + len - strlen("a': the value is too long"), "a': the value is too long");
	free(value);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_case_escapes_as_listed),
		cmocka_unit_test(a_note_is_one_line),
		cmocka_unit_test(a_part_of_a_line_is_escaped),
		cmocka_unit_test(a_long_text_keeps_both_ends),
		cmocka_unit_test(an_error_keeps_its_reason),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
