#!/usr/bin/env bash
# Page benchmark: starts the packaged application on a fresh data folder, waits for the index,
# then loads the home, search, theme, territory and sheet pages with wrk (server time per page).
# Usage (from the repository root, after ./mvnw package): bash src/bench/pages-bench.sh
port=${BENCH_PORT:-8090}
source "$(dirname "$0")/start-app.sh"

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
