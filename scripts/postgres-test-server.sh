#!/usr/bin/env bash
# Throwaway PostgreSQL cluster for the test suites (not for real data: fsync is off).
#
#   bash scripts/postgres-test-server.sh         start (if not already up), print the URL
#   bash scripts/postgres-test-server.sh stop    stop it
#
# Settings (environment): PG_TEST_PORT (5433), PG_TEST_DIR (/tmp/orchestrasec-pg-<port>),
# PG_BIN (newest /usr/lib/postgresql/*/bin). As root, the cluster runs as user `postgres`.
set -euo pipefail

PORT="${PG_TEST_PORT:-5433}"
DIR="${PG_TEST_DIR:-/tmp/orchestrasec-pg-$PORT}"
DATA="$DIR/data"
LOG="$DIR/postgres.log"
SOCKET_DIR=/tmp
URL="postgres://postgres@127.0.0.1:$PORT/postgres"

find_pg_bin() {
  if [[ -n "${PG_BIN:-}" ]]; then echo "$PG_BIN"; return; fi
  local bin
  bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [[ -z "$bin" ]]; then
    echo "PostgreSQL server binaries not found (apt-get install -y postgresql)" >&2
    exit 1
  fi
  echo "$bin"
}
BIN="$(find_pg_bin)"

# Root may not run postgres: run the server tools as `postgres`; anyone else runs them as self.
as_owner() {
  if [[ "$(id -u)" == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

is_up() {
  "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"
}

prepare_dir() {
  mkdir -p "$DIR"
  if [[ "$(id -u)" == 0 ]]; then chown postgres:postgres "$DIR"; fi
  chmod 700 "$DIR"
}

init_cluster() {
  [[ -f "$DATA/PG_VERSION" ]] && return
  # -U postgres: the superuser is `postgres` even when a non-root user creates the cluster.
  as_owner "$BIN/initdb" -A trust -U postgres -E UTF8 --locale=C.UTF-8 -D "$DATA" >"$DIR/initdb.log" 2>&1 || {
    cat "$DIR/initdb.log" >&2
    exit 1
  }
}

start() {
  if is_up; then
    echo "$URL"
    return
  fi
  prepare_dir
  init_cluster
  # Durability settings off: a test cluster trades crash safety for speed.
  as_owner "$BIN/pg_ctl" -D "$DATA" -l "$LOG" -w -t 60 \
    -o "-p $PORT -k $SOCKET_DIR -c listen_addresses=127.0.0.1 -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    start >/dev/null || {
    tail -n 30 "$LOG" >&2 || true
    exit 1
  }
  echo "$URL"
}

stop() {
  if [[ -d "$DATA" ]] && as_owner "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
    as_owner "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
    echo "stopped PostgreSQL on port $PORT"
  else
    echo "no PostgreSQL cluster running from $DATA"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *)
    echo "usage: $0 [start|stop]" >&2
    exit 2
    ;;
esac
