#!/usr/bin/env bash
# Runs the Kafka integration suites (storage, takeover, recovery, HA failover and fencing)
# against a broker that is not the test broker: each test on its own topic and election
# group, so runs never meet (integration/harness.py, ACCORD_TEST_BOOTSTRAP). Tests that need
# to take the broker down or inject errors are skipped with the reason.
#
#   integration/real-kafka.sh                # the compose Kafka: docker compose up (kafka only,
#                                            # with docker-compose.test.yml) at localhost:29092
#   ACCORD_TEST_BOOTSTRAP=host:port integration/real-kafka.sh   # a Kafka you run yourself
#   integration/real-kafka.sh --test-broker  # a test broker started by hand as the external
#                                            # broker: checks this path without Docker
#
# Extra arguments go to ctest (e.g. -R it_takeover). ACCORD_BUILD_DIR: the build tree
# (default build). A Kafka of your own must allow 3-second group sessions
# (group.min.session.timeout.ms <= 3000) and topic creation by the client.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${ACCORD_BUILD_DIR:-$repo/build}"
case "$build_dir" in /*) ;; *) build_dir="$repo/$build_dir" ;; esac
suites='^it_(kafka_storage|kafka_recovery|takeover|takeover_identity|ha_failover|ha_fencing)$'

mode=compose
[ -n "${ACCORD_TEST_BOOTSTRAP:-}" ] && mode=given
if [ "${1:-}" = "--test-broker" ]; then
  mode=test-broker
  shift
fi

# Waits until a TCP connection to host:port succeeds (bounded).
wait_for_port() {
  local address="$1" deadline=$((SECONDS + 120))
  until /usr/bin/python3 -c 'import socket, sys; h, p = sys.argv[1].rsplit(":", 1); socket.create_connection((h, int(p)), 2).close()' "$address" 2>/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "real-kafka: nothing answers on $address" >&2
      exit 1
    fi
    sleep 1
  done
}

case "$mode" in
  compose)
    command -v docker >/dev/null 2>&1 || { echo "real-kafka: docker not found; set ACCORD_TEST_BOOTSTRAP=host:port to use a Kafka you run" >&2; exit 1; }
    (cd "$repo" && docker compose -f docker-compose.yml -f docker-compose.test.yml up -d --wait kafka)
    export ACCORD_TEST_BOOTSTRAP=localhost:29092
    ;;
  test-broker)
    broker="$build_dir/integration/broker/accord-test-broker"
    [ -x "$broker" ] || { echo "real-kafka: $broker not built" >&2; exit 1; }
    workdir="$(mktemp -d)"
    mkfifo "$workdir/out"
    "$broker" --command-port 0 > "$workdir/out" < /dev/null &
    broker_pid=$!
    trap 'kill "$broker_pid" 2>/dev/null; wait "$broker_pid" 2>/dev/null; rm -rf "$workdir"' EXIT
    exec 3< "$workdir/out"
    read -r -t 30 bootstrap <&3
    read -r -t 30 command_line <&3
    export ACCORD_TEST_BOOTSTRAP="$bootstrap"
    export ACCORD_TEST_BROKER_CONTROL="${command_line#command }"
    echo "real-kafka: test broker (pid $broker_pid) at $ACCORD_TEST_BOOTSTRAP, commands at $ACCORD_TEST_BROKER_CONTROL"
    ;;
esac

wait_for_port "$ACCORD_TEST_BOOTSTRAP"
echo "real-kafka: running the Kafka suites against $ACCORD_TEST_BOOTSTRAP"
ctest --test-dir "$build_dir" --output-on-failure -R "$suites" "$@"
