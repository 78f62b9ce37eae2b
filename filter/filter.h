/* The filter as one call: settings and input bytes in, output bytes out.
 *
 * Why: main, the unit tests and the fuzz harness all enter here, so the
 * program's whole behaviour on a given input is testable without a process,
 * and nothing is written anywhere until this returns success. */
#ifndef LS_FILTER_H
#define LS_FILTER_H

#include "buf.h"
#include "changes.h"
#include "error.h"
#include "options.h"
#include "profile.h"
#include "splice.h"

/* output borrows from the input given to filter_run and from splices: the
 * input must outlive the result. */
struct filter_result {
	struct pieces output;
	struct splices splices;
	struct buf notes;    /* warnings, one per line */
	struct buf changes;  /* what changed, one per line */
	struct buf report;   /* --explain's report, also for --explain-file and --record */
	struct buf json;     /* --report's JSON */
	struct change_list records;  /* the changes as data */
};

int filter_run(const struct settings *s, const struct profile_set *profiles, const char *input_name,
	       const char *input, size_t len, struct filter_result *result, struct ls_error *err);
void filter_result_free(struct filter_result *result);

#endif
