/* Provider presets: what a platform needs on the Services a scenario exposes.
 *
 * Why data: "LoadBalancer" alone does not make a load balancer that works.
 * EKS needs a network load balancer for the UDP tunnel, and asks for it in
 * another way in each Liqo release; kind has no load balancers at all; k3s's
 * ServiceLB shares the nodes' ports with the Traefik it bundles; MetalLB can
 * put two Services on one IP. Each platform is one file in
 * provider-presets/, compiled into the binary like the scenario profiles, so
 * a platform is added or corrected without touching the code. */
#ifndef LS_PROVIDER_H
#define LS_PROVIDER_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "version.h"
#include "yamltree.h"

enum { PROVIDER_MAX_ANNOTATIONS = 16, PROVIDER_MAX_RELEASES = 4, PROVIDER_MAX_TAKEN = 4 };

struct provider_annotation {
	const char *key;
	const char *value;
};

/* What `liqoctl install <provider>` of the Liqo releases from `from` on
 * writes on the exposed Services (v1: the gateway server template). */
struct provider_release {
	struct liqo_version from;
	struct provider_annotation auth[PROVIDER_MAX_ANNOTATIONS];
	size_t auth_count;
	struct provider_annotation gateway[PROVIDER_MAX_ANNOTATIONS];
	size_t gateway_count;
	const char *note;   /* said on stderr when this release applies; NULL for none */
};

/* A port that a LoadBalancer Service cannot have on this platform. */
struct provider_taken_port {
	long port;
	const char *protocol;
	const char *by;      /* who holds it, for the warning */
};

struct provider {
	const char *name;
	const char *title;
	bool load_balancers;
	const char *no_load_balancer;    /* why a LoadBalancer stays pending, when there are none */
	long node_port_min, node_port_max;
	struct provider_taken_port taken[PROVIDER_MAX_TAKEN];
	size_t taken_count;
	/* How two Services share one load-balancer IP; annotation NULL: no way. */
	const char *shared_ip_annotation;
	const char *shared_ip_key;
	const char *shared_ip_policy;    /* the only externalTrafficPolicy sharing works with; NULL: any */
	struct provider_release releases[PROVIDER_MAX_RELEASES];
	size_t release_count;
	struct ydoc *doc;                /* owns every text above */
};

/* Parses one preset file's bytes; `origin` names it in messages. */
int provider_parse(const char *origin, const char *text, size_t len, struct provider *out, struct ls_error *err);
/* The built-in preset of that name (exit 2 naming the choices when none). */
int provider_load(const char *name, struct provider *out, struct ls_error *err);
/* The release entry that applies to version v: the last whose `from` is not
 * after it; NULL when the preset has none that early. */
const struct provider_release *provider_release_for(const struct provider *p, struct liqo_version v);
void provider_free(struct provider *p);
/* Appends the names of the built-in presets, comma-separated, in file
 * order. Returns 0, or -1 when memory is exhausted. */
int provider_names(struct buf *out);
/* "MIN-MAX" with 1 <= MIN <= MAX <= 65535; false when it is not that. */
bool provider_parse_range(const char *text, long *min, long *max);

#endif
