#!/usr/bin/env bash
# Page benchmark: starts the packaged application on a fresh data folder, waits for the index,
# then loads the home, search, theme, territory and sheet pages with wrk (server time per page).
# Usage (from the repository root, after ./mvnw package): bash src/bench/pages-bench.sh
# Needs wrk (Debian package "wrk"). Traffic goes to 127.0.0.1 only; every run is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."

port=${BENCH_PORT:-8090}
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

run() {
  echo
  echo "== $1 ($2)"
  curl -fs -o /dev/null "http://127.0.0.1:$port$2"
  wrk -t2 -c4 -d"$duration" --latency "http://127.0.0.1:$port$2" | grep -E 'Requests/sec|^ +(50|90|99)%|Non-2xx'
}
run "Accueil" "/"
run "Recherche avec deux thèmes et une région" "/recherche?q=services&theme=1&theme=6&territory=region:44"
run "Recherche sans mots, tri par date" "/recherche?sort=date"
run "Thème" "/themes/6"
run "Territoire" "/territoires/departement:54"
run "Fiche" "/fiches/zirondaile-halte-garderie-itinerante"
