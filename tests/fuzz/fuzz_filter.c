/* libFuzzer harness for filter_run, the entry point of every run.
 *
 * The first input byte picks one of the argument sets below, so each
 * scenario's edits (not only the parser) and both explanations see hostile
 * documents; the rest is the YAML stream. A run must end in success or a clean error, with the
 * output produced only on success; an internal error is a bug; and a
 * successful output, filtered again, must come back unchanged. Where the
 * set asks for --report, the JSON must hold no raw control character, which
 * would mean a value from the input escaped wrongly. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"

static const char *const arg_sets[][18] = {
	{"x", "--profile", "cloud-to-cloud", NULL},
	{"x", "--profile", "cloud-to-cloud", "--auth", "ingress", "--auth-host", "a.example.com", "--ingress-class", "nginx",
	 "--check", "--report", "-", NULL},
	{"x", "--profile", "on-prem-to-on-prem", "--auth-node-port", "30443", NULL},
	{"x", "--profile", "on-prem-to-cloud", "--cluster", "a", "--api-server", "ingress", "--api-server-host", "k.example.com", NULL},
	{"x", "--profile", "on-prem-to-cloud", "--cluster", "a", "--api-server", "public-ip", "--api-server-address", "1.2.3.4", "--liqo-version", "v0.5.0", NULL},
	{"x", "--profile", "on-prem-nat-to-cloud", "--cluster", "a", "--public-address", "203.0.113.10",
	 "--auth-node-port", "32443", "--gateway-node-port", "31871", "--explain", NULL},
	/* The same six with the Markdown explanation: the same edits, so an
	 * input saved for one of the first six (its first byte modulo 6) still
	 * runs them, and every name of the input reaches the Markdown writer. */
	{"x", "--profile", "cloud-to-cloud", "--explain-format", "markdown", NULL},
	{"x", "--profile", "cloud-to-cloud", "--auth", "ingress", "--auth-host", "a.example.com", "--ingress-class", "nginx",
	 "--check", "--report", "-", "--explain-format", "markdown", NULL},
	{"x", "--profile", "on-prem-to-on-prem", "--auth-node-port", "30443", "--explain-format", "markdown", NULL},
	{"x", "--profile", "on-prem-to-cloud", "--cluster", "a", "--api-server", "ingress", "--api-server-host", "k.example.com",
	 "--explain-format", "markdown", NULL},
	{"x", "--profile", "on-prem-to-cloud", "--cluster", "a", "--api-server", "public-ip", "--api-server-address", "1.2.3.4",
	 "--liqo-version", "v0.5.0", "--explain-format", "markdown", NULL},
	{"x", "--profile", "on-prem-nat-to-cloud", "--cluster", "a", "--public-address", "203.0.113.10",
	 "--auth-node-port", "32443", "--gateway-node-port", "31871", "--explain-format", "markdown", NULL},
	/* The same six again with --record, whose document is built from the
	 * explanation and the report; the NAT one also moves the gateway port.
	 * A multiple of six sets keeps an input saved for one of the first six
	 * on the same edits. */
	{"x", "--profile", "cloud-to-cloud", "--record", NULL},
	{"x", "--profile", "cloud-to-cloud", "--auth", "ingress", "--auth-host", "a.example.com", "--ingress-class", "nginx",
	 "--check", "--report", "-", "--record", NULL},
	{"x", "--profile", "on-prem-to-on-prem", "--auth-node-port", "30443", "--record", NULL},
	{"x", "--profile", "on-prem-to-cloud", "--cluster", "a", "--api-server", "ingress", "--api-server-host", "k.example.com",
	 "--record", NULL},
	{"x", "--profile", "on-prem-to-cloud", "--cluster", "a", "--api-server", "public-ip", "--api-server-address", "1.2.3.4",
	 "--liqo-version", "v0.5.0", "--record", NULL},
	{"x", "--profile", "on-prem-nat-to-cloud", "--cluster", "a", "--public-address", "203.0.113.10",
	 "--auth-node-port", "32443", "--gateway-node-port", "31871", "--gateway-port", "51900", "--record", NULL},
};

static bool printable_json(const struct buf *json)
{
	for (size_t i = 0; i < json->len; i++)
		if ((unsigned char)json->data[i] < 0x20 && json->data[i] != '\n')
			return false;
	return json->len > 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	const char *const *args = arg_sets[data[0] % (sizeof(arg_sets) / sizeof(arg_sets[0]))];
	int argc = 0;
	while (args[argc])
		argc++;
	struct settings settings;
	struct ls_error err = {0};
	settings_defaults(&settings);
	settings.limits.max_depth = 64;
	if (options_parse(argc, (char **)args, &settings, &err) < 0)
		abort();
	struct profile_set profiles = {0};
	if (profiles_load(NULL, NULL, &profiles, &err) < 0)
		abort();
	struct filter_result result;
	int rc = filter_run(&settings, &profiles, "fuzz", (const char *)data + 1, size - 1, &result, &err);
	if ((rc == 0) == err_is_set(&err))
		abort();
	if (rc < 0 && (result.output.count != 0 || strncmp(err.message, "internal error", 14) == 0))
		abort();
	if (rc == 0 && settings.report && !printable_json(&result.json))
		abort();
	if (rc == 0) {
		struct buf first = {0}, second = {0};
		struct filter_result again;
		struct ls_error err2 = {0};
		if (pieces_join(&result.output, &first) < 0 ||
		    filter_run(&settings, &profiles, "fuzz", first.data, first.len, &again, &err2) < 0 ||
		    pieces_join(&again.output, &second) < 0 || second.len != first.len ||
		    memcmp(second.data, first.data, first.len) != 0)
			abort();
		filter_result_free(&again);
		buf_free(&first);
		buf_free(&second);
	}
	filter_result_free(&result);
	profiles_free(&profiles);
	return 0;
}
