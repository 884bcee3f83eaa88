#!/usr/bin/env bash
# System calls per request: memcached, Larder over epoll and Larder over io_uring, each -t 1 pinned to
# one core, the load on another, over a fixed number of requests.
#
#   bench/syscalls.sh [-n REQUESTS] [--server-cpu N] [--load-cpu N]
#
# Each server is warmed with 5 s of the same load first; then perf counts the server's system calls
# (the raw_syscalls:sys_enter tracepoint over all its threads, which costs the server next to
# nothing, unlike strace) while bench's generator sends REQUESTS (default 500,000). Loads: 32
# connections with one request in flight each (90% gets of 100 bytes), and 8 connections with 100
# pipelined gets each. Printed: the calls per request, and the calls that account for most of them.
# Build first: mvn -q -DskipTests package. Needs perf (Debian's linux-perf) with tracepoints readable.
set -euo pipefail
cd "$(dirname "$0")/.."

requests=500000 server_cpu=0 load_cpu=1
while [ $# -gt 0 ]; do
  case "$1" in
    -n) requests="$2"; shift 2 ;;
    --server-cpu) server_cpu="$2"; shift 2 ;;
    --load-cpu) load_cpu="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
command -v perf >/dev/null || { echo "perf missing: apt-get install linux-perf" >&2; exit 1; }
[ -x dist/target/larder/bin/larder ] && [ -r bench/target/larder-bench.jar ] ||
  { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }

# shellcheck source=bench/servers.sh
. bench/servers.sh

calls=(read write writev readv recvfrom sendto recvmsg sendmsg epoll_wait epoll_pwait epoll_ctl io_uring_enter futex)
events="raw_syscalls:sys_enter"
for c in "${calls[@]}"; do events+=",syscalls:sys_enter_$c"; done

loads=("one-in-flight|-c 32 -X 100" "pipelined-100|-c 8 -d 100 --get-ratio 1 -X 100")

measure() { # NAME PID PORT
  local name=$1 pid=$2 port=$3
  for entry in "${loads[@]}"; do
    IFS='|' read -r load args <<<"$entry"
    # shellcheck disable=SC2086
    taskset -c "$load_cpu" java -jar bench/target/larder-bench.jar load -p "$port" -t 5 --quiet $args >/dev/null
    perf stat -x, -e "$events" -p "$pid" -o "$work/perf.csv" &
    local perf_pid=$!
    sleep 0.5
    # shellcheck disable=SC2086
    taskset -c "$load_cpu" java -jar bench/target/larder-bench.jar load -p "$port" -n "$requests" --no-prefill \
      --quiet $args >/dev/null
    kill -INT "$perf_pid"; wait "$perf_pid" 2>/dev/null || true
    python3 - "$work/perf.csv" "$requests" "$name" "$load" <<'PY'
import sys
counts = {}
for line in open(sys.argv[1]):
    parts = line.strip().split(',')
    if len(parts) > 2 and parts[0].replace('.', '').isdigit():
        counts[parts[2].split(':')[1].replace('sys_enter_', '')] = int(float(parts[0]))
n = int(sys.argv[2])
total = counts.pop('sys_enter', 0)
top = sorted(((v, k) for k, v in counts.items() if v), reverse=True)[:4]
print(f"{sys.argv[3]:<18} {sys.argv[4]:<15} {total / n:8.3f}   " + ", ".join(f"{k} {v / n:.3f}" for v, k in top))
PY
  done
}

echo "system calls per request, $requests requests per load; each server -t 1 on cpu $server_cpu, load on cpu $load_cpu"
printf '%-18s %-15s %8s   %s\n' server load calls/req "largest parts (per request)"

mc_port=$(free_port)
taskset -c "$server_cpu" memcached -u "$(id -un)" -U 0 -m 1024 -t 1 -c 4096 -l 127.0.0.1 -p "$mc_port" & pids+=($!)
wait_port "$mc_port"
measure "memcached $(memcached -V | cut -d' ' -f2)" "${pids[-1]}" "$mc_port"

for transport in epoll io_uring; do
  port=$(free_port)
  taskset -c "$server_cpu" dist/target/larder/bin/larder -U 0 -m 1024 -t 1 -c 4096 --admin-port 0 -l 127.0.0.1 \
    -p "$port" -o "transport=$transport" >"$work/larder-$transport.log" 2>&1 & pids+=($!)
  wait_port "$port"
  measure "Larder $transport" "${pids[-1]}" "$port"
done
