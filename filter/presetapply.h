/* Applies a provider preset's edits for the run's Liqo release to the
 * render: the arguments and fields of presetedits.h on the objects the
 * inventory found for them, the requirements checked, the API server
 * address compared with what liqoctl writes.
 *
 * Why generic: a provider is data (provider-presets/), so this code knows
 * arguments, lists of entries and mappings, never a provider's name. */
#ifndef LS_PRESETAPPLY_H
#define LS_PRESETAPPLY_H

#include "editcontext.h"

/* Each edit compares first, so a second run over the output changes
 * nothing; an object the input lacks is a warning. */
int preset_apply(struct edit_context *ec);

#endif
