/* The tree builder: positions, texts, limits and the checks it adds to
 * libfyaml's event parser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

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

static int parse(const char *text, struct kept *k, struct ls_error *err)
{
	struct ylimits limits = {4, 16, 4};
	memset(k, 0, sizeof(*k));
	memset(err, 0, sizeof(*err));
	return yparse_stream("t", text, strlen(text), &limits, NULL, keep_all, k, err);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(quoted_scalars_are_unquoted_and_located),
		cmocka_unit_test(documents_know_their_bytes),
		cmocka_unit_test(duplicates_and_limits_are_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
