/* Which Liqo releases are refused, tested or handled as the newest tested
 * minor, and which generation each belongs to. One table row per release. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "generation.h"
#include "version.h"

struct version_case {
	const char *text;
	enum version_support support;
	enum generation_id generation;  /* unused when unsupported */
	int newest_minor;               /* the tested minor of its line; unused when unsupported */
};

static const struct version_case cases[] = {
	{"v0.2.9", VERSION_UNSUPPORTED, GEN_V0_ARGUMENTS, 0},
	{"v0.3.0", VERSION_TESTED, GEN_V0_ARGUMENTS, 10},
	{"liqo-v0.5.4", VERSION_TESTED, GEN_V0_ARGUMENTS, 10},
	{"v0.6.1", VERSION_TESTED, GEN_V0_ANNOTATIONS, 10},
	{"0.10.3", VERSION_TESTED, GEN_V0_ANNOTATIONS, 10},
	{"v0.11.0", VERSION_UNTESTED, GEN_V0_ANNOTATIONS, 10},
	{"v1.0.0", VERSION_TESTED, GEN_V1, 2},
	{"liqo-v1.2.0", VERSION_TESTED, GEN_V1, 2},
	{"v1.3", VERSION_UNTESTED, GEN_V1, 2},
	{"v1.15.2", VERSION_UNTESTED, GEN_V1, 2},
	{"v2.0.0", VERSION_UNSUPPORTED, GEN_V1, 0},
	{"v7.0.0", VERSION_UNSUPPORTED, GEN_V1, 0},
};

static void test_versions(void **state)
{
	(void)state;
	struct ls_error err = {0};
	struct patterns *pat = patterns_new(&err);
	assert_non_null(pat);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct version_case *c = &cases[i];
		struct liqo_version v, newest = {-1, -1, -1};
		print_message("%s\n", c->text);
		assert_true(version_parse(pat, c->text, strlen(c->text), &v));
		assert_int_equal(version_support(v, &newest), c->support);
		if (c->support == VERSION_UNSUPPORTED)
			continue;
		assert_int_equal(newest.major, v.major);
		assert_int_equal(newest.minor, c->newest_minor);
		assert_int_equal(version_traits(v).generation, c->generation);
	}
	patterns_free(pat);
}

/* Each generation names a home for the API server address that its
 * binaries know, and only v1 lacks the auth server. */
static void test_generations(void **state)
{
	(void)state;
	for (enum generation_id id = 0; id < GEN_COUNT; id++) {
		const struct generation *gen = generation_of(id);
		assert_int_equal(gen->api_server_address.home, HOME_ARGUMENT);
		assert_int_equal(generation_has(gen, COMP_AUTH), id != GEN_V1);
		assert_true(generation_has(gen, COMP_API_SERVER) && generation_has(gen, COMP_GATEWAY));
		/* A component the render lacks says why, in one place. */
		for (enum component c = 0; c < COMP_COUNT; c++)
			assert_true(generation_has(gen, c) || gen->components[c].absent[0]);
		/* Every row ends with the Ingresses, after every field edit. */
		assert_true(gen->step_count > 0 && gen->step_count <= GENERATION_MAX_STEPS);
		assert_int_equal(gen->steps[gen->step_count - 1], STEP_INGRESSES);
	}
	assert_true(generation_of(GEN_V1)->components[COMP_GATEWAY].per_peering);
	assert_int_equal(generation_of(GEN_V1)->components[COMP_GATEWAY].object, SLOT_GATEWAY_TEMPLATE);
	assert_false(generation_of(GEN_V0_ANNOTATIONS)->components[COMP_GATEWAY].per_peering);
	assert_string_equal(generation_of(GEN_V1)->api_server_address.key, "--api-server-address-override");
	assert_int_equal(generation_of(GEN_V1)->api_server_address.slot, SLOT_CONTROLLER_MANAGER);
	assert_string_equal(generation_of(GEN_V0_ANNOTATIONS)->api_server_address.key, "--advertise-api-server-address");
	assert_int_equal(generation_of(GEN_V1)->gateway_address.home, HOME_PEERING_PLAN);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_generations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
