/* See loadbalancer.h. */
#include "loadbalancer.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario.h"
#include "text.h"
#include "yamlquery.h"
#include "yamlquote.h"

static const char DEFAULT_RANGE_ORIGIN[] = "Kubernetes' default; --node-port-range sets the cluster's";

/* ---- checking the values ---- */

static bool is_ip(const char *text)
{
	unsigned char bytes[16];
	return text && (inet_pton(AF_INET, text, bytes) == 1 || inet_pton(AF_INET6, text, bytes) == 1);
}

static bool is_cidr(const char *text, size_t len)
{
	char copy[64];
	if (len == 0 || len >= sizeof(copy))
		return false;
	memcpy(copy, text, len);
	copy[len] = '\0';
	char *slash = strchr(copy, '/');
	if (!slash || !slash[1] || strspn(slash + 1, "0123456789") != strlen(slash + 1) || strlen(slash + 1) > 3)
		return false;
	*slash = '\0';
	unsigned char bytes[16];
	long prefix = strtol(slash + 1, NULL, 10);
	if (inet_pton(AF_INET, copy, bytes) == 1)
		return prefix <= 32;
	return inet_pton(AF_INET6, copy, bytes) == 1 && prefix <= 128;
}

static bool name_char(char c, bool edge)
{
	bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
	return alnum || (!edge && (c == '-' || c == '_' || c == '.'));
}

/* A Kubernetes qualified name, as annotation keys and load-balancer classes
 * are: an optional DNS-subdomain prefix and `/`, then a name of at most 63
 * characters that starts and ends alphanumeric. */
static bool qualified_name(struct patterns *pat, const char *text, size_t len)
{
	const char *slash = memchr(text, '/', len);
	const char *name = slash ? slash + 1 : text;
	size_t name_len = len - (size_t)(name - text);
	if (slash && (slash == text || (size_t)(slash - text) > 253 || memchr(name, '/', name_len)))
		return false;
	if (slash) {
		char prefix[256];
		snprintf(prefix, sizeof(prefix), "%.*s", (int)(slash - text), text);
		if (!patterns_match(pat, PAT_HOST, prefix, strlen(prefix), NULL, 0))
			return false;
	}
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
	size_t shown = 0, written = 0;
	if (!text)
		return 0;
	char *out = lb->source_ranges, *yaml = lb->source_ranges_yaml;
	size_t out_size = sizeof(lb->source_ranges), yaml_size = sizeof(lb->source_ranges_yaml);
	for (const char *from = text;; ) {
		size_t len = strcspn(from, ",");
		bool first = from == text;
		if (!is_cidr(from, len))
			return bad(err, "load-balancer-source-ranges", text, "not a comma-separated list of CIDRs (203.0.113.0/24)");
		if (shown + len + 6 >= out_size || written + len + 8 >= yaml_size)
			return bad(err, "load-balancer-source-ranges", text, "too long");
		shown += (size_t)snprintf(out + shown, out_size - shown, "%s%.*s", first ? "[" : ", ", (int)len, from);
		written += (size_t)snprintf(yaml + written, yaml_size - written, "%s\"%.*s\"", first ? "[" : ", ",
					    (int)len, from);
		if (!from[len])
			break;
		from += len + 1;
	}
	snprintf(out + shown, out_size - shown, "]");
	snprintf(yaml + written, yaml_size - written, "]");
	return 0;
}

/* -1 when the Service has too many, -2 when memory is exhausted. */
static int add_annotation(struct lb_service *svc, const char *key, size_t key_len, const char *value,
			  const char *why)
{
	size_t i = 0;
	while (i < svc->annotation_count && (strlen(svc->annotations[i].key) != key_len ||
					     strncmp(svc->annotations[i].key, key, key_len) != 0))
		i++;
	if (i == LB_MAX_ANNOTATIONS)
		return -1;
	struct lb_annotation *a = &svc->annotations[i];
	if (i == svc->annotation_count) {
		a->key = strndup(key, key_len);
		if (!a->key)
			return -2;
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

static int check_annotations(struct patterns *pat, const struct text_list *list, const char *flag,
			     struct ls_error *err)
{
	for (size_t i = 0; i < list->count; i++) {
		const char *item = list->items[i], *equals = strchr(item, '=');
		if (!equals)
			return bad(err, flag, item, "not KEY=VALUE");
		if (derived_key(item, (size_t)(equals - item)))
			return bad(err, flag, item, "the scenario derives this annotation from the cells");
		if (!qualified_name(pat, item, (size_t)(equals - item)))
			return bad(err, flag, item, "the key is not an annotation key (prefix/name, a name of at most 63 "
				   "letters, digits, '-', '_' or '.')");
		if (strlen(equals + 1) >= LB_TEXT_MAX)
			return bad(err, flag, item, "the value is too long");
		struct ls_error text_err = {0};
		if (text_check(flag, equals + 1, strlen(equals + 1), &text_err) < 0)
			return bad(err, flag, item, "the value is not UTF-8 text of printable characters");
	}
	return 0;
}

static int check_values(const struct settings *s, struct patterns *pat, struct ls_error *err)
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
	if (s->load_balancer_class && !qualified_name(pat, s->load_balancer_class, strlen(s->load_balancer_class)))
		return bad(err, "load-balancer-class", s->load_balancer_class, "not a class name (prefix/name)");
	if (s->auth_tls_issuer && !patterns_match(pat, PAT_HOST, s->auth_tls_issuer, strlen(s->auth_tls_issuer), NULL, 0))
		return bad(err, "auth-tls-issuer", s->auth_tls_issuer, "not a ClusterIssuer name");
	if (check_annotations(pat, &s->auth_annotations, "auth-annotation", err) < 0 ||
	    check_annotations(pat, &s->gateway_annotations, "gateway-annotation", err) < 0)
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

int lb_resolve(const struct settings *s, struct patterns *pat, struct lb_settings *lb, struct ls_error *err)
{
	memset(lb, 0, sizeof(*lb));
	lb->s = s;
	if (check_values(s, pat, err) < 0 || check_source_ranges(lb, err) < 0)
		return -1;
	if (s->provider) {
		if (provider_load(s->provider, &lb->provider, err) < 0)
			return -1;
		lb->has_provider = true;
	}
	return set_range(s, lb, err);
}

void lb_free(struct lb_settings *lb)
{
	for (size_t i = 0; i < lb->auth.annotation_count; i++)
		free(lb->auth.annotations[i].key);
	for (size_t i = 0; i < lb->gateway.annotation_count; i++)
		free(lb->gateway.annotations[i].key);
	lb->auth.annotation_count = lb->gateway.annotation_count = 0;
	/* Also after a preset that failed to parse: it holds its document. */
	provider_free(&lb->provider);
	lb->has_provider = false;
}

/* ---- what applies, once the version and the cells are known ---- */

static int collect_annotations(struct lb_settings *lb, struct lb_service *svc, const struct text_list *flags,
			       const struct provider_annotation *preset, size_t preset_count, const char *flag,
			       char *why, size_t why_size)
{
	snprintf(lb->preset_why, sizeof(lb->preset_why), "(--provider %s sets it)", lb->has_provider ? lb->provider.name : "");
	for (size_t i = 0; i < preset_count; i++) {
		int rc = add_annotation(svc, preset[i].key, strlen(preset[i].key), preset[i].value, lb->preset_why);
		if (rc < 0)
			return rc;
	}
	snprintf(why, why_size, "(--%s sets it)", flag);
	for (size_t i = 0; i < flags->count; i++) {
		const char *equals = strchr(flags->items[i], '=');
		int rc = add_annotation(svc, flags->items[i], (size_t)(equals - flags->items[i]), equals + 1, why);
		if (rc < 0)
			return rc;
	}
	return 0;
}

static bool any_lb_field(const struct settings *s)
{
	return s->allocate_node_ports || s->source_ranges || s->load_balancer_class || s->traffic_policy;
}

static void warn_no_effect(struct buf *notes, const char *flag, const char *why)
{
	buf_printf(notes, "--%s has no effect: %s\n", flag, why);
}

static void warn_service_flags(struct lb_settings *lb, const struct plan *plan, bool auth_server, struct buf *notes)
{
	const struct settings *s = lb->s;
	bool auth_lb = auth_server && plan->modes[COMP_AUTH] == EXPOSE_LOADBALANCER;
	bool gateway_lb = plan->modes[COMP_GATEWAY] == EXPOSE_LOADBALANCER;
	static const char no_auth[] = "Liqo v1 has no auth server (peering authenticates through the API servers)";
	char why[160];
	snprintf(why, sizeof(why), "the Auth Server is %s", exposure_title(plan->modes[COMP_AUTH]));
	if (s->auth_load_balancer_ip && !auth_lb)
		warn_no_effect(notes, "auth-load-balancer-ip", auth_server ? why : no_auth);
	if (s->auth_annotations.count && !auth_server)
		warn_no_effect(notes, "auth-annotation", no_auth);
	if (s->auth_tls_issuer && !(auth_server && plan->modes[COMP_AUTH] == EXPOSE_INGRESS))
		warn_no_effect(notes, "auth-tls-issuer", auth_server ? "the auth server is not behind an Ingress" : no_auth);
	if (s->gateway_load_balancer_ip && !gateway_lb)
		buf_printf(notes, "--gateway-load-balancer-ip has no effect: the Network gateway is %s\n",
			   exposure_title(plan->modes[COMP_GATEWAY]));
	if (s->shared_load_balancer_ip && !auth_server)
		warn_no_effect(notes, "shared-load-balancer-ip", "Liqo v1 has no auth Service to share the gateway's IP with");
	else if (s->shared_load_balancer_ip && !(auth_lb && gateway_lb))
		warn_no_effect(notes, "shared-load-balancer-ip", "the auth server and the gateway are not both LoadBalancer");
	bool lb_only = s->allocate_node_ports || s->source_ranges || s->load_balancer_class;
	if (lb_only && !auth_lb && !gateway_lb)
		buf_printf(notes, "the load-balancer settings (--allocate-load-balancer-node-ports, "
			   "--load-balancer-source-ranges, --load-balancer-class) have no effect: no cell of this "
			   "scenario makes a LoadBalancer Service\n");
	/* On v0 the gateway Service is always LoadBalancer or NodePort, which
	 * both take a traffic policy. */
	if (s->traffic_policy && !auth_server && !gateway_lb)
		warn_no_effect(notes, "external-traffic-policy", "the gateway server template takes it only for a "
			       "LoadBalancer gateway");
}

static void warn_platform(const struct lb_settings *lb, const struct plan *plan, bool auth_server, struct buf *notes)
{
	const struct provider *p = &lb->provider;
	if (!lb->has_provider || p->load_balancers)
		return;
	for (enum component c = COMP_AUTH; c < COMP_COUNT; c++)
		if (c != COMP_API_SERVER && (c != COMP_AUTH || auth_server) && plan->modes[c] == EXPOSE_LOADBALANCER)
			buf_printf(notes, "the %s cell is LoadBalancer, but %s\n", component_title(c), p->no_load_balancer);
}

/* The annotations each Service gets: the preset's, then the flags' (a key
 * given twice keeps the last value), then the shared-IP key. There is room
 * for all of them (LB_MAX_ANNOTATIONS), so only memory can run out. */
static int settle_annotations(struct lb_settings *lb, const struct provider_release *r)
{
	const struct settings *s = lb->s;
	static const struct provider_annotation none[1] = {{NULL, NULL}};
	if (collect_annotations(lb, &lb->auth, &s->auth_annotations, r ? r->auth : none, r ? r->auth_count : 0,
				"auth-annotation", lb->auth_why, sizeof(lb->auth_why)) < 0 ||
	    collect_annotations(lb, &lb->gateway, &s->gateway_annotations, r ? r->gateway : none,
				r ? r->gateway_count : 0, "gateway-annotation", lb->gateway_why, sizeof(lb->gateway_why)) < 0)
		return -1;
	if (!lb->shared)
		return 0;
	const struct provider *p = &lb->provider;
	size_t len = strlen(p->shared_ip_annotation);
	snprintf(lb->shared_why, sizeof(lb->shared_why), "(--shared-load-balancer-ip with --provider %s sets it)", p->name);
	if (add_annotation(&lb->auth, p->shared_ip_annotation, len, p->shared_ip_key, lb->shared_why) < 0 ||
	    add_annotation(&lb->gateway, p->shared_ip_annotation, len, p->shared_ip_key, lb->shared_why) < 0)
		return -1;
	return 0;
}

int lb_settle(struct lb_settings *lb, struct plan *plan, struct liqo_version v, bool auth_server,
	      struct buf *notes, struct ls_error *err)
{
	const struct settings *s = lb->s;
	/* Liqo v1 has no auth Service to share an IP with: only a warning there. */
	if (auth_server && check_shared(s, lb, err) < 0)
		return -1;
	lb->release = lb->has_provider ? provider_release_for(&lb->provider, v) : NULL;
	if (lb->release && lb->release->note)
		buf_printf(notes, "--provider %s: %s\n", lb->provider.name, lb->release->note);
	bool gateway_lb = plan->modes[COMP_GATEWAY] == EXPOSE_LOADBALANCER;
	lb->shared = s->shared_load_balancer_ip && auth_server && gateway_lb && plan->modes[COMP_AUTH] == EXPOSE_LOADBALANCER;
	if (settle_annotations(lb, lb->release) < 0)
		return err_set(err, LS_EXIT_IO, "out of memory");
	lb->auth.ip = lb->shared ? s->shared_load_balancer_ip : s->auth_load_balancer_ip;
	lb->auth.ip_flag = lb->shared ? "--shared-load-balancer-ip" : "--auth-load-balancer-ip";
	lb->gateway.ip = lb->shared ? s->shared_load_balancer_ip : s->gateway_load_balancer_ip;
	lb->gateway.ip_flag = lb->shared ? "--shared-load-balancer-ip" : "--gateway-load-balancer-ip";
	if (!auth_server && gateway_lb)
		plan->gateway_load_balancer_ip = s->gateway_load_balancer_ip;
	warn_service_flags(lb, plan, auth_server, notes);
	warn_platform(lb, plan, auth_server, notes);
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

/* ---- writing ---- */

/* A type-bound field the flags set: its key, its value rendered as YAML and
 * as it reads in messages. */
struct lb_field {
	const char *key;
	const char *flag;
	const char *value;   /* NULL: not set by a flag */
	const char *yaml;    /* the value as written, where it is not plain */
};

/* The traffic policy first: a NodePort Service gets it alone, and when a
 * later run makes the Service LoadBalancer the other fields come after it,
 * in the order a fresh run writes them. */
static void lb_fields(const struct lb_settings *lb, const struct lb_service *svc, struct lb_field *out)
{
	const struct settings *s = lb->s;
	out[0] = (struct lb_field){"externalTrafficPolicy", "--external-traffic-policy", s->traffic_policy, NULL};
	out[1] = (struct lb_field){"loadBalancerIP", svc ? svc->ip_flag : NULL, svc ? svc->ip : NULL, NULL};
	out[2] = (struct lb_field){"allocateLoadBalancerNodePorts", "--allocate-load-balancer-node-ports",
				   s->allocate_node_ports, NULL};
	out[3] = (struct lb_field){"loadBalancerSourceRanges", "--load-balancer-source-ranges",
				   lb->source_ranges[0] ? lb->source_ranges : NULL, lb->source_ranges_yaml};
	out[4] = (struct lb_field){"loadBalancerClass", "--load-balancer-class", s->load_balancer_class, NULL};
}

enum { LB_FIELD_COUNT = 5 };

/* The list's items as one text, "[a, b]", to compare with the wanted one. */
static void list_text(const struct ynode *node, char *out, size_t size)
{
	size_t used = (size_t)snprintf(out, size, "[");
	for (const struct ynode *i = node->first; i && used < size; i = i->next)
		used += (size_t)snprintf(out + used, size - used, "%s%s", i == node->first ? "" : ", ",
					 i->kind == YN_SCALAR ? i->text : "?");
	if (used < size)
		snprintf(out + used, size - used, "]");
}

static const char *current_text(const struct ynode *current, char *buf, size_t size)
{
	if (!current || current->kind == YN_NULL)
		return "(absent)";
	if (current->kind == YN_SEQ) {
		list_text(current, buf, size);
		return buf;
	}
	return current->kind == YN_SCALAR ? current->text : "(not a plain value)";
}

static const char *rendered(struct buf *quoted, const struct lb_field *field)
{
	if (field->yaml)
		return field->yaml;
	if (yaml_plain_safe(field->value))
		return field->value;
	return yaml_double_quoted(quoted, field->value);
}

/* Sets every field the flags give on one spec mapping, in one edit. */
static int set_fields(struct scenario *sc, const struct found_doc *f, const struct ynode *spec,
		      const struct lb_field *fields, size_t n, const char *prefix)
{
	struct kv kvs[LB_FIELD_COUNT];
	struct buf quoted[LB_FIELD_COUNT] = {{0}};
	size_t count = 0;
	int rc = 0;
	for (size_t i = 0; i < n && rc == 0; i++) {
		if (!fields[i].value)
			continue;
		char buf[1024], name[128], why[96];
		const struct ynode *current = ymap_get(spec, fields[i].key);
		const char *found = current_text(current, buf, sizeof(buf));
		if (strcmp(found, fields[i].value) == 0)
			continue;
		snprintf(name, sizeof(name), "%s%s", prefix, fields[i].key);
		snprintf(why, sizeof(why), "(%s sets it)", fields[i].flag);
		rc = scenario_changed(sc, f, name, found, fields[i].value, why);
		kvs[count].key = fields[i].key;
		kvs[count].value = rendered(&quoted[i], &fields[i]);
		count++;
	}
	if (rc == 0 && count)
		rc = yedit_map_apply(&sc->edit, spec, kvs, count);
	for (size_t i = 0; i < LB_FIELD_COUNT; i++)
		buf_free(&quoted[i]);
	return rc;
}

static void warn_taken_ports(struct scenario *sc, const struct found_doc *f, const struct ynode *spec)
{
	const struct provider *p = &sc->lb->provider;
	const struct ynode *ports = ymap_get(spec, "ports");
	for (size_t t = 0; sc->lb->has_provider && t < p->taken_count; t++)
		for (const struct ynode *port = ports ? ports->first : NULL; port; port = port->next) {
			const struct ynode *proto = ymap_get(port, "protocol");
			char number[16];
			snprintf(number, sizeof(number), "%ld", p->taken[t].port);
			if (yscalar_is(ymap_get(port, "port"), number) &&
			    (proto ? yscalar_is(proto, p->taken[t].protocol) : strcmp(p->taken[t].protocol, "TCP") == 0))
				buf_printf(&sc->notes, "document %zu, Service %s: a LoadBalancer on %s port %s on %s: %s\n",
					   f->doc->number, object_name(f->root), p->taken[t].protocol, number, p->title,
					   p->taken[t].by);
		}
}

/* Every field on a LoadBalancer; on a NodePort Service only the traffic
 * policy, the one Kubernetes takes there too (Local keeps client addresses
 * on node ports as well). */
int lb_apply_service(struct scenario *sc, const struct found_doc *f, const struct ynode *spec, enum slot slot,
		     const char *type)
{
	if (!sc->lb)
		return 0;
	struct lb_field fields[LB_FIELD_COUNT];
	lb_fields(sc->lb, lb_service_of(sc->lb, slot), fields);
	if (strcmp(type, "NodePort") == 0)
		return set_fields(sc, f, spec, fields, 1, "spec.");
	if (strcmp(type, "LoadBalancer") != 0)
		return 0;
	warn_taken_ports(sc, f, spec);
	return set_fields(sc, f, spec, fields, LB_FIELD_COUNT, "spec.");
}

/* Annotation keys that pin one address: on the v1 template they would give
 * every peering's Service the same one. */
static const char *const address_annotations[] = {
	"metallb.universe.tf/loadBalancerIPs", "metallb.universe.tf/load-balancer-ips",
	"kube-vip.io/loadbalancerIPs", "service.beta.kubernetes.io/azure-load-balancer-ipv4",
	"service.beta.kubernetes.io/azure-load-balancer-ipv6", "networking.gke.io/load-balancer-ip-addresses",
};

static bool pins_address(const char *key)
{
	for (size_t i = 0; i < sizeof(address_annotations) / sizeof(address_annotations[0]); i++)
		if (strcmp(key, address_annotations[i]) == 0)
			return true;
	return false;
}

static int template_annotations(struct scenario *sc, const struct found_doc *f, const struct ynode *metadata)
{
	const struct lb_service *svc = &sc->lb->gateway;
	struct annotation_change ac;  /* only its first `count` entries are read */
	ac.count = 0;
	const struct ynode *annotations = ymap_get(metadata, "annotations");
	for (size_t i = 0; i < svc->annotation_count; i++) {
		const struct lb_annotation *a = &svc->annotations[i];
		if (pins_address(a->key))
			buf_printf(&sc->notes, "the gateway server template gets %s %s: every gateway Service made from it "
				   "asks for that address, so it can serve one peering only\n", a->key, a->value);
		if (scenario_want_annotation(sc, f, annotations, &ac, a->key, a->value, a->why) < 0)
			return -1;
	}
	if (ac.count == 0)
		return 0;
	return yedit_child_map_apply(&sc->edit, metadata, "annotations", ac.kvs, ac.count);
}

/* Fields the template holds for every peering: written only when this
 * cluster's gateway cell is LoadBalancer, removed otherwise (a NodePort
 * peering's Service would be refused with them). */
static int template_fields(struct scenario *sc, const struct found_doc *f, const struct ynode *spec)
{
	static const char prefix[] = "spec.template.spec.service.spec.";
	struct lb_field fields[LB_FIELD_COUNT];
	lb_fields(sc->lb, NULL, fields);  /* no loadBalancerIP: each peering has its own */
	if (sc->plan->modes[COMP_GATEWAY] == EXPOSE_LOADBALANCER) {
		if (any_lb_field(sc->lb->s))
			buf_printf(&sc->notes, "the gateway server template gets the load-balancer settings: every peering "
				   "whose gateway server runs here must then use a LoadBalancer Service (liqoctl's default)\n");
		return set_fields(sc, f, spec, fields, LB_FIELD_COUNT, prefix);
	}
	static const char *const bound[] = {"allocateLoadBalancerNodePorts", "loadBalancerSourceRanges",
					    "loadBalancerClass", "externalTrafficPolicy", "healthCheckNodePort"};
	for (size_t i = 0; i < sizeof(bound) / sizeof(bound[0]); i++) {
		const struct ynode *current = ymap_get(spec, bound[i]);
		char buf[1024], name[128], why[160];
		if (!current)
			continue;
		snprintf(name, sizeof(name), "%s%s", prefix, bound[i]);
		snprintf(why, sizeof(why), "(the Network gateway cell is %s: a peering's %s Service would be refused with it)",
			 exposure_title(sc->plan->modes[COMP_GATEWAY]), "NodePort");
		struct kv kv = {bound[i], NULL};
		if (scenario_changed(sc, f, name, current_text(current, buf, sizeof(buf)), "(absent)", why) < 0 ||
		    yedit_map_apply(&sc->edit, spec, &kv, 1) < 0)
			return -1;
	}
	return 0;
}

int lb_apply_template(struct scenario *sc)
{
	const struct found_doc *f = &sc->inv->slots[SLOT_GATEWAY_TEMPLATE];
	if (!sc->lb || !f->doc)
		return 0;
	sc->edit.document = f->doc->number;
	const struct ynode *service = ymap_get(ymap_get(ymap_get(ymap_get(f->root, "spec"), "template"), "spec"),
					       "service");
	const struct ynode *metadata = ymap_get(service, "metadata"), *spec = ymap_get(service, "spec");
	bool annotates = sc->lb->gateway.annotation_count > 0;
	if (annotates && (!metadata || metadata->kind != YN_MAP || metadata->has_anchor_or_tag))
		return yedit_shape_error(&sc->edit, metadata ? metadata : service ? service : f->root,
					 "spec.template.spec.service.metadata must be a plain mapping to carry annotations");
	if (spec && (spec->kind != YN_MAP || spec->has_anchor_or_tag))
		return yedit_shape_error(&sc->edit, spec, "spec.template.spec.service.spec must be a plain mapping");
	if (annotates && template_annotations(sc, f, metadata) < 0)
		return -1;
	return spec ? template_fields(sc, f, spec) : 0;
}

/* fields: how many of lb_fields' list the Service took (all on a
 * LoadBalancer, the traffic policy alone on a NodePort, none otherwise). */
static int service_settings(const struct lb_settings *lb, const char *title, const struct lb_service *svc,
			    size_t fields_taken, struct buf *out)
{
	struct lb_field fields[LB_FIELD_COUNT];
	lb_fields(lb, svc, fields);
	size_t start = out->len;
	int rc = buf_printf(out, "    %s:", title);
	size_t empty = out->len;
	for (size_t i = 0; i < svc->annotation_count; i++)
		rc |= buf_printf(out, " %s=%s;", svc->annotations[i].key, svc->annotations[i].value);
	for (size_t i = 0; i < fields_taken; i++)
		if (fields[i].value)
			rc |= buf_printf(out, " %s %s;", fields[i].key, fields[i].value);
	if (rc < 0)
		return -1;
	if (out->len == empty) {
		out->len = start;
		return 0;
	}
	out->len--;
	return buf_puts(out, "\n");
}

static size_t fields_taken(enum exposure mode)
{
	if (mode == EXPOSE_LOADBALANCER)
		return LB_FIELD_COUNT;
	return mode == EXPOSE_NODEPORT || mode == EXPOSE_NODEPORT_FORWARDED ? 1 : 0;
}

static int settings_lines(const struct scenario *sc, struct buf *lines)
{
	const struct lb_settings *lb = sc->lb;
	const struct plan *p = sc->plan;
	int rc = 0;
	if (!sc->gen->auth_server) {
		struct lb_service gateway = lb->gateway;
		gateway.ip = NULL;  /* each peering's own: in the peering plan */
		bool gateway_lb = p->modes[COMP_GATEWAY] == EXPOSE_LOADBALANCER;
		return service_settings(lb, "gateway server template", &gateway, gateway_lb ? LB_FIELD_COUNT : 0, lines);
	}
	rc |= service_settings(lb, "auth Service", &lb->auth, fields_taken(p->modes[COMP_AUTH]), lines);
	rc |= service_settings(lb, "gateway Service", &lb->gateway, fields_taken(p->modes[COMP_GATEWAY]), lines);
	if (lb->s->auth_tls_issuer && p->modes[COMP_AUTH] == EXPOSE_INGRESS)
		rc |= buf_printf(lines, "    auth Ingress: cert-manager.io/cluster-issuer=%s (cert-manager issues %s)\n",
				 lb->s->auth_tls_issuer, p->auth_tls_secret ? p->auth_tls_secret : "its TLS secret");
	return rc;
}

int lb_explain(const struct scenario *sc, struct buf *out)
{
	const struct lb_settings *lb = sc->lb;
	if (!lb)
		return 0;
	int rc = 0;
	if (lb->has_provider)
		rc |= buf_printf(out, "  Provider %s (%s): node ports %ld-%ld%s\n", lb->provider.name, lb->provider.title,
				 lb->node_port_min, lb->node_port_max,
				 lb->provider.load_balancers ? "" : "; no load balancers");
	else if (lb->s->node_port_range)
		rc |= buf_printf(out, "  Node ports %ld-%ld (--node-port-range)\n", lb->node_port_min, lb->node_port_max);
	struct buf lines = {0};
	rc |= settings_lines(sc, &lines);
	if (lines.len)
		rc |= buf_puts(out, "  Load-balancer settings applied:\n") | buf_append(out, lines.data, lines.len);
	buf_free(&lines);
	return rc < 0 ? -1 : 0;
}
