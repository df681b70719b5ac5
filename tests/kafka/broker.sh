#!/usr/bin/env bash
# A single-node Apache Kafka broker (KRaft mode: broker and controller in one JVM) on free
# loopback ports, for eddy's Kafka tests and for trying the connectors by hand.
#
#   broker.sh fetch      the broker's jars from Maven Central into broker/target/lib (once; make
#                        deps runs it; skipped when the jars of this pom.xml are there)
#   broker.sh start DIR  formats a fresh log dir under DIR, starts the broker, waits until it
#                        listens and writes its address to DIR/bootstrap ("127.0.0.1:PORT")
#   broker.sh stop DIR   stops the broker started with DIR and removes its data
#   broker.sh kill DIR   kills the broker (SIGKILL, as a crash or a lost host would), keeping its
#                        data and ports: clients see their connections drop
#   broker.sh restart DIR  starts a killed broker again on the same ports with the same data
#
# A broker must not outlive whoever started it (a ctest killed half-way never runs the fixture
# that stops it): `start` stops a broker left running with the same DIR, and a watchdog stops
# the broker when the process that ran `start` (ctest, or your shell) is gone. Set
# EDDY_KAFKA_WATCH_PID to watch another process instead, or to 0 for no watchdog.
# KAFKA_JVM_OPTS replaces the JVM options (default: a small heap, the quick-starting C1 JIT).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
project=$here/broker
lib=$project/target/lib
stamp=$lib/.fetched
cluster_id=ZWRkeS10ZXN0LWNsdXN0ZXI  # any 16 bytes in base64 without padding
jvm_opts=${KAFKA_JVM_OPTS:--Xms64m -Xmx512m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:-UsePerfData}

die() { echo "broker.sh: $*" >&2; exit 1; }

fetch() {
  local want
  want=$(sha256sum "$project/pom.xml" | cut -d' ' -f1)
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then return 0; fi
  command -v mvn >/dev/null || die "mvn not found (make deps installs maven)"
  echo "broker.sh: fetching the Kafka broker's jars (Maven)"
  rm -rf "$lib"
  mvn -B -q -Dstyle.color=never -f "$project/pom.xml" dependency:copy-dependencies >&2 ||
    die "mvn could not fetch the broker's jars"
  echo "$want" >"$stamp"
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

alive() { [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null; }

stop() {
  local dir=$1 pid watchdog
  watchdog=$(cat "$dir/watchdog.pid" 2>/dev/null || true)
  if alive "$watchdog"; then kill "$watchdog" 2>/dev/null || true; fi
  pid=$(cat "$dir/pid" 2>/dev/null || true)
  if alive "$pid" && grep -q "kafka.Kafka" "/proc/$pid/cmdline" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 100); do alive "$pid" || break; sleep 0.1; done
    if alive "$pid"; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -rf "$dir/data" "$dir/pid" "$dir/watchdog.pid" "$dir/watch.pid" "$dir/bootstrap" \
    "$dir/address"
}

kill_broker() {
  local dir=$1 pid watchdog
  pid=$(cat "$dir/pid" 2>/dev/null || true)
  alive "$pid" && grep -q "kafka.Kafka" "/proc/$pid/cmdline" 2>/dev/null ||
    die "no broker of $dir is running"
  watchdog=$(cat "$dir/watchdog.pid" 2>/dev/null || true)
  if alive "$watchdog"; then kill "$watchdog" 2>/dev/null || true; fi
  kill -9 "$pid"
  for _ in $(seq 100); do alive "$pid" || return 0; sleep 0.1; done
  die "the broker (pid $pid) did not die"
}

start() {
  local dir=$1
  [ -f "$stamp" ] || die "the broker's jars are missing: run '$0 fetch' (or make deps) first"
  command -v java >/dev/null || die "java not found (make deps installs default-jre-headless)"
  mkdir -p "$dir"
  dir=$(cd "$dir" && pwd)
  stop "$dir"
  local port controller
  port=$(free_port)
  controller=$(free_port)
  while [ "$controller" = "$port" ]; do controller=$(free_port); done
  mkdir -p "$dir/data"
  cat >"$dir/server.properties" <<PROPS
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:$controller
listeners=PLAINTEXT://127.0.0.1:$port,CONTROLLER://127.0.0.1:$controller
advertised.listeners=PLAINTEXT://127.0.0.1:$port
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$dir/data
num.partitions=1
auto.create.topics.enable=false
offsets.topic.replication.factor=1
offsets.topic.num.partitions=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
log.flush.interval.messages=9223372036854775807
PROPS
  # shellcheck disable=SC2086
  java $jvm_opts -cp "$lib/*" kafka.tools.StorageTool format -t "$cluster_id" \
    -c "$dir/server.properties" --ignore-formatted >"$dir/format.log" 2>&1 ||
    die "formatting the log dir failed: $(tail -5 "$dir/format.log")"
  echo "127.0.0.1:$port" >"$dir/address"
  echo "${EDDY_KAFKA_WATCH_PID:-$PPID}" >"$dir/watch.pid"
  : >"$dir/broker.log"
  launch "$dir"
}

# Runs the broker of DIR (its server.properties and data), with a watchdog of the process kept in
# DIR/watch.pid, and waits until it listens.
launch() {
  local dir=$1 address port
  address=$(cat "$dir/address")
  port=${address##*:}
  # shellcheck disable=SC2086
  setsid java $jvm_opts -cp "$lib/*" kafka.Kafka "$dir/server.properties" \
    </dev/null >>"$dir/broker.log" 2>&1 &
  local pid=$!
  echo "$pid" >"$dir/pid"
  local watch
  watch=$(cat "$dir/watch.pid")
  if [ "$watch" != 0 ]; then
    setsid bash -c "while kill -0 $watch 2>/dev/null && kill -0 $pid 2>/dev/null; do sleep 2; done
                    kill $pid 2>/dev/null; sleep 10; kill -9 $pid 2>/dev/null" \
      </dev/null >/dev/null 2>&1 &
    echo $! >"$dir/watchdog.pid"
  fi
  # Up when it accepts connections (clients retry while its metadata settles).
  for _ in $(seq 1200); do
    alive "$pid" || die "the broker exited: $(tail -20 "$dir/broker.log")"
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$address" >"$dir/bootstrap"
      echo "broker.sh: Kafka broker at $address (pid $pid, log $dir/broker.log)"
      return 0
    fi
    sleep 0.1
  done
  stop "$dir"
  die "the broker did not listen within 120 s"
}

case "${1:-}" in
  fetch) fetch ;;
  start) [ $# = 2 ] || die "usage: $0 start DIR"; start "$2" ;;
  stop) [ $# = 2 ] || die "usage: $0 stop DIR"; stop "$2" ;;
  kill) [ $# = 2 ] || die "usage: $0 kill DIR"; kill_broker "$(cd "$2" && pwd)" ;;
  restart)
    [ $# = 2 ] || die "usage: $0 restart DIR"
    [ -f "$2/address" ] && [ -d "$2/data" ] || die "no broker was started with $2"
    launch "$(cd "$2" && pwd)" ;;
  *) die "usage: $0 fetch | start DIR | stop DIR | kill DIR | restart DIR" ;;
esac
