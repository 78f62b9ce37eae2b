/* See provider.h. A preset file is a mapping: name, title, load-balancers
 * (true or false), no-load-balancer (why, when false), node-port-range,
 * taken-ports (port, protocol, by), shared-ip (annotation, key,
 * traffic-policy), refused (why the program does not make it),
 * liqoctl-command (whose install the releases repeat) and releases
 * (from, auth-annotations, gateway-annotations, note, and the edits of
 * presetedits.h). Texts point into the parsed document, which the preset
 * keeps. */
#include "provider.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "embedded.h"
#include "suggest.h"
#include "yamlquery.h"

struct preset_reader {
	const char *origin;
	struct ls_error *err;
	struct provider *p;
};

static int at(struct preset_reader *r, const struct ynode *node, const char *what)
{
	return err_set(r->err, LS_EXIT_USAGE, "%s: line %d:%d: %s", r->origin, node->line + 1, node->column + 1, what);
}

static int text_of(struct preset_reader *r, const struct ynode *value, const char **out)
{
	if (value->kind != YN_SCALAR || value->has_anchor_or_tag)
		return at(r, value, "expected text");
	*out = value->text;
	return 0;
}

static int flag_of(struct preset_reader *r, const struct ynode *value, bool *out)
{
	if (!yscalar_is(value, "true") && !yscalar_is(value, "false"))
		return at(r, value, "expected true or false");
	*out = yscalar_is(value, "true");
	return 0;
}

bool provider_parse_range(const char *text, long *min, long *max)
{
	char *end;
	if (!text || text[0] < '0' || text[0] > '9')
		return false;
	*min = strtol(text, &end, 10);
	if (*end != '-' || end[1] < '0' || end[1] > '9' || end - text > 5)
		return false;
	const char *second = end + 1;
	*max = strtol(second, &end, 10);
	return *end == '\0' && end - second <= 5 && *min >= 1 && *min <= *max && *max <= 65535;
}

static int parse_annotations(struct preset_reader *r, const struct ynode *map, struct provider_annotation *out,
			     size_t *count)
{
	if (map->kind != YN_MAP)
		return at(r, map, "annotations are a mapping of keys to texts");
	for (const struct ynode *k = map->first; k; k = k->next->next) {
		if (*count == PROVIDER_MAX_ANNOTATIONS)
			return at(r, k, "too many annotations");
		if (text_of(r, k, &out[*count].key) < 0 || text_of(r, k->next, &out[*count].value) < 0)
			return -1;
		(*count)++;
	}
	return 0;
}

static int parse_version(struct preset_reader *r, const struct ynode *value, struct liqo_version *out)
{
	char *end;
	if (value->kind != YN_SCALAR || value->text[0] != 'v')
		return at(r, value, "expected a version vMAJOR.MINOR");
	out->major = (int)strtol(value->text + 1, &end, 10);
	if (*end != '.')
		return at(r, value, "expected a version vMAJOR.MINOR");
	out->minor = (int)strtol(end + 1, &end, 10);
	out->patch = 0;
	return *end ? at(r, value, "expected a version vMAJOR.MINOR") : 0;
}

static int parse_release(struct preset_reader *r, const struct ynode *map, struct provider_release *rel)
{
	if (map->kind != YN_MAP || !ymap_get(map, "from"))
		return at(r, map, "a release is a mapping with 'from'");
	for (const struct ynode *k = map->first; k; k = k->next->next) {
		int rc;
		if (yscalar_is(k, "from"))
			rc = parse_version(r, k->next, &rel->from);
		else if (yscalar_is(k, "auth-annotations"))
			rc = parse_annotations(r, k->next, rel->auth, &rel->auth_count);
		else if (yscalar_is(k, "gateway-annotations"))
			rc = parse_annotations(r, k->next, rel->gateway, &rel->gateway_count);
		else if (yscalar_is(k, "note"))
			rc = text_of(r, k->next, &rel->note);
		else if ((rc = preset_edits_read(r->origin, k, &rel->edits, &r->p->objects, &r->p->doc->arena, r->err)) == 1)
			rc = at(r, k, "unknown key in a release");
		if (rc < 0)
			return -1;
	}
	return 0;
}

static int parse_releases(struct preset_reader *r, const struct ynode *seq, struct provider *p)
{
	if (seq->kind != YN_SEQ)
		return at(r, seq, "'releases' is a list");
	for (const struct ynode *item = seq->first; item; item = item->next) {
		if (p->release_count == PROVIDER_MAX_RELEASES)
			return at(r, item, "too many releases");
		struct provider_release *rel = &p->releases[p->release_count];
		if (parse_release(r, item, rel) < 0)
			return -1;
		if (p->release_count && version_at_least(p->releases[p->release_count - 1].from, rel->from.major, rel->from.minor))
			return at(r, item, "releases are listed oldest first");
		p->release_count++;
	}
	return 0;
}

static int parse_taken(struct preset_reader *r, const struct ynode *seq, struct provider *p)
{
	if (seq->kind != YN_SEQ)
		return at(r, seq, "'taken-ports' is a list");
	for (const struct ynode *item = seq->first; item; item = item->next) {
		if (p->taken_count == PROVIDER_MAX_TAKEN)
			return at(r, item, "too many taken ports");
		struct provider_taken_port *t = &p->taken[p->taken_count++];
		const struct ynode *port = ymap_get(item, "port"), *proto = ymap_get(item, "protocol"),
				   *by = ymap_get(item, "by");
		if (!port || !proto || !by || item->count != 6)
			return at(r, item, "a taken port has exactly 'port', 'protocol' and 'by'");
		t->port = port->kind == YN_SCALAR ? strtol(port->text, NULL, 10) : 0;
		if (t->port < 1 || t->port > 65535)
			return at(r, port, "expected a port");
		if (text_of(r, proto, &t->protocol) < 0 || text_of(r, by, &t->by) < 0)
			return -1;
	}
	return 0;
}

static int parse_shared_ip(struct preset_reader *r, const struct ynode *map, struct provider *p)
{
	const struct ynode *annotation = ymap_get(map, "annotation"), *key = ymap_get(map, "key");
	const struct ynode *policy = ymap_get(map, "traffic-policy");
	if (!annotation || !key || map->count != (policy ? 6u : 4u))
		return at(r, map, "'shared-ip' has 'annotation', 'key' and maybe 'traffic-policy'");
	if (text_of(r, annotation, &p->shared_ip_annotation) < 0 || text_of(r, key, &p->shared_ip_key) < 0)
		return -1;
	return policy ? text_of(r, policy, &p->shared_ip_policy) : 0;
}

static int parse_range(struct preset_reader *r, const struct ynode *value, struct provider *p)
{
	if (value->kind != YN_SCALAR || !provider_parse_range(value->text, &p->node_port_min, &p->node_port_max))
		return at(r, value, "expected a node-port range MIN-MAX");
	return 0;
}

static int parse_key(struct preset_reader *r, const struct ynode *k, struct provider *p)
{
	const struct ynode *v = k->next;
	if (yscalar_is(k, "name"))
		return text_of(r, v, &p->name);
	if (yscalar_is(k, "title"))
		return text_of(r, v, &p->title);
	if (yscalar_is(k, "load-balancers"))
		return flag_of(r, v, &p->load_balancers);
	if (yscalar_is(k, "no-load-balancer"))
		return text_of(r, v, &p->no_load_balancer);
	if (yscalar_is(k, "node-port-range"))
		return parse_range(r, v, p);
	if (yscalar_is(k, "taken-ports"))
		return parse_taken(r, v, p);
	if (yscalar_is(k, "shared-ip"))
		return v->kind == YN_MAP ? parse_shared_ip(r, v, p) : at(r, v, "'shared-ip' is a mapping");
	if (yscalar_is(k, "releases"))
		return parse_releases(r, v, p);
	if (yscalar_is(k, "refused"))
		return text_of(r, v, &p->refused);
	if (yscalar_is(k, "liqoctl-command"))
		return text_of(r, v, &p->command);
	return at(r, k, "unknown key");
}

int provider_parse(const char *origin, const char *text, size_t len, struct provider *out, struct ls_error *err)
{
	struct preset_reader r = {.origin = origin, .err = err, .p = out};
	struct ylimits limits = {.max_documents = 2, .max_depth = 16, .max_aliases = 0};
	memset(out, 0, sizeof(*out));
	if (yparse_document(origin, text, len, &limits, "provider preset", &out->doc, err) < 0)
		return -1;
	const struct ynode *root = out->doc ? out->doc->root : NULL;
	if (!root || root->kind != YN_MAP)
		return err_set(err, LS_EXIT_USAGE, "%s: a provider preset is a mapping", origin);
	for (const struct ynode *k = root->first; k; k = k->next->next)
		if (parse_key(&r, k, out) < 0)
			return -1;
	if (out->name && out->refused)
		return 0;
	if (!out->name || !out->title || !out->node_port_min)
		return at(&r, root, "a preset needs 'name', 'title' and 'node-port-range'");
	if (!out->load_balancers && !out->no_load_balancer)
		return at(&r, root, "a preset without load balancers says why in 'no-load-balancer'");
	return 0;
}

int provider_names(struct buf *out)
{
	int rc = 0;
	for (size_t i = 0; i < embedded_providers_count; i++) {
		const char *file = embedded_providers[i].name;
		rc |= buf_printf(out, "%s%.*s", i ? ", " : "", (int)(strlen(file) - 5), file);
	}
	return rc;
}

/* "did you mean NAME? " for the preset nearest to a mistyped name, or
 * nothing; the names are the preset files' less ".yaml". */
static void nearest_preset(const char *name, char *out, size_t size)
{
	const char *best = NULL;
	size_t best_len = 0, best_distance = (size_t)-1;
	for (size_t i = 0; i < embedded_providers_count; i++) {
		const char *file = embedded_providers[i].name;
		size_t len = strlen(file) - 5;
		size_t d = suggest_distance(name, strlen(name), file, len);
		if (d < best_distance)
			best = file, best_len = len, best_distance = d;
	}
	if (best && best_distance > 0 && best_distance <= suggest_reach(strlen(name)))
		snprintf(out, size, "did you mean %.*s? ", (int)best_len, best);
}

/* Preset files are named after their presets (a unit test holds them to
 * it), so a run parses only the one it names. */
int provider_load(const char *name, struct provider *out, struct ls_error *err)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < embedded_providers_count; i++) {
		const struct embedded_file *f = &embedded_providers[i];
		if (strncmp(f->name, name, n) != 0 || strcmp(f->name + n, ".yaml") != 0)
			continue;
		if (provider_parse(f->name, f->bytes, f->len, out, err) < 0)
			return -1;
		return out->refused ? err_set(err, LS_EXIT_USAGE, "--provider %s: %s", name, out->refused) : 0;
	}
	struct buf names = {0};
	memset(out, 0, sizeof(*out));
	char meant[80] = "";
	nearest_preset(name, meant, sizeof(meant));
	int rc = provider_names(&names) < 0 ? err_set(err, LS_EXIT_IO, "out of memory")
		 : err_set(err, LS_EXIT_USAGE, "--provider %s: no such provider (%sone of: %s)", name, meant, names.data);
	buf_free(&names);
	return rc;
}

const struct provider_release *provider_release_for(const struct provider *p, struct liqo_version v)
{
	const struct provider_release *found = NULL;
	for (size_t i = 0; i < p->release_count; i++)
		if (version_at_least(v, p->releases[i].from.major, p->releases[i].from.minor))
			found = &p->releases[i];
	return found;
}

void provider_free(struct provider *p)
{
	ydoc_free(p->doc);
	p->doc = NULL;
}
