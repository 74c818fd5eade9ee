#!/usr/bin/env bash
# Backup and restore at scale: ./bench/ops.sh [--schemas N] [--subjects M] [--no-compare]
#
# Generates a `_schemas` log of N Avro schemas (default 100,000 across 10,000 subjects) with
# accord-bench-loggen, then times, each printing records/s:
#   1. accord backup from the embedded log (compacted),
#   2. accord restore of that file into a fresh data directory,
#   3. accord restore of that file into a Kafka topic of the test broker (made empty up front:
#      the test broker cannot create topics through the Admin API),
#   4. a Kafka round trip at 4,000 schemas (the test broker keeps 5 MiB per partition):
#      restore into a topic, backup from it, the records must be the same,
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
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}"; exit 0 ;;
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
"$LOGGEN" --data-dir "$WORK/source" --schemas "$SCHEMAS" --subjects "$SUBJECTS" >"$WORK/loggen.log" 2>&1
BYTES=$(stat -c %s "$WORK/source/log/schemas.log")
# The test broker keeps at most 5 MiB per partition (older data is dropped), so the Kafka
# round trip uses a log that fits: 4,000 schemas. The full-size restore into Kafka is still
# timed, as a produce rate.
KAFKA_SCHEMAS=$(( SCHEMAS < 4000 ? SCHEMAS : 4000 ))
KAFKA_SUBJECTS=$(( SUBJECTS < 400 ? SUBJECTS : 400 ))
"$LOGGEN" --data-dir "$WORK/small" --schemas "$KAFKA_SCHEMAS" --subjects "$KAFKA_SUBJECTS" >>"$WORK/loggen.log" 2>&1

coproc BROKER { "$BROKER_BIN" --topic _schemas:1 --topic restored:1 --topic small:1 2>"$WORK/broker.log"; }
PIDS+=("$BROKER_PID")
read -r -t 30 BOOTSTRAP <&"${BROKER[0]}"
log "test broker at $BOOTSTRAP"

timed "backup, embedded log, $SCHEMAS schemas" "$ACCORD" backup --data-dir "$WORK/source" --out "$WORK/backup.jsonl"
timed "restore, embedded log, $SCHEMAS schemas" "$ACCORD" restore "$WORK/backup.jsonl" --data-dir "$WORK/restored"
timed "restore, Kafka topic, $SCHEMAS schemas (produce rate)" "$ACCORD" restore "$WORK/backup.jsonl" --bootstrap-servers "$BOOTSTRAP" --topic restored
"$ACCORD" backup --data-dir "$WORK/small" --out "$WORK/small.jsonl" --quiet >/dev/null
timed "restore, Kafka topic, $KAFKA_SCHEMAS schemas" "$ACCORD" restore "$WORK/small.jsonl" --bootstrap-servers "$BOOTSTRAP" --topic small
timed "backup, Kafka topic, $KAFKA_SCHEMAS schemas" "$ACCORD" backup --bootstrap-servers "$BOOTSTRAP" --topic small --out "$WORK/kafka.jsonl"
records_of() { sed '1d;$d' "$1" | $PY -c 'import sys,json
for l in sys.stdin: d = json.loads(l); print(json.dumps([d["key"], d["value"], d["headers"]]))'; }
cmp -s <(records_of "$WORK/small.jsonl") <(records_of "$WORK/kafka.jsonl") ||
  { log "FAILED: the Kafka round trip changed records"; exit 1; }
log "Kafka round trip: the records backed up from the topic are the ones restored into it"

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
  compare() {  # compare LABEL URL URL
    local start end
    start=$(date +%s.%N)
    "$ACCORD" compare "$2" "$3" --quiet >"$WORK/compare.txt" || { tail -20 "$WORK/compare.txt" >&2; log "FAILED: $1 differs"; exit 1; }
    end=$(date +%s.%N)
    awk -v n="$1" -v s="$start" -v e="$end" -v line="$(tail -1 "$WORK/compare.txt")" \
      'BEGIN { printf "| %s | %s | %.1f s | |\n", n, line, e - s }' | tee -a "$WORK/rows"
  }
  compare "compare source / embedded restore" "$(start_node source --data-dir "$WORK/source")" \
    "$(start_node restored --data-dir "$WORK/restored")"
  compare "compare source / Kafka restore" "$(start_node small --data-dir "$WORK/small")" \
    "$(start_node kafka --data-dir "$WORK/kafka-node" --bootstrap-servers "$BOOTSTRAP" --set kafkastore.topic=small \
      --set leader.eligibility=false)"
fi
log "log file: $BYTES bytes; backup file: $(stat -c %s "$WORK/backup.jsonl") bytes"
