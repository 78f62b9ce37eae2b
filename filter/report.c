/* See report.h. Keys are written in the schema's order, every key always
 * (null where there is nothing), so a consumer never guesses whether a key
 * is missing or empty; only `differences` depends on --check. */
#include "report.h"

#include <stdio.h>
#include <string.h>

#include "json.h"
#include "peering.h"
#include "reach.h"

static void change(struct json_writer *w, const struct change *c)
{
	json_begin_object(w, NULL);
	if (c->document)
		json_number(w, "document", (long)c->document);
	else
		json_null(w, "document");
	json_string(w, "object", c->object);
	json_string(w, "field", c->field);
	json_string(w, "found", c->found);
	json_string(w, "wanted", c->wanted);
	json_end(w, '}');
}

/* all: every change, else only those made for component c. */
static void changes(struct json_writer *w, const char *key, const struct change_list *list, bool all,
		    enum component c)
{
	json_begin_array(w, key);
	for (size_t i = 0; i < list->count; i++)
		if (all || list->items[i].component == c)
			change(w, &list->items[i]);
	json_end(w, ']');
}

static void components(struct json_writer *w, const struct outcome *run, const struct reach *r)
{
	json_begin_array(w, "components");
	for (enum component c = 0; c < COMP_COUNT; c++) {
		bool absent = !generation_has(run->plan->gen, c);
		json_begin_object(w, NULL);
		json_string(w, "component", component_name(c));
		json_string(w, "cell", absent ? NULL : exposure_title(run->plan->modes[c]));
		if (r->known[c]) {
			json_begin_object(w, "reach");
			json_string_n(w, "address", r->endpoints[c].address, r->endpoints[c].address_len);
			json_number(w, "port", r->endpoints[c].port);
			json_string(w, "protocol", r->endpoints[c].protocol);
			json_end(w, '}');
		} else {
			json_null(w, "reach");
		}
		changes(w, "changes", run->records, false, c);
		json_end(w, '}');
	}
	json_end(w, ']');
}

static void port_forwards(struct json_writer *w, const struct reach *r)
{
	json_begin_array(w, "port_forwards");
	for (size_t i = 0; i < r->forward_count; i++) {
		const struct port_forward *f = &r->forwards[i];
		json_begin_object(w, NULL);
		json_string(w, "protocol", f->protocol);
		json_string(w, "public_address", f->public_address);
		json_number(w, "public_port", f->public_port);
		json_string(w, "target", forward_target_name(f->target));
		json_number(w, "target_port", f->target_port);
		json_string(w, "component", component_name(f->component));
		json_end(w, '}');
	}
	json_end(w, ']');
}

static void peering(struct json_writer *w, const struct outcome *run)
{
	const struct generation_component *gateway = &run->plan->gen->components[COMP_GATEWAY];
	if (!gateway->per_peering) {
		json_null(w, "peering");
		return;
	}
	struct peering_plan pp;
	bool has_gateway = run->inv->slots[gateway->object].doc != NULL;
	peering_plan_make(run->plan, has_gateway ? run->inv->slots[gateway->object].root : NULL,
			  run->lb ? run->lb->peering_gateway_ip : NULL, &pp);
	json_begin_array(w, "peering");
	for (size_t i = 0; i < pp.count; i++) {
		const struct peering_command *cmd = &pp.commands[i];
		json_begin_object(w, NULL);
		json_string(w, "role", cmd->role);
		json_string(w, "gateway_server", !cmd->server ? NULL : cmd->server == &pp.here ? "this-cluster" : "peer");
		json_begin_array(w, "liqoctl_flags");
		for (size_t a = 0; a < cmd->arg_count; a++)
			json_string(w, NULL, cmd->args[a]);
		json_end(w, ']');
		json_end(w, '}');
	}
	json_end(w, ']');
}

static void warning_lines(struct json_writer *w, const struct buf *warnings)
{
	json_begin_array(w, "warnings");
	const char *line = warnings->data, *end = line ? line + warnings->len : NULL;
	while (line && line < end) {
		const char *nl = memchr(line, '\n', (size_t)(end - line));
		size_t n = nl ? (size_t)(nl - line) : (size_t)(end - line);
		json_string_n(w, NULL, line, n);
		line += n + 1;
	}
	json_end(w, ']');
}

int report_render(const struct outcome *run, const struct buf *warnings, bool check, struct buf *out)
{
	const struct plan *p = run->plan;
	struct json_writer w = {.out = out};
	char version[48], cluster[2] = {(char)('a' + p->column), '\0'};
	snprintf(version, sizeof(version), "v%d.%d.%d", run->version.major, run->version.minor, run->version.patch);
	json_begin_object(&w, NULL);
	json_string(&w, "profile", p->profile->name);
	json_string(&w, "cluster", cluster);
	json_string(&w, "cluster_title", p->profile->columns[p->column].title);
	json_string(&w, "liqo_version", version);
	json_bool(&w, "check", check);
	components(&w, run, &run->reach);
	port_forwards(&w, &run->reach);
	peering(&w, run);
	changes(&w, "other_changes", run->records, false, COMP_COUNT);
	warning_lines(&w, warnings);
	if (check)
		changes(&w, "differences", run->records, true, COMP_AUTH);
	json_end(&w, '}');
	return w.failed ? -1 : 0;
}
