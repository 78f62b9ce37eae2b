#!/usr/bin/python3
"""Conformance of the provider presets with `liqoctl install <provider>`.

../shared/liqo-charts-v1/<version>/values-provider-<provider>.yaml is the
Liqo chart rendered with exactly the values liqoctl install <provider> of that
version hands to Helm; helm3-input-provider-base.yaml (eks:
helm3-input-provider-eks-base.yaml) is Helm 3's post-renderer input of the
same values less what the provider decides and less apiServer.address. For
every v1 version and every provider but openshift (which the program
refuses), this runs

    --profile cloud-to-cloud --provider P --api-server-address https://198.51.100.7:6443

(kind: no address, as liqoctl writes none) over the base input and checks,
reading YAML with python3-yaml and not with the C parser under test:

- every document the input holds comes out equal to the oracle's document of
  the same kind, name and namespace, parsed (a repeated key read as
  Kubernetes reads it, the last value winning); the telemetry CronJob's
  schedule, which follows the time of a render, is masked;
- the controller manager's document is byte for byte the oracle's;
- a second run changes nothing, and --check passes on the output and on
  the oracle itself (liqoctl's own install needs no change), except where
  the oracle writes a key twice, which --check names.

And the real duplicate-key case: v1.0.0's helm3-input-eks.yaml (what
liqoctl install eks of v1.0.0 hands to Helm, with aws-load-balancer-type
twice in one mapping) is accepted with a warning naming both lines, equals
the oracle parsed, and the template's annotations hold the key once.

Usage: run_providers.py BINARY CHARTS_V1_DIR
(skips visibly when the folder is absent, fails instead when CI=true).
"""
import os
import re
import subprocess
import sys

import yaml

PROVIDERS = ["generic", "kubeadm", "k3s", "kind", "eks", "aks", "gke"]
ADDRESS = "https://198.51.100.7:6443"
DUPLICATE = "service.beta.kubernetes.io/aws-load-balancer-type"


def args_for(provider):
    args = ["--profile", "cloud-to-cloud", "--provider", provider]
    return args if provider == "kind" else args + ["--api-server-address", ADDRESS]


def run(binary, args, data):
    return subprocess.run([binary] + args, input=data, capture_output=True)


def chunks(text):
    """The stream's documents as text, each with the lines it was written in."""
    return [c for c in re.split(r"(?m)^---[^\n]*\n", text) if c.strip()]


def identity(doc):
    meta = doc.get("metadata") or {}
    return (doc.get("kind"), meta.get("name"), meta.get("namespace"))


def masked(doc):
    if doc.get("kind") == "CronJob" and isinstance(doc.get("spec"), dict):
        doc["spec"]["schedule"] = "(masked)"
    return doc


def documents(text):
    """Parsed documents by identity, with their text."""
    found = {}
    for chunk in chunks(text):
        doc = yaml.safe_load(chunk)
        if isinstance(doc, dict):
            found.setdefault(identity(doc), []).append((masked(doc), chunk))
    return found


def is_controller_manager(doc):
    labels = (doc.get("metadata") or {}).get("labels") or {}
    return doc.get("kind") == "Deployment" and labels.get("app.kubernetes.io/name") == "controller-manager"


def compare(out_text, oracle_text, input_text, fail):
    out, oracle, given = documents(out_text), documents(oracle_text), documents(input_text)
    if set(out) != set(given):
        fail(f"the output's documents are not the input's: {sorted(map(str, set(out) ^ set(given)))[:3]}")
    for key, items in out.items():
        if key not in oracle:
            fail(f"{key}: not in the oracle")
            continue
        if len(items) != 1 or len(oracle[key]) != 1:
            fail(f"{key}: {len(items)} in the output, {len(oracle[key])} in the oracle")
            continue
        (doc, chunk), (want, want_chunk) = items[0], oracle[key][0]
        if doc != want:
            fail(f"{key}: differs from the oracle, parsed: {first_difference(doc, want)}")
        if is_controller_manager(doc) and chunk != want_chunk:
            fail(f"{key}: not byte for byte the oracle's: {first_line_difference(chunk, want_chunk)}")


def first_difference(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b), key=str):
            if a.get(k) != b.get(k):
                return first_difference(a.get(k), b.get(k), f"{path}.{k}")
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b)):
            if x != y:
                return first_difference(x, y, f"{path}[{i}]")
    return f"{path or '.'}: output {a!r:.200}, oracle {b!r:.200}"


def first_line_difference(a, b):
    for i, (x, y) in enumerate(zip(a.splitlines(), b.splitlines())):
        if x != y:
            return f"line {i + 1}: output {x.strip()!r}, oracle {y.strip()!r}"
    return f"{len(a.splitlines())} lines in the output, {len(b.splitlines())} in the oracle"


def check_provider(binary, vdir, provider, fail):
    base = "helm3-input-provider-eks-base.yaml" if provider == "eks" else "helm3-input-provider-base.yaml"
    data = open(os.path.join(vdir, base), "rb").read()
    oracle = open(os.path.join(vdir, f"values-provider-{provider}.yaml"), encoding="utf-8").read()
    args = args_for(provider)
    proc = run(binary, args, data)
    if proc.returncode != 0:
        return fail(f"exit {proc.returncode}: {proc.stderr.decode().strip()[:300]}")
    compare(proc.stdout.decode(), oracle, data.decode(), fail)
    check_idempotent(binary, args, proc.stdout, fail)
    own = run(binary, args + ["--check"], oracle.encode())
    repeated = gateway_template_chunk(oracle).count(DUPLICATE + ":") > 1
    if repeated and (own.returncode != 1 or DUPLICATE.encode() not in own.stderr):
        fail(f"--check on the oracle, which writes {DUPLICATE} twice: exit {own.returncode}")
    elif not repeated and own.returncode != 0:
        fail(f"--check on the oracle: exit {own.returncode}: {own.stderr.decode().strip()[:300]}")


def check_idempotent(binary, args, out, fail):
    again = run(binary, args, out)
    if again.returncode != 0 or again.stdout != out:
        fail(f"a second run changed the output (exit {again.returncode})")
    check = run(binary, args + ["--check"], out)
    if check.returncode != 0:
        fail(f"--check on the output: exit {check.returncode}: {check.stderr.decode().strip()[:300]}")


def gateway_template_chunk(text):
    for chunk in chunks(text):
        if re.search(r"(?m)^kind: WgGatewayServerTemplate$", chunk) and "name: wireguard-server\n" in chunk:
            return chunk
    return ""


def check_duplicate_key(binary, vdir, fail):
    """v1.0.0's own EKS render: the key twice in one mapping."""
    data = open(os.path.join(vdir, "helm3-input-eks.yaml"), "rb").read()
    oracle = open(os.path.join(vdir, "values-provider-eks.yaml"), encoding="utf-8").read()
    twice = gateway_template_chunk(data.decode()).count(DUPLICATE + ":")
    if twice != 2:
        return fail(f"the input's template holds {DUPLICATE} {twice} times, not twice: not the case to test")
    args = args_for("eks")
    proc = run(binary, args, data)
    if proc.returncode != 0:
        return fail(f"exit {proc.returncode}: {proc.stderr.decode().strip()[:300]}")
    lines = [i + 1 for i, line in enumerate(data.decode().splitlines()) if DUPLICATE + ":" in line]
    warning = re.search(rf"duplicate key '{re.escape(DUPLICATE)}' at line {lines[0]}:\d+ and line {lines[1]}:\d+",
                        proc.stderr.decode())
    if not warning:
        fail(f"no warning naming the key and lines {lines}: {proc.stderr.decode().strip()[:300]}")
    out = proc.stdout.decode()
    compare(out, oracle, data.decode(), fail)
    template = gateway_template_chunk(out)
    if template.count(DUPLICATE + ":") != 1:
        fail(f"the edited template holds {DUPLICATE} {template.count(DUPLICATE + ':')} times, not once")
    service = yaml.safe_load(template)["spec"]["template"]["spec"]["service"]
    annotations = (service.get("metadata") or {}).get("annotations") or {}
    if annotations.get(DUPLICATE) != "external":
        fail(f"{DUPLICATE} is {annotations.get(DUPLICATE)!r}, not external (what Kubernetes read)")
    check_idempotent(binary, args, proc.stdout, fail)


def versions_of(charts):
    return sorted((v for v in os.listdir(charts) if re.match(r"v1\.\d+\.\d+$", v)),
                  key=lambda v: [int(x) for x in v[1:].split(".")])


def main():
    binary, charts = sys.argv[1], sys.argv[2]
    if not os.path.isdir(charts):
        if os.environ.get("CI") == "true":
            print(f"FAIL: {charts} is absent and CI=true")
            return 1
        print(f"SKIP: {charts} is absent; the provider presets not checked against liqoctl's installs")
        return 77
    failures, runs = [], 0
    versions = versions_of(charts)
    for version in versions:
        vdir = os.path.join(charts, version)
        checks = [(p, lambda f, p=p: check_provider(binary, vdir, p, f)) for p in PROVIDERS]
        if os.path.exists(os.path.join(vdir, "helm3-input-eks.yaml")):
            checks.append(("eks duplicate key", lambda f: check_duplicate_key(binary, vdir, f)))
        for name, body in checks:
            label = f"{version} {name}"
            before = len(failures)
            body(lambda what, label=label: failures.append(f"{label}: {what}"))
            runs += 1
            print(f"{label}: {'ok' if len(failures) == before else 'FAIL'}")
    if not versions:
        failures.append(f"{charts}: no v1 version folder")
    if "v1.0.0" in versions and not os.path.exists(os.path.join(charts, "v1.0.0", "helm3-input-eks.yaml")):
        failures.append("v1.0.0: no helm3-input-eks.yaml, the duplicate-key case")
    for f in failures:
        print("FAIL", f)
    failed = len(set(f.split(":")[0] for f in failures))
    print(f"{runs - failed} passed, {failed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
