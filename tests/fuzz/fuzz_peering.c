/* libFuzzer harness for the peering command's two entry points: its command
 * line (peering_args_parse) and a cluster's render (render_facts_read, what
 * it reads of a Liqo v1 render before anything is settled).
 *
 * The first byte picks one: even, the rest is the argument list,
 * NUL-separated; odd, the rest is the render. Either ends in success or in
 * one error message, never both, and everything read is freed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "patterns.h"
#include "peering_args.h"
#include "renderfacts.h"

enum { MAX_ARGS = 48 };

static int arguments(char *text, size_t size, struct ls_error *err)
{
	char *argv[MAX_ARGS + 1] = {"peering"};
	int argc = 1;
	for (char *arg = text; argc < MAX_ARGS && arg <= text + size; arg += strlen(arg) + 1)
		argv[argc++] = arg;
	struct peering_args args;
	return peering_args_parse(argc, argv, &args, err);
}

static int render(const char *text, size_t size, struct ls_error *err)
{
	struct patterns *pat = patterns_new(err);
	if (!pat)
		return -1;
	struct ylimits limits = {.max_documents = 1000, .max_depth = 64, .max_aliases = 100};
	struct render_facts facts;
	struct buf notes = {0};
	int rc = render_facts_read("fuzz", text, size, &limits, pat, &facts, &notes, err);
	render_facts_free(&facts);
	buf_free(&notes);
	patterns_free(pat);
	return rc;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	char *text = malloc(size);
	if (!text)
		return 0;
	memcpy(text, data + 1, size - 1);
	text[size - 1] = '\0';
	struct ls_error err = {0};
	int rc = data[0] % 2 == 0 ? arguments(text, size - 1, &err) : render(text, size - 1, &err);
	if ((rc == 0) == err_is_set(&err) || strncmp(err.message, "internal error", 14) == 0)
		abort();
	free(text);
	return 0;
}
