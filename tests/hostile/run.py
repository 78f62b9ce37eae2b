#!/usr/bin/python3
"""Runs the hostile-input corpus of cases.py against the binary.
Usage: run.py BINARY"""
import os
import re
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cases import CASES  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))


def build_input(spec):
    if "text" in spec:
        return spec["text"].encode()
    if "bytes" in spec:
        return spec["bytes"]
    data = open(os.path.join(HERE, spec["base"]), encoding="utf-8").read()
    for old, new in spec.get("replace", []):
        assert old in data, f"fixture lacks {old!r}"
        data = data.replace(old, new)
    if "append_part" in spec:
        start, end = spec["append_part"]
        data += data[data.index(start) - 4:data.index(end)].replace("name: liqo-", "name: extra-liqo-")
    if "cut_after" in spec:
        data = data[:data.index(spec["cut_after"]) + len(spec["cut_after"])]
    if spec.get("crlf"):
        data = data.replace("\n", "\r\n")
    if spec.get("strip_final_newline"):
        data = data.rstrip("\n")
    data = spec.get("prefix_text", "") + data
    return spec.get("prefix", b"") + data.encode()


def check(name, spec, args, want_code, pattern, output_checks, binary):
    data = build_input(spec)
    started = time.monotonic()
    try:
        proc = subprocess.run([binary] + args, input=data, capture_output=True, timeout=20, cwd=HERE)
    except subprocess.TimeoutExpired:
        return ["timed out"]
    seconds = time.monotonic() - started
    problems = []
    err = proc.stderr.decode(errors="replace")
    if proc.returncode != want_code:
        problems.append(f"exit {proc.returncode}, wanted {want_code}: {err.strip()[:300]}")
    if want_code != 0:
        if proc.stdout:
            problems.append(f"{len(proc.stdout)} bytes on stdout on failure")
        lines = err.strip().split("\n")
        if len(lines) != 1 or not lines[0].startswith("liqo-scenario: "):
            problems.append(f"not one 'liqo-scenario: ' line on stderr: {err!r:.300}")
        if pattern and not re.search(pattern, err):
            problems.append(f"stderr {err.strip()!r:.300} does not match {pattern!r}")
    checks = output_checks or {}
    for needle in checks.get("contains", []):
        if needle not in proc.stdout:
            problems.append(f"output lacks {needle[:60]!r}")
    if "startswith" in checks and not proc.stdout.startswith(checks["startswith"]):
        problems.append(f"output does not start with {checks['startswith']!r}")
    if checks.get("no_bare_lf") and re.search(rb"(?<!\r)\n", proc.stdout):
        problems.append("output has a line ending that is not CRLF")
    if seconds > checks.get("max_seconds", 10):
        problems.append(f"took {seconds:.2f}s")
    return problems


def main():
    binary = os.path.abspath(sys.argv[1])
    passed = failed = 0
    for case in CASES:
        name, spec, args, code, pattern = case[:5]
        problems = check(name, spec, args, code, pattern, case[5] if len(case) > 5 else None, binary)
        if problems:
            failed += 1
            print(f"FAIL {name}: " + "; ".join(problems))
        else:
            passed += 1
    rejected = sum(1 for c in CASES if c[3] != 0)
    print(f"hostile corpus: {len(CASES)} cases, {rejected} to reject, {len(CASES) - rejected} to survive")
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
