#!/usr/bin/env bash
# Accord benchmarks: ./bench/run.sh [--quick | --scale N]
#
# Builds Release into its own directory, starts everything on loopback (free ports), runs
#   1. the read path against nginx serving the byte-identical bodies (wrk, same Lua walk),
#   2. the write path on the embedded log and on the Kafka test broker,
#   3. scale: start time, rebuild rate, memory and disk for a large embedded log,
#   4. transitive compatibility checks of a 300-field schema against 100 versions,
#   5. serde throughput beside avro-c / nlohmann / libprotobuf alone,
# prints a table and writes it to docs/benchmarks.md. Only a crash or a wrong answer fails
# it; slow numbers are reported, never asserted. --quick (CI smoke test) stays < 5 min.
# --scale N: only the scale table, for N schemas in N/10 subjects, with reads: throughput
# and p99 on ids read for the first time (uncached: right after start and on a warm node)
# and on a hot set (cached), memory after a read of every id, and nginx serving the same
# bodies (the warm walk's, each file once, and the hot set's) (its own table per N).
#
# Environment: ACCORD_BENCH_BUILD_DIR (default build-release; the project's own build tree
# is used as it is, without a Release build: CI's smoke test), ACCORD_JOBS (default nproc),
# ACCORD_BENCH_OUT (default docs/benchmarks.md), ACCORD_BENCH_KEEP=1 keeps the work dir,
# ACCORD_BENCH_NOTE (one line printed above the table, e.g. "box busy with builds"),
# ACCORD_BENCH_PERF=1 profiles accord with perf during the read runs (kept in the work dir).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
QUICK=0 SCALE_ONLY=0
usage() { echo "usage: bench/run.sh [--quick | --scale N]" >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --scale) [[ ${2:-} =~ ^[1-9][0-9]*$ ]] || usage; SCALE_ONLY=1 SCALE_N=$2; shift ;;
    -h|--help) sed -n '2,21p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) usage ;;
  esac
  shift
done

BUILD=${ACCORD_BENCH_BUILD_DIR:-$ROOT/build-release}
JOBS=${ACCORD_JOBS:-$(nproc)}
OUT=${ACCORD_BENCH_OUT:-$ROOT/docs/benchmarks.md}
PY=/usr/bin/python3
HELP="$ROOT/bench/tools/bench.py"
CORES=$(nproc)

if [[ $QUICK == 1 ]]; then
  READ_SCHEMAS=1000 READ_SUBJECTS=100 DURATION=4 WRITE_DURATION=3
  SCALE_SCHEMAS=10000 SCALE_SUBJECTS=1000 COMPAT_RUNS=3 SERDE_ITERATIONS=20000
else
  READ_SCHEMAS=10000 READ_SUBJECTS=1000 DURATION=15 WRITE_DURATION=8
  SCALE_SCHEMAS=100000 SCALE_SUBJECTS=10000 COMPAT_RUNS=7 SERDE_ITERATIONS=200000
fi
if [[ $SCALE_ONLY == 1 ]]; then
  SCALE_SCHEMAS=$SCALE_N SCALE_SUBJECTS=$(( SCALE_N >= 10 ? SCALE_N / 10 : 1 ))
fi
WRK_THREADS=2 WRK_CONNECTIONS=32
export BENCH_THREADS=$WRK_THREADS  # lua/walk.lua: each wrk thread walks its own share of a list

for tool in wrk nginx curl cmake ninja; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (scripts/setup.sh installs it)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/accord-bench.XXXXXX)
chmod 755 "$WORK"  # nginx workers (user nobody) read the mirrored bodies
PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [[ ${ACCORD_BENCH_KEEP:-0} == 1 || ${ACCORD_BENCH_PERF:-0} == 1 ]]; then echo "bench: work dir kept: $WORK" >&2; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

log() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
forget() {  # forget a pid stopped on purpose
  local pid=$1 kept=() p
  for p in "${PIDS[@]}"; do [[ $p == "$pid" ]] || kept+=("$p"); done
  PIDS=("${kept[@]}")
}
stop() {  # stop one process we started and check it did not crash
  local pid=$1 name=$2 rc=0
  kill -TERM "$pid" 2>/dev/null || die "$name exited early (see $WORK)"
  wait "$pid" || rc=$?
  forget "$pid"
  # 143 = terminated by our SIGTERM before a handler ran; anything else nonzero is a crash.
  [[ $rc == 0 || $rc == 143 ]] || die "$name exited with status $rc (see $WORK)"
}
alive() { kill -0 "$1" 2>/dev/null || die "$2 died (logs in $WORK, run with ACCORD_BENCH_KEEP=1)"; }
port() { $PY "$HELP" free-port; }

# ---------------------------------------------------------------- build
# Two layouts: the project's own build tree (CI's smoke test, whatever its build type) or
# the standalone Release tree of bench/CMakeLists.txt (the published figures).
HOME_DIR=$([[ -f $BUILD/CMakeCache.txt ]] && sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$BUILD/CMakeCache.txt" || true)
if [[ $HOME_DIR == "$ROOT" ]]; then
  BUILD_TYPE=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
  log "using the project build tree $BUILD ($BUILD_TYPE)"
  ACCORD=$BUILD/src/cli/accord
  BROKER=$BUILD/integration/broker/accord-test-broker
  TOOLS=$BUILD/bench
else
  BUILD_TYPE=Release
  log "building Release into $BUILD"
  if [[ ! -f $BUILD/build.ninja ]]; then
    cmake -S "$ROOT/bench" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >"$WORK/configure.log" 2>&1 ||
      { cat "$WORK/configure.log" >&2; die "configure"; }
  fi
  ACCORD=$BUILD/accord/src/cli/accord
  BROKER=$BUILD/broker/accord-test-broker
  TOOLS=$BUILD
fi
ninja -C "$BUILD" -j "$JOBS" accord accord_test_broker accord_bench_loggen accord_bench_compat accord_bench_store_reads accord_serde_bench >"$WORK/build.log" 2>&1 || { tail -40 "$WORK/build.log" >&2; die "build"; }
LOGGEN=$TOOLS/accord-bench-loggen
COMPAT=$TOOLS/accord-bench-compat
SERDE=$TOOLS/serde/accord-serde-bench
STORE_READS=$TOOLS/accord-bench-store-reads
for f in "$ACCORD" "$BROKER" "$LOGGEN" "$COMPAT" "$SERDE" "$STORE_READS"; do [[ -x $f ]] || die "missing $f"; done

# start_node NAME DATA_DIR PORT [extra args...]: starts `accord serve`, sets NODE_PID.
start_node() {
  local name=$1 dir=$2 p=$3
  shift 3
  "$ACCORD" serve --data-dir "$dir" --listeners "http://127.0.0.1:$p" --set log.level=warn "$@" \
    >>"$WORK/$name.log" 2>&1 &
  NODE_PID=$!
  PIDS+=("$NODE_PID")
}

# run_wrk NAME ARGS...: runs wrk --latency, prints "rps p50 p99 failed" (failed = non-2xx
# responses + socket errors). Reads treat any failure as a wrong answer; writes report them
# (a registration timing out on a slow box is a result, not a broken benchmark).
run_wrk() {
  local name=$1
  shift
  wrk --latency --timeout 10s "$@" >"$WORK/wrk-$name.txt" 2>&1 || { cat "$WORK/wrk-$name.txt" >&2; die "wrk $name"; }
  $PY "$HELP" wrk-parse "$WORK/wrk-$name.txt" || die "wrk $name output"
}
strict() {  # strict NAME "rps p50 p99 failed": dies when anything failed
  local bad
  bad=$(awk '{ print $4 }' <<<"$2")
  [[ $bad == 0 ]] || { cat "$WORK/wrk-$1.txt" >&2; die "wrk $1: $bad failed responses (wrong answers)"; }
}

# start_nginx ROOT PROBE_PATH: nginx serving ROOT's files as the registry's bodies (sets
# NGINX_PORT, NGINX_PID), ready once PROBE_PATH answers.
start_nginx() {
  local root=$1 probe=$2
  NGINX_PORT=$(port)
  mkdir -p "$WORK/nginx/logs" "$WORK/nginx/tmp"
  cat >"$WORK/nginx/nginx.conf" <<EOF
  worker_processes $CORES;
  pid $WORK/nginx/nginx.pid;
  error_log $WORK/nginx/logs/error.log warn;
  events { worker_connections 1024; }
  http {
    access_log off;
    server_tokens off;
    etag off;
    sendfile on;
    tcp_nodelay on;
    keepalive_timeout 60s;
    keepalive_requests 1000000;
    client_body_temp_path $WORK/nginx/tmp/body;
    proxy_temp_path $WORK/nginx/tmp/proxy;
    fastcgi_temp_path $WORK/nginx/tmp/fastcgi;
    uwsgi_temp_path $WORK/nginx/tmp/uwsgi;
    scgi_temp_path $WORK/nginx/tmp/scgi;
    default_type application/vnd.schemaregistry.v1+json;
    types { }
    server {
      listen 127.0.0.1:$NGINX_PORT;
      root $root;
    }
}
EOF
  nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' >"$WORK/nginx/stdout.log" 2>&1 &
  NGINX_PID=$!
  PIDS+=("$NGINX_PID")
  for _ in $(seq 50); do curl -fs "http://127.0.0.1:$NGINX_PORT$probe" >/dev/null && break; sleep 0.1; done
  alive "$NGINX_PID" nginx
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
ROWS=()
row() { ROWS+=("| $1 | $2 | $3 | $4 |"); }

write_bench() {  # write_bench LABEL PORT PID: one client, then 16
  local label=$1 p=$2 pid=$3 rps p50 p99 bad note slug clients threads what
  slug=${label//[^a-z]/-}
  for clients in 1 16; do
    if [[ $clients == 1 ]]; then
      threads=1 what="sequential" note="1 client, new subject per request"
    else
      threads=2 what="$clients clients" note="$clients keep-alive connections"
    fi
    BENCH_RUN="c${clients}x$RANDOM" run_wrk "write-$slug-c$clients" -t"$threads" -c"$clients" -d "${WRITE_DURATION}s" \
      -s "$ROOT/bench/lua/register.lua" "http://127.0.0.1:$p" >"$WORK/w$clients" || exit 1
    read -r rps p50 p99 bad <"$WORK/w$clients"
    alive "$pid" accord
    [[ $bad == 0 ]] || note="$note; $bad FAILED (see wrk-write-$slug-c$clients.txt)"
    row "register, $what, $label" "$rps/s" "p50 $p50 ms, p99 $p99 ms" "$note"
  done
}

# ---------------------------------------------------------------- 1. read path
read_path() {
  log "read path: registering $READ_SCHEMAS schemas in $READ_SUBJECTS subjects"
  READ_PORT=$(port)
  start_node read "$WORK/read-data" "$READ_PORT"
  READ_PID=$NODE_PID
  $PY "$HELP" wait-ready --port "$READ_PORT" --timeout 60 >/dev/null || die "node not ready"
  out=$($PY "$HELP" load --port "$READ_PORT" --schemas "$READ_SCHEMAS" --subjects "$READ_SUBJECTS" --clients 16) ||
    die "loading schemas"
  read -r _ load_secs load_rate <<<"$out"
  alive "$READ_PID" accord
  row "load: register $READ_SCHEMAS schemas (16 keep-alive clients, Python)" "$load_rate/s" "${load_secs} s total" "includes a BACKWARD check per version"

  log "read path: mirroring the bodies for nginx"
  MIRROR=$WORK/www
  mkdir -p "$MIRROR"
  $PY "$HELP" mirror --port "$READ_PORT" --schemas "$READ_SCHEMAS" --subjects "$READ_SUBJECTS" --root "$MIRROR" \
    --paths-ids "$WORK/paths-ids.txt" --paths-latest "$WORK/paths-latest.txt" || die "mirroring bodies"
  chmod -R a+rX "$MIRROR"

  start_nginx "$MIRROR" /schemas/ids/1
  for list in ids latest; do
    $PY "$HELP" compare --port-a "$READ_PORT" --port-b "$NGINX_PORT" --paths "$WORK/paths-$list.txt" ||
      die "nginx and accord bodies differ ($list)"
  done

  WRK_ARGS=(-t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${DURATION}s" -s "$ROOT/bench/lua/walk.lua")
  READ_NOTE="wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${DURATION}s, keep-alive"
  for list in ids latest; do
    if [[ $list == ids ]]; then what="GET /schemas/ids/{id} ($READ_SCHEMAS ids)"; else what="GET /subjects/{s}/versions/latest ($READ_SUBJECTS subjects)"; fi
    log "read path: $what"
    PERF_PID=
    if [[ ${ACCORD_BENCH_PERF:-0} == 1 ]] && command -v perf >/dev/null; then
      perf record -F 999 -g -p "$READ_PID" -o "$WORK/perf-$list.data" -- sleep "$DURATION" >"$WORK/perf-$list.log" 2>&1 &
      PERF_PID=$!
    fi
    out=$(BENCH_PATHS=$WORK/paths-$list.txt run_wrk "accord-$list" "${WRK_ARGS[@]}" "http://127.0.0.1:$READ_PORT") || exit 1
    strict "accord-$list" "$out"
    if [[ -n $PERF_PID ]]; then
      wait "$PERF_PID" || true
      perf report -i "$WORK/perf-$list.data" --no-children -g none --sort dso,symbol --stdio 2>/dev/null |
        grep -v '^$' | head -80 >"$WORK/perf-$list.txt" || true
      log "profile of accord serving $list: $WORK/perf-$list.txt"
    fi
    read -r a_rps a_p50 a_p99 _ <<<"$out"
    alive "$READ_PID" accord
    out=$(BENCH_PATHS=$WORK/paths-$list.txt run_wrk "nginx-$list" "${WRK_ARGS[@]}" "http://127.0.0.1:$NGINX_PORT") || exit 1
    strict "nginx-$list" "$out"
    read -r n_rps n_p50 n_p99 _ <<<"$out"
    row "$what: accord" "$a_rps req/s" "p50 $a_p50 ms, p99 $a_p99 ms" "$READ_NOTE"
    row "$what: nginx, same bodies" "$n_rps req/s" "p50 $n_p50 ms, p99 $n_p99 ms" "worker_processes $CORES, static files"
    row "$what: accord / nginx" "$(ratio "$a_rps" "$n_rps")× req/s" "p99 $(ratio "$a_p99" "$n_p99")×" "target ≥ 0.8× req/s, p99 ≤ 2×"
  done
  stop "$NGINX_PID" nginx
}

# ---------------------------------------------------------------- 2. write path
write_path() {
  log "write path: embedded log (same node)"
  write_bench "embedded log (fsync)" "$READ_PORT" "$READ_PID"
  stop "$READ_PID" accord

  log "write path: Kafka test broker"
  mkfifo "$WORK/broker.in"
  "$BROKER" --topic _schemas:1 <"$WORK/broker.in" >"$WORK/broker.out" 2>"$WORK/broker.log" &
  BROKER_PID=$!
  PIDS+=("$BROKER_PID")
  exec 7>"$WORK/broker.in"  # keeps the broker's stdin open (EOF stops it)
  for _ in $(seq 100); do [[ -s $WORK/broker.out ]] && break; sleep 0.1; done
  BOOTSTRAP=$(head -1 "$WORK/broker.out")
  [[ -n $BOOTSTRAP ]] || die "test broker printed no address"
  KAFKA_PORT=$(port)
  ACCORD_KAFKASTORE_FETCH_WAIT_MAX_MS=10 start_node kafka "$WORK/kafka-data" "$KAFKA_PORT" --bootstrap-servers "$BOOTSTRAP"
  KAFKA_PID=$NODE_PID
  $PY "$HELP" wait-ready --port "$KAFKA_PORT" --timeout 90 >/dev/null || die "node on the test broker not ready"
  # Ready (caught up) comes before the writer election; wait until a write is accepted.
  writable_s=$($PY "$HELP" wait-writable --port "$KAFKA_PORT" --timeout 90) || die "node on the test broker accepts no write"
  write_bench "test broker" "$KAFKA_PORT" "$KAFKA_PID"
  row "test broker: from start to first accepted write" "$writable_s s after ready" "" "writer election (group formation)"
  row "test broker's own append (docs/test-broker.md)" "≈6,000/s" "p50 0.16 ms, p99 0.35 ms" "1.2 ms as one transaction"
  stop "$KAFKA_PID" accord
  exec 7>&-
  stop "$BROKER_PID" broker
}

# ---------------------------------------------------------------- 3. scale
scale() {
  log "scale: generating $SCALE_SCHEMAS schemas in $SCALE_SUBJECTS subjects into an embedded log"
  SCALE_DIR=$WORK/scale-data
  "$LOGGEN" --data-dir "$SCALE_DIR" --schemas "$SCALE_SCHEMAS" --subjects "$SCALE_SUBJECTS" >"$WORK/loggen.log" 2>&1 ||
    { cat "$WORK/loggen.log" >&2; die "log generation"; }
  log "scale: accord replay"
  t0=$(date +%s%N)
  "$ACCORD" replay --data-dir "$SCALE_DIR" --set log.level=warn >"$WORK/replay.log" 2>&1 || { cat "$WORK/replay.log" >&2; die "replay"; }
  replay_s=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
  replay_rate=$(awk -v n="$SCALE_SCHEMAS" -v s="$replay_s" 'BEGIN { printf "%.0f", n / s }')
  row "rebuild: accord replay, $SCALE_SCHEMAS records" "$replay_rate records/s" "$replay_s s" "target ≥ 100,000/s"

  # Many subjects sharing one large schema: each record carries the whole text, and a
  # rebuild that parsed it once per record grew with the text times its copies.
  log "scale: a rebuild of 1000 subjects sharing one large schema"
  local shared_dir=$WORK/shared-data shared_s shared_mb
  "$LOGGEN" --data-dir "$shared_dir" --schemas 1000 --subjects 1000 --shared-fields 2500 >"$WORK/loggen-shared.log" 2>&1 ||
    { cat "$WORK/loggen-shared.log" >&2; die "shared log generation"; }
  t0=$(date +%s%N)
  "$ACCORD" replay --data-dir "$shared_dir" --set log.level=warn >"$WORK/replay-shared.log" 2>&1 ||
    { cat "$WORK/replay-shared.log" >&2; die "shared replay"; }
  shared_s=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.2f", (b - a) / 1e9 }')
  shared_mb=$(du -sm "$shared_dir/log" | cut -f1)
  row "rebuild: 1,000 subjects sharing one schema of 2,500 fields" "$shared_s s" "log $shared_mb MiB" "each record carries the whole text"
  rm -rf "$shared_dir"

  log "scale: first start (apply the whole log)"
  rm -rf "$SCALE_DIR/store"
  SCALE_PORT=$(port)
  t0=$(date +%s%N)
  start_node scale "$SCALE_DIR" "$SCALE_PORT"
  first_s=$($PY "$HELP" wait-ready --port "$SCALE_PORT" --since "$t0" --timeout 600) || die "scale node not ready"
  first_rate=$(awk -v n="$SCALE_SCHEMAS" -v s="$first_s" 'BEGIN { printf "%.0f", n / s }')
  row "rebuild: first start on the log until ready" "$first_rate records/s" "$first_s s" "target ≥ 100,000/s"
  curl -fs "http://127.0.0.1:$SCALE_PORT/schemas/ids/$SCALE_SCHEMAS" | grep -q '"schema"' || die "scale node misses the last id"
  stop "$NODE_PID" accord

  log "scale: restart on the intact store"
  t0=$(date +%s%N)
  start_node scale "$SCALE_DIR" "$SCALE_PORT"
  SCALE_PID=$NODE_PID
  start_s=$($PY "$HELP" wait-ready --port "$SCALE_PORT" --since "$t0" --timeout 120) || die "scale node not ready"
  last_subject=$(printf 'bench-subject-%06d-value' $((SCALE_SUBJECTS - 1)))
  curl -fs "http://127.0.0.1:$SCALE_PORT/subjects/$last_subject/versions/latest" |
    grep -q "\"version\":$((SCALE_SCHEMAS / SCALE_SUBJECTS))" || die "scale node answers a wrong latest version"
  rss=$($PY "$HELP" rss --pid "$SCALE_PID")
  stop "$SCALE_PID" accord
  disk_log=$(du -sm "$SCALE_DIR/log" | cut -f1)
  disk_store=$(du -sm "$SCALE_DIR/store" | cut -f1)
  row "start with an intact store, $SCALE_SCHEMAS schemas" "$start_s s to ready" "" "target < 1 s"
  row "resident memory after start" "$rss MiB VmRSS" "" "target < 300 MB; accord.cache.bytes default 64 MiB"
  row "size on disk" "$((disk_log + disk_store)) MiB" "log $disk_log MiB, store $disk_store MiB" "$SCALE_SUBJECTS subjects"
}

# Reads at scale (--scale only): the node restarted on the store `scale` left behind.
# First reads are measured twice, on disjoint lists of the shuffled ids: right after the
# start (cold: RocksDB's index and filter blocks and the caches' memory not yet in), over the
# first third, and on a warm node (what a node that has served for a while pays for an id it
# never served), over the ids after it: as many as 80,000 reads/s for the walk's length would
# ask, so that a faster walk does not wrap, within the other two thirds. nginx walks the warm
# list's bodies in the same order: the same bytes, each file once.
scale_reads() {
  local rps p50 p99 secs all_secs hot=1000 third warm n_rps n_p50 n_p99 rss_read
  local cold_rps warm_rps walk_rps walk_p50 walk_p99 RPS
  log "scale: reads"
  $PY "$HELP" id-paths --count "$SCALE_SCHEMAS" --out "$WORK/scale-ids.txt"
  third=$((SCALE_SCHEMAS / 3))
  # Short enough (at ≈45k/s) that the cold walk does not wrap: each id is asked once.
  secs=$(awk -v n="$third" 'BEGIN { s = int(n / 45000); print (s < 1 ? 1 : (s > 5 ? 5 : s)) }')
  warm=$((secs * 80000))
  ((warm < third)) && warm=$third
  ((warm > SCALE_SCHEMAS - third)) && warm=$((SCALE_SCHEMAS - third))
  head -n "$hot" "$WORK/scale-ids.txt" >"$WORK/scale-hot.txt"
  head -n "$third" "$WORK/scale-ids.txt" >"$WORK/scale-cold.txt"
  sed -n "$((third + 1)),$((third + warm))p" "$WORK/scale-ids.txt" >"$WORK/scale-warm.txt"
  start_node scale-read "$SCALE_DIR" "$SCALE_PORT"
  SCALE_PID=$NODE_PID
  $PY "$HELP" wait-ready --port "$SCALE_PORT" --timeout 120 >/dev/null || die "scale node not ready"
  # The rebuild's nodes stopped before RocksDB compacted what they wrote: that compaction runs
  # now. Reads are measured once it is done (a steady node), and its length is reported.
  local t0 compact_s deadline=$((SECONDS + 600))
  t0=$(date +%s%N)
  until curl -fs "http://127.0.0.1:$SCALE_PORT/metrics" | grep -q '^accord_store_compacting 0'; do
    ((SECONDS < deadline)) || die "the scale node's store still compacts after 600 s"
    sleep 0.5
  done
  compact_s=$(awk -v a="$t0" -v b="$(date +%s%N)" 'BEGIN { printf "%.1f", (b - a) / 1e9 }')
  row "compaction left by the rebuild, after a restart" "$compact_s s" "" "reads below are measured after it (accord_store_compacting 0)"
  # first_reads NAME LIST WHAT: a walk of first reads over LIST; sets RPS, a row per walk.
  first_reads() {
    local out p50 p99 wrapped="" ids
    ids=$(wc -l <"$2")
    out=$(BENCH_PATHS=$2 run_wrk "$1" -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${secs}s" \
      -s "$ROOT/bench/lua/walk.lua" "http://127.0.0.1:$SCALE_PORT") || exit 1
    strict "$1" "$out"
    read -r RPS p50 p99 _ <<<"$out"
    awk -v r="$RPS" -v s="$secs" -v n="$ids" 'BEGIN { exit !(r * s > n) }' && wrapped="; the list wrapped: later requests were repeats"
    row "GET /schemas/ids/{id}, first reads $3" "$RPS req/s" "p50 $p50 ms, p99 $p99 ms" "${secs} s over $ids shuffled ids$wrapped"
  }
  first_reads scale-cold "$WORK/scale-cold.txt" "right after start"
  cold_rps=$RPS
  first_reads scale-warm "$WORK/scale-warm.txt" "on a warm node (other ids)"
  warm_rps=$RPS
  # Then every id, each asked for twice in a row, for the memory a full read leaves behind:
  # the response cache keeps an answer the second time it is asked for, so the walk fills it.
  awk '{ print; print }' "$WORK/scale-ids.txt" >"$WORK/scale-ids-twice.txt"
  all_secs=$(awk -v n="$SCALE_SCHEMAS" -v r="$warm_rps" 'BEGIN { s = int(2.6 * n / (r > 0 ? r : 1)) + 1; print (s < 2 ? 2 : s) }')
  BENCH_PATHS=$WORK/scale-ids-twice.txt run_wrk scale-all -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${all_secs}s" \
    -s "$ROOT/bench/lua/walk.lua" "http://127.0.0.1:$SCALE_PORT" >/dev/null || exit 1
  rss_read=$($PY "$HELP" rss --pid "$SCALE_PID")
  row "resident memory after reading every id twice" "$rss_read MiB VmRSS" "" "${all_secs} s walk over all ids, each asked for twice in a row"
  out=$(BENCH_PATHS=$WORK/scale-hot.txt run_wrk scale-hot -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${DURATION}s" \
    -s "$ROOT/bench/lua/walk.lua" "http://127.0.0.1:$SCALE_PORT") || exit 1
  strict scale-hot "$out"
  read -r rps p50 p99 _ <<<"$out"
  row "GET /schemas/ids/{id}, $hot hot ids: accord" "$rps req/s" "p50 $p50 ms, p99 $p99 ms" "wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${DURATION}s"
  log "scale: mirroring the warm walk's $warm bodies for nginx"
  mkdir -p "$WORK/scale-www"
  $PY "$HELP" mirror-paths --port "$SCALE_PORT" --paths "$WORK/scale-warm.txt" --root "$WORK/scale-www" --first "$warm" ||
    die "mirroring the warm walk's bodies"
  $PY "$HELP" mirror-paths --port "$SCALE_PORT" --paths "$WORK/scale-hot.txt" --root "$WORK/scale-www" --first "$hot" ||
    die "mirroring the hot bodies"
  chmod -R a+rX "$WORK/scale-www"
  stop "$SCALE_PID" accord
  start_nginx "$WORK/scale-www" "$(head -n 1 "$WORK/scale-hot.txt")"
  out=$(BENCH_PATHS=$WORK/scale-warm.txt run_wrk scale-walk-nginx -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${secs}s" \
    -s "$ROOT/bench/lua/walk.lua" "http://127.0.0.1:$NGINX_PORT") || exit 1
  strict scale-walk-nginx "$out"
  read -r walk_rps walk_p50 walk_p99 _ <<<"$out"
  out=$(BENCH_PATHS=$WORK/scale-hot.txt run_wrk scale-hot-nginx -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d "${DURATION}s" \
    -s "$ROOT/bench/lua/walk.lua" "http://127.0.0.1:$NGINX_PORT") || exit 1
  strict scale-hot-nginx "$out"
  read -r n_rps n_p50 n_p99 _ <<<"$out"
  stop "$NGINX_PID" nginx
  rm -rf "$WORK/scale-www"
  row "GET /schemas/ids/{id}, $hot hot ids: nginx, same bodies" "$n_rps req/s" "p50 $n_p50 ms, p99 $n_p99 ms" "accord / nginx $(ratio "$rps" "$n_rps")× req/s"
  row "the warm walk's bodies: nginx, each file once" "$walk_rps req/s" "p50 $walk_p50 ms, p99 $walk_p99 ms" \
    "$warm files, the same order and threads as accord's warm walk"
  row "first reads / nginx's walk of the same bodies" "warm node $(ratio "$warm_rps" "$walk_rps")×, right after start $(ratio "$cold_rps" "$walk_rps")×" \
    "" "each first read goes to RocksDB; nginx opens each file from the page cache"
  row "first reads on a warm node / nginx's $hot hot files" "$(ratio "$warm_rps" "$n_rps")×" "" "the harder baseline: nginx serving a few files"
  # The store's share of an uncached read, without HTTP: one thread, the node stopped.
  local store_ns reads=$((SCALE_SCHEMAS < 200000 ? SCALE_SCHEMAS : 200000))
  store_ns=$("$STORE_READS" --data-dir "$SCALE_DIR" --reads "$reads" | cut -d' ' -f1) || die "store reads"
  row "store alone: a read of an id not read before" "$(awk -v n="$store_ns" 'BEGIN { printf "%.1f", n / 1000 }') µs" "" "no HTTP, one thread, $reads shuffled ids, default block cache"
}

# ---------------------------------------------------------------- 4. compatibility
compatibility() {
  log "compatibility: FULL_TRANSITIVE, 300 fields against 100 versions"
  "$COMPAT" --runs "$COMPAT_RUNS" >"$WORK/compat.txt" 2>"$WORK/compat.err" || { cat "$WORK/compat.err" >&2; die "compatibility benchmark"; }
  while read -r fmt median best _; do
    row "compatibility check $fmt, 300 fields vs 100 versions" "$median ms (median)" "best $best ms" "FULL_TRANSITIVE, target < 100 ms"
  done <"$WORK/compat.txt"
}

# ---------------------------------------------------------------- 5. serde
serde() {
  log "serde: serialize / deserialize on one thread, registry cached"
  "$SERDE" "$SERDE_ITERATIONS" >"$WORK/serde.txt" 2>"$WORK/serde.err" || { cat "$WORK/serde.err" >&2; die "serde benchmark"; }
  # Lines after the header: "<what, several words> <accord msg/s> <library alone msg/s> <ratio>".
  while read -r line; do
    read -r -a f <<<"$line"
    n=${#f[@]}
    row "serde: ${f[*]:0:n-3}" "${f[n-3]} msg/s" "library alone ${f[n-2]} msg/s" "ratio ${f[n-1]}, one thread"
  done < <(tail -n +2 "$WORK/serde.txt")
}

if [[ $SCALE_ONLY == 1 ]]; then
  scale
  scale_reads
else
  read_path
  write_path
  scale
  compatibility
  serde
fi

# ---------------------------------------------------------------- report
CPU=$(awk -F': ' '/model name/ { print $2; exit }' /proc/cpuinfo)
MODE=$([[ $QUICK == 1 ]] && echo "--quick (smoke sizes)" || echo "full")
MARKER=bench HEAD=$'# Benchmarks\n\nHow to run them and how each figure is made: [bench/README.md](../bench/README.md).\n\n'
if [[ $SCALE_ONLY == 1 ]]; then
  MODE="--scale $SCALE_N" MARKER=bench-scale-$SCALE_N
  HEAD=$'{text}\n\n## Scale: '"$SCALE_N"$' schemas\n\n'
fi
{
  echo "Produced by \`./bench/run.sh\` ($MODE) on $(date -u +%Y-%m-%d): $CORES cores (nproc), CPU: $CPU."
  echo "$BUILD_TYPE build; every process on loopback; wrk and the servers share the same cores."
  if [[ -n ${ACCORD_BENCH_NOTE:-} ]]; then echo; echo "**Note:** $ACCORD_BENCH_NOTE"; fi
  echo
  echo "| measurement | result | latency / detail | notes |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${ROWS[@]}"
} >"$WORK/table.md"
echo
cat "$WORK/table.md"
# The table goes between the markers of docs/benchmarks.md; the text around it (analysis)
# is kept. A missing file or missing markers get a fresh file.
"$PY" "$ROOT/bench/tools/bench.py" put-table --out "$OUT" --table "$WORK/table.md" --marker "$MARKER" --new-head "$HEAD"
log "table written to $OUT"
