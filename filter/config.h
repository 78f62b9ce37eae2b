/* --config FILE: the command line's settings as a YAML mapping.
 *
 * Why: in a GitOps repository each cluster's scenario is reviewed as a file
 * (`profile: on-prem-nat-to-cloud`, `public-address: 203.0.113.10`); keys are
 * the long flags' names so the two can never mean different things, and
 * flags given beside the file win so a pipeline can override one value. */
#ifndef LS_CONFIG_H
#define LS_CONFIG_H

#include "options.h"
#include "yamltree.h"

struct config_file {
	struct buf text;
	struct ydoc *doc; /* settings point into it: free after the run */
};

int config_load(const char *path, struct settings *s, struct config_file *cfg, struct ls_error *err);
/* config_load's second half, on cfg->text already read (path names it). */
int config_parse(const char *path, struct settings *s, struct config_file *cfg, struct ls_error *err);
/* The same, leaving the key own_key (when not NULL) to the caller: its value
 * node, a single text, goes to *own_value (untouched when the key is absent). */
int config_parse_taking(const char *path, struct settings *s, struct config_file *cfg, const char *own_key,
			const struct ynode **own_value, struct ls_error *err);
void config_free(struct config_file *cfg);

#endif
