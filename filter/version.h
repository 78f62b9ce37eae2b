/* What differs between Liqo releases, as far as exposure goes.
 *
 * Why: the same scenario is written differently into v0.5, v0.10 and v1.2
 * renders (controller-manager arguments before v0.6, Service annotations
 * after, no auth server and per-peering gateways from v1.0; the Ingress class
 * as an annotation before v0.8), and a Liqo binary exits on a flag it does
 * not know. The table in version.c is the single record of which release
 * belongs to which generation; generation.c says what each generation means. */
#ifndef LS_VERSION_H
#define LS_VERSION_H

#include <stdbool.h>
#include <stddef.h>

#include "patterns.h"

struct liqo_version {
	int major, minor, patch;
};

/* Where a release keeps the addresses it advertises (see generation.h). */
enum generation_id {
	GEN_V0_ARGUMENTS,    /* v0.3-v0.5: auth override as controller-manager arguments */
	GEN_V0_ANNOTATIONS,  /* v0.6-v0.10: override annotations on the Services */
	GEN_V1,              /* v1.x: no auth server, gateways made per peering */
	GEN_COUNT
};

struct version_traits {
	enum generation_id generation;
	bool ingress_class_field;   /* spec.ingressClassName rather than the annotation */
};

enum version_support {
	VERSION_TESTED,      /* within a release line the tests cover */
	VERSION_UNTESTED,    /* newer than the newest tested minor of a supported line */
	VERSION_UNSUPPORTED, /* before v0.3, or a major line after v1 */
};

/* The range as words for messages, e.g. "v0.3 to v1.x". */
extern const char VERSION_RANGE[];

bool version_parse(struct patterns *p, const char *text, size_t len, struct liqo_version *out);
struct version_traits version_traits(struct liqo_version v);
/* Whether v is vMAJOR.MINOR or later. */
bool version_at_least(struct liqo_version v, int major, int minor);
/* newest_tested gets the newest tested minor of v's major line. */
enum version_support version_support(struct liqo_version v, struct liqo_version *newest_tested);

#endif
