/* The load-balancer settings on their own: the flags checked before the
 * input is read, then settled against a plan and its generation's row
 * (which annotations each Service gets and why, the IPs, the shared IP, the
 * gateway IP a peering asks for, the warnings), from real flags and the
 * shipped provider presets. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "loadbalancer.h"

struct run {
	struct settings s;
	struct patterns *pat;
	struct lb_settings lb;
	struct plan plan;
	struct buf notes;
	struct ls_error err;
};

/* args: the flags after the program's name, NULL-terminated. */
static int resolve(struct run *r, const char *const *args)
{
	memset(r, 0, sizeof(*r));
	char *argv[32] = {"liqo-scenario"};
	int argc = 1;
	while (args[argc - 1])
		argv[argc] = (char *)args[argc - 1], argc++;
	settings_defaults(&r->s);
	assert_int_equal(options_parse(argc, argv, &r->s, &r->err), 0);
	r->pat = patterns_new(&r->err);
	assert_non_null(r->pat);
	return lb_resolve(&r->s, &r->lb, &r->err);
}

static int settle(struct run *r, enum generation_id gen, struct liqo_version v, enum exposure auth,
		  enum exposure gateway)
{
	r->plan.gen = generation_of(gen);
	r->plan.modes[COMP_AUTH] = auth;
	r->plan.modes[COMP_GATEWAY] = gateway;
	r->plan.modes[COMP_API_SERVER] = EXPOSE_PROVIDED;
	return lb_settle(&r->lb, &r->plan, v, &r->notes, &r->err);
}

static void finish(struct run *r)
{
	lb_free(&r->lb);
	patterns_free(r->pat);
	buf_free(&r->notes);
}

static const char *notes_of(const struct run *r)
{
	return r->notes.data ? r->notes.data : "";
}

static const struct liqo_version V0_10 = {0, 10, 3}, V1_2 = {1, 2, 0};

/* The preset's annotations first, then the flags'; a key given again keeps
 * its place and takes the last value, and says where it came from. */
static void annotations_come_from_the_preset_then_the_flags(void **state)
{
	(void)state;
	struct run r;
	const char *args[] = {"--provider", "eks", "--gateway-annotation", "team=net",
			      "--gateway-annotation", "service.beta.kubernetes.io/aws-load-balancer-type=external",
			      "--gateway-annotation", "team=tunnel", "--auth-annotation", "a.example.com/x=1", NULL};
	assert_int_equal(resolve(&r, args), 0);
	assert_int_equal(settle(&r, GEN_V0_ANNOTATIONS, V0_10, EXPOSE_LOADBALANCER, EXPOSE_LOADBALANCER), 0);
	const struct lb_service *gw = lb_service_of(&r.lb, SLOT_GATEWAY_SERVICE);
	assert_ptr_equal(gw, lb_service_of(&r.lb, SLOT_GATEWAY_TEMPLATE));
	assert_int_equal(gw->annotation_count, 2);
	assert_string_equal(gw->annotations[0].key, "service.beta.kubernetes.io/aws-load-balancer-type");
	assert_string_equal(gw->annotations[0].value, "external");
	assert_string_equal(gw->annotations[0].why, "(--gateway-annotation sets it)");
	assert_string_equal(gw->annotations[1].key, "team");
	assert_string_equal(gw->annotations[1].value, "tunnel");
	const struct lb_service *auth = lb_service_of(&r.lb, SLOT_AUTH_SERVICE);
	assert_int_equal(auth->annotation_count, 1);
	assert_string_equal(auth->annotations[0].key, "a.example.com/x");
	assert_null(lb_service_of(&r.lb, SLOT_CONTROLLER_MANAGER));
	assert_string_equal(notes_of(&r), "");
	finish(&r);
}

/* The preset's release decides: eks from v1.2 asks for a network load
 * balancer with ten annotations, each from the preset. */
static void the_release_of_the_preset_applies(void **state)
{
	(void)state;
	struct run r;
	const char *args[] = {"--provider", "eks", NULL};
	assert_int_equal(resolve(&r, args), 0);
	assert_int_equal(settle(&r, GEN_V1, V1_2, EXPOSE_LOADBALANCER, EXPOSE_LOADBALANCER), 0);
	const struct lb_service *gw = &r.lb.gateway;
	assert_int_equal(gw->annotation_count, 10);
	assert_string_equal(gw->annotations[9].key, "service.beta.kubernetes.io/aws-load-balancer-type");
	assert_string_equal(gw->annotations[9].value, "external");
	assert_string_equal(gw->annotations[9].why, "(--provider eks sets it)");
	assert_int_equal(r.lb.auth.annotation_count, 0);
	finish(&r);
}

static void one_ip_for_two_services(void **state)
{
	(void)state;
	struct run r;
	const char *args[] = {"--provider", "metallb", "--shared-load-balancer-ip", "203.0.113.5", NULL};
	assert_int_equal(resolve(&r, args), 0);
	assert_int_equal(settle(&r, GEN_V0_ANNOTATIONS, V0_10, EXPOSE_LOADBALANCER, EXPOSE_LOADBALANCER), 0);
	assert_true(r.lb.shared);
	assert_string_equal(r.lb.auth.ip, "203.0.113.5");
	assert_string_equal(r.lb.gateway.ip, "203.0.113.5");
	assert_string_equal(r.lb.gateway.ip_flag, "--shared-load-balancer-ip");
	for (int i = 0; i < 2; i++) {
		const struct lb_service *svc = i ? &r.lb.gateway : &r.lb.auth;
		assert_int_equal(svc->annotation_count, 1);
		assert_string_equal(svc->annotations[0].key, "metallb.universe.tf/allow-shared-ip");
		assert_string_equal(svc->annotations[0].value, "liqo");
		assert_string_equal(svc->annotations[0].why, "(--shared-load-balancer-ip with --provider metallb sets it)");
	}
	assert_null(r.lb.peering_gateway_ip);
	finish(&r);
}

/* Sharing needs both cells LoadBalancer, and a provider that can share. */
static void a_shared_ip_that_cannot_apply(void **state)
{
	(void)state;
	struct run r;
	const char *args[] = {"--provider", "metallb", "--shared-load-balancer-ip", "203.0.113.5",
			      "--auth-load-balancer-ip", "203.0.113.5", NULL};
	assert_int_equal(resolve(&r, args), 0);
	assert_int_equal(settle(&r, GEN_V0_ANNOTATIONS, V0_10, EXPOSE_LOADBALANCER, EXPOSE_NODEPORT), 0);
	assert_false(r.lb.shared);
	assert_string_equal(r.lb.auth.ip, "203.0.113.5");
	assert_string_equal(r.lb.auth.ip_flag, "--auth-load-balancer-ip");
	assert_int_equal(r.lb.auth.annotation_count, 0);
	assert_string_equal(notes_of(&r), "--shared-load-balancer-ip has no effect: the auth server and the gateway "
			    "are not both LoadBalancer\n");
	finish(&r);

	const char *generic[] = {"--shared-load-balancer-ip", "203.0.113.5", NULL};
	assert_int_equal(resolve(&r, generic), 0);
	assert_int_equal(settle(&r, GEN_V0_ANNOTATIONS, V0_10, EXPOSE_LOADBALANCER, EXPOSE_LOADBALANCER), -1);
	assert_int_equal(r.err.code, LS_EXIT_USAGE);
	assert_non_null(strstr(r.err.message, "the provider generic (no --provider) has no way to put two Services"));
	finish(&r);

	const char *two[] = {"--provider", "metallb", "--shared-load-balancer-ip", "203.0.113.5",
			     "--gateway-load-balancer-ip", "203.0.113.6", NULL};
	assert_int_equal(resolve(&r, two), 0);
	assert_int_equal(settle(&r, GEN_V0_ARGUMENTS, (struct liqo_version){0, 5, 0}, EXPOSE_LOADBALANCER,
			       EXPOSE_LOADBALANCER), -1);
	assert_string_equal(r.err.message, "--shared-load-balancer-ip 203.0.113.5 and --gateway-load-balancer-ip "
			    "203.0.113.6: one Service cannot have two load-balancer IPs");
	finish(&r);
}

/* A generation without an auth server: its flags only warn, in the row's
 * words, and the gateway's fixed IP goes to the peering plan, never into
 * the plan itself. */
static void a_generation_without_an_auth_server(void **state)
{
	(void)state;
	struct run r;
	const char *args[] = {"--shared-load-balancer-ip", "203.0.113.5", "--auth-annotation", "a.example.com/x=1",
			      "--gateway-load-balancer-ip", "203.0.113.9", "--external-traffic-policy", "Local", NULL};
	assert_int_equal(resolve(&r, args), 0);
	assert_int_equal(settle(&r, GEN_V1, V1_2, EXPOSE_LOADBALANCER, EXPOSE_LOADBALANCER), 0);
	assert_string_equal(r.lb.peering_gateway_ip, "203.0.113.9");
	assert_false(r.lb.shared);
	assert_string_equal(notes_of(&r),
			    "--auth-annotation has no effect: Liqo v1 has no auth server (peering authenticates "
			    "through the API servers)\n"
			    "--shared-load-balancer-ip has no effect: Liqo v1 has no auth Service to share the "
			    "gateway's IP with\n");
	finish(&r);

	assert_int_equal(resolve(&r, args), 0);
	assert_int_equal(settle(&r, GEN_V1, V1_2, EXPOSE_LOADBALANCER, EXPOSE_NODEPORT), 0);
	assert_null(r.lb.peering_gateway_ip);
	assert_non_null(strstr(notes_of(&r), "--gateway-load-balancer-ip has no effect: the Network gateway is NodePort\n"));
	assert_non_null(strstr(notes_of(&r), "--external-traffic-policy has no effect: this program writes the gateway "
			       "server template's Service fields only for a LoadBalancer gateway (Liqo itself would copy "
			       "any field of the template into every peering's Service)\n"));
	finish(&r);

	/* A v0 gateway Service takes a traffic policy as a NodePort too; there
	 * an IP to share with no provider that can share it is refused. */
	assert_int_equal(resolve(&r, args), 0);
	assert_int_equal(settle(&r, GEN_V0_ANNOTATIONS, V0_10, EXPOSE_LOADBALANCER, EXPOSE_NODEPORT), -1);
	finish(&r);
	assert_int_equal(resolve(&r, args + 2), 0);
	assert_int_equal(settle(&r, GEN_V0_ANNOTATIONS, V0_10, EXPOSE_LOADBALANCER, EXPOSE_NODEPORT), 0);
	assert_null(r.lb.peering_gateway_ip);
	assert_null(strstr(notes_of(&r), "--external-traffic-policy"));
	finish(&r);
}

static void values_are_checked_before_the_input(void **state)
{
	(void)state;
	struct run r;
	const struct {
		const char *flag, *value, *message;
	} bad[] = {
		{"--load-balancer-source-ranges", "10.0.0.0/8,10.1.0.0/33",
		 "--load-balancer-source-ranges '10.0.0.0/8,10.1.0.0/33': not a comma-separated list of CIDRs "
		 "(203.0.113.0/24)"},
		{"--load-balancer-source-ranges", "10.0.0.0/8/1", NULL},
		{"--load-balancer-source-ranges", "10.0.0.0/", NULL},
		{"--auth-load-balancer-ip", "203.0.113", "--auth-load-balancer-ip '203.0.113': not an IPv4 or IPv6 address"},
		{"--auth-annotation", "liqo.io/override-address=x",
		 "--auth-annotation 'liqo.io/override-address=x': the scenario derives this annotation from the cells"},
		{"--gateway-annotation", "-bad/name=x", NULL},
		{"--gateway-annotation", "novalue", "--gateway-annotation 'novalue': not KEY=VALUE"},
		{"--load-balancer-class", "example.com/", NULL},
		{"--auth-node-port", "29999", "--auth-node-port 29999: outside the node-port range 30000-32767 "
		 "(Kubernetes' default; --node-port-range sets the cluster's)"},
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *args[] = {bad[i].flag, bad[i].value, NULL};
		assert_int_equal(resolve(&r, args), -1);
		assert_int_equal(r.err.code, LS_EXIT_USAGE);
		if (bad[i].message)
			assert_string_equal(r.err.message, bad[i].message);
		finish(&r);
	}
	const char *range[] = {"--node-port-range", "20000-20100", "--auth-node-port", "20050", NULL};
	assert_int_equal(resolve(&r, range), 0);
	assert_int_equal(r.lb.node_port_min, 20000);
	assert_int_equal(r.lb.node_port_max, 20100);
	finish(&r);
}

/* The fields a Service gets, in the order a fresh run writes them, the
 * source ranges as messages show them and as YAML. */
static void the_fields_a_service_gets(void **state)
{
	(void)state;
	struct run r;
	const char *args[] = {"--load-balancer-source-ranges", "10.0.0.0/8,2001:db8::/32", "--external-traffic-policy",
			      "Local", "--gateway-load-balancer-ip", "2001:db8::7", "--load-balancer-class",
			      "example.com/lb", NULL};
	assert_int_equal(resolve(&r, args), 0);
	assert_int_equal(settle(&r, GEN_V0_ANNOTATIONS, V0_10, EXPOSE_NODEPORT, EXPOSE_LOADBALANCER), 0);
	struct lb_field fields[LB_FIELD_COUNT];
	lb_fields(&r.lb, &r.lb.gateway, fields);
	const char *keys[LB_FIELD_COUNT] = {"externalTrafficPolicy", "loadBalancerIP", "allocateLoadBalancerNodePorts",
					    "loadBalancerSourceRanges", "loadBalancerClass"};
	for (size_t i = 0; i < LB_FIELD_COUNT; i++)
		assert_string_equal(fields[i].key, keys[i]);
	assert_string_equal(fields[0].value, "Local");
	assert_string_equal(fields[1].value, "2001:db8::7");
	assert_string_equal(fields[1].flag, "--gateway-load-balancer-ip");
	assert_null(r.lb.peering_gateway_ip);  /* the Service's own, not a peering's */
	assert_null(fields[2].value);
	assert_string_equal(fields[3].value, "[10.0.0.0/8, 2001:db8::/32]");
	assert_string_equal(fields[3].yaml, "[\"10.0.0.0/8\", \"2001:db8::/32\"]");
	assert_string_equal(fields[4].value, "example.com/lb");
	lb_fields(&r.lb, NULL, fields);
	assert_null(fields[1].value);
	assert_string_equal(lb_traffic_policy(&r.lb, NULL, "NodePort"), "Local");
	assert_string_equal(lb_traffic_policy(&r.lb, NULL, "ClusterIP"), "");
	finish(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(annotations_come_from_the_preset_then_the_flags),
		cmocka_unit_test(the_release_of_the_preset_applies),
		cmocka_unit_test(one_ip_for_two_services),
		cmocka_unit_test(a_shared_ip_that_cannot_apply),
		cmocka_unit_test(a_generation_without_an_auth_server),
		cmocka_unit_test(values_are_checked_before_the_input),
		cmocka_unit_test(the_fields_a_service_gets),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
