/* The tree builder: positions, texts, limits and the checks it adds to
 * libfyaml's event parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "yamlquery.h"
#include "yamltree.h"

struct kept {
	struct ydoc *docs[4];
	size_t count;
};

static int keep_all(void *ctx, struct ydoc *doc, bool *keep, struct ls_error *err)
{
	(void)err;
	struct kept *k = ctx;
	k->docs[k->count++] = doc;
	*keep = true;
	return 0;
}

static int parse_kinds(const char *text, const char *const *kinds, struct kept *k, struct ls_error *err)
{
	struct ylimits limits = {4, 16, 4};
	memset(k, 0, sizeof(*k));
	memset(err, 0, sizeof(*err));
	return yparse_stream("t", text, strlen(text), &limits, kinds, keep_all, k, err);
}

static int parse(const char *text, struct kept *k, struct ls_error *err)
{
	return parse_kinds(text, NULL, k, err);
}

static void release(struct kept *k)
{
	for (size_t i = 0; i < k->count; i++)
		ydoc_free(k->docs[i]);
}

static void quoted_scalars_are_unquoted_and_located(void **state)
{
	(void)state;
	const char *text = "a: 'x''y'\nb: 'one\n  two'\nc: 'p\n\n  q'\nd: \"t\\tu\"\ne: ''''''''\n";
	struct kept k;
	struct ls_error err;
	assert_int_equal(parse(text, &k, &err), 0);
	const struct ynode *root = k.docs[0]->root;
	assert_string_equal(ymap_get(root, "a")->text, "x'y");
	assert_string_equal(ymap_get(root, "b")->text, "one two");
	assert_string_equal(ymap_get(root, "c")->text, "p\nq");
	assert_string_equal(ymap_get(root, "d")->text, "t\tu");
	assert_string_equal(ymap_get(root, "e")->text, "'''");
	const struct ynode *a = ymap_get(root, "a");
	assert_memory_equal(text + a->start, "'x''y'", a->end - a->start);
	release(&k);
}

static void documents_know_their_bytes(void **state)
{
	(void)state;
	const char *text = "---\n# one\na: 1\n---\nb: [1, 2]\n";
	struct kept k;
	struct ls_error err;
	assert_int_equal(parse(text, &k, &err), 0);
	assert_int_equal(k.count, 2);
	assert_int_equal(k.docs[0]->start, 0);
	assert_int_equal(k.docs[0]->end, 15);
	assert_int_equal(k.docs[1]->start, 15);
	assert_int_equal(k.docs[1]->end, strlen(text));
	const struct ynode *flow = ymap_get(k.docs[1]->root, "b");
	assert_int_equal(flow->style, YS_FLOW);
	assert_memory_equal(text + flow->start, "[1, 2]", 6);
	release(&k);
}

static void duplicates_and_limits_are_errors(void **state)
{
	(void)state;
	struct kept k;
	struct ls_error err;
	assert_int_equal(parse("a: 1\nb: 2\n'a': 3\n", &k, &err), -1);
	assert_int_equal(err.code, LS_EXIT_INPUT);
	assert_non_null(strstr(err.message, "line 3:1: duplicate key 'a'"));
	release(&k);
	assert_int_equal(parse("a: [[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]\n", &k, &err), -1);
	assert_non_null(strstr(err.message, "--max-depth=16"));
	release(&k);
	assert_int_equal(parse("a: &x 1\nb: [*x, *x, *x, *x, *x]\n", &k, &err), -1);
	assert_non_null(strstr(err.message, "--max-aliases=4"));
	release(&k);
	assert_int_equal(parse("a\n---\nb\n---\nc\n---\nd\n---\ne\n", &k, &err), -1);
	assert_non_null(strstr(err.message, "document 5"));
	release(&k);
}

/* Keys of n entries k0..k(n-1), with `extra` appended as one more line. */
static char *mapping_of(size_t n, const char *extra)
{
	size_t cap = n * 16 + strlen(extra) + 1, len = 0;
	char *text = malloc(cap);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(text + len, cap - len, "k%zu: %zu\n", i, i);
	snprintf(text + len, cap - len, "%s", extra);
	return text;
}

/* Small mappings are checked by a scan, large ones by a hash set; both must
 * find a duplicate wherever it is, and nesting must not mix the keys of a
 * mapping with those of the one around it. */
static void duplicates_are_found_in_mappings_of_any_size(void **state)
{
	(void)state;
	struct kept k;
	struct ls_error err;
	const size_t sizes[] = {1, 11, 12, 13, 40, 1000};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		char *unique = mapping_of(sizes[i], "other: 1\n");
		assert_int_equal(parse(unique, &k, &err), 0);
		release(&k);
		free(unique);
		char *first_again = mapping_of(sizes[i], "k0: again\n");
		assert_int_equal(parse(first_again, &k, &err), -1);
		assert_non_null(strstr(err.message, "duplicate key 'k0'"));
		release(&k);
		free(first_again);
		char last[32];
		snprintf(last, sizeof(last), "k%zu: again\n", sizes[i] - 1);
		char *last_again = mapping_of(sizes[i], last);
		assert_int_equal(parse(last_again, &k, &err), -1);
		assert_non_null(strstr(err.message, "duplicate key"));
		release(&k);
		free(last_again);
	}
	assert_int_equal(parse("a: {a: 1, b: {a: 2}}\nb: [{a: 1}, {a: 2}]\nc: 3\n", &k, &err), 0);
	release(&k);
	assert_int_equal(parse("a:\n  b: 1\n  c: {d: 1}\n  d: 2\nb: 1\na: 2\n", &k, &err), -1);
	assert_non_null(strstr(err.message, "line 6:1: duplicate key 'a'"));
	release(&k);
	assert_int_equal(parse("x:\n  b: 1\n  c: {d: 1, b: 1}\n  d: 2\n  b: 3\n", &k, &err), -1);
	assert_non_null(strstr(err.message, "line 5:3: duplicate key 'b'"));
	release(&k);
	assert_int_equal(parse("a: 1\n---\na: 1\n", &k, &err), 0);
	release(&k);
	const char *const kinds[] = {"Service", NULL};
	assert_int_equal(parse_kinds("kind: Secret\ndata:\n  x: 1\n  y: 2\n  x: 3\n", kinds, &k, &err), -1);
	assert_non_null(strstr(err.message, "line 5:3: duplicate key 'x'"));
	release(&k);
}

/* Whether a scalar can be taken as written is decided eight bytes at a time
 * for short texts and by memchr for long ones: an escape or a line break at
 * any position of any length must still be seen. */
static void escapes_are_seen_at_every_position(void **state)
{
	(void)state;
	for (size_t len = 1; len <= 80; len++) {
		for (size_t at = 0; at < len; at++) {
			char value[96], want[96], text[128];
			memset(value, 'x', len);
			value[len] = '\0';
			memcpy(value + at, "\\t", at + 1 < len ? 2 : 0);
			snprintf(text, sizeof(text), "k: \"%s\"\n", value);
			memcpy(want, value, len + 1);
			if (at + 1 < len) {
				want[at] = '\t';
				memmove(want + at + 1, want + at + 2, len - at - 1);
			}
			struct kept k;
			struct ls_error err;
			assert_int_equal(parse(text, &k, &err), 0);
			assert_string_equal(ymap_get(k.docs[0]->root, "k")->text, want);
			release(&k);
			memset(value, 'x', len);
			value[at] = '\'';
			if (at + 1 < len)
				value[at + 1] = '\'';
			snprintf(text, sizeof(text), "k: '%s'\n", value);
			assert_int_equal(parse(text, &k, &err), at + 1 < len ? 0 : -1);
			if (at + 1 < len) {
				const char *got = ymap_get(k.docs[0]->root, "k")->text;
				assert_int_equal(strlen(got), len - 1);
				assert_int_equal(got[at], '\'');
			}
			release(&k);
		}
	}
}

/* CRLF breaks fold like LF ones: a scalar taken as written must be one that
 * no break crosses. A CR alone never reaches the parser. */
static void scalars_across_crlf_breaks_are_folded(void **state)
{
	(void)state;
	struct kept k;
	struct ls_error err = {0};
	assert_int_equal(parse("a: \"p\r\n  q\"\nb: 'm\r\n  n'\nc: x\r\n  y\nd: \"u\r\n\r\n  v\"\n", &k, &err), 0);
	const struct ynode *root = k.docs[0]->root;
	assert_string_equal(ymap_get(root, "a")->text, "p q");
	assert_string_equal(ymap_get(root, "b")->text, "m n");
	assert_string_equal(ymap_get(root, "c")->text, "x y");
	assert_string_equal(ymap_get(root, "d")->text, "u\nv");
	release(&k);
	assert_int_equal(parse("a: \"p\r  q\"\n", &k, &err), -1);
	assert_non_null(strstr(err.message, "line 1:6: carriage return without a line feed"));
	release(&k);
}

/* A value on the line after its key, and the lines of a | or > scalar, are
 * indented more than the key, except a block list, which may sit at the key's
 * own indentation. libfyaml alone accepts each refused case. */
static void values_below_their_keys_are_indented(void **state)
{
	(void)state;
	static const char *const accepted[] = {
		"m:\n  k:\n    v\n", "m:\n  k:\n  - v\n", "m:\n  k: |\n    v\n", "m:\n  k:\n  j: v\n",
		"? a\n: b\n", "? a\n:\n  b\n", "- k:\n    v\n", "- |\n x\n", "k: >\n\n  x\n", "--- |\nx\n",
	};
	static const struct {
		const char *text, *where;
	} refused[] = {
		{"m:\n  k:\n  v\n", "line 3:3"},
		{"m:\n  k:\n  \"v\"\n", "line 3:3"},
		{"m:\n  k:\n  [v]\n", "line 3:3"},
		{"- k:\n  v\n", "line 2:3"},
		{"m:\n  k: |\n  v\n", "line 3:3"},
		{"m:\n  k: >\n\n  j: 1\n", "line 4:3"},
		{"- k: >\n  v\n", "line 2:3"},
	};
	struct kept k;
	struct ls_error err;
	for (size_t i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		assert_int_equal(parse(accepted[i], &k, &err), 0);
		release(&k);
	}
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_int_equal(parse(refused[i].text, &k, &err), -1);
		assert_non_null(strstr(err.message, refused[i].where));
		assert_non_null(strstr(err.message, "must be indented more than the key"));
		release(&k);
	}
}

/* libfyaml returns no text (and leaks) for a | or > scalar whose indicator
 * begins its line and whose text is at the indicator's column: such scalars
 * are refused, the harmless neighbours of that shape are not. */
static void block_scalars_libfyaml_misformats_are_refused(void **state)
{
	(void)state;
	struct kept k;
	struct ls_error err;
	assert_int_equal(parse("k:\n  >\n  e\n\n\n\n\n\n   \n", &k, &err), -1);
	assert_non_null(strstr(err.message, "line 3:1: a | or > scalar whose text starts at its indicator's column"));
	release(&k);
	static const char *const accepted[] = {"--- |\nfoo\n", "k:\n  |\n    e\n", "k: |\n  e\n\n\n\n\n\n   \n",
					       "k:\n  !t\n  >1\n e\n"};
	for (size_t i = 0; i < sizeof(accepted) / sizeof(accepted[0]); i++) {
		assert_int_equal(parse(accepted[i], &k, &err), 0);
		release(&k);
	}
}

/* Double-quoted scalars are unquoted here, not by libfyaml, which folds CRLF
 * breaks wrongly near a scalar's end. */
static void double_quoted_scalars_fold_and_unescape(void **state)
{
	(void)state;
	static const struct {
		const char *yaml, *text;
	} cases[] = {
		{"k: \"a\r\n\r\n\r\n\r\n\r\n  \"\r\n", "a\n\n\n\n"},
		{"k: \"a\\\r\n  b\"\r\n", "ab"},
		{"k: \"a\\\n\n  b\"\n", "a\nb"},
		{"k: \"a\\t\n b\"\n", "a\t b"},
		{"k: \"a  \n  b\"\n", "a b"},
		{"k: \"\\x41\\u00e9\\U0001F600\\N\\L\\_\\/\\e\"\n",
		 "A\xc3\xa9\xf0\x9f\x98\x80\xc2\x85\xe2\x80\xa8\xc2\xa0/\x1b"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct kept k;
		struct ls_error err;
		assert_int_equal(parse(cases[i].yaml, &k, &err), 0);
		assert_string_equal(ymap_get(k.docs[0]->root, "k")->text, cases[i].text);
		release(&k);
	}
}

/* A single pair in a flow list is a mapping without braces: it must be
 * told apart from a braced one and begin at its key, not at its colon. */
static void single_pairs_in_flow_lists_are_marked(void **state)
{
	(void)state;
	const char *text = "a: [k: v, {x: 1}, \"q\" : w, [l]: m]\n";
	struct kept k;
	struct ls_error err;
	assert_int_equal(parse(text, &k, &err), 0);
	const struct ynode *list = ymap_get(k.docs[0]->root, "a");
	const struct ynode *pair = list->first, *braced = pair->next, *quoted = braced->next, *keyed = quoted->next;
	assert_int_equal(pair->style, YS_FLOW_PAIR);
	assert_memory_equal(text + pair->start, "k: v", pair->end - pair->start);
	assert_int_equal(braced->style, YS_FLOW);
	assert_memory_equal(text + braced->start, "{x: 1}", braced->end - braced->start);
	assert_int_equal(quoted->style, YS_FLOW_PAIR);
	assert_memory_equal(text + quoted->start, "\"q\" : w", quoted->end - quoted->start);
	assert_int_equal(keyed->style, YS_FLOW_PAIR);
	assert_memory_equal(text + keyed->start, "[l]: m", keyed->end - keyed->start);
	assert_int_equal(pair->column, 4);
	release(&k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoted_scalars_are_unquoted_and_located),
		cmocka_unit_test(documents_know_their_bytes),
		cmocka_unit_test(duplicates_and_limits_are_errors),
		cmocka_unit_test(duplicates_are_found_in_mappings_of_any_size),
		cmocka_unit_test(escapes_are_seen_at_every_position),
		cmocka_unit_test(scalars_across_crlf_breaks_are_folded),
		cmocka_unit_test(values_below_their_keys_are_indented),
		cmocka_unit_test(block_scalars_libfyaml_misformats_are_refused),
		cmocka_unit_test(double_quoted_scalars_fold_and_unescape),
		cmocka_unit_test(single_pairs_in_flow_lists_are_marked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
