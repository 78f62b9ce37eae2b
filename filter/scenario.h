/* Applies a plan to the components of one input, as splices.
 *
 * Why one module: this is the translation of the seed's cells into Kubernetes
 * fields (Service type, node ports, Liqo's override annotations or arguments,
 * the advertised API server address, Ingresses). It records each change in
 * words as it makes it, which is what --check lists. */
#ifndef LS_SCENARIO_H
#define LS_SCENARIO_H

#include "changes.h"
#include "generation.h"
#include "inventory.h"
#include "loadbalancer.h"
#include "plan.h"
#include "version.h"
#include "yamledit.h"

struct scenario {
	const struct plan *plan;
	struct inventory *inv;
	struct patterns *pat;
	struct liqo_version version;
	struct version_traits traits;
	const struct generation *gen;  /* set by scenario_apply from traits */
	struct yedit edit;
	struct buf changes;  /* one line per change */
	struct change_list records;  /* the same changes as data */
	enum component serving;      /* the cell the edits being made serve */
	struct buf notes;    /* warnings for stderr, one per line */
	bool auth_tls;       /* the auth container serves TLS (--enable-tls) */
	const struct lb_settings *lb;  /* NULL: no load-balancer settings */
};

/* version and traits are set (generation_detect) before this is called. */
int scenario_apply(struct scenario *sc, struct ls_error *err);

/* Shared by the modules that make the scenario's edits. */

/* Records a difference between what the input holds and what the cell
 * wants (what --check lists). When `why` is given and the input held a value,
 * its removal or replacement is also a warning: nothing a user set disappears
 * without a word. `found` "present" stands for a whole object. */
int scenario_changed(struct scenario *sc, const struct found_doc *f, const char *field, const char *found,
		     const char *wanted, const char *why);
/* Records a change as data only (scenario_changed also does): for a document
 * the scenario adds (document 0), which --check words on its own. Returns 0,
 * or -1 when memory is exhausted. */
int scenario_record_change(struct scenario *sc, size_t document, const char *kind, const char *name,
			   const char *field, const char *found, const char *wanted);
/* Annotations one edit adds or replaces on one annotations mapping. */
enum { SCENARIO_MAX_ANNOTATIONS = LB_MAX_ANNOTATIONS + 4 };
struct annotation_change {
	struct kv kvs[SCENARIO_MAX_ANNOTATIONS];
	char values[SCENARIO_MAX_ANNOTATIONS][2 * LB_TEXT_MAX + 8];
	size_t count;
};
/* Wants key at value (NULL: absent) in the mapping `annotations` of f
 * (NULL when it has none); a difference is recorded and added to ac. */
int scenario_want_annotation(struct scenario *sc, const struct found_doc *f, const struct ynode *annotations,
			     struct annotation_change *ac, const char *key, const char *value, const char *why);
/* A node's text for messages: `absent` when there is none. */
const char *scenario_scalar_or(const struct ynode *n, const char *absent);
/* The ports entry that carries the protocol (the first one without it). */
const struct ynode *scenario_pick_port(const struct ynode *ports, const char *protocol);
/* The scenario's Ingresses: kept, rewritten, added or removed (scenario_ingress.c). */
int scenario_apply_ingresses(struct scenario *sc);

#endif
