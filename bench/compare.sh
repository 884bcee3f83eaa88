#!/usr/bin/env bash
# Throughput of Larder against memcached with Debian's memaslap (package libmemcached-tools),
# in alternation (memcached, Larder, memcached, Larder, ...), then the medians and their ratio.
#
#   bench/compare.sh [-r ROUNDS] [-t SECONDS] [-X VALUE_BYTES] [-c CONCURRENCY] [--binary]
#                    [--generator memaslap|larder] [--tls] [-w WARMUP_SECONDS] [-W FIRST_WARMUP_SECONDS]
#
# --generator larder uses bench's own load generator (java -jar bench/target/larder-bench.jar load)
# instead of memaslap, each run starting with WARMUP_SECONDS (default 5) of load it leaves out, so
# that the generator's JIT has compiled before it measures; --tls (which needs it) starts both
# servers with TLS (-Z) on a certificate made for the run with openssl. Before the first round each
# server gets FIRST_WARMUP_SECONDS of the same load, uncounted (default 3, with --tls 20: Larder's
# C2-only JIT takes 10-15 s of TLS load to compile the TLS path, and until then runs it interpreted).
#
# Both servers: 127.0.0.1, 64 MB, 2 threads, a free port each; Larder from dist/target/larder
# (mvn -q -DskipTests package first), with LARDER_ARGS added to its command line, for example
# LARDER_ARGS="-o value_by_reference_threshold=1m" to copy every value instead of sending large ones by reference,
# and MEMCACHED_ARGS added to memcached's, for example MEMCACHED_ARGS="-o no_lru_maintainer" (see bench/README).
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=3 seconds=10 value=100 concurrency=32 binary="" generator=memaslap tls="" warmup=5 first_warmup=""
while [ $# -gt 0 ]; do
  case "$1" in
    -r) rounds="$2"; shift 2 ;;
    -t) seconds="$2"; shift 2 ;;
    -X) value="$2"; shift 2 ;;
    -c) concurrency="$2"; shift 2 ;;
    -w) warmup="$2"; shift 2 ;;
    -W) first_warmup="$2"; shift 2 ;;
    --binary) binary="-B"; shift ;;
    --generator) generator="$2"; shift 2 ;;
    --tls) tls=yes; generator=larder; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
[ -n "$first_warmup" ] || first_warmup=$([ -n "$tls" ] && echo 20 || echo 3)
command -v memcaslap >/dev/null || { echo "memcaslap missing: apt-get install libmemcached-tools" >&2; exit 1; }
[ -x dist/target/larder/bin/larder ] || { echo "no distribution: mvn -q -DskipTests package" >&2; exit 1; }

# shellcheck source=bench/servers.sh
. bench/servers.sh

mc_tls=() ld_tls=()
if [ -n "$tls" ]; then
  certs=$work
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
    -keyout "$certs/key.pem" -out "$certs/cert.pem" 2>/dev/null
  mc_tls=(-Z -o "ssl_chain_cert=$certs/cert.pem,ssl_key=$certs/key.pem")
  ld_tls=(-Z -o "ssl_chain_cert=$certs/cert.pem,ssl_key=$certs/key.pem")
fi
mc_port=$(free_port)
# shellcheck disable=SC2086 # MEMCACHED_ARGS is split on blanks on purpose
memcached -u "$(id -un)" -l 127.0.0.1 -p "$mc_port" -U 0 -m 64 -t 2 -c 1024 "${mc_tls[@]}" ${MEMCACHED_ARGS:-} & pids+=($!)
ld_port=$(free_port)
# shellcheck disable=SC2086 # LARDER_ARGS is split on blanks on purpose
dist/target/larder/bin/larder -l 127.0.0.1 -p "$ld_port" -m 64 -t 2 --admin-port 0 "${ld_tls[@]}" ${LARDER_ARGS:-} \
  >/tmp/larder-compare.log 2>&1 & pids+=($!)
wait_port "$mc_port"; wait_port "$ld_port"

# One run of the generator for SECONDS against PORT; prints its requests per second.
run_for() {
  if [ "$generator" = larder ]; then
    local report; report=$(mktemp)
    java -jar bench/target/larder-bench.jar load -p "$1" -t "$2" -w "$warmup" -c "$concurrency" -X "$value" --quiet \
      ${binary:+--protocol binary} ${tls:+--tls} --json "$report" >/dev/null
    python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(round(r["requestsPerSecond"]), r["latencyMicros"]["p99"])' "$report"
  else
    memcaslap -s "127.0.0.1:$1" -T 1 -c "$concurrency" -X "$value" -t "${2}s" $binary 2>&1 \
      | awk '/^Run time:/ { for (i = 1; i <= NF; i++) if ($i == "TPS:") print $(i + 1), "-" }' | tail -1
  fi
}
run() { run_for "$1" "$seconds"; }

# A warm-up of each (the JIT), not counted.
run_for "$mc_port" "$first_warmup" >/dev/null || true
run_for "$ld_port" "$first_warmup" >/dev/null || true

mc=() ld=() mc99=() ld99=()
for round in $(seq 1 "$rounds"); do
  read -r rps p99 < <(run "$mc_port"); mc+=("$rps"); mc99+=("$p99")
  read -r rps p99 < <(run "$ld_port"); ld+=("$rps"); ld99+=("$p99")
  echo "round $round: memcached ${mc[-1]} req/s (p99 ${mc99[-1]} µs), Larder ${ld[-1]} req/s (p99 ${ld99[-1]} µs)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
mc_median=$(median "${mc[@]}") ld_median=$(median "${ld[@]}")
echo "$generator -c $concurrency -X $value -t ${seconds}s ${binary:+(binary)}${tls:+ (TLS)}: median memcached $mc_median, Larder $ld_median req/s;" \
  "Larder/memcached $(awk -v l="$ld_median" -v m="$mc_median" 'BEGIN { printf "%.2f", l / m }')"
if [ "$generator" = larder ]; then
  mc_p99=$(median "${mc99[@]}") ld_p99=$(median "${ld99[@]}")
  echo "p99 latency: median memcached $mc_p99 µs, Larder $ld_p99 µs; Larder/memcached" \
    "$(awk -v l="$ld_p99" -v m="$mc_p99" 'BEGIN { printf "%.2f", l / m }')"
fi
