/* A list of byte splices over one input buffer, applied in a single pass.
 *
 * Why: byte fidelity means the output is the input with a few ranges
 * replaced; collecting the splices first and laying the output out once keeps
 * the cost linear in the input however many edits a run makes, and lets the
 * whole output be known before anything is written. The layout is a list of
 * pieces pointing into the input and the replacement texts, written with one
 * gathering write: copying a chart into a second buffer, fresh pages to fault
 * in for every byte, was about 3% of a run. */
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

/* Output bytes that live elsewhere: in the input or in a splice list. */
struct piece {
	const char *data;
	size_t len;
};

struct pieces {
	struct piece *items;
	size_t count;
	size_t total; /* bytes in all pieces */
};

int splices_add(struct splices *list, size_t at, size_t removed, const char *text, size_t len);
/* Lines inserted at one place by a nested mapping and by its parent must
 * come out innermost first: the rank is how deeply the lines are indented. */
int splices_add_ranked(struct splices *list, size_t at, size_t removed, const char *text, size_t len, int rank);
/* Lays out input-with-splices as pieces that borrow from input and from the
 * list, so both must outlive out. Returns -1 if two splices overlap, which
 * would mean two edits claim the same bytes, -2 when out of memory. */
int splices_lay_out(struct splices *list, const char *input, size_t len, struct pieces *out);
/* The same, copied into one buffer. */
int splices_apply(struct splices *list, const char *input, size_t len, struct buf *out);
int pieces_join(const struct pieces *pieces, struct buf *out);
void pieces_free(struct pieces *pieces);
void splices_free(struct splices *list);

#endif
