#!/usr/bin/python3
"""Runs the tools alternately over each input, several rounds, and reports
median wall time and peak memory (runone: fork, exec, wait4), ratios and whether
the performance goals hold; writes results/results.csv, results/results.md
and results/time-vs-size.png. Usage: measure.py TOOLS_JSON INPUTS_JSON OUTDIR"""
import json
import os
import statistics
import subprocess
import sys
import time

tools = json.load(open(sys.argv[1]))      # name -> {"argv": [...], "inputs": [names] or null}
inputs = json.load(open(sys.argv[2]))     # [{"name", "path", "mib", "rounds"}]
outdir = sys.argv[3]
os.makedirs(outdir, exist_ok=True)


RUNONE = os.environ.get("RUNONE", "runone")


def run_once(argv, path):
    p = subprocess.run([RUNONE, path] + argv, capture_output=True, text=True)
    if p.returncode != 0:
        raise SystemExit(f"{argv[0]} failed on {path}")
    ms, rss_kib = p.stdout.split()
    return float(ms), int(rss_kib) / 1024.0


results = {}
for inp in inputs:
    names = [n for n, t in tools.items() if t.get("inputs") is None or inp["name"] in t["inputs"]]
    samples = {n: [] for n in names}
    for n in names:  # warm-up
        run_once(tools[n]["argv"], inp["path"])
    # The order rotates round by round: whichever tool runs right after
    # kustomize (a large Go process) meets cold caches, and that must not
    # always be the same tool.
    for r in range(inp["rounds"]):
        k = r % len(names)
        for n in names[k:] + names[:k]:
            samples[n].append(run_once(tools[n]["argv"], inp["path"]))
    for n in names:
        results[(inp["name"], n)] = (statistics.median(s[0] for s in samples[n]),
                                     max(s[1] for s in samples[n]), inp["mib"], inp["rounds"])

with open(os.path.join(outdir, "results.csv"), "w") as f:
    f.write("input,tool,median_ms,peak_rss_mib,input_mib,rounds\n")
    for (i, n), (ms, rss, mib, rounds) in results.items():
        f.write(f"{i},{n},{ms:.3f},{rss:.1f},{mib:.3f},{rounds}\n")


def get(i, n):
    return results.get((i, n))


lines = ["| input | tool | median ms | peak RSS MiB | rounds |", "| --- | --- | ---: | ---: | ---: |"]
for (i, n), (ms, rss, mib, rounds) in results.items():
    lines.append(f"| {i} | {n} | {ms:.2f} | {rss:.1f} | {rounds} |")
goals = []


def goal(text, ok, figure):
    goals.append(f"- {'PASS' if ok else 'FAIL'}: {text} ({figure})")


chart, parse, liqo = get("chart", "parse-only"), get("chart", "parse-only"), get("chart", "liqo-scenario")
if liqo and parse:
    r = liqo[0] / parse[0]
    goal("chart: liqo-scenario within 1.25x the parse-only time", r <= 1.25, f"{r:.2f}x")
kust = get("chart", "kustomize")
if liqo and kust:
    r = kust[0] / liqo[0]
    goal("chart: at least 25x faster than kubectl kustomize", r >= 25, f"{r:.1f}x")
    m = kust[1] / liqo[1]
    goal("chart: peak memory at most a fifth of kustomize's", m >= 5, f"{liqo[1]:.1f} vs {kust[1]:.1f} MiB, {m:.1f}x less")
big, bigp = get("16MiB", "liqo-scenario"), get("16MiB", "parse-only")
if big and bigp:
    r = big[0] / bigp[0]
    goal("16 MiB: within 1.5x the parse-only time", r <= 1.5, f"{r:.2f}x")
    limit = 3 * big[2] + 16
    goal("16 MiB: peak memory at most 3x the input + 16 MiB", big[1] <= limit, f"{big[1]:.1f} MiB of {limit:.0f}")
per_mib = [(mib, ms / mib) for (i, n), (ms, rss, mib, _) in results.items() if n == "liqo-scenario" and i.endswith("MiB")]
if len(per_mib) >= 2:
    per_mib.sort()
    worst = max(p for _, p in per_mib) / min(p for _, p in per_mib)
    goal("time grows linearly with size (ms per MiB within 1.5x across sizes)", worst <= 1.5,
         ", ".join(f"{mib:g} MiB: {p:.2f} ms/MiB" for mib, p in per_mib))
report = "\n".join(["# Benchmark results", "", *lines, "", "## Goals", "", *goals, ""])
open(os.path.join(outdir, "results.md"), "w").write(report)
print(report)

# The plot: median time against input size, one line per tool.
data = os.path.join(outdir, "plot.dat")
with open(data, "w") as f:
    for n in tools:
        f.write(f"# {n}\n")
        for (i, t), (ms, rss, mib, _) in sorted(results.items(), key=lambda kv: kv[1][2]):
            if t == n:
                f.write(f"{mib} {ms}\n")
        f.write("\n\n")
plots = ", ".join(f"'{data}' index {k} with linespoints title '{n}'" for k, n in enumerate(tools))
script = f"""set terminal pngcairo size 900,560 font ",11"
set output '{os.path.join(outdir, 'time-vs-size.png')}'
set title 'Median wall time against input size (v0.10.3 chart plus unrelated documents)'
set xlabel 'input size (MiB)'; set ylabel 'median wall time (ms)'
set logscale xy; set grid; set key top left
plot {plots}
"""
subprocess.run(["gnuplot"], input=script.encode(), check=True)
sys.exit(0 if all(g.startswith("- PASS") for g in goals) else 1)
