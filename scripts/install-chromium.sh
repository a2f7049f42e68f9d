#!/usr/bin/env bash
# Makes a Chromium available to the browser tests and prints nothing else when one is there.
# Debian/Ubuntu as root: the distribution's chromium package. Elsewhere: Playwright's own browser.
# The browser tests read PORTAL_CHROMIUM (default /usr/bin/chromium when it exists).
set -euo pipefail
if [ -n "${PORTAL_CHROMIUM:-}" ] && [ -x "$PORTAL_CHROMIUM" ]; then exit 0; fi
if command -v chromium >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian's chromium package for the browser tests..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  exit 0
fi
echo "No Chromium found: installing Playwright's Chromium (needs internet)..."
npx --yes playwright@1.64.1 install chromium
