# Sourced by the benchmarks and the soak test: how they all start the packaged application.
# Defines app_start (target/essaim.jar with -Xmx512m on $port, data in $data_dir ($work/data), Payara files in
# a new folder of $work at each start (Payara Micro given the folder of an earlier run deploys the
# application twice), corpus from $content, the admin account with $admin_password), app_wait_ready
# (prints the milliseconds until /health/ready says the index is ready; at most 30 min) and
# app_stop; removes $work on exit. Unless START_APP_MANUAL=1, it starts the application at once on
# a fresh data folder and waits until it is ready.
# Needs wrk (Debian package "wrk"). Traffic goes to 127.0.0.1 only; every run is bounded in time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

duration=${BENCH_DURATION:-20s}
work=${work:-$(mktemp -d)}
log="$work/essaim.log"
content=${content:-$PWD/content}
admin_password=${admin_password:-essaim-$RANDOM-$RANDOM-$RANDOM}
base="http://127.0.0.1:$port"
pid=

command -v wrk >/dev/null || { echo "wrk est nécessaire : apt-get install wrk" >&2; exit 1; }
[ -f target/essaim.jar ] || { echo "construisez d'abord : ./mvnw -B package -DskipTests" >&2; exit 1; }

app_start() {
  ESSAIM_DATA_DIR="${data_dir:-$work/data}" ESSAIM_CONTENT_DIR="$content" ESSAIM_ADMIN_PASSWORD="$admin_password" \
    java -Xmx512m -jar target/essaim.jar --port "$port" --rootdir "$work/payara-$(date +%s%N)" >> "$log" 2>&1 &
  pid=$!
}

app_wait_ready() {
  local t0; t0=$(date +%s%3N)
  for _ in $(seq 1 18000); do
    if curl -fs "$base/health/ready" 2>/dev/null | grep -q '"etat":"pret"'; then echo $(( $(date +%s%3N) - t0 )); return; fi
    kill -0 "$pid" 2>/dev/null || { echo "l'application s'est arrêtée" >&2; tail -40 "$log" >&2; exit 1; }
    sleep 0.1
  done
  echo "pas prête après 30 min" >&2; tail -40 "$log" >&2; exit 1
}

app_stop() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; pid=; fi
}
trap 'app_stop; rm -rf "$work"' EXIT

if [ "${START_APP_MANUAL:-0}" != 1 ]; then
  app_start
  app_wait_ready > /dev/null
fi
