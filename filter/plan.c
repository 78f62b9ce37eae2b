/* See plan.h. */
#include "plan.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "address.h"
#include "escape.h"
#include "suggest.h"

static int choose(const struct cell *cell, enum component c, const char *wanted, const char *flag,
		  enum exposure *out, struct ls_error *err)
{
	if (!wanted) {
		*out = cell->choices[0];
		return 0;
	}
	struct buf offered = {0};
	struct suggestion near;
	suggest_start(&near, wanted, strlen(wanted));
	int rc = 0;
	for (size_t i = 0; i < cell->count; i++) {
		if (strcmp(exposure_choice(cell->choices[i]), wanted) == 0) {
			*out = cell->choices[i];
			buf_free(&offered);
			return 0;
		}
		suggest_offer(&near, exposure_choice(cell->choices[i]));
		rc |= buf_printf(&offered, "%s%s", i ? ", " : "", exposure_choice(cell->choices[i]));
	}
	const char *meant = suggest_best(&near);
	if (rc < 0)
		rc = err_set(err, LS_EXIT_IO, "out of memory");
	else
		rc = err_set(err, LS_EXIT_USAGE, "--%s %s: %s%s%sthe %s cell \"%s\" offers only: %s", flag, wanted,
			     meant ? "did you mean " : "", meant ? meant : "", meant ? "? " : "", component_title(c),
			     cell->text, offered.data ? offered.data : "");
	buf_free(&offered);
	return rc;
}

/* A flag a cell needs: noted when the command line lacks it, so that every
 * flag missing from the column is named in one message. */
static void need(struct plan *plan, bool given, const char *flag, const char *why)
{
	struct missing_flags *m = &plan->missing;
	if (given)
		return;
	for (size_t i = 0; i < m->count; i++)
		if (strcmp(m->flags[i], flag) == 0)
			return;
	if (m->count < PLAN_MISSING_MAX) {
		m->flags[m->count] = flag;
		m->why[m->count++] = why;
	}
}

/* One flag: "--X is required: why". More: each named with its reason. */
static int report_missing(const struct plan *plan, struct ls_error *err)
{
	const struct missing_flags *m = &plan->missing;
	if (m->count == 0)
		return 0;
	if (m->count == 1)
		return err_set(err, LS_EXIT_USAGE, "--%s is required: %s", m->flags[0], m->why[0]);
	struct buf text = {0};
	int rc = 0;
	for (size_t i = 0; i < m->count; i++)
		rc |= buf_printf(&text, "%s--%s", i == 0 ? "" : i + 1 == m->count ? " and " : ", ", m->flags[i]);
	rc |= buf_printf(&text, " are required by cluster %c of %s:", 'a' + plan->column, plan->profile->name);
	for (size_t i = 0; i < m->count; i++)
		rc |= buf_printf(&text, "%s --%s: %s", i ? ";" : "", m->flags[i], m->why[i]);
	rc = rc < 0 ? err_set(err, LS_EXIT_IO, "out of memory") : err_set(err, LS_EXIT_USAGE, "%s", text.data);
	buf_free(&text);
	return rc;
}

/* text is what `what` says, as address.h reads it. */
typedef bool (*text_test)(const char *text, size_t len);

static bool any_address(const char *text, size_t len)
{
	return address_classify(text, len) != ADDRESS_INVALID;
}

static bool api_url(const char *text, size_t len)
{
	struct address_url url;
	return address_parse_url(text, len, &url);
}

static int check_text(text_test test, const char *value, const char *flag, const char *what, struct ls_error *err)
{
	if (!value || test(value, strlen(value)))
		return 0;
	return err_set(err, LS_EXIT_USAGE, "--%s '%s': not %s", flag, value, what);
}

static int select_column(const struct settings *s, const struct profile *p, struct plan *plan,
			 struct ls_error *err)
{
	if (!s->cluster) {
		if (!profile_columns_equal(p))
			return err_set(err, LS_EXIT_USAGE,
				       "--cluster is required: profile %s has different columns (a: %s, b: %s)",
				       p->name, p->columns[0].title, p->columns[1].title);
		plan->column = 0;
		return 0;
	}
	if (strcmp(s->cluster, "a") && strcmp(s->cluster, "b"))
		return err_set(err, LS_EXIT_USAGE, "--cluster '%s': must be a or b", s->cluster);
	plan->column = s->cluster[0] - 'a';
	return 0;
}

/* The host of value, a [https://]HOST[:PORT] URL or a bare host. */
static void url_host(const char *value, const char **host, size_t *len)
{
	struct address_url url;
	*host = value, *len = strlen(value);
	if (address_parse_url(value, *len, &url))
		*host = value + url.host, *len = url.host_len;
}

/* Four numbers with dots pass as a DNS name, but nobody means a host name
 * by 999.1.1.1: it is a mistyped IPv4 address. */
static int check_octets(const char *value, const char *flag, struct ls_error *err)
{
	const char *host, *problem = NULL;
	size_t len;
	if (!value)
		return 0;
	url_host(value, &host, &len);
	if (!address_dotted_quad(host, len, &problem) || !problem)
		return 0;
	return err_set(err, LS_EXIT_USAGE, "--%s '%s': not an IPv4 address (%s)", flag, value, problem);
}

/* Kubernetes refuses an IP address as an Ingress host. */
static int check_ingress_host(const char *value, const char *flag, struct ls_error *err)
{
	const char *problem = NULL;
	if (!value)
		return 0;
	size_t len = strlen(value);
	if (address_dotted_quad(value, len, &problem) && problem)
		return err_set(err, LS_EXIT_USAGE, "--%s '%s': not an IPv4 address (%s), and an Ingress host must be "
			       "a DNS name", flag, value, problem);
	if (address_ip(value, len) != ADDRESS_INVALID)
		return err_set(err, LS_EXIT_USAGE, "--%s '%s': an Ingress host must be a DNS name, not an IP address",
			       flag, value);
	return 0;
}

static int check_url_port(const char *value, const char *flag, struct ls_error *err)
{
	struct address_url url;
	if (!value || !address_parse_url(value, strlen(value), &url) || !url.has_port)
		return 0;
	if (url.port >= 1 && url.port <= 65535)
		return 0;
	return err_set(err, LS_EXIT_USAGE, "--%s '%s': port %ld is outside 1-65535", flag, value, url.port);
}

static int check_parameters(const struct settings *s, struct ls_error *err)
{
	if (check_ingress_host(s->auth_host, "auth-host", err) < 0 ||
	    check_ingress_host(s->api_server_host, "api-server-host", err) < 0 ||
	    check_octets(s->public_address, "public-address", err) < 0 ||
	    check_octets(s->api_server_address, "api-server-address", err) < 0 ||
	    check_url_port(s->api_server_address, "api-server-address", err) < 0)
		return -1;
	if (check_text(address_dns_name, s->auth_host, "auth-host", "a DNS host name", err) < 0 ||
	    check_text(address_dns_name, s->api_server_host, "api-server-host", "a DNS host name", err) < 0 ||
	    check_text(address_dns_name, s->ingress_class, "ingress-class", "an Ingress class name", err) < 0 ||
	    check_text(address_dns_name, s->auth_tls_secret, "auth-tls-secret", "a Secret name", err) < 0 ||
	    check_text(any_address, s->public_address, "public-address", "an IP address or DNS name", err) < 0 ||
	    check_text(api_url, s->api_server_address, "api-server-address", "[https://]HOST[:PORT]", err) < 0)
		return -1;
	return 0;
}

static int set_advertise(struct plan *plan, const struct settings *s, struct ls_error *err)
{
	const char *address = plan->public_address;
	bool bracket = address && strchr(address, ':');
	struct buf text = {0};
	int rc = 0;
	switch (plan->modes[COMP_API_SERVER]) {
	case EXPOSE_INGRESS:
		if (plan->api_server_host) /* else it is reported missing */
			rc = buf_printf(&text, "https://%s", plan->api_server_host);
		break;
	case EXPOSE_PORT_FORWARD:
		if (address)
			rc = buf_printf(&text, "https://%s%s%s:%ld", bracket ? "[" : "", address, bracket ? "]" : "",
				plan->api_server_public_port);
		break;
	default:
		if (s->api_server_address && s->api_server_address[0])
			rc = buf_puts(&text, s->api_server_address);
	}
	if (rc < 0) {
		buf_free(&text);
		return err_set(err, LS_EXIT_IO, "out of memory");
	}
	plan->advertise = text.data;  /* the plan's now */
	return 0;
}

static const char NEEDS_PUBLIC_ADDRESS[] = "port-forwarding needs the NAT's public address";

static void check_service(struct plan *plan, enum component c, const char *node_port_flag, long node_port)
{
	enum exposure mode = plan->modes[c];
	if (mode == EXPOSE_NODEPORT_FORWARDED) {
		need(plan, plan->public_address, "public-address", NEEDS_PUBLIC_ADDRESS);
		need(plan, node_port, node_port_flag, "the NAT router forwards to a fixed node port");
	}
	if (mode == EXPOSE_INGRESS && c == COMP_AUTH)
		need(plan, plan->auth_host, "auth-host", "the auth Ingress needs a host name");
}

static void check_api_server(const struct settings *s, struct plan *plan)
{
	switch (plan->modes[COMP_API_SERVER]) {
	case EXPOSE_PUBLIC_IP:
		need(plan, s->api_server_address, "api-server-address", "the Public IP cell advertises it");
		break;
	case EXPOSE_INGRESS:
		need(plan, plan->api_server_host, "api-server-host", "the API server Ingress needs a host name");
		break;
	case EXPOSE_PORT_FORWARD:
		need(plan, plan->public_address, "public-address", NEEDS_PUBLIC_ADDRESS);
		break;
	default:
		break;
	}
}

static void copy_parameters(const struct settings *s, struct plan *plan)
{
	plan->auth_host = s->auth_host;
	plan->api_server_host = s->api_server_host;
	plan->ingress_class = s->ingress_class;
	plan->auth_tls_secret = s->auth_tls_secret;
	plan->public_address = s->public_address;
	plan->auth_node_port = s->auth_node_port;
	plan->gateway_node_port = s->gateway_node_port;
	plan->auth_public_port = s->auth_public_port ? s->auth_public_port : s->auth_node_port;
	plan->auth_public_port_flag = s->auth_public_port ? "--auth-public-port" : "--auth-node-port";
	plan->api_server_public_port_flag = s->api_server_public_port ? "--api-server-public-port"
								      : "--api-server-public-port (default)";
	plan->gateway_public_port = s->gateway_public_port ? s->gateway_public_port : s->gateway_node_port;
	plan->gateway_port = s->gateway_port;
	plan->api_server_public_port = s->api_server_public_port ? s->api_server_public_port : 6443;
}

/* Which parameter serves which exposure: a parameter given for a cell that
 * does not use it is most likely a mistake in the command, worth a warning. */
static const struct {
	const char *flag;
	size_t offset;
	bool number;
	enum component component;
	unsigned exposures; /* bit per enum exposure */
} parameter_uses[] = {
#define BIT(e) (1u << (e))
#define TEXT_FIELD(f) offsetof(struct settings, f), false
#define NUMBER_FIELD(f) offsetof(struct settings, f), true
	{"auth-host", TEXT_FIELD(auth_host), COMP_AUTH, BIT(EXPOSE_INGRESS)},
	{"auth-tls-secret", TEXT_FIELD(auth_tls_secret), COMP_AUTH, BIT(EXPOSE_INGRESS)},
	{"api-server-host", TEXT_FIELD(api_server_host), COMP_API_SERVER, BIT(EXPOSE_INGRESS)},
	{"auth-node-port", NUMBER_FIELD(auth_node_port), COMP_AUTH, BIT(EXPOSE_NODEPORT) | BIT(EXPOSE_NODEPORT_FORWARDED)},
	{"auth-public-port", NUMBER_FIELD(auth_public_port), COMP_AUTH, BIT(EXPOSE_NODEPORT_FORWARDED)},
	{"gateway-node-port", NUMBER_FIELD(gateway_node_port), COMP_GATEWAY, BIT(EXPOSE_NODEPORT) | BIT(EXPOSE_NODEPORT_FORWARDED)},
	{"gateway-public-port", NUMBER_FIELD(gateway_public_port), COMP_GATEWAY, BIT(EXPOSE_NODEPORT_FORWARDED)},
	{"api-server-public-port", NUMBER_FIELD(api_server_public_port), COMP_API_SERVER, BIT(EXPOSE_PORT_FORWARD)},
	{"api-server-address", TEXT_FIELD(api_server_address), COMP_API_SERVER,
	 BIT(EXPOSE_PROVIDED) | BIT(EXPOSE_EXPOSED) | BIT(EXPOSE_PUBLIC_IP)},
};

static bool parameter_given(const struct settings *s, size_t i)
{
	const char *field = (const char *)s + parameter_uses[i].offset;
	return parameter_uses[i].number ? *(const long *)field != 0 : *(const char *const *)field != NULL;
}

/* The gateway port is chosen per peering only where each peering makes its
 * own gateway Service; a rendered gateway Service keeps the chart's port. */
static int warn_gateway_port(const struct settings *s, const struct plan *plan, struct buf *notes)
{
	if (!s->gateway_port || plan->gen->components[COMP_GATEWAY].per_peering)
		return 0;
	return note_printf(notes, "--gateway-port has no effect on %s: its gateway Service is in the render and "
			  "keeps the port the chart gives it\n", plan->gen->name);
}

static int warn_unused(const struct settings *s, const struct plan *plan, struct buf *notes)
{
	bool has_auth = generation_has(plan->gen, COMP_AUTH);
	int rc = 0;
	if (s->auth && !has_auth)
		rc |= note_printf(notes, "--auth has no effect: %s\n", plan->gen->components[COMP_AUTH].absent);
	for (size_t i = 0; i < sizeof(parameter_uses) / sizeof(parameter_uses[0]); i++) {
		enum component c = parameter_uses[i].component;
		if (!parameter_given(s, i))
			continue;
		if (!generation_has(plan->gen, c))
			rc |= note_printf(notes, "--%s has no effect: %s\n", parameter_uses[i].flag,
					 plan->gen->components[c].absent);
		else if (!(parameter_uses[i].exposures & BIT(plan->modes[c])))
			rc |= note_printf(notes, "--%s has no effect: the %s is %s\n", parameter_uses[i].flag,
					 component_title(c), exposure_title(plan->modes[c]));
	}
	bool auth_ingress = has_auth && plan->modes[COMP_AUTH] == EXPOSE_INGRESS;
	bool ingress = auth_ingress || plan->modes[COMP_API_SERVER] == EXPOSE_INGRESS;
	if (s->ingress_class && !ingress)
		rc |= note_printf(notes, "--ingress-class has no effect: no Ingress in this scenario\n");
	bool forwarded = (has_auth && plan->modes[COMP_AUTH] == EXPOSE_NODEPORT_FORWARDED) ||
			 plan->modes[COMP_GATEWAY] == EXPOSE_NODEPORT_FORWARDED ||
			 plan->modes[COMP_API_SERVER] == EXPOSE_PORT_FORWARD;
	if (s->public_address && !forwarded)
		rc |= note_printf(notes, "--public-address has no effect: nothing is port-forwarded in this scenario\n");
	return rc | warn_gateway_port(s, plan, notes);
}

/* Every generation: without an address, Liqo advertises the first
 * control-plane node's, which a managed cloud cluster does not have. */
static int warn_provided_without_address(const struct plan *plan, struct buf *notes)
{
	if (plan->modes[COMP_API_SERVER] != EXPOSE_PROVIDED || plan->advertise)
		return 0;
	return note_printf(notes, "the API server is Provided and no --api-server-address is given: Liqo then "
			   "advertises the first control-plane node's address on port 6443, which a managed cloud "
			   "cluster does not have; pass the cluster's API endpoint (the server URL of its kubeconfig)\n");
}

int plan_resolve(const struct settings *s, const struct profile_set *profiles,
		 struct plan *plan, struct buf *notes, struct ls_error *err)
{
	memset(plan, 0, sizeof(*plan));
	if (!s->profile)
		return err_set(err, LS_EXIT_USAGE, "--profile is required (see --list-profiles)");
	plan->profile = profiles_find(profiles, s->profile);
	const char *meant = plan->profile ? NULL : profiles_nearest(profiles, s->profile);
	if (!plan->profile)
		return err_set(err, LS_EXIT_USAGE, "--profile %s: no such profile%s%s%s (see --list-profiles)", s->profile,
			       meant ? "; did you mean " : "", meant ? meant : "", meant ? "?" : "");
	if (select_column(s, plan->profile, plan, err) < 0 || check_parameters(s, err) < 0)
		return -1;
	const struct column *col = &plan->profile->columns[plan->column];
	const char *wanted[COMP_COUNT] = {NULL, s->api_server, s->gateway};
	const char *flags[COMP_COUNT] = {"auth", "api-server", "gateway"};
	for (enum component c = 0; c < COMP_COUNT; c++)
		if (choose(&col->cells[c], c, wanted[c], flags[c], &plan->modes[c], err) < 0)
			return -1;
	copy_parameters(s, plan);
	/* What the gateway and API server cells lack is reported with what the
	 * auth cell lacks, once plan_settle knows whether there is an auth server. */
	check_service(plan, COMP_GATEWAY, "gateway-node-port", plan->gateway_node_port);
	check_api_server(s, plan);
	if (set_advertise(plan, s, err) < 0)
		return -1;
	return warn_provided_without_address(plan, notes) < 0 ? err_set(err, LS_EXIT_IO, "out of memory") : 0;
}

void plan_free(struct plan *plan)
{
	free(plan->advertise);
	plan->advertise = NULL;
}

/* Whether [scheme://]HOST[:PORT] (HOST maybe [IPv6]) names a port. */
static bool url_has_port(const char *url)
{
	const char *scheme = strstr(url, "://");
	const char *host = scheme ? scheme + 3 : url;
	const char *close = host[0] == '[' ? strchr(host, ']') : NULL;
	return close ? close[1] == ':' : strchr(host, ':') != NULL;
}

/* The address as the generation reads it, so what is written is what
 * peers get; a host without a port is dialled on HTTPS's 443, which is
 * right for a managed endpoint but not for a kube-apiserver of our own. */
static int read_as_liqo_does(const struct settings *s, struct plan *plan, struct buf *notes, struct ls_error *err)
{
	const char *scheme = plan->gen->api_server_address.implied_scheme;
	if (!plan->advertise || !scheme)
		return 0;
	if (strncmp(plan->advertise, scheme, strlen(scheme)) != 0) {
		struct buf text = {0};
		if (buf_printf(&text, "%s%s", scheme, plan->advertise) < 0) {
			buf_free(&text);
			return err_set(err, LS_EXIT_IO, "out of memory");
		}
		free(plan->advertise);
		plan->advertise = text.data;
	}
	enum exposure mode = plan->modes[COMP_API_SERVER];
	bool own_server = mode == EXPOSE_PUBLIC_IP || mode == EXPOSE_EXPOSED || mode == EXPOSE_PORT_FORWARD;
	if (!own_server || url_has_port(plan->advertise))
		return 0;
	if (note_printf(notes, "--api-server-address %s has no port: %s reads it as %s and peers dial port 443, "
		       "not the 6443 a kube-apiserver listens on; give the port (%s:6443) unless the API server "
		       "is reached on 443\n", s->api_server_address, plan->gen->name, plan->advertise,
		       plan->advertise) < 0)
		return err_set(err, LS_EXIT_IO, "out of memory");
	return 0;
}

int plan_settle(const struct settings *s, struct plan *plan, const struct generation *gen, struct buf *notes,
		struct ls_error *err)
{
	const struct cell *auth = &plan->profile->columns[plan->column].cells[COMP_AUTH];
	plan->gen = gen;
	if (read_as_liqo_does(s, plan, notes, err) < 0)
		return -1;
	if (generation_has(gen, COMP_AUTH)) {
		if (choose(auth, COMP_AUTH, s->auth, "auth", &plan->modes[COMP_AUTH], err) < 0)
			return -1;
		check_service(plan, COMP_AUTH, "auth-node-port", plan->auth_node_port);
	}
	if (report_missing(plan, err) < 0)
		return -1;
	return warn_unused(s, plan, notes) < 0 ? err_set(err, LS_EXIT_IO, "out of memory") : 0;
}

static bool pins_node_port(const struct plan *plan, enum component c)
{
	return plan->modes[c] == EXPOSE_NODEPORT || plan->modes[c] == EXPOSE_NODEPORT_FORWARDED;
}

int plan_check_conflicts(const struct plan *plan, struct ls_error *err)
{
	if (!generation_has(plan->gen, COMP_AUTH))
		return 0;
	if (pins_node_port(plan, COMP_AUTH) && pins_node_port(plan, COMP_GATEWAY) && plan->auth_node_port &&
	    plan->auth_node_port == plan->gateway_node_port)
		return err_set(err, LS_EXIT_USAGE, "--auth-node-port and --gateway-node-port are both %ld: "
			       "two Services cannot share a node port, whatever their protocols", plan->auth_node_port);
	if (plan->modes[COMP_AUTH] == EXPOSE_NODEPORT_FORWARDED && plan->modes[COMP_API_SERVER] == EXPOSE_PORT_FORWARD &&
	    plan->auth_public_port == plan->api_server_public_port)
		return err_set(err, LS_EXIT_USAGE, "%s and %s are both %ld: the router cannot forward TCP port %ld of %s "
			       "to the auth server and to the API server", plan->auth_public_port_flag,
			       plan->api_server_public_port_flag, plan->auth_public_port, plan->auth_public_port,
			       plan->public_address);
	if (plan->modes[COMP_AUTH] == EXPOSE_INGRESS && plan->modes[COMP_API_SERVER] == EXPOSE_INGRESS &&
	    strcasecmp(plan->auth_host, plan->api_server_host) == 0)
		return err_set(err, LS_EXIT_USAGE, "--auth-host and --api-server-host are both %s: the auth Ingress and "
			       "the API server Ingress (TLS passthrough) cannot share a host", plan->auth_host);
	return 0;
}
