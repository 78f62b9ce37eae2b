/* A list of byte splices over one input buffer, applied in a single pass.
 *
 * Why: byte fidelity means the output is the input with a few ranges
 * replaced; collecting the splices first and copying once keeps the cost
 * linear in the input however many edits a run makes, and lets the whole
 * output exist in memory before anything is written. */
#ifndef LS_SPLICE_H
#define LS_SPLICE_H

#include <stddef.h>

#include "buf.h"

struct splice {
	size_t at;       /* first input byte replaced */
	size_t removed;  /* how many input bytes are replaced */
	char *text;      /* replacement, owned by the list's arena */
	size_t len;
	size_t order;    /* splices at the same place keep the order they were made */
	int rank;        /* among insertions at one place, higher ranks go first */
};

struct splices {
	struct splice *items;
	size_t count, cap;
	struct arena texts;
};

int splices_add(struct splices *list, size_t at, size_t removed, const char *text, size_t len);
/* Lines inserted at one place by a nested mapping and by its parent must
 * come out innermost first: the rank is how deeply the lines are indented. */
int splices_add_ranked(struct splices *list, size_t at, size_t removed, const char *text, size_t len, int rank);
/* Builds input-with-splices into out. Returns -1 if two splices overlap,
 * which would mean two edits claim the same bytes. */
int splices_apply(struct splices *list, const char *input, size_t len, struct buf *out);
void splices_free(struct splices *list);

#endif
