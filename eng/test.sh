#!/usr/bin/env bash
# The project's test command (README.md names it; .ci/run calls it). On a fresh Debian machine it:
#   1. installs and starts the real services the tests use (eng/services.sh: apt-get, npm),
#   2. restores and builds everything CI covers (AiPlatform.Sdk.Ci.slnf: no peer-benchmark dependencies),
#   3. builds the reference host's container image offline (eng/container-image.sh: a local registry, dotnet publish
#      -t:PublishContainer, an OCI tarball under artifacts/container that the Ops tests inspect, unpack and run),
#   4. runs every test project, writing TRX results (the vector kernel tests also run themselves in a child process
#      with AVX-512 disabled by DOTNET_EnableAVX512=0),
#   5. packs the NuGet packages into artifacts/packages and builds and runs samples/QuickStart against them, and checks that an app
#      referencing only AiPlatform.Sdk.Serving (eng/serving-only) restores without any Microsoft.ML.OnnxRuntime package,
#   6. prints 'tests: N passed, M failed, K skipped' counted from the TRX files, and exits non-zero on any failure and on any
#      skipped test that eng/allowed-skips.txt does not list (with its reason).
set -uo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
export AIP_SERVICES_HOME="${AIP_SERVICES_HOME:-/tmp/aiplatform-services}"
CONFIGURATION="${CONFIGURATION:-Release}"
RESULTS="$ROOT/artifacts/test-results"
failures=0
step() { printf '\n== %s\n' "$*"; }
fail() { printf 'FAILED: %s\n' "$*" >&2; failures=$((failures + 1)); }

step "services"
bash eng/services.sh start || { echo "the test services could not be started" >&2; exit 1; }
# shellcheck disable=SC1091
source "$AIP_SERVICES_HOME/env.sh"
trap 'bash "$ROOT/eng/services.sh" stop >/dev/null 2>&1 || true' EXIT

step "restore and build ($CONFIGURATION)"
dotnet restore AiPlatform.Sdk.Ci.slnf -v q || exit 1
dotnet build AiPlatform.Sdk.Ci.slnf -c "$CONFIGURATION" --no-restore -v q -nologo || exit 1

step "container image"
bash eng/container-image.sh || fail "container image (eng/container-image.sh)"

step "tests"
rm -rf "$RESULTS"
dotnet test AiPlatform.Sdk.Ci.slnf -c "$CONFIGURATION" --no-build --logger "trx" --results-directory "$RESULTS" -v q \
  -- RunConfiguration.TestSessionTimeout=1500000 || fail "dotnet test"

step "pack and QuickStart"
rm -rf artifacts/packages
dotnet pack AiPlatform.Sdk.Ci.slnf -c "$CONFIGURATION" --no-build -o artifacts/packages -v q -nologo || fail "dotnet pack"
# The packages keep one version between runs: forget the copies a previous run put in the package cache.
cache="$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')"
rm -rf "$cache"/aiplatform.sdk*
if dotnet build samples/QuickStart -c "$CONFIGURATION" -v q -nologo; then
  (cd samples/QuickStart && dotnet run -c "$CONFIGURATION" --no-build) || fail "QuickStart run"
else
  fail "QuickStart build against the packed packages"
fi

step "Serving-only restore graph"
# A console app referencing only AiPlatform.Sdk.Serving restores without ONNX Runtime (the packages by dependency weight).
if dotnet restore eng/serving-only -v q; then
  assets=eng/serving-only/obj/project.assets.json
  echo "packages: $(grep -o '"[A-Za-z0-9.]*/[0-9][^"]*": {' "$assets" | sed 's/": {//; s/"//' | sort -u | tr '\n' ' ')"
  if grep -qi '"microsoft\.ml\.onnxruntime' "$assets"; then fail "an app referencing only AiPlatform.Sdk.Serving restores Microsoft.ML.OnnxRuntime"; fi
else
  fail "restoring eng/serving-only against the packed packages"
fi

step "summary"
passed=0; failed=0
skipped_names=()
shopt -s nullglob
for trx in "$RESULTS"/*.trx "$RESULTS"/*/*.trx; do
  counters="$(grep -o '<Counters [^>]*>' "$trx" | head -1)"
  p="$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  f="$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")"
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
  # xunit's skipped tests are results with outcome NotExecuted (the Counters' notExecuted stays 0); testName is the fully
  # qualified name.
  while IFS= read -r name; do
    skipped_names+=("$name")
  done < <(grep -o '<UnitTestResult [^>]*outcome="NotExecuted"[^>]*>' "$trx" | sed -n 's/.* testName="\([^"]*\)".*/\1/p')
done
skipped=${#skipped_names[@]}
allow_list="eng/allowed-skips.txt"
if grep -v '^[[:space:]]*#' "$allow_list" | grep -v '^[[:space:]]*$' | grep -qv '[^[:space:]][[:space:]]*#[[:space:]]*[^[:space:]]'; then
  fail "an entry of $allow_list has no reason after '#'"
fi
allowed="$(grep -v '^[[:space:]]*#' "$allow_list" | sed -e 's/[[:space:]]*#.*//' -e '/^[[:space:]]*$/d')"
for name in "${skipped_names[@]}"; do
  grep -qxF -- "$name" <<<"$allowed" || fail "skipped, and not in $allow_list: $name"
done
if [ "$passed" -eq 0 ]; then fail "no test results were found"; fi
if [ "$failures" -gt 0 ] && [ "$failed" -eq 0 ]; then echo "$failures step(s) failed outside the test counts" >&2; fi
echo "tests: $passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$failures" -eq 0 ]
