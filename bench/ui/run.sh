#!/usr/bin/env bash
# The catalog and web UI at scale: ./bench/ui/run.sh [--quick]
#
# On the project's build tree (ACCORD_BUILD_DIR, default build): generates embedded logs of
# 10,000 and 100,000 subjects with governance metadata (accord-bench-loggen --governance 1),
# and for each measures the catalog's server time (median, p99 over keep-alive requests on
# loopback) for the first page, searches and filters, and the first catalog page rendered
# in headless Chromium. Writes the table into docs/benchmarks.md between the
# bench-ui markers. --quick: 2,000 subjects, fewer requests (a smoke run).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
BUILD=${ACCORD_BUILD_DIR:-$ROOT/build}
OUT=${ACCORD_BENCH_OUT:-$ROOT/docs/benchmarks.md}
SIZES=10000,100000 REQUESTS=300 RENDERS=7
if [[ ${1:-} == --quick ]]; then SIZES=2000 REQUESTS=50 RENDERS=2; fi
cmake --build "$BUILD" -j "${ACCORD_JOBS:-2}" --target accord accord_bench_loggen >/dev/null
TABLE=$(mktemp)
trap 'rm -f "$TABLE"' EXIT
{
  echo "Produced by \`./bench/ui/run.sh\` on $(date -u +%Y-%m-%d): $(nproc) cores, $(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt") build, client and node on loopback."
  echo
  echo "| measurement | result | detail | notes |"
  echo "| --- | --- | --- | --- |"
  /usr/bin/python3 "$ROOT/bench/ui/ui_bench.py" --accord "$BUILD/src/cli/accord" --loggen "$BUILD/bench/accord-bench-loggen" \
    --subjects "$SIZES" --requests "$REQUESTS" --renders "$RENDERS"
} | tee "$TABLE"
/usr/bin/python3 "$ROOT/bench/tools/bench.py" put-table --out "$OUT" --table "$TABLE" --marker bench-ui \
  --new-head $'{text}\n\n## Catalog and web UI\n\n'
echo "table written to $OUT" >&2
