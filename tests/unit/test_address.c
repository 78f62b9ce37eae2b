/* The address parser: IP addresses as inet_pton reads them, host names as
 * lowercase RFC 1123 DNS names, URLs as [https://]HOST[:PORT]; nothing may
 * follow, not even a line end. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "address.h"

static const struct {
	const char *text;
	enum address_kind kind;
} addresses[] = {
	{"203.0.113.10", ADDRESS_IPV4},
	{"2001:db8::10", ADDRESS_IPV6},
	{"::1", ADDRESS_IPV6},
	{"::ffff:192.0.2.1", ADDRESS_IPV6},
	{"host.example.com", ADDRESS_HOST_NAME},
	{"1host", ADDRESS_HOST_NAME},
	{"a-b.c", ADDRESS_HOST_NAME},
	{":::", ADDRESS_INVALID},
	{":::::::", ADDRESS_INVALID},
	{"1:2:3", ADDRESS_INVALID},
	{"1:2:3:4:5:6:7:8:9", ADDRESS_INVALID},
	{"fe80::1%eth0", ADDRESS_INVALID},
	{"203.0.113.10\n", ADDRESS_INVALID},
	{"host.example.com\n", ADDRESS_INVALID},
	{"host.example.com.", ADDRESS_INVALID},
	{"-host.example.com", ADDRESS_INVALID},
	{"host-.example.com", ADDRESS_INVALID},
	{"Host.example.com", ADDRESS_INVALID},
	{"a..b", ADDRESS_INVALID},
	{"", ADDRESS_INVALID},
	{"[2001:db8::1]", ADDRESS_INVALID},
};

static void classify(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(addresses) / sizeof(addresses[0]); i++) {
		print_message("%s\n", addresses[i].text);
		assert_int_equal(address_classify(addresses[i].text, strlen(addresses[i].text)), addresses[i].kind);
	}
	/* The length counts: a text is read by its length, not to a NUL. */
	assert_int_equal(address_classify("203.0.113.10x", 12), ADDRESS_IPV4);
	assert_int_equal(address_ip("10.0.0.1\0junk", 13), ADDRESS_INVALID);
	char label[64];
	memset(label, 'a', sizeof(label));
	assert_true(address_dns_name(label, 63));
	assert_false(address_dns_name(label, 64));
}

static void dotted_quads(void **state)
{
	(void)state;
	const char *problem = "unset";
	assert_true(address_dotted_quad("10.0.0.1", 8, &problem));
	assert_null(problem);
	assert_true(address_dotted_quad("999.1.1.1", 9, &problem));
	assert_string_equal(problem, "an octet is over 255");
	assert_true(address_dotted_quad("010.0.0.1", 9, &problem));
	assert_string_equal(problem, "an octet has a leading zero");
	assert_false(address_dotted_quad("10.0.0", 6, &problem));
	assert_false(address_dotted_quad("10.0.0.1\n", 9, &problem));
}

static void urls(void **state)
{
	(void)state;
	struct address_url url;
	assert_true(address_parse_url("https://[2001:db8::1]:6443", 26, &url));
	assert_int_equal(url.kind, ADDRESS_IPV6);
	assert_true(url.has_port);
	assert_int_equal(url.port, 6443);
	assert_true(address_parse_url("api.example.com", 15, &url));
	assert_int_equal(url.kind, ADDRESS_HOST_NAME);
	assert_false(url.has_port);
	assert_true(address_parse_url("https://10.0.0.1:99999", 22, &url));
	assert_int_equal(url.port, 99999); /* the caller checks the range */
	const char *bad[] = {"https://[:::]:6443", "https://[1:2:3]", "https://2001:db8::1", "https://10.0.0.1:6443\n",
			     "https://10.0.0.1:", "https://10.0.0.1:64a", "https://10.0.0.1/x", "http://10.0.0.1",
			     "https://[2001:db8::1]x", "https://", "https://[2001:db8::1"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		print_message("%s\n", bad[i]);
		assert_false(address_parse_url(bad[i], strlen(bad[i]), &url));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(classify), cmocka_unit_test(dotted_quads),
					   cmocka_unit_test(urls)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
