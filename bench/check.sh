#!/usr/bin/env bash
# Autogenerate speed, whole process, against a real PostgreSQL server: `retort
# check` on a generated schema of N tables (default 1,000; bench/gen_schema.py:
# columns of several types, indexes, foreign keys, unique and check
# constraints), median of RUNS (default 3) runs each:
#
#  1. against a database in sync with schema.sql (must exit 0);
#  2. against a database loaded from a copy of schema.sql with PCT per cent
#     (default 5) of its tables changed (must exit 1 and report at least
#     one difference per changed table);
#
# each with the target schema loaded (--no-cache) and from the cache.
#
# Printed beside the target (1 s) and the floor: what any tool that has
# PostgreSQL normalise the target schema pays, a fresh database, schema.sql
# loaded into it by psql (statement by statement, in one transaction) and
# dropped again.
#
# The server: BENCH_DATABASE_URL (a superuser URL; databases are created
# and dropped on it), or else a throwaway cluster started here with the
# PostgreSQL binaries in PG_BIN (default /usr/lib/postgresql/15/bin), run as
# the `postgres` user when this runs as root, its data directory under
# BENCH_TMPDIR (default /dev/shm, a tmpfs, when there is one).
#
# Loading N tables in one transaction takes a few locks per table: a server
# given by BENCH_DATABASE_URL needs max_locks_per_transaction to match.
#
# BASELINE names another retort binary (an older build, say) to measure
# beside this one, on the same server and data.
#
# usage: bench/check.sh [N] [PCT]
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD/bench
n=${1:-1000}
pct=${2:-5}
runs=${RUNS:-3}
cargo build --release -p retort-cli -q
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/retort
# Loading N tables in one transaction takes a few locks per table.
. "$here/server.sh"
bench_server 1024
admin() { psql -q -X -v ON_ERROR_STOP=1 "$admin_url" -c "$1" >/dev/null; }
measure() { python3 "$here/measure.py" --runs "$runs" "$@"; }
seconds() { python3 -c 'import sys; print("%.3f s" % (float(sys.argv[1]) / 1000))' "$1"; }

python3 "$here/gen_schema.py" --tables "$n" "$work/in_sync.sql"
changed=$(python3 "$here/gen_schema.py" --tables "$n" --change "$pct" "$work/changed.sql" 2>&1 >/dev/null | cut -d' ' -f1)
# One target schema (schema.sql) and two databases: one loaded from it (in
# sync), one loaded from a copy with PCT per cent of the tables changed.
live=bench_check_$$
drift=bench_drift_$$
admin "CREATE DATABASE $live"
admin "CREATE DATABASE $drift"
trap 'admin "DROP DATABASE IF EXISTS $live" || true; admin "DROP DATABASE IF EXISTS $drift" || true; cleanup' EXIT
psql -q -X -v ON_ERROR_STOP=1 -1 "$base/$live" -f "$work/in_sync.sql" >/dev/null
psql -q -X -v ON_ERROR_STOP=1 -1 "$base/$drift" -f "$work/changed.sql" >/dev/null
mkdir -p "$work/project/migrations/versions"
printf 'script_location = "migrations"\nurl = "%s"\n' "$base/$live" >"$work/project/retort.toml"
cp "$work/in_sync.sql" "$work/project/schema.sql"
cd "$work/project"
# The loaded target schema is cached between runs (see README); the cold
# figures load it every time.
export RETORT_CACHE_DIR=$work/cache

# Exactness first: in sync is exit 0 and no output; the drifted database is
# exit 1 and at least one difference per changed table.
"$bin" check --no-cache >/dev/null 2>&1 || { echo "check in sync did not exit 0" >&2; exit 1; }
set +e
"$bin" --url "$base/$drift" check --no-cache >"$work/differences.txt" 2>/dev/null
status=$?
set -e
found=$(wc -l <"$work/differences.txt")
if [ "$status" != 1 ] || [ "$found" -lt "$changed" ]; then
  echo "check with $changed tables changed: exit $status, $found differences" >&2
  exit 1
fi

ms() { awk '{print $1}' <<<"$1"; }
cold_sync=$(measure "$bin" check --no-cache)
cold_drift=$(measure --status 1 "$bin" --url "$base/$drift" check --no-cache)
"$bin" check >/dev/null 2>&1  # fills the cache
warm_sync=$(measure "$bin" check)
warm_drift=$(measure --status 1 "$bin" --url "$base/$drift" check)
if [ -n "${BASELINE:-}" ]; then
  base_sync=$(measure "$BASELINE" check)
  base_drift=$(measure --status 1 "$BASELINE" --url "$base/$drift" check)
fi
floor=$(measure sh -c "psql -q -X -c 'CREATE DATABASE bench_floor' '$admin_url' && \
  psql -q -X -v ON_ERROR_STOP=1 -1 -f '$work/in_sync.sql' '$base/bench_floor' >/dev/null && \
  psql -q -X -c 'DROP DATABASE bench_floor' '$admin_url'")

printf 'retort check, %d tables (median of %d; wall, cpu of the client, peak memory):\n' "$n" "$runs"
printf '  %-60s %s\n' "in sync (exit 0), target schema loaded (--no-cache)" "$cold_sync"
printf '  %-60s %s\n' "$changed tables changed (exit 1, $found differences), loaded" "$cold_drift"
printf '  %-60s %s\n' "in sync, target schema from the cache" "$warm_sync"
printf '  %-60s %s\n' "$changed tables changed, target schema from the cache" "$warm_drift"
if [ -n "${BASELINE:-}" ]; then
  printf '  %-60s %s\n' "baseline in sync" "$base_sync"
  printf '  %-60s %s\n' "baseline changed" "$base_drift"
fi
printf '  %-60s %s\n' "floor of a load: createdb + psql -1 -f schema.sql + dropdb" "$floor"
printf '  %-60s %s\n' "target" "1.000 s"
printf 'loaded: in sync %s, changed %s; cached: in sync %s, changed %s; floor %s\n' \
  "$(seconds "$(ms "$cold_sync")")" "$(seconds "$(ms "$cold_drift")")" \
  "$(seconds "$(ms "$warm_sync")")" "$(seconds "$(ms "$warm_drift")")" "$(seconds "$(ms "$floor")")"
