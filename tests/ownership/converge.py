#!/usr/bin/python3
"""The scenario owns the exposure: for every two cells X and Y of
tests/ownership/cells.py, on every chart version and both Helm inputs,
running Y over X's output gives exactly what Y gives over the chart render,
byte for byte (with the load-balancer cells, where Y gives every setting X
gave: see cells.py; after a cell with such settings, equal once parsed,
since annotations the filter adds come after those already there). A run over its own output changes nothing and warns of no
removal, and its Services break none of the API server's rules on
type-bound fields and node ports.

Where the render carries the chart's own auth Ingress
(values-auth-ingress.yaml and its no-TLS twin, v0.10.3), the outputs must be
equal once parsed: the filter rewrites the chart's Ingress where the chart put
it, while after a switch it adds its own beside the auth Service.

Usage: converge.py BINARY CHARTS_DIR [CHARTS_DIR...] (skips visibly when one
is absent, fails instead when CI=true)."""
import json
import os
import re
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from cells import CELLS, LB_CELLS, settings_of  # noqa: E402

ALL_CELLS = {**CELLS, **LB_CELLS}

INPUTS = ["helm3-input.yaml", "helm4-input.yaml"]
PARSED_EQUAL = ["values-auth-ingress.yaml", "values-auth-ingress-no-tls.yaml"]


def run(binary, args, data):
    p = subprocess.run([binary] + args, input=data, capture_output=True)
    if p.returncode != 0:
        raise RuntimeError(f"{' '.join(args)}: exit {p.returncode}: {p.stderr.decode()}")
    return p.stdout, p.stderr.decode()


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def split_docs(data):
    return [d for d in re.split(rb"(?m)^(?=---\r?$)", data) if d.strip()]


def same_objects(a, b):
    """Equal once parsed; documents equal to the byte are set aside first,
    so only the few that differ are parsed (a chart has hundreds)."""
    if a == b:
        return True
    left, right = split_docs(a), split_docs(b)
    common = set(left) & set(right)
    rest = [[d for d in docs if d not in common] for docs in (left, right)]
    # Keys sorted: a mapping's order is not part of the object.
    objects = [sorted(json.dumps(o, sort_keys=True, default=str) for d in docs
                      for o in yaml.load_all(d, Loader=LOADER) if o is not None)
               for docs in rest]
    return objects[0] == objects[1]


LB_ONLY = ["allocateLoadBalancerNodePorts", "loadBalancerClass", "loadBalancerIP", "loadBalancerSourceRanges"]


def node_port_range(args):
    if "--node-port-range" in args:
        low, high = args[args.index("--node-port-range") + 1].split("-")
        return int(low), int(high)
    return 30000, 32767


def api_rule_violations(out, args):
    """What the API server refuses (or ignores) on the Services of an
    output: load-balancer fields off LoadBalancer, healthCheckNodePort
    without LoadBalancer and policy Local, a traffic policy on ClusterIP, a
    node port outside the range or taken twice."""
    found, taken = [], {}
    low, high = node_port_range(args)
    for doc in split_docs(out):
        if not re.search(rb"(?m)^kind: *Service\r?$", doc):
            continue
        for svc in yaml.load_all(doc, Loader=LOADER):
            spec, name = svc.get("spec") or {}, svc["metadata"]["name"]
            kind = spec.get("type", "ClusterIP")
            found += [f"{name}: {k} on {kind}" for k in LB_ONLY if k in spec and kind != "LoadBalancer"]
            if "healthCheckNodePort" in spec and (kind != "LoadBalancer" or spec.get("externalTrafficPolicy") != "Local"):
                found.append(f"{name}: healthCheckNodePort on {kind}")
            if "externalTrafficPolicy" in spec and kind == "ClusterIP":
                found.append(f"{name}: externalTrafficPolicy on ClusterIP")
            for port in spec.get("ports") or []:
                n = port.get("nodePort")
                if n is not None and not low <= int(n) <= high:
                    found.append(f"{name}: node port {n} outside {low}-{high}")
                if n is not None and taken.setdefault(int(n), name) != name:
                    found.append(f"{name}: node port {n} also on {taken[int(n)]}")
    return found


def sweep(binary, render, compare, label):
    base, failures, pairs = {}, 0, 0
    for name, args in ALL_CELLS.items():
        out, _ = run(binary, args, render)
        again, warnings = run(binary, args, out)
        if again != out or "removed" in warnings or "replaced" in warnings:
            print(f"FAIL {label}: {name} is not stable on its own output: {warnings.strip()}")
            failures += 1
        for violation in api_rule_violations(out, args):
            print(f"FAIL {label}: {name}: the API server would refuse {violation}")
            failures += 1
        base[name] = out
    for x, x_args in ALL_CELLS.items():
        for y, y_args in ALL_CELLS.items():
            if x == y or not settings_of(x_args) <= settings_of(y_args):
                continue
            pairs += 1
            got, _ = run(binary, y_args, base[x])
            # Over an output that already carries annotations from flags, the
            # filter appends the override annotations a cell derives after
            # them, where a fresh run writes them first: the same objects,
            # keys in another order.
            same = same_objects if settings_of(x_args) else compare
            if not same(got, base[y]):
                failures += 1
                if failures <= 10:
                    print(f"FAIL {label}: {y} over {x} differs from {y} over the render")
    return failures, pairs


def main():
    binary, chart_dirs = sys.argv[1], sys.argv[2:]
    for charts in chart_dirs:
        if not os.path.isdir(charts):
            print(f"SKIP: {charts} not found (the real chart renders)")
            sys.exit(1 if os.environ.get("CI") == "true" else 77)
    failures = pairs = 0
    for folder in [os.path.join(c, v) for c in chart_dirs for v in sorted(os.listdir(c))]:
        version = os.path.basename(folder)
        if not os.path.isdir(folder):
            continue
        for name in INPUTS + PARSED_EQUAL:
            path = os.path.join(folder, name)
            if not os.path.exists(path):
                continue
            exact = name in INPUTS
            compare = (lambda a, b: a == b) if exact else same_objects
            f, n = sweep(binary, open(path, "rb").read(), compare, f"{version}/{name}")
            failures += f
            pairs += n
    print(f"{pairs - failures} passed, {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
