/* See peering_side.h. */
#include "peering_side.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "address.h"
#include "clusterid.h"
#include "fileio.h"
#include "generation.h"

static int oom(struct ls_error *err)
{
	return err_set(err, LS_EXIT_IO, "out of memory");
}

/* A message of the post-renderer's modules, said of this cluster. */
static int about(const struct peering_side *side, struct ls_error *err)
{
	struct buf message = {0};
	if (buf_printf(&message, "cluster %s (%s): %s", side->letter, side->flags->config, err->message) == 0)
		snprintf(err->message, sizeof(err->message), "%s", message.data);
	buf_free(&message);
	return -1;
}

static int need(const char *value, const char *flag, const char *why, struct ls_error *err)
{
	return value ? 0 : err_set(err, LS_EXIT_USAGE, "--%s is required: %s", flag, why);
}

static int load_settings(struct peering_side *side, struct ls_error *err)
{
	char flag[32];
	snprintf(flag, sizeof(flag), "%s-config", side->letter);
	if (need(side->flags->config, flag, "the cluster's post-renderer settings (profile, cluster, cells' flags)",
		 err) < 0)
		return -1;
	settings_defaults(&side->s);
	if (read_path(side->flags->config, 1 << 20, &side->cfg.text, err) < 0) {
		err->code = LS_EXIT_USAGE;
		return -1;
	}
	const struct ynode *id = NULL;
	if (config_parse_taking(side->flags->config, &side->s, &side->cfg, "cluster-id", &id, err) < 0)
		return -1;
	if (id && !(side->config_cluster_id = strndup(id->text, id->len)))
		return oom(err);
	return 0;
}

static int load_render(struct peering_side *side, struct patterns *pat, struct buf *notes, struct ls_error *err)
{
	char flag[32];
	snprintf(flag, sizeof(flag), "%s-render", side->letter);
	if (need(side->flags->render, flag, "the cluster's Liqo v1 render", err) < 0)
		return -1;
	if (read_path(side->flags->render, side->s.max_input_size, &side->render, err) < 0)
		return -1;
	return render_facts_read(side->flags->render, side->render.data ? side->render.data : "", side->render.len,
				 &side->s.limits, pat, &side->facts, notes, err);
}

/* The post-renderer's own plan of this cluster, as it would make it for
 * this render: the same checks, the same reach. */
static int settle_plan(struct peering_side *side, struct buf *notes, struct ls_error *err)
{
	if (profiles_load(side->s.profile_dir, side->s.profile, &side->profiles, err) < 0 ||
	    plan_resolve(&side->s, &side->profiles, &side->plan, notes, err) < 0 ||
	    plan_settle(&side->s, &side->plan, generation_of(GEN_V1), notes, err) < 0 ||
	    lb_resolve(&side->s, &side->lb, err) < 0 ||
	    lb_settle(&side->lb, &side->plan, side->facts.version, notes, err) < 0 ||
	    plan_check_conflicts(&side->plan, err) < 0)
		return about(side, err);
	reach_compute(&side->plan, &side->facts.inv, &side->reach);
	return 0;
}

/* A v1 cluster ID (clusterid.h), short enough that the tenant namespace
 * "liqo-tenant-<ID>" is a DNS label too (63 bytes). */
static bool cluster_id_valid(const char *id)
{
	const char *why = NULL;
	return clusterid_valid(1, id, &why) && strlen(id) <= 63 - strlen("liqo-tenant-");
}

static int settle_cluster_id(struct peering_side *side, struct ls_error *err)
{
	const char *id = side->flags->cluster_id ? side->flags->cluster_id : side->config_cluster_id;
	bool from_flag = side->flags->cluster_id != NULL;
	if (!id)
		return err_set(err, LS_EXIT_USAGE, "--%s-cluster-id is required (or cluster-id in %s): a render made "
			       "without discovery.config.clusterID holds a random ID, so the settings must name it",
			       side->letter, side->flags->config);
	if (!cluster_id_valid(id))
		return err_set(err, LS_EXIT_USAGE, "cluster %s's ID '%s': not a DNS label of at most 51 characters "
			       "(lower-case letters, digits, '-')", side->letter, id);
	if (!side->facts.cluster_id)
		return err_set(err, LS_EXIT_INPUT, "%s: no liqo-clusterid-configmap with data.CLUSTER_ID",
			       side->flags->render);
	if (strcmp(id, side->facts.cluster_id) != 0)
		return err_set(err, LS_EXIT_INPUT, "%s: the cluster ID is %s, but %s%s%s says %s: render the chart "
			       "with discovery.config.clusterID=%s", side->flags->render, side->facts.cluster_id,
			       from_flag ? "--" : "cluster-id in ", from_flag ? side->letter : side->flags->config,
			       from_flag ? "-cluster-id" : "", id, id);
	side->end.cluster_id = id;
	return 0;
}

/* 1: an IPv4 or IPv6 CIDR, 0: not one, -1: out of memory. */
static int cidr_valid(const char *text)
{
	const char *slash = strchr(text, '/');
	if (!slash || !slash[1] || strspn(slash + 1, "0123456789") != strlen(slash + 1) || strlen(slash + 1) > 3)
		return 0;
	char *address = strndup(text, (size_t)(slash - text));
	if (!address)
		return -1;
	unsigned char bytes[16];
	int bits = atoi(slash + 1);
	int valid = inet_pton(AF_INET, address, bytes) == 1 ? bits <= 32
		    : inet_pton(AF_INET6, address, bytes) == 1 && bits <= 128;
	free(address);
	return valid;
}

/* flag: "pod-cidr", "external-cidr". */
static int check_cidr(const struct peering_side *side, const char *flag, const char *text, struct ls_error *err)
{
	int valid = cidr_valid(text);
	if (valid < 0)
		return oom(err);
	return valid ? 0 : err_set(err, LS_EXIT_USAGE, "--%s-%s '%s': not a CIDR", side->letter, flag, text);
}

static int settle_pod_cidrs(struct peering_side *side, struct ls_error *err)
{
	const struct side_flags *f = side->flags;
	struct peer_end *e = &side->end;
	for (size_t i = 0; i < f->pod_cidr_count; i++)
		if (check_cidr(side, "pod-cidr", f->pod_cidrs[i], err) < 0)
			return -1;
	bool same = f->pod_cidr_count == side->facts.pod_cidr_count;
	for (size_t i = 0; same && i < f->pod_cidr_count; i++)
		same = strcmp(f->pod_cidrs[i], side->facts.pod_cidrs[i]) == 0;
	if (f->pod_cidr_count && side->facts.pod_cidr_count && !same)
		return err_set(err, LS_EXIT_USAGE, "--%s-pod-cidr %s: %s pins the pod CIDR%s %s; give the same or "
			       "leave the flag out", side->letter, f->pod_cidrs[0], f->render,
			       side->facts.pod_cidr_count > 1 ? "s" : "", side->facts.pod_cidrs[0]);
	if (!f->pod_cidr_count && !side->facts.pod_cidr_count)
		return err_set(err, LS_EXIT_USAGE, "--%s-pod-cidr is required: %s pins no pod CIDR (the chart was "
			       "installed without ipam.podCIDR%s)", side->letter, f->render,
			       version_at_least(side->facts.version, 1, 2) ? "s" : "");
	bool flags = f->pod_cidr_count != 0;
	e->pod_cidr_count = flags ? f->pod_cidr_count : side->facts.pod_cidr_count;
	for (size_t i = 0; i < e->pod_cidr_count; i++)
		e->pod_cidrs[i] = flags ? f->pod_cidrs[i] : side->facts.pod_cidrs[i];
	snprintf(side->pod_from, sizeof(side->pod_from), "the --%s-pod-cidr flags", side->letter);
	e->pod_cidrs_from = flags ? side->pod_from : "the render's pod-cidr Networks";
	return 0;
}

static int settle_external_cidr(struct peering_side *side, struct buf *notes, struct ls_error *err)
{
	const struct side_flags *f = side->flags;
	struct decided *x = &side->end.external_cidr;
	if (f->external_cidr && check_cidr(side, "external-cidr", f->external_cidr, err) < 0)
		return -1;
	if (f->external_cidr) {
		snprintf(side->external_from, sizeof(side->external_from), "the --%s-external-cidr flag", side->letter);
		*x = (struct decided){f->external_cidr, side->external_from};
		return 0;
	}
	if (!side->facts.external_cidr)
		return err_set(err, LS_EXIT_USAGE, "--%s-external-cidr is required: %s has no external-cidr Network",
			       side->letter, f->render);
	*x = (struct decided){side->facts.external_cidr, side->facts.external_pinned
		? "the render's external-cidr Network, pinned by ipam.externalCIDR"
		: "the render's external-cidr Network, not pinned"};
	if (!side->facts.external_pinned &&
	    buf_printf(notes, "cluster %s: the external CIDR %s is not pinned (no ipam.liqo.io/network-not-remapped "
		       "label): its IPAM may hold another; once installed, read networks.ipam.liqo.io external-cidr "
		       "status.cidr and pass --%s-external-cidr, or install with ipam.externalCIDR\n", side->letter,
		       x->text, side->letter) < 0)
		return oom(err);
	return 0;
}

static int base64_value(char c)
{
	const char *all = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *at = c ? strchr(all, c) : NULL;
	return at ? (int)(at - all) : -1;
}

/* A WireGuard key as `wg pubkey` prints it: base64 of exactly 32 bytes,
 * 43 characters and one '=' whose last character carries no stray bits. */
static bool key_valid(const char *key)
{
	if (strlen(key) != 44 || key[43] != '=')
		return false;
	for (int i = 0; i < 43; i++)
		if (base64_value(key[i]) < 0)
			return false;
	return (base64_value(key[42]) & 3) == 0;
}

static int settle_key(struct peering_side *side, struct ls_error *err)
{
	const char *key = side->flags->public_key;
	if (!key)
		return err_set(err, LS_EXIT_USAGE, "--%s-public-key is required: the WireGuard public key of cluster "
			       "%s's keys Secret (wg pubkey)", side->letter, side->letter);
	if (!key_valid(key))
		return err_set(err, LS_EXIT_USAGE, "--%s-public-key '%s': not base64 of exactly 32 bytes (what wg "
			       "pubkey prints)", side->letter, key);
	side->end.public_key = key;
	return 0;
}

static int settle_end(struct peering_side *side, struct buf *notes, struct ls_error *err)
{
	struct peer_end *e = &side->end;
	e->letter = side->letter;
	e->version = side->facts.version;
	e->version_text = side->facts.version_text;
	e->liqo_namespace = side->flags->liqo_namespace ? side->flags->liqo_namespace : side->facts.namespace;
	if (!e->liqo_namespace)
		return err_set(err, LS_EXIT_USAGE, "--%s-liqo-namespace is required: %s names no namespace for the "
			       "controller manager's ServiceAccount", side->letter, side->flags->render);
	e->server_template = side->facts.server_template;
	e->client_template = side->facts.client_template;
	e->remote_controlplane = side->facts.remote_controlplane;
	e->api_server_url = side->plan.advertise;
	if (settle_cluster_id(side, err) < 0 || settle_pod_cidrs(side, err) < 0 ||
	    settle_external_cidr(side, notes, err) < 0 || settle_key(side, err) < 0)
		return -1;
	return 0;
}

int peering_side_settings(struct peering_side *side, const char *letter, const struct side_flags *flags,
			  struct ls_error *err)
{
	side->letter = letter;
	side->flags = flags;
	return load_settings(side, err);
}

static int check_gateway_address(const struct peering_side *side, struct ls_error *err)
{
	const char *address = side->flags->gateway_address;
	if (address && address_classify(address, strlen(address)) == ADDRESS_INVALID)
		return err_set(err, LS_EXIT_USAGE, "--%s-gateway-address '%s': not an IP address or DNS name",
			       side->letter, address);
	return 0;
}

int peering_side_settle(struct peering_side *side, struct patterns *pat, struct buf *notes, struct ls_error *err)
{
	struct buf mine = {0};
	int rc = check_gateway_address(side, err);
	if (rc == 0)
		rc = load_render(side, pat, &mine, err);
	if (rc == 0)
		rc = settle_plan(side, &mine, err);
	if (rc == 0)
		rc = settle_end(side, &mine, err);
	/* Each warning says which cluster it is about. */
	for (const char *line = mine.data; rc == 0 && line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		bool named = strncmp(line, "cluster ", 8) == 0;
		if (buf_printf(notes, "%s%s%s%.*s\n", named ? "" : "cluster ", named ? "" : side->letter,
			       named ? "" : ": ", (int)n, line) < 0)
			rc = oom(err);
		line += nl ? n + 1 : n;
	}
	buf_free(&mine);
	return rc;
}

void peering_side_free(struct peering_side *side)
{
	lb_free(&side->lb);
	plan_free(&side->plan);
	render_facts_free(&side->facts);
	buf_free(&side->render);
	profiles_free(&side->profiles);
	config_free(&side->cfg);
	free(side->config_cluster_id);
	side->config_cluster_id = NULL;
}
