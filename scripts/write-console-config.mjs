#!/usr/bin/env node
// azd predeploy hook (azure.yaml): writes the support console's sign-in settings into the static site's config.json before the
// site is deployed. azd passes the deployment's outputs as environment variables: SUPPORT_TENANT_ID, SUPPORT_API_APP_ID,
// SUPPORT_CONSOLE_CLIENT_ID (infra/main.bicep). Every other member of config.json is kept as it is.
// Usage: node scripts/write-console-config.mjs [path to config.json]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const path = process.argv[2] ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'src', 'StaticSite', 'config.json');
const settings = {
  tenantId: process.env.SUPPORT_TENANT_ID ?? '',
  clientId: process.env.SUPPORT_CONSOLE_CLIENT_ID ?? '',
  apiAppId: process.env.SUPPORT_API_APP_ID ?? '',
};
const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const given = Object.entries(settings).filter(([, value]) => value !== '');
if (given.length > 0 && given.length < 3) {
  console.error(`Support console: set all of SUPPORT_TENANT_ID, SUPPORT_API_APP_ID and SUPPORT_CONSOLE_CLIENT_ID, or none (docs/support.md).`);
  process.exit(1);
}
for (const [name, value] of given) {
  if (!guid.test(value)) {
    console.error(`Support console: ${name} must be a GUID, not "${value}".`);
    process.exit(1);
  }
}
const config = JSON.parse(readFileSync(path, 'utf8'));
config.supportConsole = settings;
writeFileSync(path, JSON.stringify(config, null, 2) + '\n');
console.log(given.length === 0
  ? 'Support console: no Entra ID settings; the console stays unconfigured (docs/support.md).'
  : `Support console: signs in with tenant ${settings.tenantId}.`);
