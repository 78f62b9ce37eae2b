#!/usr/bin/env python3
"""Every golden case's --report, checked against doc/report.schema.json with
a real JSON Schema validator (Debian's python3-jsonschema), and the rules of
when a report is written:

- each case runs with --report FILE added; a run that exits 0 or 1 (a
  failing --check) writes a report that is valid and agrees with the run (its
  check flag, its differences counted as --check counts them); a run that
  fails (2, 3, 4) writes none and leaves an older report where it was;
- each case that succeeds runs once more under --check: its differences are
  the changes the run made, as many as --check lists;
- every change is filed under the component it changes (component_of);
- --report - puts the report alone on standard output under --check, and is
  refused without it, as is one file for --report and -o;
- a report that cannot be written fails the run with exit 4 before any
  manifest is written.

Usage: validate.py BINARY SCHEMA GOLDEN_DIR
"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

try:
    import jsonschema
except ImportError:
    if os.environ.get("CI") == "true":
        print("FAIL: python3-jsonschema is not installed (scripts/setup.sh installs it)")
        sys.exit(1)
    print("SKIP: python3-jsonschema is not installed (scripts/setup.sh installs it)")
    sys.exit(77)

binary, schema_path, golden = (os.path.abspath(a) for a in sys.argv[1:4])
with open(schema_path) as f:
    schema = json.load(f)
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema)
failures = []
passed = 0


def fail(case, message):
    failures.append(f"{case}: {message}")


def run(args, stdin_path, cwd):
    with open(stdin_path, "rb") as stdin:
        return subprocess.run([binary] + args, stdin=stdin, cwd=cwd, capture_output=True)


def valid(case, text):
    try:
        report = json.loads(text)
    except ValueError as e:
        fail(case, f"not JSON: {e}")
        return None
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.absolute_path))
    for e in errors[:3]:
        fail(case, f"schema: {'/'.join(map(str, e.absolute_path))}: {e.message[:300]}")
    return None if errors else report


def service_labels(input_path, document):
    """The labels of the input's document (1-based), or None where the input
    does not parse as YAML (hostile cases)."""
    try:
        with open(input_path) as f:
            docs = list(yaml.safe_load_all(f))
        doc = docs[document - 1]
        return ((doc or {}).get("metadata") or {}).get("labels") or {}
    except Exception:
        return None


def component_of(change, input_path=None):
    """The component whose cell a change serves, read from what it changed:
    the API server's address arguments and Ingress, the auth server's
    override arguments, Service and Ingress, the gateway's Service and server
    template. None where the change names none of them. A Service is known
    by the labels the chart gives it, where the input can be read, else by
    its name."""
    kind, _, name = change["object"].partition(" ")
    values = " ".join(v or "" for v in (change["found"], change["wanted"]))
    if kind == "WgGatewayServerTemplate":
        return "network-gateway"
    if kind == "Deployment":
        if "--api-server-address-override=" in values or "--advertise-api-server-address=" in values:
            return "api-server"
        if "--auth-service-" in values:
            return "auth-server"
        return None
    if kind == "Ingress":
        return "api-server" if name.endswith("-api-server") else "auth-server"
    labels = service_labels(input_path, change["document"]) if kind == "Service" and input_path else None
    if labels:
        if labels.get("net.liqo.io/gateway") == "true":
            return "network-gateway"
        if labels.get("run") == "auth-service":
            return "auth-server"
    if kind == "Service":
        return "network-gateway" if "gateway" in name else "auth-server" if "auth" in name else None
    return None


def check_components(case, report, input_path=None):
    for comp in report["components"]:
        for change in comp["changes"]:
            owner = component_of(change, input_path)
            if owner != comp["component"]:
                fail(case, f"{change['object']} {change['field']} is filed under {comp['component']}, "
                           f"it changes the {owner or 'no component'}")
    for change in report["other_changes"]:
        owner = component_of(change, input_path)
        if owner:
            fail(case, f"{change['object']} {change['field']} is filed under no component, it changes the {owner}")


def expected_code(case_dir):
    path = os.path.join(case_dir, "expected-error")
    if not os.path.exists(path):
        return 0
    with open(path) as f:
        return int(f.readline())


def check_case(case, case_dir, workdir, args=None, want=None):
    if args is None:
        with open(os.path.join(case_dir, "args")) as f:
            args = f.read().splitlines()
    report_path = os.path.join(workdir, "report.json")
    # An older report, to see that a failed run leaves it alone.
    with open(report_path, "w") as f:
        f.write("older\n")
    # --report first: a case's own options, given after it, win.
    result = run(["--report", report_path] + args, os.path.join(case_dir, "input.yaml"), case_dir)
    want = expected_code(case_dir) if want is None else want
    if result.returncode != want:
        return fail(case, f"exit {result.returncode} with --report, {want} wanted")
    with open(report_path) as f:
        text = f.read()
    if "--list-profiles" in args:  # no scenario runs, so there is nothing to report
        if text != "older\n":
            fail(case, "--list-profiles wrote a report")
        return None
    if want >= 2:
        if text != "older\n":
            fail(case, f"exit {want} replaced the report")
        return None
    report = valid(case, text)
    if report is None:
        return False
    check_components(case, report, os.path.join(case_dir, "input.yaml"))
    if report["check"] != ("--check" in args):
        fail(case, "check flag disagrees with the arguments")
    lines = [l for l in result.stderr.decode().splitlines() if re.match(r"(new )?document( \d+,|:) ", l)]
    if report["check"] and len(report["differences"]) != len(lines):
        fail(case, f"{len(report['differences'])} differences in the report, {len(lines)} listed by --check")
    changes = [c for comp in report["components"] for c in comp["changes"]] + report["other_changes"]
    if report["check"] and sorted(map(json.dumps, changes)) != sorted(map(json.dumps, report["differences"])):
        fail(case, "the components' changes are not the differences")
    if not report["check"]:
        checked = check_case(case + " under --check", case_dir, workdir, args + ["--check"], 1 if changes else 0)
        if checked is not None and sorted(map(json.dumps, checked["differences"])) != sorted(map(json.dumps, changes)):
            fail(case, "the differences under --check are not the changes made")
    return report


def check_stdout_rules(workdir):
    case_dir = os.path.join(golden, "check-stale-overrides")
    with open(os.path.join(case_dir, "args")) as f:
        args = f.read().splitlines()
    stdin = os.path.join(case_dir, "input.yaml")
    result = run(args + ["--report", "-"], stdin, case_dir)
    if result.returncode != 1 or valid("--check --report -", result.stdout.decode()) is None:
        fail("--check --report -", f"exit {result.returncode}; stdout must be the report alone")
    no_check = [a for a in args if a != "--check"]
    result = run(no_check + ["--report", "-"], stdin, case_dir)
    if result.returncode != 2 or result.stdout:
        fail("--report - without --check", f"exit {result.returncode}, wanted 2 and nothing on stdout")
    same = os.path.join(workdir, "same.yaml")
    result = run(no_check + ["--report", same, "-o", same], stdin, case_dir)
    if result.returncode != 2 or os.path.exists(same):
        fail("--report FILE -o FILE", f"exit {result.returncode}, wanted 2 and nothing written")
    output = os.path.join(workdir, "kept.yaml")
    with open(output, "w") as f:
        f.write("kept\n")
    missing = os.path.join(workdir, "no-such-folder", "report.json")
    result = run(no_check + ["--report", missing, "-o", output], stdin, case_dir)
    with open(output) as f:
        kept = f.read() == "kept\n"
    if result.returncode != 4 or result.stdout or not kept or b"--report" not in result.stderr:
        fail("--report to a missing folder", f"exit {result.returncode}, wanted 4 naming --report, -o's file kept")
    result = run(no_check + ["--report", missing], stdin, case_dir)
    if result.returncode != 4 or result.stdout:
        fail("--report to a missing folder", f"exit {result.returncode}, wanted 4 and nothing on stdout")


with tempfile.TemporaryDirectory() as workdir:
    cases = sorted(d for d in os.listdir(golden) if os.path.exists(os.path.join(golden, d, "args")))
    for case in cases:
        before = len(failures)
        check_case(case, os.path.join(golden, case), workdir)
        passed += len(failures) == before
    before = len(failures)
    check_stdout_rules(workdir)
    passed += len(failures) == before

for line in failures:
    print("FAIL", line)
print(f"{passed} passed, {len(failures)} failed ({len(cases)} golden cases and the --report - rules)")
sys.exit(1 if failures else 0)
