#!/usr/bin/env bash
# antrest beside its peers, one table: signed GET /api/v3/account against a fixed-answer server on
# loopback, at 1 and 8 requests in flight, from antrest's pipeline (`bench`), bare HttpClient 5
# (`bench --raw`), CCXT (Node), XChange (Java) and wrk (C, unsigned: a floor). Run by hand, never by CI:
#
#   mvn -B -q package -DskipTests && benchmarks/peers/peers.sh [--server nginx|sim] [RUNS] [REQUESTS] [WARMUP]
#
#   RUNS 3, REQUESTS 100000, WARMUP 100000 by default: a JIT on one core takes that long to settle
#   (on 2026-12-02 the pipeline at 8 in flight spent 54-60 µs of CPU a request over 50 000 requests
#   after 20 000 warm-up, still compiling, and 26-30 µs over 100 000 after 100 000);
#   --server nginx (default: Debian's nginx-light with the fixed answer in account.json) or sim
#   (antrest's simulator, which checks signatures).
#
# The server is pinned to core 0 and every client to core 1, one client at a time, so that a client's
# req/s and CPU per request are its own; every other run takes the clients in the opposite order, so
# that a drift of the shared machine falls on all alike. Every client makes WARMUP uncounted
# requests, then REQUESTS counted ones; wrk runs WRK_SECS (default 5), all counted (it has no JIT to
# warm up). With nginx the table also says how many connections each client opened (from nginx's
# stub_status): N in flight should open about N (warm-up included), which shows that the client
# kept its connections alive. The first run installs CCXT (npm ci) and builds the XChange bench
# (Maven); both need their registries once.
set -euo pipefail

server=nginx
positional=()
while [ $# -gt 0 ]; do
  case "$1" in
    --server) server=${2:?--server needs nginx or sim}; shift 2 ;;
    --server=*) server=${1#--server=}; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0"; exit 0 ;;
    *) positional+=("$1"); shift ;;
  esac
done
runs=${positional[0]:-3}
requests=${positional[1]:-100000}
warmup=${positional[2]:-100000}
wrk_secs=${WRK_SECS:-5}
case "$server" in nginx|sim) ;; *) echo "--server is '$server'; give nginx or sim" >&2; exit 2 ;; esac

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
antrest=$root/distribution/target/antrest/bin/antrest
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
[ -x "$antrest" ] || { echo "no antrest distribution at $antrest: build it first (cd $root && mvn -B -q package -DskipTests)" >&2; exit 1; }
for tool in taskset node npm python3 curl "$java"; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: install it to run the peers comparison" >&2; exit 1; }
done
if [ "$server" = nginx ] && ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  echo "nginx is missing: apt-get install nginx-light (or run with --server sim)" >&2; exit 1
fi
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ "$(nproc)" -ge 2 ] || echo "warning: $(nproc) core(s); the server and the clients will share core 0" >&2

# The simulator's demo credentials: it checks them; nginx does not, any 64 characters would do.
key=antrestDemoBinanceKey0000000000000000000000000000000000000000000
export BINANCE_SECRET=antrestDemoBinanceSecret000000000000000000000000000000000000000

# The peers' own builds: done once, outside the measured runs.
if [ ! -d "$here/ccxt/node_modules" ]; then
  echo "installing CCXT (npm ci in $here/ccxt)" >&2
  (cd "$here/ccxt" && npm ci --no-audit --no-fund >&2)
fi
xchange_jar=$here/xchange/target/xchange-bench.jar
if [ ! -f "$xchange_jar" ] || [ -n "$(find "$here/xchange/pom.xml" "$here/xchange/src" -newer "$xchange_jar" -type f)" ]; then
  echo "building the XChange bench (mvn package in $here/xchange)" >&2
  command -v mvn >/dev/null || { echo "mvn is missing: install Maven to build the XChange bench" >&2; exit 1; }
  mvn -B -q -f "$here/xchange/pom.xml" package >&2
fi

tmp=$(mktemp -d)
chmod 755 "$tmp" # nginx started by root serves as nobody, who must read the answer file
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
url=http://127.0.0.1:$port

if [ "$server" = nginx ]; then
  cp "$here/account.json" "$tmp/account.json"
  chmod 644 "$tmp/account.json"
  mkdir -p "$tmp/temp"
  # One worker, as the simulator is one process on one core; no access log, and connections kept
  # for good, so that the clients measure themselves, not nginx's bookkeeping or reconnections.
  cat >"$tmp/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $tmp/nginx.pid;
error_log $tmp/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  server_tokens off;
  keepalive_requests 1000000000;
  keepalive_timeout 300s;
  client_body_temp_path $tmp/temp; proxy_temp_path $tmp/temp; fastcgi_temp_path $tmp/temp;
  uwsgi_temp_path $tmp/temp; scgi_temp_path $tmp/temp;
  open_file_cache max=16;
  server {
    listen 127.0.0.1:$port;
    location = /api/v3/account { default_type application/json; alias $tmp/account.json; }
    location = /api/v3/ping { default_type application/json; return 200 '{}'; }
    location = /nginx_status { stub_status; }
  }
}
EOF
  taskset -c 0 "$nginx" -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/error.log" &
  server_pid=$!
  server_desc="$("$nginx" -v 2>&1 | sed 's/.*version: //') answering a fixed $(wc -c <"$here/account.json" | xargs)-byte account.json, unchecked signatures"
else
  taskset -c 0 "$antrest" sim --port "$port" --weight-limit 1000000000 >"$tmp/sim.log" 2>&1 &
  server_pid=$!
  server_desc="the simulator of $("$antrest" --version 2>/dev/null | head -n 1), signatures checked"
fi
for _ in $(seq 1 150); do
  curl -fsS "$url/api/v3/ping" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the $server server exited:" >&2; cat "$tmp"/*.log >&2 || true; exit 1; }
  sleep 0.2
done
curl -fsS "$url/api/v3/ping" >/dev/null || { echo "the $server server did not answer $url/api/v3/ping in 30 s" >&2; exit 1; }

# wrk cannot sign, so it sends one fixed query of a signed request's length; the simulator checks
# signatures and timestamps and would refuse it, so there wrk asks for the unsigned ping instead.
if [ "$server" = nginx ]; then
  wrk_path="/api/v3/account?recvWindow=5000&timestamp=1764633600000&signature=$(printf '%064d' 0)"
  wrk_label=wrk
  wrk_note="the account path with one fixed query"
else
  wrk_path=/api/v3/ping
  wrk_label="wrk (ping)"
  wrk_note="GET /api/v3/ping"
fi

# Connections nginx has accepted so far (n/a with the simulator); the curl that asks is one of them.
accepted() {
  [ "$server" = nginx ] || { echo n/a; return; }
  curl -fsS "$url/nginx_status" | awk 'NR == 3 { print $1 }'
}

field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $2"; }

# Runs one client; prints its result line (antrest bench's key=value format) on stdout.
client_line() {
  local client=$1 n=$2
  case "$client" in
    pipeline)
      taskset -c 1 "$antrest" bench --url "$url" --api-key "$key" --secret-env BINANCE_SECRET --sessions "$n" \
        --requests "$requests" --warmup "$warmup" | tail -n 1 ;;
    raw)
      taskset -c 1 "$antrest" bench --raw --url "$url" --api-key "$key" --secret-env BINANCE_SECRET --sessions "$n" \
        --requests "$requests" --warmup "$warmup" | tail -n 1 ;;
    ccxt)
      taskset -c 1 node "$here/ccxt/bench.mjs" --url "$url" --api-key "$key" --secret-env BINANCE_SECRET \
        --sessions "$n" --requests "$requests" --warmup "$warmup" | tail -n 1 ;;
    xchange)
      taskset -c 1 "$java" -jar "$xchange_jar" --url "$url" --api-key "$key" --secret-env BINANCE_SECRET \
        --sessions "$n" --requests "$requests" --warmup "$warmup" | tail -n 1 ;;
    wrk) wrk_line "$n" ;;
  esac
}

# wrk in the same format: its counts, its --latency percentiles, its CPU from GNU time (or n/a).
wrk_line() {
  local n=$1 out secs cpu=n/a count bad errs
  command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; return 1; }
  if [ -x /usr/bin/time ]; then
    out=$(/usr/bin/time -f 'cpu_secs=%U+%S' -o "$tmp/wrk.time" taskset -c 1 wrk -t1 -c "$n" -d "${wrk_secs}s" --latency \
      -H "X-MBX-APIKEY: $key" "$url$wrk_path")
  else
    out=$(taskset -c 1 wrk -t1 -c "$n" -d "${wrk_secs}s" --latency -H "X-MBX-APIKEY: $key" "$url$wrk_path")
  fi
  count=$(sed -n 's/^ *\([0-9]*\) requests in \([0-9.]*\)s.*/\1/p' <<<"$out")
  secs=$(sed -n 's/^ *\([0-9]*\) requests in \([0-9.]*\)s.*/\2/p' <<<"$out")
  bad=$(sed -n 's/^ *Non-2xx or 3xx responses: *\([0-9]*\).*/\1/p' <<<"$out")
  errs=$(sed -n 's/^ *Socket errors: connect \([0-9]*\), read \([0-9]*\), write \([0-9]*\), timeout \([0-9]*\).*/\1+\2+\3+\4/p' <<<"$out")
  if [ -f "$tmp/wrk.time" ]; then
    cpu=$(awk -v c="$count" -F= '/cpu_secs/ { split($2, t, "+"); printf "%.1f", (t[1] + t[2]) * 1e6 / c }' "$tmp/wrk.time")
    rm -f "$tmp/wrk.time"
  fi
  awk -v count="$count" -v secs="$secs" -v bad="${bad:-0}" -v errs="$(( ${errs:-0} ))" -v cpu="$cpu" '
    function ms(v) { return v ~ /us$/ ? v / 1000 : v ~ /ms$/ ? v + 0 : v ~ /s$/ ? v * 1000 : v }
    $1 == "50%" { p50 = ms($2) } $1 == "99%" { p99 = ms($2) }
    END { printf "requests=%d ok=%d failed=%d errors=%d dropped=0 secs=%s rps=%.0f p50_ms=%.3f p99_ms=%.3f cpu_us_per_request=%s\n",
            count, count - bad, bad, errs, secs, count / secs, p50, p99, cpu }' <<<"$out"
}

ccxt_version=$(node -p "require('$here/ccxt/node_modules/ccxt/package.json').version")
xchange_version=$(sed -n 's:.*<xchange.version>\(.*\)</xchange.version>.*:\1:p' "$here/xchange/pom.xml")
echo "# antrest peers, $(date -u +%Y-%m-%dT%H:%MZ), antrest $(git -C "$root" describe --always --dirty 2>/dev/null || echo '?'):" \
  "$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $("$java" -version 2>&1 | head -n 1)," \
  "Node $(node -v), ccxt $ccxt_version, XChange $xchange_version, $({ wrk -v 2>&1 || true; } | head -n 1 | cut -d' ' -f1-2)"
echo "# server: $server_desc, pinned to core 0; clients pinned to core 1, one at a time, signed GET /api/v3/account;" \
  "$warmup warm-up + $requests counted requests per client (wrk: ${wrk_secs} s, $wrk_note, unsigned)"
echo
echo "| run | client | in flight | requests | req/s | p50 ms | p99 ms | client CPU µs/request | connections |"
echo "|---|---|---|---|---|---|---|---|---|"

declare -A result
failures=0
for run in $(seq 1 "$runs"); do
  for n in 1 8; do
    clients=(pipeline raw ccxt xchange wrk)
    [ $((run % 2)) -eq 0 ] && clients=(wrk xchange ccxt raw pipeline)
    for client in "${clients[@]}"; do
      echo "run $run/$runs: $client, $n in flight" >&2
      before=$(accepted)
      line=$(client_line "$client" "$n" 2>"$tmp/client.err") || true
      after=$(accepted)
      # The later status request was accepted too: it is not the client's.
      conns=n/a
      [ "$before" = n/a ] || conns=$((after - before - 1))
      label=$client
      [ "$client" = wrk ] && label=$wrk_label
      if [ -z "$(field requests "$line")" ]; then
        echo "$client ($n in flight) printed no result line:" >&2; tail -n 5 "$tmp/client.err" >&2
        echo "| $run | $label | $n | no result |  |  |  |  |  |"; failures=$((failures + 1)); continue
      fi
      if [ "$(field ok "$line")" != "$(field requests "$line")" ] || [ "$(field errors "$line")" != 0 ]; then
        echo "$client ($n in flight) did not get a 2xx answer to every request: $line" >&2; tail -n 5 "$tmp/client.err" >&2
        label="$label (NOT ALL 2xx: ok=$(field ok "$line") failed=$(field failed "$line") errors=$(field errors "$line"))"
        failures=$((failures + 1))
      fi
      result[$run,$client,$n]="$(field rps "$line") $(field p50_ms "$line") $(field p99_ms "$line")"
      printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$run" "$label" "$n" "$(field requests "$line")" \
        "$(field rps "$line")" "$(field p50_ms "$line")" "$(field p99_ms "$line")" "$(field cpu_us_per_request "$line")" "$conns"
    done
  done
done

if [ "$server" = nginx ]; then
  echo
  echo "Connections: opened during the client's run, warm-up included (nginx's stub_status). CCXT's undici opens two per" \
    "loop (a closed loop sends again before undici has pooled the last socket) and reuses them; wrk opens one more first, to test the address."
fi

# The issue's goals, each a ratio or difference within one run (the machine's spread between runs
# is larger than the differences measured).
echo
echo "| run | pipeline / CCXT req/s, 8 in flight (goal ≥ 2) | pipeline / raw req/s, 8 in flight (goal ≥ 1.3) | p50 pipeline − raw, 1 in flight, µs (goal ≤ 10) | p99 pipeline − raw, 1 in flight, µs (goal ≤ 0) |"
echo "|---|---|---|---|---|"
for run in $(seq 1 "$runs"); do
  awk -v run="$run" -v p8="${result[$run,pipeline,8]:-}" -v r8="${result[$run,raw,8]:-}" -v c8="${result[$run,ccxt,8]:-}" \
      -v p1="${result[$run,pipeline,1]:-}" -v r1="${result[$run,raw,1]:-}" 'BEGIN {
    split(p8, P8); split(r8, R8); split(c8, C8); split(p1, P1); split(r1, R1)
    ccxt = (P8[1] && C8[1]) ? sprintf("%.2f (%s)", P8[1] / C8[1], P8[1] / C8[1] >= 2 ? "met" : "not met") : "n/a"
    raw = (P8[1] && R8[1]) ? sprintf("%.2f (%s)", P8[1] / R8[1], P8[1] / R8[1] >= 1.3 ? "met" : "not met") : "n/a"
    d50 = (P1[2] != "" && R1[2] != "") ? (P1[2] - R1[2]) * 1000 : "n/a"
    d99 = (P1[3] != "" && R1[3] != "") ? (P1[3] - R1[3]) * 1000 : "n/a"
    printf "| %s | %s | %s | %s | %s |\n", run, ccxt, raw,
      d50 == "n/a" ? d50 : sprintf("%+.0f (%s)", d50, d50 <= 10 ? "met" : "not met"),
      d99 == "n/a" ? d99 : sprintf("%+.0f (%s)", d99, d99 <= 0 ? "met" : "not met") }'
done
if [ "$failures" -gt 0 ]; then
  echo "$failures client run(s) did not get a 2xx answer to every request (see above)" >&2
  exit 1
fi
