/* See peering_cmd.h. Everything is read, checked and built in memory before
 * a byte is written; the two files are then written together or not at all. */
#include "peering_cmd.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "declare.h"
#include "declexplain.h"
#include "fileio.h"
#include "together.h"
#include "json.h"
#include "patterns.h"
#include "peering_args.h"
#include "peering_side.h"
#include "yamlquery.h"
#include "yamltree.h"

struct run {
	const struct peering_args *args;
	struct peering_side sides[2];
	struct declaration d;
	struct cluster_output outputs[2];
	char *paths[2];
	struct buf kubeconfig;
	struct buf notes;
	struct buf explain;
};

static int oom(struct ls_error *err)
{
	return err_set(err, LS_EXIT_IO, "out of memory");
}

static int letter_index(const char *value, const char *flag, struct ls_error *err)
{
	if (value && (strcmp(value, "a") == 0 || strcmp(value, "b") == 0))
		return value[0] - 'a';
	return err_set(err, LS_EXIT_USAGE, value ? "--%s '%s': must be a or b" : "--%s is required: a or b", flag,
		       value ? value : "");
}

/* Both clusters' settings must describe one scenario, from its two columns. */
static int check_pair(const struct run *r, struct ls_error *err)
{
	const struct peering_side *a = &r->sides[0], *b = &r->sides[1];
	if (a->s.profile && b->s.profile && strcmp(a->s.profile, b->s.profile) != 0)
		return err_set(err, LS_EXIT_USAGE, "%s and %s describe different profiles (%s, %s): both clusters' "
			       "settings must name the same scenario", a->flags->config, b->flags->config,
			       a->s.profile, b->s.profile);
	if (a->s.cluster && b->s.cluster && strcmp(a->s.cluster, b->s.cluster) == 0)
		return err_set(err, LS_EXIT_USAGE, "%s and %s both describe cluster %s of %s: the two clusters are "
			       "its two columns (cluster: a in one, cluster: b in the other)", a->flags->config,
			       b->flags->config, a->s.cluster, a->s.profile ? a->s.profile : "the profile");
	return 0;
}

static int check_ids(const struct run *r, struct ls_error *err)
{
	const struct peering_side *a = &r->sides[0], *b = &r->sides[1];
	if (strcmp(a->end.cluster_id, b->end.cluster_id) == 0)
		return err_set(err, LS_EXIT_USAGE, "both clusters have the ID %s: a peering joins two clusters",
			       a->end.cluster_id);
	return 0;
}

static int settle_mtu(struct run *r, struct ls_error *err)
{
	const char *text = r->args->mtu;
	r->d.mtu = DECLARE_DEFAULT_MTU;
	r->d.mtu_from = "liqoctl's default";
	if (!text)
		return 0;
	char *end = NULL;
	errno = 0;
	long mtu = strtol(text, &end, 10);
	if (errno || !*text || *end || mtu < 576 || mtu > 9000)
		return err_set(err, LS_EXIT_USAGE, "--mtu '%s': not an MTU (576-9000)", text);
	r->d.mtu = mtu;
	r->d.mtu_from = "--mtu";
	return 0;
}

static bool dns_subdomain(const char *name)
{
	size_t n = strlen(name);
	return n && n <= 253 && strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789-.") == n && name[0] != '-' &&
	       name[0] != '.' && name[n - 1] != '-' && name[n - 1] != '.';
}

static int settle_identity(struct run *r, struct ls_error *err)
{
	const struct peering_args *a = r->args;
	r->d.keys_secret = a->keys_secret ? a->keys_secret : "gw-keys";
	if (!dns_subdomain(r->d.keys_secret))
		return err_set(err, LS_EXIT_USAGE, "--keys-secret '%s': not a Secret name", r->d.keys_secret);
	if (a->consumer_user && a->consumer_group)
		return err_set(err, LS_EXIT_USAGE, "--consumer-user and --consumer-group: give one subject");
	r->d.subject_kind = a->consumer_user ? "User" : a->consumer_group ? "Group" : NULL;
	r->d.subject_name = a->consumer_user ? a->consumer_user : a->consumer_group;
	const struct peer_end *provider = r->d.ends[1 - r->d.consumer];
	if (r->d.subject_kind && !provider->remote_controlplane)
		return err_set(err, LS_EXIT_INPUT, "%s: no ClusterRole labelled app.kubernetes.io/name: "
			       "remote-controlplane to bind the consumer to", r->sides[1 - r->d.consumer].flags->render);
	return 0;
}

/* The kubeconfig must send the consumer to the address the provider
 * advertises, or the consumer's replicator talks to another endpoint than
 * the one its peers are told of. */
static int check_kubeconfig(struct run *r, struct ls_error *err)
{
	const char *path = r->args->kubeconfig;
	const struct peer_end *provider = r->d.ends[1 - r->d.consumer];
	if (!path)
		return 0;
	if (read_path(path, 1 << 20, &r->kubeconfig, err) < 0)
		return -1;
	if (!provider->api_server_url)
		return err_set(err, LS_EXIT_USAGE, "--kubeconfig %s: cluster %s, the provider, advertises no API server "
			       "address to check its server against: give api-server-address in %s", path,
			       provider->letter, r->sides[1 - r->d.consumer].flags->config);
	struct ydoc *doc = NULL;
	struct ylimits limits = {.max_documents = 2, .max_depth = 32, .max_aliases = 0};
	int rc = yparse_document(path, r->kubeconfig.data ? r->kubeconfig.data : "", r->kubeconfig.len, &limits,
				 "kubeconfig", &doc, err);
	const struct ynode *clusters = rc == 0 && doc ? ymap_get(doc->root, "clusters") : NULL;
	size_t servers = 0;
	for (const struct ynode *c = clusters && clusters->kind == YN_SEQ ? clusters->first : NULL; rc == 0 && c;
	     c = c->next) {
		const struct ynode *server = ymap_get(ymap_get(c, "cluster"), "server");
		servers++;
		if (!yscalar_is(server, provider->api_server_url))
			rc = err_set(err, LS_EXIT_USAGE, "--kubeconfig %s: server %s is not %s, the API server URL "
				     "cluster %s advertises", path, server && server->kind == YN_SCALAR ? server->text
				     : "(none)", provider->api_server_url, provider->letter);
	}
	if (rc == 0 && servers == 0)
		rc = err_set(err, LS_EXIT_USAGE, "--kubeconfig %s: no clusters[].cluster.server", path);
	if (rc == 0 && buf_printf(&r->notes, "--kubeconfig: cluster %s's file holds the provider's kubeconfig in its "
				  "identity Secret, a credential: seal it or keep that file out of Git\n",
				  r->d.ends[r->d.consumer]->cluster_id) < 0)
		rc = oom(err);
	ydoc_free(doc);
	return rc;
}

static int settle_endpoint(struct run *r, struct ls_error *err)
{
	int server = r->d.server;
	const struct peering_side *s = &r->sides[server], *other = &r->sides[1 - server];
	const char *role = server == r->d.consumer ? "consumer" : "provider";
	if (!s->end.server_template)
		return err_set(err, LS_EXIT_INPUT, "%s: no WgGatewayServerTemplate wireguard-server (networking "
			       "disabled?): cluster %s, the %s, cannot host the gateway server", s->flags->render,
			       s->letter, role);
	if (!other->end.client_template)
		return err_set(err, LS_EXIT_INPUT, "%s: no WgGatewayClientTemplate wireguard-client (networking "
			       "disabled?)", other->flags->render);
	bool alternative = other->plan.modes[COMP_GATEWAY] == EXPOSE_NODEPORT_FORWARDED;
	struct server_inputs in = {
		.letter = s->letter, .config = s->flags->config, .plan = &s->plan, .reach = &s->reach,
		.load_balancer_ip = s->lb.peering_gateway_ip, .fields = &s->facts.server_fields,
		.gateway_address = s->flags->gateway_address, .alternative = alternative ? other->letter : NULL,
	};
	return declare_endpoint(&in, &r->d.endpoint, err);
}

/* Liqo before v1.2 reads only the first pod CIDR of a Configuration
 * (cidr.GetPrimary), so a peer's others would route nowhere there. */
static int note_first_pod_cidr(struct run *r, struct ls_error *err)
{
	for (int i = 0; i < 2; i++) {
		const struct peer_end *self = r->d.ends[i], *peer = r->d.ends[1 - i];
		if (peer->pod_cidr_count > 1 && !version_at_least(self->version, 1, 2) &&
		    buf_printf(&r->notes, "cluster %s: Liqo %s reads only the first pod CIDR of cluster %s (%s); its "
			       "Configuration holds that one\n", self->letter, self->version_text, peer->letter,
			       peer->pod_cidrs[0]) < 0)
			return oom(err);
	}
	return 0;
}

static int settle(struct run *r, struct patterns *pat, struct ls_error *err)
{
	const struct peering_args *a = r->args;
	int consumer = letter_index(a->consumer, "consumer", err);
	if (consumer < 0)
		return -1;
	int server = a->server_on ? letter_index(a->server_on, "gateway-server-on", err) : 1 - consumer;
	if (server < 0 || !a->output_dir)
		return server < 0 ? -1 : err_set(err, LS_EXIT_USAGE, "--output-dir is required: where the two "
						 "clusters' folders are written");
	for (int i = 0; i < 2; i++)
		if (peering_side_settings(&r->sides[i], i ? "b" : "a", &a->sides[i], err) < 0)
			return -1;
	if (check_pair(r, err) < 0)
		return -1;
	for (int i = 0; i < 2; i++)
		if (peering_side_settle(&r->sides[i], pat, &r->notes, err) < 0)
			return -1;
	r->d.ends[0] = &r->sides[0].end;
	r->d.ends[1] = &r->sides[1].end;
	r->d.consumer = consumer;
	r->d.server = server;
	if (check_ids(r, err) < 0 || settle_mtu(r, err) < 0 || settle_identity(r, err) < 0 ||
	    check_kubeconfig(r, err) < 0 || settle_endpoint(r, err) < 0 || note_first_pod_cidr(r, err) < 0)
		return -1;
	r->d.kubeconfig = a->kubeconfig ? &r->kubeconfig : NULL;
	return 0;
}

static int build(struct run *r, struct ls_error *err)
{
	for (int i = 0; i < 2; i++) {
		struct buf path = {0};
		int rc = buf_printf(&path, "%s/%s/peering.yaml", r->args->output_dir, r->d.ends[i]->cluster_id);
		r->paths[i] = path.data;
		if (rc < 0 || declare_cluster(&r->d, i, &r->outputs[i]) < 0 ||
		    declare_explain(&r->d, i, &r->outputs[i], path.data, &r->explain) < 0)
			return oom(err);
	}
	return 0;
}

/* The folders, made where missing; those made here go again if the run
 * fails, so a failed run leaves the output folder as it found it. */
static int make_dir(const char *path, bool *made, struct ls_error *err)
{
	*made = false;
	if (mkdir(path, 0777) == 0) {
		*made = true;
		return 0;
	}
	struct stat info;
	if (errno == EEXIST && stat(path, &info) == 0 && S_ISDIR(info.st_mode))
		return 0;
	return err_set(err, LS_EXIT_IO, "--output-dir: cannot make %s: %s", path, strerror(errno));
}

static int report(struct run *r, const struct file_out *files, struct ls_error *err)
{
	struct buf json = {0};
	struct json_writer w = {.out = &json};
	json_begin_object(&w, NULL);
	json_string(&w, "command", "peering");
	json_string(&w, "profile", r->sides[0].plan.profile->name);
	json_string(&w, "consumer", r->d.consumer ? "b" : "a");
	json_string(&w, "gateway_server_on", r->d.server ? "b" : "a");
	json_begin_array(&w, "clusters");
	for (int i = 0; i < 2; i++)
		declare_report(&r->d, i, &r->outputs[i], r->paths[i], files[i].changed, &w);
	json_end(&w, ']');
	json_begin_array(&w, "warnings");
	for (const char *line = r->notes.data; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		json_string_n(&w, NULL, line, n);
		line += nl ? n + 1 : n;
	}
	json_end(&w, ']');
	json_end(&w, '}');
	int rc = w.failed || buf_puts(&json, "\n") < 0 ? oom(err) : 0;
	struct piece whole = {json.data, json.len};
	struct pieces one = {&whole, 1, json.len};
	if (rc == 0)
		rc = write_output("--report", r->args->report, &one, err);
	buf_free(&json);
	return rc;
}

static int write_all_files(struct run *r, struct ls_error *err)
{
	bool made[3] = {false, false, false};
	char *dirs[2] = {NULL, NULL};
	int rc = make_dir(r->args->output_dir, &made[2], err);
	for (int i = 0; i < 2 && rc == 0; i++) {
		dirs[i] = strndup(r->paths[i], strlen(r->paths[i]) - strlen("/peering.yaml"));
		rc = dirs[i] ? make_dir(dirs[i], &made[i], err) : oom(err);
	}
	struct file_out files[2] = {{.path = r->paths[0], .text = &r->outputs[0].yaml},
				    {.path = r->paths[1], .text = &r->outputs[1].yaml}};
	if (rc == 0)
		rc = write_files_together("--output-dir", files, 2, err);
	if (rc == 0 && r->args->report)
		rc = report(r, files, err);
	for (int i = 0; i < 2; i++) {
		if (rc < 0 && made[i])
			rmdir(dirs[i]);
		free(dirs[i]);
	}
	if (rc < 0 && made[2])
		rmdir(r->args->output_dir);
	return rc;
}

static void print_notes(const struct buf *notes)
{
	for (const char *line = notes->data; line && *line;) {
		const char *nl = strchr(line, '\n');
		size_t n = nl ? (size_t)(nl - line) : strlen(line);
		fprintf(stderr, "liqo-scenario: warning: %.*s\n", (int)n, line);
		line += nl ? n + 1 : n;
	}
}

static void run_free(struct run *r)
{
	for (int i = 0; i < 2; i++) {
		peering_side_free(&r->sides[i]);
		declare_output_free(&r->outputs[i]);
		free(r->paths[i]);
	}
	declare_endpoint_free(&r->d.endpoint);
	buf_free(&r->kubeconfig);
	buf_free(&r->notes);
	buf_free(&r->explain);
}

static int run_peering(const struct peering_args *args, struct ls_error *err)
{
	struct run r = {.args = args};
	struct patterns *pat = patterns_new(err);
	int rc = pat ? settle(&r, pat, err) : -1;
	if (rc == 0)
		rc = build(&r, err);
	if (rc == 0)
		rc = write_all_files(&r, err);
	if (rc == 0) {
		print_notes(&r.notes);
		if (args->explain)
			fputs(r.explain.data ? r.explain.data : "", stderr);
	}
	run_free(&r);
	patterns_free(pat);
	return rc;
}

int peering_main(int argc, char **argv)
{
	struct peering_args args;
	struct ls_error err = {0};
	int rc = peering_args_parse(argc, argv, &args, &err);
	if (rc == 0 && args.help) {
		peering_usage(stdout);
		if (fflush(stdout) != 0 || ferror(stdout))
			err_set(&err, LS_EXIT_IO, "standard output: write failed");
	} else if (rc == 0) {
		run_peering(&args, &err);
	}
	if (err_is_set(&err)) {
		fprintf(stderr, "liqo-scenario: %s\n", err.message);
		return err.code;
	}
	return 0;
}
