/* See text.h. Most of a chart is ASCII without control characters, so eight
 * bytes at a time are checked with word arithmetic and only words holding a
 * line end, a control character or a non-ASCII byte are looked at one by one. */
#include "text.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "utf8.h"

static size_t document_at(const char *input, size_t pos)
{
	size_t number = 1;
	bool counted_first = false;
	for (size_t i = 0; i < pos; i++) {
		bool line_start = i == 0 || input[i - 1] == '\n';
		if (line_start && i + 3 <= pos && memcmp(input + i, "---", 3) == 0 &&
		    (i + 3 == pos || strchr(" \t\r\n", input[i + 3]))) {
			if (i > 0 || counted_first)
				number++;
			counted_first = true;
		}
	}
	return number;
}

/* Lines are counted by LF only: nothing before pos holds another line end.
 * what may hold one %X conversion, filled with the code point. */
static int text_error(const char *name, const char *input, size_t pos, const char *what, unsigned cp,
		      struct ls_error *err)
{
	char described[160];
	snprintf(described, sizeof(described), what, cp);
	size_t line = 1, column = 1;
	for (size_t i = 0; i < pos; i++) {
		if (input[i] == '\n')
			line++, column = 1;
		else if (((unsigned char)input[i] & 0xC0) != 0x80)
			column++;
	}
	return err_set(err, LS_EXIT_INPUT, "%s: document %zu: line %zu:%zu: %s", name, document_at(input, pos),
		       line, column, described);
}

/* What is wrong with the character at p (ASCII, or a decoded code point),
 * NULL when YAML prints it and the editor's lines agree with the parser's. */
static const char *refusal(unsigned cp, const unsigned char *p, size_t left)
{
	if (cp == 0)
		return "NUL byte in the input";
	if (cp == '\r')
		return left > 1 && p[1] == '\n' ? NULL : "carriage return without a line feed: only LF and CRLF line ends are supported";
	if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
		return "NEL, LS or PS character, which YAML 1.1 parsers read as a line end: only LF and CRLF line ends are supported";
	if ((cp < 0x20 && cp != '\t' && cp != '\n') || (cp >= 0x7F && cp <= 0x9F) || cp == 0xFFFE || cp == 0xFFFF)
		return "non-printable character U+%04X: YAML allows only printable characters";
	return NULL;
}

/* True when the eight bytes are ASCII, printable, tab or LF. Each byte's low
 * seven bits plus a constant reaches 0x80 exactly when they are at least the
 * bound, and never carries into the next byte, so every test is exact. */
static bool plain_ascii_word(const unsigned char *p)
{
	const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
	uint64_t word;
	memcpy(&word, p, 8);
	uint64_t low7 = word & ~high;
	uint64_t at_least_space = low7 + (0x80 - 0x20) * ones;
	uint64_t at_least_tab = low7 + (0x80 - '\t') * ones;
	uint64_t past_lf = low7 + (0x80 - '\n' - 1) * ones;
	uint64_t del = low7 + ones;
	uint64_t tab_or_lf = at_least_tab & ~past_lf;
	uint64_t bad = word | (~at_least_space & ~tab_or_lf) | del;
	return (bad & high) == 0;
}

static bool blank_or_end(const char *input, size_t len, size_t pos)
{
	return pos >= len || input[pos] == ' ' || input[pos] == '\t' || input[pos] == '\n' || input[pos] == '\r';
}

/* libfyaml 0.7.12 frees a key twice, and crashes when the parser is freed,
 * after `:` and a tab before a block indicator (`? a:\t|`) inside an explicit
 * key. Only a stream with a `?` indicator and a tab can hold that; the first
 * `:` that a tab separates from `| > ? : -` is refused, which may refuse such
 * a value outside an explicit key too (YAML allows the tab there). Returns
 * the position of that `:`, or len. */
static size_t tab_before_indicator(const char *input, size_t len)
{
	if (!memchr(input, '\t', len))
		return len;
	bool explicit_key = false;
	for (const char *q = input; !explicit_key && (q = memchr(q, '?', (size_t)(input + len - q))); q++)
		explicit_key = blank_or_end(input, len, (size_t)(q - input) + 1);
	if (!explicit_key)
		return len;
	for (const char *t = input; (t = memchr(t, '\t', (size_t)(input + len - t))); t++) {
		size_t colon = (size_t)(t - input), after = colon;
		while (colon > 0 && (input[colon - 1] == ' ' || input[colon - 1] == '\t'))
			colon--;
		while (after < len && (input[after] == ' ' || input[after] == '\t'))
			after++;
		if (colon == 0 || input[colon - 1] != ':' || after == len || !strchr("|>?:-", input[after]))
			continue;
		if (input[after] != '-' || blank_or_end(input, len, after + 1))
			return colon - 1;
	}
	return len;
}

int text_check(const char *name, const char *input, size_t len, struct ls_error *err)
{
	size_t tab_at = tab_before_indicator(input, len);
	if (tab_at < len)
		return text_error(name, input, tab_at, "a tab between ':' and a block indicator in a stream with "
				  "explicit keys (?): write spaces there", 0, err);
	const unsigned char *p = (const unsigned char *)input;
	for (size_t i = 0; i < len;) {
		if (len - i >= 8 && plain_ascii_word(p + i)) {
			i += 8;
			continue;
		}
		unsigned cp = p[i];
		size_t n = cp < 0x80 ? 1 : utf8_sequence(p + i, len - i, &cp);
		if (n == 0)
			return text_error(name, input, i, "invalid UTF-8", 0, err);
		const char *why = cp >= 0x20 && cp < 0x7F ? NULL : refusal(cp, p + i, len - i);
		if (why)
			return text_error(name, input, i, why, cp, err);
		i += n;
	}
	return 0;
}
