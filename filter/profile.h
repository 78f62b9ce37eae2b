/* Scenario profiles: the seed's tables as data.
 *
 * Why: a scenario is a table of cells (component x cluster column), and each
 * cell names one or more exposures in the seed's own words
 * ("LoadBalancer/ingress", "NodePort with port-forwarding"). Profiles keep
 * those words, so a reader can hold a profile file next to the seed's table;
 * this module turns the words into exposure modes and nothing else decides
 * what a scenario is. */
#ifndef LS_PROFILE_H
#define LS_PROFILE_H

#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "error.h"

enum component { COMP_AUTH, COMP_API_SERVER, COMP_GATEWAY, COMP_COUNT };

enum exposure {
	EXPOSE_LOADBALANCER,
	EXPOSE_INGRESS,
	EXPOSE_NODEPORT,
	EXPOSE_NODEPORT_FORWARDED, /* NodePort behind a NAT's port-forwarding */
	EXPOSE_PROVIDED,
	EXPOSE_EXPOSED,
	EXPOSE_PUBLIC_IP,
	EXPOSE_PORT_FORWARD,       /* the API server behind a NAT's port-forwarding */
};

enum { CELL_MAX_CHOICES = 4 };

struct cell {
	const char *text;               /* as the profile writes it */
	enum exposure choices[CELL_MAX_CHOICES];
	size_t count;
};

struct column {
	const char *title;              /* "" when the profile gives none */
	struct cell cells[COMP_COUNT];
};

struct profile {
	const char *name;
	const char *description;  /* "" when the profile gives none */
	struct column columns[2]; /* a, b */
	struct arena strings;     /* holds the texts above: profile_free */
};

struct profile_set {
	struct profile *items;
	size_t count;
	struct buf notes; /* warnings about what --profile-dir holds, one per line */
};

/* Parses one profile file's bytes; `origin` names it in messages. A parsed
 * profile owns its texts: profile_free, or hand it to a profile_set. */
int profile_parse(const char *origin, const char *text, size_t len, struct profile *out,
		  struct ls_error *err);
void profile_free(struct profile *p);
/* The profiles compiled into the binary, then those in dir (may be NULL);
 * a profile from dir replaces an embedded one of the same name. With wanted
 * set, built-in profiles other than that one may be left out. What in dir
 * is not a regular file is skipped with a warning in set->notes; any other
 * trouble with a file there is a profile error (exit 2). */
int profiles_load(const char *dir, const char *wanted, struct profile_set *set, struct ls_error *err);
const struct profile *profiles_find(const struct profile_set *set, const char *name);
void profiles_free(struct profile_set *set);
/* --list-profiles: each profile's table, its columns headed by the
 * --cluster word that picks them, its texts escaped. Returns 0, or -1 when
 * memory is exhausted. */
int profiles_print(const struct profile_set *set, FILE *out);
/* The profile name nearest to a mistyped one, or NULL. */
const char *profiles_nearest(const struct profile_set *set, const char *name);

const char *component_name(enum component c);
const char *component_title(enum component c);
/* The --auth / --api-server word that selects an exposure. */
const char *exposure_choice(enum exposure e);
const char *exposure_title(enum exposure e);
/* The words that can select an exposure of component c, each once, in the
 * vocabulary's order; returns how many (at most max are stored). */
size_t component_choices(enum component c, const char **words, size_t max);
/* Whether the two columns of a profile are the same, so --cluster is optional. */
int profile_columns_equal(const struct profile *p);

#endif
