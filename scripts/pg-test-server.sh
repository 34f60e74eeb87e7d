#!/usr/bin/env bash
# Start a throwaway PostgreSQL cluster for the store tests and print the URL to export.
#
# Why: the store must work on PostgreSQL through the same SQLModel code, and CI (a fresh
# Debian machine, running as root) has to prove it. This script makes a private cluster in a
# temp dir (trust auth, 127.0.0.1 only, fsync off: it is disposable), so no system service or
# password is involved.
#
# Usage:
#   eval "$(scripts/pg-test-server.sh)"        # start (or reuse) and export the URL
#   scripts/pg-test-server.sh stop             # stop the cluster and delete its dir
# Env: PG_TEST_PORT (default 54329), PG_TEST_DB (default reportaudit_test).
# Only the `export ...` line goes to stdout; progress goes to stderr.
set -euo pipefail

PORT="${PG_TEST_PORT:-54329}"
DB="${PG_TEST_DB:-reportaudit_test}"
SUPERUSER="reportaudit"
STATE="/tmp/reportaudit-pg-${PORT}.dir"
URL="postgresql+psycopg://${SUPERUSER}@127.0.0.1:${PORT}/${DB}"

log() { echo "pg-test-server: $*" >&2; }

find_bindir() {
    # Prefer the real bin dir (it holds psql, createdb, pg_isready next to pg_ctl);
    # a pg_ctl on PATH is often a lone symlink into it.
    local d
    d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)"
    if [ -n "$d" ] && [ -x "$d/pg_ctl" ]; then
        echo "$d"
        return 0
    fi
    if command -v pg_ctl >/dev/null 2>&1; then
        d="$(dirname "$(readlink -f "$(command -v pg_ctl)")")"
        if [ -x "$d/initdb" ] && [ -x "$d/psql" ]; then
            echo "$d"
            return 0
        fi
    fi
    return 1
}

BINDIR="$(find_bindir || true)"
if [ -z "$BINDIR" ]; then
    if [ "$(id -u)" -ne 0 ]; then
        log "PostgreSQL binaries not found and not root: install postgresql first"
        exit 1
    fi
    log "PostgreSQL binaries not found: installing with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update >&2
    apt-get install -y postgresql >&2
    BINDIR="$(find_bindir)"
fi

# initdb/postgres refuse to run as root: run them as an unprivileged user.
RUNAS=()
if [ "$(id -u)" -eq 0 ]; then
    PGUSER_OS="postgres"
    if ! id "$PGUSER_OS" >/dev/null 2>&1; then
        PGUSER_OS="reportaudit-pg"
        id "$PGUSER_OS" >/dev/null 2>&1 || useradd --system --no-create-home "$PGUSER_OS"
    fi
    RUNAS=(runuser -u "$PGUSER_OS" --)
fi

if [ "${1:-start}" = "stop" ]; then
    if [ -f "$STATE" ]; then
        DIR="$(cat "$STATE")"
        "${RUNAS[@]}" "$BINDIR/pg_ctl" -D "$DIR/data" -m fast -w stop >&2 || true
        rm -rf "$DIR" "$STATE"
        log "stopped and removed $DIR"
    else
        log "no cluster recorded for port $PORT"
    fi
    exit 0
fi

if "$BINDIR/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
    log "a server already answers on 127.0.0.1:$PORT; reusing it"
else
    DIR="$(mktemp -d /tmp/reportaudit-pg.XXXXXX)"
    chmod 755 "$DIR"
    if [ "${#RUNAS[@]}" -gt 0 ]; then chown "$PGUSER_OS" "$DIR"; fi
    log "initialising a throwaway cluster in $DIR with $BINDIR"
    "${RUNAS[@]}" "$BINDIR/initdb" -D "$DIR/data" -U "$SUPERUSER" -A trust -E UTF8 --no-locale >&2
    "${RUNAS[@]}" "$BINDIR/pg_ctl" -D "$DIR/data" -l "$DIR/server.log" -w \
        -o "-p $PORT -k $DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
        start >&2 || { cat "$DIR/server.log" >&2; exit 1; }
    echo "$DIR" >"$STATE"
fi

if ! "$BINDIR/psql" -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" -d postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    "$BINDIR/createdb" -h 127.0.0.1 -p "$PORT" -U "$SUPERUSER" "$DB" >&2
    log "created database $DB"
fi

log "ready; stop with: $0 stop"
echo "export REPORTAUDIT_TEST_PG_URL=$URL"
