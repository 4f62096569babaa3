#!/usr/bin/env bash
# Builds the parse benchmark in Release and runs it with the defaults behind docs/performance.md:
#   1. python's verdicts for its stdlib (the corpus), saved once and shared by both steps;
#   2. `parse`: Switcheroo vs. CPython's ast.parse and compile(), warm, alternating pass by pass,
#      plus runtime-setting variants, all cores, cold processes and peak memory -> Markdown tables;
#   3. `split`: where Switcheroo's time goes, SLL->LL fallbacks, prediction profile.
# About 6 minutes on a quiet 2-core machine (up to ~9 when other builds compete). Output: the console, and artifacts/bench/<time>/ (parse.md, *.log).
#
#   bench/run.sh                  # the full run
#   bench/run.sh --quick          # smoke test: one pass of each, no cold runs (about 2 minutes)
#   PYTHON=/usr/bin/python3.12 bench/run.sh    # compare with another CPython (and its stdlib)
set -euo pipefail
cd "$(dirname "$0")/.."

parse_args=(--iterations 5 --warmup 2 --parallel-iterations 2 --cold-runs 2)
split_args=(--iterations 1 --warmup 1)
if [ "${1:-}" = "--quick" ]; then
    shift
    parse_args=(--iterations 1 --warmup 1 --parallel-iterations 1 --cold-runs 0)
    split_args=(--iterations 1 --warmup 1)
fi

out="artifacts/bench/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
echo "== building (Release)"
dotnet build bench/Switcheroo.Bench/Switcheroo.Bench.csproj -c Release --nologo -v quiet -clp:ErrorsOnly
bench=(dotnet bench/Switcheroo.Bench/bin/Release/net10.0/Switcheroo.Bench.dll)
python=${PYTHON:-python3}

echo "== $(date)"
echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(free -h | awk '/^Mem:/ {print $2}') RAM"
echo "== load before: $(uptime)"
"${bench[@]}" corpus --python "$python" > "$out/verdicts.txt"
echo "== corpus: $(grep -c '^ok' "$out/verdicts.txt") files python compiles, $(grep -c '^error' "$out/verdicts.txt") it rejects"

echo "== parse"
"${bench[@]}" parse --python "$python" --files "$out/verdicts.txt" --markdown "$out/parse.md" "${parse_args[@]}" "$@" 2>&1 | tee "$out/parse.log"
echo "== load between: $(uptime)"
echo "== split"
"${bench[@]}" split --python "$python" --files "$out/verdicts.txt" "${split_args[@]}" 2>&1 | tee "$out/split.log"
echo "== load after: $(uptime)"
echo "== results in $out"
