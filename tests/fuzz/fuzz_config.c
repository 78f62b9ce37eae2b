/* libFuzzer harness for --config files: config_parse, then plan_resolve
 * against the built-in profiles. A file must end in a plan or one error
 * message, and a config error is always a usage error (exit 2). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "resolve.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct settings settings;
	struct ls_error err = {0};
	struct config_file cfg = {0};
	settings_defaults(&settings);
	if (buf_append(&cfg.text, (const char *)data, size) < 0)
		return 0;
	int rc = config_parse("fuzz.yaml", &settings, &cfg, &err);
	if (rc < 0 && err.code != LS_EXIT_USAGE)
		abort();
	if (rc == 0)
		rc = resolve_plan(&settings, &err);
	if ((rc == 0) == err_is_set(&err) || strncmp(err.message, "internal error", 14) == 0)
		abort();
	config_free(&cfg);
	return 0;
}
