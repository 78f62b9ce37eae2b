/* The peering plan of a Liqo v1 cluster, for --explain.
 *
 * Why: from v1 the gateway Service is not in the chart's render. Each
 * peering makes one from the WgGatewayServerTemplate, typed and numbered by
 * the flags of `liqoctl peer` (or the endpoint fields of a GatewayServer and
 * GatewayClient), and liqoctl recreates a gateway whose Service differs from
 * its GatewayServer. So the network gateway cell cannot be written into the
 * manifests: it becomes the commands the operator runs, one per direction,
 * with what this cluster's cells decide filled in and the peer's values as
 * named placeholders. */
#ifndef LS_PEERING_H
#define LS_PEERING_H

#include <stdbool.h>

#include "buf.h"
#include "plan.h"
#include "yamlnode.h"

/* The gateway Service port liqoctl gives a GatewayServer unless told. */
enum { PEERING_DEFAULT_GATEWAY_PORT = 51840 };
/* The tunnel's MTU liqoctl gives both gateways unless told (forge.DefaultMTU). */
enum { PEERING_DEFAULT_MTU = 1340 };

/* The fields of the gateway server template a peering's flags land in.
 * liqoctl peer checks the template before it connects and refuses
 * --gw-server-service-nodeport on a NodePort Service, and
 * --gw-server-service-loadbalancerip on a LoadBalancer one, when the field is
 * missing (either as itself or as Liqo's optional "?field"); Liqo's own
 * templates have both except the chart's EKS template of Liqo v1.0. */
struct peering_template {
	bool node_port;         /* spec.template.spec.service.spec.ports[0] has nodePort or ?nodePort */
	bool load_balancer_ip;  /* spec.template.spec.service.spec has loadBalancerIP or ?loadBalancerIP */
};

/* One end of the tunnel as far as its gateway server goes: this cluster
 * with its own values, or the peer with placeholders. */
struct gateway_side {
	enum exposure mode;
	const char *who;          /* "here", "on the peer" */
	char node_port[32];       /* "" when Kubernetes picks it */
	const char *address;      /* the NAT's public address (the plan's), or a placeholder */
	char public_port[32];     /* the NAT's port for the gateway */
	char port[32];            /* the Service port asked for; "" for liqoctl's default */
	const char *load_balancer_ip; /* a LoadBalancer server's fixed IP; NULL for none */
	const struct peering_template *fields; /* this render's template; NULL: the peer's, unknown */
};

enum { PEERING_MAX_ARGS = 18, PEERING_MAX_COMMANDS = 3, PEERING_MAX_LEFT_OUT = 2 };

/* One `liqoctl peer` command of the plan. */
struct peering_command {
	const char *role;                   /* this cluster's: "provider", "consumer" */
	const struct gateway_side *server;  /* where the gateway server runs; NULL without networking */
	bool alternative;                   /* the provider's other choice: the server on the consumer */
	const char *args[PEERING_MAX_ARGS]; /* what follows `liqoctl peer` */
	size_t arg_count;
	/* Flags the cells ask for that the template cannot take, each with why. */
	const char *left_out[PEERING_MAX_LEFT_OUT];
	size_t left_out_count;
};

/* The commands for both directions, as --explain prints them and --report
 * lists them. The commands point into the sides: fill it where it stays. */
struct peering_plan {
	bool has_gateway;
	struct peering_template fields;     /* this render's template's */
	struct gateway_side here, peer;
	struct peering_command commands[PEERING_MAX_COMMANDS];
	size_t count;
};

/* template: the render's gateway server template (its root), NULL where the
 * render has none (networking disabled).
 * load_balancer_ip: a LoadBalancer gateway's fixed IP (lb_settle), or NULL. */
void peering_plan_make(const struct plan *plan, const struct ynode *template, const char *load_balancer_ip,
		       struct peering_plan *out);
/* What this render's template lets a peering set. */
void peering_template_read(const struct ynode *template, struct peering_template *out);

/* Return 0, or -1 when memory is exhausted. */
int peering_gateway_line(const struct plan *plan, bool has_gateway, struct buf *out);
int peering_plan_render(const struct plan *plan, const struct ynode *template, const char *load_balancer_ip,
			struct buf *out);
/* A warning for each flag a cell asks for that this render's template
 * cannot take, so a run without --explain says it too. */
int peering_left_out_notes(const struct plan *plan, const struct ynode *template, const char *load_balancer_ip,
			   struct buf *notes);

#endif
