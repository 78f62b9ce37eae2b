/* The regular expressions of a run, compiled once.
 *
 * Why PCRE2: version labels come as "v0.10.3" or "liqo-v0.10.3", arguments as
 * "--flag=value" or a bare "--flag"; these are pattern questions (addresses
 * are not: address.h reads them). Each pattern ends in \z, so nothing
 * follows a match, not even the final newline PCRE2's $ lets through.
 * Compiling them once per run, not per document, keeps them off the
 * per-document path. */
#ifndef LS_PATTERNS_H
#define LS_PATTERNS_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"

enum pattern_id {
	PAT_VERSION,       /* 1: major, 2: minor, 3: patch; a semver pre-release or build may follow */
	PAT_SOURCE,        /* 1: the file of a `# Source:` comment line */
	PAT_OWNED_ARG,     /* 1: an argument the scenario owns, 2: its value */
	PAT_CHART_LABEL,   /* helm.sh/chart of the Liqo chart: liqo-VERSION */
	PAT_COUNT
};

struct patterns;

/* Compiles every pattern and readies the match data, so that matching
 * allocates nothing: NULL with "out of memory" when that fails. */
struct patterns *patterns_new(struct ls_error *err);
void patterns_free(struct patterns *p);
/* On a match fills up to `slots` (start, end) offset pairs of the groups,
 * group 0 first; an unset group is (-1, -1). */
bool patterns_match(struct patterns *p, enum pattern_id id, const char *text, size_t len,
		    long *offsets, size_t slots);

#endif
