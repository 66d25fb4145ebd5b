#!/usr/bin/env bash
# Runs the whole test suite and ends with one line: "N passed, N failed" (skipped tests are reported on the line
# before and never counted as passed).
set -uo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
bash eng/setup.sh test || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

results="$here/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

dotnet build Bundler.sln -c Release --nologo -v:q -p:CI=true || { echo "build failed"; echo "0 passed, 1 failed"; exit 1; }
# One project at a time: the integration tests start servers and compilers, and the machine has 2 cores.
dotnet test Bundler.sln -c Release --no-build --nologo -m:1 \
  --logger "trx" --logger "console;verbosity=normal" --results-directory "$results" \
  -- RunConfiguration.TreatNoTestsAsError=true
test_rc=$?

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  p=$(get passed); f=$(get failed); e=$(get error); t=$(get timeout); a=$(get aborted); ne=$(get notExecuted)
  # A test host that could not start (or aborted) leaves a TRX that ran nothing: that is a failure too.
  if [ "$(get total)" = "0" ]; then echo "no test ran in $(basename "$trx")"; failed=$((failed + 1)); fi
  passed=$((passed + ${p:-0}))
  failed=$((failed + ${f:-0} + ${e:-0} + ${t:-0} + ${a:-0}))
  skipped=$((skipped + ${ne:-0}))
done
if [ "$files" -eq 0 ] || [ "$passed" -eq 0 ]; then failed=$((failed + 1)); fi
if [ "$test_rc" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi
echo "$skipped skipped (not counted as passed)"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$test_rc" -eq 0 ]
