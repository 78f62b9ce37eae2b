/* A preset's edits on their own, down to the bytes they write: an argument
 * set in place, an entry merged into a list in the sorted order of its keys,
 * entries appended once, a new argument placed before or after the one the
 * preset names, a mapping field made; a second run finds nothing to change;
 * a missing object, argument or API server address is a warning. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "presetapply.h"

static const char PRESET[] =
	"name: p\ntitle: P\nload-balancers: true\nnode-port-range: 30000-32767\nliqoctl-command: liqoctl install p\n"
	"releases:\n  - from: v1.0\n    api-server-address: required\n    api-server-why: it writes the endpoint\n"
	"    arguments:\n"
	"      - {object: Deployment cm, container: cm, set: --bypass=true}\n"
	"      - {object: Deployment cm, container: cm, entry: --labels=liqo.io/provider=p, before: --last}\n"
	"      - {object: Deployment cm, container: cm, append: '--pools=10.0.0.0/8,34.118.224.0/20'}\n"
	"      - {object: Deployment cm, container: side, set: --new=1, after: --first}\n"
	"    fields:\n"
	"      - {object: Options vk, mapping: spec.nodeExtraLabels, key: managed, value: 'false'}\n"
	"    requires:\n"
	"      - {object: Deployment cm, container: cm, argument: --key, why: it needs the key}\n";

static const char INPUT[] =
	"kind: Deployment\n"
	"metadata:\n"
	"  name: liqo-cm\n"
	"spec:\n"
	"  template:\n"
	"    spec:\n"
	"      containers:\n"
	"        - name: cm\n"
	"          args:\n"
	"          - --bypass=false\n"
	"          - --labels=zone=b,a.example/tier=gold\n"
	"          - --pools=10.0.0.0/8\n"
	"          - --last=true\n"
	"        - name: side\n"
	"          args:\n"
	"          - --first=1\n"
	"          - --second=2\n";

static const char OUTPUT[] =
	"kind: Deployment\n"
	"metadata:\n"
	"  name: liqo-cm\n"
	"spec:\n"
	"  template:\n"
	"    spec:\n"
	"      containers:\n"
	"        - name: cm\n"
	"          args:\n"
	"          - --bypass=true\n"
	"          - --labels=a.example/tier=gold,liqo.io/provider=p,zone=b\n"
	"          - --pools=10.0.0.0/8,10.0.0.0/8,34.118.224.0/20\n"
	"          - --last=true\n"
	"        - name: side\n"
	"          args:\n"
	"          - --first=1\n"
	"          - --new=1\n"
	"          - --second=2\n";

struct fixture {
	struct ls_error err;
	struct splices list;
	struct provider provider;
	struct lb_settings lb;
	struct plan plan;
	struct inventory inv;
	struct edit_context ec;
	struct ydoc *doc;
	const char *input;
	struct buf out;
};

static int keep(void *ctx, struct ydoc *doc, bool *k, struct ls_error *err)
{
	(void)err;
	((struct fixture *)ctx)->doc = doc;
	*k = true;
	return 0;
}

/* The preset's first object is the input's document; the second is absent. */
static void start(struct fixture *t, const char *input)
{
	memset(t, 0, sizeof(*t));
	struct ylimits limits = {10, 64, 10, NULL};
	assert_int_equal(provider_parse("p.yaml", PRESET, strlen(PRESET), &t->provider, &t->err), 0);
	assert_int_equal(yparse_stream("t", input, strlen(input), &limits, NULL, keep, t, &t->err), 0);
	t->input = input;
	assert_int_equal(inventory_want(&t->inv, t->provider.objects.items, t->provider.objects.count), 0);
	t->inv.wanted_found[0] = (struct found_doc){t->doc, t->doc->root};
	t->lb.provider = t->provider;
	t->lb.has_provider = true;
	t->lb.release = &t->lb.provider.releases[0];
	t->ec = (struct edit_context){.plan = &t->plan, .inv = &t->inv, .lb = &t->lb, .version = {1, 2, 0}};
	t->ec.edit = (struct yedit){.input = input, .len = strlen(input), .eol = "\n", .splices = &t->list,
				    .err = &t->err, .name = "t"};
}

static void run(struct fixture *t)
{
	assert_int_equal(preset_apply(&t->ec), 0);
	assert_int_equal(yedit_finish(&t->ec.edit), 0);
	assert_int_equal(splices_apply(&t->list, t->input, strlen(t->input), &t->out), 0);
	assert_int_equal(buf_append(&t->out, "", 1), 0);
}

static void finish(struct fixture *t)
{
	yedit_free(&t->ec.edit);
	splices_free(&t->list);
	buf_free(&t->ec.changes);
	buf_free(&t->ec.notes);
	buf_free(&t->out);
	change_list_free(&t->ec.records);
	free(t->inv.wanted_found);
	ydoc_free(t->doc);
	provider_free(&t->lb.provider);
}

static void the_edits_write_what_the_preset_lists(void **state)
{
	(void)state;
	struct fixture t;
	start(&t, INPUT);
	run(&t);
	assert_string_equal(t.out.data, OUTPUT);
	assert_int_equal(t.ec.records.count, 4);
	assert_string_equal(t.ec.records.items[0].found, "--bypass=false");
	assert_string_equal(t.ec.records.items[0].wanted, "--bypass=true");
	assert_null(t.ec.records.items[3].found);
	const char *notes = t.ec.notes.data;
	assert_non_null(strstr(notes, "replaced container args: --bypass=false (--provider p sets it, as liqoctl "
				      "install p of Liqo v1.2 writes it)"));
	assert_non_null(strstr(notes, "--provider p: it writes the endpoint; pass it as --api-server-address\n"));
	assert_non_null(strstr(notes, "--provider p: no Options labelled app.kubernetes.io/name: vk in the input, so "
				      "nothing takes managed\n"));
	assert_non_null(strstr(notes, "--provider p: the render has no --key: it needs the key\n"));
	finish(&t);
}

static void a_second_run_changes_nothing(void **state)
{
	(void)state;
	struct fixture t;
	start(&t, OUTPUT);
	char advertised[] = "https://198.51.100.7:6443";
	t.plan.advertise = advertised;
	run(&t);
	assert_string_equal(t.out.data, OUTPUT);
	assert_int_equal(t.ec.records.count, 0);
	assert_null(t.ec.changes.data);
	assert_null(strstr(t.ec.notes.data, "pass it as --api-server-address"));
	finish(&t);
}

/* A mapping field is made where the object lacks it, quoted, and left
 * alone where it holds the value. */
static void a_field_is_made_once(void **state)
{
	(void)state;
	static const char vk[] = "kind: Options\nspec:\n  replicas: 1\n";
	struct fixture t;
	start(&t, vk);
	t.inv.wanted_found[1] = t.inv.wanted_found[0];
	t.inv.wanted_found[0] = (struct found_doc){0};
	run(&t);
	assert_string_equal(t.out.data, "kind: Options\nspec:\n  replicas: 1\n  nodeExtraLabels:\n    managed: \"false\"\n");
	assert_int_equal(t.ec.records.count, 1);
	assert_string_equal(t.ec.records.items[0].field, "spec.nodeExtraLabels.managed");
	finish(&t);
	static const char done[] = "kind: Options\nspec:\n  nodeExtraLabels:\n    managed: \"false\"\n";
	start(&t, done);
	t.inv.wanted_found[1] = t.inv.wanted_found[0];
	t.inv.wanted_found[0] = (struct found_doc){0};
	run(&t);
	assert_string_equal(t.out.data, done);
	assert_int_equal(t.ec.records.count, 0);
	finish(&t);
}

/* Arguments the container lacks altogether are written as its first list. */
static void a_container_without_arguments_gets_them(void **state)
{
	(void)state;
	static const char bare[] =
		"kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: cm\n"
		"          image: x\n        - name: side\n          image: y\n";
	struct fixture t;
	start(&t, bare);
	run(&t);
	assert_non_null(strstr(t.out.data, "          - --bypass=true\n"));
	assert_non_null(strstr(t.out.data, "          - --labels=liqo.io/provider=p\n"));
	assert_non_null(strstr(t.out.data, "          - --pools=10.0.0.0/8,34.118.224.0/20\n"));
	assert_non_null(strstr(t.out.data, "          args:\n          - --new=1\n"));
	finish(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(the_edits_write_what_the_preset_lists),
		cmocka_unit_test(a_second_run_changes_nothing),
		cmocka_unit_test(a_field_is_made_once),
		cmocka_unit_test(a_container_without_arguments_gets_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
