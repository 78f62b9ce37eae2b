/* See generation.h. Facts from the chart renders of v0.3.2 to v1.2.0. */
#include "generation.h"

#include <string.h>

#include "escape.h"
/* The chart's controller manager writes --api-server-address-override
 * after the global annotations and labels and, with AWS credentials, after
 * the four --aws-* arguments (liqo-controller-manager-deployment.yaml of
 * v1.0.0 to v1.2.0). */
static const char *const v1_api_server_after[] = {
	"--default-node-resources", "--global-annotations", "--global-labels", "--aws-access-key-id",
	"--aws-secret-access-key", "--aws-region", "--aws-cluster-name", NULL,
};

static const struct generation generations[GEN_COUNT] = {
	[GEN_V0_ARGUMENTS] = {
		.name = "Liqo v0.3 to v0.5",
		.components = {
			[COMP_AUTH] = {NULL, SLOT_AUTH_SERVICE, false},
			[COMP_API_SERVER] = {NULL, SLOT_COUNT, false},
			[COMP_GATEWAY] = {NULL, SLOT_GATEWAY_SERVICE, false},
		},
		.auth_address = {HOME_ARGUMENT, SLOT_CONTROLLER_MANAGER, "controller-manager",
				 "--auth-service-address-override", "--auth-service-port-override", NULL, NULL},
		.gateway_address = {HOME_NONE, SLOT_GATEWAY_SERVICE, NULL, NULL, NULL, NULL, NULL},
		.api_server_address = {HOME_ARGUMENT, SLOT_AUTH_DEPLOYMENT, "auth", "--advertise-api-server-address", NULL, NULL, NULL},
		.anchor = SLOT_AUTH_SERVICE,
		.anchor_suffix = "-auth",
		.steps = {STEP_CHECK_SERVICES, STEP_EXPOSE_SERVICES, STEP_ADVERTISE_API_SERVER, STEP_ADDRESS_ARGUMENTS,
			  STEP_INGRESSES},
		.step_count = 5,
	},
	[GEN_V0_ANNOTATIONS] = {
		.name = "Liqo v0.6 to v0.10",
		.components = {
			[COMP_AUTH] = {NULL, SLOT_AUTH_SERVICE, false},
			[COMP_API_SERVER] = {NULL, SLOT_COUNT, false},
			[COMP_GATEWAY] = {NULL, SLOT_GATEWAY_SERVICE, false},
		},
		.auth_address = {HOME_ANNOTATIONS, SLOT_AUTH_SERVICE, NULL, "liqo.io/override-address",
				 "liqo.io/override-port", NULL, NULL},
		.gateway_address = {HOME_ANNOTATIONS, SLOT_GATEWAY_SERVICE, NULL, "liqo.io/override-address",
				    "liqo.io/override-port", NULL, NULL},
		.api_server_address = {HOME_ARGUMENT, SLOT_AUTH_DEPLOYMENT, "auth", "--advertise-api-server-address", NULL, NULL, NULL},
		.anchor = SLOT_AUTH_SERVICE,
		.anchor_suffix = "-auth",
		.steps = {STEP_CHECK_SERVICES, STEP_EXPOSE_SERVICES, STEP_ADVERTISE_API_SERVER, STEP_INGRESSES},
		.step_count = 4,
	},
	[GEN_V1] = {
		.name = "Liqo v1",
		.components = {
			[COMP_AUTH] = {"Liqo v1 has no auth server (peering authenticates through the API servers)",
				       SLOT_COUNT, false},
			[COMP_API_SERVER] = {NULL, SLOT_COUNT, false},
			[COMP_GATEWAY] = {NULL, SLOT_GATEWAY_TEMPLATE, true},
		},
		.auth_address = {HOME_NONE, SLOT_AUTH_SERVICE, NULL, NULL, NULL, NULL, NULL},
		.gateway_address = {HOME_PEERING_PLAN, SLOT_GATEWAY_TEMPLATE, NULL, "--gw-client-address",
				    "--gw-client-port", NULL, NULL},
		/* pkg/utils/apiserver/address.go: only "https://" is put in front. */
		.api_server_address = {HOME_ARGUMENT, SLOT_CONTROLLER_MANAGER, "controller-manager",
				       "--api-server-address-override", NULL, v1_api_server_after, "https://"},
		.anchor = SLOT_CONTROLLER_MANAGER,
		.anchor_suffix = "-controller-manager",
		.steps = {STEP_CHECK_TEMPLATE, STEP_ADVERTISE_API_SERVER, STEP_GATEWAY_TEMPLATE, STEP_INGRESSES},
		.step_count = 4,
		/* pkg/utils/apiserver/config.go RetrieveAPIServerCA */
		.trusted_ca_argument = "--trusted-ca",
		.ca_argument = "--ca-override",
		/* v1.0 to v1.2: the server operator reads the template on each
		 * GatewayServer reconcile and does not watch templates. */
		.template_change_applies = "Liqo v1.0 to v1.2 apply a change of the template to an existing gateway only "
					   "at its GatewayServer's next reconcile (a change of the GatewayServer or of what "
					   "it owns, or a restart of the controller manager), not when the template changes",
	},
};

const struct generation *generation_of(enum generation_id id)
{
	return &generations[id];
}

bool generation_has(const struct generation *gen, enum component c)
{
	return gen->components[c].absent == NULL;
}

bool generation_reaches(const struct generation *gen, const struct inventory *inv, enum component c)
{
	const struct generation_component *comp = &gen->components[c];
	return !comp->absent && (!comp->per_peering || inv->slots[comp->object].doc != NULL);
}

static int parse_version(struct patterns *pat, const char *text, const char *origin, enum ls_exit code,
			 struct liqo_version *out, struct ls_error *err)
{
	if (version_parse(pat, text, strlen(text), out))
		return 0;
	return err_set(err, code, "%s: '%s' is not a Liqo version like v0.10.3", origin, text);
}

static int check_support(struct liqo_version v, const char *origin, struct buf *notes, struct ls_error *err)
{
	struct liqo_version newest = {0, 0, 0};
	switch (version_support(v, &newest)) {
	case VERSION_UNSUPPORTED:
		return err_set(err, LS_EXIT_INPUT, "%s: Liqo v%d.%d.%d is not supported: this program knows %s",
			       origin, v.major, v.minor, v.patch, VERSION_RANGE);
	case VERSION_UNTESTED:
		if (note_printf(notes, "Liqo v%d.%d.%d is newer than v%d.%d, the newest release of its line this "
			       "program was tested with; it is handled as v%d.%d\n", v.major, v.minor, v.patch,
			       newest.major, newest.minor, newest.major, newest.minor) < 0)
			return err_set(err, LS_EXIT_IO, "out of memory");
		return 0;
	default:
		return 0;
	}
}

int generation_detect(const struct inventory *inv, struct patterns *pat, const char *flag,
		      struct liqo_version *version, struct version_traits *traits, struct buf *notes,
		      struct ls_error *err)
{
	const char *label = inv->version;
	if (!flag && !label)
		return err_set(err, LS_EXIT_INPUT, "%s: cannot tell the Liqo version: no app.kubernetes.io/version "
			       "or helm.sh/chart label; pass --liqo-version", inv->input_name);
	const char *origin = flag ? "--liqo-version" : inv->input_name;
	if (parse_version(pat, flag ? flag : label, origin, flag ? LS_EXIT_USAGE : LS_EXIT_INPUT, version, err) < 0 ||
	    check_support(*version, origin, notes, err) < 0)
		return -1;
	struct liqo_version labelled;
	if (flag && label && version_parse(pat, label, strlen(label), &labelled) && labelled.major != version->major)
		return err_set(err, LS_EXIT_USAGE, "--liqo-version %s: the input's labels say %s, another Liqo "
			       "generation, whose binaries do not know the arguments written for %s", flag, label, flag);
	*traits = version_traits(*version);
	return 0;
}

int generation_check_template(const struct generation *gen, const struct inventory *inv, bool advertises,
			      struct buf *notes, struct ls_error *err)
{
	enum slot api = gen->api_server_address.slot;
	if (advertises && !inv->slots[api].doc)
		return err_set(err, LS_EXIT_INPUT, "%s: no %s in the input; on %s it carries the advertised API "
			       "server address", inv->input_name, slot_titles[api], gen->name);
	enum slot template = gen->components[COMP_GATEWAY].object;
	if (!inv->slots[template].doc &&
	    note_printf(notes, "no %s in the input (networking disabled?): the network gateway cell has nothing "
		       "to act on; peer with liqoctl peer --networking-disabled\n", slot_titles[template]) < 0)
		return err_set(err, LS_EXIT_IO, "out of memory");
	return 0;
}
