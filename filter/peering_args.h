/* The command line of `liqo-scenario peering`.
 *
 * Why a table of its own: the peering command takes two clusters' files and
 * keys, a set apart from the post-renderer's flags (each cluster's
 * post-renderer settings come in through its --config file); one table
 * serves parsing, --help and the man page check, as options.c does for the
 * post-renderer. */
#ifndef LS_PEERING_ARGS_H
#define LS_PEERING_ARGS_H

#include <stdbool.h>
#include <stdio.h>

#include "error.h"

enum { PEERING_MAX_POD_CIDRS = 8 };

/* One cluster's flags: --a-... or --b-... */
struct side_flags {
	const char *config;
	const char *render;
	const char *public_key;
	const char *cluster_id;
	const char *gateway_address;
	const char *liqo_namespace;
	const char *external_cidr;
	const char *pod_cidrs[PEERING_MAX_POD_CIDRS];
	size_t pod_cidr_count;
};

struct peering_args {
	struct side_flags sides[2];
	const char *consumer;          /* "a", "b" */
	const char *server_on;         /* NULL: the provider */
	const char *keys_secret;
	const char *consumer_user;
	const char *consumer_group;
	const char *kubeconfig;
	const char *output_dir;
	const char *report;
	const char *mtu;
	bool explain;
	bool help;
};

/* argv[0] is "peering"; argv is borrowed. Exit 2 on a flag it does not know. */
int peering_args_parse(int argc, char **argv, struct peering_args *out, struct ls_error *err);
void peering_usage(FILE *out);

#endif
