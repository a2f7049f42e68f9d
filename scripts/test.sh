#!/usr/bin/env bash
# Runs every test: installs the npm tools and a Chromium for the browser tests, then `dotnet test`
# on the solution. The tests start and stop their own in-memory Azurite and fake servers.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/npm-install.sh
./scripts/install-chromium.sh
rm -rf TestResults
status=0
dotnet test CustomerPortal.slnx --configuration Debug --logger "trx" --results-directory TestResults || status=$?
node scripts/summarize-trx.mjs TestResults || status=1
exit $status
