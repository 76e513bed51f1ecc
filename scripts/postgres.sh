# Start a throw-away PostgreSQL on loopback for the tests, unless CYBERPOL_TEST_POSTGRES_URL is set.
# Sourced by scripts/test; installs Debian's postgresql package when the server is missing.

_pg_bin() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  return 1
}

_as_postgres_user() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_postgres() {
  if [ -n "${CYBERPOL_TEST_POSTGRES_URL:-}" ]; then
    return 0
  fi
  local bin
  if ! bin=$(_pg_bin); then
    if [ "$(id -u)" = 0 ]; then
      echo "Installing PostgreSQL from Debian..." >&2
      apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
      bin=$(_pg_bin)
    else
      echo "PostgreSQL is not installed and this is not root: PostgreSQL tests will be skipped." >&2
      return 0
    fi
  fi
  PG_TEST_DIR=$(mktemp -d /tmp/cyberpol-pg.XXXXXX)
  chmod 755 "$PG_TEST_DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$PG_TEST_DIR"
  local port=${CYBERPOL_TEST_POSTGRES_PORT:-54329}
  _as_postgres_user "$bin/initdb" -D "$PG_TEST_DIR/data" -U postgres -A trust -E UTF8 --no-locale >/dev/null
  _as_postgres_user "$bin/pg_ctl" -D "$PG_TEST_DIR/data" -l "$PG_TEST_DIR/log" -w start \
    -o "-h 127.0.0.1 -p $port -k $PG_TEST_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  _as_postgres_user "$bin/createdb" -h 127.0.0.1 -p "$port" -U postgres cyberpol_test
  export CYBERPOL_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$port/cyberpol_test"
  export PG_TEST_BIN="$bin" PG_TEST_DIR
  trap stop_test_postgres EXIT
}

stop_test_postgres() {
  if [ -n "${PG_TEST_DIR:-}" ]; then
    _as_postgres_user "$PG_TEST_BIN/pg_ctl" -D "$PG_TEST_DIR/data" -m fast stop >/dev/null 2>&1 || true
    rm -rf "$PG_TEST_DIR"
  fi
}
