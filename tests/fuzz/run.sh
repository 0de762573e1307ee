#!/usr/bin/env bash
# Coverage-guided fuzzing of Audit's parsers with AFL++ and SharpFuzz (docs/robustness.md, "Fuzzing").
#
#   tests/fuzz/run.sh [SECONDS_PER_HARNESS] [HARNESS ...]      harnesses: csv plan model-spec population-spec formula plan-run (default: all)
#
# Needs Debian's afl++ (apt-get install afl++). Builds tests/fuzz/Audit.Fuzz in Release, instruments Audit.dll and the
# parsers it relies on (YamlDotNet, Sep) with SharpFuzz, assembles seed corpora from the shipped files, runs afl-fuzz on
# each harness in turn and prints, per harness, the executions, the paths found, crashes and hangs. Work files go to
# tests/fuzz/work/ (git-ignored); a crash input found is replayed with
#   dotnet tests/fuzz/work/replay/Audit.Fuzz.dll HARNESS tests/fuzz/work/findings/HARNESS/default/crashes/id:...
# and then kept as a regression test in tests/Audit.Tests/Robustness/FuzzRegressionTests.cs.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${FUZZ_WORK:-$root/tests/fuzz/work}
seconds=${1:-600}
shift || true
harnesses=("$@")
[ ${#harnesses[@]} -eq 0 ] && harnesses=(csv plan model-spec population-spec formula plan-run)
command -v afl-fuzz >/dev/null || { echo "afl-fuzz not found: apt-get install afl++" >&2; exit 2; }

cd "$root"
dotnet tool restore >/dev/null
rm -rf "$work/bin"
dotnet publish tests/fuzz/Audit.Fuzz -c Release -o "$work/bin" -v q --nologo >/dev/null
# An uninstrumented copy replays findings (instrumented code writes to AFL's shared memory, absent outside afl-fuzz).
rm -rf "$work/replay" && cp -r "$work/bin" "$work/replay"
for dll in Audit.dll YamlDotNet.dll Sep.dll; do
  dotnet sharpfuzz "$work/bin/$dll" >/dev/null
done

corpus() { # seed corpus of a harness, from the shipped files
  local dir="$work/corpus/$1"; rm -rf "$dir"; mkdir -p "$dir"
  case $1 in
    csv) cp tests/fuzz/corpus/csv/* "$dir/" ;;
    plan) cp tests/fuzz/corpus/plan/* datasets/plans/*.yaml "$dir/" ;;
    model-spec) cp models/*.yaml "$dir/" ;;
    population-spec) cp datasets/populations/*.yaml "$dir/" ;;
    formula) cp tests/fuzz/corpus/formula/* "$dir/" ;;
    plan-run) cp tests/fuzz/corpus/plan-run/* "$dir/" ;;
  esac
  echo "$dir"
}

export AFL_SKIP_BIN_CHECK=1 AFL_NO_UI=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1
for h in "${harnesses[@]}"; do
  out="$work/findings/$h"
  rm -rf "$out"; mkdir -p "$work/findings"
  echo "== $h: fuzzing for $seconds s"
  dict=(); case $h in plan|plan-run) dict=(-x tests/fuzz/plan.dict) ;; esac
  afl-fuzz -i "$(corpus "$h")" -o "$out" "${dict[@]}" -t 5000 -m none -V "$seconds" -- dotnet "$work/bin/Audit.Fuzz.dll" "$h" >"$work/$h.log" 2>&1 || true
  stats="$out/default/fuzzer_stats"
  if [ -f "$stats" ]; then
    awk -v h="$h" -F': *' '/^(execs_done|execs_per_sec|corpus_count|saved_crashes|saved_hangs|run_time)/ { printf "%s %s=%s\n", h, $1, $2 }' "$stats"
  else
    echo "$h: afl-fuzz did not start; see $work/$h.log" >&2
  fi
done
