#!/usr/bin/python3
"""Checks one Helm output of the real Liqo chart post-rendered by
liqo-scenario against the same chart rendered without it: the scenario's
fields are what the case wants, and every other object is equal once parsed
(the random CLUSTER_ID, the telemetry job's schedule, which follows the time
of the render, and the Kubernetes version it is given, masked).
Usage: check_real.py CASE OUTPUT PLAIN; prints one line per failed check and
exits 1 if any failed. CASE: v1-nat, v1-api-ingress, v0-nat."""
import sys

import yaml

case, out_path, plain_path = sys.argv[1:4]
failures = []


def expect(ok, what):
    if not ok:
        failures.append(what)


def documents(path):
    text = open(path, encoding="utf-8").read()
    if "MANIFEST:" in text:  # helm install --dry-run: hooks, then the manifest, then notes
        text = text.split("HOOKS:", 1)[-1].replace("MANIFEST:", "").split("NOTES:")[0]
    docs = {}
    for d in yaml.safe_load_all(text):
        if not isinstance(d, dict):
            continue
        if d.get("kind") == "ConfigMap" and "CLUSTER_ID" in (d.get("data") or {}):
            d["data"]["CLUSTER_ID"] = "masked"
        if d.get("kind") == "CronJob":  # the time of the render, the Kubernetes version Helm was told
            d["spec"]["schedule"] = "masked"
            for c in d["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"]:
                c["args"] = [a for a in c.get("args") or [] if not a.startswith("--kubernetes-version=")]
        meta = d.get("metadata") or {}
        docs[(d["kind"], meta.get("namespace"), meta["name"])] = d
    return docs


def labelled(docs, kind, key, value):
    return [k for k, d in docs.items() if k[0] == kind and (d["metadata"].get("labels") or {}).get(key) == value]


def container(doc, name):
    return next(c for c in doc["spec"]["template"]["spec"]["containers"] if c["name"] == name)


def report():
    for f in failures:
        print(f"FAIL {case}: {f}")
    sys.exit(1 if failures else 0)


out, plain = documents(out_path), documents(plain_path)
changed = {k for k in out if k not in plain or out[k] != plain[k]}
expect(not any(k not in out for k in plain), f"objects lost: {[k for k in plain if k not in out]}")

if case.startswith("v1"):
    cm = labelled(out, "Deployment", "app.kubernetes.io/name", "controller-manager")
    expect(len(cm) == 1, "one controller-manager Deployment")
    if not cm:
        report()
    args = container(out[cm[0]], "controller-manager").get("args") or []
    before = container(plain[cm[0]], "controller-manager").get("args") or []
    url = "https://203.0.113.10:6443" if case == "v1-nat" else "https://api.example.com"
    expect(sorted(args) == sorted(before + ["--api-server-address-override=" + url]),
           f"the override argument added once, nothing else: {sorted(set(args) ^ set(before))}")
    expect(not any(a.startswith("--advertise-api-server-address") for a in args), "no v0 argument on v1")
    expect(not labelled(out, "Service", "run", "auth-service"), "no auth Service appears")
    templates = [k for k in out if k[0] == "WgGatewayServerTemplate" and k[2] == "wireguard-server"]
    expect(templates and out[templates[0]] == plain[templates[0]], "the gateway server template is untouched")
    wanted = set(cm)
    if case == "v1-api-ingress":
        ingress = ("Ingress", "default", "liqo-api-server")
        ing = out.get(ingress) or {"metadata": {}, "spec": {}}
        expect(ingress in out, "the API server Ingress is added")
        backend = ing["spec"].get("rules", [{}])[0].get("http", {}).get("paths", [{}])[0].get("backend", {})
        expect(backend.get("service") == {"name": "kubernetes", "port": {"number": 443}}, "Ingress backend kubernetes:443")
        expect(ing["spec"].get("ingressClassName") == "nginx", "Ingress class nginx")
        expect((ing["metadata"].get("annotations") or {}).get("nginx.ingress.kubernetes.io/ssl-passthrough") == "true",
               "Ingress passes TLS through")
        wanted.add(ingress)
    expect(changed == wanted, f"only the scenario's objects change: {sorted(changed - wanted)}")
else:
    auth = labelled(out, "Service", "run", "auth-service")
    gateway = labelled(out, "Service", "net.liqo.io/gateway", "true")
    expect(len(auth) == 1 and len(gateway) == 1, "one auth and one gateway Service")
    if not auth or not gateway:
        report()
    a, g = out[auth[0]], out[gateway[0]]
    expect(a["spec"]["type"] == "NodePort" and g["spec"]["type"] == "NodePort", "NodePort Services")
    expect([p.get("nodePort") for p in a["spec"]["ports"]] == [32443], "auth node port pinned")
    expect([p.get("nodePort") for p in g["spec"]["ports"] if p.get("protocol") == "UDP"] == [31871],
           "gateway node port pinned")
    ann_a, ann_g = a["metadata"].get("annotations") or {}, g["metadata"].get("annotations") or {}
    expect(ann_a.get("liqo.io/override-address") == "203.0.113.10" and ann_a.get("liqo.io/override-port") == "8443",
           "auth override annotations")
    expect(ann_g.get("liqo.io/override-address") == "203.0.113.10" and ann_g.get("liqo.io/override-port") == "51820",
           "gateway override annotations")
    auth_deploy = labelled(out, "Deployment", "app.kubernetes.io/name", "auth")
    args = container(out[auth_deploy[0]], "auth").get("args") or [] if auth_deploy else []
    expect("--advertise-api-server-address=https://203.0.113.10:6443" in args, "API server address advertised")
    wanted = set(auth + gateway + auth_deploy)
    expect(changed <= wanted, f"only the scenario's objects change: {sorted(changed - wanted)}")

report()
