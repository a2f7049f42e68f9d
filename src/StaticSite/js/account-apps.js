// The account page's "Your apps" (section #apps): the portal's apps that sign customers in through this service, from
// GET /api/oidc/apps (each with a start page in its registration); the section stays hidden when none is configured.
import { api } from './api.js';
import { byId, element, safeHttpUrl } from './dom.js';

async function showApps() {
  let apps;
  try {
    apps = await api('oidc/apps');
  } catch {
    return; // The links are a convenience: without them the page still works.
  }
  const links = apps
    .map((app) => ({ name: app.name, url: safeHttpUrl(app.url) }))
    .filter((app) => app.name && app.url)
    .map((app) => element('li', {}, element('a', { class: 'standalone-link', href: app.url }, app.name)));
  if (links.length > 0) {
    byId('apps-list').replaceChildren(...links);
    byId('apps').hidden = false;
  }
}

showApps();
