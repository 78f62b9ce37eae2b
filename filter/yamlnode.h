/* The nodes of a parsed YAML document, with the bytes they came from.
 *
 * Why: the filter must change a few scalars and insert a few lines while
 * every other byte (comments, quoting, key order) stays as it was, so it
 * never re-emits YAML; it needs each node's byte range in the input. These
 * types are all that the tree builder, the queries and the editor share, so
 * none of them has to include another to name a node. */
#ifndef LS_YAMLNODE_H
#define LS_YAMLNODE_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"

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

#endif
