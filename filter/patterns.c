/* See patterns.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "patterns.h"

#include <pcre2.h>
#include <stdlib.h>

static const struct {
	const char *source;
	uint32_t flags;
} sources[PAT_COUNT] = {
	[PAT_VERSION] = {"^(?:liqo-)?v?([0-9]+)\\.([0-9]+)(?:\\.([0-9]+))?(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?\\z", 0},
	/* A line of the document's head: $ here is the end of that line. */
	[PAT_SOURCE] = {"^# Source: (\\S+)[ \t]*\r?$", PCRE2_MULTILINE},
	[PAT_OWNED_ARG] = {"^(--(?:advertise-api-server-address|auth-service-address-override|"
			   "auth-service-port-override|api-server-address-override))(?:=(.*))?\\z", PCRE2_DOTALL},
	[PAT_CHART_LABEL] = {"^liqo-v?[0-9]+\\.[0-9]+\\.[0-9]+(?:[-+][0-9A-Za-z.+-]*)?\\z", 0},
};

struct patterns {
	pcre2_code *code[PAT_COUNT];
	pcre2_match_data *match;
};

/* PCRE2 10.42 allocates the match data's frames on the first match; one
 * match here does it, and these patterns never need more frames. */
struct patterns *patterns_new(struct ls_error *err)
{
	struct patterns *p = calloc(1, sizeof(*p));
	bool ready = p && (p->match = pcre2_match_data_create(8, NULL)) != NULL;
	for (int i = 0; ready && i < PAT_COUNT; i++) {
		int code;
		PCRE2_SIZE where;
		p->code[i] = pcre2_compile((PCRE2_SPTR)sources[i].source, PCRE2_ZERO_TERMINATED, sources[i].flags,
					   &code, &where, NULL);
		ready = p->code[i] != NULL;
	}
	ready = ready && pcre2_match(p->code[PAT_VERSION], (PCRE2_SPTR) "v1.0", 4, 0, 0, p->match, NULL) > 0;
	if (!ready) {
		err_set(err, LS_EXIT_IO, "out of memory");
		patterns_free(p);
		return NULL;
	}
	return p;
}

void patterns_free(struct patterns *p)
{
	if (!p)
		return;
	for (int i = 0; i < PAT_COUNT; i++)
		pcre2_code_free(p->code[i]);
	pcre2_match_data_free(p->match);
	free(p);
}

bool patterns_match(struct patterns *p, enum pattern_id id, const char *text, size_t len,
		    long *offsets, size_t slots)
{
	int rc = pcre2_match(p->code[id], (PCRE2_SPTR)text, len, 0, 0, p->match, NULL);
	if (rc < 0)
		return false;
	PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(p->match);
	uint32_t pairs = pcre2_get_ovector_count(p->match);
	for (size_t i = 0; i < slots; i++) {
		bool set = i < pairs && i < (size_t)rc && ovector[2 * i] != PCRE2_UNSET;
		offsets[2 * i] = set ? (long)ovector[2 * i] : -1;
		offsets[2 * i + 1] = set ? (long)ovector[2 * i + 1] : -1;
	}
	return true;
}
