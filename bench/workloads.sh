#!/usr/bin/env bash
# The workload matrix: Larder against memcached on a dedicated core, workload by workload.
#
#   bench/workloads.sh [-r ROUNDS] [-t SECONDS] [--only NAME[,NAME...]] [--server-cpu N] [--load-cpu N] [--list]
#                      [--latency]
#
# Both servers run pinned to one core (--server-cpu, default 0) with one thread each (-t 1, -m 1024),
# the load pinned to another (--load-cpu, default 1). For each workload the servers take turns
# in pairs, ROUNDS of them (default 3, SECONDS each, default 10), after one uncounted warm-up each;
# which server goes first alternates from pair to pair. Printed per workload: the median throughput
# of each, the median of the server's own CPU time per request (utime + stime from /proc/PID/stat,
# so a client that saturates its core cannot hide the server's cost), and Larder/memcached for both,
# as the median of the pairs' ratios: the two runs of a pair are back to back, so a slow spell of the
# machine weighs on both sides of a ratio rather than on one server's median. The CPU per request is
# the headline: it is what a server with cores of its own pays, whatever the client manages to send.
# memaslap (Debian's libmemcached-tools) drives the loads it can express; bench's own generator
# (java -jar bench/target/larder-bench.jar load|bulk) the rest: TLS, deep pipelines, the bulk load.
# --latency adds the latency table: memcached's throughput under the generator's default load (32
# connections, 90% gets of 100 bytes, closed loop) on its core, then both servers driven open loop
# (--rate) at 25%, 50% and 75% of it, each latency counted from when its request was due, medians of
# ROUNDS runs of p50, p99 and p99.9, the p99 ratio the median of the pairs'. --only none skips the matrix.
# Build first: mvn -q -DskipTests package. Extra server flags: LARDER_ARGS, MEMCACHED_ARGS.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3 seconds=10 only="" server_cpu=0 load_cpu=1 list="" latency=""
while [ $# -gt 0 ]; do
  case "$1" in
    -r) rounds="$2"; shift 2 ;;
    -t) seconds="$2"; shift 2 ;;
    --only) only=",$2,"; shift 2 ;;
    --server-cpu) server_cpu="$2"; shift 2 ;;
    --load-cpu) load_cpu="$2"; shift 2 ;;
    --list) list=yes; shift ;;
    --latency) latency=yes; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

# name | driver | arguments (memaslap: its flags; load: the generator's; bulk: the bulk loader's)
workloads=(
  "text-100|memaslap|-T 1 -c 32 -X 100"
  "binary-100|memaslap|-T 1 -c 32 -X 100 -B"
  "text-4k|memaslap|-T 1 -c 32 -X 4096"
  "text-32k|memaslap|-T 1 -c 32 -X 32768"
  "multiget-10|memaslap|-T 1 -c 32 -X 100 -d 10"
  "multiget-100|memaslap|-T 1 -c 32 -X 100 -d 100"
  "sets-50pct|memaslap|-T 1 -c 32 -F @SETS50"
  "conns-256|memaslap|-T 1 -c 256 -X 100"
  "bulk-noreply-100m|bulk|-X 1000 -b 104857600 --warm-up 2 --loads 4"
  "pipelined-1000-gets|load|-c 8 -d 1000 --get-ratio 1 -X 100"
  "tls-100|load|--tls -c 32 -X 100"
  "tls-4k|load|--tls -c 32 -X 4096"
)
if [ -n "$list" ]; then printf '%s\n' "${workloads[@]}" | cut -d'|' -f1; exit 0; fi

command -v memcaslap >/dev/null || { echo "memcaslap missing: apt-get install libmemcached-tools" >&2; exit 1; }
command -v taskset >/dev/null || { echo "taskset missing (util-linux)" >&2; exit 1; }
[ -x dist/target/larder/bin/larder ] && [ -r bench/target/larder-bench.jar ] ||
  { echo "build first: mvn -q -DskipTests package" >&2; exit 1; }

# shellcheck source=bench/servers.sh
. bench/servers.sh

printf 'key\n16 16 1\nvalue\n100 100 1\ncmd\n0 0.5\n1 0.5\n' >"$work/sets50.cfg"
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
  -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
tls_opts="ssl_chain_cert=$work/cert.pem,ssl_key=$work/key.pem"

# Each server: a plain listener and a TLS one, one thread, pinned.
mc_port=$(free_port) mc_tls=$(free_port)
# shellcheck disable=SC2086 # MEMCACHED_ARGS is split on blanks on purpose
taskset -c "$server_cpu" memcached -u "$(id -un)" -U 0 -m 1024 -t 1 -c 4096 -Z -o "$tls_opts" \
  -l "notls:127.0.0.1:$mc_port,127.0.0.1:$mc_tls" ${MEMCACHED_ARGS:-} & pids+=($!)
mc_pid=$!
ld_port=$(free_port) ld_tls=$(free_port)
# shellcheck disable=SC2086 # LARDER_ARGS is split on blanks on purpose
taskset -c "$server_cpu" dist/target/larder/bin/larder -U 0 -m 1024 -t 1 -c 4096 --admin-port 0 -Z -o "$tls_opts" \
  -l "notls:127.0.0.1:$ld_port,127.0.0.1:$ld_tls" ${LARDER_ARGS:-} >"$work/larder.log" 2>&1 & pids+=($!)
ld_pid=$!
wait_port "$mc_port"; wait_port "$ld_port"

cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
ticks_per_second=$(getconf CLK_TCK)

# One run of the workload against the server PID listening on PORT (TLS_PORT for TLS) for SECS;
# prints "requests/s server_cpu_us_per_request". The bench generator measures the server's CPU itself
# over its measured part, after 3 s of uncounted load that warm its own JIT; the bulk loader does
# too, over its counted loads (four of 100 MB, each on a connection of its own, after two uncounted
# that warm the loader's JIT: one load is 20-30 ticks of /proc CPU time, too few); for memaslap it
# is the server's CPU over the whole run divided by the requests it counts. PREFILL=no leaves out the
# generator's setting of every key first, which the warm-up run did.
drive() {
  local pid=$1 driver=$2 args=$3 port=$4 tport=$5 secs=$6 before after
  args=${args//@SETS50/$work/sets50.cfg}
  before=$(cpu_ticks "$pid")
  case "$driver" in
    memaslap)
      # shellcheck disable=SC2086
      taskset -c "$load_cpu" memcaslap -s "127.0.0.1:$port" -t "${secs}s" $args 2>&1 |
        awk '/^Run time:/ { for (i = 1; i <= NF; i++) { if ($i == "Ops:") n = $(i + 1); if ($i == "TPS:") t = $(i + 1) }
                            print t, n }' | tail -1 ;;
    load)
      [[ "$args" == *--tls* ]] && port=$tport
      # shellcheck disable=SC2086
      taskset -c "$load_cpu" java -jar bench/target/larder-bench.jar load -p "$port" -t "$secs" -w 3 --quiet \
        --server-pid "$pid" ${PREFILL:+--no-prefill} --json "$work/report.json" $args >/dev/null
      python3 -c 'import json,sys; r = json.load(open(sys.argv[1]))
print(round(r["requestsPerSecond"]), r["requests"], round(r["serverCpuMicrosPerRequest"], 2))' "$work/report.json" ;;
    bulk)
      # shellcheck disable=SC2086
      taskset -c "$load_cpu" java -jar bench/target/larder-bench.jar bulk -p "$port" --server-pid "$pid" --json $args |
        python3 -c 'import json,sys; r = json.load(sys.stdin)
print(round(r["requestsPerSecond"]), r["requests"], round(r["serverCpuMicrosPerRequest"], 2))' ;;
  esac | {
    read -r rps count cpu
    after=$(cpu_ticks "$pid")
    [ -n "${cpu:-}" ] || cpu=$(awk -v n="${count:-0}" -v c="$(( after - before ))" -v hz="$ticks_per_second" \
      'BEGIN { printf "%.2f", (n > 0 ? c / hz * 1e6 / n : 0) }')
    echo "${rps:-0} $cpu"
  }
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }'; }
median() { printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "memcached $(memcached -V | cut -d' ' -f2) and Larder, each -t 1 pinned to cpu $server_cpu; load on cpu $load_cpu;" \
  "$rounds pairs of ${seconds}s runs; medians, ratios the median of the pairs'"
printf '%-20s %12s %12s %7s %10s %10s %7s\n' workload "mc req/s" "larder req/s" ratio "mc us/req" "ld us/req" ratio
for entry in "${workloads[@]}"; do
  IFS='|' read -r name driver args <<<"$entry"
  [ -z "$only" ] || [[ "$only" == *",$name,"* ]] || continue
  # Uncounted first: Larder's JIT (C2 alone, as the launcher runs it) compiles a workload's path after
  # some 10,000 requests of it, TLS's after 10-15 s of load; the bulk load runs by size, and its path
  # is compiled only after five or six loads of 100 MB: the warm-up runs (six loads each) do it.
  warm=$([[ "$args" == *--tls* ]] && echo 15 || echo 5)
  warmups=$([ "$driver" = bulk ] && echo 2 || echo 1)
  for _ in $(seq 1 "$warmups"); do
    drive "$mc_pid" "$driver" "$args" "$mc_port" "$mc_tls" "$warm" >/dev/null || true
    drive "$ld_pid" "$driver" "$args" "$ld_port" "$ld_tls" "$warm" >/dev/null || true
  done
  mc_rps=() mc_cpu=() ld_rps=() ld_cpu=() rps_ratios=() cpu_ratios=()
  for round in $(seq 1 "$rounds"); do
    for server in $( ((round % 2)) && echo "mc ld" || echo "ld mc"); do
      if [ "$server" = mc ]; then
        read -r m_rps m_cpu < <(PREFILL=no drive "$mc_pid" "$driver" "$args" "$mc_port" "$mc_tls" "$seconds")
      else
        read -r l_rps l_cpu < <(PREFILL=no drive "$ld_pid" "$driver" "$args" "$ld_port" "$ld_tls" "$seconds")
      fi
    done
    mc_rps+=("$m_rps") mc_cpu+=("$m_cpu") ld_rps+=("$l_rps") ld_cpu+=("$l_cpu")
    rps_ratios+=("$(ratio "$l_rps" "$m_rps")") cpu_ratios+=("$(ratio "$l_cpu" "$m_cpu")")
  done
  printf '%-20s %12.0f %12.0f %7.2f %10.2f %10.2f %7.2f\n' "$name" "$(median "${mc_rps[@]}")" "$(median "${ld_rps[@]}")" \
    "$(median "${rps_ratios[@]}")" "$(median "${mc_cpu[@]}")" "$(median "${ld_cpu[@]}")" "$(median "${cpu_ratios[@]}")"
  echo "  rounds: memcached ${mc_rps[*]} req/s, ${mc_cpu[*]} us; Larder ${ld_rps[*]} req/s, ${ld_cpu[*]} us;" \
    "ratios ${rps_ratios[*]} req/s, ${cpu_ratios[*]} us" >&2
done

[ -n "$latency" ] || exit 0
# Latency, open loop, at shares of memcached's dedicated-core throughput under the generator's default load.
load_run() { # PORT PID EXTRA...: prints "requests/s p50 p99 p99.9"
  local port=$1 pid=$2; shift 2
  taskset -c "$load_cpu" java -jar bench/target/larder-bench.jar load -p "$port" -t "$seconds" -w 3 --quiet \
    --server-pid "$pid" --json "$work/report.json" "$@" >/dev/null
  python3 -c 'import json,sys; r = json.load(open(sys.argv[1])); l = r["latencyMicros"]
print(round(r["requestsPerSecond"]), l["p50"], l["p99"], l["p999"])' "$work/report.json"
}
read -r peak _ < <(load_run "$mc_port" "$mc_pid")
echo
echo "latency, open loop: memcached's closed-loop throughput under the generator's default load: $peak req/s"
printf '%-10s %10s %24s %24s %8s\n' share "req/s" "memcached p50/p99/p99.9" "Larder p50/p99/p99.9" "p99 ratio"
for share in 25 50 75; do
  rate=$(( peak * share / 100 ))
  mc50=() mc99=() mc999=() ld50=() ld99=() ld999=() p99_ratios=()
  for round in $(seq 1 "$rounds"); do
    for server in $( ((round % 2)) && echo "mc ld" || echo "ld mc"); do
      if [ "$server" = mc ]; then
        read -r _ a b c < <(load_run "$mc_port" "$mc_pid" --no-prefill --rate "$rate"); mc50+=("$a"); mc99+=("$b"); mc999+=("$c")
      else
        read -r _ a b c < <(load_run "$ld_port" "$ld_pid" --no-prefill --rate "$rate"); ld50+=("$a"); ld99+=("$b"); ld999+=("$c")
      fi
    done
    p99_ratios+=("$(ratio "${ld99[-1]}" "${mc99[-1]}")")
  done
  printf '%-10s %10s %24s %24s %8.2f\n' "$share%" "$rate" \
    "$(median "${mc50[@]}")/$(median "${mc99[@]}")/$(median "${mc999[@]}") us" \
    "$(median "${ld50[@]}")/$(median "${ld99[@]}")/$(median "${ld999[@]}") us" "$(median "${p99_ratios[@]}")"
  echo "  rounds p99: memcached ${mc99[*]}; Larder ${ld99[*]}; ratios ${p99_ratios[*]}" >&2
done
