/* The regular expressions of a run, compiled once.
 *
 * Why PCRE2: version labels come as "v0.10.3" or "liqo-v0.10.3", arguments as
 * "--flag=value" or a bare "--flag", and host names, addresses and URLs must be
 * checked before they are written into manifests that a cluster will apply;
 * these are pattern questions. Compiling them once per run, not per document,
 * keeps them off the per-document path. */
#ifndef LS_PATTERNS_H
#define LS_PATTERNS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

enum pattern_id {
	PAT_VERSION,       /* 1: major, 2: minor, 3: patch */
	PAT_HOST,          /* a DNS name as an Ingress host */
	PAT_ADDRESS,       /* an IPv4, IPv6 address or DNS name */
	PAT_API_URL,       /* [https://]host[:port]; 1: the port */
	PAT_DOTTED_QUAD,   /* four dot-separated numbers, as an address or URL host; 1-4: them */
	PAT_SOURCE,        /* 1: the file of a `# Source:` comment */
	PAT_OWNED_ARG,     /* 1: an argument the scenario owns, 2: its value */
	PAT_CHART_LABEL,   /* helm.sh/chart of the Liqo chart: liqo-VERSION */
	PAT_COUNT
};

struct patterns;

struct patterns *patterns_new(struct ls_error *err);
void patterns_free(struct patterns *p);
/* On a match fills up to `slots` (start, end) offset pairs of the groups,
 * group 0 first; an unset group is (-1, -1). */
bool patterns_match(struct patterns *p, enum pattern_id id, const char *text, size_t len,
		    long *offsets, size_t slots);

#endif
