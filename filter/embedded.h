/* Files compiled into the binary (generated at build time from
 * scenario-profiles/ and provider-presets/), so the single executable works with nothing beside it. */
#ifndef LS_EMBEDDED_H
#define LS_EMBEDDED_H

#include <stddef.h>

struct embedded_file {
	const char *name;
	const char *bytes;
	size_t len;
};

extern const struct embedded_file embedded_profiles[];
extern const size_t embedded_profiles_count;
/* From provider-presets/: one file per --provider. */
extern const struct embedded_file embedded_providers[];
extern const size_t embedded_providers_count;

#endif
