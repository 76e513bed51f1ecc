# Make sure Debian's Unbound is installed for the test that loads the RPZ block list into a
# real resolver. Sourced by scripts/test. Only the binary is needed: the test starts its
# own server on a free port of 127.0.0.1, with its own configuration, and stops it.

ensure_unbound() {
  if [ -x /usr/sbin/unbound ]; then
    return 0
  fi
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Unbound from Debian..." >&2
    apt-get update -qq >/dev/null
    # The package's own service is not started here (no init system); policy-rc.d may
    # refuse it, which is what we want.
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq unbound >/dev/null
  else
    echo "Unbound is not installed and this is not root: the RPZ test will be skipped." >&2
  fi
}
