/* See filter.h. The order matters: everything about the command line is
 * checked before the input is looked at, and the whole input is parsed and
 * checked before a single splice is applied. */
#include "filter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clusterid.h"
#include "editcontext.h"
#include "explain.h"
#include "explain_markdown.h"
#include "generation.h"
#include "inventory.h"
#include "loadbalancer.h"
#include "outcome.h"
#include "peering.h"
#include "plan.h"
#include "reach.h"
#include "record.h"
#include "report.h"
#include "scenario.h"

static const char *line_ending(const char *input, size_t len)
{
	const char *nl = memchr(input, '\n', len);
	return nl && nl > input && nl[-1] == '\r' ? "\r\n" : "\n";
}

/* Where each peering makes its gateway from the render's template, the
 * flags it cannot take are warnings of every run, --explain or not. */
static int peering_notes(const struct plan *plan, const struct inventory *inv, const struct lb_settings *lb,
			 struct buf *notes)
{
	const struct generation_component *gateway = &plan->gen->components[COMP_GATEWAY];
	const struct found_doc *template = &inv->slots[gateway->object];
	if (!gateway->per_peering || !template->doc)
		return 0;
	return peering_left_out_notes(plan, template->root, lb->peering_gateway_ip, notes);
}

/* --explain in the format asked for, from the same outcome either way. */
static int explain(const struct settings *s, const struct outcome *run, struct buf *out)
{
	return settings_explain_markdown(s) ? explain_markdown_render(run, out) : explain_render(run, out);
}

/* The record holds the report without what depends on the input the run
 * was given (its changes and warnings): a run over the output records the
 * same, and --check compares it. */
static int record(struct edit_context *ec, const struct settings *s, const struct outcome *run,
		  const struct buf *explanation, struct ls_error *err)
{
	struct change_list none = {0};
	struct buf no_warnings = {0}, report = {0};
	struct outcome as_decided = *run;
	as_decided.records = &none;
	char version[48];
	snprintf(version, sizeof(version), "v%d.%d.%d", run->version.major, run->version.minor, run->version.patch);
	struct record_texts texts = {version, explanation, &report};
	int rc = s->record && report_render(&as_decided, &no_warnings, false, &report) < 0
		 ? err_set(err, LS_EXIT_IO, "out of memory") : record_apply(ec, s, &texts);
	buf_free(&report);
	return rc;
}

static int run_scenario(const struct settings *s, struct plan *plan, struct lb_settings *lb, struct patterns *pat,
			const char *name, const char *input, size_t len, struct filter_result *result,
			struct ls_error *err)
{
	struct inventory inv = {.input_name = name, .pat = pat};
	struct edit_context sc = {
		.plan = plan, .inv = &inv, .pat = pat, .lb = lb, .check = s->check,
		.edit = {.input = input, .len = len, .eol = line_ending(input, len), .splices = &result->splices,
			 .err = err, .name = name},
	};
	/* A render Helm and Kubernetes accept is read as they read it. */
	struct ylimits limits = s->limits;
	limits.duplicate_keys = &result->notes;
	const struct preset_objects *objects = lb->has_provider ? &lb->provider.objects : NULL;
	const char *kinds[16];
	int rc = objects && inventory_want(&inv, objects->items, objects->count) < 0
		 ? err_set(err, LS_EXIT_IO, "out of memory") : 0;
	inventory_kinds_with_wanted(&inv, kinds, sizeof(kinds) / sizeof(kinds[0]));
	if (rc == 0)
		rc = yparse_stream(name, input, len, &limits, kinds, inventory_take, &inv, err);
	if (rc == 0)
		rc = inventory_require_liqo(&inv, err);
	if (rc == 0)
		rc = generation_detect(&inv, pat, s->liqo_version, &sc.version, &sc.traits, &result->notes, err);
	if (rc == 0)
		rc = plan_settle(s, plan, generation_of(sc.traits.generation), &result->notes, err);
	if (rc == 0)
		rc = lb_settle(lb, plan, sc.version, &result->notes, err);
	if (rc == 0)
		rc = plan_check_conflicts(plan, err);
	if (rc == 0)
		rc = scenario_apply(&sc, err);
	if (rc == 0 && peering_notes(plan, &inv, lb, &result->notes) < 0)
		rc = err_set(err, LS_EXIT_IO, "out of memory");
	if (rc == 0)
		rc = clusterid_apply(&sc, s->cluster_id, err);
	struct outcome run = {.plan = plan, .version = sc.version, .inv = &inv, .lb = lb, .records = &sc.records,
			      .auth_tls = sc.auth_tls};
	bool explains = settings_explain(s) || s->explain_file || s->record;
	if (rc == 0 && (explains || s->report))
		reach_compute(plan, &inv, &run.reach);
	if (rc == 0 && explains && explain(s, &run, &result->report) < 0)
		rc = err_set(err, LS_EXIT_IO, "out of memory");
	if (rc == 0)
		rc = record(&sc, s, &run, &result->report, err);
	if (rc == 0)
		rc = yedit_finish(&sc.edit);
	int laid_out = rc == 0 ? splices_lay_out(&result->splices, input, len, &result->output) : 0;
	if (laid_out == -1)
		rc = err_set(err, LS_EXIT_IO, "internal error: two edits claim the same bytes");
	else if (laid_out < 0)
		rc = err_set(err, LS_EXIT_IO, "out of memory");
	result->changes = sc.changes;
	result->records = sc.records;
	if (buf_append(&result->notes, sc.notes.data, sc.notes.len) < 0 && rc == 0)
		rc = err_set(err, LS_EXIT_IO, "out of memory");
	if (rc == 0 && s->report && report_render(&run, &result->notes, s->check, &result->json) < 0)
		rc = err_set(err, LS_EXIT_IO, "out of memory");
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
	struct plan plan = {0};
	struct lb_settings *lb = calloc(1, sizeof(*lb));
	if (!lb) {
		patterns_free(pat);
		return err_set(err, LS_EXIT_IO, "out of memory");
	}
	int rc = settings_check_outputs(s, err);
	/* What --profile-dir skipped is a warning of the run, the report's too,
	 * and so is a flag given twice. */
	if (rc == 0 && (buf_append(&result->notes, profiles->notes.data ? profiles->notes.data : "",
				   profiles->notes.len) < 0 || options_warnings(s, &result->notes) < 0))
		rc = err_set(err, LS_EXIT_IO, "out of memory");
	if (rc == 0)
		rc = settings_check_explain_file(s, err);
	if (rc == 0)
		rc = plan_resolve(s, profiles, &plan, &result->notes, err);
	if (rc == 0)
		rc = lb_resolve(s, lb, err);
	if (rc == 0 && len > s->max_input_size)
		rc = err_set(err, LS_EXIT_INPUT, "%s: input exceeds --max-input-size=%zu bytes", name, s->max_input_size);
	if (rc == 0)
		rc = run_scenario(s, &plan, lb, pat, name, input, len, result, err);
	lb_free(lb);
	free(lb);
	plan_free(&plan);
	patterns_free(pat);
	/* A failed run says one thing, its error: not a half-written
	 * explanation either. */
	if (rc < 0) {
		pieces_free(&result->output);
		splices_free(&result->splices);
		buf_free(&result->report);
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
	buf_free(&result->json);
	change_list_free(&result->records);
}
