#!/usr/bin/python3
"""Paired timing of `audit run` against Aequitas and Fairlearn on the same CSV (issue 21).

Usage (from the repository root, after `dotnet build src/Audit.Cli -c Release`):

    python3 bench/scripts/compare_peers.py [--rows 1000000] [--pairs 5] [--fairlearn-pairs 1]
        [--audit PATH] [--before PATH] [--csv FILE] [--work DIR] [--json OUT]

What it does, in this order:
  1. makes the peers' synthetic CSV with ../shared/peers/make_data.py (seed 42) unless --csv gives one: the columns
     y_true, y_pred, score, sex, age_band, nationality, disability;
  2. writes the plan both sides are measured on (decisions in the data: y_pred; label y_true; the attributes sex,
     age_band, nationality, disability and the intersection sex x age_band, the sets Aequitas audits by default);
  3. runs, alternating within each pair: `audit run` (the --audit binary), then, when --before is given, a second
     Audit binary (the before of a before/after comparison), then Aequitas 1.0 (aequitas_ref.py, same attributes and
     intersection), then, for the first --fairlearn-pairs pairs only (a run takes minutes), Fairlearn 0.12
     (fairlearn_ref.py on sex and sex x age_band only: all five sets would take minutes per run);
  4. prints every run's wall time (process start to exit, as a user waits for it), the per-pair ratios and the
     medians, with the load average before and after.

The peers are a developer-run check, never part of CI: they need Debian's python3-numpy and python3-pandas and the
checkouts that ../shared/peers/setup_peers.sh extracts into $PEERS_DIR (see ../shared/peers/README.md). Without
them the script says so and times Audit alone.
"""
import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SHARED_PEERS = os.path.join(os.path.dirname(REPO), "shared", "peers")
PLAN = """name: peers-synthetic
description: "The peers' synthetic CSV (make_data.py): decisions in the data, four attributes, one intersection."
data:
  path: {csv}
  subjects: synthetic
roles:
  label: y_true
model:
  decision_column: y_pred
protected_attributes:
  - column: sex
    reference: M
  - column: age_band
    reference: 30-44
  - column: nationality
    reference: A
  - column: disability
    reference: "0"
intersections:
  - [sex, age_band]
"""
AEQUITAS_ATTRS = "sex,age_band,nationality,disability,sex*age_band"
# Fairlearn's MetricFrame over all five sets would take about seven minutes per run at 1 M rows; the README of the
# peers measured it on these two sets (about 180 s), so a ratio against it is in Fairlearn's favour: Audit does all five.
FAIRLEARN_SETS = "sex;sex,age_band"


def load():
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def timed(cmd, env=None, cwd=None):
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"failed ({done.returncode}): {' '.join(cmd)}\n{done.stderr[-2000:]}")
    return wall


def stages(folder):
    """The stage times `audit run` wrote into run.log ("read: 0.667 s"); a stage named twice is summed."""
    found = {}
    with open(os.path.join(folder, "run.log")) as f:
        for line in f:
            key, _, rest = line.partition(":")
            rest = rest.strip()
            if rest.endswith(" s") and key and " " not in key:
                try:
                    found[key] = round(found.get(key, 0.0) + float(rest[:-2]), 4)
                except ValueError:
                    pass
    return found


def peer_env(path):
    env = dict(os.environ)
    env["PYTHONPATH"] = path
    return env


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=int, default=1_000_000)
    ap.add_argument("--pairs", type=int, default=5)
    ap.add_argument("--fairlearn-pairs", type=int, default=1, help="pairs that also run Fairlearn (0: never)")
    ap.add_argument("--audit", default=os.path.join(REPO, "src/Audit.Cli/bin/Release/net10.0/Audit.Cli"))
    ap.add_argument("--before", help="a second Audit binary, timed in the same pairs (before/after)")
    ap.add_argument("--csv", help="an existing CSV in make_data.py's format (default: made here)")
    ap.add_argument("--work", default="/tmp/audit-compare-peers")
    ap.add_argument("--json", help="also write every run and the medians to this file")
    args = ap.parse_args()

    if not os.access(args.audit, os.X_OK):
        sys.exit(f"no Audit binary at {args.audit}: build it first with `dotnet build src/Audit.Cli -c Release`")
    os.makedirs(args.work, exist_ok=True)
    csv = os.path.join(args.work, "peers.csv")
    if args.csv:
        if os.path.abspath(args.csv) != csv:
            shutil.copyfile(args.csv, csv)
    elif not os.path.exists(csv) or sum(1 for _ in open(csv)) != args.rows + 1:
        subprocess.run(["/usr/bin/python3", os.path.join(SHARED_PEERS, "make_data.py"), str(args.rows),
                        "--out", csv, "--seed", "42"], check=True)
    with open(os.path.join(args.work, "peers.yaml"), "w") as f:
        f.write(PLAN.format(csv="peers.csv"))

    peers_dir = os.environ.get("PEERS_DIR", "")
    aequitas = os.path.join(peers_dir, "aequitas-4dc71c69cdf1", "src")
    fairlearn = os.path.join(peers_dir, "fairlearn-v0.12.0")
    have_aequitas = bool(peers_dir) and os.path.isdir(aequitas)
    have_fairlearn = bool(peers_dir) and os.path.isdir(fairlearn) and args.fairlearn_pairs > 0
    if not have_aequitas:
        print("Aequitas not found: set PEERS_DIR to the folder ../shared/peers/setup_peers.sh filled "
              "(../shared/peers/README.md); timing Audit alone.")
    if args.fairlearn_pairs > 0 and not have_fairlearn:
        print("Fairlearn 0.12 not found under PEERS_DIR: not timed.")

    def audit_cmd(binary):
        return [binary, "run", "peers.yaml", "-o", os.path.join(args.work, "out"), "-q"]

    runs = []
    print(f"machine: {platform.node()}, {os.cpu_count()} cores; CSV {csv} ({os.path.getsize(csv):,} bytes)")
    print(f"load average before: {load()}")
    for p in range(args.pairs):
        row = {"pair": p + 1}
        row["audit"] = timed(audit_cmd(args.audit), cwd=args.work)
        row["auditStages"] = stages(os.path.join(args.work, "out"))
        if args.before:
            row["before"] = timed(audit_cmd(args.before), cwd=args.work)
            row["beforeStages"] = stages(os.path.join(args.work, "out"))
        if have_aequitas:
            row["aequitas"] = timed(["/usr/bin/python3", os.path.join(SHARED_PEERS, "aequitas_ref.py"), csv,
                                     "--attrs", AEQUITAS_ATTRS], env=peer_env(aequitas))
        if have_fairlearn and p < args.fairlearn_pairs:
            row["fairlearn"] = timed(["/usr/bin/python3", os.path.join(SHARED_PEERS, "fairlearn_ref.py"), csv,
                                      "--sets", FAIRLEARN_SETS], env=peer_env(fairlearn))
        row["load"] = load()
        runs.append(row)
        parts = [f"{k} {v:.3f} s" for k, v in row.items() if isinstance(v, float)]
        ratios = [f"{k}/audit {row[k] / row['audit']:.2f}x" for k in ("before", "aequitas", "fairlearn") if k in row]
        print(f"pair {p + 1}: " + ", ".join(parts + ratios) + f" (load {row['load']})")

    medians = {}
    for k in ("audit", "before", "aequitas", "fairlearn"):
        values = [r[k] for r in runs if k in r]
        if values:
            medians[k] = statistics.median(values)
    ratio = {}
    for k in ("before", "aequitas", "fairlearn"):
        paired = [r[k] / r["audit"] for r in runs if k in r]
        if paired:
            ratio[k] = statistics.median(paired)
    print("medians: " + ", ".join(f"{k} {v:.3f} s" for k, v in medians.items()))
    for key in ("auditStages", "beforeStages"):
        names = [n for n in runs[0].get(key, {})]
        if names:
            medians[key] = {n: statistics.median(r[key][n] for r in runs if n in r[key]) for n in names}
            print(f"{key[:-6]} stages (median, run.log): " + ", ".join(f"{n} {v:.3f} s" for n, v in medians[key].items()))
    print("median of the paired ratios (peer / audit): " + ", ".join(f"{k} {v:.2f}x" for k, v in ratio.items()))
    print(f"load average after: {load()}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"rows": args.rows, "runs": runs, "medians": medians, "pairedRatios": ratio,
                       "date": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())}, f, indent=2)


if __name__ == "__main__":
    main()
