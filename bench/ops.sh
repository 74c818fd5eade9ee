#!/usr/bin/env bash
# Backup and restore at scale: ./bench/ops.sh [--schemas N] [--subjects M] [--no-compare]
#
# Generates a `_schemas` log of N Avro schemas (default 100,000 across 10,000 subjects) with
# accord-bench-loggen, then times, each printing records/s:
#   1. accord backup from the embedded log (compacted),
#   2. accord restore of that file into a fresh data directory,
#   3. accord restore of that file into a Kafka topic of the test broker,
#   4. accord backup from that topic,
# and, unless --no-compare, starts nodes on the source and on both restored logs and runs
# `accord compare` between them (the round trip must agree; the run fails otherwise).
# Timings are reported, never asserted. Environment: ACCORD_BENCH_BUILD_DIR (default
# build), ACCORD_JOBS (default 2), ACCORD_BENCH_KEEP=1 keeps the work directory.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SCHEMAS=100000 SUBJECTS=10000 COMPARE=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --schemas) SCHEMAS=$2; shift 2 ;;
    --subjects) SUBJECTS=$2; shift 2 ;;
    --no-compare) COMPARE=0; shift ;;
    -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "usage: bench/ops.sh [--schemas N] [--subjects M] [--no-compare]" >&2; exit 2 ;;
  esac
done
BUILD=${ACCORD_BENCH_BUILD_DIR:-$ROOT/build}
PY=/usr/bin/python3
HELP="$ROOT/bench/tools/bench.py"
ACCORD=$BUILD/src/cli/accord
LOGGEN=$BUILD/bench/accord-bench-loggen
BROKER_BIN=$BUILD/integration/broker/accord-test-broker

WORK=$(mktemp -d /tmp/accord-bench-ops.XXXXXX)
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  [[ ${ACCORD_BENCH_KEEP:-0} == 1 ]] && echo "work dir kept: $WORK" >&2 || rm -rf "$WORK"
}
trap cleanup EXIT
log() { printf '[bench-ops %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

ninja -C "$BUILD" -j "${ACCORD_JOBS:-2}" accord accord_bench_loggen accord_test_broker >"$WORK/build.log" 2>&1 ||
  { tail -30 "$WORK/build.log" >&2; exit 1; }

# timed NAME CMD...: runs CMD (a JSON summary on stdout), prints "NAME seconds records".
timed() {
  local name=$1; shift
  local start end
  start=$(date +%s.%N)
  "$@" --format json --quiet >"$WORK/$name.json"
  end=$(date +%s.%N)
  local records
  records=$($PY -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d.get("read", d.get("records")))' "$WORK/$name.json")
  awk -v n="$name" -v s="$start" -v e="$end" -v r="$records" \
    'BEGIN { t = e - s; printf "| %s | %d | %.2f s | %.0f records/s |\n", n, r, t, r / t }' | tee -a "$WORK/rows"
}

log "generating $SCHEMAS schemas across $SUBJECTS subjects"
"$LOGGEN" --data-dir "$WORK/source/log" --schemas "$SCHEMAS" --subjects "$SUBJECTS" >"$WORK/loggen.log" 2>&1
BYTES=$(stat -c %s "$WORK/source/log/schemas.log")

coproc BROKER { "$BROKER_BIN" --topic _schemas:1 2>"$WORK/broker.log"; }
PIDS+=("$BROKER_PID")
read -r -t 30 BOOTSTRAP <&"${BROKER[0]}"
log "test broker at $BOOTSTRAP"

timed "backup, embedded log" "$ACCORD" backup --data-dir "$WORK/source" --out "$WORK/backup.jsonl"
timed "restore, embedded log" "$ACCORD" restore "$WORK/backup.jsonl" --data-dir "$WORK/restored"
timed "restore, Kafka topic" "$ACCORD" restore "$WORK/backup.jsonl" --bootstrap-servers "$BOOTSTRAP" --topic restored
timed "backup, Kafka topic" "$ACCORD" backup --bootstrap-servers "$BOOTSTRAP" --topic restored --out "$WORK/kafka.jsonl"
cmp <(sed '1d;$d' "$WORK/backup.jsonl" | $PY -c 'import sys,json; [print(json.dumps([json.loads(l)[k] for k in ("key","value")])) for l in sys.stdin]') \
    <(sed '1d;$d' "$WORK/kafka.jsonl" | $PY -c 'import sys,json; [print(json.dumps([json.loads(l)[k] for k in ("key","value")])) for l in sys.stdin]') ||
  { log "FAILED: the Kafka round trip changed records"; exit 1; }

if [[ $COMPARE == 1 ]]; then
  start_node() {  # start_node NAME ARGS...: prints the URL once ready
    local name=$1; shift
    local port
    port=$($PY "$HELP" free-port)
    "$ACCORD" serve --listeners "http://127.0.0.1:$port" "$@" >"$WORK/$name.log" 2>&1 &
    PIDS+=("$!")
    $PY "$HELP" wait-ready --port "$port" --timeout 300 >/dev/null
    echo "http://127.0.0.1:$port"
  }
  SOURCE_URL=$(start_node source --data-dir "$WORK/source")
  LOCAL_URL=$(start_node restored --data-dir "$WORK/restored")
  KAFKA_URL=$(start_node kafka --data-dir "$WORK/kafka-node" --bootstrap-servers "$BOOTSTRAP" --set kafkastore.topic=restored \
    --set leader.eligibility=false)
  for target in "$LOCAL_URL" "$KAFKA_URL"; do
    start=$(date +%s.%N)
    "$ACCORD" compare "$SOURCE_URL" "$target" --quiet >"$WORK/compare.txt" || { cat "$WORK/compare.txt" | tail -20 >&2; log "FAILED: $target differs"; exit 1; }
    end=$(date +%s.%N)
    awk -v s="$start" -v e="$end" -v line="$(tail -1 "$WORK/compare.txt")" 'BEGIN { printf "| compare (REST, both sides) | %s | %.1f s |\n", line, e - s }' | tee -a "$WORK/rows"
  done
fi
log "log file: $BYTES bytes; backup file: $(stat -c %s "$WORK/backup.jsonl") bytes"
