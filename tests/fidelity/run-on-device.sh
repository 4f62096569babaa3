#!/usr/bin/env bash
# The fidelity suite (docs/fidelity.md): `switcheroo verify` over the golden cases' inputs, the
# sample's models and torchvision's classification models, on a machine with the .NET SDK and a
# Python with torch, torchvision, jax, flax and optax. Within 10 minutes or it stops.
#
#   tests/fidelity/run-on-device.sh                  # the whole comparison
#   tests/fidelity/run-on-device.sh --torch-only     # the torch half alone (where JAX is missing)
#   SWITCHEROO_PYTHON=/path/to/python3 tests/fidelity/run-on-device.sh --rtol 1e-3
#
# Exit status: verify's (0 all compared classes match, 1 a mismatch or error, 2 a missing package).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
python=${SWITCHEROO_PYTHON:-python3}
cli="$root/src/Switcheroo.Cli/bin/Release/net10.0/switcheroo.dll"
if [ ! -f "$cli" ]; then
  dotnet build "$root/src/Switcheroo.Cli" -c Release -v:q -nologo >&2
fi
torchvision=$("$python" -c 'import os, torchvision.models as m; print(os.path.dirname(m.__file__))')
inputs=("$root"/tests/Switcheroo.Engine.Tests/Golden/Cases/*/input.torch.py "$root"/samples/Vision/models/*.torch.py)
while read -r name; do
  [ -n "$name" ] && inputs+=("$torchvision/$name.py")
done < "$root/tests/fidelity/torchvision-models.txt"
exec timeout 600 dotnet "$cli" verify --python "$python" --examples "$root/tests/fidelity/examples.json" "$@" -- "${inputs[@]}"
