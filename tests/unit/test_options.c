/* Option parsing: both spellings, validation, and the exit class of errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "options.h"

static int parse(struct settings *s, struct ls_error *err, int argc, char **argv)
{
	settings_defaults(s);
	memset(err, 0, sizeof(*err));
	return options_parse(argc, argv, s, err);
}

static void both_spellings_set_the_same_field(void **state)
{
	(void)state;
	struct settings s;
	struct ls_error err;
	char *separate[] = {"x", "--profile", "cloud-to-cloud", "--auth-node-port", "30443", "in.yaml"};
	assert_int_equal(parse(&s, &err, 6, separate), 0);
	assert_string_equal(s.profile, "cloud-to-cloud");
	assert_int_equal(s.auth_node_port, 30443);
	assert_string_equal(s.input, "in.yaml");
	char *joined[] = {"x", "--profile=cloud-to-cloud", "--auth-node-port=30443", "-o", "out.yaml"};
	assert_int_equal(parse(&s, &err, 5, joined), 0);
	assert_string_equal(s.profile, "cloud-to-cloud");
	assert_int_equal(s.auth_node_port, 30443);
	assert_string_equal(s.output, "out.yaml");
}

static void ports_are_checked(void **state)
{
	(void)state;
	struct settings s;
	struct ls_error err;
	char *node_port[] = {"x", "--gateway-node-port=29999"};
	assert_int_equal(parse(&s, &err, 2, node_port), -1);
	assert_int_equal(err.code, LS_EXIT_USAGE);
	assert_non_null(strstr(err.message, "--gateway-node-port"));
	char *port[] = {"x", "--auth-public-port", "65536"};
	assert_int_equal(parse(&s, &err, 3, port), -1);
	char *sign[] = {"x", "--auth-public-port", "-5"};
	assert_int_equal(parse(&s, &err, 3, sign), -1);
	char *ok[] = {"x", "--api-server-public-port", "1"};
	assert_int_equal(parse(&s, &err, 3, ok), 0);
	assert_int_equal(s.api_server_public_port, 1);
}

static void unknown_and_incomplete_options_fail(void **state)
{
	(void)state;
	struct settings s;
	struct ls_error err;
	char *unknown[] = {"x", "--nope"};
	assert_int_equal(parse(&s, &err, 2, unknown), -1);
	assert_non_null(strstr(err.message, "--nope"));
	char *missing[] = {"x", "--profile"};
	assert_int_equal(parse(&s, &err, 2, missing), -1);
	char *switch_value[] = {"x", "--help=yes"};
	assert_int_equal(parse(&s, &err, 2, switch_value), -1);
	char *two_inputs[] = {"x", "a.yaml", "b.yaml"};
	assert_int_equal(parse(&s, &err, 3, two_inputs), -1);
}

static void limits_have_defaults_and_flags(void **state)
{
	(void)state;
	struct settings s;
	struct ls_error err;
	char *none[] = {"x"};
	assert_int_equal(parse(&s, &err, 1, none), 0);
	assert_true(s.limits.max_depth > 0 && s.limits.max_documents > 0 && s.max_input_size > 0);
	char *set[] = {"x", "--max-depth=7", "--max-documents", "3"};
	assert_int_equal(parse(&s, &err, 4, set), 0);
	assert_int_equal(s.limits.max_depth, 7);
	assert_int_equal(s.limits.max_documents, 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(both_spellings_set_the_same_field),
		cmocka_unit_test(ports_are_checked),
		cmocka_unit_test(unknown_and_incomplete_options_fail),
		cmocka_unit_test(limits_have_defaults_and_flags),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
