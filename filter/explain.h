/* --explain: the scenario in the seed's words, for the people who must make
 * the network match it.
 *
 * Why: the manifests say "NodePort 32443"; the network admin needs "forward
 * TCP 203.0.113.10:8443 to any node's IP:32443". The report is written from
 * the same plan the edits were made from, so the two cannot disagree. */
#ifndef LS_EXPLAIN_H
#define LS_EXPLAIN_H

#include "outcome.h"

int explain_render(const struct outcome *run, struct buf *out);
/* The provider's node-port range and the load-balancer settings the
 * Services took, as the lines the text explanation ends with (also read by
 * the Markdown one). */
int explain_load_balancers(const struct outcome *run, struct buf *out);

#endif
