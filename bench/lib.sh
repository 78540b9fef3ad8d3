# shellcheck shell=bash
# Shared by the bench scripts (sourced, not run). Starts release servers on free loopback ports,
# on a throw-away SQLite file or a throw-away database on a PostgreSQL server, and stops them.
#
#   start_demo_server        the demo clinic on BENCH_DATABASE_URL (default: a temp SQLite file);
#                            sets SERVER_PID, SERVER_URL, SERVER_DIR (its temp folder)
#   stop_demo_server         stops that server and removes its temp folder (safe to call twice)
#   launch_server SUBCOMMAND DATABASE_URL LOG_FILE
#                            one more server process; sets LAUNCHED_PID and LAUNCHED_URL
#   create_postgres_database SERVER_URL
#                            a new empty database there; sets BENCH_PG_DATABASE and prints nothing
#   drop_postgres_database   drops it again (safe to call twice)
#
# The servers run with CAREBOOK_RATE_LIMITS=off: a bench is one client address sending far more
# than a patient would, which is exactly what per-address rate limits are there to refuse.

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CAREBOOK_BIN="${CAREBOOK_BIN:-$BENCH_ROOT/target/server/carebook}"
SERVER_PID=""
SERVER_URL=""
SERVER_DIR=""
LAUNCHED_PID=""
LAUNCHED_URL=""
BENCH_PG_SERVER=""
BENCH_PG_DATABASE=""

require_server_binary() {
  if [ ! -x "$CAREBOOK_BIN" ]; then
    echo "error: no server binary at $CAREBOOK_BIN; build it first with: bash .ci/build" >&2
    exit 1
  fi
}

launch_server() {
  local subcommand="$1" database_url="$2" log="$3"
  require_server_binary
  : >"$log"
  # Port 0: the kernel picks a free port; the server logs the address it got (JSON logs).
  CAREBOOK_RATE_LIMITS=off CAREBOOK_LOG_FORMAT=json \
    RUST_LOG="${BENCH_SERVER_LOG:-info,sqlx=warn,tower_http=info}" \
    "$CAREBOOK_BIN" "$subcommand" \
    --bind 127.0.0.1:0 \
    --database-url "$database_url" \
    --dist "$BENCH_ROOT/app/dist" \
    >"$log" 2>&1 &
  LAUNCHED_PID=$!
  local address="" tries=0
  while [ -z "$address" ]; do
    if ! kill -0 "$LAUNCHED_PID" 2>/dev/null; then
      echo "error: the server stopped at start; its log:" >&2
      cat "$log" >&2
      LAUNCHED_PID=""
      exit 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then
      echo "error: the server did not report its address within 30 s" >&2
      exit 1
    fi
    address="$(grep -o '"address":"127\.0\.0\.1:[0-9]*"' "$log" | head -n 1 | cut -d'"' -f4 || true)"
    [ -n "$address" ] || sleep 0.1
  done
  LAUNCHED_URL="http://$address"
  tries=0
  until curl -fsS -o /dev/null "$LAUNCHED_URL/api/health"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
      echo "error: $LAUNCHED_URL/api/health did not answer" >&2
      exit 1
    fi
    sleep 0.1
  done
}

start_demo_server() {
  SERVER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/carebook-bench.XXXXXX")"
  launch_server demo "${BENCH_DATABASE_URL:-sqlite:$SERVER_DIR/bench.db}" "$SERVER_DIR/server.log"
  SERVER_PID="$LAUNCHED_PID"
  # shellcheck disable=SC2034 # read by the scripts that source this file
  SERVER_URL="$LAUNCHED_URL"
}

stop_demo_server() {
  if [ -n "$SERVER_PID" ]; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=""
  fi
  if [ -n "$SERVER_DIR" ] && [ -d "$SERVER_DIR" ]; then
    rm -rf "$SERVER_DIR"
    SERVER_DIR=""
  fi
}

# psql from PATH, or from the newest PostgreSQL Debian installed.
psql_bin() {
  command -v psql 2>/dev/null && return
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin/psql 2>/dev/null | sort -V | tail -n 1 || true)
  if [ -z "$found" ]; then
    echo "error: psql is needed for --postgres (Debian package postgresql-client)" >&2
    exit 1
  fi
  echo "$found"
}

# `postgres://user@host:port` of a URL that may name a database too.
postgres_server_url() {
  local url="${1%/}" scheme rest
  scheme="${url%%://*}"
  rest="${url#*://}"
  printf '%s://%s\n' "$scheme" "${rest%%[/?]*}"
}

create_postgres_database() {
  BENCH_PG_SERVER="$(postgres_server_url "$1")"
  local name
  name="bench_$(date +%s)_$$"
  "$(psql_bin)" -qAt -v ON_ERROR_STOP=1 "$BENCH_PG_SERVER/postgres" -c "CREATE DATABASE $name" >/dev/null
  BENCH_PG_DATABASE="$name"
}

drop_postgres_database() {
  if [ -n "$BENCH_PG_DATABASE" ]; then
    "$(psql_bin)" -qAt "$BENCH_PG_SERVER/postgres" \
      -c "DROP DATABASE IF EXISTS $BENCH_PG_DATABASE WITH (FORCE)" >/dev/null 2>&1 || true
    BENCH_PG_DATABASE=""
  fi
}

# Today in the clinic's zone, and a day N days later (YYYY-MM-DD).
clinic_day() {
  TZ="America/New_York" date -d "+${1:-0} days" +%F
}

# Bytes as "12.3 KB" (1 KB = 1000 bytes, as size budgets are usually stated).
human_kb() {
  awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'
}
