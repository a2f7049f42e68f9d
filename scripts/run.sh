#!/usr/bin/env bash
# Runs the whole portal locally: Azurite (persisted under .azurite/) and the local host serving
# the static site and /api on http://localhost:7071 (setting LocalHost__Url).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/npm-install.sh
if [ ! -f local.settings.json ]; then
  cp local.settings.sample.json local.settings.json
  echo "Created local.settings.json from local.settings.sample.json (git-ignored; edit it freely)."
fi

azurite_pid=""
if (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null; then
  echo "Azurite (or another Table service) already answers on 127.0.0.1:10002; using it."
else
  mkdir -p .azurite
  node node_modules/azurite/dist/src/azurite.js --location .azurite --blobHost 127.0.0.1 --queueHost 127.0.0.1 --tableHost 127.0.0.1 \
    --skipApiVersionCheck --disableTelemetry --silent >.azurite/azurite.log 2>&1 &
  azurite_pid=$!
  trap 'kill $azurite_pid 2>/dev/null || true' EXIT
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.1; done
  echo "Azurite started (data in .azurite/, log in .azurite/azurite.log)."
fi

dotnet run --project src/LocalHost --configuration Debug
