#!/usr/bin/env bash
# MSBuild integration benchmark (docs/performance.md): a generated project with 200 realistic
# *.torch.py files referencing the packed Switcheroo.Build from a local feed, and a twin project
# without Switcheroo. Measures, in one run: restore, cold build (and the task's own conversion
# time), no-op builds of both projects interleaved at the same verbosity (median of N), a build
# after one file changed, and MSBuild's timings of Switcheroo's targets in a no-op build.
#
# Usage: bench/msbuild/run.sh [FILES] [NOOP_RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
files=${1:-200}
runs=${2:-7}
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

work=$(mktemp -d /tmp/switcheroo-bench-XXXXXX)
trap 'rm -rf "$work"' EXIT
version="0.1.0-bench.$(date +%s)"
dotnet pack src/Switcheroo.Build -c Release --nologo -v quiet -o "$work/feed" "-p:Version=$version" "-p:NuspecOutputPath=$work/nuspec/" >/dev/null

make_project() { # name, with-switcheroo (true/false)
    local dir="$work/$1"
    mkdir -p "$dir"
    python3 bench/msbuild/generate.py "$dir" "$files"
    local reference=""
    [ "$2" = true ] && reference="<PackageReference Include=\"Switcheroo.Build\" Version=\"$version\" />"
    cat > "$dir/$1.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <OutputType>Exe</OutputType>
    <TargetFramework>net10.0</TargetFramework>
    <RestorePackagesPath>$work/packages-$1</RestorePackagesPath>
  </PropertyGroup>
  <ItemGroup>$reference</ItemGroup>
</Project>
XML
    printf 'System.Console.WriteLine("bench");\n' > "$dir/Program.cs"
    cat > "$dir/nuget.config" <<XML
<configuration><packageSources><clear /><add key="local" value="$work/feed" /></packageSources></configuration>
XML
}
make_project with true
make_project without false

now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }
timed() { # prints wall ms of a dotnet command, keeps its log in $work/last.log
    local start end
    start=$(now)
    dotnet "$@" >"$work/last.log" 2>&1 || { cat "$work/last.log" >&2; exit 1; }
    end=$(now)
    ms "$start" "$end"
}
task_ms() { grep -oE 'Switcheroo: [0-9]+ files? converted.*\(([0-9]+) ms\)' "$work/last.log" | grep -oE '[0-9]+ ms' | grep -oE '[0-9]+' || echo "-"; }
converted() { grep -oE 'Switcheroo: [0-9]+ files? converted' "$work/last.log" | grep -oE '[0-9]+' || echo 0; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
minimum() { sort -n | head -1; }

restore=$(timed restore "$work/with")
timed restore "$work/without" >/dev/null
cold=$(timed build "$work/with" --no-restore -v:n); cold_task=$(task_ms); cold_files=$(converted)
timed build "$work/without" --no-restore >/dev/null

with_runs=(); without_runs=()
for _ in $(seq "$runs"); do
    with_runs+=("$(timed build "$work/with" --no-restore -v:n)")
    grep -q 'Skipping target "_SwitcherooConvert"' "$work/last.log" || { echo "no-op build converted files" >&2; exit 1; }
    without_runs+=("$(timed build "$work/without" --no-restore -v:n)")
done
noop_with=$(printf '%s\n' "${with_runs[@]}" | median)
noop_without=$(printf '%s\n' "${without_runs[@]}" | median)
min_with=$(printf '%s\n' "${with_runs[@]}" | minimum)
min_without=$(printf '%s\n' "${without_runs[@]}" | minimum)

echo "# changed" >> "$work/with/models/package0/model000.torch.py"
one=$(timed build "$work/with" --no-restore -v:n); one_task=$(task_ms); one_files=$(converted)

# What Switcheroo's targets cost in a no-op build, from MSBuild's own target timings.
timed build "$work/with" --no-restore -clp:PerformanceSummary >/dev/null
targets=$(awk '/Target Performance Summary/ { on = 1 } on && $3 ~ /Switcheroo/ { total += $1; if ($1 > 0) printf "%s %d ms, ", $3, $1 } END { printf "total %d ms", total }' "$work/last.log")

cat <<MD
| measurement ($files files, $(nproc) cores) | wall time | Switcheroo task |
|---|---|---|
| restore (local feed, empty packages folder) | $restore ms | |
| cold build | $cold ms | $cold_files files in $cold_task ms |
| no-op build, with Switcheroo (median / fastest of $runs) | $noop_with / $min_with ms | skipped |
| no-op build, without Switcheroo (median / fastest of $runs) | $noop_without / $min_without ms | |
| one file changed | $one ms | $one_files file in $one_task ms |

Switcheroo's targets in a no-op build: ${targets:-none}

No-op ratio with / without: median $(awk -v a="$noop_with" -v b="$noop_without" 'BEGIN { printf "%.3f", a / b }'), fastest $(awk -v a="$min_with" -v b="$min_without" 'BEGIN { printf "%.3f", a / b }'); machine load $(cut -d' ' -f1 /proc/loadavg); no-op runs with: ${with_runs[*]}; without: ${without_runs[*]}.
MD
