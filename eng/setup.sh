#!/usr/bin/env bash
# Installs what the sample and the tests need, skipping what is already present.
#   eng/setup.sh sample   -> the C compiler and Duktape for the host firmware, and the .NET packages
#   eng/setup.sh test     -> all of the above plus the cross compiler, Chromium and the npm test tools
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
mode=${1:-test}

need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in gcc make duktape-dev; do have_pkg "$p" || need+=("$p"); done
if [ "$mode" = test ]; then
  for p in gcc-arm-none-eabi libnewlib-arm-none-eabi chromium make nodejs python3; do
    # node and python3 may come from outside Debian's packages; working ones on PATH are enough.
    if [ "$p" = nodejs ] && command -v node >/dev/null && command -v npm >/dev/null; then continue; fi
    if [ "$p" = python3 ] && command -v python3 >/dev/null; then continue; fi
    have_pkg "$p" || need+=("$p")
  done
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing ${need[*]}"
  sudo_cmd=""
  [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ "$mode" = test ]; then
  tools="$here/tests/tools"
  stamp="$tools/node_modules/.ipm-lock-stamp"
  if [ ! -f "$stamp" ] || ! cmp -s "$tools/package-lock.json" "$stamp"; then
    echo "setup: npm ci in tests/tools"
    (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
    cp "$tools/package-lock.json" "$stamp"
  fi
fi

dotnet restore "$here/Bundler.sln" --verbosity quiet
