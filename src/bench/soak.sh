#!/usr/bin/env bash
# Soak test: the packaged application (-Xmx512m, embedded H2, the corpus of content/) under mixed
# reads and writes from wrk at 16 connections for SOAK_MINUTES (10) minutes. Every minute it reads
# the heap after a full collection and the resident memory. It fails on any error answer or socket
# error, and when the heap after collection grew by more than half between the first and last minute.
# Usage (repository root, after ./mvnw -B package -DskipTests): bash src/bench/soak.sh
# Settings: SOAK_PORT (18090), SOAK_MINUTES (10). Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../.."

port=${SOAK_PORT:-18090}
minutes=${SOAK_MINUTES:-10}
source "$(dirname "$0")/start-app.sh"

token=$(curl -fs -u "admin:$admin_password" -X POST "$base/api/v1/tokens" | sed -E 's/.*"token" *: *"([^"]+)".*/\1/')
[ -n "$token" ] || { echo "jeton d'API impossible à créer" >&2; exit 1; }

heap_after_gc() {
  jcmd "$pid" GC.run >/dev/null 2>&1 || true
  jcmd "$pid" GC.heap_info 2>/dev/null | grep -oE 'used [0-9]+K' | head -1 | grep -oE '[0-9]+' | awk '{printf "%d", $1 / 1024}'
}
rss() { ps -o rss= -p "$pid" | awk '{printf "%d", $1 / 1024}'; }

SOAK_TOKEN="$token" wrk -t2 -c16 -d"${minutes}m" --timeout 10s --latency -s src/bench/soak-mix.lua "$base" > "$work/wrk.txt" 2>&1 &
wrk_pid=$!
echo "| minute | tas après GC (Mio) | mémoire résidente (Mio) |"
echo "|---|---|---|"
first=; last=
for minute in $(seq 1 "$minutes"); do
  sleep 60
  heap=$(heap_after_gc); first=${first:-$heap}; last=$heap
  echo "| $minute | $heap | $(rss) |"
done
wait "$wrk_pid"
requests=$(awk '/requests in/ {print $1}' "$work/wrk.txt")
rps=$(awk '/Requests\/sec/ {printf "%d", $2}' "$work/wrk.txt")
p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
non2xx=$(awk '/Non-2xx/ {print $5}' "$work/wrk.txt"); non2xx=${non2xx:-0}
sockets=$(grep -E 'Socket errors' "$work/wrk.txt" || true)
published=$(curl -fs "$base/api/v1/search?size=0&q=endurance" | grep -oE '"total" *: *[0-9]+' | grep -oE '[0-9]+')
errors=$(grep -cE 'SEVERE|OutOfMemoryError' "$log" || true)
echo
echo "Requêtes : $requests en $minutes min ($rps req/s), p50 $p50, p99 $p99"
echo "Réponses d'erreur : $non2xx${sockets:+ ; $sockets} ; lignes SEVERE ou OutOfMemoryError du journal : $errors"
echo "Fiches d'endurance publiées et trouvées par la recherche : $published"
sed -n '/^Erreurs :/,$p' "$work/wrk.txt"
echo "Tas après GC : $first Mio à la première minute, $last Mio à la dernière"
if [ "$non2xx" != 0 ] || [ -n "$sockets" ] || [ "$errors" != 0 ] || [ "$last" -gt $(( first * 3 / 2 + 16 )) ]; then
  # What the application logged about its errors, before the run's folder is removed.
  grep -A25 -E 'SEVERE|OutOfMemoryError' "$log" | head -200 >&2 || true
  echo "ÉCHEC" >&2
  exit 1
fi
echo "RÉUSSITE"
