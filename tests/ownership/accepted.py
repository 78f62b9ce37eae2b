#!/usr/bin/python3
"""Every output is one Kubernetes accepts: every cell of cells.py (the plain
cells and those with load-balancer settings) over every
chart version and both Helm inputs (and the v0.10.3 renders that carry
load-balancer settings, the chart's own auth Ingress or no gateway), each
Service, Deployment and Ingress (and the ConfigMap of --record) checked twice:

- against the OpenAPI schema, with the npm package kubernetes-models
  (schema.mjs);
- against the API server's own validation rules that the schema cannot
  express (rules() below): the fields a Service takes only on some types, node
  ports inside the range and unique across the whole output, whatever the
  protocol, and no IP address as an Ingress host.

Both checkers are first shown objects they must refuse, so this test cannot
pass with a checker that accepts everything.

The outputs of the generated YAML shapes (tests/shapes/shapes.py) are
checked the same way.

Usage: accepted.py BINARY CHARTS_DIR CHARTS_V1_DIR NODE_PREFIX (skips visibly when the
charts or the npm package are missing, fails instead when CI=true)."""
import ipaddress
import json
import os
import subprocess
import sys

import yaml

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../shapes"))
from cells import CELLS, LB_CELLS  # noqa: E402
from shapes import cases as shape_cases  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
INPUTS = ["helm3-input.yaml", "helm4-input.yaml"]
EXTRA = ["values-loadbalancer-knobs.yaml", "values-auth-ingress.yaml", "values-auth-ingress-no-tls.yaml",
         "values-auth-no-tls.yaml", "values-no-gateway.yaml", "values-gateway-nlb.yaml", "values-nat.yaml"]
DEFAULT_NODE_PORTS = range(30000, 32768)


def node_port_range(args):
    """The range the cell's --node-port-range stands for, or Kubernetes' default."""
    if "--node-port-range" not in args:
        return DEFAULT_NODE_PORTS
    low, high = args[args.index("--node-port-range") + 1].split("-")
    return range(int(low), int(high) + 1)
LB_ONLY = ["allocateLoadBalancerNodePorts", "loadBalancerClass", "loadBalancerIP", "loadBalancerSourceRanges"]


def service_rules(where, svc, taken, node_ports):
    spec = svc.get("spec") or {}
    kind = spec.get("type", "ClusterIP")
    name = (svc.get("metadata") or {}).get("name")
    problems = [f"{where}: Service {name}: {f} on a {kind} Service" for f in LB_ONLY
                if f in spec and kind != "LoadBalancer"]
    if "externalTrafficPolicy" in spec and kind == "ClusterIP":
        problems.append(f"{where}: Service {name}: externalTrafficPolicy on a ClusterIP Service")
    if "healthCheckNodePort" in spec and not (kind == "LoadBalancer" and spec.get("externalTrafficPolicy") == "Local"):
        problems.append(f"{where}: Service {name}: healthCheckNodePort without LoadBalancer and Local policy")
    for port in spec.get("ports") or []:
        node_port = port.get("nodePort")
        if node_port is None:
            continue
        if kind == "ClusterIP":
            problems.append(f"{where}: Service {name}: nodePort {node_port} on a ClusterIP Service")
        if node_port not in node_ports:
            problems.append(f"{where}: Service {name}: nodePort {node_port} outside {node_ports.start}-{node_ports.stop - 1}")
        if node_port in taken:
            problems.append(f"{where}: Service {name}: nodePort {node_port} already taken by {taken[node_port]}")
        taken[node_port] = name
    return problems


def ingress_rules(where, ing):
    name = (ing.get("metadata") or {}).get("name")
    problems = []
    for rule in (ing.get("spec") or {}).get("rules") or []:
        try:
            ipaddress.ip_address(rule.get("host", ""))
            problems.append(f"{where}: Ingress {name}: host {rule['host']} is an IP address")
        except ValueError:
            pass
    return problems


def rules(where, objects, node_ports=DEFAULT_NODE_PORTS):
    problems, taken = [], {}
    for obj in objects:
        if obj.get("kind") == "Service":
            problems += service_rules(where, obj, taken, node_ports)
        elif obj.get("kind") == "Ingress":
            problems += ingress_rules(where, obj)
    return problems


# Objects each checker must refuse: a NodePort Service that only a load
# balancer may carry fields of, a Service whose ports are not a list, and an IP
# address as an Ingress host.
BAD_SERVICE = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "bad"},
               "spec": {"type": "NodePort", "allocateLoadBalancerNodePorts": True, "ports": [{"port": 1, "nodePort": 99999}]}}
BAD_SCHEMA = {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "bad"}, "spec": {"ports": "x"}}
BAD_INGRESS = {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": "bad"},
               "spec": {"rules": [{"host": "192.168.1.10"}]}}


def self_test(node_prefix):
    found = rules("self-test", [BAD_SERVICE, dict(BAD_SERVICE, metadata={"name": "twin"}), BAD_INGRESS])
    if len(found) < 4:
        sys.exit(f"FAIL the rule checker missed known-bad objects: {found}")
    p = subprocess.run(["node", os.path.join(HERE, "schema.mjs"), node_prefix], capture_output=True, text=True,
                       input=json.dumps({"where": "self-test", "object": BAD_SCHEMA}) + "\n")
    if p.returncode != 1 or "INVALID" not in p.stdout:
        sys.exit(f"FAIL the schema checker accepted a Service whose ports are a string: {p.stdout}{p.stderr}")


def outputs(binary, chart_dirs):
    for charts, version in [(c, v) for c in chart_dirs for v in sorted(os.listdir(c))]:
        for name in INPUTS + EXTRA:
            path = os.path.join(charts, version, name)
            if not os.path.exists(path):
                continue
            data = open(path, "rb").read()
            for cell, args in {**CELLS, **LB_CELLS}.items():
                p = subprocess.run([binary] + args, input=data, capture_output=True)
                if p.returncode != 0:
                    sys.exit(f"FAIL {version}/{name} {cell}: exit {p.returncode}: {p.stderr.decode()}")
                yield f"{version}/{name} {cell}", args, p.stdout


def shape_outputs(binary):
    """The YAML shapes of tests/shapes (block scalars, explicit keys, flow
    mappings with comments, merge keys, integer spellings) where they succeed."""
    for name, text, args, _ in shape_cases():
        p = subprocess.run([binary] + args, input=text.encode(), capture_output=True)
        if p.returncode != 0:
            sys.exit(f"FAIL shape {name}: exit {p.returncode}: {p.stderr.decode()}")
        yield f"shape {name}", args, p.stdout


def main():
    binary, charts, charts_v1, node_prefix = sys.argv[1:5]
    ci = os.environ.get("CI") == "true"
    missing = [what for what, ok in [(charts, os.path.isdir(charts)), (charts_v1, os.path.isdir(charts_v1)),
                                     ("kubernetes-models (scripts/setup.sh installs it)",
                                      os.path.isdir(os.path.join(node_prefix, "node_modules", "kubernetes-models")))]
               if not ok]
    if missing:
        print(f"SKIP: missing {', '.join(missing)}")
        sys.exit(1 if ci else 77)
    self_test(node_prefix)
    problems, lines, runs = [], [], 0
    for where, args, out in list(outputs(binary, [charts, charts_v1])) + list(shape_outputs(binary)):
        runs += 1
        objects = [o for o in yaml.load_all(out, Loader=LOADER) if isinstance(o, dict)]
        problems += rules(where, objects, node_port_range(args))
        lines += [json.dumps({"where": where, "object": o}, default=str) for o in objects
                  if o.get("kind") in ("Service", "Deployment", "Ingress")
                  or (o.get("kind") == "ConfigMap" and (o.get("metadata") or {}).get("name") == "liqo-scenario")]
        if "--record" in args and not any(o.get("kind") == "ConfigMap" and (o.get("metadata") or {}).get("name")
                                          == "liqo-scenario" for o in objects):
            problems.append(f"{where}: --record wrote no ConfigMap liqo-scenario")
    p = subprocess.run(["node", os.path.join(HERE, "schema.mjs"), node_prefix], input="\n".join(lines) + "\n",
                       capture_output=True, text=True)
    print("\n".join(problems[:20]))
    print(p.stdout[-3000:], p.stderr[-2000:])
    failed = len(problems) + (p.returncode != 0)
    print(f"{runs - failed if failed < runs else 0} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
