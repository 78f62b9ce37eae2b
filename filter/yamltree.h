/* A YAML stream as trees of nodes that remember where their bytes are.
 *
 * Why: the filter must change a few scalars and insert a few lines while
 * every other byte (comments, quoting, key order) stays as it was, so it
 * never re-emits YAML; it needs each node's byte range in the input. The
 * libfyaml release this builds on exposes marks on parser events, not on
 * document nodes, so the tree is built here from events. Aliases are kept as
 * alias nodes and never expanded, which makes alias bombs harmless. */
#ifndef LS_YAMLTREE_H
#define LS_YAMLTREE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "error.h"

enum ynode_kind { YN_NULL, YN_SCALAR, YN_MAP, YN_SEQ, YN_ALIAS };

enum ynode_style {
	YS_PLAIN,
	YS_SINGLE,
	YS_DOUBLE,
	YS_LITERAL,
	YS_FOLDED,
	YS_BLOCK,
	YS_FLOW,
	YS_EMPTY, /* a null written as nothing at all (`key:`) */
	YS_FLOW_PAIR, /* a single-pair mapping written without braces inside a flow list */
};

struct ynode {
	enum ynode_kind kind;
	enum ynode_style style;
	bool has_anchor_or_tag;
	bool borrowed; /* text points into the input, unterminated, until the document is kept */
	int line, column; /* 0-based, of the first byte */
	size_t start, end; /* byte range; for a collection, through its last content */
	const char *text;  /* scalar value after unquoting, NUL-terminated */
	size_t len;
	struct ynode *first, *last, *next; /* children; a map alternates key, value */
	size_t count;
};

struct ydoc {
	size_t number;   /* 1-based position in the stream */
	size_t start;    /* first byte of the document, its `---` line if any */
	size_t end;      /* first byte of the next document, or the stream's end */
	struct ynode *root;
	struct arena arena;
};

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

/* Lookups that return NULL when the shape does not match. */
struct ynode *ymap_get(const struct ynode *map, const char *key);
struct ynode *ymap_key(const struct ynode *map, const char *key);
bool yscalar_is(const struct ynode *node, const char *text);
/* "a mapping", "a list", "text", "null" or "an alias", for messages. */
const char *ynode_kind_words(const struct ynode *node);

#endif
