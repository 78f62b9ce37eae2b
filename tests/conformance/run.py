#!/usr/bin/python3
"""Conformance of liqo-scenario with the Liqo chart's own renders.

For every chart version and both post-renderer input forms (Helm 3, Helm 4),
runs the filter with the flags equivalent to each oracle's values and checks
that every exposure field of the output equals the oracle's (Service type,
node ports, override annotations, controller-manager override arguments,
advertised API server address, Ingress host/backend/class/TLS), that every
document the scenario does not touch comes out byte-identical, and that a
second run changes nothing.

Where a chart release had no value for something the scenario needs (node
port pinning before v0.10, the auth address override for NAT before v0.6) the
oracle cannot show it; the check then wants the flag's value, and says so.

Usage: run.py BINARY CHARTS_DIR   (skips visibly when CHARTS_DIR is absent,
fails instead when CI=true)."""
import os
import re
import subprocess
import sys

import yaml

NAT = ["--profile", "on-prem-nat-to-cloud", "--cluster", "a", "--public-address", "203.0.113.10",
       "--auth-node-port", "32443", "--auth-public-port", "8443",
       "--gateway-node-port", "31871", "--gateway-public-port", "51820"]
CASES = {
    "values-nat.yaml": NAT,
    "values-auth-ingress.yaml": ["--profile", "cloud-to-cloud", "--auth", "ingress",
                                 "--auth-host", "auth.cluster-a.example.com", "--ingress-class", "nginx"],
    "values-nodeport.yaml": ["--profile", "on-prem-to-on-prem"],
    "values-apiserver-public-ip.yaml": ["--profile", "on-prem-to-cloud", "--cluster", "a",
                                        "--api-server", "public-ip",
                                        "--api-server-address", "https://198.51.100.7:6443"],
}
# What the oracle cannot show, by (case, version predicate): field -> wanted value.
PINNED_NODE_PORTS = {"auth": "32443", "gateway": "31871"}


def minor(version):
    return int(re.match(r"v0\.(\d+)", version).group(1))


def split_docs(text):
    """Byte-exact documents: split before each line that is exactly '---'."""
    parts = re.split(r"(?m)^(?=---$)", text)
    return [p for p in parts if p]


def load(text):
    return [d for d in yaml.safe_load_all(text) if isinstance(d, dict)]


def labels(doc):
    return ((doc.get("metadata") or {}).get("labels") or {})


def role(doc):
    kind, lab = doc.get("kind"), labels(doc)
    if kind == "Service" and lab.get("run") == "auth-service":
        return "auth"
    if kind == "Service" and str(lab.get("net.liqo.io/gateway")) == "true":
        return "gateway"
    if kind == "Deployment" and lab.get("app.kubernetes.io/name") in ("auth", "controller-manager"):
        return lab["app.kubernetes.io/name"] + "-deployment"
    if kind == "Ingress":
        return "ingress"
    return None


def args_of(doc, prefixes):
    out = []
    for c in doc["spec"]["template"]["spec"]["containers"]:
        out += [a for a in (c.get("args") or []) if a.split("=")[0] in prefixes]
    return sorted(out)


def ingress_fields(doc):
    spec = doc.get("spec") or {}
    ann = (doc.get("metadata") or {}).get("annotations") or {}
    out = []
    for rule in spec.get("rules") or []:
        for path in rule["http"]["paths"]:
            svc = path["backend"]["service"]
            out.append(("rule", rule.get("host"), svc["name"], svc["port"].get("number")))
    out.append(("class", spec.get("ingressClassName") or ann.get("kubernetes.io/ingress.class")))
    out.append(("tls", [(sorted(t.get("hosts") or []), t.get("secretName")) for t in spec.get("tls") or []]))
    return out


def exposure(docs):
    fields = {}
    for doc in docs:
        r = role(doc)
        if r in ("auth", "gateway"):
            ann = (doc["metadata"].get("annotations") or {})
            fields[r + ".type"] = doc["spec"].get("type", "ClusterIP")
            fields[r + ".nodePort"] = [str(p["nodePort"]) for p in doc["spec"]["ports"] if "nodePort" in p]
            for k in ("liqo.io/override-address", "liqo.io/override-port"):
                fields[r + "." + k] = ann.get(k)
        elif r == "auth-deployment":
            fields["auth.args"] = args_of(doc, ("--advertise-api-server-address",))
        elif r == "controller-manager-deployment":
            fields["controller-manager.args"] = args_of(
                doc, ("--auth-service-address-override", "--auth-service-port-override"))
        elif r == "ingress":
            fields["ingress." + doc["metadata"]["name"]] = ingress_fields(doc)
    return fields


def wanted_fields(oracle, case, version):
    want = exposure(oracle)
    notes = []
    if case == "values-nat.yaml" and minor(version) < 10:
        for r, port in PINNED_NODE_PORTS.items():
            want[r + ".nodePort"] = [port]
        notes.append("node ports pinned by flag (chart <v0.10 had no value)")
    if case == "values-nat.yaml" and minor(version) < 6:
        want["controller-manager.args"] = sorted(want["controller-manager.args"] +
                                                 ["--auth-service-address-override=203.0.113.10"])
        notes.append("auth address override argument (chart <v0.6 had no value)")
    return want, notes


def check_untouched(inp, out, failures, label):
    out_docs = set(split_docs(out))
    untouched = 0
    for d in split_docs(inp):
        parsed = load(d)
        if parsed and role(parsed[0]):
            continue
        untouched += 1
        if d not in out_docs:
            failures.append(f"{label}: an untouched document changed: {d[:80]!r}")
    return untouched


def run_case(binary, vdir, version, form, case, args, failures):
    label = f"{version} {form} {case}"
    inp = open(os.path.join(vdir, form), encoding="utf-8").read()
    proc = subprocess.run([binary] + args, input=inp.encode(), capture_output=True)
    if proc.returncode != 0:
        failures.append(f"{label}: exit {proc.returncode}: {proc.stderr.decode().strip()}")
        return None
    out = proc.stdout.decode()
    again = subprocess.run([binary] + args, input=proc.stdout, capture_output=True)
    if again.stdout != proc.stdout:
        failures.append(f"{label}: a second run changed the output")
    oracle = load(open(os.path.join(vdir, case), encoding="utf-8").read())
    want, notes = wanted_fields(oracle, case, version)
    got = exposure(load(out))
    for key in sorted(set(want) | set(got)):
        if want.get(key) != got.get(key):
            failures.append(f"{label}: {key}: oracle {want.get(key)!r}, output {got.get(key)!r}")
    untouched = check_untouched(inp, out, failures, label)
    return untouched, notes


def main():
    binary, charts = sys.argv[1], sys.argv[2]
    if not os.path.isdir(charts):
        if os.environ.get("CI") == "true":
            print(f"FAIL: {charts} is absent and CI=true")
            return 1
        print(f"SKIP: {charts} is absent; conformance with the Liqo charts not checked")
        return 77
    failures, runs = [], 0
    versions = [v for v in os.listdir(charts) if re.match(r"v\d+\.\d+\.\d+$", v)]
    for version in sorted(versions, key=lambda v: [int(x) for x in v[1:].split(".")]):
        vdir = os.path.join(charts, version)
        if not os.path.isdir(vdir):
            continue
        per_version = []
        for form in ("helm3-input.yaml", "helm4-input.yaml"):
            for case, args in CASES.items():
                before = len(failures)
                result = run_case(binary, vdir, version, form, case, args, failures)
                runs += 1
                status = "ok" if len(failures) == before else "FAIL"
                extra = f", {result[0]} untouched docs identical" if result else ""
                note = f" [{'; '.join(result[1])}]" if result and result[1] else ""
                per_version.append(f"  {form.split('-')[0]} {case[7:-5]}: {status}{extra}{note}")
        print(version)
        print("\n".join(per_version))
    for f in failures:
        print("FAIL", f)
    print(f"{runs - len(set(f.split(':')[0] for f in failures))} passed, "
          f"{len(set(f.split(':')[0] for f in failures))} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
