# Make sure a Java runtime is on PATH for the Spark tests (local and standalone cluster).
# Sourced by scripts/test; installs Debian's headless OpenJDK 17 (what pyspark 4 needs) when
# java is missing, the way scripts/postgres.sh installs PostgreSQL.

ensure_java() {
  if command -v java >/dev/null 2>&1; then
    return 0
  fi
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Java (openjdk-17-jre-headless) from Debian..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  else
    echo "Java is not installed and this is not root: Spark tests will be skipped." >&2
  fi
}
