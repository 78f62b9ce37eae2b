#!/usr/bin/python3
"""Compares a render post-processed by liqo-scenario with the Liqo chart's
own render of the same scenario, both with nameOverride set: once parsed,
every object of the output must equal the chart's (the random CLUSTER_ID,
the telemetry job's schedule and the Kubernetes version Helm was told are
masked; container arguments compare as a multiset, since the chart and the
filter add them in different places). Objects of the chart's render that the
output lacks may only be hooks, which Helm sends to no post-renderer.
Usage: name_override.py OUTPUT ORACLE; prints one line per difference and
exits 1 if there is any."""
import sys

import yaml


def masked(doc):
    if doc.get("kind") == "ConfigMap" and "CLUSTER_ID" in (doc.get("data") or {}):
        doc["data"]["CLUSTER_ID"] = "masked"
    if doc.get("kind") == "CronJob":
        doc["spec"]["schedule"] = "masked"
    pod = doc.get("spec", {}).get("template", {}).get("spec") if isinstance(doc.get("spec"), dict) else None
    if doc.get("kind") == "CronJob":
        pod = doc["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    for c in (pod or {}).get("containers") or []:
        c["args"] = sorted(a for a in c.get("args") or [] if not str(a).startswith("--kubernetes-version="))
    return doc


def documents(path):
    docs = {}
    for d in yaml.safe_load_all(open(path, encoding="utf-8")):
        if isinstance(d, dict):
            meta = d.get("metadata") or {}
            docs[(d.get("kind"), meta.get("namespace"), meta.get("name"))] = masked(d)
    return docs


def main():
    out, oracle = documents(sys.argv[1]), documents(sys.argv[2])
    problems = []
    for key, doc in out.items():
        if key not in oracle:
            problems.append(f"{key}: not in the chart's render")
        elif doc != oracle[key]:
            problems.append(f"{key}: differs from the chart's render:\n  output {doc}\n  chart  {oracle[key]}")
    for key, doc in oracle.items():
        hook = "helm.sh/hook" in ((doc.get("metadata") or {}).get("annotations") or {})
        if key not in out and not hook:
            problems.append(f"{key}: in the chart's render, not in the output")
    if not any(k[0] == "Deployment" and k[2] == "foo-controller-manager" for k in out):
        problems.append("no foo-controller-manager Deployment: not a nameOverride=foo render")
    for p in problems:
        print(p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
