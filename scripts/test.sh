#!/usr/bin/env bash
# The whole test suite, from a fresh machine: formatting, lints, then every
# test. Tests that need PostgreSQL start their own throwaway cluster from the
# server binaries (see crates/testkit), so the binaries must be installed;
# RETORT_TEST_DATABASE_URL may name an existing server instead.
set -euo pipefail
cd "$(dirname "$0")/.."

pg_bindir() {
  for d in /usr/lib/postgresql/*/bin; do
    [ -x "$d/initdb" ] && { echo "$d"; return 0; }
  done
  command -v pg_config >/dev/null 2>&1 && [ -x "$(pg_config --bindir)/initdb" ] && { pg_config --bindir; return 0; }
  return 1
}

if [ -z "${RETORT_TEST_DATABASE_URL:-}" ] && ! pg_bindir >/dev/null; then
  echo "PostgreSQL server binaries not found; installing them" >&2
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  else
    echo "error: install PostgreSQL (initdb, pg_ctl) or set RETORT_TEST_DATABASE_URL" >&2
    exit 1
  fi
fi

# `retort lint` reads SQL with PostgreSQL's own parser (libpg_query, through
# the pg_query crate), whose Rust bindings bindgen generates at build time:
# that needs libclang and clang's own headers.
has_libclang() {
  compgen -G "/usr/lib/llvm-*/lib/libclang*.so*" >/dev/null \
    || compgen -G "/usr/lib/*/libclang*.so*" >/dev/null \
    || { [ -n "${LIBCLANG_PATH:-}" ] && compgen -G "$LIBCLANG_PATH/libclang*.so*" >/dev/null; }
}
if ! has_libclang; then
  echo "libclang not found; installing it (needed to build the lint feature)" >&2
  if [ "$(id -u)" = 0 ]; then
    # The library and clang's own headers are all bindgen needs (about 50
    # MB, where libclang-dev pulls in 300 MB of static libraries); where
    # those package names do not exist (another release), libclang-dev.
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libclang1-14 libclang-common-14-dev >/dev/null 2>&1 \
      || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libclang-dev >/dev/null
  else
    echo "error: install libclang (apt-get install libclang-dev), or set LIBCLANG_PATH" >&2
    exit 1
  fi
fi

# The rename question is tested on a pseudo-terminal that script(1) provides.
if ! command -v script >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq bsdutils >/dev/null
  else
    echo "error: install script(1) (util-linux / bsdutils)" >&2
    exit 1
  fi
fi

# SQLAlchemy, Alembic and pgvector are tested for real: the test support
# makes a virtual environment with them from the package index
# (crates/testkit/python-requirements.txt), so python3 needs venv and pip.
if [ -z "${RETORT_TEST_PYTHON:-}" ] && ! python3 -m venv --help >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3 python3-venv python3-pip >/dev/null
  else
    echo "error: install python3 with venv, or set RETORT_TEST_PYTHON" >&2
    exit 1
  fi
fi

# `retort graph`'s SVG is checked in a real headless browser.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
  else
    echo "error: install Chromium (apt-get install chromium) for the SVG test" >&2
    exit 1
  fi
fi

cargo fmt --all -- --check
cargo clippy --workspace --all-targets --locked -- -D warnings
# The library's feature sets an application would pick: one database
# without autogenerate, and the other with it. Each must build with no
# warning.
cargo clippy -p retort --locked --no-default-features --features sqlite -- -D warnings
cargo clippy -p retort --locked --no-default-features --features postgres,autogenerate -- -D warnings
cargo test --workspace --locked --no-fail-fast
