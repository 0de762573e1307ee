#!/usr/bin/python3
"""Before/after timing of `audit bench`, alternating runs, per-stage medians (issue 21).

Usage (from the repository root):

    python3 bench/scripts/compare_bench.py --before OLD_BINARY [--audit NEW_BINARY] [--rows 13800000] [--pairs 5]
        [--json OUT] [--keep DIR]

Each pair runs `audit bench --rows N --json F` with the new binary, then with the old one (the order alternates from
pair to pair, so that a trend in the machine's load does not favour one side). Printed: each run's total and peak
working set, then per stage the median seconds of each side and their ratio, with the load average before and after.
--keep DIR keeps each run's JSON (DIR/after-1.json, DIR/before-1.json, ...).
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def run(binary, rows, out):
    start = time.perf_counter()
    done = subprocess.run([binary, "bench", "--rows", str(rows), "--json", out, "-q"], cwd=REPO,
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"{binary} bench failed ({done.returncode}):\n{done.stderr[-2000:]}")
    with open(out) as f:
        figures = json.load(f)
    figures["wallSeconds"] = wall
    return figures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--audit", default=os.path.join(REPO, "src/Audit.Cli/bin/Release/net10.0/Audit.Cli"))
    ap.add_argument("--before", required=True)
    ap.add_argument("--rows", type=int, default=13_800_000)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--json")
    ap.add_argument("--keep")
    args = ap.parse_args()
    keep = args.keep or tempfile.mkdtemp(prefix="audit-bench-")
    os.makedirs(keep, exist_ok=True)

    print(f"load average before: {load()}")
    runs = {"after": [], "before": []}
    for p in range(args.pairs):
        order = ["after", "before"] if p % 2 == 0 else ["before", "after"]
        for side in order:
            binary = args.audit if side == "after" else args.before
            figures = run(binary, args.rows, os.path.join(keep, f"{side}-{p + 1}.json"))
            runs[side].append(figures)
            print(f"pair {p + 1} {side:6}: total {figures['totalSeconds']:.2f} s, wall {figures['wallSeconds']:.2f} s, "
                  f"peak {figures['peakWorkingSetBytes'] / 2**30:.2f} GiB (load {load()})")

    def median_stage(side, stage):
        values = [s["seconds"] for r in runs[side] for s in r["stages"] if s["stage"] == stage]
        return statistics.median(values) if values else None

    names = [s["stage"] for s in runs["after"][0]["stages"]]
    table = []
    print(f"{'stage':14} {'before':>9} {'after':>9} {'ratio':>7}")
    for stage in names + ["total", "peak GiB"]:
        if stage == "total":
            b = statistics.median(r["totalSeconds"] for r in runs["before"])
            a = statistics.median(r["totalSeconds"] for r in runs["after"])
        elif stage == "peak GiB":
            b = statistics.median(r["peakWorkingSetBytes"] for r in runs["before"]) / 2**30
            a = statistics.median(r["peakWorkingSetBytes"] for r in runs["after"]) / 2**30
        else:
            b, a = median_stage("before", stage), median_stage("after", stage)
        if a is None or b is None:
            continue
        table.append({"stage": stage, "before": b, "after": a})
        print(f"{stage:14} {b:9.3f} {a:9.3f} {b / a if a else float('inf'):6.1f}x")
    print(f"load average after: {load()}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": args.rows, "pairs": args.pairs, "medians": table, "runs": runs,
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}, f, indent=2)


if __name__ == "__main__":
    main()
