/* See loadbalancer.h. */
#include "loadbalancer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "escape.h"
#include "text.h"
#include "yamlquery.h"
#include "yamlquote.h"

static const char DEFAULT_RANGE_ORIGIN[] = "Kubernetes' default; --node-port-range sets the cluster's";

/* ---- checking the values ---- */

static bool is_ip(const char *text)
{
	return text && address_ip(text, strlen(text)) != ADDRESS_INVALID;
}

static bool is_cidr(const char *text, size_t len)
{
	const char *slash = memchr(text, '/', len);
	size_t digits = slash ? len - (size_t)(slash + 1 - text) : 0;
	if (!slash || digits == 0 || digits > 3)
		return false;
	long prefix = 0;
	for (size_t i = 0; i < digits; i++) {
		if (slash[1 + i] < '0' || slash[1 + i] > '9')
			return false;
		prefix = prefix * 10 + (slash[1 + i] - '0');
	}
	enum address_kind kind = address_ip(text, (size_t)(slash - text));
	return (kind == ADDRESS_IPV4 && prefix <= 32) || (kind == ADDRESS_IPV6 && prefix <= 128);
}

static bool name_char(char c, bool edge)
{
	bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return alnum || (!edge && (c == '-' || c == '_' || c == '.'));
}

/* A Kubernetes qualified name, as annotation keys and load-balancer classes
 * are: an optional DNS-subdomain prefix and `/`, then a name of at most 63
 * characters that starts and ends alphanumeric. */
static bool qualified_name(const char *text, size_t len)
{
	const char *slash = memchr(text, '/', len);
	const char *name = slash ? slash + 1 : text;
	size_t name_len = len - (size_t)(name - text);
	if (slash && (slash == text || (size_t)(slash - text) > 253 || memchr(name, '/', name_len)))
		return false;
	if (slash && !address_dns_name(text, (size_t)(slash - text)))
		return false;
	if (name_len == 0 || name_len > 63 || !name_char(name[0], true) || !name_char(name[name_len - 1], true))
		return false;
	for (size_t i = 0; i < name_len; i++)
		if (!name_char(name[i], false))
			return false;
	return true;
}

static int bad(struct ls_error *err, const char *flag, const char *value, const char *what)
{
	return err_set(err, LS_EXIT_USAGE, "--%s '%s': %s", flag, value, what);
}

static int check_source_ranges(struct lb_settings *lb, struct ls_error *err)
{
	const char *text = lb->s->source_ranges;
	if (!text)
		return 0;
	int rc = 0;
	for (const char *from = text;; ) {
		size_t len = strcspn(from, ",");
		const char *sep = from == text ? "[" : ", ";
		if (!is_cidr(from, len))
			return bad(err, "load-balancer-source-ranges", text, "not a comma-separated list of CIDRs (203.0.113.0/24)");
		rc |= buf_printf(&lb->source_ranges, "%s%.*s", sep, (int)len, from);
		rc |= buf_printf(&lb->source_ranges_yaml, "%s\"%.*s\"", sep, (int)len, from);
		if (!from[len])
			break;
		from += len + 1;
	}
	rc |= buf_puts(&lb->source_ranges, "]") | buf_puts(&lb->source_ranges_yaml, "]");
	return rc < 0 ? err_set(err, LS_EXIT_IO, "out of memory") : 0;
}

/* A key given again keeps its place and takes the new value. Returns -1
 * when memory is exhausted. */
static int add_annotation(struct lb_service *svc, const char *key, size_t key_len, const char *value,
			  const char *why)
{
	size_t i = 0;
	while (i < svc->annotation_count && (strlen(svc->annotations[i].key) != key_len ||
					     strncmp(svc->annotations[i].key, key, key_len) != 0))
		i++;
	if (i == svc->annotation_cap) {
		size_t cap = svc->annotation_cap ? 2 * svc->annotation_cap : 8;
		struct lb_annotation *grown = realloc(svc->annotations, cap * sizeof(*grown));
		if (!grown)
			return -1;
		svc->annotations = grown, svc->annotation_cap = cap;
	}
	struct lb_annotation *a = &svc->annotations[i];
	if (i == svc->annotation_count) {
		a->key = strndup(key, key_len);
		if (!a->key)
			return -1;
		svc->annotation_count++;
	}
	a->value = value;
	a->why = why;
	return 0;
}

/* Annotations the scenario derives from the cells itself: a flag setting
 * them would fight the cell. */
static const char *const derived_keys[] = {
	"liqo.io/override-address", "liqo.io/override-port", "traefik.ingress.kubernetes.io/service.serversscheme",
};

static bool derived_key(const char *key, size_t len)
{
	for (size_t i = 0; i < sizeof(derived_keys) / sizeof(derived_keys[0]); i++)
		if (strlen(derived_keys[i]) == len && strncmp(derived_keys[i], key, len) == 0)
			return true;
	return false;
}

static int check_annotations(const struct text_list *list, const char *flag,
			     struct ls_error *err)
{
	for (size_t i = 0; i < list->count; i++) {
		const char *item = list->items[i], *equals = strchr(item, '=');
		if (!equals)
			return bad(err, flag, item, "not KEY=VALUE");
		if (derived_key(item, (size_t)(equals - item)))
			return bad(err, flag, item, "the scenario derives this annotation from the cells");
		if (!qualified_name(item, (size_t)(equals - item)))
			return bad(err, flag, item, "the key is not an annotation key (prefix/name, a name of at most 63 "
				   "letters, digits, '-', '_' or '.')");
		struct ls_error text_err = {0};
		if (text_check(flag, equals + 1, strlen(equals + 1), &text_err) < 0)
			return bad(err, flag, item, "the value is not UTF-8 text of printable characters");
	}
	return 0;
}

static int check_values(const struct settings *s, struct ls_error *err)
{
	const struct { const char *flag, *value; } ips[] = {
		{"auth-load-balancer-ip", s->auth_load_balancer_ip},
		{"gateway-load-balancer-ip", s->gateway_load_balancer_ip},
		{"shared-load-balancer-ip", s->shared_load_balancer_ip},
	};
	for (size_t i = 0; i < sizeof(ips) / sizeof(ips[0]); i++)
		if (ips[i].value && !is_ip(ips[i].value))
			return bad(err, ips[i].flag, ips[i].value, "not an IPv4 or IPv6 address");
	if (s->allocate_node_ports && strcmp(s->allocate_node_ports, "true") && strcmp(s->allocate_node_ports, "false"))
		return bad(err, "allocate-load-balancer-node-ports", s->allocate_node_ports, "must be true or false");
	if (s->traffic_policy && strcmp(s->traffic_policy, "Cluster") && strcmp(s->traffic_policy, "Local"))
		return bad(err, "external-traffic-policy", s->traffic_policy, "must be Cluster or Local");
	if (s->load_balancer_class && !qualified_name(s->load_balancer_class, strlen(s->load_balancer_class)))
		return bad(err, "load-balancer-class", s->load_balancer_class, "not a class name (prefix/name)");
	if (s->auth_tls_issuer && !address_dns_name(s->auth_tls_issuer, strlen(s->auth_tls_issuer)))
		return bad(err, "auth-tls-issuer", s->auth_tls_issuer, "not a ClusterIssuer name");
	if (check_annotations(&s->auth_annotations, "auth-annotation", err) < 0 ||
	    check_annotations(&s->gateway_annotations, "gateway-annotation", err) < 0)
		return -1;
	return 0;
}

static int check_node_port(const struct lb_settings *lb, const char *flag, long port, struct ls_error *err)
{
	if (!port || (port >= lb->node_port_min && port <= lb->node_port_max))
		return 0;
	return err_set(err, LS_EXIT_USAGE, "--%s %ld: outside the node-port range %ld-%ld (%s)", flag, port,
		       lb->node_port_min, lb->node_port_max, lb->range_origin);
}

static int set_range(const struct settings *s, struct lb_settings *lb, struct ls_error *err)
{
	lb->node_port_min = 30000;
	lb->node_port_max = 32767;
	lb->range_origin = DEFAULT_RANGE_ORIGIN;
	if (s->node_port_range) {
		if (!provider_parse_range(s->node_port_range, &lb->node_port_min, &lb->node_port_max))
			return bad(err, "node-port-range", s->node_port_range, "not MIN-MAX (1 <= MIN <= MAX <= 65535)");
		lb->range_origin = "--node-port-range";
	} else if (lb->has_provider) {
		lb->node_port_min = lb->provider.node_port_min;
		lb->node_port_max = lb->provider.node_port_max;
		lb->range_origin = "the default of --provider's platform; --node-port-range sets the cluster's";
	}
	if (check_node_port(lb, "auth-node-port", s->auth_node_port, err) < 0 ||
	    check_node_port(lb, "gateway-node-port", s->gateway_node_port, err) < 0)
		return -1;
	return 0;
}

static int check_shared(const struct settings *s, struct lb_settings *lb, struct ls_error *err)
{
	const char *ip = s->shared_load_balancer_ip;
	if (!ip)
		return 0;
	const struct provider *p = &lb->provider;
	if (!lb->has_provider || !p->shared_ip_annotation)
		return err_set(err, LS_EXIT_USAGE, "--shared-load-balancer-ip: the provider %s has no way to put two "
			       "Services on one load-balancer IP (metallb has one; see --provider)",
			       lb->has_provider ? p->name : "generic (no --provider)");
	if (p->shared_ip_policy && s->traffic_policy && strcmp(s->traffic_policy, p->shared_ip_policy) != 0)
		return err_set(err, LS_EXIT_USAGE, "--shared-load-balancer-ip with --external-traffic-policy %s: %s shares "
			       "an IP only between Services with externalTrafficPolicy %s", s->traffic_policy, p->title,
			       p->shared_ip_policy);
	const struct { const char *flag, *value; } own[] = {
		{"--auth-load-balancer-ip", s->auth_load_balancer_ip},
		{"--gateway-load-balancer-ip", s->gateway_load_balancer_ip},
	};
	for (size_t i = 0; i < 2; i++)
		if (own[i].value && strcmp(own[i].value, ip) != 0)
			return err_set(err, LS_EXIT_USAGE, "--shared-load-balancer-ip %s and %s %s: one Service cannot have "
				       "two load-balancer IPs", ip, own[i].flag, own[i].value);
	return 0;
}

int lb_resolve(const struct settings *s, struct lb_settings *lb, struct ls_error *err)
{
	memset(lb, 0, sizeof(*lb));
	lb->s = s;
	if (check_values(s, err) < 0 || check_source_ranges(lb, err) < 0)
		return -1;
	if (s->provider) {
		if (provider_load(s->provider, &lb->provider, err) < 0)
			return -1;
		lb->has_provider = true;
	}
	return set_range(s, lb, err);
}

static void lb_service_free(struct lb_service *svc)
{
	for (size_t i = 0; i < svc->annotation_count; i++)
		free(svc->annotations[i].key);
	free(svc->annotations);
	svc->annotations = NULL;
	svc->annotation_count = svc->annotation_cap = 0;
}

void lb_free(struct lb_settings *lb)
{
	lb_service_free(&lb->auth);
	lb_service_free(&lb->gateway);
	struct buf *texts[] = {&lb->source_ranges, &lb->source_ranges_yaml, &lb->preset_why, &lb->shared_why,
			       &lb->auth_why, &lb->gateway_why};
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		buf_free(texts[i]);
	/* Also after a preset that failed to parse: it holds its document. */
	provider_free(&lb->provider);
	lb->has_provider = false;
}

/* ---- what applies, once the version and the cells are known ---- */

/* why: where the flag's annotations come from, written once for them all. */
static int collect_annotations(struct lb_settings *lb, struct lb_service *svc, const struct text_list *flags,
			       const struct provider_annotation *preset, size_t preset_count, const char *flag,
			       struct buf *why)
{
	if (!lb->preset_why.len &&
	    buf_printf(&lb->preset_why, "(--provider %s sets it)", lb->has_provider ? lb->provider.name : "") < 0)
		return -1;
	for (size_t i = 0; i < preset_count; i++)
		if (add_annotation(svc, preset[i].key, strlen(preset[i].key), preset[i].value, lb->preset_why.data) < 0)
			return -1;
	if (buf_printf(why, "(--%s sets it)", flag) < 0)
		return -1;
	for (size_t i = 0; i < flags->count; i++) {
		const char *equals = strchr(flags->items[i], '=');
		if (add_annotation(svc, flags->items[i], (size_t)(equals - flags->items[i]), equals + 1, why->data) < 0)
			return -1;
	}
	return 0;
}

static int warn_no_effect(struct buf *notes, const char *flag, const char *why)
{
	return note_printf(notes, "--%s has no effect: %s\n", flag, why);
}

static int warn_service_flags(struct lb_settings *lb, const struct plan *plan, struct buf *notes)
{
	const struct settings *s = lb->s;
	const struct generation *gen = plan->gen;
	bool has_auth = generation_has(gen, COMP_AUTH);
	bool auth_lb = has_auth && plan->modes[COMP_AUTH] == EXPOSE_LOADBALANCER;
	bool gateway_lb = plan->modes[COMP_GATEWAY] == EXPOSE_LOADBALANCER;
	const char *no_auth = gen->components[COMP_AUTH].absent;
	int rc = 0;
	char why[160];
	snprintf(why, sizeof(why), "the Auth Server is %s", exposure_title(plan->modes[COMP_AUTH]));
	if (s->auth_load_balancer_ip && !auth_lb)
		rc |= warn_no_effect(notes, "auth-load-balancer-ip", has_auth ? why : no_auth);
	if (s->auth_annotations.count && !has_auth)
		rc |= warn_no_effect(notes, "auth-annotation", no_auth);
	if (s->auth_tls_issuer && !(has_auth && plan->modes[COMP_AUTH] == EXPOSE_INGRESS))
		rc |= warn_no_effect(notes, "auth-tls-issuer", has_auth ? "the auth server is not behind an Ingress" : no_auth);
	if (s->gateway_load_balancer_ip && !gateway_lb)
		rc |= note_printf(notes, "--gateway-load-balancer-ip has no effect: the Network gateway is %s\n",
				 exposure_title(plan->modes[COMP_GATEWAY]));
	if (s->shared_load_balancer_ip && !has_auth)
		rc |= note_printf(notes, "--shared-load-balancer-ip has no effect: %s has no auth Service to share the gateway's "
				 "IP with\n", gen->name);
	else if (s->shared_load_balancer_ip && !(auth_lb && gateway_lb))
		rc |= warn_no_effect(notes, "shared-load-balancer-ip", "the auth server and the gateway are not both LoadBalancer");
	bool lb_only = s->allocate_node_ports || s->source_ranges || s->load_balancer_class;
	if (lb_only && !auth_lb && !gateway_lb)
		rc |= note_printf(notes, "the load-balancer settings (--allocate-load-balancer-node-ports, "
				 "--load-balancer-source-ranges, --load-balancer-class) have no effect: no cell of this "
				 "scenario makes a LoadBalancer Service\n");
	/* A gateway Service is always LoadBalancer or NodePort, which both take
	 * a traffic policy. Liqo copies every ServiceSpec field of the template
	 * into each peering's Service; writing the template's fields only for a
	 * LoadBalancer gateway is this program's rule (lbedit.c), so that one
	 * template serves the NodePort peerings a cell of another type hosts. */
	if (s->traffic_policy && gen->components[COMP_GATEWAY].per_peering && !gateway_lb)
		rc |= warn_no_effect(notes, "external-traffic-policy", "this program writes the gateway server "
				     "template's Service fields only for a LoadBalancer gateway (Liqo itself would copy "
				     "any field of the template into every peering's Service)");
	return rc;
}

static int warn_platform(const struct lb_settings *lb, const struct plan *plan, struct buf *notes)
{
	const struct provider *p = &lb->provider;
	if (!lb->has_provider || p->load_balancers)
		return 0;
	int rc = 0;
	for (enum component c = COMP_AUTH; c < COMP_COUNT; c++)
		if (c != COMP_API_SERVER && generation_has(plan->gen, c) && plan->modes[c] == EXPOSE_LOADBALANCER)
			rc |= note_printf(notes, "the %s cell is LoadBalancer, but %s\n", component_title(c), p->no_load_balancer);
	return rc;
}

/* The annotations each Service gets: the preset's, then the flags' (a key
 * given twice keeps the last value), then the shared-IP key. Only memory
 * can run out. */
static int settle_annotations(struct lb_settings *lb, const struct provider_release *r)
{
	const struct settings *s = lb->s;
	static const struct provider_annotation none[1] = {{NULL, NULL}};
	if (collect_annotations(lb, &lb->auth, &s->auth_annotations, r ? r->auth : none, r ? r->auth_count : 0,
				"auth-annotation", &lb->auth_why) < 0 ||
	    collect_annotations(lb, &lb->gateway, &s->gateway_annotations, r ? r->gateway : none,
				r ? r->gateway_count : 0, "gateway-annotation", &lb->gateway_why) < 0)
		return -1;
	if (!lb->shared)
		return 0;
	const struct provider *p = &lb->provider;
	size_t len = strlen(p->shared_ip_annotation);
	if (buf_printf(&lb->shared_why, "(--shared-load-balancer-ip with --provider %s sets it)", p->name) < 0 ||
	    add_annotation(&lb->auth, p->shared_ip_annotation, len, p->shared_ip_key, lb->shared_why.data) < 0 ||
	    add_annotation(&lb->gateway, p->shared_ip_annotation, len, p->shared_ip_key, lb->shared_why.data) < 0)
		return -1;
	return 0;
}

int lb_settle(struct lb_settings *lb, const struct plan *plan, struct liqo_version v, struct buf *notes,
	      struct ls_error *err)
{
	const struct settings *s = lb->s;
	bool has_auth = generation_has(plan->gen, COMP_AUTH);
	/* Without an auth Service there is nothing to share an IP with: only a warning there. */
	if (has_auth && check_shared(s, lb, err) < 0)
		return -1;
	lb->release = lb->has_provider ? provider_release_for(&lb->provider, v) : NULL;
	if (lb->release && lb->release->note &&
	    note_printf(notes, "--provider %s: %s\n", lb->provider.name, lb->release->note) < 0)
		return err_set(err, LS_EXIT_IO, "out of memory");
	bool gateway_lb = plan->modes[COMP_GATEWAY] == EXPOSE_LOADBALANCER;
	lb->shared = s->shared_load_balancer_ip && has_auth && gateway_lb && plan->modes[COMP_AUTH] == EXPOSE_LOADBALANCER;
	if (settle_annotations(lb, lb->release) < 0)
		return err_set(err, LS_EXIT_IO, "out of memory");
	lb->auth.ip = lb->shared ? s->shared_load_balancer_ip : s->auth_load_balancer_ip;
	lb->auth.ip_flag = lb->shared ? "--shared-load-balancer-ip" : "--auth-load-balancer-ip";
	lb->gateway.ip = lb->shared ? s->shared_load_balancer_ip : s->gateway_load_balancer_ip;
	lb->gateway.ip_flag = lb->shared ? "--shared-load-balancer-ip" : "--gateway-load-balancer-ip";
	if (plan->gen->components[COMP_GATEWAY].per_peering && gateway_lb)
		lb->peering_gateway_ip = s->gateway_load_balancer_ip;
	if (warn_service_flags(lb, plan, notes) < 0 || warn_platform(lb, plan, notes) < 0)
		return err_set(err, LS_EXIT_IO, "out of memory");
	return 0;
}

const struct lb_service *lb_service_of(const struct lb_settings *lb, enum slot slot)
{
	if (!lb)
		return NULL;
	if (slot == SLOT_AUTH_SERVICE)
		return &lb->auth;
	return slot == SLOT_GATEWAY_SERVICE || slot == SLOT_GATEWAY_TEMPLATE ? &lb->gateway : NULL;
}

const char *lb_traffic_policy(const struct lb_settings *lb, const struct ynode *spec, const char *type)
{
	if (lb && lb->s->traffic_policy && (strcmp(type, "LoadBalancer") == 0 || strcmp(type, "NodePort") == 0))
		return lb->s->traffic_policy;
	const struct ynode *current = ymap_get(spec, "externalTrafficPolicy");
	return current && current->kind == YN_SCALAR ? current->text : "";
}

void lb_fields(const struct lb_settings *lb, const struct lb_service *svc, struct lb_field *out)
{
	const struct settings *s = lb->s;
	out[0] = (struct lb_field){"externalTrafficPolicy", "--external-traffic-policy", s->traffic_policy, NULL};
	out[1] = (struct lb_field){"loadBalancerIP", svc ? svc->ip_flag : NULL, svc ? svc->ip : NULL, NULL};
	out[2] = (struct lb_field){"allocateLoadBalancerNodePorts", "--allocate-load-balancer-node-ports",
				   s->allocate_node_ports, NULL};
	out[3] = (struct lb_field){"loadBalancerSourceRanges", "--load-balancer-source-ranges",
				   lb->source_ranges.len ? lb->source_ranges.data : NULL, lb->source_ranges_yaml.data};
	out[4] = (struct lb_field){"loadBalancerClass", "--load-balancer-class", s->load_balancer_class, NULL};
}
