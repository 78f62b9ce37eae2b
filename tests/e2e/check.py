#!/usr/bin/python3
"""Checks one `helm template` / `helm install --dry-run` output of the e2e
chart against what a scenario must produce. Usage:
check.py CASE HELM_MAJOR OUTPUT [PLAIN_RENDER]; prints one line per failed
check and exits 1 if any failed."""
import re
import sys

import yaml

case, helm, path = sys.argv[1], sys.argv[2], sys.argv[3]
text = open(path, encoding="utf-8").read()
failures = []


def expect(ok, what):
    if not ok:
        failures.append(what)


manifest = text.split("MANIFEST:", 1)[1] if "MANIFEST:" in text else text
if "HOOKS:" in text:
    manifest = text.split("HOOKS:", 1)[1].replace("MANIFEST:", "")
docs = [d for d in yaml.safe_load_all(manifest.split("NOTES:")[0]) if isinstance(d, dict)]
by = {(d["kind"], d["metadata"]["name"]): d for d in docs}
auth, gateway = by.get(("Service", "liqo-auth")), by.get(("Service", "liqo-gateway"))
auth_args = by[("Deployment", "liqo-auth")]["spec"]["template"]["spec"]["containers"][0]["args"]
ingresses = [d for d in docs if d["kind"] == "Ingress"]


def annotations(doc):
    return doc["metadata"].get("annotations") or {}


def node_ports(doc):
    return [p.get("nodePort") for p in doc["spec"]["ports"]]


expect(auth and gateway, "both Services present")
expect(("Job", "liqo-pre-delete") in by, "the pre-delete hook survives")
expect(("ConfigMap", "liqo-settings") in by, "unrelated objects survive")
expect("postrenderer.helm.sh/postrender-filename" not in text, "no postrender-filename annotation left")
expect("generated-by-postrender" not in text, "no generated-by-postrender file")
advertise = [a for a in auth_args if a.startswith("--advertise-api-server-address")]

if case == "nat":
    expect(auth["spec"]["type"] == "NodePort" and gateway["spec"]["type"] == "NodePort", "NAT: NodePort Services")
    expect(node_ports(auth) == [32443] and node_ports(gateway) == [31871], "NAT: node ports pinned")
    expect(annotations(auth).get("liqo.io/override-address") == "203.0.113.10", "NAT: auth address override")
    expect(annotations(auth).get("liqo.io/override-port") == "8443", "NAT: auth port override")
    expect(annotations(gateway).get("liqo.io/override-port") == "51820", "NAT: gateway port override")
    expect(advertise == ["--advertise-api-server-address=https://203.0.113.10:6443"], "NAT: API server advertised")
elif case == "auth-ingress":
    expect(auth["spec"]["type"] == "ClusterIP", "auth Ingress: ClusterIP Service")
    expect(len(ingresses) == 1, "auth Ingress: one Ingress")
    ing = ingresses[0] if ingresses else {"spec": {}, "metadata": {}}
    rule = (ing["spec"].get("rules") or [{}])[0]
    backend = rule.get("http", {}).get("paths", [{}])[0].get("backend", {}).get("service", {})
    expect(rule.get("host") == "auth.example.com", "auth Ingress: host")
    expect(backend == {"name": "liqo-auth", "port": {"number": 443}}, "auth Ingress: backend")
    expect(ing["spec"].get("ingressClassName") == "nginx", "auth Ingress: class")
    expect(ing["spec"].get("tls") == [{"hosts": ["auth.example.com"], "secretName": "liqo-auth"}], "auth Ingress: TLS")
    expect(annotations(ing).get("nginx.ingress.kubernetes.io/backend-protocol") == "HTTPS", "auth Ingress: HTTPS backend")
    expect(annotations(auth).get("liqo.io/override-address") == "auth.example.com", "auth Ingress: advertised host")
    expect(re.search(r"(?m)^# Source: liqo/templates/liqo-scenario-auth-ingress\.yaml\napiVersion: networking", text),
           "auth Ingress: in its own named file (# Source: line)")
elif case == "api-ingress":
    expect(len(ingresses) == 1, "API server Ingress: one Ingress")
    ing = ingresses[0] if ingresses else {"spec": {}, "metadata": {}}
    backend = ing["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"] if ingresses else {}
    expect(ing["metadata"].get("namespace") == "default", "API server Ingress: namespace default")
    expect(backend == {"name": "kubernetes", "port": {"number": 443}}, "API server Ingress: backend kubernetes:443")
    expect(annotations(ing).get("nginx.ingress.kubernetes.io/ssl-passthrough") == "true", "API server Ingress: passthrough")
    expect(advertise == ["--advertise-api-server-address=https://api.example.com"], "API server Ingress: advertised")
    expect(re.search(r"(?m)^# Source: liqo/templates/liqo-scenario-api-server-ingress\.yaml\napiVersion: networking", text),
           "API server Ingress: in its own named file (# Source: line)")
elif case == "lan":
    expect(auth["spec"]["type"] == "NodePort" and gateway["spec"]["type"] == "NodePort", "LAN: NodePort Services")
    expect(not annotations(auth) and not annotations(gateway), "LAN: no overrides")
    expect(advertise == [], "LAN: API server as it is")
else:
    failures.append("unknown case " + case)

if len(sys.argv) > 4 and helm == "3":
    plain = open(sys.argv[4], encoding="utf-8").read()
    block = re.search(r"(?ms)^---\n# Source: liqo/templates/unrelated\.yaml\n# Objects.*?(?=^---)", plain)
    expect(block and block.group(0) in text, "Helm 3: untouched documents byte-identical")

for f in failures:
    print(f"FAIL helm{helm} {case}: {f}")
sys.exit(1 if failures else 0)
