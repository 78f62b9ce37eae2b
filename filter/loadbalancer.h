/* The load-balancer settings of one run: provider preset, annotations,
 * fixed IPs, type-bound Service fields, the node-port range and the auth
 * Ingress's certificate issuer.
 *
 * Why apart from the scenario: the scenario decides what kind of Service
 * each cell makes; these settings say how the platform must build it. They
 * follow the scenario's ownership rule (a flag wins over the input, a field
 * the cell's type does not take is dropped with a warning, annotations are
 * added or replaced but never removed), and on Liqo v1 they land on the one
 * gateway server template every peering's Service is made from. */
#ifndef LS_LOADBALANCER_H
#define LS_LOADBALANCER_H

#include <stdbool.h>

#include "inventory.h"
#include "options.h"
#include "patterns.h"
#include "plan.h"
#include "provider.h"
#include "version.h"

struct lb_annotation {
	char *key;         /* owned */
	const char *value; /* in the settings or the preset */
	const char *why;   /* where it comes from, for a replaced value's warning */
};

struct lb_service {
	struct lb_annotation *annotations;  /* owned */
	size_t annotation_count, annotation_cap;
	const char *ip;    /* spec.loadBalancerIP; NULL for none */
	const char *ip_flag;
};

struct lb_settings {
	const struct settings *s;
	struct provider provider;
	bool has_provider;
	const struct provider_release *release;
	long node_port_min, node_port_max;
	const char *range_origin;    /* for messages: where the range comes from */
	struct lb_service auth, gateway;
	struct buf source_ranges;    /* as messages show it, "[a, b]"; empty for none */
	struct buf source_ranges_yaml; /* the same as a flow list of quoted texts */
	bool shared;                 /* --shared-load-balancer-ip applies */
	struct buf preset_why, shared_why, auth_why, gateway_why;  /* the annotations' origins, for warnings */
	/* Where the gateway is made per peering: the fixed IP a LoadBalancer
	 * gateway's Service asks for, a flag of liqoctl peer; NULL for none. */
	const char *peering_gateway_ip;
};

/* Before the input is read: every value checked, the preset loaded, the
 * node ports checked against the range. */
int lb_resolve(const struct settings *s, struct lb_settings *lb, struct ls_error *err);
/* Once the version and the cells are known (plan_settle): the preset's
 * release, the annotations each Service gets, warnings for settings that
 * cannot apply; a shared IP the provider cannot give is refused where there
 * is an auth Service to share it with. The result is lb's. */
int lb_settle(struct lb_settings *lb, const struct plan *plan, struct liqo_version v, struct buf *notes,
	      struct ls_error *err);
void lb_free(struct lb_settings *lb);

/* The annotations the settings put on a component's Service, or NULL. */
const struct lb_service *lb_service_of(const struct lb_settings *lb, enum slot slot);
/* The externalTrafficPolicy a Service of this type ends with. */
const char *lb_traffic_policy(const struct lb_settings *lb, const struct ynode *spec, const char *type);

/* A type-bound field the flags set: its key, its value rendered as YAML and
 * as it reads in messages. */
struct lb_field {
	const char *key;
	const char *flag;
	const char *value;   /* NULL: not set by a flag */
	const char *yaml;    /* the value as written, where it is not plain */
};

enum { LB_FIELD_COUNT = 5 };

/* The fields the settings give a Service (svc NULL: no loadBalancerIP). The
 * traffic policy first: a NodePort Service gets it alone, and when a later
 * run makes the Service LoadBalancer the other fields come after it, in the
 * order a fresh run writes them. */
void lb_fields(const struct lb_settings *lb, const struct lb_service *svc, struct lb_field *out);

#endif
