#!/usr/bin/python3
"""Checks what a Helm user gets from --explain-file and --record on the real
chart: the file holds the explanation with the peering plan (the liqoctl
commands), the output holds one ConfigMap liqo-scenario whose data says the
profile, cluster, Liqo version and flags, whose explanation is the file's and
whose report is JSON of the same run; the ConfigMap validates against the
OpenAPI schema (kubernetes-models, through ../ownership/schema.mjs), which is
first shown a ConfigMap it must refuse.
Usage: check_record.py OUTPUT EXPLAIN_FILE FLAGS NODE_PREFIX"""
import json
import os
import subprocess
import sys

import yaml

out_path, explain_path, flags, node_prefix = sys.argv[1:5]
HERE = os.path.dirname(os.path.abspath(__file__))
SCHEMA = os.path.join(HERE, "..", "ownership", "schema.mjs")
failures = []


def expect(ok, what):
    if not ok:
        failures.append(what)


def schema_check(obj):
    p = subprocess.run(["node", SCHEMA, node_prefix], input=json.dumps({"where": "record", "object": obj}) + "\n",
                       capture_output=True, text=True)
    return p.returncode, p.stdout + p.stderr


text = open(out_path, encoding="utf-8").read()
if "MANIFEST:" in text:
    text = text.split("HOOKS:", 1)[-1].replace("MANIFEST:", "").split("NOTES:")[0]
records = [d for d in yaml.safe_load_all(text) if isinstance(d, dict) and d.get("kind") == "ConfigMap"
           and (d.get("metadata") or {}).get("name") == "liqo-scenario"]
explanation = open(explain_path, encoding="utf-8").read()
expect("liqoctl peer --kubeconfig PEER_KUBECONFIG --remote-kubeconfig THIS_KUBECONFIG" in explanation,
       "the explain file holds the liqoctl command")
expect("  Peering plan:" in explanation, "the explain file holds the peering plan")
expect(len(records) == 1, f"one ConfigMap liqo-scenario, found {len(records)}")
if records:
    cm = records[0]
    data = cm.get("data") or {}
    expect(data.get("profile") == "on-prem-nat-to-cloud" and data.get("cluster") == "a", "profile and cluster")
    expect(data.get("liqo-version") == "v1.2.0", f"Liqo version: {data.get('liqo-version')}")
    expect(data.get("flags") == flags, f"flags: {data.get('flags')!r}")
    expect(explanation.startswith(data.get("explanation") or "-"), "the recorded explanation is the file's")
    try:
        report = json.loads(data.get("report") or "")
        expect(report.get("profile") == "on-prem-nat-to-cloud" and report.get("peering"), "the report of the run")
    except ValueError as e:
        failures.append(f"the recorded report is not JSON: {e}")
    code, said = schema_check(cm)
    expect(code == 0, f"the ConfigMap validates: {said.strip()}")
    bad = dict(cm, data={"explanation": ["not", "text"]})
    code, said = schema_check(bad)
    expect(code == 1 and "INVALID" in said, f"the schema checker refuses a ConfigMap whose data is a list: {said}")
for f in failures:
    print(f"FAIL record: {f}")
sys.exit(1 if failures else 0)
