#!/usr/bin/env bash
# Online migration speed, whole process, against a real PostgreSQL server:
#
#  1. `retort upgrade head` of N (default 1,000) revisions — each a table,
#     an index and a foreign key to the previous table — on a fresh
#     database, against the floor: the same revisions as one script,
#     `retort upgrade head --sql | psql -q -f -`, on another fresh database.
#     Prints both (median of RUNS, default 3) and their ratio (target <= 1.10).
#  2. The no-op `upgrade head` on a database already at the head of M
#     (default 5,000) such revisions: median of 5 runs (target < 50 ms).
#
# The server: BENCH_DATABASE_URL (a superuser URL; databases are created
# and dropped on it), or else a throwaway cluster started here with the
# PostgreSQL binaries in PG_BIN (default /usr/lib/postgresql/15/bin), run as
# the `postgres` user when this runs as root.
#
# Running M revisions in one transaction takes a lock per table: a server
# given by BENCH_DATABASE_URL needs max_locks_per_transaction to match.
#
# BASELINE names another retort binary (an older build, say): its
# `upgrade head` and no-op upgrade are measured beside this one's.
#
# usage: bench/migrate.sh [N] [M]
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD/bench
n=${1:-1000}
m=${2:-5000}
runs=${RUNS:-3}
cargo build --release -p retort-cli -q
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/retort
. "$here/server.sh"
bench_server 8192
counter=0
fresh_db() {
  counter=$((counter + 1))
  local name="bench_$$_$counter"
  psql -q -X "$admin_url" -c "CREATE DATABASE $name" >/dev/null
  echo "$base/$name"
}
drop_db() {
  psql -q -X "$admin_url" -c "DROP DATABASE ${1##*/}" >/dev/null
}
now() { python3 -c 'import time; print(time.perf_counter())'; }
median() { python3 -c 'import statistics,sys; print("%.3f" % statistics.median(float(x) for x in sys.argv[1:]))' "$@"; }

python3 "$here/gen_chain.py" "$work/p$n" "$n"
cd "$work/p$n"
ours=() floor=() baseline=()
for _ in $(seq "$runs"); do
  if [ -n "${BASELINE:-}" ]; then
    url=$(fresh_db)
    t0=$(now); "$BASELINE" -q --url "$url" upgrade head; t1=$(now)
    baseline+=("$(python3 -c "print($t1 - $t0)")")
    drop_db "$url"
  fi
  url=$(fresh_db)
  t0=$(now); "$bin" -q --url "$url" upgrade head; t1=$(now)
  ours+=("$(python3 -c "print($t1 - $t0)")")
  drop_db "$url"
  url=$(fresh_db)
  t0=$(now); "$bin" --url "$url" upgrade head --sql | psql -q -X -v ON_ERROR_STOP=1 "$url" -f - >/dev/null; t1=$(now)
  floor+=("$(python3 -c "print($t1 - $t0)")")
  drop_db "$url"
done
o=$(median "${ours[@]}"); f=$(median "${floor[@]}")
printf 'upgrade head, %d revisions (median of %d):\n' "$n" "$runs"
printf '  retort upgrade head            %8.3f s\n' "$o"
printf '  upgrade head --sql | psql      %8.3f s\n' "$f"
printf '  ratio                          %8.3f   (target <= 1.10)\n' "$(python3 -c "print($o / $f)")"
if [ -n "${BASELINE:-}" ]; then
  printf '  baseline upgrade head          %8.3f s\n' "$(median "${baseline[@]}")"
fi

python3 "$here/gen_chain.py" "$work/p$m" "$m"
cd "$work/p$m"
url=$(fresh_db)
t0=$(now); "$bin" -q --url "$url" upgrade head; t1=$(now)
printf 'upgrade head, %d revisions: %.3f s\n' "$m" "$(python3 -c "print($t1 - $t0)")"
printf 'no-op upgrade head at the head of %d revisions (median of 5): %s   (target < 50 ms)\n' \
  "$m" "$(python3 "$here/measure.py" --runs 5 "$bin" -q --url "$url" upgrade head)"
if [ -n "${BASELINE:-}" ]; then
  printf '  baseline: %s\n' "$(python3 "$here/measure.py" --runs 5 "$BASELINE" -q --url "$url" upgrade head)"
fi
drop_db "$url"
