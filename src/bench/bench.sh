#!/usr/bin/env bash
# Scale benchmark, in one run on one machine:
#   generates N sheets (src/bench/GenerateCorpus.java), starts target/essaim.jar with -Xmx512m on an
#   empty data folder (embedded H2) and times the first start (import + index) to ready; loads the
#   search API with a mixed workload (src/bench/search-mix.lua, 400 addresses repeated: the answer
#   cache helps) and with a distinct workload (src/bench/search-distinct.lua, 40,000 different
#   addresses: nearly every search computed afresh), with wrk at 1 and 16 connections;
#   times the pages and the sheet API one request at a time; measures publication → search under
#   that load (10 publications); downloads the CSV of the whole search and the CSV dump; reads heap and resident memory; restarts, times readiness and
#   loads the restarted node for its first 20 s; removes the index and
#   times the full reindex; then replays the workload in-process against the search engine
#   (SearchBench.java) and against a PostgreSQL full-text baseline (PostgresBaseline.java).
# Usage (repository root, after ./mvnw -B package -DskipTests): bash src/bench/bench.sh N
# Settings: BENCH_PORT (18080), BENCH_DURATION (wrk run, 20s), BENCH_PG_URL (jdbc:postgresql://127.0.0.1:5432/),
# BENCH_PG_DB (essaim_bench, created and dropped), BENCH_SKIP_PG=1 to leave the baseline out.
# Traffic goes to 127.0.0.1 only; every step is bounded in time.
set -euo pipefail
cd "$(dirname "$0")/../.."

n=${1:?usage: bench.sh N}
port=${BENCH_PORT:-18080}
work=$(mktemp -d)
content="$work/content"
START_APP_MANUAL=1
source "$(dirname "$0")/start-app.sh"
declare -A row

now_ms() { date +%s%3N; }
start() { app_start; }
stop() { app_stop; }
wait_ready() { app_wait_ready; }

memory() {
  local heap rss
  heap=$(jcmd "$pid" GC.heap_info 2>/dev/null | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+' || echo 0)
  rss=$(ps -o rss= -p "$pid" | tr -d ' ')
  echo "tas utilisé $(( heap / 1024 )) Mio, mémoire résidente $(( rss / 1024 )) Mio"
}

# One wrk run of the mixed workload: "req/s, p50, p99, errors".
load() {
  local out
  out=$(wrk -t"$1" -c"$2" -d"${4:-$duration}" --latency -s "src/bench/${3:-search-mix.lua}" "$base")
  local rps p50 p99 errors
  rps=$(echo "$out" | awk '/Requests\/sec/ {printf "%d", $2}')
  p50=$(echo "$out" | awk '$1 == "50%" {print $2}')
  p99=$(echo "$out" | awk '$1 == "99%" {print $2}')
  errors=$(echo "$out" | awk '/Non-2xx/ {print $5} /Socket errors/ {print}' | tr '\n' ' ')
  echo "$rps req/s, p50 $p50, p99 $p99${errors:+, erreurs : $errors}"
}

# Median time of 5 single requests, after one to warm up; "n/a" when the page does not exist.
page() {
  local code
  code=$(curl -s -o /dev/null -w '%{http_code}' "$base$1")
  if [ "$code" = 404 ]; then echo "n/a (404)"; return; fi
  local times=()
  for _ in 1 2 3 4 5; do times+=("$(curl -s -o /dev/null -w '%{time_total}' "$base$1")"); done
  local median; median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)
  local size; size=$(curl -s "$base$1" | wc -c)
  echo "$(awk -v t="$median" 'BEGIN {printf "%.0f", t * 1000}') ms (HTTP $code, $(( size / 1024 )) Kio)"
}

# Every sitemap file once, in the index's order: "index N ms ; F fichier(s) : max M ms, médiane D ms, A adresses".
sitemaps() {
  local index; index=$(curl -s -o "$work/sitemap.xml" -w '%{time_total}' "$base/sitemap.xml")
  local times=() urls=0 loc
  for loc in $(grep -oE '<loc>[^<]*</loc>' "$work/sitemap.xml" | sed -E 's#</?loc>##g'); do
    times+=("$(curl -s -o "$work/sitemap-file.xml" -w '%{time_total}' "$base/${loc#*://*/}")")
    urls=$(( urls + $(grep -o '<url>' "$work/sitemap-file.xml" | wc -l) ))
  done
  local sorted; sorted=$(printf '%s\n' "${times[@]}" | sort -n)
  awk -v i="$index" -v n="${#times[@]}" -v u="$urls" -v max="$(echo "$sorted" | tail -1)" \
    -v med="$(echo "$sorted" | sed -n "$(( (${#times[@]} + 1) / 2 ))p")" \
    'BEGIN {printf "index %.0f ms ; %d fichier(s) : max %.0f ms, médiane %.0f ms, %d adresses", i * 1000, n, max * 1000, med * 1000, u}'
}

# The time of one request, the very first one to this page: "N ms".
first_load() { awk -v t="$(curl -s -o /dev/null -w '%{time_total}' "$base$1")" 'BEGIN {printf "%.0f ms", t * 1000}'; }

echo "== Corpus de $n fiches"
java src/bench/GenerateCorpus.java content "$n" "$work/content" > /dev/null

t0=$(now_ms)
start
ready=$(wait_ready)
row[first]="$(( ready + 0 )) ms au total ($(grep -o 'Corpus [^:]* : [0-9]* fiche(s) importée(s), [0-9]* refusée(s) en [0-9]* ms' "$log" | sed 's/Corpus [^:]* : //' | head -1) ; $(grep -oE "Index (reconstruit|construit pendant l'import) : .*" "$log" | head -1))"
searchable=$(curl -fs "$base/api/v1/search?size=0" | grep -oE '"total":[0-9]+' | head -1 | cut -d: -f2)
row[first]+=" ; $searchable fiches trouvées par la recherche"
# The completion list is built during the warm-up, before readiness (an older build logs it after).
for _ in $(seq 1 3000); do grep -q 'Liste de complétion construite' "$log" && break; sleep 0.1; done
row[first]+=" ; $(grep -o 'Liste de complétion construite en [0-9]* ms' "$log" | head -1) après"
row[memory_start]=$(memory)
row[sitemap]="première fois : $(sitemaps) ; à nouveau : $(sitemaps)"

echo "== Charge de recherche"
load 1 1 > /dev/null # warm-up
row[load1]=$(load 1 1)
row[load16]=$(load 2 16)
# Distinct searches: each run starts elsewhere in the list, so that no run replays answers cached by the one before.
BENCH_FROM=30000 load 1 1 search-distinct.lua > /dev/null # warm-up
row[distinct1]=$(BENCH_FROM=0 load 1 1 search-distinct.lua)
row[distinct16]=$(BENCH_FROM=10000 load 2 16 search-distinct.lua)
row[memory_load]=$(memory)

echo "== Pages"
slug=$(ls "$work/content/fiches" | sed -n "$(( n / 2 + 1 ))p" | sed 's/\.md$//')
row[home]=$(page "/")
row[search]=$(page "/recherche?q=itinerance&theme=6")
row[sheet]=$(page "/fiches/$slug")
row[theme]=$(page "/themes/6")
row[territory]=$(page "/territoires/departement:05")
row[api]=$(page "/api/v1/sheets/$slug")

echo "== CSV de toute la recherche"
# Every published sheet through the search API as CSV, streamed: the heap stays bounded under -Xmx512m.
csv_rows() { python3 -c 'import csv, sys; print(sum(1 for _ in csv.reader(sys.stdin)) - 1)'; }
t0=$(now_ms)
rows=$(curl -fs "$base/api/v1/search?format=csv" | csv_rows)
row[csv]="$rows lignes sur $searchable fiches en $(( $(now_ms) - t0 )) ms"
t0=$(now_ms)
rows=$(curl -fs "$base/donnees/fiches.csv" | csv_rows)
row[csv]+=" ; /donnees/fiches.csv : $rows lignes en $(( $(now_ms) - t0 )) ms ; $(memory)"

echo "== Publication sous charge"
wrk -t2 -c16 -d300s -s src/bench/search-mix.lua "$base" > /dev/null &
wrk_pid=$!
sleep 3
publish_times=()
for k in $(seq 1 10); do
  word="xylophone$k$RANDOM"
  mkdir -p "$work/publish/fiches"
  sed "s/## Contexte/## Contexte\n\nUn atelier de $word s'y est ajouté.\n/" content/fiches/solidart-maurienne.md \
    > "$work/publish/fiches/publication-sous-charge-$k.md"
  (cd "$work/publish" && rm -f p.zip && zip -q p.zip "fiches/publication-sous-charge-$k.md")
  curl -fs -o /dev/null -u "admin:$admin_password" -H 'Content-Type: application/zip' \
    --data-binary "@$work/publish/p.zip" "$base/api/v1/import"
  t0=$(now_ms)
  until curl -fs "$base/api/v1/search?q=$word&size=0" | grep -q '"total":1'; do
    [ $(( $(now_ms) - t0 )) -gt 20000 ] && break
    sleep 0.02
  done
  publish_times+=("$(( $(now_ms) - t0 ))")
done
kill "$wrk_pid" 2>/dev/null || true
wait "$wrk_pid" || true
slowest=$(printf '%s\n' "${publish_times[@]}" | sort -n | tail -1)
row[publish]="${publish_times[*]} ms (10 publications, la plus lente $slowest ms)"

echo "== Redémarrage"
stop
start
row[restart]="$(wait_ready) ms"
row[first_loads]="accueil $(first_load /), recherche $(first_load "/recherche?q=itinerance&theme=6"), fiche $(first_load "/fiches/$slug"), thème $(first_load /themes/6), territoire $(first_load /territoires/departement:05)"

# A second restart, so that the 20 s of load meet a node no request has warmed.
stop
start
wait_ready > /dev/null
# The first 20 s after readiness, with the repeated workload at 16 connections: compared with the warm run above.
row[after_restart]="$(load 2 16 search-mix.lua 20s) (à chaud : ${row[load16]%%,*})"

echo "== Réindexation complète"
stop
rm -rf "$work/data/index"
start
wait_ready > /dev/null
row[reindex]=$(grep -o 'Index reconstruit : .*' "$log" | tail -1 | sed 's/Index reconstruit : //')
row[memory_end]=$(memory)
stop

echo "== Moteur en processus"
cp=$(./mvnw -B -q dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=test 2>/dev/null)
BENCH_LIST=1 wrk -s src/bench/search-mix.lua "$base" > "$work/paths.txt"
row[inprocess]=$(java -Xmx512m -cp "target/classes:$cp" src/bench/SearchBench.java "$work/data/index" "$work/paths.txt" 16 "${duration%s}" | tail -1 || echo "échec")

if [ -z "${BENCH_SKIP_PG:-}" ]; then
  echo "== PostgreSQL plein texte"
  row[postgres]=$(java -Xmx512m -cp "$cp" src/bench/PostgresBaseline.java "$work/content" "$work/paths.txt" 16 "${duration%s}" \
    "${BENCH_PG_URL:-jdbc:postgresql://127.0.0.1:5432/}" "${BENCH_PG_DB:-essaim_bench}" | tail -1 || echo "échec")
else
  row[postgres]="non mesuré"
fi

echo
echo "| mesure ($n fiches, -Xmx512m, $(nproc) cœurs) | résultat |"
echo "|---|---|"
echo "| premier démarrage : import + index, jusqu'à prêt | ${row[first]} |"
echo "| recherche mixte HTTP, 1 client | ${row[load1]} |"
echo "| recherche mixte HTTP, 16 clients | ${row[load16]} |"
echo "| recherche mixte HTTP, 16 clients, 20 premières secondes après le redémarrage | ${row[after_restart]} |"
echo "| recherche mixte en processus, 16 fils (sans cache / avec cache) | ${row[inprocess]} |"
echo "| PostgreSQL plein texte (tsvector french, GIN, GROUP BY), 16 connexions | ${row[postgres]} |"
echo "| page d'accueil \`/\` | ${row[home]} |"
echo "| page de recherche \`/recherche\` | ${row[search]} |"
echo "| page d'une fiche | ${row[sheet]} |"
echo "| page d'un thème \`/themes/6\` | ${row[theme]} |"
echo "| page d'un territoire \`/territoires/departement:05\` | ${row[territory]} |"
echo "| premier chargement de chaque page juste après le redémarrage (prêt) | ${row[first_loads]} |"
echo "| API d'une fiche | ${row[api]} |"
echo "| plan du site \`/sitemap.xml\` puis chaque \`/sitemaps/N.xml\`, juste après le premier démarrage | ${row[sitemap]} |"
echo "| CSV de toute la recherche (\`/api/v1/search?format=csv\`), puis \`/donnees/fiches.csv\` | ${row[csv]} |"
echo "| publication → recherche, sous 16 clients | ${row[publish]} |"
echo "| redémarrage jusqu'à prêt | ${row[restart]} |"
echo "| réindexation complète | ${row[reindex]} |"
echo "| mémoire après démarrage / après charge / après réindexation | ${row[memory_start]} / ${row[memory_load]} / ${row[memory_end]} |"
echo
echo "| recherches toutes différentes ($n fiches, -Xmx512m, $(nproc) cœurs) | résultat |"
echo "|---|---|"
echo "| recherches distinctes HTTP, 1 client | ${row[distinct1]} |"
echo "| recherches distinctes HTTP, 16 clients | ${row[distinct16]} |"
