/* See version.h. Facts from the chart renders of v0.3.2 to v0.10.3 and of
 * v1.0.0 to v1.2.0. */
#include "version.h"

#include <stdlib.h>

const char VERSION_RANGE[] = "v0.3 to v1.x";

static const struct {
	int major, minor;
	struct version_traits traits;
} since[] = {
	{0, 3, {GEN_V0_ARGUMENTS, .ingress_class_field = false}},
	{0, 6, {GEN_V0_ANNOTATIONS, .ingress_class_field = false}},
	{0, 8, {GEN_V0_ANNOTATIONS, .ingress_class_field = true}},
	{1, 0, {GEN_V1, .ingress_class_field = true}},
};

/* The release lines this program knows, with the newest minor its tests
 * cover; a later minor of the same line is applied as that one. */
static const struct liqo_version newest_tested[] = {{0, 10, 3}, {1, 2, 0}};

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

bool version_at_least(struct liqo_version v, int major, int minor)
{
	return v.major > major || (v.major == major && v.minor >= minor);
}

struct version_traits version_traits(struct liqo_version v)
{
	struct version_traits traits = since[0].traits;
	for (size_t i = 0; i < sizeof(since) / sizeof(since[0]); i++)
		if (version_at_least(v, since[i].major, since[i].minor))
			traits = since[i].traits;
	return traits;
}

enum version_support version_support(struct liqo_version v, struct liqo_version *newest)
{
	if (!version_at_least(v, since[0].major, since[0].minor))
		return VERSION_UNSUPPORTED;
	for (size_t i = 0; i < sizeof(newest_tested) / sizeof(newest_tested[0]); i++) {
		if (v.major != newest_tested[i].major)
			continue;
		*newest = newest_tested[i];
		return v.minor > newest_tested[i].minor ? VERSION_UNTESTED : VERSION_TESTED;
	}
	return VERSION_UNSUPPORTED;
}
