#!/usr/bin/env bash
# `retort verify` speed, whole process, on a history of N (default 450)
# linear revisions (bench/gen_chain.py: each a table, an index and a
# foreign key to the previous table), so the schema grows to N tables and
# the walk reads it 2N times:
#
#  1. on PostgreSQL: the scratch database on the server below;
#  2. on SQLite: a temporary file.
#
# Each run must exit 0 (every revision passes). Prints the wall time of
# one run each (RUNS, default 1: the PostgreSQL run takes minutes).
#
# The server: BENCH_DATABASE_URL (a superuser URL), or else a throwaway
# cluster started here with the PostgreSQL binaries in PG_BIN (default
# /usr/lib/postgresql/15/bin); see bench/server.sh.
#
# usage: bench/verify.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD/bench
n=${1:-450}
runs=${RUNS:-1}
cargo build --release -p retort-cli -q
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/retort
. "$here/server.sh"
bench_server 1024
now() { python3 -c 'import time; print(time.perf_counter())'; }

python3 "$here/gen_chain.py" "$work/p$n" "$n"
cd "$work/p$n"
printf 'verify, %d revisions:\n' "$n"
for _ in $(seq "$runs"); do
  # The database named is never opened: only its server is used.
  t0=$(now); "$bin" -q --url "$admin_url" verify >/dev/null; t1=$(now)
  printf '  PostgreSQL   %8.3f s\n' "$(python3 -c "print($t1 - $t0)")"
  t0=$(now); "$bin" -q --url "sqlite:///$work/never-made.db" verify >/dev/null; t1=$(now)
  printf '  SQLite       %8.3f s\n' "$(python3 -c "print($t1 - $t0)")"
  [ ! -e "$work/never-made.db" ]
done
