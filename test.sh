#!/usr/bin/env bash
# Runs every Switcheroo test on a fresh machine: installs Debian's python3-torch and
# python3-torchvision when missing, restores NuGet and npm packages, generates the parser, builds,
# runs the test suites, and ends with a plain "N passed, N failed" line.
set -uo pipefail
cd "$(dirname "$0")"

# Real PyTorch code and state_dicts for the tests come from Debian's packages (no PyPI here).
ensure_torch() {
    if /usr/bin/python3 -c "import torch, torchvision, numpy" 2>/dev/null; then
        return
    fi
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
        echo "installing python3-torch, python3-torchvision, python3-numpy (Debian packages)"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
            python3-torch python3-torchvision python3-numpy >/dev/null
    else
        echo "warning: python3-torch/python3-torchvision missing and cannot be installed (need root and apt)" >&2
    fi
}
ensure_torch

log=$(mktemp)
trap 'rm -f "$log"' EXIT

dotnet test Switcheroo.sln -c Release --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# dotnet test prints one line per test assembly: "Passed!  - Failed: 0, Passed: 12, Skipped: 0, ..."
read -r passed failed skipped < <(grep -E '(Passed|Failed)! +- Failed: ' "$log" | awk -F'[:,]' \
    '{ f += $2; p += $4; s += $6 } END { printf "%d %d %d\n", p, f, s }')
echo "${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
if [ "$status" -eq 0 ] && [ "${passed:-0}" -eq 0 ]; then
    echo "no test ran" >&2
    exit 1
fi
exit "$status"
