#!/usr/bin/python3
"""A loopback stand-in for the Kubernetes API server's discovery endpoints.

`helm install --dry-run` renders, post-renders and validates against the
cluster's API groups without creating anything, but it still asks a server
for its version and resource lists. This answers exactly those questions for
the kinds the end-to-end chart uses, and refuses anything else, so a dry run
can be tested on a machine with no cluster. Usage: fake-apiserver.py PORTFILE
[RENDER] (it picks a free port on 127.0.0.1, writes it to PORTFILE, serves
until killed). With RENDER, a chart's plain render, it also knows every kind
that render holds, so a real chart can be dry-run installed.
"""
import json
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

GROUPS = {
    "apps/v1": [("deployments", "Deployment", True)],
    "batch/v1": [("jobs", "Job", True)],
    "networking.k8s.io/v1": [("ingresses", "Ingress", True)],
}
CORE = [("services", "Service", True), ("configmaps", "ConfigMap", True),
        ("serviceaccounts", "ServiceAccount", True), ("namespaces", "Namespace", False),
        ("secrets", "Secret", True)]


CLUSTER_SCOPED = {"ClusterRole", "ClusterRoleBinding", "StorageClass", "APIService", "RuntimeClass", "Namespace",
                  "MutatingWebhookConfiguration", "ValidatingWebhookConfiguration", "CustomResourceDefinition"}


def add_render_kinds(path):
    import yaml
    for doc in yaml.safe_load_all(open(path, encoding="utf-8")):
        if not isinstance(doc, dict) or "/" not in str(doc.get("apiVersion", "/")):
            continue
        kind, items = doc["kind"], GROUPS.setdefault(doc["apiVersion"], [])
        if all(k != kind for _, k, _ in items):
            items.append((kind.lower() + "s", kind, kind not in CLUSTER_SCOPED))


if len(sys.argv) > 2:
    add_render_kinds(sys.argv[2])


def resources(group_version, items):
    return {"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": group_version,
            "resources": [{"name": n, "singularName": "", "namespaced": ns, "kind": k,
                           "verbs": ["create", "delete", "get", "list", "patch", "update", "watch"]}
                          for n, k, ns in items]}


ANSWERS = {
    "/version": {"major": "1", "minor": "30", "gitVersion": "v1.30.0", "platform": "linux/amd64"},
    "/api": {"kind": "APIVersions", "versions": ["v1"],
             "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1"}]},
    "/apis": {"kind": "APIGroupList", "apiVersion": "v1", "groups": [
        {"name": gv.split("/")[0], "versions": [{"groupVersion": gv, "version": gv.split("/")[1]}],
         "preferredVersion": {"groupVersion": gv, "version": gv.split("/")[1]}} for gv in GROUPS]},
    "/api/v1": resources("v1", CORE),
}
ANSWERS.update({"/apis/" + gv: resources(gv, items) for gv, items in GROUPS.items()})


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        answer = ANSWERS.get(self.path.split("?")[0])
        body = json.dumps(answer if answer is not None else
                          {"kind": "Status", "apiVersion": "v1", "status": "Failure", "code": 404}).encode()
        self.send_response(200 if answer is not None else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = HTTPServer(("127.0.0.1", 0), Handler)
with open(sys.argv[1], "w") as f:
    f.write(str(server.server_address[1]))
server.serve_forever()
