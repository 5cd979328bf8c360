# Sourced by the benchmarks that need PostgreSQL. `bench_server LOCKS` makes
# $work, a working directory (on a tmpfs when there is one, so that the
# figures are the tool's and the server's, not the disk's), and a server:
# BENCH_DATABASE_URL (a superuser URL; databases are created and dropped
# on it), or else a throwaway cluster from the binaries in PG_BIN (default
# /usr/lib/postgresql/15/bin), run as `postgres` when this runs as root,
# with durability off, as the tool and its baseline share it alike, and
# max_locks_per_transaction=LOCKS. It sets $base (the URL without a
# database) and $admin_url, and `cleanup` (trapped on EXIT) stops the
# cluster and removes $work.
bench_server() {
  local locks=$1
  local tmp=${BENCH_TMPDIR:-/dev/shm}
  [ -d "$tmp" ] && [ -w "$tmp" ] || tmp=${TMPDIR:-/tmp}
  work=$(mktemp -d -p "$tmp")
  chmod 755 "$work"
  pgctl=""
  as_pg=()
  trap cleanup EXIT
  if [ -n "${BENCH_DATABASE_URL:-}" ]; then
    admin_url=$BENCH_DATABASE_URL
    base=${BENCH_DATABASE_URL%/*}
    return
  fi
  local pg_bin=${PG_BIN:-/usr/lib/postgresql/15/bin}
  if [ "$(id -u)" = 0 ]; then
    if command -v runuser >/dev/null; then as_pg=(runuser -u postgres --); else as_pg=(su postgres -s /bin/sh -c '"$0" "$@"'); fi
    mkdir "$work/data" "$work/sock" && chown postgres "$work/data" "$work/sock"
  else
    mkdir "$work/data" "$work/sock"
  fi
  local port
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  "${as_pg[@]}" "$pg_bin/initdb" -D "$work/data" -U postgres -A trust >/dev/null
  "${as_pg[@]}" "$pg_bin/pg_ctl" -D "$work/data" -l "$work/sock/log" -w \
    -o "-p $port -k $work/sock -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=20 -c max_locks_per_transaction=$locks" \
    start >/dev/null
  pgctl=$pg_bin/pg_ctl
  base=postgresql://postgres@127.0.0.1:$port
  admin_url=$base/postgres
}

cleanup() {
  if [ -n "${pgctl:-}" ]; then
    "${as_pg[@]}" "$pgctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
