/* See options.h. */
#include "options.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"

#define FIELD(f) offsetof(struct settings, f)

const struct option_spec option_specs[] = {
	{"profile", OPT_TEXT, FIELD(profile), "NAME", "scenario profile (see --list-profiles)", VALUES_PROFILE, NULL},
	{"cluster", OPT_TEXT, FIELD(cluster), "a|b", "the table column; required where the columns differ",
	 VALUES_CHOICES, "a b"},
	{"auth", OPT_TEXT, FIELD(auth), "MODE", "auth server: loadbalancer|ingress|nodeport, where the cell offers a choice",
	 VALUES_CHOICES, "loadbalancer ingress nodeport"},
	{"api-server", OPT_TEXT, FIELD(api_server), "MODE", "API server: provided|exposed|ingress|public-ip|port-forward",
	 VALUES_CHOICES, "provided exposed ingress public-ip port-forward"},
	{"gateway", OPT_TEXT, FIELD(gateway), "MODE", "network gateway: loadbalancer|nodeport, where the cell offers a choice",
	 VALUES_CHOICES, "loadbalancer nodeport"},
	{"auth-host", OPT_TEXT, FIELD(auth_host), "HOST", "host name of the auth server's Ingress", VALUES_FREE, NULL},
	{"api-server-host", OPT_TEXT, FIELD(api_server_host), "HOST", "host name of the API server's Ingress", VALUES_FREE, NULL},
	{"ingress-class", OPT_TEXT, FIELD(ingress_class), "NAME", "Ingress class (nginx and traefik get their TLS annotations)", VALUES_FREE, NULL},
	{"auth-tls-secret", OPT_TEXT, FIELD(auth_tls_secret), "NAME", "TLS secret of the auth Ingress (default: the auth Service's name)", VALUES_FREE, NULL},
	{"public-address", OPT_TEXT, FIELD(public_address), "ADDR", "the NAT's public IP address or name", VALUES_FREE, NULL},
	{"auth-node-port", OPT_NODE_PORT, FIELD(auth_node_port), "N", "pin the auth Service's node port (in the node-port range)", VALUES_FREE, NULL},
	{"auth-public-port", OPT_PORT, FIELD(auth_public_port), "N", "port the NAT forwards to the auth node port (default: the node port)", VALUES_FREE, NULL},
	{"gateway-node-port", OPT_NODE_PORT, FIELD(gateway_node_port), "N", "pin the gateway Service's node port (in the node-port range)", VALUES_FREE, NULL},
	{"gateway-public-port", OPT_PORT, FIELD(gateway_public_port), "N", "port the NAT forwards to the gateway node port (default: the node port)", VALUES_FREE, NULL},
	{"gateway-port", OPT_PORT, FIELD(gateway_port), "N", "v1: the gateway server's Service port each peering hosted here asks for (liqoctl's default 51840)", VALUES_FREE, NULL},
	{"api-server-public-port", OPT_PORT, FIELD(api_server_public_port), "N", "port the NAT forwards to the API server (default 6443)", VALUES_FREE, NULL},
	{"api-server-address", OPT_TEXT, FIELD(api_server_address), "URL", "address peers use for the API server (https://HOST[:PORT])", VALUES_FREE, NULL},
	{"provider", OPT_TEXT, FIELD(provider), "NAME", "platform preset: what liqoctl install <provider> of the Liqo release writes, and its checks",
	 VALUES_CHOICES, "generic kubeadm eks aks gke k3s kind metallb openshift"},
	{"auth-annotation", OPT_LIST, FIELD(auth_annotations), "KEY=VALUE", "add an annotation to the auth Service (repeatable)", VALUES_FREE, NULL},
	{"gateway-annotation", OPT_LIST, FIELD(gateway_annotations), "KEY=VALUE", "add an annotation to the gateway Service or v1 template (repeatable)", VALUES_FREE, NULL},
	{"auth-load-balancer-ip", OPT_TEXT, FIELD(auth_load_balancer_ip), "IP", "spec.loadBalancerIP of a LoadBalancer auth Service", VALUES_FREE, NULL},
	{"gateway-load-balancer-ip", OPT_TEXT, FIELD(gateway_load_balancer_ip), "IP", "spec.loadBalancerIP of a LoadBalancer gateway (v1: the peering plan)", VALUES_FREE, NULL},
	{"allocate-load-balancer-node-ports", OPT_TEXT, FIELD(allocate_node_ports), "true|false", "spec.allocateLoadBalancerNodePorts of LoadBalancer Services",
	 VALUES_CHOICES, "true false"},
	{"load-balancer-source-ranges", OPT_TEXT, FIELD(source_ranges), "CIDR[,CIDR]", "who may connect to the LoadBalancer Services", VALUES_FREE, NULL},
	{"load-balancer-class", OPT_TEXT, FIELD(load_balancer_class), "NAME", "spec.loadBalancerClass of LoadBalancer Services", VALUES_FREE, NULL},
	{"external-traffic-policy", OPT_TEXT, FIELD(traffic_policy), "POLICY", "Cluster or Local, on the LoadBalancer and NodePort Services",
	 VALUES_CHOICES, "Cluster Local"},
	{"shared-load-balancer-ip", OPT_TEXT, FIELD(shared_load_balancer_ip), "IP", "auth and gateway on one load-balancer IP, as --provider allows", VALUES_FREE, NULL},
	{"node-port-range", OPT_TEXT, FIELD(node_port_range), "MIN-MAX", "the cluster's node-port range (default 30000-32767)", VALUES_FREE, NULL},
	{"auth-tls-issuer", OPT_TEXT, FIELD(auth_tls_issuer), "NAME", "cert-manager ClusterIssuer of the auth Ingress's TLS secret", VALUES_FREE, NULL},
	{"cluster-id", OPT_TEXT, FIELD(cluster_id), "ID",
	 "pin the CLUSTER_ID the chart renders (a UUID on Liqo v0, a DNS label on v1), for identical renders",
	 VALUES_FREE, NULL},
	{"liqo-version", OPT_TEXT, FIELD(liqo_version), "VERSION", "Liqo version of the input (default: read from its labels)", VALUES_FREE, NULL},
	{"profile-dir", OPT_TEXT, FIELD(profile_dir), "DIR", "also load profiles from DIR/*.yaml and DIR/*.yml", VALUES_DIR, NULL},
	{"config", OPT_TEXT, FIELD(config), "FILE", "read settings from a YAML file; flags given beside it win", VALUES_FILE, NULL},
	{"output", OPT_TEXT, FIELD(output), "FILE", "write to FILE atomically instead of standard output (also -o)", VALUES_FILE, NULL},
	{"check", OPT_SWITCH, FIELD(check), NULL, "write no manifests; exit 1 and list the differences unless the input already matches", VALUES_FREE, NULL},
	{"explain", OPT_SWITCH, FIELD(explain), NULL, "report on stderr how peers reach each service (and NAT rules)", VALUES_FREE, NULL},
	{"explain-format", OPT_TEXT, FIELD(explain_format), "FORMAT",
	 "text, or markdown with a Mermaid diagram of the reach, for a pull request (implies --explain)",
	 VALUES_CHOICES, "text markdown"},
	{"report", OPT_TEXT, FIELD(report), "FILE", "also write a JSON report of the run to FILE (- for standard output, with --check)",
	 VALUES_FILE, NULL},
	{"explain-file", OPT_TEXT, FIELD(explain_file), "FILE", "also write --explain's text and the run's warnings to FILE (- for standard output, with --check)",
	 VALUES_FILE, NULL},
	{"record", OPT_SWITCH, FIELD(record), NULL, "add the ConfigMap liqo-scenario: the profile, flags, explanation and report of the run",
	 VALUES_FREE, NULL},
	{"max-input-size", OPT_SIZE, FIELD(max_input_size), "BYTES", "largest input accepted (default 268435456)", VALUES_FREE, NULL},
	{"max-documents", OPT_SIZE, FIELD(limits.max_documents), "N", "most documents accepted (default 100000)", VALUES_FREE, NULL},
	{"max-depth", OPT_SIZE, FIELD(limits.max_depth), "N", "deepest nesting accepted (default 256)", VALUES_FREE, NULL},
	{"max-aliases", OPT_SIZE, FIELD(limits.max_aliases), "N", "most aliases accepted in one document (default 10000)", VALUES_FREE, NULL},
	{"list-profiles", OPT_SWITCH, FIELD(list_profiles), NULL, "list the profiles and their columns", VALUES_FREE, NULL},
	{"completion", OPT_TEXT, FIELD(completion), "SHELL", "print the completion script for bash, zsh or fish", VALUES_CHOICES,
	 "bash zsh fish"},
	{"help", OPT_SWITCH, FIELD(help), NULL, "show this help", VALUES_FREE, NULL},
	{"version", OPT_SWITCH, FIELD(version), NULL, "show the version", VALUES_FREE, NULL},
};

const size_t option_spec_count = sizeof(option_specs) / sizeof(option_specs[0]);

const struct option_alias option_aliases[] = {
	{"-o", "output"},
	{"-h", "help"},
};

const size_t option_alias_count = sizeof(option_aliases) / sizeof(option_aliases[0]);

void settings_defaults(struct settings *s)
{
	memset(s, 0, sizeof(*s));
	s->max_input_size = (size_t)256 << 20;
	s->limits.max_documents = 100000;
	s->limits.max_depth = 256;
	s->limits.max_aliases = 10000;
}

const struct option_spec *option_find(const char *name, size_t len)
{
	for (size_t i = 0; i < option_spec_count; i++)
		if (strlen(option_specs[i].name) == len && strncmp(option_specs[i].name, name, len) == 0)
			return &option_specs[i];
	return NULL;
}

/* The option nearest to a mistyped name, or NULL: "--profle" meant --profile. */
const char *option_nearest(const char *name, size_t len)
{
	struct suggestion near;
	suggest_start(&near, name, len);
	for (size_t i = 0; i < option_spec_count; i++)
		suggest_offer(&near, option_specs[i].name);
	return suggest_best(&near);
}

/* typed is the word as given (with its dashes, if any), name the part
 * that should have been an option's name; suggestions get dashes when the
 * word had them, so "-profile" and "--profle" both lead to --profile. */
static int unknown_option(const char *origin, const char *typed, size_t typed_len, const char *name, size_t len,
			  struct ls_error *err)
{
	const char *near = option_find(name, len) ? option_find(name, len)->name : option_nearest(name, len);
	const char *dashes = name == typed ? "" : "--";
	if (near)
		return err_set(err, LS_EXIT_USAGE, "%s: unknown option '%.*s'; did you mean %s%s? (see --help)", origin,
			       (int)typed_len, typed, dashes, near);
	return err_set(err, LS_EXIT_USAGE, "%s: unknown option '%.*s' (see --help)", origin, (int)typed_len, typed);
}

static int parse_number(const char *value, long low, long high, long *out)
{
	if (!value || !*value || strspn(value, "0123456789") != strlen(value) || strlen(value) > 18)
		return -1;
	long n = strtol(value, NULL, 10);
	if (n < low || n > high)
		return -1;
	*out = n;
	return 0;
}

static int store(struct settings *s, const struct option_spec *spec, const char *value,
		 const char *origin, struct ls_error *err)
{
	char *field = (char *)s + spec->offset;
	long number = 0;
	switch (spec->kind) {
	case OPT_TEXT:
		if (!*value)
			return err_set(err, LS_EXIT_USAGE, "%s --%s: needs a value", origin, spec->name);
		*(const char **)field = value;
		return 0;
	case OPT_PORT:
		if (parse_number(value, 1, 65535, &number) < 0)
			return err_set(err, LS_EXIT_USAGE, "%s --%s: '%s' is not a port (1-65535)", origin, spec->name, value);
		*(long *)field = number;
		return 0;
	case OPT_NODE_PORT:
		if (parse_number(value, 1, 65535, &number) < 0)
			return err_set(err, LS_EXIT_USAGE, "%s --%s: '%s' is not a node port", origin, spec->name, value);
		*(long *)field = number;
		return 0;
	case OPT_LIST: {
		struct text_list *list = (struct text_list *)field;
		if (!*value)
			return err_set(err, LS_EXIT_USAGE, "%s --%s: needs a value", origin, spec->name);
		if (list->count == SETTINGS_LIST_MAX)
			return err_set(err, LS_EXIT_USAGE, "%s --%s: given more than %d times", origin, spec->name,
				       SETTINGS_LIST_MAX);
		list->items[list->count++] = value;
		return 0;
	}
	case OPT_SIZE:
	case OPT_COUNT:
		if (parse_number(value, 1, 1L << 40, &number) < 0)
			return err_set(err, LS_EXIT_USAGE, "%s --%s: '%s' is not a positive number", origin, spec->name, value);
		*(size_t *)field = (size_t)number;
		return 0;
	case OPT_SWITCH:
		*(bool *)field = true;
		return 0;
	}
	return 0;
}

int option_set(struct settings *s, const char *name, const char *value, const char *origin,
	       struct ls_error *err)
{
	const struct option_spec *spec = option_find(name, strlen(name));
	if (!spec)
		return unknown_option(origin, name, strlen(name), name, strlen(name), err);
	if (spec->kind == OPT_SWITCH && value)
		return err_set(err, LS_EXIT_USAGE, "%s --%s: takes no value", origin, name);
	if (spec->kind != OPT_SWITCH && !value)
		return err_set(err, LS_EXIT_USAGE, "%s --%s: needs a value", origin, name);
	return store(s, spec, value, origin, err);
}

static int set_input(struct settings *s, const char *arg, struct ls_error *err)
{
	if (s->input)
		return err_set(err, LS_EXIT_USAGE, "command line: more than one input file ('%s' and '%s')", s->input, arg);
	s->input = arg;
	return 0;
}

/* A single-valued option given twice on the command line with two values
 * takes the last, as every getopt program does; a pipeline that adds a flag
 * to a command that already has it should hear which one won. A config
 * value under a command-line flag is the documented rule and is not noted. */
static void note_repeat(struct settings *s, const struct option_spec *spec, const char *value)
{
	size_t index = (size_t)(spec - option_specs);
	if (spec->kind == OPT_SWITCH || spec->kind == OPT_LIST || index >= OPTIONS_MAX)
		return;
	const char *before = s->given[index];
	s->given[index] = value;
	if (!before || strcmp(before, value) == 0)
		return;
	for (size_t i = 0; i < s->repeat_count; i++) {
		if (s->repeats[i].spec == spec) {
			s->repeats[i].last = value;
			return;
		}
	}
	if (s->repeat_count < SETTINGS_REPEATS_MAX)
		s->repeats[s->repeat_count++] = (struct repeated_option){spec, before, value};
}

int options_warnings(const struct settings *s, struct buf *notes)
{
	int rc = 0;
	for (size_t i = 0; i < s->repeat_count; i++) {
		const struct repeated_option *r = &s->repeats[i];
		rc |= buf_printf(notes, "--%s is given more than once on the command line ('%s', then '%s'): '%s' is used\n",
			   r->spec->name, r->first, r->last, r->last);
	}
	return rc;
}

static int parse_long_option(int argc, char **argv, int *i, struct settings *s, struct ls_error *err)
{
	const char *name = argv[*i] + 2;
	const char *equals = strchr(name, '=');
	size_t len = equals ? (size_t)(equals - name) : strlen(name);
	const struct option_spec *spec = option_find(name, len);
	if (!spec)
		return unknown_option("command line", argv[*i], len + 2, name, len, err);
	const char *value = equals ? equals + 1 : NULL;
	if (!value && spec->kind != OPT_SWITCH) {
		if (*i + 1 >= argc)
			return err_set(err, LS_EXIT_USAGE, "command line --%s: needs a value", spec->name);
		value = argv[++*i];
	}
	note_repeat(s, spec, value);
	return option_set(s, spec->name, value, "command line", err);
}

static const struct option_spec *alias_of(const char *arg)
{
	for (size_t i = 0; i < option_alias_count; i++)
		if (strcmp(arg, option_aliases[i].alias) == 0)
			return option_find(option_aliases[i].name, strlen(option_aliases[i].name));
	return NULL;
}

static int parse_alias(int argc, char **argv, int *i, struct settings *s, struct ls_error *err)
{
	const struct option_spec *spec = alias_of(argv[*i]);
	if (spec->kind == OPT_SWITCH)
		return option_set(s, spec->name, NULL, "command line", err);
	if (*i + 1 >= argc)
		return err_set(err, LS_EXIT_USAGE, "command line %s: needs a value", argv[*i]);
	note_repeat(s, spec, argv[*i + 1]);
	return option_set(s, spec->name, argv[++*i], "command line", err);
}

int options_parse(int argc, char **argv, struct settings *s, struct ls_error *err)
{
	bool options_done = false;
	for (int i = 1; i < argc; i++) {
		const char *arg = argv[i];
		int rc;
		if (options_done || arg[0] != '-' || strcmp(arg, "-") == 0)
			rc = set_input(s, arg, err);
		else if (strcmp(arg, "--") == 0)
			rc = 0, options_done = true;
		else if (alias_of(arg))
			rc = parse_alias(argc, argv, &i, s, err);
		else if (strncmp(arg, "--", 2) == 0)
			rc = parse_long_option(argc, argv, &i, s, err);
		else
			rc = unknown_option("command line", arg, strlen(arg), arg + 1, strlen(arg + 1), err);
		if (rc < 0)
			return -1;
	}
	return 0;
}

bool settings_explain(const struct settings *s)
{
	return s->explain || s->explain_format;
}

bool settings_explain_markdown(const struct settings *s)
{
	return s->explain_format && strcmp(s->explain_format, "markdown") == 0;
}

int settings_check_outputs(const struct settings *s, struct ls_error *err)
{
	if (s->explain_format && strcmp(s->explain_format, "text") != 0 && strcmp(s->explain_format, "markdown") != 0)
		return err_set(err, LS_EXIT_USAGE, "--explain-format: '%s' is not text or markdown", s->explain_format);
	if (!s->report)
		return 0;
	if (strcmp(s->report, "-") == 0 && !s->check)
		return err_set(err, LS_EXIT_USAGE, "--report -: standard output carries the manifests; give a file, "
			       "or use it with --check, which writes none");
	if (s->output && strcmp(s->report, s->output) == 0)
		return err_set(err, LS_EXIT_USAGE, "--report and --output are both %s: the report would replace the "
			       "manifests", s->report);
	return 0;
}

int settings_check_explain_file(const struct settings *s, struct ls_error *err)
{
	const char *file = s->explain_file;
	if (!file)
		return 0;
	if (strcmp(file, "-") == 0 && !s->check)
		return err_set(err, LS_EXIT_USAGE, "--explain-file -: standard output carries the manifests; give a "
			       "file, or use it with --check, which writes none");
	if (s->output && strcmp(file, s->output) == 0)
		return err_set(err, LS_EXIT_USAGE, "--explain-file and --output are both %s: the explanation would "
			       "replace the manifests", file);
	if (s->report && strcmp(file, s->report) == 0)
		return err_set(err, LS_EXIT_USAGE, "--explain-file and --report are both %s: one would replace the "
			       "other", file);
	return 0;
}

void options_usage(FILE *out)
{
	fputs("Usage: liqo-scenario --profile NAME [--cluster a|b] [options] [FILE|-]\n\n"
	      "Rewrites a rendered Liqo chart so that the auth server, the API server and the\n"
	      "network gateway are exposed the way one scenario of the Liqo pre-install guide\n"
	      "asks. "
	      "Reads FILE (or standard input), writes standard output.\n\nOptions:\n", out);
	for (size_t i = 0; i < option_spec_count; i++) {
		char left[64];
		snprintf(left, sizeof(left), "--%s%s%s", option_specs[i].name, option_specs[i].arg ? " " : "",
			 option_specs[i].arg ? option_specs[i].arg : "");
		fprintf(out, "  %-30s %s\n", left, option_specs[i].help);
	}
	fputs("\nExit status: 0 done; 1 --check found differences; 2 usage or profile error;\n"
	      "3 input error; 4 read or write error, or out of memory.\n\n"
	      "Helm 3: helm install liqo liqo/liqo --post-renderer liqo-scenario \\\n"
	      "          --post-renderer-args --profile=cloud-to-cloud\n"
	      "Helm 4: export HELM_PLUGINS=\"PREFIX/lib/liqo-scenario:$(helm env HELM_PLUGINS)\"\n"
	      "        helm install liqo liqo/liqo --post-renderer liqo-scenario \\\n"
	      "          --post-renderer-args --profile=cloud-to-cloud\n", out);
}
