#!/usr/bin/env bash
# Installs the pinned npm tools (Azurite, axe-core, the ACS SMS and email SDKs) when package-lock.json changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "Node.js 20 or later (with npm) is required: https://nodejs.org" >&2
  exit 1
fi
if ! cmp -s package-lock.json node_modules/.portal-installed-lock 2>/dev/null; then
  npm ci --no-audit --no-fund --loglevel=error
  cp package-lock.json node_modules/.portal-installed-lock
fi
