/* See changes.h. */
#include "changes.h"

#include <stdlib.h>
#include <string.h>

void change_list_free(struct change_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i].storage);
	free(list->items);
	memset(list, 0, sizeof(*list));
}

/* Copies s into *at and returns where it went; NULL stays NULL. */
static const char *stow(char **at, const char *s)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *copy = memcpy(*at, s, n);
	*at += n;
	return copy;
}

int change_list_add(struct change_list *list, enum component component, size_t document, const char *kind,
		    const char *name, const char *field, const char *found, const char *wanted)
{
	if (list->count == list->cap) {
		size_t cap = list->cap ? 2 * list->cap : 16;
		struct change *items = realloc(list->items, cap * sizeof(*items));
		if (!items)
			return -1;
		list->items = items, list->cap = cap;
	}
	size_t size = strlen(kind) + strlen(name) + strlen(field) + (found ? strlen(found) : 0) +
		      (wanted ? strlen(wanted) : 0) + 5;
	char *storage = malloc(size);
	if (!storage)
		return -1;
	char *at = storage;
	stow(&at, kind);
	at[-1] = ' ';
	stow(&at, name);
	list->items[list->count++] = (struct change){
		.document = document, .component = component, .object = storage,
		.field = stow(&at, field), .found = stow(&at, found), .wanted = stow(&at, wanted),
		.storage = storage,
	};
	return 0;
}
