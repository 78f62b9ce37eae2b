/* Settings of one run, from the command line (and, later, a config file).
 *
 * Why a table: Helm passes each --post-renderer-args value as its own
 * argument and pipelines write --flag=value; one table of option names, kinds
 * and destinations serves both spellings, the help text and validation, so a
 * flag cannot be accepted in one place and forgotten in another. */
#ifndef LS_OPTIONS_H
#define LS_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "buf.h"
#include "error.h"
#include "yamltree.h"

/* A repeatable option's values, in the order given (a config file's first,
 * then the command line's, so a flag given beside the file comes last). */
enum { SETTINGS_LIST_MAX = 16 };
struct text_list {
	const char *items[SETTINGS_LIST_MAX];
	size_t count;
};

/* Room for the option table (a unit test holds the table to it). */
enum { OPTIONS_MAX = 64, SETTINGS_REPEATS_MAX = 8 };

struct option_spec;

/* A single-valued option the command line gave twice with different values. */
struct repeated_option {
	const struct option_spec *spec;
	const char *first, *last;
};

struct settings {
	const char *profile;
	const char *cluster;
	const char *auth;
	const char *api_server;
	const char *gateway;
	const char *auth_host;
	const char *api_server_host;
	const char *ingress_class;
	const char *auth_tls_secret;
	const char *public_address;
	const char *api_server_address;
	const char *liqo_version;
	const char *cluster_id;  /* pinned by clusterid.c */
	const char *profile_dir;
	const char *config;
	const char *output;
	const char *report;
	const char *explain_file;
	const char *input;
	long auth_node_port;
	long auth_public_port;
	long gateway_node_port;
	long gateway_public_port;
	long gateway_port;
	long api_server_public_port;
	bool check;
	bool explain;
	const char *explain_format; /* "text" or "markdown"; NULL: text */
	bool record;
	bool help;
	bool version;
	bool list_profiles;
	const char *completion;
	/* Load balancers: checked and read by plan.c and loadbalancer.c. */
	const char *provider;
	struct text_list auth_annotations;
	struct text_list gateway_annotations;
	const char *auth_load_balancer_ip;
	const char *gateway_load_balancer_ip;
	const char *allocate_node_ports;
	const char *source_ranges;
	const char *load_balancer_class;
	const char *traffic_policy;
	const char *shared_load_balancer_ip;
	const char *node_port_range;
	const char *auth_tls_issuer;
	size_t max_input_size;
	struct ylimits limits;
	/* The command line's text of each option so far, by its index in
	 * option_specs, to notice one given twice. */
	const char *given[OPTIONS_MAX];
	struct repeated_option repeats[SETTINGS_REPEATS_MAX];
	size_t repeat_count;
};

/* OPT_NODE_PORT is read as a port here; the node-port range it must fall in
 * is known only once every flag is read (--node-port-range, --provider), so
 * plan.c checks it. OPT_LIST appends to a struct text_list. */
enum option_kind { OPT_TEXT, OPT_PORT, OPT_NODE_PORT, OPT_SWITCH, OPT_COUNT, OPT_SIZE, OPT_LIST };

/* What a shell completion offers for an option's value. The shells' scripts
 * are generated from this table (completion.c), so a new option is completed
 * as soon as it is listed here. */
enum option_values {
	VALUES_FREE,     /* nothing to offer: a host, a number, a version */
	VALUES_CHOICES,  /* the words of `choices` */
	VALUES_FILE,
	VALUES_DIR,
	VALUES_PROFILE,  /* a profile name, built-in or from --profile-dir */
};

struct option_spec {
	const char *name;
	enum option_kind kind;
	size_t offset;
	const char *arg;
	const char *help;
	enum option_values values;
	const char *choices; /* VALUES_CHOICES: the accepted words, space-separated */
};

/* A short spelling of a long option (-o FILE, -h). */
struct option_alias {
	const char *alias;
	const char *name;
};

extern const struct option_spec option_specs[];
extern const size_t option_spec_count;
extern const struct option_alias option_aliases[];
extern const size_t option_alias_count;
const struct option_spec *option_find(const char *name, size_t len);
/* The option name nearest to a mistyped one, or NULL. */
const char *option_nearest(const char *name, size_t len);
/* A warning for each single-valued option the command line gave twice with
 * different values, naming the one used. Returns 0, or -1 out of memory. */
int options_warnings(const struct settings *s, struct buf *notes);

void settings_defaults(struct settings *s);
/* argv is borrowed: the settings point into it. */
int options_parse(int argc, char **argv, struct settings *s, struct ls_error *err);
/* Sets one option by its long name (without dashes); value may be NULL for
 * switches. `origin` says where it came from, for messages. */
int option_set(struct settings *s, const char *name, const char *value, const char *origin,
	       struct ls_error *err);
void options_usage(FILE *out);
/* Settings that are each valid but cannot go together: --report - (standard
 * output) where the manifests go there, one file for --report and -o; and
 * an --explain-format other than text or markdown. */
int settings_check_outputs(const struct settings *s, struct ls_error *err);
/* --explain, or --explain-format, which implies it. */
bool settings_explain(const struct settings *s);
bool settings_explain_markdown(const struct settings *s);
/* The same for --explain-file: not standard output beside the manifests,
 * and not the file of another output. */
int settings_check_explain_file(const struct settings *s, struct ls_error *err);

#endif
