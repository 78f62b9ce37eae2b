/* See patterns.h. */
#define PCRE2_CODE_UNIT_WIDTH 8
#include "patterns.h"

#include <pcre2.h>
#include <stdlib.h>

#define DNS_LABEL "[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
#define DNS_NAME "(?=.{1,253}$)" DNS_LABEL "(?:\\." DNS_LABEL ")*"
#define IPV4_OCTET "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
#define IPV4 IPV4_OCTET "(?:\\." IPV4_OCTET "){3}"
#define IPV6 "[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}"

static const struct {
	const char *source;
	uint32_t flags;
} sources[PAT_COUNT] = {
	[PAT_VERSION] = {"^(?:liqo-)?v?([0-9]+)\\.([0-9]+)(?:\\.([0-9]+))?", 0},
	[PAT_HOST] = {"^" DNS_NAME "$", 0},
	[PAT_ADDRESS] = {"^(?:" IPV4 "|" IPV6 "|" DNS_NAME ")$", 0},
	[PAT_API_URL] = {"^(?:https://)?(?:" IPV4 "|\\[" IPV6 "\\]|" DNS_NAME ")(?::([0-9]{1,5}))?$", 0},
	[PAT_DOTTED_QUAD] = {"^(?:https://)?([0-9]+)\\.([0-9]+)\\.([0-9]+)\\.([0-9]+)(?::[0-9]+)?$", 0},
	[PAT_SOURCE] = {"^# Source: (\\S+)", PCRE2_MULTILINE},
	[PAT_OWNED_ARG] = {"^(--(?:advertise-api-server-address|auth-service-address-override|"
			   "auth-service-port-override|api-server-address-override))(?:=(.*))?$", PCRE2_DOTALL},
	[PAT_CHART_LABEL] = {"^liqo-v?[0-9]+\\.[0-9]+\\.[0-9]+(?:[-+][0-9A-Za-z.+-]*)?$", 0},
};

struct patterns {
	pcre2_code *code[PAT_COUNT];
	pcre2_match_data *match;
};

struct patterns *patterns_new(struct ls_error *err)
{
	struct patterns *p = calloc(1, sizeof(*p));
	if (p)
		p->match = pcre2_match_data_create(8, NULL);
	if (!p || !p->match) {
		err_set(err, LS_EXIT_IO, "out of memory");
		patterns_free(p);
		return NULL;
	}
	return p;
}

/* Compiled on first use: most runs need only two or three of them. The
 * sources are constants, so a failure here is a defect, not an input error. */
static pcre2_code *compiled(struct patterns *p, enum pattern_id id)
{
	if (!p->code[id]) {
		int code;
		PCRE2_SIZE where;
		p->code[id] = pcre2_compile((PCRE2_SPTR)sources[id].source, PCRE2_ZERO_TERMINATED,
					    sources[id].flags, &code, &where, NULL);
		if (!p->code[id])
			abort();
	}
	return p->code[id];
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
	int rc = pcre2_match(compiled(p, id), (PCRE2_SPTR)text, len, 0, 0, p->match, NULL);
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
