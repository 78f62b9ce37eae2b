/* A scalar's text, decoded from the bytes it was written as, and the checks
 * that stand in for libfyaml 0.7.12 where it reads YAML wrongly.
 *
 * Why: libfyaml 0.7.12, the release Debian bookworm ships, formats some
 * scalars wrongly or not at all (quoted scalars with many escapes, CRLF
 * breaks, some | and > scalars) and reads some indentation that YAML refuses.
 * Each of those is worked around here, beside its reason, so the tree builder
 * only walks events, and a libfyaml that fixes one loses one function. */
#ifndef LS_YAMLSCALAR_H
#define LS_YAMLSCALAR_H

#include <libfyaml.h>
#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "yamlnode.h"

/* The text being parsed and where it stands, for messages. */
struct yinput {
	const char *name;
	const char *text;
	size_t len;
	size_t document; /* 1-based number of the document being read */
};

/* Fills a scalar node from its event: style, byte range through its quotes
 * or indicator, text, and whether it is a plain null. single_line is whether
 * the event ends on the line where the node starts. The text is borrowed
 * from the input when it needs no decoding, else copied into arena. */
int yscalar_decode(const struct yinput *in, struct ynode *node, struct fy_event *event, bool single_line,
		   struct arena *arena, struct ls_error *err);
/* The text of token for node, as yscalar_decode gets it. */
int yscalar_set_text(const struct yinput *in, struct ynode *node, struct fy_token *token, bool single_line,
		     struct arena *arena, struct ls_error *err);
/* Refuses a node that parent (a collection being built) would take from
 * libfyaml 0.7.12 with an indentation YAML does not allow. */
int yscalar_check_indentation(const struct yinput *in, const struct ynode *parent, const struct ynode *node,
			      struct ls_error *err);

#endif
