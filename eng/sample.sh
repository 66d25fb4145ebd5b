#!/usr/bin/env bash
# The README's first command: bundle the sample application's packages from the sample's static folder
# registry (no registry server, no account), build the Duktape host firmware with gcc, and run it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash eng/setup.sh sample

out="$here/artifacts/sample"
mkdir -p "$out"
dotnet build src/Bundler.Cli -c Release --nologo -v:q >/dev/null
ipm=(dotnet "$here/src/Bundler.Cli/bin/Release/net8.0/ipm.dll")

# Resolve, lock, fetch, verify and generate: the app's dependencies plus the app itself as the entry.
"${ipm[@]}" bundle --manifest samples/app/package.json --registry samples/registry \
  --entry samples/app/index.js --cache "$out/cache" --out "$out/gen"

make -s -C samples/host-firmware GEN="$out/gen" BIN="$out/host-firmware"
echo "--- running the host firmware (no filesystem access for modules) ---"
"$out/host-firmware"
