#!/usr/bin/env bash
# Builds Accord (installing Debian packages only if some are missing) and its libFuzzer
# targets, runs the compatibility conformance corpus against a fresh node on the embedded
# log (a gate: only the disputes listed in integration/conformance_disputed.txt may fail),
# then every test through ctest: unit, integration, and the smoke runs of the benchmarks
# (bench_quick) and fuzzers (fuzz_smoke). The exit code is ctest's, or 1 when only the
# conformance gate failed.
#
#   ./scripts/test.sh
#   ACCORD_BUILD_DIR=build-x ACCORD_JOBS=2 ./scripts/test.sh
#   ACCORD_SKIP_CONFORMANCE=1 ./scripts/test.sh     # ctest only
#   ACCORD_CTEST_ARGS="-L integration" ./scripts/test.sh
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${ACCORD_BUILD_DIR:-$repo/build}"
case "$build_dir" in /*) ;; *) build_dir="$repo/$build_dir" ;; esac
export ACCORD_BUILD_DIR="$build_dir"
shared="$(dirname "$repo")/shared"
py=/usr/bin/python3

"$repo/scripts/setup.sh"

# The libFuzzer targets need a clang tree of their own; ctest's fuzz_smoke runs them.
if command -v clang++ >/dev/null; then
  echo "fuzz: building the libFuzzer targets into $build_dir/fuzz-tree"
  ACCORD_FUZZ_BUILD_DIR="$build_dir/fuzz-tree" ACCORD_JOBS="${ACCORD_JOBS:-$(nproc)}" "$repo/fuzz/run.sh" --build-only
fi

accord="$build_dir/src/cli/accord"

# ---- conformance corpus against one node on the embedded log ------------------------
node_pid=""
node_dir=""
stop_node() {
  if [ -n "$node_pid" ] && kill -0 "$node_pid" 2>/dev/null; then
    kill -TERM "$node_pid" 2>/dev/null || true
    for _ in $(seq 1 100); do              # up to 10 s for a clean stop
      kill -0 "$node_pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$node_pid" 2>/dev/null || true
    wait "$node_pid" 2>/dev/null || true
  fi
  node_pid=""
  if [ -n "$node_dir" ]; then rm -rf "$node_dir"; node_dir=""; fi
}
trap stop_node EXIT

run_conformance() {
  if [ -n "${ACCORD_SKIP_CONFORMANCE:-}" ]; then
    echo "conformance: skipped (ACCORD_SKIP_CONFORMANCE set)"
    return 0
  fi
  if [ ! -f "$shared/conformance/run.py" ]; then
    echo "conformance: skipped ($shared/conformance/run.py not found)"
    return 0
  fi
  if [ ! -x "$accord" ]; then
    echo "conformance: GATE FAILED: $accord was not built"
    conformance_rc=1
    return 0
  fi
  local port url log report deadline ready=""
  port="$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  url="http://127.0.0.1:$port"
  node_dir="$(mktemp -d "${TMPDIR:-/tmp}/accord-conformance.XXXXXX")"
  log="$build_dir/conformance-node.log"
  report="$build_dir/conformance-report.txt"
  echo "conformance: starting $accord serve on $url (data dir $node_dir)"
  "$accord" serve --data-dir "$node_dir/data" --listeners "$url" >"$log" 2>&1 </dev/null &
  node_pid=$!
  deadline=$((SECONDS + 60))
  while [ "$SECONDS" -lt "$deadline" ]; do
    if ! kill -0 "$node_pid" 2>/dev/null; then break; fi
    if curl -fsS -o /dev/null --max-time 2 "$url/health/ready" 2>/dev/null; then ready=1; break; fi
    sleep 0.2
  done
  if [ -z "$ready" ]; then
    echo "conformance: node did not become ready within 60 s; its log ($log):"
    tail -n 40 "$log" || true
    stop_node
    conformance_rc=1
    return 0
  fi
  echo "conformance: running $shared/conformance/run.py (full report in $report)"
  local rc=0
  timeout --kill-after=10 600 "$py" "$shared/conformance/run.py" --url "$url" --timeout 10 >"$report" 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    echo "conformance: run.py exited with $rc (124 = timed out); last lines:"
    tail -n 20 "$report" || true
  fi
  # Pass rate per schema type from run.py's "(all)" rows: "<type> (all) <passed> <failed>".
  awk '$2 == "(all)" { t = $3 + $4; printf "conformance: %-9s %5d/%-5d passed (%.1f%%)\n", $1, $3, t, (t ? 100 * $3 / t : 0) }' "$report"
  grep -E '^[0-9]+ passed, [0-9]+ failed$' "$report" | sed 's/^/conformance total: /' || true
  stop_node
  # The gate: the run completed, and every failing case is a documented dispute.
  if ! grep -qE '^[0-9]+ passed, [0-9]+ failed$' "$report"; then
    echo "conformance: GATE FAILED: the run did not complete"
    conformance_rc=1
    return 0
  fi
  local unexpected
  unexpected="$(grep -oE '^FAIL [a-z]+-[0-9]+' "$report" | awk '{print $2}' |
    grep -vxF -f <(grep -vE '^(#|$)' "$repo/integration/conformance_disputed.txt" | awk '{print $1}') || true)"
  if [ -n "$unexpected" ]; then
    echo "conformance: GATE FAILED: cases failing that are not listed in integration/conformance_disputed.txt:"
    echo "$unexpected" | sed 's/^/  /'
    conformance_rc=1
  else
    echo "conformance: gate passed (only documented disputes fail)"
  fi
}
conformance_rc=0
run_conformance

# ---- unit + integration tests ------------------------------------------------------
echo "tests: ctest in $build_dir"
ctest_rc=0
# shellcheck disable=SC2086
ctest --test-dir "$build_dir" --output-on-failure -j2 --timeout 600 ${ACCORD_CTEST_ARGS:-} || ctest_rc=$?
if [ "$ctest_rc" -eq 0 ] && [ "$conformance_rc" -ne 0 ]; then
  echo "conformance gate failed (see above)"
  exit 1
fi
exit "$ctest_rc"
