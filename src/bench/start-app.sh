# Sourced by the benchmarks: starts the packaged application on a fresh data folder on $port and
# waits until its search index is ready; stops it and removes the folder on exit.
# Needs wrk (Debian package "wrk"). Traffic goes to 127.0.0.1 only; every run is bounded in time.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

duration=${BENCH_DURATION:-20s}
data=$(mktemp -d)
log="$data/essaim.log"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT

command -v wrk >/dev/null || { echo "wrk est nécessaire : apt-get install wrk" >&2; exit 1; }
[ -f target/essaim.jar ] || { echo "construisez d'abord : ./mvnw -B package -DskipTests" >&2; exit 1; }

ESSAIM_DATA_DIR="$data" java -jar target/essaim.jar --port "$port" --rootdir "$data/payara" > "$log" 2>&1 &
pid=$!
for _ in $(seq 1 240); do
  if curl -fs "http://127.0.0.1:$port/health/ready" 2>/dev/null | grep -q '"etat":"pret"'; then break; fi
  sleep 1
done
curl -fs "http://127.0.0.1:$port/health/ready" | grep -q '"etat":"pret"' || { echo "l'application n'est pas prête" >&2; tail -50 "$log" >&2; exit 1; }
