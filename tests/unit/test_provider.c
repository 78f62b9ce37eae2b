/* Provider presets: every built-in one parses and is named after its file;
 * the release that applies is the last one not after the version; a broken
 * preset names its line. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "embedded.h"
#include "provider.h"

static void built_in_presets_parse_and_match_their_files(void **state)
{
	(void)state;
	assert_true(embedded_providers_count >= 7);
	for (size_t i = 0; i < embedded_providers_count; i++) {
		const struct embedded_file *f = &embedded_providers[i];
		struct provider p;
		struct ls_error err = {0};
		assert_int_equal(provider_parse(f->name, f->bytes, f->len, &p, &err), 0);
		assert_int_equal(strlen(p.name) + 5, strlen(f->name));
		assert_memory_equal(p.name, f->name, strlen(p.name));
		assert_true(p.refused || (p.node_port_min >= 1 && p.node_port_min <= p.node_port_max));
		provider_free(&p);
	}
}

static void the_release_is_the_last_not_after_the_version(void **state)
{
	(void)state;
	struct provider p;
	struct ls_error err = {0};
	assert_int_equal(provider_load("eks", &p, &err), 0);
	const struct provider_release *r = provider_release_for(&p, (struct liqo_version){0, 10, 3});
	assert_non_null(r);
	assert_int_equal(r->gateway_count, 1);
	assert_string_equal(r->gateway[0].value, "nlb");
	/* v1.0: the nine annotations of the chart's EKS template, as
	 * Kubernetes reads them after liqoctl's nlb: each once, type external. */
	r = provider_release_for(&p, (struct liqo_version){1, 0, 0});
	assert_int_equal(r->gateway_count, 9);
	assert_string_equal(r->gateway[0].key, "service.beta.kubernetes.io/aws-load-balancer-type");
	assert_string_equal(r->gateway[0].value, "external");
	for (size_t i = 0; i < r->gateway_count; i++)
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(r->gateway[i].key, r->gateway[j].key);
	r = provider_release_for(&p, (struct liqo_version){1, 1, 2});
	assert_non_null(r);
	assert_int_equal(r->gateway_count, 0);
	assert_int_equal(r->edits.require_count, 1);
	assert_string_equal(r->edits.requires[0].flag, "--aws-access-key-id");
	r = provider_release_for(&p, (struct liqo_version){1, 2, 0});
	assert_int_equal(r->gateway_count, 10);
	assert_int_equal(r->edits.api_server, PRESET_API_SERVER_REQUIRED);
	assert_null(provider_release_for(&p, (struct liqo_version){0, 2, 0}));
	provider_free(&p);
}

static void unknown_provider_lists_the_choices(void **state)
{
	(void)state;
	struct provider p;
	struct ls_error err = {0};
	assert_int_equal(provider_load("openstack", &p, &err), -1);
	assert_int_equal(err.code, LS_EXIT_USAGE);
	assert_non_null(strstr(err.message, "metallb"));
	provider_free(&p);
}

/* A release's edits read from the file: each object once however many edits
 * name it, the three argument operations, fields, requirements and the API
 * server rule. */
static void release_edits_are_read_as_data(void **state)
{
	(void)state;
	static const char text[] =
		"name: x\ntitle: X\nload-balancers: true\nnode-port-range: 30000-32767\nreleases:\n  - from: v1.0\n"
		"    api-server-address: none\n    api-server-why: no address\n    cluster-values: the CIDRs\n"
		"    arguments:\n"
		"      - {object: Deployment controller-manager, container: c, set: --a=1}\n"
		"      - {object: Deployment controller-manager, container: c, entry: --labels=k=v, before: --z}\n"
		"      - {object: CronJob telemetry, container: t, append: '--pools=p,q', after: --n}\n"
		"    fields:\n"
		"      - {object: VkOptionsTemplate vk, mapping: spec.labels, key: k, value: 'false'}\n"
		"    requires:\n"
		"      - {object: Deployment controller-manager, container: c, argument: --key, why: it needs one}\n";
	struct provider p;
	struct ls_error err = {0};
	int parsed = provider_parse("x.yaml", text, strlen(text), &p, &err);
	if (parsed)
		print_error("%s\n", err.message);
	assert_int_equal(parsed, 0);
	const struct preset_edits *e = &p.releases[0].edits;
	assert_int_equal(p.objects.count, 3);
	assert_string_equal(p.objects.items[0].kind, "Deployment");
	assert_string_equal(p.objects.items[0].name, "controller-manager");
	assert_string_equal(p.objects.items[1].kind, "CronJob");
	assert_int_equal(e->argument_count, 3);
	assert_int_equal(e->arguments[0].op, PRESET_ARG_SET);
	assert_int_equal(e->arguments[0].flag_len, 3);
	assert_int_equal(e->arguments[1].op, PRESET_ARG_ENTRY);
	assert_string_equal(e->arguments[1].before, "--z");
	assert_int_equal(e->arguments[2].op, PRESET_ARG_APPEND);
	assert_int_equal(e->arguments[2].object, 1);
	assert_string_equal(e->arguments[2].after, "--n");
	assert_int_equal(e->field_count, 1);
	assert_string_equal(e->fields[0].mapping, "spec.labels");
	assert_string_equal(e->fields[0].value, "false");
	assert_int_equal(e->fields[0].object, 2);
	assert_int_equal(e->require_count, 1);
	assert_int_equal(e->requires[0].object, 0);
	assert_int_equal(e->api_server, PRESET_API_SERVER_NONE);
	struct buf said = {0};
	assert_int_equal(preset_edits_describe(e, &p.objects, "  ", &said), 0);
	assert_non_null(strstr(said.data, "  Deployment controller-manager, container c: --labels=k=v (an entry of the list)\n"));
	assert_non_null(strstr(said.data, "  VkOptionsTemplate vk: spec.labels.k: \"false\"\n"));
	assert_non_null(strstr(said.data, "  from the live cluster: the CIDRs\n"));
	buf_free(&said);
	provider_free(&p);
}

/* A refused preset says why, naming the values to set instead. */
static void openshift_is_refused_with_the_values_to_set(void **state)
{
	(void)state;
	struct provider p;
	struct ls_error err = {0};
	assert_int_equal(provider_load("openshift", &p, &err), -1);
	assert_int_equal(err.code, LS_EXIT_USAGE);
	assert_non_null(strstr(err.message, "--provider openshift: "));
	assert_non_null(strstr(err.message, "openshiftConfig.enabled=true"));
	assert_non_null(strstr(err.message, "networking.gatewayTemplates.wireguard.implementation=userspace"));
	provider_free(&p);
}

static void broken_presets_name_their_line(void **state)
{
	(void)state;
	static const char *const broken[] = {
		"name: x\ntitle: X\nnode-port-range: 30000-32767\ncolour: red\n",
		"name: x\ntitle: X\nnode-port-range: 32767-30000\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\nload-balancers: false\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\nreleases:\n  - from: v1.0\n  - from: v0.3\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\nshared-ip:\n  annotation: a\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\ntaken-ports:\n  - port: 0\n    protocol: TCP\n    by: b\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\nreleases:\n  - from: v1.0\n    arguments:\n"
		"      - {object: Deployment, container: c, set: --a=1}\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\nreleases:\n  - from: v1.0\n    arguments:\n"
		"      - {object: Deployment cm, container: c, set: a=1}\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\nreleases:\n  - from: v1.0\n    arguments:\n"
		"      - {object: Deployment cm, container: c, set: --a=1, entry: --b=k=v}\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\nreleases:\n  - from: v1.0\n    arguments:\n"
		"      - {object: Deployment cm, container: c, entry: --b=v}\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\nreleases:\n  - from: v1.0\n    arguments:\n"
		"      - {object: Deployment cm, set: --a=1}\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\nreleases:\n  - from: v1.0\n    arguments:\n"
		"      - {object: Deployment cm, container: c, set: --a=1, before: --x, after: --y}\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\nreleases:\n  - from: v1.0\n    fields:\n"
		"      - {object: Deployment cm, mapping: spec, key: k, colour: red}\n",
		"name: x\ntitle: X\nnode-port-range: 30000-32767\nreleases:\n  - from: v1.0\n    api-server-address: maybe\n",
	};
	for (size_t i = 0; i < sizeof(broken) / sizeof(broken[0]); i++) {
		struct provider p;
		struct ls_error err = {0};
		assert_int_equal(provider_parse("x.yaml", broken[i], strlen(broken[i]), &p, &err), -1);
		assert_int_equal(err.code, LS_EXIT_USAGE);
		assert_non_null(strstr(err.message, "x.yaml: line "));
		provider_free(&p);
	}
}

/* A second document is refused, and the first one, already kept, is freed
 * (the sanitizer build would report it otherwise). */
static void a_preset_is_one_document(void **state)
{
	(void)state;
	static const char two[] = "name: x\ntitle: X\nnode-port-range: 30000-32767\n---\nname: y\n";
	struct provider p;
	struct ls_error err = {0};
	assert_int_equal(provider_parse("x.yaml", two, strlen(two), &p, &err), -1);
	assert_int_equal(err.code, LS_EXIT_USAGE);
	assert_string_equal(err.message, "x.yaml: a provider preset is one YAML document");
	provider_free(&p);
}

static void ranges_are_min_dash_max(void **state)
{
	(void)state;
	long min, max;
	assert_true(provider_parse_range("20000-22767", &min, &max));
	assert_int_equal(min, 20000);
	assert_int_equal(max, 22767);
	assert_true(provider_parse_range("1-65535", &min, &max));
	assert_false(provider_parse_range("0-100", &min, &max));
	assert_false(provider_parse_range("100-65536", &min, &max));
	assert_false(provider_parse_range("200-100", &min, &max));
	assert_false(provider_parse_range("100", &min, &max));
	assert_false(provider_parse_range("-100-200", &min, &max));
	assert_false(provider_parse_range("100-200x", &min, &max));
	assert_false(provider_parse_range("000000100-200", &min, &max));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(built_in_presets_parse_and_match_their_files),
		cmocka_unit_test(the_release_is_the_last_not_after_the_version),
		cmocka_unit_test(unknown_provider_lists_the_choices),
		cmocka_unit_test(broken_presets_name_their_line),
		cmocka_unit_test(release_edits_are_read_as_data),
		cmocka_unit_test(openshift_is_refused_with_the_values_to_set),
		cmocka_unit_test(a_preset_is_one_document),
		cmocka_unit_test(ranges_are_min_dash_max),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
