// The portal's error page for an app's sign-in request it will not answer to the app (an unknown app, an address the app did
// not register, a malformed request): it says so here and never sends the customer to an address it cannot vouch for.
import { byId } from './dom.js';
import { setText } from './i18n.js';
import { initPage } from './page.js';

initPage();

// Marked with setText, so the reason follows a switch of language like the rest of the page.
const reasons = {
  invalid_client: 'oidc.error_invalid_client',
  invalid_request: 'oidc.error_invalid_request',
};

const error = new URLSearchParams(location.search).get('error');
// Own keys only: ?error=constructor must not find Object's.
setText(byId('oidc-error-reason'), Object.hasOwn(reasons, error ?? '') ? reasons[error] : reasons.invalid_request);
