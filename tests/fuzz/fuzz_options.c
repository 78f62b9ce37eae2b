/* libFuzzer harness for the command line: options_parse, then plan_resolve
 * against the built-in profiles, as main does before it reads any input.
 *
 * The input is the argument list, NUL-separated. Any list must end in a plan
 * or one error message; a plan must name a built-in profile. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "options.h"
#include "resolve.h"

enum { MAX_ARGS = 32 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	char *argv[MAX_ARGS + 1] = {"x"};
	int argc = 1;
	for (char *arg = text; argc < MAX_ARGS && arg <= text + size; arg += strlen(arg) + 1)
		argv[argc++] = arg;
	struct settings settings;
	struct ls_error err = {0};
	settings_defaults(&settings);
	int rc = options_parse(argc, argv, &settings, &err);
	if (rc == 0)
		rc = resolve_plan(&settings, &err);
	if ((rc == 0) == err_is_set(&err) || strncmp(err.message, "internal error", 14) == 0)
		abort();
	free(text);
	return 0;
}
