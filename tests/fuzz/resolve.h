/* The command-line harnesses' common end: a run's settings resolved into a
 * plan against the built-in profiles, as the filter does, for an input of
 * each generation. */
#ifndef LS_FUZZ_RESOLVE_H
#define LS_FUZZ_RESOLVE_H

#include <stdlib.h>

#include "patterns.h"
#include "plan.h"

/* 0 or -1 with err set; a failure to set up what every run needs aborts. */
static inline int resolve_plan(const struct settings *settings, struct ls_error *err)
{
	if (!settings->profile || settings->list_profiles)
		return 0;
	struct profile_set profiles = {0};
	struct buf notes = {0};
	struct plan plan = {0};
	struct patterns *pat = patterns_new(err);
	if (!pat || profiles_load(NULL, settings->profile, &profiles, err) < 0)
		abort();
	int rc = settings_check_outputs(settings, err);
	/* Every answer to the question the input's version settles, each on a
	 * plan of its own: settling may rewrite the plan's texts. */
	for (enum generation_id id = 0; rc == 0 && id < GEN_COUNT; id++) {
		rc = plan_resolve(settings, &profiles, &plan, &notes, err);
		if (rc == 0)
			rc = plan_settle(settings, &plan, generation_of(id), &notes, err);
		plan_free(&plan);
		plan = (struct plan){0};
	}
	buf_free(&notes);
	patterns_free(pat);
	profiles_free(&profiles);
	return rc;
}

#endif
