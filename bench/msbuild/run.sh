#!/usr/bin/env bash
# What Ipm.Bundler adds to a `dotnet build` with nothing changed: the same NoTargets project built with and without
# the package (two IpmModule items, one registry package with a dependency and one local folder), timed alternately.
#   bash bench/msbuild/run.sh [runs]        (default 10 runs of each; see README.md)
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
runs=${1:-10}
work=$(mktemp -d "${TMPDIR:-/tmp}/ipm-bench-msbuild.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A fresh global packages folder (never a stale Ipm.Bundler), no MSBuild nodes or build server left behind, and the
# same conditions for both projects: every build starts its own MSBuild and loads the task assembly afresh.
export NUGET_PACKAGES="$work/nuget" DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 \
  MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0
version=0.0.0-bench

dotnet pack "$here/src/Bundler.Tasks" -c Release --nologo -v:q -o "$work/feed" \
  -p:Version=$version -p:ArtifactsPath="$work/build" >/dev/null
cp "$here/global.json" "$work/"
cat > "$work/nuget.config" <<XML
<configuration><packageSources><add key="bench" value="feed" /></packageSources></configuration>
XML

project() { # $1 folder, $2 extra items
  mkdir -p "$work/$1"
  cat > "$work/$1/fw.proj" <<XML
<Project Sdk="Microsoft.Build.NoTargets">
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <IpmRegistry>$here/samples/registry</IpmRegistry>
    <IpmCacheDir>$work/ipm-cache</IpmCacheDir>
  </PropertyGroup>
  <ItemGroup>$2
  </ItemGroup>
</Project>
XML
}
project without ""
project with "
    <PackageReference Include=\"Ipm.Bundler\" Version=\"$version\" PrivateAssets=\"all\" />
    <IpmModule Include=\"echotest\" Version=\"^0.0.1\" />
    <IpmModule Include=\"./app\" />"
cp -r "$here/samples/firmware-project/app" "$work/with/app"

build() { dotnet build "$work/$1/fw.proj" --nologo -v:q "${@:2}" >/dev/null; }
# Appends "wall_ms cpu_ms" for one build: elapsed time, and user+system time of dotnet and every process it waited
# for (CPU time is what the build itself costs; elapsed time also holds waiting for a core on a shared machine).
timed() {
  local TIMEFORMAT='%R %U %S' t
  t=$({ time build "$@"; } 2>&1)
  awk -v t="$t" 'BEGIN { split(t, a, " "); printf "%d %d\n", a[1] * 1000, (a[2] + a[3]) * 1000 }'
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : int((a[NR / 2] + a[NR / 2 + 1]) / 2)}'; }

# First builds restore, resolve, fetch and generate; they are not timed.
build without
build with
if ! dotnet build "$work/with/fw.proj" --nologo -v:n | grep -q 'Skipping target "IpmGenerate" because all output files are up-to-date'; then
  echo "bench: the second build of the project with Ipm.Bundler was not up to date" >&2
  exit 1
fi

for mode in restore no-restore; do
  args=(); label="dotnet build"
  if [ "$mode" = no-restore ]; then args=(--no-restore); label="dotnet build --no-restore"; fi
  : > "$work/without.$mode"; : > "$work/with.$mode"
  for _ in $(seq "$runs"); do
    timed without "${args[@]}" >> "$work/without.$mode"
    timed with "${args[@]}" >> "$work/with.$mode"
  done
  for col in 1 2; do
    a=$(cut -d' ' -f$col "$work/without.$mode" | median); b=$(cut -d' ' -f$col "$work/with.$mode" | median)
    printf '%-26s %-8s median of %2d: without %5d ms, with Ipm.Bundler %5d ms, added %5d ms\n' \
      "$label" "$([ $col = 1 ] && echo elapsed || echo CPU)" "$runs" "$a" "$b" $((b - a))
  done
  echo "  without (elapsed/CPU ms): $(tr ' \n' '/ ' < "$work/without.$mode")"
  echo "  with    (elapsed/CPU ms): $(tr ' \n' '/ ' < "$work/with.$mode")"
done

# Where the added time goes, by MSBuild's own accounting (one up-to-date build).
echo "ipm targets and tasks in one up-to-date build (-clp:PerformanceSummary):"
dotnet build "$work/with/fw.proj" --nologo -v:q --no-restore -clp:PerformanceSummary \
  | grep -E '^\s+[0-9]+ ms\s+(_?Ipm\w*|ReadIpmGeneratedFiles|Hash|WriteLinesToFile)\s' || true
