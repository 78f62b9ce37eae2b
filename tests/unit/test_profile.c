/* Profile loading: the seed's words become modes; mistakes name their line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "profile.h"

static const char nat_like[] =
	"name: test\n"
	"description: d\n"
	"clusters:\n"
	"  a:\n"
	"    title: A\n"
	"    auth-server: NodePort with port-forwarding\n"
	"    api-server: Ingress / Public IP\n"
	"    network-gateway: nodeport\n"
	"  b:\n"
	"    title: B\n"
	"    auth-server: LoadBalancer/ingress\n"
	"    api-server: Provided\n"
	"    network-gateway: LoadBalancer\n";

static void cells_become_modes(void **state)
{
	(void)state;
	struct profile p;
	struct ls_error err = {0};
	assert_int_equal(profile_parse("t", nat_like, strlen(nat_like), &p, &err), 0);
	assert_string_equal(p.name, "test");
	assert_int_equal(p.columns[0].cells[COMP_AUTH].choices[0], EXPOSE_NODEPORT_FORWARDED);
	assert_int_equal(p.columns[0].cells[COMP_API_SERVER].count, 2);
	assert_int_equal(p.columns[0].cells[COMP_API_SERVER].choices[1], EXPOSE_PUBLIC_IP);
	assert_int_equal(p.columns[0].cells[COMP_GATEWAY].choices[0], EXPOSE_NODEPORT);
	assert_int_equal(p.columns[1].cells[COMP_AUTH].choices[1], EXPOSE_INGRESS);
	assert_false(profile_columns_equal(&p));
	profile_free(&p);
}

static void unknown_words_and_keys_name_their_line(void **state)
{
	(void)state;
	struct profile p;
	struct ls_error err = {0};
	char bad[sizeof(nat_like) + 16];
	strcpy(bad, nat_like);
	memcpy(strstr(bad, "Provided"), "Teleport", 8);
	assert_int_equal(profile_parse("t", bad, strlen(bad), &p, &err), -1);
	assert_non_null(strstr(err.message, "line 12:"));
	assert_non_null(strstr(err.message, "Teleport"));
	struct ls_error err2 = {0};
	const char extra[] = "name: x\ncolour: blue\n";
	assert_int_equal(profile_parse("t", extra, strlen(extra), &p, &err2), -1);
	assert_non_null(strstr(err2.message, "line 2:1"));
	assert_int_equal(err2.code, LS_EXIT_USAGE);
}

static void embedded_profiles_are_the_four_scenarios(void **state)
{
	(void)state;
	struct profile_set set = {0};
	struct ls_error err = {0};
	assert_int_equal(profiles_load(NULL, NULL, &set, &err), 0);
	assert_int_equal(set.count, 4);
	for (size_t i = 0; i < set.count; i++) {
		struct profile_set one = {0};
		assert_int_equal(profiles_load(NULL, set.items[i].name, &one, &err), 0);
		assert_int_equal(one.count, 1);
		assert_string_equal(one.items[0].name, set.items[i].name);
		profiles_free(&one);
	}
	const struct profile *nat = profiles_find(&set, "on-prem-nat-to-cloud");
	assert_non_null(nat);
	assert_int_equal(nat->columns[0].cells[COMP_API_SERVER].choices[0], EXPOSE_PORT_FORWARD);
	assert_true(profile_columns_equal(profiles_find(&set, "cloud-to-cloud")));
	assert_null(profiles_find(&set, "missing"));
	profiles_free(&set);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cells_become_modes),
		cmocka_unit_test(unknown_words_and_keys_name_their_line),
		cmocka_unit_test(embedded_profiles_are_the_four_scenarios),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
