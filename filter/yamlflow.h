/* Edits inside flow collections ({...} or [...]), collected and written
 * once, after all edits.
 *
 * Why: removing two neighbours of "a, b, c" as separate splices would fight
 * over the commas between them, and an edit to {b: 1} inside {a: {b: 1}} is
 * part of the outer collection's new text, not a splice of its own. So a
 * flow collection is never spliced into: it is written anew from its entries'
 * bytes and the changes made to it. */
#ifndef LS_YAMLFLOW_H
#define LS_YAMLFLOW_H

#include <stdbool.h>
#include <stddef.h>

#include "buf.h"
#include "yamlnode.h"

struct flow_change {
	const struct ynode *entry; /* a map's key or a list's item; NULL appends */
	char *text;                /* new value or item (owned); NULL removes the entry */
};

struct flow_edit {
	const struct ynode *collection;
	struct flow_change *changes;
	size_t count;
};

/* Every collection edited so far; the edits and their texts are owned here. */
struct flow_edits {
	struct flow_edit *edits;
	size_t count;
};

enum { FLOW_ENTRY_EMPTY = -2 };

/* Records a change to collection: entry NULL appends text, text NULL removes
 * entry. 0; -1 out of memory; FLOW_ENTRY_EMPTY when the collection has an
 * entry written as nothing, which has no bytes to copy (it is refused rather
 * than guessed at). */
int flow_edits_add(struct flow_edits *f, const struct ynode *collection, const struct ynode *entry,
		   const char *text);
/* Whether edit i lies inside another edited collection, which writes it. */
bool flow_edits_nested(const struct flow_edits *f, size_t i);
/* Appends edit i's collection as it reads after its changes (and those of
 * the collections inside it) to out; -1 out of memory. */
int flow_edits_render(const struct flow_edits *f, size_t i, const char *input, struct buf *out);
void flow_edits_free(struct flow_edits *f);

#endif
