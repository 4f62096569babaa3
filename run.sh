#!/usr/bin/env bash
# Builds the sample (samples/Vision: a C# project with models/*.torch.py) the way a user would:
# packs Switcheroo.Build into artifacts/packages/, restores the sample from that folder only, builds
# it, and shows where the converted Flax files went.
set -euo pipefail
cd "$(dirname "$0")"

dotnet pack src/Switcheroo.Build -c Release --nologo -v quiet
rm -rf samples/.packages/switcheroo.build   # always use the package just packed
dotnet build samples/Vision -c Release --nologo -v minimal

echo
echo "Converted by the build (obj/):"
find samples/Vision/obj/Release/net10.0/switcheroo -name '*.py' | sort | sed 's/^/  /'
echo "Copied to the output folder (bin/), as the program sees them:"
dotnet samples/Vision/bin/Release/net10.0/Vision.dll | sed 's|^|  samples/Vision/bin/Release/net10.0/|'
