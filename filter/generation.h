/* What each Liqo generation's render holds and where it keeps the addresses
 * it advertises to its peers.
 *
 * Why a table: the same four scenarios land in different places per
 * generation. v0.3-v0.5 read the auth address from controller-manager
 * arguments, v0.6-v0.10 from annotations on the auth and gateway Services,
 * and v1 has no auth server at all: its controller manager carries the API
 * server address and each peering makes its own gateway Service, so the
 * gateway cell becomes flags of `liqoctl peer` (peering.h). Each row also
 * says which components the render holds, why one is absent, and the steps
 * the scenario runs on it. Writing this down once keeps generation tests out
 * of the scenario code, and a new generation is a new row. */
#ifndef LS_GENERATION_H
#define LS_GENERATION_H

#include <stdbool.h>

#include "buf.h"
#include "inventory.h"
#include "profile.h"
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
	/* HOME_ARGUMENT: where the chart writes it, so an added argument lands
	 * where a render with the value would have it: right after the last of
	 * these flags the container has (NULL, or none of them: last). */
	const char *const *after;
	/* The scheme the generation puts in front of a value without one, as it
	 * reads it (it adds no port); NULL: the value is read as written. */
	const char *implied_scheme;
};

/* A component as one generation's render holds it. */
struct generation_component {
	const char *absent;     /* NULL: the render holds the component; else why it does not */
	enum slot object;       /* the object whose Service peers reach; SLOT_COUNT: none of the render's */
	bool per_peering;       /* each peering makes its own Service from `object`, a template: the
				 * component exists only where the input holds it, and the cell's
				 * choices that vary per peering go into the peering plan */
};

/* What the scenario does to an input of a generation, in order. */
enum scenario_step {
	STEP_CHECK_SERVICES,      /* the auth and gateway Services must be there */
	STEP_CHECK_TEMPLATE,      /* the controller manager where it advertises, the gateway template */
	STEP_EXPOSE_SERVICES,     /* each Service's type, node ports and annotations */
	STEP_ADVERTISE_API_SERVER,
	STEP_ADDRESS_ARGUMENTS,   /* the advertised auth address as controller-manager arguments */
	STEP_GATEWAY_TEMPLATE,    /* the load-balancer settings on the gateway server template */
	STEP_INGRESSES,
};

enum { GENERATION_MAX_STEPS = 8 };

struct generation {
	const char *name;                /* "Liqo v1" */
	struct generation_component components[COMP_COUNT];
	struct value_place auth_address;
	struct value_place gateway_address;
	struct value_place api_server_address;
	/* Documents the filter adds go beside this object, named after it
	 * without this suffix ("liqo-auth" -> "liqo-api-server"). */
	enum slot anchor;
	const char *anchor_suffix;
	enum scenario_step steps[GENERATION_MAX_STEPS];
	size_t step_count;
	/* Where the API server's CA that peers get is decided: the controller
	 * manager's arguments for "advertise none" and "advertise this one"
	 * (chart values apiServer.trustedCA and apiServer.ca); NULL where the
	 * generation has neither. */
	const char *trusted_ca_argument;
	const char *ca_argument;
	/* When a change of the per-peering template reaches the gateways that
	 * exist already; NULL where nothing is made per peering. */
	const char *template_change_applies;
};

const struct generation *generation_of(enum generation_id id);
/* Whether the generation's render holds component c. */
bool generation_has(const struct generation *gen, enum component c);
/* Whether peers reach component c where this input was rendered: the
 * generation has it, and a component made per peering has its template. */
bool generation_reaches(const struct generation *gen, const struct inventory *inv, enum component c);

/* The version of the input: --liqo-version (flag, may be NULL) or the
 * labels the inventory saw. Refuses versions outside the supported range
 * (exit 3) and a flag of another major line than the labels (exit 2);
 * warns in notes about a minor newer than the tested ones. */
int generation_detect(const struct inventory *inv, struct patterns *pat, const char *flag,
		      struct liqo_version *version, struct version_traits *traits, struct buf *notes,
		      struct ls_error *err);

/* A generation whose gateway is made per peering: the controller manager
 * where an address is advertised; a render without the gateway server
 * template is a note, not an error. */
int generation_check_template(const struct generation *gen, const struct inventory *inv,
				   bool advertises, struct buf *notes, struct ls_error *err);

#endif
