/* What differs between Liqo releases, as far as exposure goes.
 *
 * Why: the same scenario is written differently into v0.5 and v0.10 renders
 * (controller-manager arguments before v0.6, Service annotations after; the
 * Ingress class as an annotation before v0.8), and a Liqo binary exits on a
 * flag it does not know. The table in version.c is the single record of it. */
#ifndef LS_VERSION_H
#define LS_VERSION_H

#include <stdbool.h>
#include <stddef.h>

#include "patterns.h"

struct liqo_version {
	int major, minor, patch;
};

struct version_traits {
	bool override_annotations;  /* liqo.io/override-address|port on the Services */
	bool gateway_override;      /* the gateway can advertise another address */
	bool ingress_class_field;   /* spec.ingressClassName rather than the annotation */
};

bool version_parse(struct patterns *p, const char *text, size_t len, struct liqo_version *out);
struct version_traits version_traits(struct liqo_version v);

#endif
