/* What every edit of a run shares: the plan and the input it works from,
 * the YAML editor, and the record of what changed.
 *
 * Why a module below the edits: the Service, Ingress and load-balancer edits
 * each compare what the input holds with what a cell wants and write down
 * the difference the same way (a --check line, a warning when a value the
 * input held goes, a change record for --report). Keeping that here, with
 * the rule for an annotation the scenario wants, lets each edit be read and
 * tested on its own, and none of them calls back into the one that runs it. */
#ifndef LS_EDITCONTEXT_H
#define LS_EDITCONTEXT_H

#include <stdbool.h>

#include "changes.h"
#include "generation.h"
#include "inventory.h"
#include "loadbalancer.h"
#include "plan.h"
#include "version.h"
#include "yamledit.h"

struct edit_context {
	const struct plan *plan;
	struct inventory *inv;
	struct patterns *pat;
	struct liqo_version version;
	struct version_traits traits;
	const struct generation *gen;
	struct yedit edit;
	struct buf changes;          /* one line per change */
	struct change_list records;  /* the same changes as data */
	enum component serving;      /* the cell the edits being made serve */
	struct buf notes;            /* warnings for stderr, one per line */
	bool auth_tls;               /* the auth container serves TLS (--enable-tls) */
	const struct lb_settings *lb;  /* NULL: no load-balancer settings */
	bool check;                  /* --check: the changes are listed, none made, so none is warned of */
};

/* Records a difference between what the input holds and what the cell
 * wants (what --check lists); found or wanted NULL: the field is absent
 * there. When `why` is given and the input held a value, its removal or
 * replacement is also a warning: nothing a user set disappears without a
 * word. Under --check nothing disappears, and the difference already names
 * the value: no warning. */
int edit_changed(struct edit_context *ec, const struct found_doc *f, const char *field, const char *found,
		 const char *wanted, const char *why);
/* Records that the whole object f goes; `why` as for edit_changed. */
int edit_removed_object(struct edit_context *ec, const struct found_doc *f, const char *why);
/* Records a change as data only (edit_changed also does): for a document
 * the scenario adds (document 0), which --check words on its own. Returns 0,
 * or -1 when memory is exhausted. */
int edit_record(struct edit_context *ec, size_t document, const char *kind, const char *name, const char *field,
		const char *found, const char *wanted);
/* "out of memory" as the run's error; returns -1. */
int edit_out_of_memory(struct edit_context *ec);

/* Annotations one edit adds or replaces on one annotations mapping. The
 * rendered values are its own; free it with annotation_change_free. */
struct annotation_change {
	struct kv *kvs;
	char **values;
	size_t count, cap;
};
/* Wants key at value (NULL: absent) in the mapping `annotations` of f
 * (NULL when it has none); a difference is recorded and added to ac. */
int edit_want_annotation(struct edit_context *ec, const struct found_doc *f, const struct ynode *annotations,
			 struct annotation_change *ac, const char *key, const char *value, const char *why);
/* Writes ac into metadata.annotations (one edit) and frees it. */
int edit_apply_annotations(struct edit_context *ec, const struct ynode *metadata, struct annotation_change *ac);
void annotation_change_free(struct annotation_change *ac);

/* The file name a document the scenario adds is filed under: the anchor's
 * folder (its "# Source:" comment, or on Helm 4 its postrender-filename
 * annotation) and `suffix`; empty where the anchor names none. */
int edit_file_beside_anchor(struct edit_context *ec, const char *suffix, struct buf *out);

/* A node's text for messages and records: NULL when the node is absent or
 * null, "(not a plain value)" for a collection. */
const char *edit_scalar_text(const struct ynode *n);
/* The ports entry that carries the protocol (the first one without it). */
const struct ynode *edit_pick_port(const struct ynode *ports, const char *protocol);
/* A number as Kubernetes reads the node (see yamlint.h): plain and untagged;
 * a quoted "32443" is a string there. */
bool edit_integer(const struct ynode *n, long *out);
bool edit_integer_is(const struct ynode *n, long want);

#endif
