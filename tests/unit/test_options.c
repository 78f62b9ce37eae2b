/* Option parsing: both spellings, validation, and the exit class of errors. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "options.h"
#include "provider.h"
#include "profile.h"

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

static void annotations_repeat(void **state)
{
	(void)state;
	struct settings s;
	struct ls_error err;
	char *two[] = {"x", "--gateway-annotation", "a/b=1", "--gateway-annotation=c=2"};
	assert_int_equal(parse(&s, &err, 4, two), 0);
	assert_int_equal(s.gateway_annotations.count, 2);
	assert_string_equal(s.gateway_annotations.items[1], "c=2");
	char *many[2 + 2 * SETTINGS_LIST_MAX + 2];
	many[0] = "x";
	for (int i = 0; i <= SETTINGS_LIST_MAX; i++) {
		many[1 + 2 * i] = "--auth-annotation";
		many[2 + 2 * i] = "k=v";
	}
	assert_int_equal(parse(&s, &err, 3 + 2 * SETTINGS_LIST_MAX, many), -1);
	assert_non_null(strstr(err.message, "given more than 16 times"));
}

static void ports_are_checked(void **state)
{
	(void)state;
	struct settings s;
	struct ls_error err;
	/* A node port's range is checked once every flag is read
	 * (--node-port-range): here only that it is a port. */
	char *node_port_range[] = {"x", "--gateway-node-port=29999"};
	assert_int_equal(parse(&s, &err, 2, node_port_range), 0);
	char *node_port[] = {"x", "--gateway-node-port=65536"};
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

static void a_short_alias_needs_its_value(void **state)
{
	(void)state;
	struct settings s;
	struct ls_error err;
	char *dangling[] = {"x", "-o"};
	assert_int_equal(parse(&s, &err, 2, dangling), -1);
	assert_int_equal(err.code, LS_EXIT_USAGE);
	assert_non_null(strstr(err.message, "-o: needs a value"));
	char *help[] = {"x", "-h"};
	assert_int_equal(parse(&s, &err, 2, help), 0);
	assert_true(s.help);
}

/* The choices a shell completes for a cell flag are the words the profiles'
 * vocabulary accepts for that component; a cell flag added to the table
 * without them fails here. */
static void cell_flag_choices_are_the_vocabulary(void **state)
{
	(void)state;
	const struct {
		const char *option;
		enum component component;
	} cell_flags[] = {{"auth", COMP_AUTH}, {"api-server", COMP_API_SERVER}, {"gateway", COMP_GATEWAY}};
	size_t checked = 0;
	for (size_t i = 0; i < sizeof(cell_flags) / sizeof(cell_flags[0]); i++) {
		const struct option_spec *spec = option_find(cell_flags[i].option, strlen(cell_flags[i].option));
		if (!spec)
			continue;
		const char *words[8];
		size_t count = component_choices(cell_flags[i].component, words, 8);
		char wanted[256] = "";
		for (size_t w = 0; w < count; w++) {
			strcat(wanted, w ? " " : "");
			strcat(wanted, words[w]);
		}
		assert_int_equal(spec->values, VALUES_CHOICES);
		assert_string_equal(spec->choices, wanted);
		checked++;
	}
	assert_true(checked >= 2);
}

/* The providers a shell completes for --provider are the presets built into
 * the program, in any order: a preset added without its name in the table,
 * or a name left in the table without its preset, fails here. */
static size_t words_of(char *text, const char *separators, const char **words, size_t max)
{
	size_t n = 0;
	for (char *w = strtok(text, separators); w && n < max; w = strtok(NULL, separators))
		words[n++] = w;
	return n;
}

static void provider_choices_are_the_presets(void **state)
{
	(void)state;
	const struct option_spec *spec = option_find("provider", strlen("provider"));
	assert_non_null(spec);
	assert_int_equal(spec->values, VALUES_CHOICES);
	struct buf names = {0};
	char choices[512];
	assert_int_equal(provider_names(&names), 0);
	snprintf(choices, sizeof(choices), "%s", spec->choices);
	const char *presets[32], *offered[32];
	size_t preset_count = words_of(names.data, ", ", presets, 32);
	size_t offered_count = words_of(choices, " ", offered, 32);
	assert_int_equal(preset_count, offered_count);
	for (size_t i = 0; i < preset_count; i++) {
		bool found = false;
		for (size_t k = 0; k < offered_count; k++)
			found |= strcmp(presets[i], offered[k]) == 0;
		assert_true(found);
	}
	buf_free(&names);
}

/* What the completion offers follows from the table: FILE and DIR values are
 * paths, a choice list exists exactly where choices are offered, and a
 * switch offers nothing. */
static void value_kinds_agree_with_the_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < option_spec_count; i++) {
		const struct option_spec *spec = &option_specs[i];
		const char *arg = spec->arg ? spec->arg : "";
		assert_int_equal(strcmp(arg, "FILE") == 0, spec->values == VALUES_FILE);
		assert_int_equal(strcmp(arg, "DIR") == 0, spec->values == VALUES_DIR);
		assert_int_equal(spec->choices != NULL, spec->values == VALUES_CHOICES);
		if (spec->kind == OPT_SWITCH)
			assert_int_equal(spec->values, VALUES_FREE);
	}
	for (size_t i = 0; i < option_alias_count; i++)
		assert_non_null(option_find(option_aliases[i].name, strlen(option_aliases[i].name)));
}

static void the_table_fits_the_settings(void **state)
{
	(void)state;
	assert_true(option_spec_count <= OPTIONS_MAX);
}

static void a_value_given_twice_is_noted_once_with_the_last(void **state)
{
	(void)state;
	struct settings s;
	struct ls_error err;
	char *argv[] = {"x", "--profile", "a", "--profile=b", "-o", "f", "--output", "f", "--check", "--check",
			"--auth-annotation", "k=1", "--auth-annotation", "k=2", "--profile", "c"};
	assert_int_equal(parse(&s, &err, 16, argv), 0);
	assert_string_equal(s.profile, "c");
	struct buf notes = {0};
	options_warnings(&s, &notes);
	assert_string_equal(notes.data, "--profile is given more than once on the command line ('a', then 'c'): "
			    "'c' is used\n");
	buf_free(&notes);
	char *same[] = {"x", "--cluster", "a", "--cluster=a"};
	assert_int_equal(parse(&s, &err, 4, same), 0);
	assert_int_equal(s.repeat_count, 0);
}

static void a_near_miss_names_the_option(void **state)
{
	(void)state;
	assert_string_equal(option_nearest("profle", 6), "profile");
	assert_string_equal(option_nearest("cluser", 6), "cluster");
	assert_string_equal(option_nearest("explian", 7), "explain");
	assert_null(option_nearest("expose-everything", 17));
	assert_null(option_nearest("profile", 7));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(both_spellings_set_the_same_field),
		cmocka_unit_test(ports_are_checked),
		cmocka_unit_test(annotations_repeat),
		cmocka_unit_test(unknown_and_incomplete_options_fail),
		cmocka_unit_test(limits_have_defaults_and_flags),
		cmocka_unit_test(a_short_alias_needs_its_value),
		cmocka_unit_test(cell_flag_choices_are_the_vocabulary),
		cmocka_unit_test(provider_choices_are_the_presets),
		cmocka_unit_test(value_kinds_agree_with_the_table),
		cmocka_unit_test(the_table_fits_the_settings),
		cmocka_unit_test(a_value_given_twice_is_noted_once_with_the_last),
		cmocka_unit_test(a_near_miss_names_the_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
