// The same-site hop (oidc-continue.html): an app's page sent the browser to the portal's authorization or end-session endpoint,
// and the SameSite=Strict session cookie did not come along on that cross-site navigation. Navigating again from this page,
// which is the portal's own, brings it. `portal_hop` tells the endpoint this hop is done, so there is never a second one.
import { byId } from './dom.js';
import { initPage } from './page.js';
import { returnAddress } from './return-to.js';

initPage();

const back = returnAddress({ endSession: true });
if (back) {
  const next = `${back}&portal_hop=1`;
  byId('continue-link').href = next;
  location.replace(next);
} else {
  byId('continue-text').hidden = true;
  byId('continue-invalid').hidden = false;
}
