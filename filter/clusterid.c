/* See clusterid.h. The rules are the chart's: v0.10's clusterIDOverride
 * must match a lower-case UUID, v1's clusterID a DNS label (the chart's
 * pattern; at most 63 characters, as Kubernetes label values, which Liqo
 * v1 makes of it). */
#include "clusterid.h"

#include <string.h>

#include "yamlquery.h"
#include "yamlquote.h"

static bool lower_hex(char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
}

static bool uuid(const char *id)
{
	static const size_t dashes[] = {8, 13, 18, 23};
	if (strlen(id) != 36)
		return false;
	for (size_t i = 0, d = 0; i < 36; i++) {
		if (d < 4 && i == dashes[d]) {
			if (id[i] != '-')
				return false;
			d++;
		} else if (!lower_hex(id[i])) {
			return false;
		}
	}
	return true;
}

static bool dns_label(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > 63 || id[0] == '-' || id[n - 1] == '-')
		return false;
	return strspn(id, "abcdefghijklmnopqrstuvwxyz0123456789-") == n;
}

bool clusterid_valid(int major, const char *id, const char **why)
{
	if (major == 0 && !uuid(id)) {
		*why = "Liqo v0 takes a lower-case UUID (8-4-4-4-12 hexadecimal digits)";
		return false;
	}
	if (major >= 1 && !dns_label(id)) {
		*why = "Liqo v1 takes a DNS label: lower-case letters, digits and '-', at most 63, "
		       "starting and ending with a letter or digit";
		return false;
	}
	return true;
}

/* A ConfigMap value must stay a string: text YAML would read as a number,
 * a boolean or null is quoted. */
static bool reads_as_other_than_text(const char *id)
{
	static const char *const words[] = {"true", "false", "null", "yes", "no", "on", "off", "y", "n", "~"};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(id, words[i]) == 0)
			return true;
	return strspn(id, "0123456789eEoOxX.+-_") == strlen(id);
}

static int set_value(struct edit_context *ec, const struct found_doc *f, const struct ynode *value, const char *id)
{
	struct yedit *e = &ec->edit;
	bool quote = reads_as_other_than_text(id);
	if (value && value->kind == YN_SCALAR && !value->has_anchor_or_tag) {
		if (!quote || value->style == YS_SINGLE || value->style == YS_DOUBLE)
			return yedit_set_scalar(e, value, id);
		const char *rendered = yaml_double_quoted(&e->scratch, id);
		return rendered ? yedit_replace(e, value, rendered) : edit_out_of_memory(ec);
	}
	if (value && (value->kind != YN_NULL || value->has_anchor_or_tag))
		return yedit_wrong_shape(e, value, "a plain value");
	struct kv kv = {"CLUSTER_ID", quote ? yaml_double_quoted(&e->scratch, id) : id};
	if (!kv.value)
		return edit_out_of_memory(ec);
	return yedit_child_map_apply(e, f->root, "data", &kv, 1);
}

int clusterid_apply(struct edit_context *ec, const char *id, struct ls_error *err)
{
	if (!id)
		return 0;
	const char *why = NULL;
	if (!clusterid_valid(ec->version.major, id, &why))
		return err_set(err, LS_EXIT_USAGE, "--cluster-id: '%s' is not a cluster ID: %s", id, why);
	const struct found_doc *f = &ec->inv->slots[SLOT_CLUSTER_ID];
	if (!f->doc)
		return err_set(err, LS_EXIT_INPUT, "%s: no %s to pin --cluster-id in", ec->inv->input_name,
			       slot_titles[SLOT_CLUSTER_ID]);
	ec->edit.document = f->doc->number;
	ec->serving = COMP_COUNT;  /* the cluster's identity, no component's cell */
	const struct ynode *data = ymap_get(f->root, "data");
	if (data && (data->kind != YN_MAP && data->kind != YN_NULL))
		return yedit_wrong_shape(&ec->edit, data, "a mapping");
	const struct ynode *value = ymap_get(data, "CLUSTER_ID");
	if (value && value->kind == YN_SCALAR && value->len == strlen(id) && memcmp(value->text, id, value->len) == 0)
		return 0;
	if (edit_changed(ec, f, "data.CLUSTER_ID", edit_scalar_text(value), id, NULL) < 0)
		return -1;
	return set_value(ec, f, value, id);
}
