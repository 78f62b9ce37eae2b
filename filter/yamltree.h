/* A YAML stream as trees of nodes that remember where their bytes are.
 *
 * Why: the editor needs each node's byte range in the input (see
 * yamlnode.h), and the libfyaml release this builds on exposes marks on
 * parser events, not on document nodes, so the tree is built here from
 * events. Aliases are kept as alias nodes and never expanded, which makes
 * alias bombs harmless. */
#ifndef LS_YAMLTREE_H
#define LS_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "yamlnode.h"

struct ylimits {
	size_t max_documents;
	size_t max_depth;
	size_t max_aliases; /* 0: the file takes no alias at all (profiles, config files) */
};

/* Called once per document, after its end is known. Set *keep to take
 * ownership of doc (release it with ydoc_free); otherwise it is reused. */
typedef int (*ydoc_fn)(void *ctx, struct ydoc *doc, bool *keep, struct ls_error *err);

/* kinds, when not NULL, lists the `kind:` values whose documents get whole
 * trees; of any other document only what precedes its kind is built (it is
 * still parsed and checked in full). Most of a chart is RBAC and CRDs. */
int yparse_stream(const char *name, const char *input, size_t len, const struct ylimits *limits,
		  const char *const *kinds, ydoc_fn on_document, void *ctx, struct ls_error *err);
/* A settings file that must hold one YAML document (a profile, a provider
 * preset, a config file): *doc gets it, NULL for an empty file (release it
 * with ydoc_free, also after an error). `what` names the kind of file in the
 * message for a second document. A file the user wrote is a usage error
 * (exit 2), not an input error, when it is malformed. */
int yparse_document(const char *origin, const char *text, size_t len, const struct ylimits *limits,
		    const char *what, struct ydoc **doc, struct ls_error *err);
void ydoc_free(struct ydoc *doc);

#endif
