/* What a Liqo v1 render says about the cluster it installs, as a peer of
 * that cluster needs it: the version, the Liqo namespace, the cluster ID,
 * the pod and external CIDRs the IPAM starts from, the names of the gateway
 * templates and of the remote-control-plane ClusterRole.
 *
 * Why a module: a declarative peering copies these values from one cluster
 * to the other, and a hand-copied value that is wrong shows only as a tunnel
 * that never comes up; read from the render the chart made, they are the
 * values the cluster runs with. Objects are found by kind and label, as the
 * inventory finds the components, so a nameOverride render is read too. */
#ifndef LS_RENDERFACTS_H
#define LS_RENDERFACTS_H

#include <stdbool.h>

#include "inventory.h"
#include "peering.h"
#include "version.h"

enum { FACTS_MAX_CIDRS = 8 };

struct render_facts {
	struct liqo_version version;
	char *version_text;        /* as the labels write it */
	char *namespace;           /* the release namespace; NULL: not found */
	char *cluster_id;          /* liqo-clusterid-configmap's CLUSTER_ID; NULL: none */
	char *pod_cidrs[FACTS_MAX_CIDRS]; /* the pod-cidr Networks' spec.cidr, those not empty */
	size_t pod_cidr_count;
	char *external_cidr;       /* the external-cidr Network's spec.cidr; NULL: none */
	bool external_pinned;      /* labelled ipam.liqo.io/network-not-remapped: the IPAM keeps it */
	char *server_template;     /* WgGatewayServerTemplate wireguard-server's name; NULL: none */
	char *client_template;     /* WgGatewayClientTemplate wireguard-client's name; NULL: none */
	struct peering_template server_fields; /* what the server template takes */
	char *remote_controlplane; /* ClusterRole labelled app.kubernetes.io/name: remote-controlplane */
	struct inventory inv;      /* the components, as the post-renderer's plan reads them */
};

/* name: the render's path, for messages; text must outlive out (its
 * inventory keeps documents of it). Exit 3 when the render is not one
 * of Liqo v1 or holds a second object where one is expected. */
int render_facts_read(const char *name, const char *text, size_t len, const struct ylimits *limits,
		      struct patterns *pat, struct render_facts *out, struct buf *notes, struct ls_error *err);
void render_facts_free(struct render_facts *f);

#endif
