#!/usr/bin/env bash
# Runs the whole portal locally: Azurite (persisted under .azurite/) and the local host serving
# the static site and /api on http://localhost:7071 (setting LocalHost__Url).
# With --samples, also the two sample apps that sign in through it (samples/README.md): the Inventory Portal on
# http://127.0.0.1:5101 and the Claims Portal on http://127.0.0.1:5102, registered in local.settings.sample.json.
set -euo pipefail
cd "$(dirname "$0")/.."
samples=false
for argument in "$@"; do
  case "$argument" in
    --samples) samples=true ;;
    *) echo "usage: $0 [--samples]" >&2; exit 2 ;;
  esac
done
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
  for _ in $(seq 1 100); do (exec 3<>/dev/tcp/127.0.0.1/10002) 2>/dev/null && break; sleep 0.1; done
  echo "Azurite started (data in .azurite/, log in .azurite/azurite.log)."
fi

sample_pids=""
trap 'kill $azurite_pid $sample_pids 2>/dev/null || true' EXIT

if [ "$samples" = true ]; then
  if ! grep -q '"Oidc__Clients__0__ClientId": "inventory-portal"' local.settings.json; then
    echo "local.settings.json does not register the sample apps: copy the Oidc__Clients__* lines from local.settings.sample.json." >&2
  fi
  mkdir -p .azurite
  for sample in InventoryPortal ClaimsPortal; do
    dotnet build "samples/$sample" --configuration Debug --nologo -v q
    dotnet run --project "samples/$sample" --configuration Debug --no-build >".azurite/$sample.log" 2>&1 &
    sample_pids="$sample_pids $!"
  done
  echo "Inventory Portal: http://127.0.0.1:5101 · Claims Portal: http://127.0.0.1:5102 (logs in .azurite/*Portal.log)."
fi

dotnet run --project src/LocalHost --configuration Debug
