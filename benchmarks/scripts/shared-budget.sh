#!/usr/bin/env bash
# What a request pays for a rate-limit budget shared through Redis, against the local one, measured
# with `antrest bench` on the built-in simulator (OKX dialect, signed GET /api/v5/account/balance,
# the plugin's limits scaled a million times so that the budget never makes anyone wait: only its
# bookkeeping is measured). Run by hand, not by CI:
#
#   mvn -B -q package -DskipTests && benchmarks/scripts/shared-budget.sh [RUNS] [REQUESTS]
#
# Redis: Debian's redis-server if installed, else the Linux binary inside the embedded-redis test
# artifact in ~/.m2 (mvn dependency:get -Dartifact=com.github.codemonstur:embedded-redis:1.4.3).
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-3}
requests=${2:-20000}
antrest=distribution/target/antrest/bin/antrest
[ -x "$antrest" ] || { echo "build first: mvn -B -q package -DskipTests" >&2; exit 1; }

server=$(command -v redis-server || true)
if [ -z "$server" ]; then
  jar=$(ls ~/.m2/repository/com/github/codemonstur/embedded-redis/*/embedded-redis-*.jar 2>/dev/null | tail -n 1)
  [ -n "$jar" ] || { echo "no redis-server: apt-get install redis-server, or resolve com.github.codemonstur:embedded-redis" >&2; exit 1; }
  dir=$(mktemp -d)
  unzip -q -o "$jar" 'redis-server-*-linux-amd64' -d "$dir"
  server=$(ls "$dir"/redis-server-*-linux-amd64)
  chmod +x "$server"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$server" --port "$port" --bind 127.0.0.1 --save '' --appendonly no --daemonize no >/dev/null &
redis_pid=$!
trap 'kill $redis_pid 2>/dev/null || true' EXIT
sleep 0.5

echo "# shared budget cost: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -n 1), $("$server" --version | cut -d' ' -f3), $(date -u +%Y-%m-%dT%H:%MZ)"
printf '%-8s %-26s %4s %8s %8s %8s\n' sessions budget run rps p50_ms p99_ms
for sessions in 8 1; do
  for budget in none local "redis://127.0.0.1:$port" "redis://127.0.0.1:$port lease=0"; do
    for run in $(seq 1 "$runs"); do
      args=(bench --exchange okx --sessions "$sessions" --requests "$requests" --warmup 2000 --option limit_scale=1000000)
      case "$budget" in
        none) ;;
        *lease=0) args+=(--budget "${budget% lease=0}" --budget-lease 0) ;;
        *) args+=(--budget "$budget") ;;
      esac
      line=$("$antrest" "${args[@]}" 2>/dev/null | tail -n 1)
      rps=$(sed -n 's/.* rps=\([0-9]*\).*/\1/p' <<<"$line")
      p50=$(sed -n 's/.* p50_ms=\([0-9.]*\).*/\1/p' <<<"$line")
      p99=$(sed -n 's/.* p99_ms=\([0-9.]*\).*/\1/p' <<<"$line")
      label=${budget//127.0.0.1:$port/HOST}
      printf '%-8s %-26s %4s %8s %8s %8s\n' "$sessions" "$label" "$run" "$rps" "$p50" "$p99"
    done
  done
done
