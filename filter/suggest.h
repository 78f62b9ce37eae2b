/* "Did you mean": the nearest of a set of known words to a mistyped one.
 *
 * Why: a flag, a profile name or a cell word typed slightly wrong is the
 * commonest usage error, and the list of every valid word is long; naming the
 * one that was meant sends the user straight to the fix. Distance is the
 * optimal string alignment distance (an insertion, a deletion, a changed
 * letter or two letters swapped each count one), case-insensitive. */
#ifndef LS_SUGGEST_H
#define LS_SUGGEST_H

#include <stddef.h>

/* Gathers candidates for one mistyped word; the closest one wins, the first
 * of equals. Words longer than SUGGEST_WORD_MAX are never suggested. */
enum { SUGGEST_WORD_MAX = 63 };

struct suggestion {
	const char *typed;
	size_t typed_len;
	const char *best;   /* NULL until a candidate is close enough */
	size_t best_distance;
};

void suggest_start(struct suggestion *s, const char *typed, size_t typed_len);
/* Offers one known word (the pointer is kept: it must outlive the suggestion). */
void suggest_offer(struct suggestion *s, const char *candidate);
/* The nearest word, if it is near enough to have been meant: at most one
 * edit for words up to four letters, two up to eight, three beyond; else NULL. */
const char *suggest_best(const struct suggestion *s);
/* How many edits away a word of that length may be to be suggested. */
size_t suggest_reach(size_t typed_len);
/* The edit distance between two words, case-insensitive. */
size_t suggest_distance(const char *a, size_t a_len, const char *b, size_t b_len);

#endif
