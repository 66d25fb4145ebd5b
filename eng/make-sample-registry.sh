#!/usr/bin/env bash
# Rebuilds samples/registry, the static folder registry the README's sample bundles from:
# starts a throw-away Verdaccio on 127.0.0.1, publishes samples/packages/* with the real npm client,
# and copies the sample app's tree out of it with `ipm mirror`. Run it after changing a sample package.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash eng/setup.sh test >/dev/null

work=$(mktemp -d)
trap 'kill $(cat "$work/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$work"' EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cat > "$work/config.yaml" <<YAML
storage: $work/storage
uplinks: {}
packages:
  '@*/*': { access: \$all, publish: \$anonymous }
  '**': { access: \$all, publish: \$anonymous }
log: { type: stdout, level: warn }
YAML
node tests/tools/node_modules/verdaccio/bin/verdaccio --config "$work/config.yaml" --listen "127.0.0.1:$port" >"$work/log" 2>&1 &
echo $! > "$work/pid"
url="http://127.0.0.1:$port/"
for _ in $(seq 1 60); do curl -sf "${url}-/ping" >/dev/null && break; sleep 0.5; done

export npm_config_userconfig="$work/npmrc" npm_config_cache="$work/npm-cache"
echo "//127.0.0.1:$port/:_authToken=sample" > "$work/npmrc"
for pkg in samples/packages/*/; do
  npm publish "$pkg" --registry "$url" --ignore-scripts --loglevel=error >/dev/null
done

rm -rf samples/registry
dotnet run --project src/Bundler.Cli -c Release -- mirror --manifest samples/app/package.json \
  --registry "$url" --cache "$work/cache" --lock "$work/lock.json" --to samples/registry
