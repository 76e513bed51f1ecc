# Make sure Debian's Chromium is at /usr/bin/chromium for the browser (Playwright) tests.
# Sourced by scripts/test; installs Debian's chromium package when it is missing, the way
# scripts/java.sh installs Java (`playwright install` downloads its own browsers, which this
# project does not use).

ensure_chromium() {
  if [ -x /usr/bin/chromium ]; then
    return 0
  fi
  if [ "$(id -u)" = 0 ]; then
    echo "Installing Chromium from Debian..." >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is not installed and this is not root: browser tests will be skipped." >&2
  fi
}
