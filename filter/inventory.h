/* Which documents of the input are the components a scenario edits.
 *
 * Why labels: renders with nameOverride or another release name change every
 * object name, but the chart has labelled these objects the same way in every
 * release since v0.3 (nameOverride changes only their part-of label). Only the documents found here are kept in memory; every
 * other document is parsed, checked and dropped. */
#ifndef LS_INVENTORY_H
#define LS_INVENTORY_H

#include <stdbool.h>

#include "patterns.h"
#include "yamltree.h"

enum slot {
	SLOT_AUTH_SERVICE, SLOT_GATEWAY_SERVICE, SLOT_AUTH_DEPLOYMENT, SLOT_CONTROLLER_MANAGER,
	SLOT_GATEWAY_TEMPLATE, /* Liqo v1: what every peering's gateway Service is made from */
	SLOT_CLUSTER_ID,       /* the ConfigMap that holds CLUSTER_ID (clusterid.h) */
	SLOT_RECORD,           /* the ConfigMap an earlier run with --record added (record.h) */
	SLOT_COUNT
};

struct found_doc {
	struct ydoc *doc;
	const struct ynode *root;
};

/* A further object some run edits (a provider preset's): the Liqo chart's
 * object of this kind whose app.kubernetes.io/name label is name. */
struct object_key {
	const char *kind;
	const char *name;
};

/* A node port some Service of the input already holds. */
struct taken_node_port {
	long port;
	size_t document;
	char *service;    /* its name, for messages; owned */
};

struct inventory {
	const char *input_name;
	struct patterns *pat;
	struct found_doc slots[SLOT_COUNT];
	struct found_doc *ingresses;
	size_t ingress_count;
	struct ydoc **kept;
	size_t kept_count;
	char *version;      /* a version label's text, owned; NULL if none seen */
	int version_rank;   /* how much that label is trusted: see note_version */
	bool helm4;         /* documents carry Helm 4's postrender-filename annotation */
	struct taken_node_port *node_ports; /* of every Service, components included */
	size_t node_port_count, node_port_cap;
	/* The further objects wanted (not owned) and where the input has each
	 * (owned array, one per key; doc NULL when absent). */
	const struct object_key *wanted;
	size_t wanted_count;
	struct found_doc *wanted_found;
	size_t documents;    /* documents that are not empty */
	size_t liqo_objects; /* objects labelled as the Liqo chart's (or with its chart label alone) */
};

extern const char *const slot_titles[SLOT_COUNT];
extern const char HELM4_FILENAME_KEY[];
/* The kinds of document the inventory looks into. */
extern const char *const inventory_kinds[];

/* Before the input is read: the further objects to find. Returns 0, or -1
 * when memory is exhausted. */
int inventory_want(struct inventory *inv, const struct object_key *keys, size_t count);
/* The kinds whose documents need whole trees: inventory_kinds and the
 * wanted objects' (at most `cap` - 1, then NULL); owned by the caller. */
size_t inventory_kinds_with_wanted(const struct inventory *inv, const char **out, size_t cap);
/* Whether an object's labels say the Liqo chart made it, under any
 * nameOverride: see inventory.c. */
bool inventory_is_liqo(struct patterns *pat, const struct ynode *labels);
/* A ydoc_fn: classifies each document and keeps the ones of interest. */
int inventory_take(void *ctx, struct ydoc *doc, bool *keep, struct ls_error *err);
/* An input with no document, or none of the Liqo chart's, is not a Liqo
 * render: an error that says so, whatever --liqo-version says. */
int inventory_require_liqo(const struct inventory *inv, struct ls_error *err);
void inventory_free(struct inventory *inv);
/* metadata.name of a document's root, or "?" */
const char *object_name(const struct ynode *root);

#endif
