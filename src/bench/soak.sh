#!/usr/bin/env bash
# Soak test: mixed reads and writes from wrk at 16 connections for SOAK_MINUTES (10) minutes through
# the proxy of docker/ (nginx with docker/nginx.conf, round robin, no affinity) in front of two
# packaged nodes (-Xmx512m each, the corpus of content/) sharing a PostgreSQL database created for
# the run and dropped after it. Every minute it reads each node's heap after a full collection and
# its resident memory. At the end it publishes the sheets the writers created and left as drafts,
# then asks each node directly for every one of them, by its address and through the search.
# It fails on any error answer or socket error, any SEVERE or OutOfMemoryError line in a node's log,
# a created sheet missing on a node, or a heap after collection grown by more than half.
# Usage (repository root, after ./mvnw -B package -DskipTests): bash src/bench/soak.sh
# Settings: SOAK_MINUTES (10), SOAK_PORT (18090: the proxy; the nodes take the next ports),
# SOAK_NODES (2; 1: a single node on embedded H2, no proxy), SOAK_PG_HOST (127.0.0.1), SOAK_PG_PORT
# (5432), SOAK_PG_USER (postgres). Needs wrk, nginx and the PostgreSQL client programs. Traffic goes
# to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../.."

minutes=${SOAK_MINUTES:-10}
nodes=${SOAK_NODES:-2}
entry_port=${SOAK_PORT:-18090}
port=$entry_port
START_APP_MANUAL=1 source "$(dirname "$0")/start-app.sh"

pg=(-h "${SOAK_PG_HOST:-127.0.0.1}" -p "${SOAK_PG_PORT:-5432}" -U "${SOAK_PG_USER:-postgres}")
database=essaim_soak_$$
nginx_pid=
node_pids=()
cleanup() {
  for pid in "${node_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${node_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "$nginx_pid" ]; then kill "$nginx_pid" 2>/dev/null || true; wait "$nginx_pid" 2>/dev/null || true; fi
  if [ "$nodes" -gt 1 ]; then dropdb "${pg[@]}" --if-exists --force "$database" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

if [ "$nodes" -gt 1 ]; then
  command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || { echo "nginx est nécessaire : apt-get install nginx" >&2; exit 1; }
  createdb "${pg[@]}" "$database"
  export ESSAIM_DB_URL="jdbc:postgresql://${SOAK_PG_HOST:-127.0.0.1}:${SOAK_PG_PORT:-5432}/$database"
  export ESSAIM_DB_USER="${SOAK_PG_USER:-postgres}" ESSAIM_DB_PASSWORD="${PGPASSWORD:-}"
  export ESSAIM_TRUSTED_PROXIES=127.0.0.1 ESSAIM_PUBLIC_URL="http://127.0.0.1:$entry_port"
  node_port() { echo $(( entry_port + $1 )); }
else
  node_port() { echo "$entry_port"; }
fi

# The nodes start together on the same empty database, as ClusterIT starts them.
for n in $(seq 1 "$nodes"); do
  port=$(node_port "$n") data_dir="$work/node$n" log="$work/node$n.log"
  app_start
  node_pids+=("$pid")
done
for n in $(seq 1 "$nodes"); do
  pid=${node_pids[n-1]} base="http://127.0.0.1:$(node_port "$n")" log="$work/node$n.log"
  app_wait_ready > /dev/null
done

base="http://127.0.0.1:$entry_port"
if [ "$nodes" -gt 1 ]; then
  # docker/nginx.conf pointed at the nodes of this machine, in the http block the nginx image gives it.
  mkdir -p "$work/nginx"
  chmod o+x "$work"  # nginx workers run as another user when started by root
  {
    echo "daemon off; pid $work/nginx/nginx.pid; error_log $work/nginx/error.log; events {}"
    echo "http { log_format essaim '\$upstream_addr \$status'; access_log $work/nginx/access.log essaim;"
    for kind in client_body proxy fastcgi uwsgi scgi; do echo "${kind}_temp_path $work/nginx/$kind;"; done
    sed -e "s/essaim-1:8080/127.0.0.1:$(node_port 1)/" -e "s/essaim-2:8080/127.0.0.1:$(node_port 2)/" \
      -e "s/listen 80;/listen 127.0.0.1:$entry_port;/" docker/nginx.conf
    echo "}"
  } > "$work/nginx/nginx.conf"
  "$(command -v nginx || echo /usr/sbin/nginx)" -p "$work/nginx" -c "$work/nginx/nginx.conf" 2>> "$work/nginx/error.log" &
  nginx_pid=$!
  for _ in $(seq 1 100); do curl -fs "$base/health/live" > /dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "$base/health/live" > /dev/null || { echo "nginx ne répond pas" >&2; cat "$work/nginx/error.log" >&2; exit 1; }
fi

token=$(curl -fs -u "admin:$admin_password" -X POST "$base/api/v1/tokens" | sed -E 's/.*"token" *: *"([^"]+)".*/\1/')
[ -n "$token" ] || { echo "jeton d'API impossible à créer" >&2; exit 1; }
searched() { curl -fs "$1/api/v1/search?size=0&q=endurance" | grep -oE '"total" *: *[0-9]+' | grep -oE '[0-9]+$'; }
before=$(searched "$base")

heap_after_gc() {
  jcmd "$1" GC.run >/dev/null 2>&1 || true
  jcmd "$1" GC.heap_info 2>/dev/null | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+' | awk '{printf "%d", $1 / 1024}'
}
rss() { ps -o rss= -p "$1" | awk '{printf "%d", $1 / 1024}'; }

SOAK_TOKEN="$token" SOAK_CREATED="$work/created.txt" wrk -t2 -c16 -d"${minutes}m" --timeout 10s --latency \
  -s src/bench/soak-mix.lua "$base" > "$work/wrk.txt" 2>&1 &
wrk_pid=$!
header="| minute |"; rule="|---|"
for n in $(seq 1 "$nodes"); do header+=" nœud $n : tas après GC (Mio) | nœud $n : mémoire résidente (Mio) |"; rule+="---|---|"; done
echo "$header"; echo "$rule"
first=(); last=()
for minute in $(seq 1 "$minutes"); do
  sleep 60
  line="| $minute |"
  for n in $(seq 1 "$nodes"); do
    heap=$(heap_after_gc "${node_pids[n-1]}"); first[n]=${first[n]:-$heap}; last[n]=$heap
    line+=" $heap | $(rss "${node_pids[n-1]}") |"
  done
  echo "$line"
done
wait "$wrk_pid"
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
rps=$(awk '/Requests\/sec/ {printf "%d", $2}' "$work/wrk.txt")
p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt"); non2xx=${non2xx:-0}
sockets=$(grep -E 'Socket errors' "$work/wrk.txt" || true)

# Drafts the writers had not published yet are published now, so that every created sheet must be
# found on every node.
touch "$work/created.txt"
created=$(sort -u "$work/created.txt" | grep -c . || true)
late=0
while read -r slug; do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/sheets/$slug")" = 200 ] && continue
  curl -fs -o /dev/null -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    --data '{"comment": "Publication à la fin de l'\''essai d'\''endurance"}' "$base/api/v1/sheets/$slug/publish" \
    || { echo "publication impossible : $slug" >&2; non2xx=$(( non2xx + 1 )); }
  late=$(( late + 1 ))
done < <(sort -u "$work/created.txt")

echo
echo "Requêtes : $requests en $minutes min ($rps req/s), p50 $p50, p99 $p99"
if [ "$nodes" -gt 1 ]; then
  echo "Réparties par nginx : $(awk '{print $1}' "$work/nginx/access.log" | sort | uniq -c | awk '{printf "%s%s requêtes vers %s", sep, $1, $2; sep=", "}')"
fi
echo "Fiches créées par les écrivains : $created (dont $late publiées à la fin, encore brouillons)"
missing_total=0; errors_total=0
for n in $(seq 1 "$nodes"); do
  node="http://127.0.0.1:$(node_port "$n")"
  missing=0
  while read -r slug; do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$node/api/v1/sheets/$slug")" = 200 ] || missing=$(( missing + 1 ))
  done < <(sort -u "$work/created.txt")
  # A publication reaches the other node's index within seconds (ClusterIT).
  found=
  for _ in $(seq 1 60); do found=$(( $(searched "$node") - before )); [ "$found" = "$created" ] && break; sleep 1; done
  [ "$found" = "$created" ] || missing=$(( missing + created - found ))
  errors=$(grep -cE 'SEVERE|OutOfMemoryError' "$work/node$n.log" || true)
  echo "Nœud $n : $(( created - missing )) fiche(s) créée(s) sur $created lues à leur adresse, $found trouvée(s) par la recherche ; lignes SEVERE ou OutOfMemoryError du journal : $errors ; tas après GC : ${first[n]} Mio à la première minute, ${last[n]} Mio à la dernière"
  missing_total=$(( missing_total + missing )); errors_total=$(( errors_total + errors ))
  if [ "${last[n]}" -gt $(( first[n] * 3 / 2 + 16 )) ]; then errors_total=$(( errors_total + 1 )); echo "Nœud $n : le tas après GC a crû de plus de moitié" >&2; fi
done
echo "Réponses d'erreur : $non2xx${sockets:+ ; $sockets}"
sed -n '/^Erreurs :/,$p' "$work/wrk.txt"
if [ "$non2xx" != 0 ] || [ -n "$sockets" ] || [ "$errors_total" != 0 ] || [ "$missing_total" != 0 ] || [ "$created" = 0 ]; then
  # What the nodes logged about their errors, before the run's folder is removed.
  for n in $(seq 1 "$nodes"); do grep -A25 -E 'SEVERE|OutOfMemoryError' "$work/node$n.log" | head -100 >&2 || true; done
  echo "ÉCHEC" >&2
  exit 1
fi
echo "RÉUSSITE"
