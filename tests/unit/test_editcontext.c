/* The edit context on its own: the change records and --check lines a
 * difference leaves, the warning when a value the input held goes, and the
 * rule for an annotation the scenario wants, down to the bytes it writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "editcontext.h"
#include "yamlquery.h"

static const char SERVICE[] =
	"apiVersion: v1\n"
	"kind: Service\n"
	"metadata:\n"
	"  name: liqo-auth\n"
	"  annotations:\n"
	"    team: auth\n"
	"    liqo.io/override-address: \"(absent)\"\n"
	"spec:\n"
	"  ports:\n"
	"    - name: https\n"
	"      port: 443\n"
	"    - name: wg\n"
	"      protocol: UDP\n"
	"      port: 51820\n";

static const char BARE_SERVICE[] =
	"kind: Service\n"
	"metadata:\n"
	"  name: liqo-gateway\n"
	"spec: {}\n";

struct fixture {
	struct ls_error err;
	struct splices list;
	struct edit_context ec;
	struct ydoc *doc;
	struct found_doc f;
	const char *input;
};

static int keep(void *ctx, struct ydoc *doc, bool *k, struct ls_error *err)
{
	(void)err;
	((struct fixture *)ctx)->doc = doc;
	*k = true;
	return 0;
}

static void start(struct fixture *t, const char *input)
{
	memset(t, 0, sizeof(*t));
	struct ylimits limits = {10, 64, 10};
	assert_int_equal(yparse_stream("t", input, strlen(input), &limits, NULL, keep, t, &t->err), 0);
	t->input = input;
	t->f = (struct found_doc){t->doc, t->doc->root};
	t->ec.edit = (struct yedit){.input = input, .len = strlen(input), .eol = "\n", .splices = &t->list,
				    .err = &t->err, .name = "t", .document = t->doc->number};
	t->ec.serving = COMP_GATEWAY;
}

static void finish(struct fixture *t)
{
	yedit_free(&t->ec.edit);
	splices_free(&t->list);
	buf_free(&t->ec.changes);
	buf_free(&t->ec.notes);
	change_list_free(&t->ec.records);
	ydoc_free(t->doc);
}

static const char *text_of(const struct buf *b)
{
	return b->data ? b->data : "";
}

static const struct ynode *annotations_of(const struct fixture *t)
{
	return ymap_get(ymap_get(t->f.root, "metadata"), "annotations");
}

/* The output after the edits so far. */
static void assert_output(struct fixture *t, const char *want)
{
	assert_int_equal(yedit_finish(&t->ec.edit), 0);
	struct buf out = {0};
	assert_int_equal(splices_apply(&t->list, t->input, strlen(t->input), &out), 0);
	assert_int_equal(buf_append(&out, "", 1), 0);
	assert_string_equal(out.data, want);
	buf_free(&out);
}

static void a_replaced_value_is_a_record_a_check_line_and_a_warning(void **state)
{
	(void)state;
	struct fixture t;
	start(&t, SERVICE);
	assert_int_equal(edit_changed(&t.ec, &t.f, "spec.type", "NodePort", "LoadBalancer", "(a cell wants it)"), 0);
	assert_int_equal(t.ec.records.count, 1);
	const struct change *c = &t.ec.records.items[0];
	assert_int_equal(c->document, 1);
	assert_int_equal(c->component, COMP_GATEWAY);
	assert_string_equal(c->object, "Service liqo-auth");
	assert_string_equal(c->field, "spec.type");
	assert_string_equal(c->found, "NodePort");
	assert_string_equal(c->wanted, "LoadBalancer");
	assert_string_equal(text_of(&t.ec.changes),
			    "document 1, Service liqo-auth: spec.type: found NodePort, wanted LoadBalancer\n");
	assert_string_equal(text_of(&t.ec.notes),
			    "document 1, Service liqo-auth: replaced spec.type: NodePort (a cell wants it)\n");
	finish(&t);
}

/* Absence is NULL in a record; only --check words it. Adding a field warns
 * of nothing (nothing the user set goes), removing one says "removed". */
static void absence_is_null_and_only_a_removal_warns(void **state)
{
	(void)state;
	struct fixture t;
	start(&t, SERVICE);
	assert_int_equal(edit_changed(&t.ec, &t.f, "spec.type", NULL, "ClusterIP", "(why)"), 0);
	assert_int_equal(edit_changed(&t.ec, &t.f, "spec.loadBalancerIP", "203.0.113.7", NULL, "(why)"), 0);
	assert_int_equal(edit_changed(&t.ec, &t.f, "spec.externalTrafficPolicy", "Local", NULL, NULL), 0);
	assert_int_equal(t.ec.records.count, 3);
	assert_null(t.ec.records.items[0].found);
	assert_string_equal(t.ec.records.items[0].wanted, "ClusterIP");
	assert_string_equal(t.ec.records.items[1].found, "203.0.113.7");
	assert_null(t.ec.records.items[1].wanted);
	assert_string_equal(text_of(&t.ec.changes),
			    "document 1, Service liqo-auth: spec.type: found (absent), wanted ClusterIP\n"
			    "document 1, Service liqo-auth: spec.loadBalancerIP: found 203.0.113.7, wanted (absent)\n"
			    "document 1, Service liqo-auth: spec.externalTrafficPolicy: found Local, wanted (absent)\n");
	assert_string_equal(text_of(&t.ec.notes),
			    "document 1, Service liqo-auth: removed spec.loadBalancerIP: 203.0.113.7 (why)\n");
	finish(&t);
}

/* A value that reads "(absent)" is a value like any other. */
static void a_value_reading_absent_is_a_value(void **state)
{
	(void)state;
	struct fixture t;
	start(&t, SERVICE);
	assert_int_equal(edit_changed(&t.ec, &t.f, "metadata.annotations.x", "(absent)", NULL, "(why)"), 0);
	assert_string_equal(t.ec.records.items[0].found, "(absent)");
	assert_string_equal(text_of(&t.ec.notes),
			    "document 1, Service liqo-auth: removed metadata.annotations.x: (absent) (why)\n");
	finish(&t);
}

static void a_whole_object_and_a_new_one(void **state)
{
	(void)state;
	struct fixture t;
	start(&t, SERVICE);
	t.ec.serving = COMP_API_SERVER;
	assert_int_equal(edit_removed_object(&t.ec, &t.f, "(the cell wants none)"), 0);
	assert_int_equal(edit_record(&t.ec, 0, "Ingress", "liqo-api-server", "the whole Ingress", NULL, "present"), 0);
	assert_int_equal(t.ec.records.count, 2);
	const struct change *gone = &t.ec.records.items[0], *added = &t.ec.records.items[1];
	assert_string_equal(gone->field, "the whole object");
	assert_string_equal(gone->found, "present");
	assert_null(gone->wanted);
	assert_int_equal(gone->component, COMP_API_SERVER);
	assert_int_equal(added->document, 0);
	assert_string_equal(added->object, "Ingress liqo-api-server");
	assert_null(added->found);
	assert_string_equal(added->wanted, "present");
	assert_string_equal(text_of(&t.ec.changes),
			    "document 1, Service liqo-auth: the whole object: found present, wanted (absent)\n");
	assert_string_equal(text_of(&t.ec.notes),
			    "document 1, Service liqo-auth: removed the whole object (the cell wants none)\n");
	finish(&t);
}

/* Records own their text: nothing points into the input or the caller's. */
static void records_own_their_text(void **state)
{
	(void)state;
	struct change_list list = {0};
	char found[] = "old", wanted[] = "new";
	for (int i = 0; i < 40; i++)
		assert_int_equal(change_list_add(&list, COMP_AUTH, (size_t)i, "Service", "s", "f", found, wanted), 0);
	strcpy(found, "xyz");
	strcpy(wanted, "abc");
	assert_int_equal(list.count, 40);
	assert_string_equal(list.items[39].found, "old");
	assert_string_equal(list.items[39].wanted, "new");
	assert_int_equal(list.items[39].document, 39);
	change_list_free(&list);
	assert_int_equal(list.count, 0);
	assert_null(list.items);
}

/* The annotation rule: a value already there is no change; a different
 * one, a missing one or one to remove is recorded and written in one edit,
 * double-quoted; a removal of a key that is not there is nothing. */
static void wanted_annotations(void **state)
{
	(void)state;
	struct fixture t;
	start(&t, SERVICE);
	struct annotation_change ac = {0};
	const struct ynode *annotations = annotations_of(&t);
	assert_int_equal(edit_want_annotation(&t.ec, &t.f, annotations, &ac, "team", "auth", "(w)"), 0);
	assert_int_equal(edit_want_annotation(&t.ec, &t.f, annotations, &ac, "gone", NULL, "(w)"), 0);
	assert_int_equal(ac.count, 0);
	assert_int_equal(t.ec.records.count, 0);
	assert_int_equal(edit_want_annotation(&t.ec, &t.f, annotations, &ac, "liqo.io/override-address", NULL,
					      "(the cell is LoadBalancer)"), 0);
	assert_int_equal(edit_want_annotation(&t.ec, &t.f, annotations, &ac, "liqo.io/override-port", "8443",
					      "(the cell advertises 8443)"), 0);
	assert_int_equal(edit_want_annotation(&t.ec, &t.f, annotations, &ac, "note", "say \"hi\"", NULL), 0);
	assert_int_equal(ac.count, 3);
	assert_null(ac.kvs[0].value);
	assert_string_equal(ac.kvs[1].value, "\"8443\"");
	assert_string_equal(ac.kvs[2].value, "\"say \\\"hi\\\"\"");
	assert_int_equal(t.ec.records.count, 3);
	assert_string_equal(t.ec.records.items[0].field, "metadata.annotations.liqo.io/override-address");
	assert_string_equal(t.ec.records.items[0].found, "(absent)");
	assert_null(t.ec.records.items[0].wanted);
	assert_null(t.ec.records.items[1].found);
	assert_string_equal(t.ec.records.items[1].wanted, "8443");
	assert_string_equal(text_of(&t.ec.notes), "document 1, Service liqo-auth: removed "
			    "metadata.annotations.liqo.io/override-address: (absent) (the cell is LoadBalancer)\n");
	assert_int_equal(edit_apply_annotations(&t.ec, ymap_get(t.f.root, "metadata"), &ac), 0);
	assert_int_equal(ac.count, 0);
	assert_output(&t,
		      "apiVersion: v1\n"
		      "kind: Service\n"
		      "metadata:\n"
		      "  name: liqo-auth\n"
		      "  annotations:\n"
		      "    team: auth\n"
		      "    liqo.io/override-port: \"8443\"\n"
		      "    note: \"say \\\"hi\\\"\"\n"
		      "spec:\n"
		      "  ports:\n"
		      "    - name: https\n"
		      "      port: 443\n"
		      "    - name: wg\n"
		      "      protocol: UDP\n"
		      "      port: 51820\n");
	finish(&t);
}

/* An object without annotations gets the mapping; many wanted keys grow
 * the change as they come. */
static void annotations_on_an_object_without_them(void **state)
{
	(void)state;
	struct fixture t;
	start(&t, BARE_SERVICE);
	struct annotation_change ac = {0};
	char keys[12][16];
	for (int i = 0; i < 12; i++) {
		snprintf(keys[i], sizeof(keys[i]), "k%02d", i);
		assert_int_equal(edit_want_annotation(&t.ec, &t.f, annotations_of(&t), &ac, keys[i], "v", NULL), 0);
	}
	assert_int_equal(ac.count, 12);
	assert_string_equal(ac.kvs[11].key, "k11");
	assert_int_equal(t.ec.records.count, 12);
	assert_string_equal(text_of(&t.ec.notes), "");
	assert_int_equal(edit_apply_annotations(&t.ec, ymap_get(t.f.root, "metadata"), &ac), 0);
	struct buf want = {0};
	assert_int_equal(buf_puts(&want, "kind: Service\nmetadata:\n  name: liqo-gateway\n  annotations:\n"), 0);
	for (int i = 0; i < 12; i++)
		assert_int_equal(buf_printf(&want, "    %s: \"v\"\n", keys[i]), 0);
	assert_int_equal(buf_puts(&want, "spec: {}\n"), 0);
	assert_output(&t, want.data);
	buf_free(&want);
	finish(&t);
}

static void scalar_text_and_ports(void **state)
{
	(void)state;
	struct fixture t;
	start(&t, SERVICE);
	const struct ynode *metadata = ymap_get(t.f.root, "metadata");
	assert_null(edit_scalar_text(NULL));
	assert_null(edit_scalar_text(ymap_get(metadata, "nothing")));
	assert_string_equal(edit_scalar_text(ymap_get(metadata, "name")), "liqo-auth");
	assert_string_equal(edit_scalar_text(metadata), "(not a plain value)");
	const struct ynode *ports = ymap_get(ymap_get(t.f.root, "spec"), "ports");
	assert_string_equal(edit_scalar_text(ymap_get(edit_pick_port(ports, "UDP"), "name")), "wg");
	/* A port without a protocol is TCP's. */
	assert_string_equal(edit_scalar_text(ymap_get(edit_pick_port(ports, "TCP"), "name")), "https");
	assert_string_equal(edit_scalar_text(ymap_get(edit_pick_port(ports, "SCTP"), "name")), "https");
	finish(&t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(a_replaced_value_is_a_record_a_check_line_and_a_warning),
		cmocka_unit_test(absence_is_null_and_only_a_removal_warns),
		cmocka_unit_test(a_value_reading_absent_is_a_value),
		cmocka_unit_test(a_whole_object_and_a_new_one),
		cmocka_unit_test(records_own_their_text),
		cmocka_unit_test(wanted_annotations),
		cmocka_unit_test(annotations_on_an_object_without_them),
		cmocka_unit_test(scalar_text_and_ports),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
