/* libFuzzer harness for profile_parse, which reads --profile-dir files.
 * A file must be accepted or refused with one message; an accepted profile
 * has a name and, in every cell, between one and CELL_MAX_CHOICES choices. */
#include <stdint.h>
#include <stdlib.h>

#include "profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct profile profile;
	struct ls_error err = {0};
	int rc = profile_parse("fuzz.yaml", (const char *)data, size, &profile, &err);
	if ((rc == 0) == err_is_set(&err))
		abort();
	if (rc < 0)
		return 0;
	if (profile.name[0] == '\0')
		abort();
	for (int column = 0; column < 2; column++)
		for (int c = 0; c < COMP_COUNT; c++) {
			size_t count = profile.columns[column].cells[c].count;
			if (count == 0 || count > CELL_MAX_CHOICES)
				abort();
		}
	profile_free(&profile);
	return 0;
}
