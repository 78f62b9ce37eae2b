/* libFuzzer harness for provider_parse, which reads the provider presets
 * and their per-release edits. A file must be accepted or refused with one
 * message; an accepted preset has a name, and every edit names one of the
 * preset's objects and, for an argument, a flag inside its text. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "provider.h"

static void check_release(const struct provider *p, const struct provider_release *r)
{
	const struct preset_edits *e = &r->edits;
	for (size_t i = 0; i < e->argument_count; i++)
		if (e->arguments[i].object >= p->objects.count || e->arguments[i].flag_len >= strlen(e->arguments[i].text))
			abort();
	for (size_t i = 0; i < e->field_count; i++)
		if (e->fields[i].object >= p->objects.count)
			abort();
	for (size_t i = 0; i < e->require_count; i++)
		if (e->requires[i].object >= p->objects.count)
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct provider p;
	struct ls_error err = {0};
	int rc = provider_parse("fuzz.yaml", (const char *)data, size, &p, &err);
	if ((rc == 0) == err_is_set(&err))
		abort();
	if (rc == 0 && !p.name)
		abort();
	for (size_t i = 0; rc == 0 && i < p.release_count; i++)
		check_release(&p, &p.releases[i]);
	provider_free(&p);
	return 0;
}
