#!/usr/bin/python3
"""Load-balancer settings against the Liqo chart's own renders of the same
intent, read with python3-yaml (not with the C parser under test):

- v0.10.3: --auth-load-balancer-ip 198.51.100.20 --gateway-load-balancer-ip
  198.51.100.21 --allocate-load-balancer-node-ports false equals
  values-loadbalancer-knobs.yaml; --provider eks equals values-gateway-nlb.yaml;
- v1.2.0: --provider eks equals values-gateway-eks.yaml;
- every v1 version: --gateway-annotation
  metallb.universe.tf/loadBalancerIPs=203.0.113.20
  --allocate-load-balancer-node-ports false equals values-gateway-metallb.yaml.

Each from the Helm 3 and the Helm 4 input, with cloud-to-cloud: the edited
objects (the auth and gateway Services, the v1 gateway server template) are
compared field for field, and every other object of the input must equal the
oracle's too (the render's random cluster ID and the telemetry schedule
masked; Helm 4's filename annotation set aside), or, from the Helm 4 input
(re-serialised by Helm), equal the input's. A second run changes
nothing.

Usage: run_lb.py BINARY CHARTS_DIR CHARTS_V1_DIR (skips visibly when a
folder is absent, fails instead when CI=true)."""
import os
import subprocess
import sys

import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
HELM4_KEY = "postrenderer.helm.sh/postrender-filename"
CLOUD = ["--profile", "cloud-to-cloud"]
KNOBS = CLOUD + ["--auth-load-balancer-ip", "198.51.100.20", "--gateway-load-balancer-ip", "198.51.100.21",
                 "--allocate-load-balancer-node-ports", "false"]
EKS = CLOUD + ["--provider", "eks"]
METALLB = CLOUD + ["--gateway-annotation", "metallb.universe.tf/loadBalancerIPs=203.0.113.20",
                   "--allocate-load-balancer-node-ports", "false"]
V0_EDITED = [("Service", "liqo-auth"), ("Service", "liqo-gateway")]
V1_EDITED = [("WgGatewayServerTemplate", "wireguard-server")]


def normalise(obj):
    """What Kubernetes would store: no Helm 4 filename annotation, an empty
    annotations mapping the same as none, the render-time values masked."""
    if not isinstance(obj, dict):
        return obj
    meta = obj.get("metadata") or {}
    annotations = dict(meta.get("annotations") or {})
    annotations.pop(HELM4_KEY, None)
    meta["annotations"] = annotations or None
    if obj.get("kind") == "ConfigMap" and "CLUSTER_ID" in (obj.get("data") or {}):
        obj["data"]["CLUSTER_ID"] = "MASKED"
    if obj.get("kind") == "CronJob":
        obj["spec"]["schedule"] = "MASKED"
    return obj


def objects(data):
    found = {}
    for doc in yaml.load_all(data, Loader=LOADER):
        if isinstance(doc, dict):
            meta = doc.get("metadata") or {}
            found[(doc.get("kind"), meta.get("name"), meta.get("namespace"))] = normalise(doc)
    return found


def check(binary, version_dir, form, oracle_name, args, edited):
    label = f"{os.path.basename(version_dir)}/{form} {' '.join(args)} vs {oracle_name}"
    data = open(os.path.join(version_dir, form), "rb").read()
    proc = subprocess.run([binary] + args, input=data, capture_output=True)
    if proc.returncode != 0:
        return [f"{label}: exit {proc.returncode}: {proc.stderr.decode().strip()}"]
    again = subprocess.run([binary] + args, input=proc.stdout, capture_output=True)
    failures = [] if again.stdout == proc.stdout else [f"{label}: a second run changes the output"]
    got = objects(proc.stdout)
    want = objects(open(os.path.join(version_dir, oracle_name), "rb").read())
    before = objects(data)
    for kind, name in edited:
        keys = [k for k in got if k[0] == kind and k[1] == name]
        if not keys or got[keys[0]] == before.get(keys[0]):
            failures.append(f"{label}: {kind} {name} was not edited")
    for key, obj in got.items():
        # Helm 4 re-serialises every document (kyaml), so only its edited
        # objects are held to the oracle; the others must be as they came in.
        reference = want if form == "helm3-input.yaml" or (key[0], key[1]) in edited else before
        if key not in reference:
            failures.append(f"{label}: {key} is not in the oracle")
        elif obj != reference[key]:
            failures.append(f"{label}: {key} differs:\n  got  {obj}\n  want {reference[key]}")
    return failures


def main():
    binary, charts, charts_v1 = sys.argv[1:4]
    for folder in (charts, charts_v1):
        if not os.path.isdir(folder):
            print(f"SKIP: {folder} not found (the real chart renders)")
            sys.exit(1 if os.environ.get("CI") == "true" else 77)
    cases = [(os.path.join(charts, "v0.10.3"), "values-loadbalancer-knobs.yaml", KNOBS, V0_EDITED),
             (os.path.join(charts, "v0.10.3"), "values-gateway-nlb.yaml", EKS, V0_EDITED[1:]),
             (os.path.join(charts_v1, "v1.2.0"), "values-gateway-eks.yaml", EKS, V1_EDITED)]
    for version in sorted(os.listdir(charts_v1)):
        if os.path.exists(os.path.join(charts_v1, version, "values-gateway-metallb.yaml")):
            cases.append((os.path.join(charts_v1, version), "values-gateway-metallb.yaml", METALLB, V1_EDITED))
    failures, count = [], 0
    for version_dir, oracle, args, edited in cases:
        for form in ("helm3-input.yaml", "helm4-input.yaml"):
            count += 1
            failures += check(binary, version_dir, form, oracle, args, edited)
    for f in failures:
        print("FAIL", f)
    print(f"{count - len(failures)} passed, {len(failures)} failed" if failures else f"{count} passed, 0 failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
