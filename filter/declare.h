/* The declarative peering of two Liqo v1 clusters: the resources each
 * cluster applies, as Liqo's page "peering via custom resources" lists them
 * and as liqoctl names and labels them, built from what decided each
 * cluster's exposure.
 *
 * Why a module of its own: liqoctl peer makes these resources from two
 * kubeconfigs at peering time; a GitOps repository must hold them as files,
 * and each value in them is one of the two clusters' (its ID, CIDRs, public
 * key, the server's reach). The values are settled once into a declaration
 * (declare_endpoint and the caller's reading of the renders), and every
 * output - the manifests, --explain, --report - is written from that one
 * declaration, so they cannot disagree. Private keys are never among them:
 * the keys Secret is only named. */
#ifndef LS_DECLARE_H
#define LS_DECLARE_H

#include <stdbool.h>

#include "buf.h"
#include "error.h"
#include "json.h"
#include "peering.h"
#include "plan.h"
#include "reach.h"
#include "version.h"

enum { DECLARE_MAX_CIDRS = 8, DECLARE_DEFAULT_MTU = 1340 };

/* A value and what decided it, for --explain and --report. */
struct decided {
	const char *text;
	const char *from;
};

/* One cluster as its peer's resources need it. */
struct peer_end {
	const char *letter;          /* "a", "b": the flags' prefix */
	const char *cluster_id;
	const char *liqo_namespace;
	struct liqo_version version;
	const char *version_text;
	const char *public_key;      /* base64 of the 32-byte WireGuard key */
	const char *pod_cidrs[DECLARE_MAX_CIDRS];
	size_t pod_cidr_count;
	const char *pod_cidrs_from;
	struct decided external_cidr;
	const char *server_template; /* WgGatewayServerTemplate's name */
	const char *client_template; /* WgGatewayClientTemplate's name */
	const char *remote_controlplane; /* the chart's ClusterRole */
	const char *api_server_url;  /* what peers are told to dial; NULL: Liqo picks it */
};

/* The gateway server's Service and what the client dials. */
struct gateway_endpoint {
	const char *service_type;    /* "NodePort", "LoadBalancer" */
	char *service_type_from;     /* owned: the server cluster's gateway cell */
	long port;
	const char *port_from;
	long node_port;              /* 0: Kubernetes picks it */
	const char *node_port_from;
	const char *load_balancer_ip; /* NULL: none */
	const char *load_balancer_ip_from;
	const char *client_address;
	const char *client_address_from;
	long client_port;
	const char *client_port_from;
	char *flag_text;             /* owned: a from text that names a cluster's flag; NULL: none */
};

/* What the server side's flags and settings hold beyond its plan. */
struct server_inputs {
	const char *letter;           /* the server cluster's */
	const char *config;           /* its config file, for messages */
	const struct plan *plan;
	const struct reach *reach;
	const char *load_balancer_ip; /* the settings' gateway-load-balancer-ip; NULL: none */
	const struct peering_template *fields;
	const char *gateway_address;  /* --X-gateway-address; NULL: none */
	const char *alternative;      /* the other cluster's letter where it could host the server; NULL: none */
};

/* Where the client dials the server, from the server's cell: the NAT's
 * public address and forwarded port, the fixed load-balancer IP or a DNS
 * name, a node's address and the pinned node port. Exit 2 naming what to
 * pass when the scenario leaves it open. */
int declare_endpoint(const struct server_inputs *in, struct gateway_endpoint *out, struct ls_error *err);
/* Frees the texts declare_endpoint made, also after it failed. */
void declare_endpoint_free(struct gateway_endpoint *e);

struct declaration {
	const struct peer_end *ends[2];
	int consumer;                /* index into ends */
	int server;                  /* where the gateway server runs */
	struct gateway_endpoint endpoint;
	long mtu;
	const char *mtu_from;
	const char *keys_secret;
	const char *subject_kind;    /* "User", "Group"; NULL: no RoleBinding */
	const char *subject_name;
	const struct buf *kubeconfig; /* the provider's, for the consumer's identity Secret; NULL: none */
};

/* One resource written, for --explain and --report. */
struct declared {
	const char *kind;
	char *name;                  /* owned; freed by declare_output_free */
	char *namespace;             /* owned; "" for a cluster-wide resource */
	const char *purpose;
};

enum { DECLARE_MAX_RESOURCES = 8 };

struct cluster_output {
	struct buf yaml;
	struct declared resources[DECLARE_MAX_RESOURCES];
	size_t count;
};

/* The file cluster `which` applies. Returns 0, or -1 when memory runs out. */
int declare_cluster(const struct declaration *d, int which, struct cluster_output *out);
/* Frees the file and the resources' names; out may be declared again. */
void declare_output_free(struct cluster_output *out);
#endif
