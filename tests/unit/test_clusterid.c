/* Which cluster IDs --cluster-id takes for each Liqo major version: the
 * chart's own rules (a lower-case UUID on v0, a DNS label on v1). One table
 * row per case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "clusterid.h"

struct id_case {
	int major;
	const char *id;
	bool valid;
};

static const struct id_case cases[] = {
	{0, "0b5e2b9c-3f0a-4d8e-9a41-6c1d2e7f8a90", true},
	{0, "0B5E2B9C-3F0A-4D8E-9A41-6C1D2E7F8A90", false},
	{0, "0b5e2b9c-3f0a-4d8e-9a41-6c1d2e7f8a9", false},
	{0, "0b5e2b9c-3f0a-4d8e-9a41-6c1d2e7f8a900", false},
	{0, "0b5e2b9c3f0a-4d8e-9a41-6c1d2e7f8a90-", false},
	{0, "0b5e2b9g-3f0a-4d8e-9a41-6c1d2e7f8a90", false},
	{0, "cluster-a", false},
	{0, "", false},
	{1, "cluster-a", true},
	{1, "0b5e2b9c-3f0a-4d8e-9a41-6c1d2e7f8a90", true},
	{1, "a", true},
	{1, "1234", true},
	{1, "Cluster-a", false},
	{1, "cluster_a", false},
	{1, "-cluster", false},
	{1, "cluster-", false},
	{1, "cluster.a", false},
	{1, "", false},
	{1, "a23456789012345678901234567890123456789012345678901234567890123", true},
	{1, "a234567890123456789012345678901234567890123456789012345678901234", false},
};

static void rules(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *why = NULL;
		bool valid = clusterid_valid(cases[i].major, cases[i].id, &why);
		if (valid != cases[i].valid || (!valid && !why))
			fail_msg("case %zu: v%d '%s' is %s, wanted %s", i, cases[i].major, cases[i].id,
				 valid ? "valid" : "refused", cases[i].valid ? "valid" : "refused");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rules),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
