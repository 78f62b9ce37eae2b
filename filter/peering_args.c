/* See peering_args.h. */
#include "peering_args.h"

#include <stddef.h>
#include <string.h>

enum arg_kind { ARG_TEXT, ARG_LIST, ARG_SWITCH };

struct arg_spec {
	const char *name;
	enum arg_kind kind;
	int side;          /* -1: the command's; 0, 1: a cluster's (offset into its side_flags) */
	size_t offset;
	const char *arg;
	const char *help;  /* a cluster's: what follows "cluster a's" */
};

#define CMD(f) -1, offsetof(struct peering_args, f)
#define SIDE(n, f) n, offsetof(struct side_flags, f)
#define BOTH(suffix, kind, f, arg, help) \
	{"a-" suffix, kind, SIDE(0, f), arg, help}, {"b-" suffix, kind, SIDE(1, f), arg, help}

static const struct arg_spec specs[] = {
	BOTH("config", ARG_TEXT, config, "FILE", "post-renderer settings (profile, cluster, cells' flags)"),
	BOTH("render", ARG_TEXT, render, "FILE", "Liqo v1 render (the chart's or the post-renderer's output)"),
	BOTH("public-key", ARG_TEXT, public_key, "KEY", "WireGuard public key (base64 of 32 bytes)"),
	BOTH("pod-cidr", ARG_LIST, pod_cidrs, "CIDR", "pod CIDR, where its render pins none (repeatable)"),
	BOTH("external-cidr", ARG_TEXT, external_cidr, "CIDR", "external CIDR as its IPAM holds it"),
	BOTH("cluster-id", ARG_TEXT, cluster_id, "ID", "ID (else cluster-id in its config file)"),
	BOTH("gateway-address", ARG_TEXT, gateway_address, "ADDR", "gateway server's address: a node's (NodePort), a DNS name (LoadBalancer)"),
	BOTH("liqo-namespace", ARG_TEXT, liqo_namespace, "NS", "Liqo namespace, where its render does not say"),
	{"consumer", ARG_TEXT, CMD(consumer), "a|b", "the cluster that consumes the other's resources"},
	{"gateway-server-on", ARG_TEXT, CMD(server_on), "a|b", "where the gateway server runs (default: the provider)"},
	{"mtu", ARG_TEXT, CMD(mtu), "N", "the tunnel's MTU on both sides (default 1340)"},
	{"keys-secret", ARG_TEXT, CMD(keys_secret), "NAME", "the WireGuard keys Secret each side holds (default gw-keys)"},
	{"consumer-user", ARG_TEXT, CMD(consumer_user), "NAME", "the consumer's identity as a user: RoleBinding on the provider"},
	{"consumer-group", ARG_TEXT, CMD(consumer_group), "NAME", "the consumer's identity as a group: RoleBinding on the provider"},
	{"kubeconfig", ARG_TEXT, CMD(kubeconfig), "FILE", "the provider's kubeconfig for the consumer: its identity Secret"},
	{"output-dir", ARG_TEXT, CMD(output_dir), "DIR", "write DIR/<cluster-id>/peering.yaml for each cluster"},
	{"explain", ARG_SWITCH, CMD(explain), NULL, "say on stderr what each resource is for and what decided each field"},
	{"report", ARG_TEXT, CMD(report), "FILE", "also write the same as JSON to FILE"},
	{"help", ARG_SWITCH, CMD(help), NULL, "show this help"},
};

static const size_t spec_count = sizeof(specs) / sizeof(specs[0]);

static const struct arg_spec *find(const char *name, size_t len)
{
	for (size_t i = 0; i < spec_count; i++)
		if (strlen(specs[i].name) == len && strncmp(specs[i].name, name, len) == 0)
			return &specs[i];
	return NULL;
}

static void *field_of(const struct arg_spec *spec, struct peering_args *out)
{
	char *base = spec->side < 0 ? (char *)out : (char *)&out->sides[spec->side];
	return base + spec->offset;
}

static int store(const struct arg_spec *spec, const char *value, struct peering_args *out, struct ls_error *err)
{
	void *field = field_of(spec, out);
	if (spec->kind == ARG_SWITCH) {
		*(bool *)field = true;
		return 0;
	}
	if (!*value)
		return err_set(err, LS_EXIT_USAGE, "peering --%s: needs a value", spec->name);
	if (spec->kind == ARG_TEXT) {
		*(const char **)field = value;
		return 0;
	}
	struct side_flags *side = &out->sides[spec->side];
	if (side->pod_cidr_count == PEERING_MAX_POD_CIDRS)
		return err_set(err, LS_EXIT_USAGE, "peering --%s: given more than %d times", spec->name,
			       PEERING_MAX_POD_CIDRS);
	side->pod_cidrs[side->pod_cidr_count++] = value;
	return 0;
}

int peering_args_parse(int argc, char **argv, struct peering_args *out, struct ls_error *err)
{
	memset(out, 0, sizeof(*out));
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0 || !a[2])
			return err_set(err, LS_EXIT_USAGE, "peering: unexpected argument '%s' (see peering --help)", a);
		const char *eq = strchr(a + 2, '=');
		size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);
		const struct arg_spec *spec = find(a + 2, len);
		if (!spec)
			return err_set(err, LS_EXIT_USAGE, "peering: unknown flag '%.*s' (see peering --help)",
				       (int)len + 2, a);
		const char *value = eq ? eq + 1 : NULL;
		if (spec->kind == ARG_SWITCH && value)
			return err_set(err, LS_EXIT_USAGE, "peering --%s takes no value", spec->name);
		if (spec->kind != ARG_SWITCH && !value) {
			if (i + 1 == argc)
				return err_set(err, LS_EXIT_USAGE, "peering --%s: needs a value", spec->name);
			value = argv[++i];
		}
		if (store(spec, value, out, err) < 0)
			return -1;
	}
	return 0;
}

void peering_usage(FILE *out)
{
	fputs("Usage: liqo-scenario peering --a-config FILE --a-render FILE --b-config FILE --b-render FILE\n"
	      "         --consumer a|b [--gateway-server-on a|b] --a-public-key KEY --b-public-key KEY\n"
	      "         [--a-pod-cidr CIDR]... [--b-pod-cidr CIDR]... [--a-cluster-id ID] [--b-cluster-id ID]\n"
	      "         --output-dir DIR [options]\n"
	      "Writes the declarative Liqo v1 peering of two clusters: DIR/<cluster-id>/peering.yaml, to apply\n"
	      "on each cluster. Private keys are never written.\n\nOptions:\n", out);
	for (size_t i = 0; i < spec_count; i++) {
		char left[64];
		snprintf(left, sizeof(left), "--%s%s%s", specs[i].name, specs[i].arg ? " " : "",
			 specs[i].arg ? specs[i].arg : "");
		if (specs[i].side < 0)
			fprintf(out, "  %-26s %s\n", left, specs[i].help);
		else
			fprintf(out, "  %-26s cluster %c's %s\n", left, 'a' + specs[i].side, specs[i].help);
	}
}
