/* See version.h. Facts from the chart renders of v0.3.2 to v0.10.3. */
#include "version.h"

#include <stdlib.h>

static const struct {
	int major, minor;
	struct version_traits traits;
} since[] = {
	{0, 0, {.override_annotations = false, .gateway_override = false, .ingress_class_field = false}},
	{0, 6, {.override_annotations = true, .gateway_override = true, .ingress_class_field = false}},
	{0, 8, {.override_annotations = true, .gateway_override = true, .ingress_class_field = true}},
};

bool version_parse(struct patterns *p, const char *text, size_t len, struct liqo_version *out)
{
	long g[8];
	if (!patterns_match(p, PAT_VERSION, text, len, g, 4))
		return false;
	out->major = atoi(text + g[2]);
	out->minor = atoi(text + g[4]);
	out->patch = g[6] >= 0 ? atoi(text + g[6]) : 0;
	return true;
}

struct version_traits version_traits(struct liqo_version v)
{
	struct version_traits traits = since[0].traits;
	for (size_t i = 0; i < sizeof(since) / sizeof(since[0]); i++)
		if (v.major > since[i].major || (v.major == since[i].major && v.minor >= since[i].minor))
			traits = since[i].traits;
	return traits;
}
