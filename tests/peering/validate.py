#!/usr/bin/python3
"""`liqo-scenario peering` writes what Liqo v1 accepts and reads.

For every profile, both consumer choices and both places of the gateway
server (where the scenario can host it), on every Liqo v1 version of
../shared/liqo-charts-v1 (two renders per run, copied at test time with two
cluster IDs):

- every resource validates against that version's CRD schema
  (../shared/liqo-crds/<version>/, the structural OpenAPI v3 schema turned
  into JSON Schema: x-kubernetes-int-or-string, x-kubernetes-preserve-unknown-
  fields, unknown fields refused as the API server prunes them), with
  python3-jsonschema; Namespace, RoleBinding and Secret with the npm package
  kubernetes-models (../ownership/schema.mjs);
- since those schemas require none of them, each label, name, mtu, secretRef
  and template reference is asserted against what Liqo's controllers read
  (the source lines are cited beside each assertion), and each value against
  the renders and flags it must come from;
- the GatewayClient's endpoint is what the GatewayServer's cluster exposes in
  that scenario, computed here from the scenario's own settings;
- the --report of each run validates against doc/peering-report.schema.json
  and names, per cluster, the resources the file holds.

The schema checkers are first shown objects they must refuse.

Usage: validate.py BINARY SHARED_DIR NODE_PREFIX (skips with 77 when the data
or the npm package is missing, fails instead under CI=true)."""
import base64
import json
import os
import subprocess
import sys
import tempfile

import jsonschema
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
VERSIONS = ["v1.0.0", "v1.1.2", "v1.2.0"]
KEYS = {"a": "oRBzU5JxDNnk2WgNVJ4E8b5Ws3s+fnyL5wQeDZ7sQ0w=", "b": "Pkd3q3rmGkUfNjXHgzvIM1P+hQzW5Mka2JpqVTlfJ1c="}
IDS = {"a": "alpha", "b": "bravo"}
POD = {"a": ["10.42.0.0/16"], "b": ["10.50.0.0/16", "10.51.0.0/16"]}
EXTERNAL = {"a": "10.70.0.0/16", "b": "10.71.0.0/16"}
CRD_FILES = {
    "Configuration": "networking.liqo.io_configurations.yaml",
    "PublicKey": "networking.liqo.io_publickeies.yaml",
    "GatewayServer": "networking.liqo.io_gatewayservers.yaml",
    "GatewayClient": "networking.liqo.io_gatewayclients.yaml",
    "Tenant": "authentication.liqo.io_tenants.yaml",
}
K8S_KINDS = ("Namespace", "RoleBinding", "Secret")

# Each profile's settings per cluster, and how that cluster's gateway server
# is reached (the scenario's own facts, written here independently of the
# program): ("nat", public address, public port, node port), ("lb", IP,
# port), ("nodeport", node address, node port).
PROFILES = {
    "cloud-to-cloud": {
        "a": ({"api-server-address": "https://198.51.100.7:6443", "gateway-load-balancer-ip": "198.51.100.20"},
              ("lb", "198.51.100.20", 51840)),
        "b": ({"api-server-address": "https://198.51.100.8:6443", "gateway-load-balancer-ip": "198.51.100.30",
               "gateway-port": 51999}, ("lb", "198.51.100.30", 51999)),
    },
    "on-prem-nat-to-cloud": {
        "a": ({"public-address": "203.0.113.10", "gateway-node-port": 31871, "gateway-public-port": 51820},
              ("nat", "203.0.113.10", 51820, 31871)),
        "b": ({"api-server-address": "https://198.51.100.8:6443", "gateway-load-balancer-ip": "198.51.100.30"},
              ("lb", "198.51.100.30", 51840)),
    },
    "on-prem-to-cloud": {
        "a": ({"api-server": "public-ip", "api-server-address": "https://203.0.113.7:6443",
               "gateway-load-balancer-ip": "203.0.113.20"}, ("lb", "203.0.113.20", 51840)),
        "b": ({"api-server-address": "https://198.51.100.8:6443", "gateway-load-balancer-ip": "198.51.100.30"},
              ("lb", "198.51.100.30", 51840)),
    },
    "on-prem-to-on-prem": {
        "a": ({"api-server-address": "https://192.168.1.10:6443", "gateway-node-port": 31000},
              ("nodeport", "192.168.1.11", 31000)),
        "b": ({"api-server-address": "https://192.168.2.10:6443", "gateway-node-port": 31001},
              ("nodeport", "192.168.2.11", 31001)),
    },
}


class Failures:
    def __init__(self):
        self.items = []

    def check(self, ok, where, what):
        if not ok:
            self.items.append(f"{where}: {what}")


def to_json_schema(node):
    """A CRD's structural schema as JSON Schema: int-or-string is either,
    preserve-unknown-fields takes anything, other objects refuse unknown
    fields (the API server would prune them silently)."""
    if isinstance(node, list):
        return [to_json_schema(n) for n in node]
    if not isinstance(node, dict):
        return node
    out = {k: to_json_schema(v) for k, v in node.items() if not k.startswith("x-kubernetes-")}
    if node.get("x-kubernetes-int-or-string"):
        out.pop("type", None)
        out["anyOf"] = [{"type": "integer"}, {"type": "string"}]
    if "properties" in node and not node.get("x-kubernetes-preserve-unknown-fields") \
            and "additionalProperties" not in node:
        out["additionalProperties"] = False
    if out.get("format") not in (None, "byte"):
        out.pop("format")
    return out


def crd_validator(path):
    crd = yaml.safe_load(open(path))
    (version,) = [v for v in crd["spec"]["versions"] if v.get("storage")]
    schema = to_json_schema(version["schema"]["openAPIV3Schema"])
    schema["properties"]["apiVersion"] = {"const": f"{crd['spec']['group']}/{version['name']}"}
    schema["properties"]["kind"] = {"const": crd["spec"]["names"]["kind"]}
    formats = jsonschema.FormatChecker()

    @formats.checks("byte", raises=ValueError)
    def is_byte(value):
        base64.b64decode(value, validate=True)
        return True
    return jsonschema.Draft7Validator(schema, format_checker=formats)


def self_test(validators, node_prefix):
    bad = {"apiVersion": "networking.liqo.io/v1beta1", "kind": "GatewayServer", "metadata": {"name": "x"},
           "spec": {"endpoint": {"serviceType": "Bogus", "port": 1}, "mtu": 1340, "secretref": {"name": "x"}}}
    errors = list(validators["v1.2.0"]["GatewayServer"].iter_errors(bad))
    if len(errors) < 2:
        sys.exit(f"FAIL self-test: the CRD schema accepted a bad GatewayServer: {errors}")
    key = {"apiVersion": "networking.liqo.io/v1beta1", "kind": "PublicKey", "metadata": {"name": "x"},
           "spec": {"publicKey": "not base64!"}}
    if validators["v1.0.0"]["PublicKey"].is_valid(key):
        sys.exit("FAIL self-test: the CRD schema accepted a public key that is not base64")
    bad_k8s = json.dumps({"where": "self-test", "object": {"apiVersion": "rbac.authorization.k8s.io/v1",
                          "kind": "RoleBinding", "metadata": {"name": "x"}, "roleRef": {"kind": "ClusterRole"}}})
    p = subprocess.run(["node", os.path.join(HERE, "..", "ownership", "schema.mjs"), node_prefix],
                       input=bad_k8s + "\n", capture_output=True, text=True)
    if p.returncode == 0:
        sys.exit("FAIL self-test: kubernetes-models accepted a RoleBinding without roleRef.name")


def render_facts(path):
    """What the assertions compare against, read from the render here."""
    facts = {"client": None, "server": None, "role": None, "namespace": None}
    for doc in yaml.safe_load_all(open(path)):
        if not isinstance(doc, dict):
            continue
        labels = (doc.get("metadata") or {}).get("labels") or {}
        name = (doc.get("metadata") or {}).get("name")
        if doc.get("kind") == "WgGatewayServerTemplate" and name == "wireguard-server":
            facts["server"] = (doc["apiVersion"], doc["kind"], name)
        if doc.get("kind") == "WgGatewayClientTemplate" and name == "wireguard-client":
            facts["client"] = (doc["apiVersion"], doc["kind"], name)
        if doc.get("kind") == "ClusterRole" and labels.get("app.kubernetes.io/name") == "remote-controlplane":
            facts["role"] = name
        if doc.get("kind") == "ClusterRoleBinding" and labels.get("app.kubernetes.io/name") == "controller-manager":
            facts["namespace"] = facts["namespace"] or doc["subjects"][0]["namespace"]
    return facts


def make_render(version, letter, tmp):
    source = os.path.join(SHARED, "liqo-charts-v1", version,
                          "helm3-input-nameoverride.yaml" if version == "v1.2.0" and letter == "b" else "default.yaml")
    text = open(source).read()
    assert text.count("\n  CLUSTER_ID: cluster-a\n") == 1, source
    path = os.path.join(tmp, f"{version}-{letter}.yaml")
    open(path, "w").write(text.replace("\n  CLUSTER_ID: cluster-a\n", f"\n  CLUSTER_ID: {IDS[letter]}\n"))
    return path


def run_case(profile, version, consumer, server, renders, tmp, kubeconfig):
    configs = {}
    for letter in "ab":
        settings, _ = PROFILES[profile][letter]
        path = os.path.join(tmp, f"{profile}-{letter}.yaml")
        lines = [f"profile: {profile}", f"cluster: {letter}", f"cluster-id: {IDS[letter]}"]
        lines += [f"{k}: {v}" for k, v in settings.items()]
        open(path, "w").write("\n".join(lines) + "\n")
        configs[letter] = path
    out = os.path.join(tmp, f"out-{profile}-{version}-{consumer}-{server}")
    args = [BINARY, "peering", "--a-config", configs["a"], "--a-render", renders["a"], "--b-config", configs["b"],
            "--b-render", renders["b"], "--consumer", consumer, "--gateway-server-on", server,
            "--a-public-key", KEYS["a"], "--b-public-key", KEYS["b"], "--output-dir", out,
            "--a-external-cidr", EXTERNAL["a"], "--b-external-cidr", EXTERNAL["b"],
            "--consumer-user", IDS[consumer], "--report", out + ".json"]
    for letter in "ab":
        args += sum([[f"--{letter}-pod-cidr", c] for c in POD[letter]], [])
        if PROFILES[profile][letter][1][0] == "nodeport":
            args += [f"--{letter}-gateway-address", PROFILES[profile][letter][1][1]]
    provider = "b" if consumer == "a" else "a"
    if PROFILES[profile][provider][0].get("api-server-address") or profile == "on-prem-nat-to-cloud":
        args += ["--kubeconfig", kubeconfig[provider]]
    p = subprocess.run(args, capture_output=True, text=True)
    if p.returncode != 0:
        return None, f"exit {p.returncode}: {p.stderr}"
    report = json.load(open(out + ".json"))
    problems = [e.message for e in REPORT_SCHEMA.iter_errors(report)]
    if problems:
        return None, f"--report: {problems[:3]}"
    files = {}
    for letter in "ab":
        files[letter] = list(yaml.safe_load_all(open(os.path.join(out, IDS[letter], "peering.yaml"))))
        (entry,) = [c for c in report["clusters"] if c["cluster"] == letter]
        listed = [(r["kind"], r["name"]) for r in entry["resources"]]
        written = [(d["kind"], d["metadata"]["name"]) for d in files[letter]]
        if listed != written:
            return None, f"--report lists {listed} for {letter}, the file holds {written}"
    return files, None


def assert_cluster(f, where, version, letter, docs, consumer, server, facts, mtu, kubeconfig_text):
    peer = "b" if letter == "a" else "a"
    pid, sid = IDS[peer], IDS[letter]
    tenant_ns = f"liqo-tenant-{pid}"
    by_kind = {}
    for d in docs:
        f.check(d["kind"] not in by_kind, where, f"two {d['kind']}")
        by_kind[d["kind"]] = d
    provider = letter != consumer
    want = {"Namespace", "Configuration", "PublicKey", "GatewayServer" if letter == server else "GatewayClient"}
    want |= {"Tenant", "RoleBinding"} if provider else ({"Secret"} if kubeconfig_text else set())
    f.check(set(by_kind) == want, where, f"kinds {sorted(by_kind)}, wanted {sorted(want)}")
    # No private key anywhere: the keys Secret is referenced, never written.
    f.check(all("privateKey" not in json.dumps(d) for d in docs), where, "a privateKey was written")

    ns = by_kind.get("Namespace", {})
    labels = ns.get("metadata", {}).get("labels", {})
    # pkg/tenantNamespace/namespaceManager.go (v1.0.0 L191-194 getNameForNamespace: "liqo-tenant-" + ID).
    f.check(ns.get("metadata", {}).get("name") == tenant_ns, where, "tenant namespace name")
    # namespaceManager.go GetNamespace (L151-189): liqo.io/remote-cluster-id=<ID> and liqo.io/tenant-namespace.
    f.check(labels.get("liqo.io/remote-cluster-id") == pid, where, "namespace remote-cluster-id label")
    f.check("liqo.io/tenant-namespace" in labels, where, "namespace tenant-namespace label")
    # v1.1.0+: ForgeNamespace adds pod-security enforce/audit/warn privileged (namespaceManager.go v1.1.2
    # L141-150, pkg/consts/labels.go v1.1.2 L57-67); v1.0.0 has none.
    psa = {k: v for k, v in labels.items() if k.startswith("pod-security.kubernetes.io/")}
    want_psa = {} if version == "v1.0.0" else {f"pod-security.kubernetes.io/{m}": "privileged"
                                                for m in ("enforce", "audit", "warn")}
    f.check(psa == want_psa, where, f"pod-security labels {psa}")

    for kind in ("Configuration", "PublicKey", "GatewayServer", "GatewayClient", "Tenant"):
        d = by_kind.get(kind)
        if not d:
            continue
        meta = d["metadata"]
        name = IDS[consumer] if kind == "Tenant" else pid
        # forge/configuration.go L33-36, forge/publickey.go L33-76, forge/gatewayserver.go L40-42,
        # forge/gatewayclient.go, authentication/forge/tenant.go L36-63: named after the peer's ID.
        f.check(meta.get("name") == name and meta.get("namespace") == tenant_ns, where, f"{kind} name/namespace")
        # configuration/label.go ForgeNetworkLabel L47-55 (required), server_controller.go L126-129,
        # client_controller.go L126-128 (required), publickeys_controller.go L98-106 (selector).
        f.check(meta.get("labels", {}).get("liqo.io/remote-cluster-id") == pid, where, f"{kind} remote-cluster-id")

    conf = by_kind["Configuration"]["spec"]["remote"]["cidr"]
    # configuration_controller.go v1.0.0 L161-174 (cidr.GetPrimary): v1.0/v1.1 read the first pod CIDR only;
    # v1.2.0 L200-230 every one.
    want_pods = POD[peer] if version == "v1.2.0" else POD[peer][:1]
    f.check(conf.get("pod") == want_pods, where, f"Configuration pod {conf.get('pod')}, wanted {want_pods}")
    f.check(conf.get("external") == [EXTERNAL[peer]], where, "Configuration external CIDR")

    pk = by_kind["PublicKey"]
    # forge/publickey.go: labels remote-cluster-id and networking.liqo.io/gateway-resource "true".
    f.check(pk["metadata"]["labels"].get("networking.liqo.io/gateway-resource") == "true", where, "PublicKey label")
    f.check(pk["spec"]["publicKey"] == KEYS[peer], where, "PublicKey holds the peer's key")
    f.check(len(base64.b64decode(pk["spec"]["publicKey"])) == 32, where, "PublicKey 32 bytes")

    gw = by_kind.get("GatewayServer") or by_kind.get("GatewayClient")
    spec = gw["spec"]
    # forge/common.go L19: liqoctl's MTU 1340; the CRD has no default, so it is always written.
    f.check(spec.get("mtu") == mtu, where, f"mtu {spec.get('mtu')}")
    # wggatewayserver_controller.go v1.1.2 L184 / client L182: spec.secretRef.name names the keys Secret.
    f.check(spec.get("secretRef") == {"name": "gw-keys"}, where, "secretRef")
    # server_controller.go / client_controller.go L131-146: the template is fetched at
    # {apiVersion, kind, name, namespace}; the chart renders it in the release namespace.
    ref_key, template = ("serverTemplateRef", facts[letter]["server"]) if gw["kind"] == "GatewayServer" \
        else ("clientTemplateRef", facts[letter]["client"])
    want_ref = {"apiVersion": template[0], "kind": template[1], "name": template[2],
                "namespace": facts[letter]["namespace"]}
    f.check(spec.get(ref_key) == want_ref, where, f"{ref_key} {spec.get(ref_key)}, wanted {want_ref}")

    if provider:
        t = by_kind["Tenant"]["spec"]
        # tenant_types.go L30-32, tenant_controller.go v1.0.0 L162-197: TolerateNoHandshake skips the handshake.
        f.check(t == {"clusterID": IDS[consumer], "authzPolicy": "TolerateNoHandshake", "tenantCondition": "Active"},
                where, f"Tenant spec {t}")
        rb = by_kind["RoleBinding"]
        # tenant_controller.go L43-48 finds the ClusterRole by app.kubernetes.io/name: remote-controlplane;
        # bindings.go L74-130 names the binding liqo-binding-<ClusterRole>.
        f.check(rb["roleRef"] == {"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole",
                                  "name": facts[letter]["role"]}, where, f"roleRef {rb['roleRef']}")
        f.check(rb["metadata"]["name"] == f"liqo-binding-{facts[letter]['role']}", where, "RoleBinding name")
        f.check(rb["subjects"] == [{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": IDS[consumer]}],
                where, "RoleBinding subject")
    elif kubeconfig_text:
        s = by_kind["Secret"]
        # crdReplicator-operator.go L196-232: labels remote-cluster-id (exists) and identity-type ControlPlane,
        # annotation remote-tenant-namespace (the provider's tenant namespace), data.kubeconfig.
        f.check(s["metadata"]["labels"] == {"liqo.io/remote-cluster-id": pid, "liqo.io/identity-type": "ControlPlane"},
                where, "identity Secret labels")
        f.check(s["metadata"]["annotations"] == {"liqo.io/remote-tenant-namespace": f"liqo-tenant-{sid}"},
                where, "identity Secret annotation")
        f.check(base64.b64decode(s["data"]["kubeconfig"]).decode() == kubeconfig_text, where, "kubeconfig data")
    return by_kind


def assert_endpoints(f, where, server_docs, client_docs, reach):
    se = server_docs["GatewayServer"]["spec"]["endpoint"]
    ce = client_docs["GatewayClient"]["spec"]["endpoint"]
    kind = reach[0]
    if kind == "nat":
        _, address, public_port, node_port = reach
        want_server = {"serviceType": "NodePort", "port": 51840, "nodePort": node_port}
        want_client = {"addresses": [address], "port": public_port, "protocol": "UDP"}
    elif kind == "lb":
        _, ip, port = reach
        want_server = {"serviceType": "LoadBalancer", "port": port, "loadBalancerIP": ip}
        want_client = {"addresses": [ip], "port": port, "protocol": "UDP"}
    else:
        _, address, node_port = reach
        want_server = {"serviceType": "NodePort", "port": 51840, "nodePort": node_port}
        want_client = {"addresses": [address], "port": node_port, "protocol": "UDP"}
    f.check(se == want_server, where, f"GatewayServer endpoint {se}, wanted {want_server}")
    f.check(ce == want_client, where, f"GatewayClient endpoint {ce}, wanted {want_client}")


def main():
    global BINARY, SHARED
    BINARY, SHARED, node_prefix = sys.argv[1:4]
    ci = os.environ.get("CI") == "true"
    if not os.path.isdir(os.path.join(SHARED, "liqo-charts-v1")) or \
            not os.path.isdir(os.path.join(node_prefix, "node_modules", "kubernetes-models")):
        print("SKIP: no ../shared/liqo-charts-v1 or kubernetes-models (scripts/setup.sh installs it)")
        sys.exit(1 if ci else 77)
    validators = {v: {k: crd_validator(os.path.join(SHARED, "liqo-crds", v, p)) for k, p in CRD_FILES.items()}
                  for v in VERSIONS}
    global REPORT_SCHEMA
    REPORT_SCHEMA = jsonschema.Draft202012Validator(
        json.load(open(os.path.join(HERE, "..", "..", "doc", "peering-report.schema.json"))))
    if REPORT_SCHEMA.is_valid({"command": "peering", "profile": "x", "consumer": "c", "gateway_server_on": "a",
                               "clusters": [], "warnings": []}):
        sys.exit("FAIL self-test: the report schema accepted a report with consumer c and no clusters")
    self_test(validators, node_prefix)
    f, runs, k8s_lines = Failures(), 0, []
    with tempfile.TemporaryDirectory() as tmp:
        kubeconfig, kubeconfig_text = {}, {}
        for version in VERSIONS:
            renders = {letter: make_render(version, letter, tmp) for letter in "ab"}
            facts = {letter: render_facts(renders[letter]) for letter in "ab"}
            for profile, clusters in PROFILES.items():
                for letter in "ab":
                    url = clusters[letter][0].get("api-server-address")
                    if profile == "on-prem-nat-to-cloud" and letter == "a":
                        url = "https://203.0.113.10:6443"
                    text = f"apiVersion: v1\nkind: Config\nclusters:\n  - name: x\n    cluster:\n      server: {url}\n"
                    kubeconfig[letter] = os.path.join(tmp, f"kubeconfig-{profile}-{letter}.yaml")
                    kubeconfig_text[letter] = text
                    open(kubeconfig[letter], "w").write(text)
                for consumer in "ab":
                    for server in "ab":
                        where = f"{version} {profile} consumer {consumer} server {server}"
                        files, error = run_case(profile, version, consumer, server, renders, tmp, kubeconfig)
                        runs += 1
                        if error:
                            f.check(False, where, error)
                            continue
                        provider = "b" if consumer == "a" else "a"
                        docs = {}
                        for letter in "ab":
                            for d in files[letter]:
                                if d["kind"] in validators[version]:
                                    for e in validators[version][d["kind"]].iter_errors(d):
                                        f.check(False, f"{where} {letter} {d['kind']}", f"CRD schema: {e.message}")
                                elif d["kind"] in K8S_KINDS:
                                    k8s_lines.append(json.dumps({"where": f"{where} {letter}", "object": d}))
                                else:
                                    f.check(False, where, f"unexpected kind {d['kind']}")
                            docs[letter] = assert_cluster(f, f"{where} [{letter}]", version, letter, files[letter],
                                                          consumer, server, facts, 1340,
                                                          kubeconfig_text[provider] if letter == consumer else None)
                        client = "b" if server == "a" else "a"
                        assert_endpoints(f, where, docs[server], docs[client], clusters[server][1])
    p = subprocess.run(["node", os.path.join(HERE, "..", "ownership", "schema.mjs"), node_prefix],
                       input="\n".join(k8s_lines) + "\n", capture_output=True, text=True)
    print(p.stdout[-3000:], p.stderr[-2000:])
    print("\n".join(f.items[:30]))
    failed = len(f.items) + (p.returncode != 0)
    print(f"{runs} runs, {len(k8s_lines)} Kubernetes objects; {failed} failures")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
