#!/usr/bin/env bash
# Search benchmark: starts the packaged application on a fresh data folder, reports how long the
# first full index build took, then loads the search API with wrk (HTTP load generator).
# Usage (from the repository root, after ./mvnw package): bash src/bench/search-bench.sh
# Needs wrk (Debian package "wrk"). Traffic goes to 127.0.0.1 only; every run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."

port=${BENCH_PORT:-8089}
duration=${BENCH_DURATION:-20s}
data=$(mktemp -d)
log="$data/essaim.log"
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$data"' EXIT

command -v wrk >/dev/null || { echo "wrk est nécessaire : apt-get install wrk" >&2; exit 1; }
[ -f target/essaim.jar ] || { echo "construisez d'abord : ./mvnw -B package -DskipTests" >&2; exit 1; }

ESSAIM_DATA_DIR="$data" java -jar target/essaim.jar --port "$port" --rootdir "$data/payara" > "$log" 2>&1 &
pid=$!
for _ in $(seq 1 180); do
  if curl -fs "http://127.0.0.1:$port/health/ready" 2>/dev/null | grep -q '"etat":"pret"'; then break; fi
  sleep 1
done
curl -fs "http://127.0.0.1:$port/health/ready" | grep -q '"etat":"pret"' || { echo "l'application n'est pas prête" >&2; tail -50 "$log" >&2; exit 1; }

echo "== Démarrage"
grep -o 'Territoires : .*' "$log" | head -1
grep -o 'Corpus .*' "$log" | sed 's#Corpus [^ ]* :#Corpus :#' | head -1
grep -o 'Index reconstruit : .*' "$log" | head -1

run() {
  echo
  echo "== $1"
  wrk -t2 -c8 -d"$duration" --latency "http://127.0.0.1:$port$2" | grep -E 'Requests/sec|^ +(50|90|99)%|Non-2xx'
}
run "Recherche plein texte" "/api/v1/search?q=creche+itinerante"
run "Recherche à facettes (thème + région, 20 résultats)" "/api/v1/search?theme=1&territory=region:84&size=20"
run "Recherche avec synonymes et tri par date" "/api/v1/search?q=france+services&sort=date"
run "Complétion" "/api/v1/suggest?q=itin"
run "Fiche (API)" "/api/v1/sheets/zirondaile-halte-garderie-itinerante"
