/* The splicing editor on small documents: each shape of mapping and list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "yamledit.h"
#include "yamlquery.h"
#include "yamltree.h"

struct fixture {
	struct ydoc *doc;
};

static int keep(void *ctx, struct ydoc *doc, bool *k, struct ls_error *err)
{
	(void)err;
	((struct fixture *)ctx)->doc = doc;
	*k = true;
	return 0;
}

typedef int (*edit_fn)(struct yedit *e, const struct ynode *root);

/* A document parsed and an editor over it; the caller frees both. */
struct edit_fixture {
	struct fixture kept;
	struct ls_error err;
	struct splices list;
	struct yedit edit;
};

static void start_edit(struct edit_fixture *t, const char *input)
{
	memset(t, 0, sizeof(*t));
	struct ylimits limits = {10, 64, 10};
	assert_int_equal(yparse_stream("t", input, strlen(input), &limits, NULL, keep, &t->kept, &t->err), 0);
	/* The input's own line ending is its first line's, as the filter takes it. */
	const char *nl = strchr(input, '\n');
	const char *eol = nl && nl > input && nl[-1] == '\r' ? "\r\n" : "\n";
	t->edit = (struct yedit){.input = input, .len = strlen(input), .eol = eol, .splices = &t->list,
				 .err = &t->err, .name = "t"};
}

static void end_edit(struct edit_fixture *t)
{
	yedit_free(&t->edit);
	splices_free(&t->list);
	ydoc_free(t->kept.doc);
}

static void check(const char *input, edit_fn fn, const char *want)
{
	struct edit_fixture t;
	start_edit(&t, input);
	assert_int_equal(fn(&t.edit, t.kept.doc->root), 0);
	assert_int_equal(yedit_finish(&t.edit), 0);
	struct buf out = {0};
	assert_int_equal(splices_apply(&t.list, input, strlen(input), &out), 0);
	buf_append(&out, "", 1);
	assert_string_equal(out.data, want);
	buf_free(&out);
	end_edit(&t);
}

static const struct kv set_port[] = {{"port", "\"8443\""}};
static const struct kv drop_b[] = {{"b", NULL}};
static const struct kv drop_a_b[] = {{"a", NULL}, {"b", NULL}};

static int drop_both(struct yedit *e, const struct ynode *root)
{
	return yedit_map_apply(e, ymap_get(root, "m"), drop_a_b, 2);
}

static int drop_inner_and_outer(struct yedit *e, const struct ynode *root)
{
	const struct kv drop_x = {"x", NULL};
	return yedit_map_apply(e, ymap_get(root, "m"), drop_a_b, 2) |
	       yedit_map_apply(e, ymap_get(ymap_get(root, "m"), "c"), &drop_x, 1);
}
static const struct kv set_type[] = {{"type", "NodePort"}};

static int drop_inner_a(struct yedit *e, const struct ynode *root)
{
	const struct kv drop_a = {"a", NULL};
	return yedit_map_apply(e, ymap_get(root, "m")->first, &drop_a, 1);
}

static int put_annotation(struct yedit *e, const struct ynode *root)
{
	return yedit_child_map_apply(e, ymap_get(root, "m"), "ann", set_port, 1);
}

static int drop(struct yedit *e, const struct ynode *root)
{
	return yedit_map_apply(e, root, drop_b, 1);
}

static int type_in_spec(struct yedit *e, const struct ynode *root)
{
	return yedit_map_apply(e, ymap_get(root, "spec"), set_type, 1);
}

static int add_arg(struct yedit *e, const struct ynode *root)
{
	const char *items[] = {"--x=1"};
	return yedit_seq_append(e, root, "args", items, 1);
}

static void annotations_in_every_shape(void **state)
{
	(void)state;
	check("m:\n  ann:\n  z: 1\n", put_annotation, "m:\n  ann:\n    port: \"8443\"\n  z: 1\n");
	check("m:\n  ann: {}\n", put_annotation, "m:\n  ann: {port: \"8443\"}\n");
	check("m:\n  ann: {a: b}\n", put_annotation, "m:\n  ann: {a: b, port: \"8443\"}\n");
	check("m:\n  ann: null # x\n", put_annotation, "m:\n  ann: # x\n    port: \"8443\"\n");
	check("m:\n  ann:\n    a: b\n", put_annotation, "m:\n  ann:\n    a: b\n    port: \"8443\"\n");
	check("m:\n  ann:\n    port: '1'\n", put_annotation, "m:\n  ann:\n    port: \"8443\"\n");
	check("m:\n  name: x\n", put_annotation, "m:\n  name: x\n  ann:\n    port: \"8443\"\n");
	check("m: {name: x}\n", put_annotation, "m: {name: x, ann: {port: \"8443\"}}\n");
}

static void removal_takes_whole_lines(void **state)
{
	(void)state;
	check("a: 1\nb: 2 # why\nc: 3\n", drop, "a: 1\nc: 3\n");
	check("{a: 1, b: 2}\n", drop, "{a: 1}\n");
	check("{b: 2, a: 1}\n", drop, "{a: 1}\n");
	check("m: {z: 0, a: 1, b: 2}\n", drop_both, "m: {z: 0}\n");
	check("m: {a: 1, b: 2, z: 0}\n", drop_both, "m: {z: 0}\n");
	check("m: {a: 1, b: 2}\n", drop_both, "m: {}\n");
	check("m: {a: 1, c: {x: 1, y: 2}, b: 2}\n", drop_inner_and_outer, "m: {c: {y: 2}}\n");
}

/* A multi-line flow mapping keeps its lines, separators and comments; a
 * removed entry takes its own line when nothing else is left on it. */
static void flow_removal_keeps_comments(void **state)
{
	(void)state;
	check("m: {z: 0,  # zero\n  a: 1, # one\n  b: 2  # two\n  }\n", drop_both,
	      "m: {z: 0  # zero\n  # one\n  # two\n  }\n");
	check("m: {\n  a: 1,\n  # kept\n  z: 0,\n  b: 2\n  }\n", drop_both, "m: {\n  # kept\n  z: 0\n  }\n");
	check("m: {z: 0,\r\n  a: 1,\r\n  y: 2}\r\n", drop_both, "m: {z: 0,\r\n  y: 2}\r\n");
	check("m: [{a: 1, # one\n    z: 0}]\n", drop_inner_a, "m: [{ # one\n    z: 0}]\n");
}

static void values_are_replaced_in_place(void **state)
{
	(void)state;
	check("spec:\n  type: LoadBalancer # keep\n", type_in_spec, "spec:\n  type: NodePort # keep\n");
	check("spec:\n  type:\n  x: 1\n", type_in_spec, "spec:\n  type: NodePort\n  x: 1\n");
	check("spec:\n  x: 1", type_in_spec, "spec:\n  x: 1\n  type: NodePort\n");
}

static int add_two_args(struct yedit *e, const struct ynode *root)
{
	const char *items[] = {"--x=1", "--y=2"};
	return yedit_seq_append(e, root, "args", items, 2);
}

static void list_items_follow_the_list(void **state)
{
	check("name: c\n", add_two_args, "name: c\nargs:\n- --x=1\n- --y=2\n");
	check("{name: c}\n", add_two_args, "{name: c, args: [--x=1, --y=2]}\n");
	check("args:\nname: c\n", add_two_args, "args:\n- --x=1\n- --y=2\nname: c\n");
	(void)state;
	check("args:\n  - --a\n  - --b\nz: 1\n", add_arg, "args:\n  - --a\n  - --b\n  - --x=1\nz: 1\n");
	check("args:\n- --a\n", add_arg, "args:\n- --a\n- --x=1\n");
	check("args: [\"--a\"]\n", add_arg, "args: [\"--a\", --x=1]\n");
	check("name: c\n", add_arg, "name: c\nargs:\n- --x=1\n");
}

/* After the list's first item, whatever follows it on its line. */
static int arg_after_first(struct yedit *e, const struct ynode *root)
{
	const char *items[] = {"--x=1"};
	const struct ynode *args = ymap_get(root, "args");
	return yedit_seq_insert_after(e, args, args->first, items, 1);
}

static void list_items_go_after_an_item(void **state)
{
	(void)state;
	check("args:\n  - --a\n  - --b\n", arg_after_first, "args:\n  - --a\n  - --x=1\n  - --b\n");
	check("args:\n- --a # why\n- --b\nz: 1\n", arg_after_first, "args:\n- --a # why\n- --x=1\n- --b\nz: 1\n");
	check("args:\n- --a\n", arg_after_first, "args:\n- --a\n- --x=1\n");
	check("args:\r\n- --a\r\n- --b\r\n", arg_after_first, "args:\r\n- --a\r\n- --x=1\r\n- --b\r\n");
	/* A flow list is written anew from its entries: the new one goes last. */
	check("args: [--a, --b]\n", arg_after_first, "args: [--a, --b, --x=1]\n");
}

static void refused(const char *input, edit_fn fn, const char *want_error)
{
	struct edit_fixture t;
	start_edit(&t, input);
	assert_true(fn(&t.edit, t.kept.doc->root) < 0);
	assert_string_equal(t.err.message, want_error);
	assert_int_equal(t.list.count, 0);
	end_edit(&t);
}

static int arg_in_first_item(struct yedit *e, const struct ynode *root)
{
	const char *items[] = {"--x=1"};
	return yedit_seq_append(e, root->first, "args", items, 1);
}

static int annotation_in_first_item(struct yedit *e, const struct ynode *root)
{
	return yedit_child_map_apply(e, root->first, "ann", set_port, 1);
}

/* After `k: >` with no lines, libfyaml would read new lines at k's
 * indentation as k's text: new keys go before k instead. */
static void new_keys_never_follow_a_lineless_block_scalar(void **state)
{
	(void)state;
	check("m:\n  a: >\nz: 1\n", put_annotation, "m:\n  ann:\n    port: \"8443\"\n  a: >\nz: 1\n");
	check("name: c\nx: |-\n", add_arg, "name: c\nargs:\n- --x=1\nx: |-\n");
	check("name: c\nx: |\n  t\n", add_arg, "name: c\nx: |\n  t\nargs:\n- --x=1\n");
	check("m:\n  l:\n    x: >\n", put_annotation, "m:\n  l:\n    x: >\n  ann:\n    port: \"8443\"\n");
	refused("- a: >\n", arg_in_first_item,
		"t: document 0: line 1:3: cannot add a key after a | or > scalar without lines on a list item's line");
}

static void a_single_pair_in_a_flow_list_takes_no_new_key(void **state)
{
	(void)state;
	const char *no_key = "t: document 0: line 1:2: cannot add a key to a single pair in a flow list; write it in braces";
	refused("[name: c]\n", arg_in_first_item, no_key);
	refused("[args: ]\n", arg_in_first_item, no_key);
	refused("[name: c]\n", annotation_in_first_item, no_key);
	refused("[ann: ]\n", annotation_in_first_item, no_key);
	check("[args: [--a]]\n", arg_in_first_item, "[args: [--a, --x=1]]\n");
	check("[ann: {a: b}]\n", annotation_in_first_item, "[ann: {a: b, port: \"8443\"}]\n");
	check("[{name: c}]\n", arg_in_first_item, "[{name: c, args: [--x=1]}]\n");
}

/* In a file that mixes line endings, lines added among CRLF lines end in
 * CRLF and among LF lines in LF, whatever the first line's ending; so does
 * a final newline added after the last line. */
static void added_lines_end_as_their_neighbours_do(void **state)
{
	(void)state;
	check("a: 1\nm:\r\n  name: x\r\n", put_annotation, "a: 1\nm:\r\n  name: x\r\n  ann:\r\n    port: \"8443\"\r\n");
	check("a: 1\nm:\r\n  ann:\r\n  z: 1\n", put_annotation, "a: 1\nm:\r\n  ann:\r\n    port: \"8443\"\r\n  z: 1\n");
	check("a: 1\r\nm:\n  name: x\n", put_annotation, "a: 1\r\nm:\n  name: x\n  ann:\n    port: \"8443\"\n");
	check("a: 1\nspec:\r\n  x: 1", type_in_spec, "a: 1\nspec:\r\n  x: 1\r\n  type: NodePort\r\n");
	check("a: 1\nargs:\r\n- --a\r\n", add_two_args, "a: 1\nargs:\r\n- --a\r\n- --x=1\r\n- --y=2\r\n");
	check("a: 1\r\nargs:\n- --a\n", add_arg, "a: 1\r\nargs:\n- --a\n- --x=1\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(annotations_in_every_shape),
		cmocka_unit_test(removal_takes_whole_lines),
		cmocka_unit_test(flow_removal_keeps_comments),
		cmocka_unit_test(values_are_replaced_in_place),
		cmocka_unit_test(list_items_follow_the_list),
		cmocka_unit_test(list_items_go_after_an_item),
		cmocka_unit_test(a_single_pair_in_a_flow_list_takes_no_new_key),
		cmocka_unit_test(new_keys_never_follow_a_lineless_block_scalar),
		cmocka_unit_test(added_lines_end_as_their_neighbours_do),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
