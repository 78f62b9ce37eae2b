#!/usr/bin/python3
"""Every case of shapes.py through the filter: exit 0, the output means what
the input meant plus the scenario's additions (read back with PyYAML, a YAML
1.1 reader as Kubernetes' is), and a second run changes nothing.
Usage: run.py BINARY"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from shapes import cases, objects  # noqa: E402


def main():
    binary = sys.argv[1]
    failures, runs = [], 0
    for name, text, args, check in cases():
        runs += 1
        data = text.encode()
        p = subprocess.run([binary] + args, input=data, capture_output=True)
        if p.returncode != 0:
            failures.append(f"{name}: exit {p.returncode}: {p.stderr.decode()[:200]}")
            continue
        try:
            problem = check(objects(p.stdout), p.stdout)
        except Exception as e:  # the output is not YAML, or lost an object
            problem = f"{type(e).__name__}: {e}"
        if problem:
            failures.append(f"{name}: {problem}")
            continue
        again = subprocess.run([binary] + args, input=p.stdout, capture_output=True)
        if again.returncode != 0 or again.stdout != p.stdout:
            failures.append(f"{name}: a second run changes the output")
    for f in failures[:40]:
        print("FAIL", f)
    print(f"{runs - len(failures)} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
