/* The changes a run makes, as data.
 *
 * Why apart from the words: --check prints each change as a line, but
 * --report gives them to programs, and a program must not have to parse
 * "found X, wanted Y" back out of a sentence. Each record owns one block for
 * its strings, so a list is freed in one pass and never points into the input. */
#ifndef LS_CHANGES_H
#define LS_CHANGES_H

#include <stddef.h>

#include "profile.h"

/* One field the scenario changed, or under --check would change: what
 * --check lists and --report names. found and wanted are NULL where the
 * field is absent; the strings live in `storage`, the record's own. */
struct change {
	size_t document;           /* 0: a document the scenario adds */
	enum component component;  /* whose cell asked for it */
	const char *object;        /* "Service liqo-auth" */
	const char *field;
	const char *found;
	const char *wanted;
	char *storage;
};

struct change_list {
	struct change *items;
	size_t count, cap;
};

void change_list_free(struct change_list *list);
/* Appends a record; found and wanted are NULL where the field is absent.
 * Returns 0, or -1 when memory is exhausted. */
int change_list_add(struct change_list *list, enum component component, size_t document, const char *kind,
		    const char *name, const char *field, const char *found, const char *wanted);

#endif
