#!/usr/bin/env bash
# User-space instructions per request, counted by Valgrind's callgrind, for /healthz, a signed-in
# member's home page and their circle page (twelve people) on SQLite.
#
#   bench/instructions.sh [binary ...]     default: the release build, built here
#
# Needs: valgrind (Debian package). Unlike bench/load.sh this hardly depends on how busy the
# machine is, so two builds can be compared one change at a time: give both binaries and each
# is measured in turn. It counts only the server's own instructions, not the kernel's work or
# time spent waiting, so it says what a change saves, not what throughput it brings. It counts
# the instructions under each HTTP connection's task (hyper's `UpgradeableConnection::poll`,
# inclusive), where a request is read, answered and written on SQLite: work on a timer (the
# job runner's poll, the settings reload) runs in other tasks and is left out, since it grows
# with how long a run takes and moved whole-program counts by a third (docs/PERFORMANCE.md).
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is missing: apt-get install -y valgrind" >&2; exit 1; }
if [ $# -eq 0 ]; then
  cargo build --release --quiet --bin hearth
  set -- "$PWD/target/release/hearth"
fi
PASSWORD="violet kettle harbour mosaic"
WARM=20
COUNT=100
DATA=$(mktemp -d /tmp/hearth-instr.XXXXXX)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$DATA"' EXIT

free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
PORT=$(free_port)
URL="http://127.0.0.1:$PORT"

wait_ready() {
  for _ in $(seq 1 300); do
    curl -fs -o /dev/null "$URL/healthz" && return 0
    sleep 0.1
  done
  echo "server did not start" >&2; return 1
}

# One member with a circle of twelve, made with the first binary.
printf '%s\n' "$PASSWORD" | "$1" user create --email member@bench.test --role member --password-stdin --data-dir "$DATA" >/dev/null
"$1" serve --data-dir "$DATA" --addr "127.0.0.1:$PORT" >/dev/null 2>&1 & PID=$!
wait_ready
COOKIE=$(curl -s -o /dev/null -D - -X POST "$URL/signin" \
  --data-urlencode "email=member@bench.test" --data-urlencode "password=$PASSWORD" \
  | awk -F'[ ;]' 'tolower($1)=="set-cookie:" && $2 ~ /^hearth_session=/ {print $2}')
[ -n "$COOKIE" ] || { echo "could not sign in" >&2; exit 1; }
for i in $(seq 1 12); do
  ring=$(echo "inner middle outer" | cut -d' ' -f$(( (i % 3) + 1 )))
  curl -fs -o /dev/null -H "Cookie: $COOKIE" -X POST "$URL/circle" \
    --data-urlencode "name=Person $i" --data-urlencode "ring=$ring" --data-urlencode "kind=friend"
done
kill -TERM $PID; wait $PID || true; PID=

# Instructions of a whole run (start, `$2` requests to `$3`, stop), left in TOTAL. Not run in a
# subshell, so a failure stops the script and its trap stops the server.
run() {
  local bin=$1 n=$2 path=$3 out="$DATA/callgrind.out" code
  rm -f "$out"
  valgrind --tool=callgrind --callgrind-out-file="$out" "$bin" serve --data-dir "$DATA" \
    --addr "127.0.0.1:$PORT" >/dev/null 2>&1 & PID=$!
  wait_ready
  for _ in $(seq 1 "$n"); do
    code=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $COOKIE" "$URL$path")
    [ "$code" = 200 ] || { echo "$path answered $code" >&2; exit 1; }
  done
  kill -INT $PID; wait $PID || true; PID=
  # The outermost call only (a recursive one is named `poll'2`).
  TOTAL=$(callgrind_annotate --inclusive=yes --threshold=100 "$out" \
    | awk '/UpgradeableConnection<I,S> as core::future::future::Future>::poll \[/ && !n {gsub(",", "", $1); print $1; n = 1}')
  [ -n "$TOTAL" ] || { echo "callgrind found no HTTP connection task in $bin" >&2; exit 1; }
}

echo "| binary | path | instructions per request |"
echo "|---|---|---|"
for bin in "$@"; do
  for path in /healthz / /circle; do
    # The difference between two runs leaves out start-up, shutdown and first-use costs.
    run "$bin" $WARM "$path"; a=$TOTAL
    run "$bin" $((WARM + COUNT)) "$path"; b=$TOTAL
    echo "| $(basename "$bin") | $path | $(( (b - a) / COUNT )) |"
  done
done
