#!/usr/bin/env bash
# Fleet speed, whole process, against a real PostgreSQL server: N (default
# 1,000) databases upgraded through a 3-revision history (a table, a check
# constraint, an index), by
#
#  1. the baseline a team has today: a shell loop running
#     `retort upgrade head --url URL` once per database, one after another;
#  2. `retort upgrade head --targets FILE --jobs J` for J in 1, 4 and 16
#     (JOBS to change the list).
#
# Prints targets per second and the peak memory (max RSS of the retort
# process; for the loop, of the largest single retort) of each. Between
# runs every database is taken back to base with a fleet downgrade (not
# measured).
#
# The server: BENCH_DATABASE_URL (a superuser URL; databases are created
# and dropped on it), or else a throwaway cluster started here with the
# PostgreSQL binaries in PG_BIN (default /usr/lib/postgresql/15/bin), run as
# the `postgres` user when this runs as root.
#
# usage: bench/fleet.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD/bench
n=${1:-1000}
jobs_list=${JOBS:-"1 4 16"}
cargo build --release -p retort-cli -q
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/retort
. "$here/server.sh"
bench_server 64
admin() { psql -q -X -v ON_ERROR_STOP=1 "$admin_url" "$@" >/dev/null; }

# Runs a command; prints "SECONDS MAX_RSS_KB" (the largest child's RSS).
timed() {
  python3 - "$@" <<'PY'
import resource, subprocess, sys, time
start = time.monotonic()
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
elapsed = time.monotonic() - start
print("%.3f %d" % (elapsed, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))
PY
}

project=$work/project
mkdir -p "$project/migrations/versions"
printf 'script_location = "migrations"\n' >"$project/retort.toml"
revision() {
  printf -- '-- step %s\n--\n-- Revision ID: %s\n-- Revises: %s\n-- Create Date: 2026-01-01 00:00:00\n\n-- retort:upgrade\n%s\n\n-- retort:downgrade\n%s\n' \
    "$1" "$1" "$2" "$3" "$4" >"$project/migrations/versions/$1_step.sql"
}
revision r1 "" "CREATE TABLE accounts (id int PRIMARY KEY, email text);" "DROP TABLE accounts;"
revision r2 r1 "ALTER TABLE accounts ADD CONSTRAINT email_present CHECK (email IS NOT NULL);" "ALTER TABLE accounts DROP CONSTRAINT email_present;"
revision r3 r2 "CREATE INDEX accounts_email ON accounts (email);" "DROP INDEX accounts_email;"

echo "creating $n databases..." >&2
for i in $(seq 1 "$n"); do echo "CREATE DATABASE bench_fleet_$i;"; done >"$work/create.sql"
admin -f "$work/create.sql"
for i in $(seq 1 "$n"); do echo "$base/bench_fleet_$i"; done >"$project/targets.txt"
cat >"$work/loop.sh" <<SH
#!/usr/bin/env bash
# The for-loop a team runs today.
while read -r url; do
  "$bin" -q upgrade head --url "\$url" || exit 1
done <"$project/targets.txt"
SH
chmod +x "$work/loop.sh"

reset() { (cd "$project" && "$bin" -q downgrade base --targets targets.txt --jobs 16 >/dev/null); }
report() {
  local what=$1 seconds=$2 rss=$3
  python3 -c 'import sys; n, s, r = int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]); print("%-28s %8.2f s %9.1f targets/s %8.1f MB max RSS" % (sys.argv[4], s, n / s, r / 1024))' "$n" "$seconds" "$rss" "$what"
}

echo "retort $("$bin" --version | cut -d' ' -f2), $n databases, 3 revisions each, $(nproc) CPUs"
read -r s rss < <(cd "$project" && timed "$work/loop.sh")
report "shell loop (sequential)" "$s" "$rss"
for jobs in $jobs_list; do
  reset
  read -r s rss < <(cd "$project" && timed "$bin" -q upgrade head --targets targets.txt --jobs "$jobs")
  report "fleet --jobs $jobs" "$s" "$rss"
done
# Every database at r3, or the figures mean nothing.
behind=$(cd "$project" && { "$bin" -q pending --targets targets.txt --json || true; } | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["behind"])')
[ "$behind" = 0 ] || { echo "error: $behind databases not at head" >&2; exit 1; }
