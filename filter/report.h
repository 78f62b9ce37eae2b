/* --report: the run as one JSON object (doc/report.schema.json).
 *
 * Why: the tools around a post-renderer (a CI job that comments on a pull
 * request, a dashboard of clusters) need what --explain and --check say as
 * data, not as text to scrape. It is written from the same plan, reach,
 * peering plan and change records as those, so it cannot say otherwise. */
#ifndef LS_REPORT_H
#define LS_REPORT_H

#include <stdbool.h>

#include "buf.h"
#include "outcome.h"

/* warnings: the run's warnings, one per line. check: the run is --check,
 * so the changes are also listed as its differences. Returns 0 or -1 when
 * memory is exhausted. */
int report_render(const struct outcome *run, const struct buf *warnings, bool check, struct buf *out);

#endif
