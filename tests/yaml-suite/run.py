#!/usr/bin/python3
"""The filter over the whole YAML test suite (../shared/yaml-test-suite).

Each input is run twice:
- alone: an invalid one must be rejected (exit 3, one stderr line naming the
  document and line:column, nothing on stdout); a valid one holds no Liqo
  component, so it is rejected for that, cleanly, or passed through.
- after a small Liqo render and an explicit document end (`...`), so that the
  scenario has work to do: the run must succeed for a valid input with the
  suite's bytes at the end of the output exactly as they went in (or reject it
  cleanly), and reject an invalid one.
Never a crash, a hang, or output on failure. Usage: run.py BINARY SUITE_DIR"""
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ARGS = ["--profile", "on-prem-nat-to-cloud", "--cluster", "a", "--public-address", "203.0.113.10",
        "--auth-node-port", "32443", "--gateway-node-port", "31871"]
WHERE = re.compile(r"^liqo-scenario: <stdin>: document \d+: line \d+:\d+: \S")


def run(data):
    try:
        p = subprocess.run([sys.argv[1]] + ARGS, input=data, capture_output=True, timeout=10)
        return p.returncode, p.stdout, p.stderr.decode(errors="replace")
    except subprocess.TimeoutExpired:
        return None, b"", "timeout"


def one_clean_line(err):
    return err.count("\n") == 1 and err.startswith("liqo-scenario: ")


def main():
    suite = sys.argv[2]
    if not os.path.isdir(suite):
        if os.environ.get("CI") == "true":
            print(f"FAIL: {suite} is absent and CI=true")
            return 1
        print(f"SKIP: {suite} is absent; the YAML test suite was not run")
        return 77
    prefix = open(os.path.join(HERE, "../golden/inputs/helm3-v0.10.yaml"), "rb").read() + b"...\n"
    counts = {"invalid rejected": 0, "valid rejected (no Liqo components)": 0, "valid passed through": 0,
              "valid kept byte-identical after a Liqo render": 0, "valid rejected after a Liqo render": 0}
    failures = []
    cases = sorted(os.path.relpath(d, suite) for d, _, files in os.walk(suite) if "in.yaml" in files)
    for case in cases:
        folder = os.path.join(suite, case)
        data = open(os.path.join(folder, "in.yaml"), "rb").read()
        invalid = os.path.exists(os.path.join(folder, "error"))
        code, out, err = run(data)
        if code is None or code < 0 or code > 4:
            failures.append(f"{case}: alone: exit {code}: {err[:200]}")
            continue
        if invalid:
            if code == 3 and not out and WHERE.match(err) and one_clean_line(err):
                counts["invalid rejected"] += 1
            else:
                failures.append(f"{case}: invalid input not rejected cleanly: exit {code}, {len(out)} bytes out, {err[:200]!r}")
            code2, out2, err2 = run(prefix + data)
            if code2 != 3 or out2:
                failures.append(f"{case}: invalid input after a Liqo render: exit {code2}, {len(out2)} bytes out")
            continue
        if code == 3 and not out and one_clean_line(err):
            counts["valid rejected (no Liqo components)"] += 1
        elif code == 0 and out == data:
            counts["valid passed through"] += 1
        else:
            failures.append(f"{case}: valid input: exit {code}, {len(out)} bytes out, {err[:200]!r}")
        code2, out2, err2 = run(prefix + data)
        if code2 == 0 and out2.endswith(b"...\n" + data):
            counts["valid kept byte-identical after a Liqo render"] += 1
        elif code2 == 3 and not out2 and one_clean_line(err2):
            counts["valid rejected after a Liqo render"] += 1
            print(f"note {case}: rejected after a Liqo render: {err2.strip()[:160]}")
        else:
            failures.append(f"{case}: after a Liqo render: exit {code2}, {err2[:200]!r}")
    for f in failures:
        print("FAIL", f)
    for k, v in counts.items():
        print(f"{k}: {v}")
    print(f"{len(cases)} inputs, {sum(1 for c in cases if os.path.exists(os.path.join(suite, c, 'error')))} invalid")
    print(f"{len(cases) - len({f.split(':')[0] for f in failures})} passed, {len({f.split(':')[0] for f in failures})} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
