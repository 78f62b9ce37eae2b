/* See suggest.h. */
#include "suggest.h"

#include <ctype.h>
#include <string.h>

static int folded(char c) { return tolower((unsigned char)c); }

static size_t min3(size_t a, size_t b, size_t c)
{
	size_t m = a < b ? a : b;
	return m < c ? m : c;
}

/* Three rows of the dynamic-programming table suffice: the swap of two
 * letters looks two rows back. */
size_t suggest_distance(const char *a, size_t a_len, const char *b, size_t b_len)
{
	if (a_len > SUGGEST_WORD_MAX || b_len > SUGGEST_WORD_MAX)
		return (size_t)-1;
	size_t rows[3][SUGGEST_WORD_MAX + 2];
	size_t *two_back = rows[0], *previous = rows[1], *current = rows[2];
	for (size_t j = 0; j <= b_len; j++)
		previous[j] = j;
	for (size_t i = 1; i <= a_len; i++) {
		current[0] = i;
		for (size_t j = 1; j <= b_len; j++) {
			size_t change = folded(a[i - 1]) == folded(b[j - 1]) ? 0 : 1;
			current[j] = min3(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + change);
			if (i > 1 && j > 1 && folded(a[i - 1]) == folded(b[j - 2]) && folded(a[i - 2]) == folded(b[j - 1]) &&
			    two_back[j - 2] + 1 < current[j])
				current[j] = two_back[j - 2] + 1;
		}
		size_t *oldest = two_back;
		two_back = previous;
		previous = current;
		current = oldest;
	}
	return previous[b_len];
}

void suggest_start(struct suggestion *s, const char *typed, size_t typed_len)
{
	s->typed = typed;
	s->typed_len = typed_len;
	s->best = NULL;
	s->best_distance = (size_t)-1;
}

void suggest_offer(struct suggestion *s, const char *candidate)
{
	size_t d = suggest_distance(s->typed, s->typed_len, candidate, strlen(candidate));
	if (d < s->best_distance) {
		s->best = candidate;
		s->best_distance = d;
	}
}

size_t suggest_reach(size_t typed_len)
{
	return typed_len <= 4 ? 1 : typed_len <= 8 ? 2 : 3;
}

const char *suggest_best(const struct suggestion *s)
{
	return s->best && s->best_distance > 0 && s->best_distance <= suggest_reach(s->typed_len) ? s->best : NULL;
}
