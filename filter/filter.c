/* See filter.h. The order matters: everything about the command line is
 * checked before the input is looked at, and the whole input is parsed and
 * checked before a single splice is applied. */
#include "filter.h"

#include <stdint.h>
#include <string.h>

#include "explain.h"
#include "inventory.h"
#include "plan.h"
#include "scenario.h"

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

static int encoding_error(const char *name, const char *input, size_t pos, const char *what, struct ls_error *err)
{
	size_t line = 1, column = 1;
	for (size_t i = 0; i < pos; i++) {
		if (input[i] == '\n')
			line++, column = 1;
		else if (((unsigned char)input[i] & 0xC0) != 0x80)
			column++;
	}
	return err_set(err, LS_EXIT_INPUT, "%s: document %zu: line %zu:%zu: %s", name, document_at(input, pos),
		       line, column, what);
}

static size_t utf8_sequence(const unsigned char *p, size_t left)
{
	unsigned char c = p[0];
	size_t n = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
	if (n == 0 || n > left || (n == 2 && c < 0xC2))
		return 0;
	for (size_t i = 1; i < n; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if (n == 3) {
		unsigned cp = (c & 0x0F) << 12 | (p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))
			return 0;
	}
	if (n == 4) {
		unsigned cp = (unsigned)(c & 0x07) << 18 | (p[1] & 0x3F) << 12 | (p[2] & 0x3F) << 6 | (p[3] & 0x3F);
		if (cp < 0x10000 || cp > 0x10FFFF)
			return 0;
	}
	return n;
}

/* YAML streams are Unicode text; libfyaml alone lets some bad bytes through,
 * and a NUL would end a C string early in any consumer of the output. */
static int check_encoding(const char *name, const char *input, size_t len, struct ls_error *err)
{
	const unsigned char *p = (const unsigned char *)input;
	const uint64_t high = 0x8080808080808080ull, ones = 0x0101010101010101ull;
	for (size_t i = 0; i < len;) {
		uint64_t word;
		if (len - i >= 8 && (memcpy(&word, p + i, 8), (word & high) == 0 && ((word - ones) & ~word & high) == 0)) {
			i += 8;
			continue;
		}
		if (p[i] > 0 && p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] == 0)
			return encoding_error(name, input, i, "NUL byte in the input", err);
		size_t n = utf8_sequence(p + i, len - i);
		if (n == 0)
			return encoding_error(name, input, i, "invalid UTF-8", err);
		i += n;
	}
	return 0;
}

static const char *line_ending(const char *input, size_t len)
{
	const char *nl = memchr(input, '\n', len);
	return nl && nl > input && nl[-1] == '\r' ? "\r\n" : "\n";
}

static int run_scenario(const struct settings *s, const struct plan *plan, struct patterns *pat,
			const char *name, const char *input, size_t len, struct filter_result *result,
			struct ls_error *err)
{
	struct inventory inv = {.input_name = name, .pat = pat};
	struct scenario sc = {
		.plan = plan, .inv = &inv, .pat = pat,
		.edit = {.input = input, .len = len, .eol = line_ending(input, len), .splices = &result->splices,
			 .err = err, .name = name},
	};
	int rc = yparse_stream(name, input, len, &s->limits, inventory_kinds, inventory_take, &inv, err);
	if (rc == 0)
		rc = scenario_apply(&sc, s->liqo_version, err);
	if (rc == 0 && s->explain && explain_render(&sc, &result->report) < 0)
		rc = err_set(err, LS_EXIT_IO, "out of memory");
	if (rc == 0)
		rc = yedit_finish(&sc.edit);
	int laid_out = rc == 0 ? splices_lay_out(&result->splices, input, len, &result->output) : 0;
	if (laid_out == -1)
		rc = err_set(err, LS_EXIT_IO, "internal error: two edits claim the same bytes");
	else if (laid_out < 0)
		rc = err_set(err, LS_EXIT_IO, "out of memory");
	result->changes = sc.changes;
	result->change_count = sc.change_count;
	buf_append(&result->notes, sc.notes.data, sc.notes.len);
	buf_free(&sc.notes);
	yedit_free(&sc.edit);
	inventory_free(&inv);
	return rc;
}

int filter_run(const struct settings *s, const struct profile_set *profiles, const char *name,
	       const char *input, size_t len, struct filter_result *result, struct ls_error *err)
{
	memset(result, 0, sizeof(*result));
	struct patterns *pat = patterns_new(err);
	if (!pat)
		return -1;
	struct plan plan;
	int rc = plan_resolve(s, profiles, pat, &plan, &result->notes, err);
	if (rc == 0 && len > s->max_input_size)
		rc = err_set(err, LS_EXIT_INPUT, "%s: input exceeds --max-input-size=%zu bytes", name, s->max_input_size);
	if (rc == 0)
		rc = check_encoding(name, input, len, err);
	if (rc == 0)
		rc = run_scenario(s, &plan, pat, name, input, len, result, err);
	patterns_free(pat);
	if (rc < 0) {
		pieces_free(&result->output);
		splices_free(&result->splices);
	}
	return rc;
}

void filter_result_free(struct filter_result *result)
{
	pieces_free(&result->output);
	splices_free(&result->splices);
	buf_free(&result->notes);
	buf_free(&result->changes);
	buf_free(&result->report);
}
