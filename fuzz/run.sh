#!/usr/bin/env bash
# Builds the libFuzzer targets in their own clang build tree and runs each for a bounded
# time. Exits non-zero when a target crashes, hangs, or a sanitizer reports anything.
#
#   fuzz/run.sh [seconds-per-target]        (default 20)
#   fuzz/run.sh --build-only                (scripts/test.sh, before ctest's fuzz_smoke)
#
# Environment:
#   ACCORD_FUZZ_BUILD_DIR  build tree (default <repo>/build-fuzz)
#   ACCORD_JOBS            build parallelism (default 2)
#   ACCORD_FUZZ_TARGETS    space-separated subset, e.g. "wire_format schemas_codec"
#   ACCORD_FUZZ_OUT        where corpora, logs and crash artifacts go (default <build>/fuzz-out);
#                          the committed seeds in fuzz/corpus/<target> are read, never written
set -euo pipefail

build_only=0
[[ ${1:-} == --build-only ]] && build_only=1 && shift
seconds="${1:-20}"
repo="$(cd "$(dirname "$0")/.." && pwd)"
build="${ACCORD_FUZZ_BUILD_DIR:-$repo/build-fuzz}"
jobs="${ACCORD_JOBS:-2}"
out="${ACCORD_FUZZ_OUT:-$build/fuzz-out}"
targets="${ACCORD_FUZZ_TARGETS:-avro_schema json_schema protobuf_schema schemas_codec json_parse wire_format api}"

if [[ ! -f "$build/CMakeCache.txt" ]]; then
  generator=()
  command -v ninja >/dev/null && generator=(-G Ninja)
  CC=clang CXX=clang++ cmake -S "$repo" -B "$build" "${generator[@]}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DACCORD_FUZZ=ON -DACCORD_BUILD_TESTS=OFF >/dev/null
fi
build_targets=()
for t in $targets; do build_targets+=("fuzz_$t"); done
cmake --build "$build" -j "$jobs" --target "${build_targets[@]}"
[[ $build_only == 1 ]] && exit 0

mkdir -p "$out"
export ACCORD_FUZZ_TMP="$out/tmp"   # the api target's registry data directory
failed=()
for t in $targets; do
  bin="$build/fuzz/fuzz_$t"
  corpus="$out/corpus/$t"          # grows across runs; seeds stay in the repo
  artifacts="$out/artifacts/$t/"
  log="$out/$t.log"
  mkdir -p "$corpus" "$artifacts" "$ACCORD_FUZZ_TMP"
  timeout_per_input=60
  dict=()
  [[ -f "$repo/fuzz/dict/$t.dict" ]] && dict=(-dict="$repo/fuzz/dict/$t.dict")
  [[ "$t" == api ]] && timeout_per_input=180
  echo "== fuzz_$t: ${seconds}s"
  status=0
  # -max_total_time bounds the run; the outer timeout only catches a fuzzer that ignores it.
  timeout --signal=KILL "$((seconds + timeout_per_input + 120))" \
    "$bin" -max_total_time="$seconds" -timeout="$timeout_per_input" -rss_limit_mb=4096 \
    -print_final_stats=1 "${dict[@]}" -artifact_prefix="$artifacts" "$corpus" "$repo/fuzz/corpus/$t" >"$log" 2>&1 || status=$?
  if [[ $status -ne 0 ]] || grep -qE 'ERROR: (AddressSanitizer|LeakSanitizer|libFuzzer)|runtime error:|fuzz invariant broken' "$log"; then
    echo "!! fuzz_$t failed (exit $status); log: $log; artifacts: $artifacts" >&2
    grep -nE 'ERROR|runtime error|invariant|what\(\)| in accord::|SUMMARY|Test unit written' "$log" | head -20 >&2 || true
    failed+=("$t")
  else
    grep -E '^stat::number_of_executed_units|^Done ' "$log" | tail -1 || true
  fi
done
rm -rf "$ACCORD_FUZZ_TMP"

if [[ ${#failed[@]} -gt 0 ]]; then
  echo "fuzzing failed: ${failed[*]}" >&2
  exit 1
fi
echo "fuzzing passed: $targets"
