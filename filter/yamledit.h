/* Edits on a parsed YAML document, expressed as byte splices.
 *
 * Why: this is where "change only the lines that carry a change" lives. Each
 * operation looks at how the surrounding YAML is written (block or flow,
 * indentation, null written as nothing, quoting) and produces the smallest
 * splice that a person writing the file by hand would have made. */
#ifndef LS_YAMLEDIT_H
#define LS_YAMLEDIT_H

#include <stdbool.h>

#include "buf.h"
#include "error.h"
#include "splice.h"
#include "yamlflow.h"
#include "yamlnode.h"

struct yedit {
	const char *input;
	size_t len;
	const char *eol; /* the input's own line ending */
	struct splices *splices;
	struct ls_error *err;
	const char *name;
	size_t document;
	struct buf scratch;
	struct flow_edits flows;
	bool final_newline_added;
};

/* A key and its new value, already rendered as YAML; value NULL removes it. */
struct kv {
	const char *key;
	const char *value;
};

int yedit_map_apply(struct yedit *e, const struct ynode *map, const struct kv *kvs, size_t n);
/* Like yedit_map_apply on parent[child], creating or filling the child map
 * when it is absent or null. */
int yedit_child_map_apply(struct yedit *e, const struct ynode *parent, const char *child,
			  const struct kv *kvs, size_t n);
/* Appends rendered items to the list at parent[key], creating it if absent. */
int yedit_seq_append(struct yedit *e, const struct ynode *parent, const char *key,
		     const char *const *items, size_t n);
/* Inserts rendered items after `item` of the list seq (item NULL: at its
 * end). A flow list gets them at its end: it is written anew from its
 * entries, which keep their order. */
int yedit_seq_insert_after(struct yedit *e, const struct ynode *seq, const struct ynode *item,
			   const char *const *items, size_t n);
int yedit_seq_remove(struct yedit *e, const struct ynode *seq, const struct ynode *item);
int yedit_seq_replace(struct yedit *e, const struct ynode *seq, const struct ynode *item, const char *text);
/* Writes the flow collections edited so far; call once, after all edits. */
int yedit_finish(struct yedit *e);
void yedit_free(struct yedit *e);
int yedit_replace(struct yedit *e, const struct ynode *node, const char *rendered);
/* Re-renders text in the quoting style node already uses where that is
 * possible, so a changed value keeps the look of the one it replaces. */
int yedit_set_scalar(struct yedit *e, const struct ynode *node, const char *text);

int yedit_shape_error(struct yedit *e, const struct ynode *node, const char *what);
/* "expected WANTED here, found ...", naming an alias or an anchor or tag
 * where one is what stands in the way. */
int yedit_wrong_shape(struct yedit *e, const struct ynode *node, const char *wanted);
size_t yedit_line_start(const struct yedit *e, size_t pos);
/* The ending ("\n" or "\r\n") of the last line that ends before pos, or the
 * input's own where none does: lines placed at pos end with it, so a file
 * that mixes LF and CRLF keeps each region as it was. */
const char *yedit_eol_before(const struct yedit *e, size_t pos);
size_t yedit_next_line(const struct yedit *e, size_t pos);

#endif
