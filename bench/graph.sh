#!/usr/bin/env bash
# Whole-process timings of the graph commands on a generated project of
# 5,000 revisions with branches and merges: `heads`, `history` and
# `upgrade head --sql`. Prints the median wall time of 5 runs and the peak
# memory next to the targets (50 ms, 30 MB), and next to Alembic when
# ALEMBIC names an `alembic` executable. BASELINE names another retort
# binary (an older build, say) to measure beside this one.
#
# usage: bench/graph.sh [N]
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD/bench
n=${1:-5000}
cargo build --release -p retort-cli -q
bin=${CARGO_TARGET_DIR:-$PWD/target}/release/retort
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 bench/gen_graph.py "$work" "$n" ${ALEMBIC:+--alembic}
cd "$work"

measure() { python3 "$here/measure.py" "$@"; }

printf '%-28s %-36s %-36s %-10s %s\n' "command ($n revisions)" "retort" "${BASELINE:+baseline}" "target" "${ALEMBIC:+alembic}"
# The floor: only opening and reading every file, which any tool must do.
printf '%-28s %-36s %-36s %-10s\n' "(floor: cat every file)" "$(measure sh -c 'cat migrations/versions/*.sql')" "" ""
for cmd in "heads" "history" "upgrade head --sql"; do
  # shellcheck disable=SC2086
  ours=$(measure "$bin" $cmd)
  baseline=""
  if [ -n "${BASELINE:-}" ]; then
    # shellcheck disable=SC2086
    baseline=$(measure "$BASELINE" $cmd)
  fi
  theirs=""
  if [ -n "${ALEMBIC:-}" ]; then
    # shellcheck disable=SC2086
    theirs=$(measure "$ALEMBIC" -c alembic/alembic.ini $cmd)
  fi
  printf '%-28s %-36s %-36s %-10s %s\n' "$cmd" "$ours" "$baseline" "50ms/30MB" "$theirs"
done
