/* Where each Liqo generation keeps the addresses it advertises to its peers.
 *
 * Why a table: the same four scenarios land in different places per
 * generation. v0.3-v0.5 read the auth address from controller-manager
 * arguments, v0.6-v0.10 from annotations on the auth and gateway Services,
 * and v1 has no auth server at all: its controller manager carries the API
 * server address and each peering makes its own gateway Service, so the
 * gateway cell becomes flags of `liqoctl peer` (peering.h). Writing this down
 * once keeps generation tests out of the scenario code, and a new generation
 * is a new row. */
#ifndef LS_GENERATION_H
#define LS_GENERATION_H

#include <stdbool.h>

#include "buf.h"
#include "inventory.h"
#include "version.h"

enum value_home {
	HOME_NONE,          /* the generation cannot advertise this value */
	HOME_ARGUMENT,      /* a container argument of a Deployment */
	HOME_ANNOTATIONS,   /* annotations on the component's Service */
	HOME_PEERING_PLAN,  /* chosen per peering, with liqoctl flags or GatewayServer fields */
};

struct value_place {
	enum value_home home;
	enum slot slot;          /* the object that carries it */
	const char *container;   /* HOME_ARGUMENT: the container's name */
	const char *key;         /* the argument's flag or the annotation's key */
	const char *port_key;    /* the port's, where it has its own; NULL otherwise */
};

struct generation {
	const char *name;                /* "Liqo v1" */
	bool auth_server;                /* an auth Service and Deployment in the render */
	struct value_place auth_address;
	struct value_place gateway_address;
	struct value_place api_server_address;
	/* Documents the filter adds go beside this object, named after it
	 * without this suffix ("liqo-auth" -> "liqo-api-server"). */
	enum slot anchor;
	const char *anchor_suffix;
};

const struct generation *generation_of(enum generation_id id);

/* The version of the input: --liqo-version (flag, may be NULL) or the
 * labels the inventory saw. Refuses versions outside the supported range
 * (exit 3) and a flag of another major line than the labels (exit 2);
 * warns in notes about a minor newer than the tested ones. */
int generation_detect(const struct inventory *inv, struct patterns *pat, const char *flag,
		      struct liqo_version *version, struct version_traits *traits, struct buf *notes,
		      struct ls_error *err);

/* v1's components: the controller manager where an address is advertised;
 * a render without the gateway server template is a note, not an error. */
int generation_check_v1_components(const struct generation *gen, const struct inventory *inv,
				   bool advertises, struct buf *notes, struct ls_error *err);

#endif
