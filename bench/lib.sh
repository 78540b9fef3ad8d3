# shellcheck shell=bash
# Shared by the bench scripts (sourced, not run). Starts the release server with the demo clinic
# on a throw-away SQLite database and a free loopback port, and stops it again.
#
#   start_demo_server        sets SERVER_PID, SERVER_URL, SERVER_DIR (its temp folder)
#   stop_demo_server         stops that server and removes its temp folder (safe to call twice)

BENCH_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CAREBOOK_BIN="${CAREBOOK_BIN:-$BENCH_ROOT/target/server/carebook}"
SERVER_PID=""
SERVER_URL=""
SERVER_DIR=""

require_server_binary() {
  if [ ! -x "$CAREBOOK_BIN" ]; then
    echo "error: no server binary at $CAREBOOK_BIN; build it first with: bash .ci/build" >&2
    exit 1
  fi
}

start_demo_server() {
  require_server_binary
  SERVER_DIR="$(mktemp -d "${TMPDIR:-/tmp}/carebook-bench.XXXXXX")"
  : >"$SERVER_DIR/server.log"
  # Port 0: the kernel picks a free port; the server logs the address it got (JSON logs).
  CAREBOOK_LOG_FORMAT=json RUST_LOG="${BENCH_SERVER_LOG:-info,sqlx=warn,tower_http=info}" \
    "$CAREBOOK_BIN" demo \
    --bind 127.0.0.1:0 \
    --database-url "sqlite:$SERVER_DIR/bench.db" \
    --dist "$BENCH_ROOT/app/dist" \
    >"$SERVER_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  local address="" tries=0
  while [ -z "$address" ]; do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "error: the server stopped at start; its log:" >&2
      cat "$SERVER_DIR/server.log" >&2
      SERVER_PID=""
      exit 1
    fi
    tries=$((tries + 1))
    if [ "$tries" -gt 300 ]; then
      echo "error: the server did not report its address within 30 s" >&2
      exit 1
    fi
    address="$(grep -o '"address":"127\.0\.0\.1:[0-9]*"' "$SERVER_DIR/server.log" | head -n 1 | cut -d'"' -f4 || true)"
    [ -n "$address" ] || sleep 0.1
  done
  SERVER_URL="http://$address"
  tries=0
  until curl -fsS -o /dev/null "$SERVER_URL/api/health"; do
    tries=$((tries + 1))
    if [ "$tries" -gt 100 ]; then
      echo "error: $SERVER_URL/api/health did not answer" >&2
      exit 1
    fi
    sleep 0.1
  done
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

# Today in the clinic's zone, and a day N days later (YYYY-MM-DD).
clinic_day() {
  TZ="America/New_York" date -d "+${1:-0} days" +%F
}

# Bytes as "12.3 KB" (1 KB = 1000 bytes, as size budgets are usually stated).
human_kb() {
  awk -v b="$1" 'BEGIN { printf "%.1f KB", b / 1000 }'
}
