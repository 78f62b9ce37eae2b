#!/usr/bin/python3
"""Conformance of liqo-scenario with the Liqo v1 chart's own renders.

Liqo v1 has no auth server and no gateway Service in its render: the only
value the scenarios write is the API server address, as the controller
manager's --api-server-address-override argument (chart value
apiServer.address). For every v1 chart version and both post-renderer input
forms (Helm 3, Helm 4) this checks, reading YAML with python3-yaml and not
with the C parser under test:

- the controller manager's arguments equal the oracle render's
  (values-apiserver-public-ip, values-nat) in order, and on the Helm 3
  input its whole document is the oracle's byte for byte: the override is
  written where the chart writes it;
- every other line of the input comes out unchanged (the only difference is
  the override line);
- cloud-to-cloud without an API server address leaves the input
  byte-identical;
- a second run changes nothing; --check passes on the output and on the
  oracle itself, and fails on a stale override;
- the auth flags of a v0 configuration only warn.

Usage: run_v1.py BINARY CHARTS_V1_DIR   (skips visibly when the folder is
absent, fails instead when CI=true)."""
import difflib
import os
import re
import subprocess
import sys

import yaml

OVERRIDE = "--api-server-address-override"
NAT = ["--profile", "on-prem-nat-to-cloud", "--cluster", "a", "--public-address", "203.0.113.10",
       "--auth-node-port", "32443", "--auth-public-port", "8443",
       "--gateway-node-port", "31871", "--gateway-public-port", "51820"]
PUBLIC_IP = ["--profile", "on-prem-to-cloud", "--cluster", "a", "--api-server", "public-ip",
             "--api-server-address", "https://198.51.100.7:6443"]
CASES = {"values-nat.yaml": NAT, "values-apiserver-public-ip.yaml": PUBLIC_IP}
CLOUD = ["--profile", "cloud-to-cloud"]


def run(binary, args, data):
    return subprocess.run([binary] + args, input=data, capture_output=True)


def controller_manager_args(text):
    for doc in yaml.safe_load_all(text):
        if not isinstance(doc, dict) or doc.get("kind") != "Deployment":
            continue
        labels = (doc.get("metadata") or {}).get("labels") or {}
        if labels.get("app.kubernetes.io/name") != "controller-manager":
            continue
        for c in doc["spec"]["template"]["spec"]["containers"]:
            if c.get("name") == "controller-manager":
                return list(c.get("args") or [])
    return None


def controller_manager_document(text):
    """The controller manager Deployment's text, as the render wrote it."""
    for doc in re.split(r"(?m)^---\n", text):
        if re.search(r"(?m)^kind: Deployment$", doc) and "liqo-controller-manager-deployment.yaml" in doc:
            return doc
    return None


def foreign_line_changes(before, after):
    """Lines added, removed or replaced that are not an override argument."""
    a, b = before.splitlines(keepends=True), after.splitlines(keepends=True)
    bad = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        for line in a[i1:i2] + b[j1:j2]:
            if not re.match(r"^\s*- " + re.escape(OVERRIDE) + "=", line):
                bad.append(line.rstrip("\n"))
    return bad


def check_case(binary, vdir, form, case, args, fail):
    inp = open(os.path.join(vdir, form), "rb").read()
    oracle_text = open(os.path.join(vdir, case), encoding="utf-8").read()
    proc = run(binary, args, inp)
    if proc.returncode != 0:
        return fail(f"exit {proc.returncode}: {proc.stderr.decode().strip()}")
    out = proc.stdout
    want, got = controller_manager_args(oracle_text), controller_manager_args(out.decode())
    if want is None or got != want:
        fail(f"controller-manager args: oracle {want!r}, output {got!r}")
    if form.startswith("helm3"):
        want_doc = controller_manager_document(oracle_text)
        got_doc = controller_manager_document(out.decode())
        if want_doc is None or got_doc != want_doc:
            diff = list(difflib.unified_diff((want_doc or "").splitlines(), (got_doc or "").splitlines(),
                                             "oracle", "output", lineterm="", n=1))
            fail(f"controller-manager document differs from the oracle's: {diff[:8]!r}")
    extra = foreign_line_changes(inp.decode(), out.decode())
    if extra:
        fail(f"lines other than the override changed: {extra[:3]!r}")
    if run(binary, args, out).stdout != out:
        fail("a second run changed the output")
    check = run(binary, args + ["--check"], out)
    if check.returncode != 0 or check.stdout:
        fail(f"--check on the output: exit {check.returncode}: {check.stderr.decode().strip()}")
    own = run(binary, args + ["--check"], oracle_text.encode())
    if own.returncode != 0:
        fail(f"--check on the oracle: exit {own.returncode}: {own.stderr.decode().strip()}")
    if args is NAT and b"has no effect: Liqo v1 has no auth server" not in proc.stderr:
        fail(f"auth flags did not warn: {proc.stderr.decode().strip()}")
    for other, label in ((CLOUD, "cloud-to-cloud"), (PUBLIC_IP if args is NAT else NAT, "another address")):
        stale = run(binary, other + ["--check"], out)
        if stale.returncode != 1 or OVERRIDE.encode() not in stale.stderr:
            fail(f"--check {label} on a stale override: exit {stale.returncode}: {stale.stderr.decode().strip()}")


def check_untouched(binary, vdir, form, fail):
    inp = open(os.path.join(vdir, form), "rb").read()
    proc = run(binary, CLOUD, inp)
    if proc.returncode != 0 or proc.stdout != inp:
        fail(f"cloud-to-cloud without an address changed the input (exit {proc.returncode})")
    if b"no --api-server-address is given" not in proc.stderr:
        fail("cloud-to-cloud without an address gave no warning about the control-plane fallback")


def main():
    binary, charts = sys.argv[1], sys.argv[2]
    if not os.path.isdir(charts):
        if os.environ.get("CI") == "true":
            print(f"FAIL: {charts} is absent and CI=true")
            return 1
        print(f"SKIP: {charts} is absent; conformance with the Liqo v1 charts not checked")
        return 77
    failures, runs = [], 0
    versions = sorted((v for v in os.listdir(charts) if re.match(r"v1\.\d+\.\d+$", v)),
                      key=lambda v: [int(x) for x in v[1:].split(".")])
    for version in versions:
        vdir = os.path.join(charts, version)
        print(version)
        for form in ("helm3-input.yaml", "helm4-input.yaml"):
            checks = [(case, lambda f, c=case, a=args: check_case(binary, vdir, form, c, a, f))
                      for case, args in CASES.items()]
            checks.append(("cloud-to-cloud", lambda f: check_untouched(binary, vdir, form, f)))
            for name, body in checks:
                label = f"{version} {form} {name}"
                before = len(failures)
                body(lambda what, label=label: failures.append(f"{label}: {what}"))
                runs += 1
                print(f"  {form.split('-')[0]} {name}: {'ok' if len(failures) == before else 'FAIL'}")
    if not versions:
        failures.append(f"{charts}: no v1 version folder")
    for f in failures:
        print("FAIL", f)
    failed = len(set(f.split(":")[0] for f in failures))
    print(f"{runs - failed} passed, {failed} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
