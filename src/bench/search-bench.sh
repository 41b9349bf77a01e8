#!/usr/bin/env bash
# Search benchmark: starts the packaged application on a fresh data folder, reports how long the
# first full index build took, then loads the search API with wrk (HTTP load generator).
# Usage (from the repository root, after ./mvnw package): bash src/bench/search-bench.sh
port=${BENCH_PORT:-8089}
source "$(dirname "$0")/start-app.sh"

echo "== Démarrage"
grep -o 'Corpus .*' "$log" | sed 's#Corpus [^ ]* :#Corpus :#' | head -1
grep -oE "Index (reconstruit|construit pendant l'import) : .*" "$log" | head -1

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
