#!/usr/bin/env bash
# Starts the cluster of docker-compose.yml from local processes: one redis-server and N DiploSim server nodes on
# distinct loopback ports, waits until every node says it has joined (/health/ready), and stops them all on Ctrl-C,
# on TERM, or when a node dies.
#
#   deploy/local-cluster.sh [--nodes N] [--http-port P] [--redis-port P] [--state DIR] [--check] [--dry-run]
#
#   --nodes N        nodes to start (default 3)
#   --http-port P    node i serves http://127.0.0.1:(P+i) (default 5100, so 5101, 5102, ...)
#   --silo-port P    node i's silo port is P+i (default 11110); --gateway-port likewise (default 30000)
#   --redis-port P   redis-server's port (default 6390)
#   --state DIR      where Redis keeps its append-only file and the nodes their logs (default a new temp folder)
#   --check          stop as soon as every node is ready (exit 0), instead of running until interrupted
#   --dry-run        print each process and its settings, start nothing
set -euo pipefail
cd "$(dirname "$0")/.."

nodes=3 http_port=5100 silo_port=11110 gateway_port=30000 redis_port=6390 state="" check=0 dry_run=0
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --http-port) http_port=$2; shift 2 ;;
    --silo-port) silo_port=$2; shift 2 ;;
    --gateway-port) gateway_port=$2; shift 2 ;;
    --redis-port) redis_port=$2; shift 2 ;;
    --state) state=$2; shift 2 ;;
    --check) check=1; shift ;;
    --dry-run) dry_run=1; shift ;;
    -h|--help) sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$nodes" in ''|*[!0-9]*|0) echo "--nodes must be a positive number" >&2; exit 2 ;; esac

cluster_id="local-$(date +%s)"
redis="127.0.0.1:${redis_port}"

# The settings of node $1, as the environment variables ClusterNodeOptions reads.
node_environment() {
  local i=$1
  echo "DiploSim__Cluster__Mode=Redis"
  echo "DiploSim__Cluster__RedisConnectionString=${redis}"
  echo "DiploSim__Cluster__ClusterId=${cluster_id}"
  echo "DiploSim__Cluster__ServiceId=diplosim-local"
  echo "DiploSim__Cluster__SiloPort=$((silo_port + i))"
  echo "DiploSim__Cluster__GatewayPort=$((gateway_port + i))"
  echo "DiploSim__Cluster__AdvertisedAddress=127.0.0.1"
}

if [ "$dry_run" -eq 1 ]; then
  echo "redis 127.0.0.1 ${redis_port}"
  for i in $(seq 1 "$nodes"); do
    echo "node${i} http://127.0.0.1:$((http_port + i)) $(node_environment "$i" | tr '\n' ' ')"
  done
  exit 0
fi

command -v redis-server >/dev/null || { echo "redis-server is missing: apt-get install -y redis-server" >&2; exit 1; }
[ -n "$state" ] || state=$(mktemp -d -t diplosim-cluster-XXXXXX)
mkdir -p "$state/redis"

pids=()
redis_pid=""
stop_all() {
  trap - EXIT INT TERM
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    # A node leaves the cluster gracefully on TERM; one that has not gone after 30 s is killed.
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  if [ -n "$redis_pid" ]; then
    kill -TERM "$redis_pid" 2>/dev/null || true
    wait "$redis_pid" 2>/dev/null || true
  fi
  echo "stopped; logs and Redis data in ${state}"
}
trap stop_all EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

redis-server --bind 127.0.0.1 --port "$redis_port" --dir "$state/redis" \
  --appendonly yes --appendfsync always --save "" >"$state/redis.log" 2>&1 &
redis_pid=$!

dotnet build src/DiploSim.Server/DiploSim.Server.csproj --configuration Release -nologo -v quiet >"$state/build.log" 2>&1 \
  || { echo "build failed: see $state/build.log" >&2; exit 1; }
server_dll=src/DiploSim.Server/bin/Release/net10.0/DiploSim.Server.dll
# Every node signs and checks passes with the same key.
signing_key=${DIPLOSIM_SIGNING_KEY:-$(head -c 32 /dev/urandom | base64)}

for i in $(seq 1 "$nodes"); do
  (
    while IFS= read -r setting; do export "${setting?}"; done < <(node_environment "$i")
    export DiploSim__SigningKey="$signing_key" DOTNET_ENVIRONMENT=Production
    exec dotnet "$server_dll" --urls "http://127.0.0.1:$((http_port + i))" --contentRoot "$PWD/src/DiploSim.Server"
  ) >"$state/node${i}.log" 2>&1 &
  pids+=("$!")
done

# Ready means joined: each node answers /health/ready with 200 (bounded: 120 s for the whole cluster).
deadline=$((SECONDS + 120))
for i in $(seq 1 "$nodes"); do
  url="http://127.0.0.1:$((http_port + i))"
  until curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null; do
    if ! kill -0 "${pids[$((i - 1))]}" 2>/dev/null; then
      echo "node${i} exited; its log:" >&2; tail -n 40 "$state/node${i}.log" >&2; exit 1
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "node${i} was not ready within 120 s; its log: $state/node${i}.log" >&2; exit 1
    fi
    sleep 0.5
  done
  echo "node${i} ready at ${url}"
done

if [ "$check" -eq 1 ]; then
  echo "all ${nodes} nodes ready"
  exit 0
fi

echo "cluster ${cluster_id} is up; Ctrl-C stops it"
# Runs until interrupted or until any node exits.
wait -n "${pids[@]}"
echo "a node exited; stopping the cluster" >&2
exit 1
