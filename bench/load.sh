#!/usr/bin/env bash
# Load benchmark: a signed-in member's home page and circle page beside /healthz, in one run,
# on SQLite and PostgreSQL (over TCP, and through its Unix socket when it runs on this host),
# 64 connections, with server memory and start-up time.
#
#   bench/load.sh [seconds per run, default 15]
#   HEARTH_BIN=old/hearth bench/load.sh 15     # a build other than target/release/hearth
#
# Needs: wrk (Debian package), a release build (built here), PostgreSQL from
# HEARTH_TEST_POSTGRES_URL or a local server on 127.0.0.1:5432 (user postgres, trust auth);
# pgbench, if installed, for a ceiling: the home page's query alone.
# Only ratios measured in the same run mean anything on a shared machine.
set -euo pipefail
cd "$(dirname "$0")/.."
DUR="${1:-15}"
CONNS=64
THREADS=2
PASSWORD="violet kettle harbour mosaic"
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
# HEARTH_BIN: another build to measure (say, the one before a change), run the same way.
if [ -z "${HEARTH_BIN:-}" ]; then
  cargo build --release --quiet --bin hearth
fi
BIN="${HEARTH_BIN:-$PWD/target/release/hearth}"
PG_ADMIN="${HEARTH_TEST_POSTGRES_URL:-postgres://postgres@127.0.0.1:5432/postgres}"

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }

wait_ready() { # prints milliseconds until /readyz answered 200
  local url=$1 start now
  start=$(date +%s%N)
  for _ in $(seq 1 500); do
    if curl -fs "$url/readyz" >/dev/null 2>&1; then
      now=$(date +%s%N); echo $(( (now - start) / 1000000 )); return 0
    fi
    sleep 0.01
  done
  echo "server did not become ready" >&2; return 1
}

# wrk summary → "rps p50_ms p99_ms"
run_wrk() {
  local out
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"${DUR}s" --latency "$@")
  local rps p50 p99 non2xx
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p50=$(awk '$1=="50%" {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  non2xx=$(awk '/Non-2xx/ {print $4}' <<<"$out")
  [ -n "$non2xx" ] && { echo "wrk saw $non2xx non-2xx answers" >&2; exit 1; }
  echo "$rps $(to_ms "$p50") $(to_ms "$p99")"
}

to_ms() { # wrk prints 1.23ms, 850.00us or 1.02s
  python3 -c "import sys;v=sys.argv[1];u=1e-3 if v.endswith('us') else (1000 if v.endswith('s') and not v.endswith('ms') else 1);print(round(float(v.rstrip('umsec'))*u,2))" "$1"
}

# CPU time (1/100 s) used so far by the given processes.
cpu_ticks() {
  local sum=0 p t
  for p in "$@"; do
    # A process may end between listing and reading: it then counts as nothing.
    t=$(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || true)
    sum=$((sum + ${t:-0}))
  done
  echo "$sum"
}

# run_wrk for a page, also leaving the server's and PostgreSQL's CPU per request, in µs, in
# SERVER_US and DB_US. Why a page costs what it does, not only what it reaches. PostgreSQL's
# figure sums every process named postgres on this machine, so run nothing else on it.
run_page() {
  local s0 d0 s1 d1 out
  s0=$(cpu_ticks "$PID"); d0=$(cpu_ticks $(pgrep -x postgres || true))
  out=$(run_wrk "$@")
  s1=$(cpu_ticks "$PID"); d1=$(cpu_ticks $(pgrep -x postgres || true))
  read -r PAGE_RPS PAGE_P50 PAGE_P99 <<<"$out"
  SERVER_US=$(python3 -c "print(round(($s1-$s0)*1e4/($PAGE_RPS*$DUR)))")
  DB_US=-
  [ "$backend" != sqlite ] && DB_US=$(python3 -c "print(round(($d1-$d0)*1e4/($PAGE_RPS*$DUR)))")
  return 0
}

# PostgreSQL over TCP as the URL says, and, when that server is on this host and its Unix
# socket is where Debian puts it, the same server through the socket (no TCP, no TLS), as
# README advises for PostgreSQL on the same host.
BACKENDS="sqlite postgres"
SOCKET_URL=$(python3 - "$PG_ADMIN" <<'PY'
import os, sys, urllib.parse
u = urllib.parse.urlsplit(sys.argv[1])
port = u.port or 5432
if u.hostname in ("127.0.0.1", "localhost", "::1") and os.path.exists(f"/var/run/postgresql/.s.PGSQL.{port}"):
    user = f"{u.username}@" if u.username else ""
    print(f"{u.scheme}://{user}%2Fvar%2Frun%2Fpostgresql:{port}")
PY
)
[ -n "$SOCKET_URL" ] && BACKENDS="$BACKENDS postgres-socket"

rows=()
circle_rows=()
QUERY_LINE="(pgbench not installed: no figure for the home page's query alone)"
PID=
# A failed check must not leave a server running (it would also hold a pipe open).
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null || true' EXIT
for backend in $BACKENDS; do
  DATA=$(mktemp -d /tmp/hearth-bench.XXXXXX)
  DBURL="$DATA/hearth.sqlite3"
  if [ "$backend" != sqlite ]; then
    NAME="hearth_bench_$$"
    psql "$PG_ADMIN" -q -c "DROP DATABASE IF EXISTS $NAME" -c "CREATE DATABASE $NAME"
    DBURL="${PG_ADMIN%/*}/$NAME"
    [ "$backend" = postgres-socket ] && DBURL="$SOCKET_URL/$NAME"
    "$BIN" migrate --database-url "$DBURL" --data-dir "$DATA" >/dev/null
  fi
  printf '%s\n' "$PASSWORD" | "$BIN" user create --email member@bench.test --role member --password-stdin --data-dir "$DATA" --database-url "$DBURL" >/dev/null
  PORT=$(free_port)
  URL="http://127.0.0.1:$PORT"
  # Start once to create the database, stop, then time a start on an existing database.
  "$BIN" serve --data-dir "$DATA" --database-url "$DBURL" --addr "127.0.0.1:$PORT" >/dev/null 2>&1 & PID=$!
  wait_ready "$URL" >/dev/null
  kill -TERM $PID; wait $PID || true
  "$BIN" serve --data-dir "$DATA" --database-url "$DBURL" --addr "127.0.0.1:$PORT" >/dev/null 2>&1 & PID=$!
  READY_MS=$(wait_ready "$URL")
  COOKIE=$(curl -s -o /dev/null -D - -X POST "$URL/signin" \
    --data-urlencode "email=member@bench.test" --data-urlencode "password=$PASSWORD" \
    | awk -F'[ ;]' 'tolower($1)=="set-cookie:" && $2 ~ /^hearth_session=/ {print $2}')
  [ -n "$COOKIE" ] || { echo "could not sign in" >&2; exit 1; }
  curl -fs -H "Cookie: $COOKIE" "$URL/" | grep -q "Hello," || { echo "home page did not render" >&2; exit 1; }
  # A circle of twelve, so the circle page has a map, an analysis and a table to draw.
  for i in $(seq 1 12); do
    ring=$(echo "inner middle outer" | cut -d' ' -f$(( (i % 3) + 1 )))
    curl -fs -o /dev/null -H "Cookie: $COOKIE" -X POST "$URL/circle" \
      --data-urlencode "name=Person $i" --data-urlencode "ring=$ring" --data-urlencode "kind=friend"
  done
  code=$(curl -s -o "$DATA/circle.html" -w '%{http_code}' -H "Cookie: $COOKIE" "$URL/circle")
  grep -q 'class="node' "$DATA/circle.html" || { echo "circle page did not render (HTTP $code)" >&2; exit 1; }
  out=$(run_wrk "$URL/healthz")
  read -r H_RPS H_P50 H_P99 <<<"$out"
  run_page -H "Cookie: $COOKIE" "$URL/"
  P_RPS=$PAGE_RPS P_P50=$PAGE_P50 P_P99=$PAGE_P99 P_CPU="$SERVER_US / $DB_US"
  run_page -H "Cookie: $COOKIE" "$URL/circle"
  C_RPS=$PAGE_RPS C_P50=$PAGE_P50 C_P99=$PAGE_P99 C_CPU="$SERVER_US / $DB_US"
  RSS_KB=$(awk '/VmHWM/ {print $2}' /proc/$PID/status)
  kill -TERM $PID; wait $PID || true
  RATIO=$(python3 -c "print(round(100*$P_RPS/$H_RPS,1))")
  C_RATIO=$(python3 -c "print(round(100*$C_RPS/$H_RPS,1))")
  rows+=("| $backend | $H_RPS | $H_P50 / $H_P99 | $P_RPS | $P_P50 / $P_P99 | $RATIO% | $P_CPU | $((RSS_KB / 1024)) MB | $READY_MS ms |")
  circle_rows+=("| $backend | $C_RPS | $C_P50 / $C_P99 | $C_RATIO% | $C_CPU |")
  # A ceiling for PostgreSQL on this machine: the home page's one query (its filter and order,
  # every column) on its own, through pgbench over the same URL, beside the same /healthz figure.
  if [ "$backend" = postgres ] && command -v pgbench >/dev/null; then
    MEMBER=$(psql "$DBURL" -Atc "SELECT id FROM users WHERE email = 'member@bench.test'")
    printf "SELECT * FROM care_links WHERE member_id = '%s' AND status <> 'ended' ORDER BY created_at;\n" "$MEMBER" > "$DATA/query.sql"
    # A pgbench failure only loses this line; older pgbench prints two tps lines.
    Q_TPS=$(pgbench -n -M prepared -f "$DATA/query.sql" -c 16 -j 2 -T "$DUR" "$DBURL" | awk '/^tps/ && !n {print $3; n = 1}') || Q_TPS=
    if [ -n "$Q_TPS" ]; then
      QUERY_LINE="The home page's query alone, pgbench -M prepared -c16 -j2 on the same URL: $Q_TPS/s, $(python3 -c "print(round(100*$Q_TPS/$H_RPS,1))")% of /healthz."
    else
      QUERY_LINE="(pgbench failed: no figure for the home page's query alone)"
    fi
  fi
  [ "$backend" != sqlite ] && psql "$PG_ADMIN" -q -c "DROP DATABASE IF EXISTS $NAME WITH (FORCE)"
  rm -rf "$DATA"
done

echo
echo "wrk -t$THREADS -c$CONNS -d${DUR}s on $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
echo "| backend | /healthz req/s | /healthz p50 / p99 ms | member home req/s | home p50 / p99 ms | home ÷ healthz | CPU µs per home page: server / PostgreSQL | server peak RSS | /readyz after start |"
echo "|---|---|---|---|---|---|---|---|---|"
printf '%s\n' "${rows[@]}"
echo
echo "$QUERY_LINE"
echo
echo "| backend | circle page (12 entries) req/s | circle p50 / p99 ms | circle ÷ healthz | CPU µs per circle page: server / PostgreSQL |"
echo "|---|---|---|---|---|"
printf '%s\n' "${circle_rows[@]}"
