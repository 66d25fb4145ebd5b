#!/usr/bin/env bash
# Wall time and peak RSS of `ipm bundle` cold (empty cache, no lock) and warm (lock + cache) beside
# `npm install` (empty cache, no lock) and `npm ci` (lock + cache) of the same tree, against the same throw-away
# Verdaccio, alternated run by run. Usage: bash bench/scripts/bundle-vs-npm.sh [runs]   (default 5)
# Needs: bash eng/setup.sh test; dotnet build -c Release src/Bundler.Cli
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
cd "$here"
runs=${1:-5}
ipm="$here/src/Bundler.Cli/bin/Release/net8.0/ipm.dll"
[ -f "$ipm" ] || { echo "build the CLI first: dotnet build -c Release src/Bundler.Cli" >&2; exit 1; }
tools="$here/tests/tools/node_modules"
# Every corpus package (bench/Bundler.Bench/Corpus.cs). Pruning drops the ES module builds nothing requires, except
# in yargs-parser: a computed require() in its CommonJS build makes it fall back to its default file set, which
# holds its ES module build (IPM6002), so the bundle excludes those files as a user would.
corpus=(async bluebird chalk commander debug esprima eventemitter3 handlebars iconv-lite js-yaml lodash mime minimist moment ms
  punycode q qs ramda underscore uuid validator yaml yargs-parser)

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
max_body_size: 100mb
YAML
node "$tools/verdaccio/bin/verdaccio" --config "$work/config.yaml" --listen "127.0.0.1:$port" >"$work/log" 2>&1 &
echo $! > "$work/pid"
url="http://127.0.0.1:$port/"
for _ in $(seq 1 120); do curl -sf "${url}-/ping" >/dev/null && break; sleep 0.5; done

export npm_config_userconfig="$work/npmrc" npm_config_update_notifier=false
echo "//127.0.0.1:$port/:_authToken=bench" > "$work/npmrc"
# The corpus packages and everything they need, as installed in the tools folder (real versions, real files).
mapfile -t folders < <(node bench/scripts/tree-closure.js "$tools" "${corpus[@]}")
for f in "${folders[@]}"; do
  npm publish "$tools/$f" --registry "$url" --ignore-scripts --cache "$work/publish-cache" --loglevel=error >/dev/null
done

app="$work/app"
mkdir -p "$app"
node -e '
  const [tools, ...names] = process.argv.slice(1);
  const deps = {};
  for (const n of names) deps[n] = require(tools + "/" + n + "/package.json").version;
  console.log(JSON.stringify({ name: "bench-app", version: "1.0.0", private: true, dependencies: deps }, null, 2));
' "$tools" "${corpus[@]}" > "$app/package.json"
tarballs=$(du -sb "$work/storage" | cut -f1)

timed() { # timed <label> <command>: appends "<label> <seconds> <peak KB of the largest process> <load>" to results
  /usr/bin/time -f "%e %M" -o "$work/t" bash -c "cd \"\$app\" && $2" >"$work/out" 2>&1 || { cat "$work/out" >&2; exit 1; }
  echo "$1 $(tail -1 "$work/t") $(cut -d' ' -f1 /proc/loadavg)" >> "$work/results"
}
export app url work ipm
ipm_bundle='dotnet "$ipm" bundle --manifest package.json --registry "$url" --cache "$work/ipm-cache" --lock ipm-lock.json --out gen --engine-profile es.next --exclude-files "yargs-parser=build/lib/**;browser.js"'
npm_flags='--registry "$url" --cache "$work/npm-cache" --ignore-scripts --no-audit --no-fund --loglevel=error'

for run in $(seq 1 "$runs"); do
  rm -rf "$work/ipm-cache" "$app/ipm-lock.json" "$app/gen"
  timed ipm-bundle-cold "$ipm_bundle"
  rm -rf "$work/npm-cache" "$app/package-lock.json" "$app/node_modules"
  timed npm-install-cold "npm install $npm_flags"
  rm -rf "$app/gen"
  timed ipm-bundle-warm "$ipm_bundle"
  rm -rf "$app/node_modules"
  timed npm-ci-warm "npm ci --prefer-offline $npm_flags"
  echo "run $run done: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
done

packages=$(node -e 'console.log(Object.keys(require(process.argv[1]).packages).filter(Boolean).length)' "$app/package-lock.json")
files=$(find "$app/gen" -type f | wc -l)
echo "tree: ${#corpus[@]} direct dependencies, $packages packages installed by npm, ${#folders[@]} published, $tarballs bytes in the registry's storage; runs: $runs"
echo
echo "| command | median wall s | min-max s | median peak RSS MB | load (1 min) during runs |"
echo "|---|---|---|---|---|"
for label in ipm-bundle-cold npm-install-cold ipm-bundle-warm npm-ci-warm; do
  grep "^$label " "$work/results" | python3 -c '
import sys, statistics
rows = [l.split() for l in sys.stdin]
t = [float(r[1]) for r in rows]; m = [int(r[2]) / 1024 for r in rows]; load = [r[3] for r in rows]
print(f"| {rows[0][0]} | {statistics.median(t):.2f} | {min(t):.2f}-{max(t):.2f} | {statistics.median(m):.0f} | {min(load)}-{max(load)} |")'
done
