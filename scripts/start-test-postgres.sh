#!/usr/bin/env bash
# Starts a throw-away PostgreSQL 15 for the PG-backed tests and prints TEST_DATABASE_URL.
# Usage: eval "$(scripts/start-test-postgres.sh)"   (prints `export TEST_DATABASE_URL=...` on stdout)
#        scripts/start-test-postgres.sh --stop      (stops it; the data folder stays for next time)
set -euo pipefail
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGDIR=${STEPSTONE_TEST_PGDIR:-/tmp/stepstone-pg}
PORT=${STEPSTONE_TEST_PGPORT:-54329}
DB=${STEPSTONE_TEST_PGDB:-stepstone_test}
as_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

if [ "${1:-}" = "--stop" ]; then
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR" -m fast -w stop >/dev/null 2>&1 || true
  exit 0
fi

if [ ! -f "$PGDIR/PG_VERSION" ]; then
  mkdir -p "$PGDIR"
  if [ "$(id -u)" = 0 ]; then chown postgres:postgres "$PGDIR"; fi
  as_pg "$PGBIN/initdb" -D "$PGDIR" -U postgres --auth=trust -E UTF8 >/dev/null
fi
# Already running on our port? Keep it.
if ! as_pg "$PGBIN/pg_ctl" -D "$PGDIR" status >/dev/null 2>&1; then
  # Pick the first free port from $PORT upwards.
  while (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; do PORT=$((PORT + 1)); done
  as_pg "$PGBIN/pg_ctl" -D "$PGDIR" -l "$PGDIR/server.log" -w -t 30 \
    -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c fsync=off" start >/dev/null
else
  PORT=$(sed -n 4p "$PGDIR/postmaster.pid")
fi
if ! as_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -Atc "select 1 from pg_database where datname='$DB'" | grep -q 1; then
  as_pg "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres "$DB"
fi
echo "export TEST_DATABASE_URL=postgres://postgres@127.0.0.1:$PORT/$DB"
