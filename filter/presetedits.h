/* The edits a provider preset lists for one Liqo release: container
 * arguments, fields of a mapping, arguments that must be there, and what the
 * API server address must be.
 *
 * Why data: `liqoctl install <provider>` writes Helm values, and each value
 * lands in the render as an argument of some component or a field of some
 * object, differently per release. Writing those landings down in the
 * preset file lets one generic editor reproduce any provider's install, and
 * a provider's change in a new Liqo release is an edit of its file. Values
 * that depend on the live cluster (its endpoint, CIDRs, credentials) are
 * never listed as edits: a preset names them as required, and the run warns
 * when they are missing. */
#ifndef LS_PRESETEDITS_H
#define LS_PRESETEDITS_H

#include <stddef.h>

#include "buf.h"
#include "error.h"
#include "inventory.h"
#include "yamlnode.h"

enum { PRESET_MAX_OBJECTS = 8, PRESET_MAX_EDITS = 8 };

/* The objects a preset edits, each once, across all its releases. */
struct preset_objects {
	struct object_key items[PRESET_MAX_OBJECTS];
	size_t count;
};

enum preset_arg_op {
	PRESET_ARG_SET,     /* the flag appears once, with this value */
	PRESET_ARG_ENTRY,   /* KEY=VALUE is one of the flag's comma-separated entries, keys sorted */
	PRESET_ARG_APPEND,  /* the flag's comma-separated list ends with these entries */
};

struct preset_argument {
	size_t object;           /* in the preset's objects */
	const char *container;
	enum preset_arg_op op;
	const char *text;        /* "--flag=value" as the file writes it */
	size_t flag_len;         /* of "--flag" in text */
	const char *before;      /* a new argument goes before the one with this flag, */
	const char *after;       /* or after it; neither: last */
};

struct preset_field {
	size_t object;
	const char *mapping;     /* dotted path of the mapping ("spec.nodeExtraLabels"), made when absent */
	const char *key;
	const char *value;       /* as text; written quoted */
};

struct preset_requirement {
	size_t object;
	const char *container;
	const char *flag;        /* the argument the render must hold */
	const char *why;         /* the warning when it does not */
};

enum preset_api_server { PRESET_API_SERVER_ANY, PRESET_API_SERVER_REQUIRED, PRESET_API_SERVER_NONE };

struct preset_edits {
	struct preset_argument arguments[PRESET_MAX_EDITS];
	size_t argument_count;
	struct preset_field fields[PRESET_MAX_EDITS];
	size_t field_count;
	struct preset_requirement requires[PRESET_MAX_EDITS];
	size_t require_count;
	enum preset_api_server api_server;
	const char *api_server_why;   /* what liqoctl writes there; said when the flag disagrees */
	const char *cluster_values;   /* what liqoctl reads from the live cluster, for --explain */
};

/* Reads the release key k (its value is k->next) when it is one of the
 * edits': 1 when it is not, 0 when read, -1 with err set (exit 2, naming
 * origin and the line). Texts cut from the file go into arena. */
int preset_edits_read(const char *origin, const struct ynode *k, struct preset_edits *out,
		      struct preset_objects *objects, struct arena *arena, struct ls_error *err);
/* One line per edit, indented by `indent`, as --explain says them. */
int preset_edits_describe(const struct preset_edits *e, const struct preset_objects *objects, const char *indent,
			  struct buf *out);

#endif
