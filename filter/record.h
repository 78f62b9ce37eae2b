/* --record: the ConfigMap liqo-scenario, added to the manifests, that keeps
 * what the scenario decided where a Helm user can read it after the install.
 *
 * Why: Helm 3 discards a post-renderer's standard error when it succeeds and
 * Helm 4 never shows a plugin's, so the explanation and, on Liqo v1, the
 * peering plan (the liqoctl commands to run) would otherwise never reach the
 * person who installed the chart. Kept in the cluster, `kubectl -n liqo get
 * configmap liqo-scenario -o jsonpath='{.data.explanation}'` prints it long
 * after the install.
 *
 * The ConfigMap is the scenario's: written whole by every run with --record,
 * removed (with a warning) by a run without it, compared by --check. It holds
 * nothing that depends on the time or on the input's earlier state (no
 * timestamps, and a report without the run's changes and warnings), so a
 * second run over the output writes the same bytes. */
#ifndef LS_RECORD_H
#define LS_RECORD_H

#include "buf.h"
#include "editcontext.h"
#include "options.h"

/* What the record holds besides the flags, each built by its own module. */
struct record_texts {
	const char *liqo_version;      /* "v1.2.0" */
	const struct buf *explanation; /* explain_render's */
	const struct buf *report;      /* report_render's, without changes and warnings */
};

/* With --record: the ConfigMap added, or replaced where it differs. Without:
 * an earlier run's ConfigMap removed, with a warning. */
int record_apply(struct edit_context *ec, const struct settings *s, const struct record_texts *texts);

/* The flags that decided the output, as one shell-quoted command line in the
 * order --help lists them; what only says where output goes (-o, --report,
 * --explain-file), how to report (--explain, --check) or guards the input
 * (--max-*) is left out. Returns 0, or -1 when memory is exhausted. */
int record_flags(const struct settings *s, struct buf *out);

#endif
